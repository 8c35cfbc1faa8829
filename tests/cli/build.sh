# planrep build: validates and evaluates every plan, writes output/<id>/plan.pdf for each, isolates
# a broken plan, and leaves no partial file.
. "$(dirname "$0")/lib.bash"

cp -r "$src/input" "$tmp/input"
mkdir "$tmp/output"
cd "$tmp" || exit 1
expect_exit 0 "$planrep" build
expect_grep "$tmp/out" "5 plans, 5 products built, 0 failed"
for id in shangqiu pingdingshan guancheng yongqiao yuncheng; do
	expect_grep "$tmp/out" "OK       input/plans/$id.xml"
	expect_grep "$tmp/out" "BUILT    output/$id/plan.pdf"
	if ! pdfinfo "$tmp/output/$id/plan.pdf" >/dev/null 2>&1; then
		echo "FAIL: output/$id/plan.pdf is not a PDF"
		fails=$((fails + 1))
	fi
done
# nothing but the products: no temporary files left behind
extra=$(find "$tmp/output" -type f ! -name plan.pdf)
[ -z "$extra" ] || { echo "FAIL: unexpected files in output/: $extra"; fails=$((fails + 1)); }

# a broken plan: reported with file:line, the others still built, exit 1
printf '<plan xmlns="urn:planrep:plan" id="bad">\n<meta>\n</plan>\n' >"$tmp/input/plans/bad.xml"
expect_exit 1 "$planrep" build
expect_grep "$tmp/err" "input/plans/bad.xml:3:"
expect_grep "$tmp/out" "6 plans, 5 products built, 1 failed"
expect_grep "$tmp/out" "BUILT    output/yuncheng/plan.pdf"
[ ! -e "$tmp/output/bad" ] || { echo "FAIL: output/bad exists"; fails=$((fails + 1)); }

expect_exit 65 "$planrep" build --input "$tmp/nowhere"
expect_grep "$tmp/err" "cannot read $tmp/nowhere/plans"
finish
