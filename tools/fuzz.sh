#!/usr/bin/env bash
# fuzz.sh TARGET CORPUS_DIR: build test/core/TARGET.c with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer (clang-14, libclang-rt-14-dev) over the pure C core, run it for
# PGE_FUZZ_SECONDS (default 20) from CORPUS_DIR, and print the number of inputs run.
# Exit 77 when clang-14 with libFuzzer is missing, 1 on a crash (the log's tail is printed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$1 corpus=$2
if ! command -v clang-14 >/dev/null || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
	echo "clang-14 with libFuzzer (libclang-rt-14-dev) is not installed"
	exit 77
fi
mkdir -p "$root/test/build"
clang-14 -g -O1 -ffp-contract=off -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Wno-unused-function $("$root/tools/core-sources.sh" cflags) -o "$root/test/build/$target" \
	"$root/test/core/$target.c" $("$root/tools/core-sources.sh") "$root/test/core/core_env_libc.c" \
	$(pkg-config --libs libutf8proc) -lm
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$root/test/build/$target" -max_total_time="${PGE_FUZZ_SECONDS:-20}" -max_len=4096 -timeout=10 \
	-rss_limit_mb=2048 -print_final_stats=1 "$corpus" >"$log" 2>&1 || { tail -60 "$log"; exit 1; }
grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$'
