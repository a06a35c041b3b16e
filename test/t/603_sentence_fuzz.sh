#!/usr/bin/env bash
# Fuzz the sentence and clause splitter (src/meaning/sentence.c) for a bounded time
# (PGE_FUZZ_SECONDS, default 20) with libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer
# (test/core/fuzz_sentence.c checks the spans' invariants); seeds are the labelled sentence sets.
set -euo pipefail
cd "$PGE_ROOT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
i=0
for f in test/data/sentences_*.tsv; do
	while IFS=$'\t' read -r lang text; do
		i=$((i + 1))
		# the first byte picks the language rules
		printf '%s%s' "${lang:0:1}" "$(printf '%s' "$text" | sed 's/¶//g; s/\\n/\n/g')" >"$work/corpus/s$i"
	done <"$f"
done
runs=$(tools/fuzz.sh fuzz_sentence "$work/corpus") || { rc=$?; echo "$runs"; exit $rc; }
echo "fuzzed ${PGE_FUZZ_SECONDS:-20} s with ASan+UBSan from $i labelled texts: $runs inputs, no crash or broken span invariant"
