# planrep chart: standalone charts as SVG, PNG and PDF at their sizes; a document's charts one file
# each; bad chart data (exit 65, file:line, nothing written); bad usage (2); an output that cannot be
# written (1); and a chart on a document's PDF page drawn by the same code as the standalone one.
. "$(dirname "$0")/lib.bash"

charts="$src/tests/chart"
check() {
	# check DESCRIPTION COMMAND...: the command must succeed
	local what=$1
	shift
	if ! "$@" >/dev/null 2>&1; then
		echo "FAIL: $what"
		fails=$((fails + 1))
	fi
}

# SVG: well-formed, a 16:9 viewBox in points by default
expect_exit 0 "$planrep" chart "$charts/line.xml" -o "$tmp/line.svg"
check "line.svg is well-formed" xmllint --noout "$tmp/line.svg"
expect_grep "$tmp/line.svg" 'width="960pt" height="540pt" viewBox="0 0 960 540"'
expect_exit 0 "$planrep" chart "$charts/line.xml" -o "$tmp/big.svg" --size 1920x1080
expect_grep "$tmp/big.svg" 'viewBox="0 0 1920 1080"'

# PNG: 1920 x 1080 pixels by default, --size in pixels, --scale pixels per point, the chart's own size
expect_exit 0 "$planrep" chart "$charts/bar.xml" -o "$tmp/bar.png"
file "$tmp/bar.png" >"$tmp/file"
expect_grep "$tmp/file" "1920 x 1080"
expect_exit 0 "$planrep" chart "$charts/bar.xml" -o "$tmp/small.png" --size 1280x720
file "$tmp/small.png" >"$tmp/file"
expect_grep "$tmp/file" "1280 x 720"
expect_exit 0 "$planrep" chart "$charts/bar.xml" -o "$tmp/one.png" --scale 1
file "$tmp/one.png" >"$tmp/file"
expect_grep "$tmp/file" "960 x 540"
printf '<chart xmlns="urn:planrep:doc" kind="bar" width="12cm" height="6cm">\n<series><point label="a" value="1"/></series>\n</chart>\n' >"$tmp/sized.xml"
expect_exit 0 "$planrep" chart "$tmp/sized.xml" -o "$tmp/sized.png"
file "$tmp/sized.png" >"$tmp/file"
expect_grep "$tmp/file" "680 x 340"		# 12 x 6 cm = 340.2 x 170.1 pt, twice over
expect_exit 0 "$planrep" chart "$charts/bar.xml" -o "$tmp/bar.out" --format png
file "$tmp/bar.out" >"$tmp/file"
expect_grep "$tmp/file" "PNG image data"

# PDF: one page at the chart's size, its words extractable, sample data saying so
expect_exit 0 "$planrep" chart "$charts/hbar.xml" -o "$tmp/hbar.pdf"
pdfinfo "$tmp/hbar.pdf" >"$tmp/info"
expect_grep "$tmp/info" "960 x 540 pts"
[ "$(awk '/^Pages:/ { print $2 }' "$tmp/info")" = 1 ] || { echo "FAIL: hbar.pdf is not one page"; fails=$((fails + 1)); }
pdftotext "$tmp/hbar.pdf" "$tmp/hbar.txt"
expect_grep "$tmp/hbar.txt" "婴儿死亡率"
expect_grep "$tmp/hbar.txt" "示例数据"
expect_grep "$tmp/hbar.txt" "数据来源：监测数据（示例）"
expect_grep "$tmp/hbar.txt" "越低越好"

# the geometry dump, on standard output
expect_exit 0 "$planrep" chart "$charts/many.xml" -o "$tmp/many.svg" --dump-geometry -
expect_grep "$tmp/out" "chart bar 960.00 x 540.00"
expect_grep "$tmp/out" "decision category labels rotated 45"
expect_grep "$tmp/out" 'label category'
expect_no_grep "$tmp/out" "dropped"

# a document: each chart into its own numbered file, in document order
mkdir -p "$tmp/doc"
expect_exit 0 "$planrep" chart "$charts/document.xml" -o "$tmp/doc/slide.svg"
[ -e "$tmp/doc/slide-001.svg" ] && [ -e "$tmp/doc/slide-002.svg" ] && [ ! -e "$tmp/doc/slide-003.svg" ] &&
    [ ! -e "$tmp/doc/slide.svg" ] || { echo "FAIL: document charts: $(ls "$tmp/doc")"; fails=$((fails + 1)); }
expect_grep "$tmp/doc/slide-001.svg" 'viewBox="0 0 320 180"'

# no data: drawn as 无数据, with a warning, exit 0
expect_exit 0 "$planrep" chart "$charts/empty.xml" -o "$tmp/empty.svg" --dump-geometry -
expect_grep "$tmp/err" "empty.xml:3: warning: the chart has no data points"
expect_grep "$tmp/out" '"无数据 / no data"'

# bad data: exit 65, file:line naming the element, and nothing written (nor a temporary file)
mkdir -p "$tmp/dest"
bad() {
	# bad NAME LINE MESSAGE: the chart in $tmp/NAME.xml fails at LINE saying MESSAGE
	expect_exit 65 "$planrep" chart "$tmp/$1.xml" -o "$tmp/dest/$1.svg"
	expect_grep "$tmp/err" "$1.xml:$2: error: $3"
	[ -z "$(ls -A "$tmp/dest")" ] || { echo "FAIL: $1: files left: $(ls -A "$tmp/dest")"; fails=$((fails + 1)); }
}
printf '<chart xmlns="urn:planrep:doc" kind="bar">\n<series>\n<point label="a" value="1"/>\n<point label="b" value="12.5万"/>\n</series>\n</chart>\n' >"$tmp/nan.xml"
bad nan 4 '<point> value="12.5万" is not a number (write a plain decimal such as 78.5)'
printf '<chart xmlns="urn:planrep:doc" kind="line">\n<series>\n<point x="2020" y="1"/>\n<point x="二〇二一" y="2"/>\n</series>\n</chart>\n' >"$tmp/period.xml"
bad period 4 '<point> x="二〇二一" is not a period'
printf '<chart xmlns="urn:planrep:doc" kind="bar">\n<axis name="y" min="0" max="100"/>\n<series>\n<point label="a" value="1500"/>\n</series>\n</chart>\n' >"$tmp/range.xml"
bad range 4 "<point> value 1500 is outside the y axis range 0 to 100 (line 2)"
printf '<chart xmlns="urn:planrep:doc" kind="line">\n<series><point x="2020" y="1"/></series>\n<reference kind="trajectory"/>\n</chart>\n' >"$tmp/traj.xml"
bad traj 3 "a trajectory runs from the baseline to the target"
printf '<chart xmlns="urn:planrep:doc" kind="dumbbell">\n<series><point x="a" y="1"/></series>\n</chart>\n' >"$tmp/dumb.xml"
bad dumb 1 "a dumbbell chart needs two series"
printf '<chart xmlns="urn:planrep:doc" kind="line">\n<series><point x="2020" y="1"/></series>\n<reference kind="baseline" value="1" at="base"/>\n</chart>\n' >"$tmp/at.xml"
bad at 3 '<reference> at="base" is not a period'
printf '<chart xmlns="urn:planrep:doc" kind="pie"/>\n' >"$tmp/kind.xml"
bad kind 1 '<chart> kind="pie" is none of bar, hbar, line, bullet, dumbbell, kpi'
# an element of ours that a chart does not hold
printf '<chart xmlns="urn:planrep:doc" kind="bar">\n<series><point label="a" value="1"/></series>\n<legend/>\n</chart>\n' >"$tmp/schema.xml"
bad schema 3 "<legend> is not part of a chart"
printf '<chart xmlns="urn:planrep:doc" kind="bar">\n<series><point label="a" value="1"/>\n' >"$tmp/broken.xml"
bad broken 3:1 "Premature end of data"
printf '<document xmlns="urn:planrep:doc">\n<p>没有图表</p>\n</document>\n' >"$tmp/nochart.xml"
bad nochart 1 "the document has no <chart>"
printf '<plan xmlns="urn:planrep:plan"/>\n' >"$tmp/plan.xml"
bad plan 1 "expected a <chart> or a <document> element"
expect_exit 65 "$planrep" chart "$tmp/missing.xml" -o "$tmp/dest/missing.svg"
expect_grep "$tmp/err" "missing.xml"
# one bad chart in a document: none of the document's charts is written
printf '<document xmlns="urn:planrep:doc">\n<chart kind="bar"><series><point label="a" value="1"/></series></chart>\n<chart kind="line"><series><point x="后年" y="1"/></series></chart>\n</document>\n' >"$tmp/halfbad.xml"
bad halfbad 3 '<point> x="后年" is not a period'

# bad usage: exit 2
expect_exit 2 "$planrep" chart
expect_grep "$tmp/err" "chart: no chart file given"
expect_exit 2 "$planrep" chart "$charts/bar.xml"
expect_grep "$tmp/err" "no output given"
expect_exit 2 "$planrep" chart "$charts/bar.xml" -o "$tmp/x.gif"
expect_exit 2 "$planrep" chart "$charts/bar.xml" -o "$tmp/x.svg" --format tiff
expect_exit 2 "$planrep" chart "$charts/bar.xml" -o "$tmp/x.svg" --size 1920
expect_exit 2 "$planrep" chart "$charts/bar.xml" -o "$tmp/x.svg" --size 0x0
expect_exit 2 "$planrep" chart "$charts/bar.xml" -o "$tmp/x.svg" --scale 2
expect_grep "$tmp/err" "--scale is for PNG"
expect_exit 2 "$planrep" chart "$charts/bar.xml" -o "$tmp/x.png" --scale 100
expect_exit 2 "$planrep" chart "$charts/bar.xml" "$charts/line.xml" -o "$tmp/x.svg"
expect_exit 2 "$planrep" chart --frobnicate
expect_exit 0 "$planrep" chart --help
expect_grep "$tmp/out" "usage: planrep chart CHART.xml -o OUT"
expect_grep "$tmp/out" "Exit status: 0 ok, 1 the output could not be written, 2 bad usage, 65 bad chart data."

# an output that cannot be written: exit 1, nothing left behind
expect_exit 1 "$planrep" chart "$charts/bar.xml" -o "$tmp/nosuchdir/x.svg"
expect_grep "$tmp/err" "cannot create a file beside it"
mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	expect_exit 1 "$planrep" chart "$charts/bar.xml" -o "$tmp/ro/x.png"
	[ -z "$(ls -A "$tmp/ro")" ] || { echo "FAIL: files left in ro/"; fails=$((fails + 1)); }
fi
chmod 755 "$tmp/ro"

# one drawing: the charts of a document laid out on a PDF page carry the words the standalone
# charts place (the geometry), and layout says the chart stage draws them
expect_exit 0 "$planrep" chart "$charts/document.xml" -o "$tmp/doc/g.pdf" --dump-geometry "$tmp/doc.geometry"
expect_exit 0 "$planrep" render "$charts/document.xml" -o "$tmp/doc/page.pdf" --dump-layout "$tmp/doc.layout"
expect_grep "$tmp/doc.layout" "placeholder chart"
expect_grep "$tmp/doc.layout" "(drawn by the chart stage)"
pdftotext "$tmp/doc/page.pdf" "$tmp/page.txt"
sed -n 's/^label [a-z-]* [-0-9. ]*\(rotate [-0-9]* \)\{0,1\}"\(.*\)"$/\2/p' "$tmp/doc.geometry" |
    sed 's/" \/ "/\n/g' | while IFS= read -r word; do
	grep -qF -- "$word" "$tmp/page.txt" || echo "missing: $word"
done >"$tmp/missing"
[ ! -s "$tmp/missing" ] || { echo "FAIL: words of the charts not on the page:"; cat "$tmp/missing"; fails=$((fails + 1)); }
# One indicator of a plan, by catalog id or sequence number, in each kind
plan="$src/input/plans/shangqiu.xml"
for k in line bullet kpi; do
	expect_exit 0 "$planrep" chart --plan "$plan" --indicator life-expectancy --kind "$k" -o "$tmp/ind-$k.svg"
	xmllint --noout "$tmp/ind-$k.svg" || { echo "FAIL: ind-$k.svg is not well-formed"; fails=$((fails + 1)); }
	expect_grep "$tmp/ind-$k.svg" "viewBox=\"0 0 960 540\""
done
expect_exit 0 "$planrep" chart --plan "$plan" --indicator 9 -o "$tmp/ind-9.pdf"
pdftotext "$tmp/ind-9.pdf" "$tmp/ind-9.txt"
expect_grep "$tmp/ind-9.txt" "每千常住人口医疗卫生机构床位数"
expect_grep "$tmp/ind-9.txt" "示例数据"
expect_exit 65 "$planrep" chart --plan "$plan" --indicator nosuch -o "$tmp/none.svg"
expect_grep "$tmp/err" "no indicator \"nosuch\""
[ ! -e "$tmp/none.svg" ] || { echo "FAIL: none.svg written"; fails=$((fails + 1)); }
expect_exit 2 "$planrep" chart --plan "$plan" -o "$tmp/x.svg"
expect_exit 2 "$planrep" chart --plan "$plan" --indicator 1 --kind pie -o "$tmp/x.svg"
expect_exit 2 "$planrep" chart "$src/tests/chart/bar.xml" --indicator 1 -o "$tmp/x.svg"
finish
