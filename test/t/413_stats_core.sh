#!/usr/bin/env bash
# Pure C cores of outcome_association / survival_counts, change_point and the agreement
# aggregates without a server (test/core/stats_unit.c): deserializers on every truncation and
# random byte flips, merge order, round trips, the Kolmogorov tail; under valgrind (no invalid
# access, no leak) when it is installed.
set -euo pipefail
cd "$PGE_ROOT"
out=$PGE_TMP/stats_unit
gcc -O1 -g -ffp-contract=off -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare $(tools/core-sources.sh cflags) \
	-o "$out" test/core/stats_unit.c test/core/core_env_libc.c \
	$(tools/core-sources.sh) $(pkg-config --libs libutf8proc) -lm 2>"$out.log" || { cat "$out.log"; exit 1; }
if command -v valgrind >/dev/null; then
	valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite "$out"
	echo "(under valgrind: no errors, no definite leaks)"
else
	"$out"
fi
