#!/usr/bin/env bash
# Fuzz the pure C KPI state code (src/kpi/kpi_state.c, kpi_trend.c, kpi_control.c: checks, merge, figures) for a bounded
# time (PGE_FUZZ_SECONDS, default 15) with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer.  The invariants are listed in test/core/fuzz_kpi_state.c.
set -euo pipefail
cd "$PGE_ROOT"
tools/libfuzzer-build.sh fuzz_kpi_state -I src/kpi test/core/fuzz_kpi_state.c src/kpi/kpi_state.c \
	src/kpi/kpi_trend.c src/kpi/kpi_control.c src/kpi/kpi_stats.c || exit $?
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
# seeds: each family with a few rows, one with a window that empties, one hostile element
for k in 0 1 2 3 4 5 6 7 8 11 12 13; do
	printf "\\x$(printf %02x "$k")\\xff\\0\\0\\0\\0\\0\\0\\0\\0\\x01\\x02\\x81\\x00\\x10\\x20\\x30\\x40\\x90\\x00" >"$work/corpus/rows$k"
	printf "\\x$(printf %02x "$k")\\x02\\0\\0\\0\\0\\0\\0\\xf0\\x7f\\x01\\x02\\x7f\\xff" >"$work/corpus/hostile$k"
done
test/build/fuzz_kpi_state -artifact_prefix="$work/" -max_total_time="${PGE_FUZZ_SECONDS:-15}" -max_len=1024 -timeout=10 \
	-rss_limit_mb=2048 -print_final_stats=1 "$work/corpus" >"$work/log" 2>&1 || { tail -60 "$work/log"; exit 1; }
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$')
echo "fuzzed the KPI state code ${PGE_FUZZ_SECONDS:-15} s with ASan+UBSan: $runs inputs, no crash or broken invariant"
