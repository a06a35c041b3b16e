#!/usr/bin/env bash
# The learned scorer's fast path (issue 15, speed): scoring without collecting features skips
# the word copies and reuses the tokenizer's hash of most words.  Its numbers must be exactly
# those of the collecting path that sentiment_explain() takes (polarity score, confidence,
# neg/neu/pos/compound, compared bit for bit), and every word's hash must be the FNV-1a hash
# of the word TextNormaliseWord writes, on:
#   - the feedback set and the language-detection texts (test/data),
#   - 20,000 texts drawn from tricky tokens (elongations, case, links, mentions, numbers,
#     punctuation, emoji, control bytes, non-ASCII),
#   - the four VADER corpora (23,703 texts) when ../shared is there.
# Run under valgrind on a few hundred of the drawn texts where valgrind is installed.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
cd "$PGE_ROOT"
tmp=${PGE_TMP:-/tmp}/fast_path
mkdir -p "$tmp"
# the core as the library builds it (-O2, no FMA contraction), the driver with warnings on
gcc -c -O2 -g -ffp-contract=off -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	$(tools/core-sources.sh cflags) -o "$tmp/fast_equiv.o" test/core/fast_equiv.c
gcc -O2 -g -ffp-contract=off $(tools/core-sources.sh cflags) -o "$tmp/fast_equiv" "$tmp/fast_equiv.o" \
	test/core/core_env_libc.c $(tools/core-sources.sh) $(pkg-config --cflags --libs libutf8proc) -lm

run() {	# [--random N]: checks stdin's texts (or N drawn ones), prints the driver's counts
	local out
	if ! out=$("$tmp/fast_equiv" "$@"); then
		echo "FAILED: the fast path differs from the collecting path ($out)"
		exit 1
	fi
	echo "$out"
}
{
	tail -n +2 test/data/feedback_labelled.tsv | cut -f3
	grep -v '^#' test/data/langid_texts.tsv | cut -f2-
	printf '%s\n' '' ' ' '!!!' ':)' 'NOT HAPPY!!! but ok' 'Sooo goooood' 'HTTP://x.y 12,5 @me'
} | run >"$tmp/own"
run --random 20000 >"$tmp/random"
vader="skipped (no ../shared)"
if [ -n "${PGE_SHARED:-}" ] && [ -d "$PGE_SHARED/data/vader" ]; then
	for f in "$PGE_SHARED"/data/vader/*_GroundTruth.txt; do cut -f3- "$f"; done | run >"$tmp/vader"
	vader=$(cat "$tmp/vader")
fi
grind="skipped (no valgrind)"
if command -v valgrind >/dev/null; then
	valgrind -q --error-exitcode=9 "$tmp/fast_equiv" --random 300 >/dev/null ||
		{ echo "FAILED: the fast path under valgrind"; exit 1; }
	grind="valgrind clean on 300 drawn texts"
fi
echo "fast path = collecting path, bit for bit; own texts: $(cat "$tmp/own")"
echo "drawn texts: $(cat "$tmp/random")"
echo "VADER corpora: $vader; $grind"
