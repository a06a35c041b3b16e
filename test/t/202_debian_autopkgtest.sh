#!/usr/bin/env bash
# The Debian package on another major, as Debian's own tooling runs it: in the cached sid chroot
# (tools/chroot.sh), regenerate debian/control for the majors installed there
# (pg_buildext updatecontrol), build postgresql-18-pg-empathy with dpkg-buildpackage, install the
# .deb with apt, then run the autopkgtest debian/tests/installcheck (pg_buildext installcheck:
# pg_regress on a pg_virtualenv cluster, against the installed package).
# Skips only when debootstrap cannot fetch sid from the mirror (exit 3 of tools/chroot.sh).
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
root=${PGE_ROOT:?}

# shellcheck source=test/sid_chroot.sh
. "$root/test/sid_chroot.sh"
log="$PGE_TMP/autopkgtest.log"

src=$(mktemp -d /tmp/pge_autopkgtest.XXXXXX)
chmod 755 "$src"
trap 'rm -rf "$src"' EXIT
mkdir "$src/pg-empathy"
"$root/tools/copy-tree.sh" "$src/pg-empathy"
start=$(date +%s)
# shellcheck disable=SC2016
PGE_SRC="$src" bash "$root/tools/chroot.sh" run sid 18 sh -c '
	set -e
	cd /src/pg-empathy
	pg_buildext updatecontrol
	dpkg-buildpackage -us -uc -b >/src/build.log 2>&1 || { tail -n 40 /src/build.log; exit 1; }
	echo "== built: $(cd /src && ls *.deb | tr "\n" " ")"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		/src/postgresql-18-pg-empathy_*_*.deb >/src/install.log 2>&1 \
		|| { tail -n 20 /src/install.log; exit 1; }
	echo "== installed: $(dpkg-query -W -f="\${Package} \${Version}" postgresql-18-pg-empathy)"
	# autopkgtest runs the tests from the source tree, with the package installed
	sh debian/tests/installcheck >/src/installcheck.log 2>&1; rc=$?
	grep -E "^(ok|not ok) " /src/installcheck.log || true
	DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq postgresql-18-pg-empathy >/dev/null 2>&1 || true
	[ $rc -eq 0 ] || { tail -n 60 /src/installcheck.log; exit 1; }
' >"$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
cat "$log"
[ $rc -eq 0 ] || fail "building, installing or testing the PostgreSQL 18 package failed (exit $rc)"
grep -q '^== built: .*postgresql-18-pg-empathy_' "$log" || fail "no postgresql-18-pg-empathy package"
passed=$(grep -c '^ok ' "$log")
expected=$(ls "$root"/sql/*.sql | wc -l)
[ "$passed" -eq "$expected" ] || fail "autopkgtest: $passed of $expected regression tests passed"
deb=$(ls "$src"/postgresql-18-pg-empathy_*_*.deb)
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes; build, install and autopkgtest in ${secs}s"
echo "autopkgtest on PG 18: $passed tests passed"
