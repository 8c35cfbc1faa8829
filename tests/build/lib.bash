# Shared by the batch build tests (tests/build/*.sh): sourced, not run. $1 is the planrep binary, $2 the
# source folder. Each test builds into $tmp/output from a copy of the repository's input/ in $tmp/input,
# with the test manifest (data/build.xml: a small page per plan, a chart set, a product from all plans)
# and its templates beside it, so that a whole build takes a fraction of a second.
. "$(dirname "$0")/../cli/lib.bash"
data="$(cd "$(dirname "$0")" && pwd)/data"

# setup [PLAN...]: $tmp/input with the given plans (default: all five) and the test manifest.
setup() {
	rm -rf "$tmp/input" "$tmp/output"
	cp -r "$src/input" "$tmp/input"
	if [ $# -gt 0 ]; then
		for f in "$tmp"/input/plans/*.xml; do
			id=$(basename "$f" .xml)
			case " $* " in *" $id "*) ;; *) rm -f "$f" "$tmp/input/observations/$id.xml" ;; esac
		done
	fi
	cp "$data"/*.xsl "$data/build.xml" "$tmp/input/"
	cd "$tmp" || exit 1
}

# snapshot FILE: every file under output/ (hidden ones too) with its inode, mtime and size.
snapshot() {
	(cd "$tmp/output" && find . -type f -printf '%i %T@ %s %P\n' | sort -k4) >"$1"
}

# products: the files under output/ that are products (no state, thumbnails, index), sorted.
products() {
	(cd "$tmp/output" && find . -type f ! -path './.thumbs/*' ! -name '.planrep-state*' \
		! -name index.html -printf '%P\n' | sort)
}

# no_temporary DIR: no file named as render/output.c names its temporary files (.<name>.XXXXXX).
no_temporary() {
	local left
	left=$(find "$1" -type f -regextype posix-extended -regex '.*/\.[^/]+\.[A-Za-z0-9]{6}$')
	if [ -n "$left" ]; then
		echo "FAIL: temporary files left: $left"
		fails=$((fails + 1))
	fi
}

# check LABEL COMMAND...: a check that fails the test when the command fails.
check() {
	local label=$1
	shift
	if ! "$@"; then
		echo "FAIL: $label"
		fails=$((fails + 1))
	fi
}

# pdfs_valid DIR: every PDF under DIR passes qpdf --check.
pdfs_valid() {
	local f ok=0
	while IFS= read -r f; do
		if ! qpdf --check "$f" >/dev/null 2>&1; then
			echo "FAIL: $f does not pass qpdf --check"
			fails=$((fails + 1))
			ok=1
		fi
	done < <(find "$1" -name '*.pdf' -type f)
	return $ok
}
