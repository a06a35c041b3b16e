#!/usr/bin/env bash
# Fuzz the pure C KPI state code (src/kpi/kpi_state.c, kpi_trend.c, kpi_control.c: checks, merge, figures) for a bounded
# time (PGE_FUZZ_SECONDS, default 15) with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer.  The invariants are listed in test/core/fuzz_kpi_state.c.
set -euo pipefail
cd "$PGE_ROOT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
# seeds: each family with a few rows, one with a window that empties, one hostile element
for k in 0 1 2 3 4 5 6 7 8 11 12 13; do
	printf "\\x$(printf %02x "$k")\\xff\\0\\0\\0\\0\\0\\0\\0\\0\\x01\\x02\\x81\\x00\\x10\\x20\\x30\\x40\\x90\\x00" >"$work/corpus/rows$k"
	printf "\\x$(printf %02x "$k")\\x02\\0\\0\\0\\0\\0\\0\\xf0\\x7f\\x01\\x02\\x7f\\xff" >"$work/corpus/hostile$k"
done
# inputs that once broke an invariant (kept as regressions)
cp test/data/fuzz_kpi_state/* "$work/corpus/"
runs=$(PGE_FUZZ_SECONDS=${PGE_FUZZ_SECONDS:-15} tools/fuzz.sh fuzz_kpi_state "$work/corpus") || { rc=$?; echo "$runs"; exit $rc; }
echo "fuzzed the KPI state code ${PGE_FUZZ_SECONDS:-15} s with ASan+UBSan: $runs inputs, no crash or broken invariant"
