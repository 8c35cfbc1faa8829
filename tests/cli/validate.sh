# planrep validate: every input file is valid; bad files give file:line and exit 65.
. "$(dirname "$0")/lib.bash"

expect_exit 0 "$planrep" validate "$src"/input/plans/*.xml "$src/input/catalog.xml" "$src"/input/observations/*.xml
for f in "$src"/input/plans/*.xml; do
	expect_grep "$tmp/out" "$f: valid"
done

mkdir -p "$tmp/in/plans"
printf '<plan xmlns="urn:planrep:plan" id="x">\n  <meta>\n</plan>\n' >"$tmp/in/plans/broken.xml"
expect_exit 65 "$planrep" validate "$tmp/in/plans/broken.xml"
expect_grep "$tmp/err" "$tmp/in/plans/broken.xml:3:"
expect_grep "$tmp/err" "error:"

printf '<?xml version="1.0"?>\n<!DOCTYPE plan [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<plan>&e;</plan>\n' >"$tmp/in/plans/entity.xml"
expect_exit 65 "$planrep" validate "$tmp/in/plans/entity.xml"
expect_grep "$tmp/err" "entity.xml:2: error: DOCTYPE declarations are not allowed"
expect_no_grep "$tmp/err" "root:"

printf '<html/>\n' >"$tmp/in/other.xml"
expect_exit 65 "$planrep" validate "$tmp/in/other.xml"
expect_grep "$tmp/err" "not a planrep file"

# one bad file among good ones: every file is reported, the status says bad data
expect_exit 65 "$planrep" validate "$src/input/plans/shangqiu.xml" "$tmp/in/plans/broken.xml" "$tmp/nonexistent.xml"
expect_grep "$tmp/out" "shangqiu.xml: valid"
expect_grep "$tmp/err" "nonexistent.xml: error: cannot open"
expect_grep "$tmp/err" "2 of 3 files invalid"

# a schema violation names the line of the offending element
sed 's|<attribute>预期性</attribute>|<attribute>参考性</attribute>|' "$src/input/plans/shangqiu.xml" >"$tmp/in/plans/shangqiu.xml"
expect_exit 65 "$planrep" validate "$tmp/in/plans/shangqiu.xml"
line=$(grep -n '参考性' "$tmp/in/plans/shangqiu.xml" | head -1 | cut -d: -f1)
expect_grep "$tmp/err" "shangqiu.xml:$line:"
finish
