#!/usr/bin/env bash
# The tokenizer's and rule scorer's fast paths for common tokens (issue 15, speed: a plain
# lower-case ASCII token skips the general add_token steps, the token scan skips its
# end-of-text test before the last space, an upper-case ASCII token is lower-cased by table,
# a token without lexicon valence skips token_valence(), an n-gram booster is tested by its
# last word first) must change nothing: test/core/paths_dump.c is built twice, as the library
# builds the core and with -DPGE_GENERAL_PATHS_ONLY (every token takes the general path), and
# its dumps (scores in %a, every token's fields, valences, rules, kept words) must be equal
# byte for byte, for every built-in configuration, on:
#   - the feedback set and the language-detection texts (test/data),
#   - 20,000 texts drawn from tokens that take each path,
#   - the four VADER corpora (23,703 texts) when ../shared is there ('en', 'en-rules', 'vader').
# Run under valgrind on a few hundred drawn texts where valgrind is installed.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
cd "$PGE_ROOT"
tmp=${PGE_TMP:-/tmp}/fast_paths
mkdir -p "$tmp"
# the core as the library builds it (-O2, no FMA contraction), the driver with warnings on
gcc -c -O2 -g -ffp-contract=off -Wall -Wextra -Wno-unused-parameter $(tools/core-sources.sh cflags) \
	-Itest/core -o "$tmp/paths_dump.o" test/core/paths_dump.c
for variant in fast general; do
	defs=
	[ "$variant" = general ] && defs=-DPGE_GENERAL_PATHS_ONLY
	gcc -O2 -g -ffp-contract=off $defs $(tools/core-sources.sh cflags) -o "$tmp/paths_$variant" \
		"$tmp/paths_dump.o" test/core/core_env_libc.c $(tools/core-sources.sh) \
		$(pkg-config --cflags --libs libutf8proc) -lm &
done
wait
[ -x "$tmp/paths_fast" ] && [ -x "$tmp/paths_general" ] || { echo "FAILED: build"; exit 1; }

{
	tail -n +2 test/data/feedback_labelled.tsv | cut -f3
	grep -v '^#' test/data/langid_texts.tsv | cut -f2-
	printf '%s\n' '' ' ' '!!!' ':)' 'NOT HAPPY!!! but ok' 'Sooo goooood' 'HTTP://x.y 12,5 @me' \
		'good' ' good ' 'good!' 'no complaints at all' 'kind of good' 'GOOD but bad'
} >"$tmp/own.txt"
"$tmp/paths_fast" --random 20000 >"$tmp/drawn.txt"
sets="own drawn"
if [ -n "${PGE_SHARED:-}" ] && [ -d "$PGE_SHARED/data/vader" ]; then
	for f in "$PGE_SHARED"/data/vader/*_GroundTruth.txt; do cut -f3- "$f"; done >"$tmp/vader.txt"
	sets="$sets vader"
fi
configs="en en-rules vader fr de es it pt nl da sv pl"
compared=0 lines=0 fails=0
for set in $sets; do
	for c in $configs; do
		[ "$set" = vader ] && case $c in en|en-rules|vader) ;; *) continue ;; esac
		"$tmp/paths_fast" "$c" <"$tmp/$set.txt" >"$tmp/out_fast" &
		"$tmp/paths_general" "$c" <"$tmp/$set.txt" >"$tmp/out_general"
		wait $!
		if ! cmp -s "$tmp/out_fast" "$tmp/out_general"; then
			echo "FAILED: '$c' on the $set texts: the fast paths differ from the general path"
			diff "$tmp/out_fast" "$tmp/out_general" | head -4 | cut -c1-300
			fails=$((fails + 1))
		fi
		compared=$((compared + 1))
		lines=$((lines + $(wc -l <"$tmp/out_fast")))
	done
done
[ "$fails" = 0 ] || exit 1

grind="skipped (no valgrind)"
if command -v valgrind >/dev/null; then
	head -300 "$tmp/drawn.txt" >"$tmp/drawn300.txt"
	for c in en de; do
		valgrind -q --error-exitcode=9 "$tmp/paths_fast" "$c" <"$tmp/drawn300.txt" >/dev/null ||
			{ echo "FAILED: paths_dump '$c' under valgrind"; exit 1; }
	done
	grind="valgrind clean on 300 drawn texts ('en', 'de')"
fi
echo "fast paths = general path, byte for byte: $compared dumps ($lines texts x configurations; sets: $sets)"
echo "$grind"
