# planrep build --dry-run says what would be built and why, and changes nothing; --only builds the
# products whose output paths match a glob.
. "$(dirname "$0")/lib.bash"
setup

# from scratch: every product would be built, and no output folder appears
expect_exit 0 "$planrep" build --dry-run
expect_grep "$tmp/out" "11 selected: 11 to build, 0 up to date"
expect_grep "$tmp/out" "BUILD    yuncheng/summary-{period}.pdf  (summary/yuncheng: not built before)"
check "dry run makes no output folder" test ! -e "$tmp/output"

expect_exit 0 "$planrep" build -j2
snapshot "$tmp/before"
printf '<!-- an edit -->\n' >>"$tmp/input/plans/guancheng.xml"
expect_exit 0 "$planrep" build -n
expect_grep "$tmp/out" "BUILD    guancheng/summary-{period}.pdf  (summary/guancheng: plans/guancheng.xml changed)"
expect_grep "$tmp/out" "BUILD    overview.pdf  (overview: plans/guancheng.xml changed)"
expect_grep "$tmp/out" "3 to build, 8 up to date"
snapshot "$tmp/after"
diff "$tmp/before" "$tmp/after" >"$tmp/diff" || { echo "FAIL: a dry run changed files:"; cat "$tmp/diff"; fails=$((fails + 1)); }
# a temporary file left by a killed build is reported by a real build only
: >"$tmp/output/guancheng/.summary-2024Q4.pdf.AbC123"
expect_exit 0 "$planrep" build -n
check "dry run leaves temporary files" test -e "$tmp/output/guancheng/.summary-2024Q4.pdf.AbC123"

# --only: that jurisdiction's products, then one format of the product of all plans
expect_exit 0 "$planrep" build -j2 --only 'guancheng/*'
expect_grep "$tmp/out" "2 products of 11: 2 built, 0 up to date, 0 failed, 1 stale file removed"
check "temporary file removed" test ! -e "$tmp/output/guancheng/.summary-2024Q4.pdf.AbC123"
expect_exit 0 "$planrep" build -n --only 'overview.svg'
expect_grep "$tmp/out" "1 selected: 1 to build"
expect_exit 0 "$planrep" build -j2 --only '*/charts/life-expectancy.*'
expect_grep "$tmp/out" "5 products of 11: 0 built, 5 up to date"
expect_exit 0 "$planrep" build -j2 --only 'nothing/*'
expect_grep "$tmp/out" "0 products of 11: 0 built"
expect_exit 0 "$planrep" build -j2
expect_grep "$tmp/out" "1 built, 10 up to date"
finish
