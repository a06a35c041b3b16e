#!/usr/bin/env bash
# Custom lexicons in the pure C core (test/core/custom_lexicon_test.c), over every built-in
# configuration: a lexicon of new words keeps every base entry and scores the labelled
# language sets (and the VADER corpora when ../shared has them) exactly as the base does;
# overrides, 0 and phrases; every bad input's status; 10,000 entries.  Then once more under
# valgrind (memcheck, leaks) on the language sets when valgrind is installed.
set -euo pipefail
cd "$PGE_ROOT"
mkdir -p test/build
gcc -O1 -g -ffp-contract=off $(tools/core-sources.sh cflags) -o test/build/custom_lexicon_test \
	test/core/custom_lexicon_test.c test/core/core_env_libc.c $(tools/core-sources.sh) \
	$(pkg-config --libs libutf8proc) -lm
in=$(mktemp)
trap 'rm -f "$in"' EXIT
for f in test/data/languages/*.tsv; do tail -n +2 "$f" | cut -f2; done >"$in"
if [ -d "$PGE_SHARED/data/vader" ]; then
	cut -f3- "$PGE_SHARED"/data/vader/*_GroundTruth.txt | tr -d '\r' >>"$in"
fi
test/build/custom_lexicon_test <"$in" | grep -v '^  ' | tail -25
if command -v valgrind >/dev/null; then
	for f in test/data/languages/*.tsv; do tail -n +2 "$f" | cut -f2; done |
		valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			test/build/custom_lexicon_test >/dev/null
	echo "valgrind clean (language sets)"
fi
