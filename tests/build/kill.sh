# kill -9 of the whole build (its process group) at any moment leaves only complete files: every PDF
# under output/ passes qpdf --check; the next build removes the temporary files it finds and ends
# with the complete, valid output tree.
. "$(dirname "$0")/lib.bash"
setup guancheng yongqiao yuncheng
# the full plans too: large PDFs, so that the kill lands while files are being written
sed -i 's|</build>|  <document name="plan" template="plan.xsl" plans="guancheng" output="{id}/plan.pdf"/>\n</build>|' \
	"$tmp/input/build.xml"

expect_exit 0 "$planrep" build -j2 -o "$tmp/reference"
(cd "$tmp/reference" && find . -type f ! -name '.planrep-state*' -printf '%P\n' | sort) >"$tmp/want"

for delay in 0.15 0.5; do
	rm -rf "$tmp/output"
	setsid "$planrep" build -j2 >"$tmp/killed.log" 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL -- "-$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# whatever is there under its own name is complete
	[ -d "$tmp/output" ] && pdfs_valid "$tmp/output"
	[ -f "$tmp/output/.planrep-state" ] && ! head -1 "$tmp/output/.planrep-state" | grep -q '^planrep-state' &&
		{ echo "FAIL: state file cut short after kill at $delay s"; fails=$((fails + 1)); }
	expect_exit 0 "$planrep" build -j2
	no_temporary "$tmp/output"
	pdfs_valid "$tmp/output"
	(cd "$tmp/output" && find . -type f ! -name '.planrep-state*' -printf '%P\n' | sort) >"$tmp/got"
	diff "$tmp/want" "$tmp/got" >"$tmp/diff" || { echo "FAIL: after a kill at $delay s and a build, files differ:"; cat "$tmp/diff"; fails=$((fails + 1)); }
	expect_exit 0 "$planrep" build -j2
	expect_grep "$tmp/out" "0 built, 8 up to date"
done
finish
