# Ctrl-C (SIGINT) stops the build: the workers stop, no temporary file is left, what was finished is
# recorded, exit 130; SIGTERM the same with exit 143. The next build completes the rest.
. "$(dirname "$0")/lib.bash"
setup guancheng yongqiao
# the full plans, one worker: long enough for the signal to arrive mid-build
cat >"$tmp/input/build.xml" <<EOM
<build xmlns="urn:planrep:build">
  <document name="plan" template="plan.xsl" output="{id}/plan.pdf"/>
</build>
EOM

for sig in INT TERM; do
	rm -rf "$tmp/output"
	"$planrep" build -j1 >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	# as soon as the first file is being written: mid-build, whatever the machine's speed
	for _ in $(seq 500); do
		[ -n "$(find "$tmp/output" -type f -name '*plan.pdf*' 2>/dev/null | head -1)" ] && break
		sleep 0.01
	done
	kill "-$sig" "$pid"
	wait "$pid"
	rc=$?
	want=$([ "$sig" = INT ] && echo 130 || echo 143)
	[ "$rc" = "$want" ] || { echo "FAIL: SIG$sig: exit $rc, expected $want"; cat "$tmp/out" "$tmp/err"; fails=$((fails + 1)); }
	expect_grep "$tmp/out" "interrupted (signal"
	no_temporary "$tmp/output"
	pdfs_valid "$tmp/output"
	# no worker left running
	sleep 0.1
	left=$(for p in /proc/[0-9]*; do
		{ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -qF -- "$planrep build -j1" && echo "${p#/proc/}"
	done)
	[ -z "$left" ] || { echo "FAIL: processes left after SIG$sig: $left"; fails=$((fails + 1)); }
	built=$(find "$tmp/output" -name plan.pdf | wc -l)
	expect_exit 0 "$planrep" build -j2
	expect_grep "$tmp/out" "$((2 - built)) built, $built up to date, 0 failed"
	no_temporary "$tmp/output"
done
finish
