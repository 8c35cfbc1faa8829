# Golden geometry dumps: each tests/chart/<case>.xml is drawn by `planrep chart` as SVG (at the size
# the chart gives, else 960 x 540 pt) and what it placed (--dump-geometry: plot area, ticks, every
# label's box and lines) is compared with <case>.geometry. The SVG must be well-formed too.
# PLANREP_REGEN=1 rewrites the expected files: review the diff before committing.
set -u
planrep=$1
dir=$(dirname "$0")
tmp=$(mktemp -d /tmp/planrep-chart-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
for xml in "$dir"/*.xml; do
	name=$(basename "$xml" .xml)
	if ! "$planrep" chart "$xml" -o "$tmp/$name.svg" --dump-geometry "$tmp/$name.geometry" \
	    2>"$tmp/$name.err"; then
		echo "FAIL: $name: planrep chart failed"
		cat "$tmp/$name.err"
		fails=$((fails + 1))
		continue
	fi
	for svg in "$tmp/$name".svg "$tmp/$name"-[0-9][0-9][0-9].svg; do
		[ -e "$svg" ] || continue
		if ! xmllint --noout "$svg"; then
			echo "FAIL: $name: $(basename "$svg") is not well-formed"
			fails=$((fails + 1))
		fi
	done
	if [ "${PLANREP_REGEN:-}" = 1 ]; then
		cp "$tmp/$name.geometry" "$dir/$name.geometry"
		echo "rewrote $name.geometry"
	elif ! diff -u "$dir/$name.geometry" "$tmp/$name.geometry"; then
		echo "FAIL: $name: geometry differs from $name.geometry"
		fails=$((fails + 1))
	fi
done
[ "$fails" = 0 ] || { echo "$fails case(s) failed"; exit 1; }
echo "all cases match"
