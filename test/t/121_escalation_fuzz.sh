#!/usr/bin/env bash
# Fuzz the escalation matcher (rule set + message from one input) for a bounded time
# (PGE_FUZZ_SECONDS, default 20) with libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer;
# every result is compared with the literal reference matcher (test/core/esc_rules.h).
set -euo pipefail
cd "$PGE_ROOT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
# seeds: <reason byte><severity byte><phrase> lines, NUL, message
seed() { printf "$1" >"$work/corpus/seed$2"; }
seed '\x03\x02cancel my account\n\x03\x00cancel my account please\n\x02\x03talk to a human\n\x02\x00human resources\x00I will not cancel my account; talk to a HUMAN now! human resources' 1
seed '\x04\x03lawyer\n\x04\x03my lawyer\n\x04\x03my lawyer will\x00my lawyer will call, my lawyer.' 2
seed '\x08\x03on fire\n\x08\x00fire drill\x00the fire drill is on fire 🔥 isn’t it' 3
seed '\x00' 4
seed '\x01\x01a\n\x01\x01a a\n\x01\x01a a a\x00a a a a a a a' 5
runs=$(tools/fuzz.sh fuzz_escalation "$work/corpus") || { rc=$?; echo "$runs"; exit $rc; }
echo "fuzzed the escalation matcher ${PGE_FUZZ_SECONDS:-20} s with ASan+UBSan: $runs inputs, all equal to the reference matcher"
