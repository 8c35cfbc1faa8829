# planrep build, as far as it goes: validates and evaluates every plan, writes nothing, says so.
. "$(dirname "$0")/lib.bash"

cp -r "$src/input" "$tmp/input"
mkdir "$tmp/output"
cd "$tmp" || exit 1
expect_exit 0 "$planrep" build
expect_grep "$tmp/out" "validated and evaluated 5 plans, 0 invalid"
expect_grep "$tmp/out" "not built yet"
for id in shangqiu pingdingshan guancheng yongqiao yuncheng; do
	expect_grep "$tmp/out" "input/plans/$id.xml"
done
[ -z "$(ls -A "$tmp/output")" ] || { echo "FAIL: build wrote into output/"; fails=$((fails + 1)); }

# a broken plan: reported with file:line, the others still evaluated, exit 65
printf '<plan xmlns="urn:planrep:plan" id="bad">\n<meta>\n</plan>\n' >"$tmp/input/plans/bad.xml"
expect_exit 65 "$planrep" build
expect_grep "$tmp/err" "input/plans/bad.xml:3:"
expect_grep "$tmp/out" "validated and evaluated 6 plans, 1 invalid"
expect_grep "$tmp/out" "OK       input/plans/yuncheng.xml"

expect_exit 65 "$planrep" build --input "$tmp/nowhere"
expect_grep "$tmp/err" "cannot read $tmp/nowhere/plans"
finish
