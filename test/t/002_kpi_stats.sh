#!/usr/bin/env bash
# Unit test of the pure-C KPI statistics core (src/kpi/kpi_stats.c) against known values
# (R's pt/qt/pnorm, hand-worked Wilson intervals). Needs only gcc and libm.
set -euo pipefail
root=${PGE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
out=$(mktemp -d /tmp/pge_kpi_stats.XXXXXX)
trap 'rm -rf "$out"' EXIT
gcc -std=c99 -O2 -Wall -Wextra -Werror -ffp-contract=off -D_DEFAULT_SOURCE \
	-I"$root/src/kpi" -o "$out/kpi_stats_test" "$root/test/core/kpi_stats_test.c" "$root/src/kpi/kpi_stats.c" -lm
"$out/kpi_stats_test"
