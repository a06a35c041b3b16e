#!/usr/bin/env bash
# core-sources.sh [cflags]: the pure C core's sources (every src/*/*.c that is not a *_sql.c
# SQL-edge file), or with "cflags" the -I flags for its headers.  Used by the test drivers,
# fuzzers and benchmarks that build the core without a server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
case "${1:-sources}" in
sources) find src -mindepth 2 -name '*.c' ! -name '*_sql.c' | LC_ALL=C sort | sed "s|^|$root/|" ;;
cflags) find src -mindepth 2 -name '*.h' -printf '%h\n' | LC_ALL=C sort -u | sed "s|^|-I$root/|" ;;
*) echo "usage: core-sources.sh [sources|cflags]" >&2; exit 2 ;;
esac
