# planrep build from scratch: every product and the index exist; a second build rewrites nothing
# (same inode, mtime and size for every file, state and index included) and says all is up to date.
. "$(dirname "$0")/lib.bash"
setup

expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "11 products: 11 built, 0 up to date, 0 failed"
products >"$tmp/got"
{
	for id in guancheng pingdingshan shangqiu yongqiao yuncheng; do
		echo "$id/summary-2024Q4.pdf"
	done
	for f in guancheng/charts/{healthy-life-expectancy,infant-mortality,life-expectancy} \
		pingdingshan/charts/{infant-mortality,life-expectancy,under5-mortality} \
		shangqiu/charts/{healthy-life-expectancy,infant-mortality,life-expectancy} \
		yongqiao/charts/{infant-mortality,life-expectancy,under5-mortality} \
		yuncheng/charts/{healthy-life-expectancy,infant-mortality,life-expectancy}; do
		echo "$f.png"
		echo "$f.svg"
	done
	echo overview-001.svg
	echo overview.pdf
} | sort >"$tmp/want"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || { echo "FAIL: products differ:"; cat "$tmp/diff"; fails=$((fails + 1)); }
pdfs_valid "$tmp/output"
for f in "$tmp"/output/*/charts/*.svg "$tmp"/output/overview-001.svg; do
	xmllint --noout "$f" 2>/dev/null || { echo "FAIL: $f is not well-formed"; fails=$((fails + 1)); }
done
file "$tmp/output/yuncheng/charts/life-expectancy.png" >"$tmp/file"
expect_grep "$tmp/file" "160 x 90"	# 320 x 180 pt at 36 dpi
check "index.html" test -s "$tmp/output/index.html"
check "state" test -s "$tmp/output/.planrep-state"
for t in yuncheng/summary-2024Q4.pdf yuncheng/charts/life-expectancy.svg overview.pdf; do
	check "thumbnail of $t" test -s "$tmp/output/.thumbs/$t.png"
	expect_grep "$tmp/output/index.html" "src=\".thumbs/$t.png\""
done
expect_grep "$tmp/output/index.html" "运城市"
expect_grep "$tmp/output/index.html" "达标 7"
expect_grep "$tmp/output/index.html" "示例数据，非官方统计"
expect_no_grep "$tmp/output/index.html" "<script"
expect_no_grep "$tmp/output/index.html" "http"
no_temporary "$tmp/output"

# nothing changed: nothing is rewritten, not even the state or the index
snapshot "$tmp/before"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "11 products: 0 built, 11 up to date, 0 failed"
expect_no_grep "$tmp/out" "BUILT"
snapshot "$tmp/after"
diff "$tmp/before" "$tmp/after" >"$tmp/diff" || { echo "FAIL: a no-op build changed files:"; cat "$tmp/diff"; fails=$((fails + 1)); }

# a new mtime without new content is no change: hashes, not timestamps
touch "$tmp/input/plans/yuncheng.xml" "$tmp/input/summary.xsl"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "0 built, 11 up to date"

# --force rebuilds everything
expect_exit 0 "$planrep" build -j2 --force
expect_grep "$tmp/out" "11 built, 0 up to date"
expect_grep "$tmp/out" "--force"
finish
