#!/usr/bin/env bash
# The one-pass language detector (src/language/langid.c) against the detector it replaced
# (test/core/langid_reference.c, kept verbatim): the same language, confidence (bit for bit),
# script, runner-up and letter count for every text, so that detect_language() and 'auto'
# give the answers they gave before the change (IMMUTABLE).  Inputs: the labelled texts of
# test/data, the umsab tweets of ../shared when present, and generated texts that reach every
# branch (URLs, @mentions, apostrophes, non-Latin scripts, invalid UTF-8, texts beyond the
# length limits), each with all languages and with candidate subsets.  Prints the speed of both.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
cd "$PGE_ROOT"
mkdir -p test/build
gcc -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare $(tools/core-sources.sh cflags) \
	-o test/build/langid_equiv test/core/langid_equiv.c test/core/langid_reference.c \
	$(tools/core-sources.sh | grep '/src/language/langid') $(pkg-config --libs libutf8proc) -lm
{
	grep -v '^#' test/data/langid_texts.tsv
	for f in test/data/languages/*.tsv; do tail -n +2 "$f" | cut -f2; done
	if [ -d "${PGE_SHARED:-}/data/train/umsab" ]; then
		cat "$PGE_SHARED"/data/train/umsab/*/val_text.txt "$PGE_SHARED"/data/train/umsab/*/train_text.txt
	else
		echo "note: $PGE_SHARED/data/train/umsab not found: own and generated texts only" >&2
	fi
} | test/build/langid_equiv 50000 | tee "${PGE_TMP:-/tmp}/langid_equiv.out"
grep -q ' differ=0 ' "${PGE_TMP:-/tmp}/langid_equiv.out"
