#!/usr/bin/env bash
# Citus, built from ../shared/vendor/citus-VERSION.tar.gz for the scale-out tests
# (test/t/810_citus.sh), cached outside the clone and installed into the test's server.
#
#   tools/citus-build.sh ensure     build (or reuse) the cache; prints its directory
#   tools/citus-build.sh install    ensure, then copy Citus into the server of PGBIN (the system
#                                   one, or the private copy under PGE_PREFIX, as tools/test.sh)
#
# The cache is ${PGE_CITUS_CACHE:-/var/cache/pg_empathy}/citus-VERSION-pgMAJOR: a DESTDIR install
# tree (usr/lib/postgresql/MAJOR/lib/citus*.so, usr/share/postgresql/MAJOR/extension/citus*)
# and .pge-ready, which names the tarball's sha256 and the server's pg_config --version.  It is
# built in a temporary directory beside it and renamed into place when complete (like
# tools/chroot.sh), so an interrupted build leaves nothing half-made; a lock serialises builds.
# Exit 77 when the tarball is absent (the tests then skip).
# Build dependencies (Debian): tools/install-deps.sh (liblz4-dev libzstd-dev libkrb5-dev
# libselinux1-dev libpam0g-dev flex bison); configured --without-libcurl (no statistics
# collection: the test clusters have no network) and without LLVM bitcode (JIT inlining only;
# it doubles the build time).
set -euo pipefail

cmd=${1:?usage: citus-build.sh ensure|install}
version=${PGE_CITUS_VERSION:-13.2.2}
shared=${PGE_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
tarball="$shared/vendor/citus-$version.tar.gz"
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/${PGE_PG_MAJOR:-15}/bin/pg_config}
major=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
cache=${PGE_CITUS_CACHE:-/var/cache/pg_empathy}
dir="$cache/citus-$version-pg$major"

[ -f "$tarball" ] || { echo "citus-build.sh: $tarball not found" >&2; exit 77; }
want="$(sha256sum "$tarball" | cut -d' ' -f1) $("$PG_CONFIG" --version)"

healthy() {
	[ -f "$dir/.pge-ready" ] && [ "$(cat "$dir/.pge-ready")" = "$want" ] \
		&& [ -f "$dir$("$PG_CONFIG" --pkglibdir)/citus.so" ]
}

build() {
	local tmp src start
	start=$(date +%s)
	tmp=$(mktemp -d "$cache/.build-citus-$version-pg$major.XXXXXX")
	src="$tmp/src"
	mkdir "$src"
	tar xzf "$tarball" -C "$src" --strip-components=1
	# PostgreSQL 15.x releases after Citus 13.2.2 export have_createdb_privilege() (commands/
	# dbcommands.h); Citus's PG15 compatibility header defines its own static copy, which then
	# clashes.  Use the server's when its headers declare it (scratch copy only).
	if grep -q 'have_createdb_privilege' "$("$PG_CONFIG" --includedir-server)/commands/dbcommands.h"; then
		python3 - "$src/src/include/pg_version_compat.h" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s2, n = re.subn(r'static inline bool\nhave_createdb_privilege\(void\)\n\{.*?\n\}\n',
                '#include "commands/dbcommands.h"\n', s, count=1, flags=re.S)
if n != 1:
    sys.exit("citus-build.sh: have_createdb_privilege definition not found in " + p)
open(p, 'w').write(s2)
PY
	fi
	echo "citus-build.sh: building Citus $version for PostgreSQL $major in $tmp" >&2
	if ! (cd "$src" && ./configure PG_CONFIG="$PG_CONFIG" --without-libcurl >"$tmp/build.log" 2>&1 \
		&& nice make -j"$(nproc)" with_llvm=no >>"$tmp/build.log" 2>&1 \
		&& make install with_llvm=no DESTDIR="$tmp/root" >>"$tmp/build.log" 2>&1); then
		tail -n 30 "$tmp/build.log" >&2
		rm -rf "$tmp"
		echo "citus-build.sh: build failed" >&2
		return 3
	fi
	mv "$tmp/build.log" "$tmp/root/build.log"
	echo "$want" >"$tmp/root/.pge-ready"
	echo "$(( $(date +%s) - start ))" >"$tmp/root/.pge-build-seconds"
	rm -rf "$dir"
	mv "$tmp/root" "$dir"
	rm -rf "$tmp"
	echo "citus-build.sh: built in $(cat "$dir/.pge-build-seconds") s, cached in $dir" >&2
}

mkdir -p "$cache"
exec 9>"$cache/citus-$version-pg$major.lock"
flock 9
healthy || build

case "$cmd" in
ensure)
	echo "$dir"
	;;
install)
	# into the server whose binaries are PGBIN: the private copy under PGE_PREFIX when set
	prefix=${PGE_PREFIX:-}
	libdir=$("$PG_CONFIG" --pkglibdir)
	extdir=$("$PG_CONFIG" --sharedir)/extension
	[ -d "$prefix$libdir" ] && [ -d "$prefix$extdir" ] \
		|| { echo "citus-build.sh: no server at $prefix$libdir" >&2; exit 1; }
	cp "$dir$libdir"/citus*.so "$prefix$libdir/"
	cp "$dir$extdir"/citus* "$prefix$extdir/"
	echo "$dir"
	;;
*)
	echo "usage: citus-build.sh ensure|install" >&2
	exit 2
	;;
esac
