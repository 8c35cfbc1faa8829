# An output path can never leave output/: "..", absolute paths, hidden names and unknown variables are
# refused when the manifest is read (file:line, exit 65); a symbolic link inside output/ that leads out
# is refused when writing (file:line of the product, exit 1), and nothing is written through it.
. "$(dirname "$0")/lib.bash"
setup yuncheng

manifest() {
	cat >"$tmp/m.xml" <<EOM
<build xmlns="urn:planrep:build">
  <document name="a" template="./summary.xsl" output="{id}/fine.pdf"/>
  <document name="b" template="./summary.xsl" output="$1"/>
</build>
EOM
	cp "$data/summary.xsl" "$tmp/"
}

manifest '../{id}/escape.pdf'
expect_exit 65 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: output \"../{id}/escape.pdf\" leads out of the output folder"
manifest '{id}/../../escape.pdf'
expect_exit 65 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: output \"{id}/../../escape.pdf\" leads out of the output folder"
manifest '/tmp/{id}.pdf'
expect_exit 65 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: output \"/tmp/{id}.pdf\" is an absolute path"
manifest '{id}/.hidden.pdf'
expect_exit 65 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: output \"{id}/.hidden.pdf\": a name may not start with '.'"
manifest '{id}/{name}.pdf'
expect_exit 65 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: output: unknown variable {name}"
manifest 'all.pdf'
expect_exit 65 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: output \"all.pdf\" needs {id}"
# two products writing the same file
manifest '{id}/fine.pdf'
expect_exit 65 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: b/yuncheng writes yuncheng/fine.pdf, as a/yuncheng does (line 2)"
check "nothing written" test ! -e "$tmp/output"
check "nothing written outside" test ! -e "$tmp/escape.pdf"

# a symbolic link inside output/ leading out
mkdir -p "$tmp/output" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$tmp/output/yuncheng"
manifest 'x/{id}.pdf'
expect_exit 1 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:2: error: output output/yuncheng/fine.pdf would be written to $tmp/elsewhere, outside the output folder"
expect_grep "$tmp/out" "1 built, 0 up to date, 1 failed"
check "nothing written through the link" test -z "$(ls -A "$tmp/elsewhere")"
check "the other product written" test -s "$tmp/output/x/yuncheng.pdf"
rm "$tmp/output/yuncheng"
# a link as the output file itself
mkdir -p "$tmp/output/yuncheng"
ln -s "$tmp/elsewhere/file.pdf" "$tmp/output/yuncheng/fine.pdf"
expect_exit 1 "$planrep" build -m "$tmp/m.xml"
expect_grep "$tmp/err" "output output/yuncheng/fine.pdf is a symbolic link"
check "nothing written through the link" test -z "$(ls -A "$tmp/elsewhere")"

# a template outside templates/ and the manifest's folder is refused: a manifest from elsewhere may not
# make the build read any file it likes as a stylesheet
mkdir -p "$tmp/sub"
cat >"$tmp/sub/m2.xml" <<EOM
<build xmlns="urn:planrep:build">
  <document name="a" template="/etc/passwd" output="{id}/a.pdf"/>
  <document name="b" template="../summary.xsl" output="{id}/b.pdf"/>
</build>
EOM
expect_exit 65 "$planrep" build -m "$tmp/sub/m2.xml"
expect_grep "$tmp/err" "m2.xml:2: error: template /etc/passwd is outside templates/ and the manifest's folder"
expect_grep "$tmp/err" "m2.xml:3: error: template $tmp/sub/../summary.xsl is outside templates/"
check "nothing read as a stylesheet" test -z "$(grep -l 'root:' "$tmp/err")"

# the manifest is checked by planrep validate too
manifest '../{id}/escape.pdf'
expect_exit 65 "$planrep" validate "$tmp/m.xml"
expect_grep "$tmp/err" "m.xml:3: error: output \"../{id}/escape.pdf\" leads out"
expect_exit 0 "$planrep" validate "$src/input/build.xml"
finish
