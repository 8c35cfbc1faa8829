# A broken plan fails its own products and the products of all plans, with file:line; every other
# product is built; exit 1. Mended, it builds, and what was built meanwhile stays up to date.
. "$(dirname "$0")/lib.bash"
setup yongqiao yuncheng

cp "$tmp/input/plans/yuncheng.xml" "$tmp/input/plans/bad.xml"
sed -i 's/id="yuncheng"/id="bad"/; 0,/<title>/s/<title>/<title><oops\/>/' "$tmp/input/plans/bad.xml"
line=$(grep -n '<oops/>' "$tmp/input/plans/bad.xml" | head -1 | cut -d: -f1)
expect_exit 1 "$planrep" build -j2
expect_grep "$tmp/err" "input/plans/bad.xml:$line:"
expect_grep "$tmp/out" "FAILED   bad/summary-{period}.pdf  (summary/bad)"
expect_grep "$tmp/out" "FAILED   overview.pdf  (overview)"
expect_grep "$tmp/err" "overview needs every one of its 3 plans, and 1 could not be used"
expect_grep "$tmp/out" "7 products: 4 built, 0 up to date, 3 failed"
for f in yongqiao/summary-2024Q4.pdf yuncheng/summary-2024Q4.pdf yuncheng/charts/life-expectancy.svg; do
	check "$f built" test -s "$tmp/output/$f"
done
check "no output for bad" test ! -e "$tmp/output/bad"
check "no overview" test ! -e "$tmp/output/overview.pdf"
expect_grep "$tmp/output/index.html" "本次生成失败"
no_temporary "$tmp/output"

# a plan whose id is not its file name
cp "$tmp/input/plans/yongqiao.xml" "$tmp/input/plans/other.xml"
expect_exit 1 "$planrep" build -j2
expect_grep "$tmp/err" "the plan's id is \"yongqiao\", but its file is named other.xml"
rm "$tmp/input/plans/other.xml"

# mended: the failed products are built; the others were up to date all along
cp "$tmp/input/plans/yuncheng.xml" "$tmp/input/plans/bad.xml"
sed -i 's/id="yuncheng"/id="bad"/' "$tmp/input/plans/bad.xml"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "7 products: 3 built, 4 up to date, 0 failed"
check "overview built" test -s "$tmp/output/overview.pdf"

# a template that does not compile fails its products only
printf 'not xml' >"$tmp/input/overview.xsl"
expect_exit 1 "$planrep" build -j2 --force
expect_grep "$tmp/err" "overview.xsl"
expect_grep "$tmp/out" "6 built, 0 up to date, 1 failed"

# no plans folder: bad input
expect_exit 65 "$planrep" build --input "$tmp/nowhere"
expect_grep "$tmp/err" "cannot read $tmp/nowhere/plans"
finish
