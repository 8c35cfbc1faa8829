# Golden layout tests: each tests/layout/<case>.xml is laid out and its --dump-layout compared with
# <case>.layout. PLANREP_REGEN=1 rewrites the expected files: review the diff before committing.
set -u
planrep=$1
dir=$(dirname "$0")
tmp=$(mktemp -d /tmp/planrep-layout-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
for xml in "$dir"/*.xml; do
	name=$(basename "$xml" .xml)
	if ! "$planrep" render "$xml" -o "$tmp/$name.pdf" --dump-layout "$tmp/$name.layout" 2>"$tmp/$name.err"; then
		echo "FAIL: $name: render failed"
		cat "$tmp/$name.err"
		fails=$((fails + 1))
		continue
	fi
	if [ "${PLANREP_REGEN:-}" = 1 ]; then
		cp "$tmp/$name.layout" "$dir/$name.layout"
		echo "rewrote $name.layout"
	elif ! diff -u "$dir/$name.layout" "$tmp/$name.layout"; then
		echo "FAIL: $name: layout differs from $name.layout"
		fails=$((fails + 1))
	fi
done
[ "$fails" = 0 ] || { echo "$fails case(s) failed"; exit 1; }
echo "all cases match"
