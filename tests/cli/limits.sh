# Resource bounds (issue 9, docs/security.md): a document past LAYOUT_MAX_PAGES (2,000) pages stops with
# an error naming the limit, exit 65 and no file, whether its length comes from text or page breaks; a
# 10,000-row table renders whole (some 300 pages); a table wider than 64 columns is refused; an element
# with more than 256 attributes is refused before libxml2 parses it.
. "$(dirname "$0")/lib.bash"

head='<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:planrep:doc" lang="zh-CN" title="limits"><page size="A4"/>'

# 2,001 page breaks: 2,001 pages
{
	echo "$head"
	for i in $(seq 2001); do echo "<p>$i</p><page-break/>"; done
	echo '</document>'
} >"$tmp/breaks.xml"
expect_exit 65 "$planrep" render "$tmp/breaks.xml" -o "$tmp/breaks.pdf"
expect_grep "$tmp/err" "breaks.xml: error: the document runs to more than 2000 pages"
[ ! -e "$tmp/breaks.pdf" ] || { echo "FAIL: a PDF was written past the page limit"; fails=$((fails + 1)); }

# text enough for some 2,300 pages of A4: stopped by the height of what was laid out, before the rest
para='各级卫生健康部门要坚持以人民健康为中心，加快优质医疗资源扩容和区域均衡布局，全面推进健康建设。'
para="$para$para$para$para$para$para$para$para$para$para$para$para"
{
	echo "$head"
	for i in $(seq 6000); do echo "<p>$para</p>"; done
	echo '</document>'
} >"$tmp/long.xml"
expect_exit 65 /usr/bin/time -f "%M" -o "$tmp/rss" "$planrep" render "$tmp/long.xml" -o "$tmp/long.pdf"
expect_grep "$tmp/err" "the most a document may have"
[ ! -e "$tmp/long.pdf" ] || { echo "FAIL: a PDF was written past the page limit"; fails=$((fails + 1)); }
rss=$(tail -1 "$tmp/rss")
# 480 MB in a release build; AddressSanitizer's redzones and quarantine about double a heap.
limit=1048576
[ -z "${ASAN_OPTIONS:-}" ] || limit=$((limit * 2))
[ "$rss" -lt "$limit" ] || { echo "FAIL: stopping at the page limit took $rss KB (over $((limit / 1024)) MB)"; fails=$((fails + 1)); }

# a table of 10,000 rows: set, with its header repeated, on some 300 pages, every row there (rows past
# 4,096 were once dropped without a word)
{
	echo "$head"
	echo '<table><caption>大表</caption><col width="20%"/><col width="80%"/><thead><tr><th>序号</th><th>内容</th></tr></thead>'
	for i in $(seq 10000); do echo "<tr><td>$i</td><td>第${i}行</td></tr>"; done
	echo '</table></document>'
} >"$tmp/table.xml"
expect_exit 0 "$planrep" render "$tmp/table.xml" -o "$tmp/table.pdf"
pages=$(pdfinfo "$tmp/table.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" -gt 150 ] && [ "${pages:-0}" -lt 400 ] ||
	{ echo "FAIL: the 10,000-row table has ${pages:-no} pages"; fails=$((fails + 1)); }
pdftotext -f "$pages" -l "$pages" "$tmp/table.pdf" "$tmp/last.txt"
expect_grep "$tmp/last.txt" "第 10000 行"
expect_grep "$tmp/last.txt" "序号"

# 70 columns: refused with the table's line, not cut to 64
{
	echo "$head"
	printf '<table>\n<tr>'
	for i in $(seq 70); do printf '<td>%d</td>' "$i"; done
	echo '</tr></table></document>'
} >"$tmp/wide.xml"
expect_exit 65 "$planrep" render "$tmp/wide.xml" -o "$tmp/wide.pdf"
expect_grep "$tmp/err" "wide.xml:3: error: a table of 70 columns: at most 64 can be set"
[ ! -e "$tmp/wide.pdf" ] || { echo "FAIL: a PDF was written for a table too wide"; fails=$((fails + 1)); }

# 50,000 attributes on one element (libxml2 checks each against all before it: 21 s once): refused
# from the bytes, at once, with the line; a comment or CDATA full of '=' is no element
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<!-- a = b = c = d -->'
	printf '<document xmlns="urn:planrep:doc">\n<p'
	for i in $(seq 50000); do printf ' a%d="="' "$i"; done
	echo '>x</p></document>'
} >"$tmp/attrs.xml"
start=$(date +%s%N)
expect_exit 65 "$planrep" render "$tmp/attrs.xml" -o "$tmp/attrs.pdf"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_grep "$tmp/err" "attrs.xml:4: error: an element with more than 256 attributes"
[ "$ms" -lt 5000 ] || { echo "FAIL: refusing 50,000 attributes took $ms ms"; fails=$((fails + 1)); }
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	printf '<document xmlns="urn:planrep:doc"><!--'
	for i in $(seq 400); do printf ' a%d="1"' "$i"; done
	printf -- '--><p><![CDATA['
	for i in $(seq 400); do printf ' b%d=2' "$i"; done
	echo ']]></p></document>'
} >"$tmp/notattrs.xml"
expect_exit 0 "$planrep" render "$tmp/notattrs.xml" -o "$tmp/notattrs.pdf"

finish
