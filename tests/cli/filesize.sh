# The one XML reader refuses a file over XML_MAX_FILE_SIZE (64 MB) before reading a byte of it, for
# every kind of input (issue 9, docs/security.md): a plan, a document, a template, a file a template
# reads with document(). The files are sparse: the size is checked, never the content.
. "$(dirname "$0")/lib.bash"

cd "$tmp" || exit 1
limit=$((64 * 1024 * 1024))
mkdir -p tpl
truncate -s $((limit + 1)) big.xml
truncate -s $((limit + 1)) tpl/big.xml
truncate -s $((limit + 1)) big.xsl

expect_exit 65 "$planrep" validate big.xml
expect_grep "$tmp/err" "big.xml: error: file is $((limit + 1)) bytes, more than the limit of $limit"
expect_exit 65 "$planrep" render big.xml -o out.pdf
expect_grep "$tmp/err" "more than the limit of $limit"
expect_exit 65 "$planrep" eval big.xml
expect_grep "$tmp/err" "more than the limit of $limit"
expect_exit 65 "$planrep" render big.xsl "$src/input/plans/yongqiao.xml" -o out.pdf
expect_grep "$tmp/err" "big.xsl: error: file is $((limit + 1)) bytes"
cat >tpl/reads.xsl <<'X'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:d="urn:planrep:doc">
  <xsl:template match="/"><d:document><d:p><xsl:value-of select="count(document('big.xml')//*)"/></d:p></d:document></xsl:template>
</xsl:stylesheet>
X
expect_exit 65 "$planrep" render tpl/reads.xsl "$src/input/plans/yongqiao.xml" -o out.pdf
expect_grep "$tmp/err" "more than the limit of $limit"
# exactly at the limit is read (and then fails as the nothing it holds)
truncate -s "$limit" at.xml
expect_exit 65 "$planrep" validate at.xml
expect_no_grep "$tmp/err" "more than the limit"
[ ! -e out.pdf ] || { echo "FAIL: out.pdf written"; fails=$((fails + 1)); }
finish
