# planrep render: a hand-written document and a template, to PDF, SVG and PNG; nothing left behind
# when it fails.
. "$(dirname "$0")/lib.bash"

doc="$src/docs/examples/hello.xml"
expect_exit 0 "$planrep" render "$doc" -o "$tmp/hello.pdf"
pages=$(pdfinfo "$tmp/hello.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" = 3 ] || { echo "FAIL: hello.pdf has $pages pages, expected 3"; fails=$((fails + 1)); }
pdftotext "$tmp/hello.pdf" "$tmp/hello.txt"
expect_grep "$tmp/hello.txt" "总体情况"
pdfinfo "$tmp/hello.pdf" >"$tmp/info"
expect_grep "$tmp/info" "Creator:"

# SVG and PNG: one file per page, well-formed, at the size asked
# a folder that does not exist is not made up: exit 1
expect_exit 1 "$planrep" render "$doc" -o "$tmp/svg/hello.svg"
expect_grep "$tmp/err" "cannot create a file beside it"
mkdir -p "$tmp/svg" "$tmp/png"
expect_exit 0 "$planrep" render "$doc" -o "$tmp/svg/hello.svg"
for n in 001 002 003; do
	xmllint --noout "$tmp/svg/hello-$n.svg" 2>>"$tmp/xmllint" || { echo "FAIL: hello-$n.svg is not well-formed"; fails=$((fails + 1)); }
done
[ ! -e "$tmp/svg/hello-004.svg" ] || { echo "FAIL: a fourth SVG page"; fails=$((fails + 1)); }
expect_exit 0 "$planrep" render "$doc" -o "$tmp/png/page" --format png --dpi 72
file "$tmp/png/page-001.png" >"$tmp/file"
expect_grep "$tmp/file" "595 x 842"

# the layout dump says what it placed and why lines broke
expect_exit 0 "$planrep" render "$doc" -o "$tmp/x.pdf" --dump-layout -
expect_grep "$tmp/out" "page 1 number 0 title"
expect_grep "$tmp/out" "placeholder"
expect_grep "$tmp/out" "outline 1"

# a bad document: file:line, exit 65, and no output file nor temporary file
printf '<document xmlns="urn:planrep:doc">\n<p>一<b>二</p>\n</document>\n' >"$tmp/bad.xml"
mkdir -p "$tmp/dest"
expect_exit 65 "$planrep" render "$tmp/bad.xml" -o "$tmp/dest/bad.pdf"
expect_grep "$tmp/err" "bad.xml:2:"
[ -z "$(ls -A "$tmp/dest")" ] || { echo "FAIL: files left in dest/: $(ls -A "$tmp/dest")"; fails=$((fails + 1)); }

# a folder that cannot be written: exit 1, nothing written
mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	expect_exit 1 "$planrep" render "$doc" -o "$tmp/ro/x.pdf"
	[ -z "$(ls -A "$tmp/ro")" ] || { echo "FAIL: files left in ro/"; fails=$((fails + 1)); }
fi
chmod 755 "$tmp/ro"

# a template applied to a plan, with a parameter; a bad parameter is bad usage
expect_exit 0 "$planrep" render "$src/templates/plan.xsl" "$src/input/plans/yongqiao.xml" -o "$tmp/y.pdf" --param theme=gbt9704
expect_exit 65 "$planrep" render "$src/templates/plan.xsl" "$src/input/plans/yongqiao.xml" -o "$tmp/y2.pdf" --param theme=nosuch
[ ! -e "$tmp/y2.pdf" ] || { echo "FAIL: y2.pdf written"; fails=$((fails + 1)); }
expect_exit 2 "$planrep" render "$doc" -o "$tmp/x.pdf" --param theme=x
expect_exit 2 "$planrep" render "$doc"
expect_exit 2 "$planrep" render "$doc" -o "$tmp/x.pdf" --format tiff
# the example template a planner copies (docs/templates.md) renders, with its sample mark
expect_exit 0 "$planrep" render "$src/docs/examples/indicator-list.xsl" "$src/input/plans/yuncheng.xml" -o "$tmp/list.pdf"
pdftotext "$tmp/list.pdf" "$tmp/list.txt"
expect_grep "$tmp/list.txt" "运城市主要指标一览"
expect_grep "$tmp/list.txt" "示例数据，非官方统计"

# fonts: planrep's own fontconfig configuration takes in an installed family a style names outside the
# themes' (the first installed of its list), and a character no CJK font has falls back to the
# system's sans-serif (DejaVu Sans on Debian)
cat >"$tmp/fonts.xml" <<'XML'
<document xmlns="urn:planrep:doc" lang="zh-CN">
<styles><style name="mono" font="No Such Font, LXGW WenKai Mono"/></styles>
<p style="mono">等宽楷体</p>
<p>符号ⵣ</p>
</document>
XML
expect_exit 0 "$planrep" render "$tmp/fonts.xml" -o "$tmp/fonts.pdf"
pdffonts "$tmp/fonts.pdf" >"$tmp/fonts.txt"
expect_grep "$tmp/fonts.txt" "LXGWWenKaiMono-Regular"
expect_grep "$tmp/fonts.txt" "NotoSerifCJKsc-Regular"
expect_grep "$tmp/fonts.txt" "DejaVuSans"
pdftotext "$tmp/fonts.pdf" "$tmp/fonts-text.txt"
expect_grep "$tmp/fonts-text.txt" "符号ⵣ"

# synthetic-bold: bold asked of a family with no bold face (LXGW WenKai Light has one weight) is
# emboldened with "true" (cairo then embeds its own outlines, a CairoFont) and set in the family's own
# face with "false"
cat >"$tmp/bold.xml" <<'XML'
<document xmlns="urn:planrep:doc" lang="zh-CN">
<styles><style name="plain" font="LXGW WenKai Light" weight="bold" synthetic-bold="false"/></styles>
<p style="plain">楷体不加粗</p>
</document>
XML
expect_exit 0 "$planrep" render "$tmp/bold.xml" -o "$tmp/bold.pdf"
pdffonts "$tmp/bold.pdf" >"$tmp/bold-fonts.txt"
expect_grep "$tmp/bold-fonts.txt" "LXGWWenKai-Light"
sed -i 's/synthetic-bold="false"/synthetic-bold="true"/' "$tmp/bold.xml"
expect_exit 0 "$planrep" render "$tmp/bold.xml" -o "$tmp/bold.pdf"
pdffonts "$tmp/bold.pdf" >"$tmp/bold-fonts.txt"
expect_grep "$tmp/bold-fonts.txt" "CairoFont"
if grep -q "LXGWWenKai-Light" "$tmp/bold-fonts.txt"; then
	echo "FAIL: synthetic-bold=\"true\" set the one-weight family without emboldening it"
	fails=$((fails + 1))
fi
finish
