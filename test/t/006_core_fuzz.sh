#!/usr/bin/env bash
# Fuzz the pure C core for a bounded time (PGE_FUZZ_SECONDS, default 20) with libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer (clang-14, libclang-rt-14-dev).  The seed
# corpus is a few tricky texts (and the VADER edge cases when ../shared is present).
set -euo pipefail
cd "$PGE_ROOT"
tools/libfuzzer-build.sh fuzz_scorer $(tools/core-sources.sh cflags) test/core/fuzz_scorer.c \
	$(tools/core-sources.sh) test/core/core_env_libc.c $(pkg-config --libs libutf8proc) || exit $?
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
i=0
for t in "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!" "I ❤️ it 😀great 👍🏽 👩‍💻 🇯🇵 1️⃣ 💔" \
	"not bad, kind of good but the least helpful :D D: no no" "never so happy, without doubt the bomb" \
	"isn’t it O‪K? CAFÉ ½ ???"; do
	printf '%s' "$t" >"$work/corpus/seed$i"; i=$((i + 1))
done
if [ -f "$PGE_SHARED/data/vader/reference_edge_cases.tsv" ]; then
	tail -n +2 "$PGE_SHARED/data/vader/reference_edge_cases.tsv" | cut -f3 | while IFS= read -r line; do
		i=$((i + 1)); printf '%s' "$line" >"$work/corpus/edge$i"
	done
fi
test/build/fuzz_scorer -max_total_time="${PGE_FUZZ_SECONDS:-20}" -max_len=4096 -timeout=10 \
	-rss_limit_mb=2048 -print_final_stats=1 "$work/corpus" >"$work/log" 2>&1 || { tail -60 "$work/log"; exit 1; }
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$')
echo "fuzzed ${PGE_FUZZ_SECONDS:-20} s with ASan+UBSan: $runs inputs, both configurations, no crash or broken invariant"
