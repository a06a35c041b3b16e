#!/usr/bin/env bash
# PostgreSQL 18 pass of CI: in a Debian sid chroot (made by tools/chroot.sh from this machine's
# apt mirror, cached in /var/cache/pg_empathy/chroot-sid), build the extension with PostgreSQL
# 18's pg_config, fail on any compiler warning, install it there and run every pg_regress test
# on a throwaway PostgreSQL 18 cluster.  tools/matrix.sh runs the whole suite on 17 and 18.
# Skips only when debootstrap cannot fetch sid from the mirror (exit 3 of tools/chroot.sh).
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
root=${PGE_ROOT:?}

if [ "${PGE_MATRIX:-0}" = 1 ]; then
	echo "tools/matrix.sh runs the whole suite on PostgreSQL 18 itself"
	exit 77
fi
# shellcheck source=test/sid_chroot.sh
. "$root/test/sid_chroot.sh"
ready=$sid_ready_secs

log="$PGE_TMP/pg18_chroot.log"
start=$(( $(date +%s) - ready ))
PGE_REGRESS= bash "$root/tools/chroot.sh" test sid 18 regress >"$log" 2>&1
rc=$?
total=$(( $(date +%s) - start ))
grep -E '^== PostgreSQL' "$log"
# tools/test.sh prints compiler warnings and errors right after "== build"
if sed -n '/^== build/,/^== pg_regress/p' "$log" | grep -E 'warning|error'; then
	fail "PostgreSQL 18 build has warnings"
fi
last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
if [ $rc -ne 0 ] || [ -z "$last" ]; then
	tail -n 60 "$log"
	fail "PostgreSQL 18 regression tests failed (exit $rc)"
fi
passed=${last%% passed*}
expected=$(ls "$root"/sql/*.sql | wc -l)
[ "$passed" -eq "$expected" ] || fail "PostgreSQL 18: $passed of $expected tests passed"
echo "chroot ready in ${ready}s, build + regress in $((total - ready))s"
echo "PG 18: $passed tests passed"
