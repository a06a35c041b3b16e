#!/usr/bin/env bash
# The whole pg_empathy test suite on a fresh Debian 12 machine:
# install dependencies, build, install, start a throwaway cluster, run every test, stop it.
# Ends with the line "N passed, N failed, N skipped".
#
#   sudo tools/test.sh                 everything
#   sudo tools/test.sh regress         only the pg_regress tests (sql/, expected/)
#   sudo tools/test.sh scripts         only the scripted tests (test/t/*.sh)
#   PGE_TESTS='conformance latin1' sudo tools/test.sh scripts    a subset of the scripts
#   PGE_SKIP_TESTS='pg18_chroot debian_package' sudo tools/test.sh   all but these scripts
#
# Tests that need the ../shared data (VADER conformance, accuracy) skip with a reason when it
# is absent. Set PGE_SHARED to point elsewhere.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
what=${1:-all}
# Another PostgreSQL major: PG_CONFIG=/usr/lib/postgresql/NN/bin/pg_config (tools/matrix.sh runs
# 15, 17 and 18). PGE_SKIP_DEPS=1 skips tools/install-deps.sh (the chroots of tools/chroot.sh
# have their packages already).
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
export PG_CONFIG
export PGE_PG_MAJOR=${PGE_PG_MAJOR:-$(basename "$(dirname "$(dirname "$PG_CONFIG")")")}
[[ "$PGE_PG_MAJOR" =~ ^[0-9]+$ ]] || PGE_PG_MAJOR=15
export PGE_ROOT="$root"
export PGE_SHARED=${PGE_SHARED:-$(dirname "$root")/shared}

if [ "${PGE_SKIP_DEPS:-0}" != 1 ]; then
	tools/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
fi
pg_bindir=$("$PG_CONFIG" --bindir) || { echo "no pg_config at $PG_CONFIG"; echo "0 passed, 1 failed"; exit 1; }
pg_sharedir=$("$PG_CONFIG" --sharedir)
export PGBIN="$pg_bindir"
echo "== PostgreSQL $("$PG_CONFIG" --version | sed 's/^PostgreSQL //') ($PG_CONFIG)"

# Developer option: PGE_PREFIX=/some/dir installs into a private relocated copy of the server
# (DESTDIR install) instead of the system one, so several work trees can be tested at once.
install_args=()
if [ -n "${PGE_PREFIX:-}" ]; then
	pg_libroot=$(dirname "$pg_bindir")		# Debian: /usr/lib/postgresql/NN
	if [ ! -x "$PGE_PREFIX$pg_bindir/postgres" ]; then
		mkdir -p "$PGE_PREFIX$(dirname "$pg_libroot")" "$PGE_PREFIX$(dirname "$pg_sharedir")"
		cp -a "$pg_libroot" "$PGE_PREFIX$(dirname "$pg_libroot")/"
		cp -a "$pg_sharedir" "$PGE_PREFIX$(dirname "$pg_sharedir")/"
	fi
	install_args=(DESTDIR="$PGE_PREFIX")
	export PGBIN="$PGE_PREFIX$pg_bindir"
fi

echo "== build"
buildlog=$(mktemp /tmp/pge_build.XXXXXX)
if ! { make -s PG_CONFIG="$PG_CONFIG" >"$buildlog" 2>&1 && make -s PG_CONFIG="$PG_CONFIG" "${install_args[@]}" install >>"$buildlog" 2>&1; }; then
	cat "$buildlog"
	echo "build failed"
	echo "0 passed, 1 failed"
	exit 1
fi
grep -E 'warning|error' "$buildlog" || true

tmp=$(mktemp -d /tmp/pg_empathy_test.XXXXXX)
chmod 755 "$tmp"
cleanup() {
	tools/cluster.sh stop "$tmp/cluster" || true
	[ "${PGE_KEEP:-0}" = 1 ] || rm -rf "$tmp"
}
trap cleanup EXIT
tools/cluster.sh start "$tmp/cluster" || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC1091
. "$tmp/cluster/env"
export PGE_TMP="$tmp"

passed=0 failed=0 skipped=0
failures=()

if [ "$what" = all ] || [ "$what" = regress ]; then
	echo "== pg_regress (sql/ -> expected/)"
	rm -f regression.out regression.diffs
	make -s PG_CONFIG="$PG_CONFIG" installcheck ${PGE_REGRESS:+REGRESS="$PGE_REGRESS"} >"$tmp/regress.log" 2>&1
	grep -E '^(ok|not ok|test) |\.\.\. (ok|FAILED|failed|ignored)' "$tmp/regress.log" || true
	# 15 prints "test name ... ok"; 16 and later print TAP lines "ok 1 - name" / "not ok 1 - name"
	ok=$(grep -cE '\.\.\. ok|\.\.\. ignored|^ok [0-9]+ |^not ok [0-9]+ .*# \(ignored\)' "$tmp/regress.log" || true)
	bad=$(grep -E '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' "$tmp/regress.log" | grep -cv '# (ignored)' || true)
	if [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ]; then
		cat "$tmp/regress.log"
		echo "pg_regress did not run"
		bad=1
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$bad" -gt 0 ]; then
		failures+=("pg_regress")
		[ -f regression.diffs ] && head -300 regression.diffs
	fi
fi

if [ "$what" = all ] || [ "$what" = scripts ]; then
	echo "== scripted tests (test/t/*.sh)"
	export PGOPTIONS="-c client_min_messages=warning"
	for t in test/t/*.sh; do
		name=$(basename "$t" .sh)
		if [ -n "${PGE_TESTS:-}" ] && ! [[ " $PGE_TESTS " == *" ${name#[0-9][0-9][0-9]_} "* || " $PGE_TESTS " == *" $name "* ]]; then
			continue
		fi
		if [ -n "${PGE_SKIP_TESTS:-}" ] && [[ " $PGE_SKIP_TESTS " == *" ${name#[0-9][0-9][0-9]_} "* || " $PGE_SKIP_TESTS " == *" $name "* ]]; then
			continue
		fi
		log="$tmp/$name.log"
		start=$(date +%s)
		bash "$t" >"$log" 2>&1
		rc=$?
		secs=$(( $(date +%s) - start ))
		case $rc in
		0) passed=$((passed + 1)); printf 'test %-32s ... ok (%ss)\n' "$name" "$secs"; tail -n 5 "$log" | sed 's/^/    /' ;;
		77) skipped=$((skipped + 1)); printf 'test %-32s ... skipped: %s\n' "$name" "$(tail -n 1 "$log")" ;;
		*) failed=$((failed + 1)); failures+=("$name"); printf 'test %-32s ... FAILED (exit %s)\n' "$name" "$rc"; tail -n 40 "$log" | sed 's/^/    /' ;;
		esac
	done
fi

if [ ${#failures[@]} -gt 0 ]; then
	echo "failures: ${failures[*]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
