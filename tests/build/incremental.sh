# planrep build rebuilds what changed and nothing else: a plan's content (its products and the
# products of all plans), its observations, a template, a product's entry in the manifest, a file
# removed from output/; a chart the template no longer writes is removed.
. "$(dirname "$0")/lib.bash"
setup shangqiu yongqiao yuncheng

expect_exit 0 "$planrep" build -j2
snapshot "$tmp/s0"

# changed files between two snapshots, by path
changed() {
	join -1 4 -2 4 -o 1.1,1.2,2.1,2.2,0 "$1" "$2" | awk '$1 != $3 || $2 != $4 { print $5 }' | sort
}

# one plan's content: that jurisdiction's products and the products of all plans, nothing else
printf '<!-- an edit -->\n' >>"$tmp/input/plans/yuncheng.xml"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "3 built, 4 up to date"
expect_grep "$tmp/out" "plans/yuncheng.xml changed"
snapshot "$tmp/s1"
changed "$tmp/s0" "$tmp/s1" | grep -v -e '^\.planrep-state$' -e '^index.html$' -e '^\.thumbs/' >"$tmp/got"
{
	echo overview-001.svg
	echo overview.pdf
	for c in healthy-life-expectancy infant-mortality life-expectancy; do
		echo "yuncheng/charts/$c.png"
		echo "yuncheng/charts/$c.svg"
	done
	echo yuncheng/summary-2024Q4.pdf
} | sort >"$tmp/want"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || { echo "FAIL: rewritten files differ from the expected:"; cat "$tmp/diff"; fails=$((fails + 1)); }

# observations: the same set
printf '<!-- an edit -->\n' >>"$tmp/input/observations/shangqiu.xml"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "3 built, 4 up to date"
expect_grep "$tmp/out" "observations/shangqiu.xml changed"

# a template: every product made with it
printf '<!-- an edit -->\n' >>"$tmp/input/summary.xsl"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "3 built, 4 up to date"
expect_grep "$tmp/out" "summary.xsl changed"

# a product's parameters in the manifest: that product only
sed -i 's/value="（{id}）"/value="（{id}，修订）"/' "$tmp/input/build.xml"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "3 built, 4 up to date"
expect_grep "$tmp/out" "its entry in the manifest changed"

# an output removed by hand is made again
rm "$tmp/output/yongqiao/summary-2024Q4.pdf"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "1 built, 6 up to date"
expect_grep "$tmp/out" "yongqiao/summary-2024Q4.pdf is missing"
check "summary made again" test -s "$tmp/output/yongqiao/summary-2024Q4.pdf"

# a chart the template no longer writes is removed with its file
sed -i 's/position() &lt;= 3/position() \&lt;= 2/' "$tmp/input/charts.xsl"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "3 built, 4 up to date"
check "third chart removed" test ! -e "$tmp/output/yuncheng/charts/infant-mortality.svg"
check "third chart's png removed" test ! -e "$tmp/output/yuncheng/charts/infant-mortality.png"
check "first chart kept" test -s "$tmp/output/yuncheng/charts/life-expectancy.svg"

# a product taken out of the manifest: its files go
sed -i '/name="overview"/,/formats="pdf svg"\/>/d' "$tmp/input/build.xml"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "6 products: 0 built, 6 up to date"
expect_grep "$tmp/out" "REMOVE   overview.pdf"
check "overview.pdf removed" test ! -e "$tmp/output/overview.pdf"
check "overview thumbnail removed" test ! -e "$tmp/output/.thumbs/overview.pdf.png"
no_temporary "$tmp/output"
finish
