#!/usr/bin/env bash
# The whole test suite on every supported PostgreSQL major, one after the other:
#   15  on the host (Debian 12), as tools/test.sh runs it
#   17  in a Debian trixie chroot   } made and cached by tools/chroot.sh
#   18  in a Debian sid chroot      } (/var/cache/pg_empathy/chroot-SUITE)
# 16 is in no Debian suite (bookworm has 15, trixie 17, sid 18), so it is not in the matrix.
#
#   sudo tools/matrix.sh              all three
#   PGE_MATRIX_VERSIONS='15 18' sudo tools/matrix.sh
#
# Extra arguments go to tools/test.sh (e.g. "regress"). PGE_PREFIX applies to the host run.
# Prints one summary line per version and exits non-zero if any version failed.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
versions=${PGE_MATRIX_VERSIONS:-15 17 18}
logs=$(mktemp -d /tmp/pge_matrix.XXXXXX)
# the host run need not repeat the PostgreSQL 18 pass of test/t/200_pg18_chroot.sh
export PGE_MATRIX=1

suite_of() {
	case $1 in
	15) echo host ;;
	17) echo trixie ;;
	18) echo sid ;;
	*) echo "matrix.sh: no Debian suite known for PostgreSQL $1" >&2; return 1 ;;
	esac
}

summary=()
status=0
for v in $versions; do
	where=$(suite_of "$v") || { summary+=("PG $v: not available"); status=1; continue; }
	log="$logs/pg$v.log"
	echo "== PostgreSQL $v ($where), log $log"
	start=$(date +%s)
	if [ "$where" = host ]; then
		PG_CONFIG="/usr/lib/postgresql/$v/bin/pg_config" bash tools/test.sh "$@" >"$log" 2>&1
	else
		bash tools/chroot.sh test "$where" "$v" "$@" >"$log" 2>&1
	fi
	rc=$?
	secs=$(( $(date +%s) - start ))
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	[ -n "$last" ] || last="no result (exit $rc)"
	version=$(sed -n 's/^== PostgreSQL \([0-9.]*\).*/\1/p' "$log" | head -n 1)
	[ "$rc" -eq 0 ] || { status=1; grep -E 'FAILED|^failures:' "$log" | sed 's/^/    /'; }
	line=$(printf 'PG %-2s %-8s %-7s %s (%ss)' "$v" "($where)" "${version:-?}" "$last" "$secs")
	echo "$line"
	summary+=("$line")
done

echo "== matrix summary (logs in $logs)"
printf '%s\n' "${summary[@]}"
exit $status
