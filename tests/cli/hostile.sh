# Hostile input (issue 9): for each kind of input file (plan, observations, catalog, build manifest,
# document), an entity bomb, an external entity, UTF-16, a UTF-8 BOM, an empty file, a truncated file,
# invalid UTF-8, deep nesting, an unknown element, a missing required attribute, and absurd numbers.
# Each is refused with FILE:LINE: message and exit 65 (the bomb in well under a second, the entity
# never read) and no output is written; a UTF-8 BOM is accepted.
. "$(dirname "$0")/lib.bash"

cd "$tmp" || exit 1
mkdir -p in/plans in/observations outdir

# Small valid inputs of each kind: plan yongqiao (seq 1-4), its observations, a catalog, a manifest
# with its template, a document.
sed -E "s/ ref=\"(infant|under5|maternal)-mortality\"//" "$src/tests/fuzz/corpus/plan/yongqiao-small.xml" >good-plan.xml
cat >good-observations.xml <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<observations xmlns="urn:planrep:observations" plan="yongqiao">
  <obs seq="1" period="2020" value="77.7" source="seed:13"/>
  <obs seq="1" period="2023" value="78.1" source="seed:14"/>
</observations>
X
cat >good-catalog.xml <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:planrep:catalog">
  <indicator id="life-expectancy" group="健康水平" direction="higher" unit="岁">
    <name xml:lang="zh">人均预期寿命</name>
    <name xml:lang="en">Life expectancy at birth</name>
    <alias>人均预期寿命</alias>
  </indicator>
</catalog>
X
cp "$src/tests/build/data/summary.xsl" summary.xsl
cat >good-manifest.xml <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<build xmlns="urn:planrep:build" version="1">
  <document name="summary" title="概要" template="./summary.xsl" output="{id}/summary-{period}.pdf"/>
</build>
X
cp "$src/tests/layout/latin.xml" good-document.xml

# run KIND FILE: runs planrep on FILE as that kind of input; output goes to outdir/ (cleared first).
run() {
	rm -rf outdir && mkdir outdir
	case $1 in
	plan)		expect_exit "$2" "$planrep" eval "$3" --catalog good-catalog.xml --observations good-observations.xml ;;
	observations)	expect_exit "$2" "$planrep" eval good-plan.xml --catalog good-catalog.xml --observations "$3" ;;
	catalog)	expect_exit "$2" "$planrep" eval good-plan.xml --catalog "$3" --observations good-observations.xml ;;
	manifest)
		rm -rf in/plans/* && cp good-plan.xml in/plans/yongqiao.xml && cp good-catalog.xml in/catalog.xml
		expect_exit "$2" "$planrep" build --input in --output outdir --manifest "$3" -j 1 ;;
	document)	expect_exit "$2" "$planrep" render "$3" -o outdir/doc.pdf ;;
	esac
}

# refused KIND FILE WHAT: exit 65, "FILE:LINE:" in the diagnostics, no output written.
refused() {
	local n
	run "$1" 65 "$2"
	if ! grep -qE "^$(printf '%s' "$2" | sed 's/[.[\*^$]/\\&/g'):[0-9]+(:[0-9]+)?: (error|fatal)" "$tmp/err"; then
		echo "FAIL: $1 $3: no '$2:LINE: error' diagnostic"
		sed 's/^/  stderr: /' "$tmp/err" | head -5
		fails=$((fails + 1))
	fi
	n=$(find outdir -type f | wc -l)
	if [ "$n" != 0 ] || { [ "$1" != manifest ] && [ "$1" != document ] && [ -s "$tmp/out" ]; }; then
		echo "FAIL: $1 $3: output written"
		find outdir -type f | head -5
		head -3 "$tmp/out"
		fails=$((fails + 1))
	fi
}

# The first line of a kind's good file (the XML declaration) and the rest.
body() { sed 1d "good-$1.xml"; }
# The root element's start tag line number in the good file (after the declaration and comments).
root_line() { grep -n '^<[a-z]' "good-$1.xml" | head -1 | cut -d: -f1; }
# insert KIND TEXT: the good file with TEXT as the root's first child.
insert() { sed "$(root_line "$1")s|>\$|>$2|" "good-$1.xml"; }

for kind in plan observations catalog manifest document; do
	root=$(sed -n "$(root_line $kind)p" good-$kind.xml | sed 's/^<\([a-z]*\).*/\1/')

	# accepted as they are, and with a UTF-8 byte order mark
	run $kind 0 good-$kind.xml
	printf '\357\273\277' >bom.xml && cat good-$kind.xml >>bom.xml
	run $kind 0 bom.xml
	if [ $kind = manifest ] || [ $kind = document ]; then
		[ -n "$(find outdir -type f -name '*.pdf')" ] || { echo "FAIL: $kind with a BOM: no PDF"; fails=$((fails + 1)); }
	else
		expect_grep "$tmp/out" "埇桥区"
	fi

	# a billion laughs: refused at the DOCTYPE, in well under a second
	{
		echo '<?xml version="1.0"?>'
		echo "<!DOCTYPE $root ["
		echo ' <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
		prev=a
		for e in b c d e f g h i j k; do
			echo " <!ENTITY $e \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
			prev=$e
		done
		echo ']>'
		body $kind | sed "0,/<$root\([ >]\)/s||<$root\1\&k;|"
	} >bomb.xml
	t0=$(date +%s%N)
	refused $kind bomb.xml "entity bomb"
	t1=$(date +%s%N)
	if [ $(((t1 - t0) / 1000000)) -gt 1000 ]; then
		echo "FAIL: $kind entity bomb took $(((t1 - t0) / 1000000)) ms"
		fails=$((fails + 1))
	fi

	# an external entity: never read
	{
		echo '<?xml version="1.0"?>'
		echo "<!DOCTYPE $root [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>"
		body $kind | sed "0,/<$root\([ >]\)/s||<$root\1\&x;|"
	} >xxe.xml
	refused $kind xxe.xml "external entity"
	if grep -rqs 'root:x:0' "$tmp/out" "$tmp/err" outdir; then
		echo "FAIL: $kind: /etc/passwd in the output"
		fails=$((fails + 1))
	fi

	# UTF-16 (with its BOM): planrep reads UTF-8 only
	sed '1s/UTF-8/UTF-16/' good-$kind.xml | iconv -f UTF-8 -t UTF-16 >utf16.xml
	refused $kind utf16.xml "UTF-16"
	expect_grep "$tmp/err" "utf16.xml:1: error: file is UTF-16"
	iconv -f UTF-8 -t UTF-16LE good-$kind.xml >utf16.xml
	refused $kind utf16.xml "UTF-16 without a byte order mark"

	: >empty.xml
	refused $kind empty.xml "empty file"

	head -c $(($(wc -c <good-$kind.xml) / 2)) good-$kind.xml >truncated.xml
	refused $kind truncated.xml "truncated file"

	sed "$(($(root_line $kind) + 1))s/>/>\xff\xfe\xc3/" good-$kind.xml >badutf8.xml
	refused $kind badutf8.xml "invalid UTF-8"

	insert $kind "$(printf '<x>%.0s' $(seq 1 300))$(printf '</x>%.0s' $(seq 1 300))" >deep.xml
	refused $kind deep.xml "deep nesting"
	insert $kind "$(printf '<x>%.0s' $(seq 1 70))$(printf '</x>%.0s' $(seq 1 70))" >deep.xml
	refused $kind deep.xml "nesting past planrep's limit"

	insert $kind '<bogus-element/>' >unknown.xml
	refused $kind unknown.xml "unknown element"
done

# a missing required attribute, one per kind
sed 's/ id="yongqiao"//' good-plan.xml >noattr.xml && refused plan noattr.xml "missing id"
sed 's/ plan="yongqiao"//' good-observations.xml >noattr.xml && refused observations noattr.xml "missing plan"
sed 's/ id="life-expectancy"//' good-catalog.xml >noattr.xml && refused catalog noattr.xml "missing id"
sed 's/ output="[^"]*"//' good-manifest.xml >noattr.xml && refused manifest noattr.xml "missing output"
sed 's/ width="300pt"//' good-document.xml >noattr.xml && refused document noattr.xml "missing width"

# absurd numbers: observations refuse them (-0 is zero); a plan's baseline or target is printed
# text, and one that is no finite number is accepted as qualitative (docs/data-format.md, "Targets":
# never an error), so no infinity or NaN reaches the evaluation
for v in 1e309 -1e309 NaN nan inf 99999999999999999999 0x10 ''; do
	sed "s/value=\"78.1\"/value=\"$v\"/" good-observations.xml >num.xml
	refused observations num.xml "value $v"
done
sed 's/value="78.1"/value="-0"/' good-observations.xml >num.xml
run observations 0 num.xml
for v in 1e309 '≥1e309' '提高1e309岁' NaN 99999999999999999999 '-1e309' '-0'; do
	for col in target baseline; do
		awk -v v="$v" -v c="$col" '!done && index($0, "<" c ">") {
			sub("<" c ">[^<]*<", "<" c ">" v "<"); done = 1 } 1' good-plan.xml >num.xml
		expect_exit 0 "$planrep" eval num.xml --catalog good-catalog.xml --observations good-observations.xml \
		    --format csv
		# columns 9 on: target_kind, target_value, latest_value, latest_period, status
		derived=$(sed -n 2p "$tmp/out" | cut -d, -f9-)
		if [ $col = target ] && [ "${derived%%,,*}" != trend ]; then
			echo "FAIL: target $v: not qualitative: $derived"
			fails=$((fails + 1))
		fi
		if printf '%s\n' "$derived" | grep -qiE 'inf|nan'; then
			echo "FAIL: $col $v: infinity or NaN derived: $derived"
			fails=$((fails + 1))
		fi
	done
done

finish
