# planrep build with the default manifest (input/build.xml): every product of DESIGN.md's contract for
# every plan, the comparison, output/index.html; a broken plan is reported with file:line and fails its
# own products and the comparison that needs it, exit 1.
# (tests/build/ checks the batch build's machinery with a manifest of its own.)
. "$(dirname "$0")/lib.bash"

cp -r "$src/input" "$tmp/input"
mkdir "$tmp/output"
cd "$tmp" || exit 1
expect_exit 0 "$planrep" build
expect_grep "$tmp/out" "22 products: 22 built, 0 up to date, 0 failed"
for id in shangqiu pingdingshan guancheng yongqiao yuncheng; do
	expect_grep "$tmp/out" "BUILT    $id/plan.pdf"
	for f in plan.pdf plan-modern.pdf briefing-2024Q4.pdf; do
		if ! pdfinfo "$tmp/output/$id/$f" >/dev/null 2>&1; then
			echo "FAIL: output/$id/$f is not a PDF"
			fails=$((fails + 1))
		fi
		expect_grep "$tmp/output/index.html" "href=\"$id/$f\""
	done
	for f in charts/life-expectancy.svg charts/life-expectancy.png; do
		[ -s "$tmp/output/$id/$f" ] || { echo "FAIL: output/$id/$f missing"; fails=$((fails + 1)); }
	done
done
for f in comparison.pdf charts/compare-life-expectancy.svg charts/compare-life-expectancy.png; do
	[ -s "$tmp/output/$f" ] || { echo "FAIL: output/$f missing"; fails=$((fails + 1)); }
done
# the data warnings, each once
expect_grep "$tmp/err" "input/plans/yuncheng.xml:173: warning:"
[ "$(grep -c 'yuncheng.xml:173' "$tmp/err")" = 1 ] || { echo "FAIL: a warning printed twice"; fails=$((fails + 1)); }
# nothing but the products, the index, the state and the thumbnails: no temporary files left behind
extra=$(find "$tmp/output" -type f ! -name '*.pdf' ! -name '*.svg' ! -name '*.png' ! -name index.html \
	! -name .planrep-state ! -path "$tmp/output/.thumbs/*")
[ -z "$extra" ] || { echo "FAIL: unexpected files in output/: $extra"; fails=$((fails + 1)); }

# a broken plan: reported with file:line, the others up to date, exit 1
printf '<plan xmlns="urn:planrep:plan" id="bad">\n<meta>\n</plan>\n' >"$tmp/input/plans/bad.xml"
expect_exit 1 "$planrep" build
expect_grep "$tmp/err" "input/plans/bad.xml:3:"
expect_grep "$tmp/out" "FAILED   bad/plan.pdf"
expect_grep "$tmp/out" "FAILED   comparison.pdf"
expect_grep "$tmp/out" "26 products: 0 built, 20 up to date, 6 failed"
[ ! -e "$tmp/output/bad" ] || { echo "FAIL: output/bad exists"; fails=$((fails + 1)); }

expect_exit 65 "$planrep" build --input "$tmp/nowhere"
expect_grep "$tmp/err" "cannot read $tmp/nowhere/plans"
expect_exit 2 "$planrep" build -j 0
expect_exit 2 "$planrep" build extra
finish
