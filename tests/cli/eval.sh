# planrep eval: the CSV of 商丘 against an expected file; the text table and its summary.
. "$(dirname "$0")/lib.bash"

plan="$src/input/plans/shangqiu.xml"
obs="$src/tests/cli/data/shangqiu-obs.xml"
expected="$src/tests/cli/expected"

expect_exit 0 "$planrep" eval "$plan" --observations "$obs" --format csv
if ! diff -u "$expected/shangqiu-eval.csv" "$tmp/out"; then
	echo "FAIL: CSV differs from tests/cli/expected/shangqiu-eval.csv"
	fails=$((fails + 1))
fi
[ "$(wc -l <"$tmp/out")" = 24 ] || { echo "FAIL: not 23 rows and a header"; fails=$((fails + 1)); }

# at an earlier period only what was observed by then counts
expect_exit 0 "$planrep" eval "$plan" --observations "$obs" --period 2022 --format csv
if ! diff -u "$expected/shangqiu-eval-2022.csv" "$tmp/out"; then
	echo "FAIL: CSV at 2022 differs from tests/cli/expected/shangqiu-eval-2022.csv"
	fails=$((fails + 1))
fi

expect_exit 0 "$planrep" eval "$plan" --observations "$obs"
expect_grep "$tmp/out" "evaluated at 2024Q2"
expect_grep "$tmp/out" "23 indicators:"
expect_grep "$tmp/out" "示例数据，非官方统计"
expect_grep "$tmp/out" "人均预期寿命（岁）"

# no observations: everything is no-data or not-assessable, never invented
expect_exit 0 "$planrep" eval "$plan" --observations "$src/tests/cli/data/empty-obs.xml" --format csv
expect_no_grep "$tmp/out" ",met"
expect_no_grep "$tmp/out" ",on-track"

# observations for another plan are bad data
expect_exit 65 "$planrep" eval "$src/input/plans/yuncheng.xml" --observations "$obs"
expect_grep "$tmp/err" "observations are for plan \"shangqiu\", not \"yuncheng\""
finish
