# Shared by the command-line tests: sourced, not run. $1 is the planrep binary, $2 the source folder.
set -u
planrep=$1
src=$2
fails=0
tmp=$(mktemp -d /tmp/planrep-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# expect_exit CODE CMD...: runs CMD, keeping stdout in $tmp/out and stderr in $tmp/err.
expect_exit() {
	local want=$1 got
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"
		sed 's/^/  stderr: /' "$tmp/err" | head -20
		fails=$((fails + 1))
	fi
}

# expect_grep FILE PATTERN: FILE ($tmp/out or $tmp/err) must contain the fixed string PATTERN.
expect_grep() {
	if ! grep -qF -- "$2" "$1"; then
		echo "FAIL: $(basename "$1") lacks '$2'"
		sed 's/^/  | /' "$1" | head -20
		fails=$((fails + 1))
	fi
}

expect_no_grep() {
	if grep -qF -- "$2" "$1"; then
		echo "FAIL: $(basename "$1") has '$2'"
		fails=$((fails + 1))
	fi
}

finish() {
	if [ "$fails" -gt 0 ]; then
		echo "$fails check(s) failed"
		exit 1
	fi
	echo "all checks passed"
}
