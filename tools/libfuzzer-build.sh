#!/usr/bin/env bash
# libfuzzer-build.sh OUT SOURCE... [compiler flags]: build a libFuzzer target with
# AddressSanitizer and UndefinedBehaviorSanitizer (clang-14, libclang-rt-14-dev) into
# test/build/OUT.  Exits 77 (skip) with a message when the toolchain is missing, so a
# fuzz script can call it under `set -e` and skip cleanly.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v clang-14 >/dev/null || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
	echo "clang-14 with libFuzzer (libclang-rt-14-dev) is not installed"
	exit 77
fi
out=$1; shift
mkdir -p "$root/test/build"
clang-14 -g -O1 -ffp-contract=off -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-o "$root/test/build/$out" "$@" -lm
