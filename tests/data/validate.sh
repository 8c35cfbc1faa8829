# data.validate: every input file is valid. $1 is the planrep binary, $2 the source folder.
set -u
planrep=$1
src=$2
shopt -s nullglob
files=("$src"/input/plans/*.xml "$src/input/catalog.xml" "$src"/input/observations/*.xml)
if [ ${#files[@]} -lt 3 ]; then
	echo "FAIL: no input files under $src/input"
	exit 1
fi
"$planrep" validate "${files[@]}"
rc=$?
if [ "$rc" != 0 ]; then
	echo "FAIL: planrep validate exited $rc"
	exit 1
fi
echo "all checks passed"
