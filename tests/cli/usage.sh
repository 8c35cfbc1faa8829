# planrep's command line: help, version, exit statuses for bad usage.
. "$(dirname "$0")/lib.bash"

expect_exit 0 "$planrep" --help
expect_grep "$tmp/out" "usage: planrep COMMAND"
cp "$tmp/out" "$tmp/help"
# --help lists only what works: every command listed dispatches, with a --help of its own.
for c in build validate eval render chart fonts; do
	expect_grep "$tmp/help" "  $c"
	expect_exit 0 "$planrep" "$c" --help
	expect_grep "$tmp/out" "usage: planrep $c"
done
expect_exit 0 "$planrep" --version
expect_grep "$tmp/out" "planrep 0."

expect_exit 2 "$planrep"
expect_exit 2 "$planrep" frobnicate
expect_grep "$tmp/err" "planrep: unknown command 'frobnicate'"
expect_exit 2 "$planrep" --frobnicate
expect_exit 2 "$planrep" eval --frobnicate x.xml
expect_exit 2 "$planrep" eval
expect_grep "$tmp/err" "planrep: eval: no plan given"
expect_exit 2 "$planrep" eval "$src/input/plans/shangqiu.xml" --format xml
expect_grep "$tmp/err" "unknown format 'xml'"
expect_exit 2 "$planrep" eval "$src/input/plans/shangqiu.xml" --period 2024Q5
expect_grep "$tmp/err" "bad period '2024Q5'"
expect_exit 2 "$planrep" validate
expect_exit 2 "$planrep" build extra-argument
finish
