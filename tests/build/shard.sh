# planrep build --shard K/N: three shards build exactly the full set of products, with no product in
# two of them; gathered into one folder (cp -n, as docs/distributed.md says), a plain build finds
# everything up to date, takes the shards' states for its own and writes the index.
. "$(dirname "$0")/lib.bash"
setup

expect_exit 0 "$planrep" build -j2 -o "$tmp/full"
(cd "$tmp/full" && find . -type f ! -path './.thumbs/*' ! -name '.planrep-state*' ! -name index.html \
	-printf '%P\n' | sort) >"$tmp/want"

: >"$tmp/all"
total=0
for k in 1 2 3; do
	expect_exit 0 "$planrep" build -j2 --shard "$k/3" -o "$tmp/shard$k"
	expect_grep "$tmp/out" "of 11"
	n=$(sed -n 's/.*products of 11: \([0-9]*\) built.*/\1/p' "$tmp/out")
	total=$((total + n))
	check "shard $k writes its own state" test -s "$tmp/shard$k/.planrep-state-$k-of-3"
	check "shard $k writes no index" test ! -e "$tmp/shard$k/index.html"
	(cd "$tmp/shard$k" && find . -type f ! -path './.thumbs/*' ! -name '.planrep-state*' \
		-printf '%P\n') >>"$tmp/all"
done
[ "$total" = 11 ] || { echo "FAIL: the shards built $total products, not 11"; fails=$((fails + 1)); }
dups=$(sort "$tmp/all" | uniq -d)
[ -z "$dups" ] || { echo "FAIL: files built by two shards: $dups"; fails=$((fails + 1)); }
sort "$tmp/all" >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || { echo "FAIL: the shards' files differ from a full build's:"; cat "$tmp/diff"; fails=$((fails + 1)); }

# a shard rebuilt is up to date: its state is its own
expect_exit 0 "$planrep" build -j2 --shard 2/3 -o "$tmp/shard2"
expect_grep "$tmp/out" "0 built"

# gathered: everything is up to date, the index is written, the shards' states become one
mkdir "$tmp/gathered"
for k in 1 2 3; do cp -rn "$tmp/shard$k/." "$tmp/gathered/"; done
expect_exit 0 "$planrep" build -j2 -o "$tmp/gathered"
expect_grep "$tmp/out" "11 products: 0 built, 11 up to date, 0 failed"
check "gathered index" test -s "$tmp/gathered/index.html"
check "gathered state" test -s "$tmp/gathered/.planrep-state"
check "shard states merged" test -z "$(find "$tmp/gathered" -name '.planrep-state-*')"
expect_grep "$tmp/gathered/index.html" "src=\".thumbs/yuncheng/summary-2024Q4.pdf.png\""
expect_grep "$tmp/gathered/index.html" "运城市"
expect_exit 0 "$planrep" build -j2 -o "$tmp/gathered"
expect_grep "$tmp/out" "0 built, 11 up to date"

# bad shards are bad usage
expect_exit 2 "$planrep" build --shard 0/3
expect_exit 2 "$planrep" build --shard 4/3
expect_exit 2 "$planrep" build --shard x
finish
