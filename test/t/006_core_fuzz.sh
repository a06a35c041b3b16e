#!/usr/bin/env bash
# Fuzz the pure C core for a bounded time (PGE_FUZZ_SECONDS, default 20) with libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer (clang-14, libclang-rt-14-dev).  The seed
# corpus is a few tricky texts (and the VADER edge cases when ../shared is present).
set -euo pipefail
cd "$PGE_ROOT"
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
runs=$(tools/fuzz.sh fuzz_scorer "$work/corpus") || { rc=$?; echo "$runs"; exit $rc; }
echo "fuzzed ${PGE_FUZZ_SECONDS:-20} s with ASan+UBSan: $runs inputs, 'vader', 'en' and a language configuration each, no crash or broken invariant"
