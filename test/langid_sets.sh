#!/usr/bin/env bash
# langid_sets.sh OUTDIR: the labelled language-detection sets, one "language<TAB>text" file each,
# and prints their names.  own = test/data/langid_texts.tsv (written for pg_empathy);
# umsab_val / umsab_train = the umsab tweets in ../shared (en fr de it pt es) with @mentions,
# URLs and #hashtags removed, read at test time and never copied into the repository.
set -euo pipefail
: "${PGE_ROOT:?}" "${PGE_SHARED:?}"
out=${1:?usage: langid_sets.sh OUTDIR}
mkdir -p "$out"
grep -v '^#' "$PGE_ROOT/test/data/langid_texts.tsv" >"$out/own.tsv"
echo own
umsab="$PGE_SHARED/data/train/umsab"
[ -d "$umsab" ] || exit 0
for split in val train; do
	for p in en:english fr:french de:german it:italian pt:portuguese es:spanish; do
		sed -E 's/(@[A-Za-z0-9_]+|https?:[^ ]*|#[^ ]+|\\u[0-9a-fA-F]{4})//g; s/  +/ /g; s/^ //' \
			"$umsab/${p#*:}/${split}_text.txt" | sed "s/^/${p%%:*}\t/"
	done >"$out/umsab_$split.tsv"
	echo "umsab_$split"
done
