#!/usr/bin/env bash
# The pure C core under valgrind (memcheck, leak check) on tricky inputs for 'vader', 'en' and four language configurations:
# emoji sequences, broken UTF-8, huge tokens, "but" lists long enough for the heap path.
set -euo pipefail
cd "$PGE_ROOT"
if ! command -v valgrind >/dev/null; then
	echo "valgrind is not installed"
	exit 77
fi
mkdir -p test/build
gcc -O1 -g -ffp-contract=off $(tools/core-sources.sh cflags) -o test/build/score_lines_dbg test/core/score_lines.c \
	test/core/core_env_libc.c $(tools/core-sources.sh) \
	$(pkg-config --libs libutf8proc) -lm
in=$(mktemp)
trap 'rm -f "$in"' EXIT
{
	printf '%s\n' "I ❤️ it 😀great 👍🏽 👩‍💻 🇯🇵 1️⃣ 💔" "VERY good but NOT great!!! ???" "no no no. so, ok. kind of bad"
	printf '\xff\xfe broken \xe2\x9d utf8 \xf0\x9f\x98\n'
	printf 'caf\xc3\xa9 CAF\xc3\x89 O\xe2\x84\xaa\n'
	printf "Ce n'est pas tr\xc3\xa8s bon, mais l'h\xc3\xb4tel qu'il\nn' l' d'' ''n'\n"
	printf 'Das gef\xc3\xa4llt mir nicht, Servicekatastrophe nicht-gut problemlos unfreundlich -\n'
	printf 'Nie by\xc5\x82a dobra, niemi\xc5\x82a \xc5\x9bwietnie j\xc3\xa4ttebra o- -los un\n'
	head -c 3000 /dev/zero | tr '\0' 'a'; echo 'katastrophe'
	head -c 200000 /dev/zero | tr '\0' 'x'; echo
	for i in $(seq 1 400); do printf 'good %d bad but great nice ' "$i"; done; echo
	if [ -f "$PGE_SHARED/data/vader/reference_edge_cases.tsv" ]; then
		tail -n +2 "$PGE_SHARED/data/vader/reference_edge_cases.tsv" | cut -f3
	fi
} >"$in"
for cfg in vader en fr de pl sv; do
	valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		test/build/score_lines_dbg "$cfg" <"$in" >/dev/null
	echo "valgrind clean: $cfg on $(wc -l <"$in") lines"
done
