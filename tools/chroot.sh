#!/usr/bin/env bash
# A cached Debian chroot of a newer suite with one PostgreSQL major, for building and testing
# pg_empathy on versions the host does not have.
#
#   tools/chroot.sh ensure SUITE PGMAJOR          create (or reuse) the chroot; prints its path
#   tools/chroot.sh run SUITE PGMAJOR CMD...      run CMD inside it (as root, cwd /), with /proc,
#                                                 /dev and /sys mounted, and PGE_SRC at /src and
#                                                 PGE_SHARED (read-only) at /shared when set
#   tools/chroot.sh test SUITE PGMAJOR [ARGS]     run this tree's tools/test.sh [ARGS] inside it,
#                                                 on a copy of the tree (tracked and untracked,
#                                                 not ignored files: no host build products)
#   e.g. tools/chroot.sh test sid 18 regress
#
# The mirror is read at run time from this machine's apt sources (deb822 files in
# /etc/apt/sources.list.d/ or /etc/apt/sources.list); PGE_MIRROR overrides it.
# The chroot lives outside any clone, in ${PGE_CHROOT_CACHE:-/var/cache/pg_empathy}/chroot-SUITE,
# so every clone and every run reuses it.  It is built in a temporary directory beside it and
# renamed into place only when complete (a file .pge-ready records what it holds), so an
# interrupted build never leaves a half chroot behind; a chroot whose pg_config no longer runs
# is rebuilt.  A lock file serialises builds and runs of the same chroot.
# Needs root, debootstrap and util-linux's unshare (mounts are made in a private mount namespace,
# so nothing stays mounted when the command ends).
set -euo pipefail

cmd=${1:?usage: chroot.sh ensure|run|test SUITE PGMAJOR [...]}
suite=${2:?usage: chroot.sh ensure|run SUITE PGMAJOR [CMD...]}
major=${3:?usage: chroot.sh ensure|run SUITE PGMAJOR [CMD...]}
shift 3
[[ "$suite" =~ ^[a-z]+$ ]] || { echo "chroot.sh: bad suite name \"$suite\"" >&2; exit 2; }
[[ "$major" =~ ^[0-9]+$ ]] || { echo "chroot.sh: bad PostgreSQL major \"$major\"" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "chroot.sh: must run as root" >&2; exit 2; }

cache=${PGE_CHROOT_CACHE:-/var/cache/pg_empathy}
dir="$cache/chroot-$suite"
# What the build and the whole suite need inside (tools/install-deps.sh lists the same for the host).
packages=(
	"postgresql-$major" "postgresql-server-dev-$major" "postgresql-client-$major"
	libutf8proc-dev pkg-config make gcc libc6-dev libpq-dev valgrind
	# building and testing the Debian package for this major (test/t/202_debian_autopkgtest.sh)
	build-essential dpkg-dev debhelper postgresql-server-dev-all fakeroot python3
	# the upgrade test reads the previous release from the git history (test/t/210_upgrade.sh)
	git
)
want="pg$major ${packages[*]}"

# The first non-security deb URI of this machine's apt sources.
mirror() {
	local uri
	if [ -n "${PGE_MIRROR:-}" ]; then
		echo "$PGE_MIRROR"; return
	fi
	uri=$(awk 'tolower($1) == "types:" { deb = ($0 ~ /[ \t]deb([ \t]|$)/) }
		tolower($1) == "uris:" && deb { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null || true)
	if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
		uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { if ($i !~ /security/) { print $i; exit } break } }' \
			/etc/apt/sources.list)
	fi
	[ -n "$uri" ] || { echo "chroot.sh: no deb URI found in the apt sources" >&2; return 1; }
	echo "${uri%/}"
}

healthy() {
	[ -f "$dir/.pge-ready" ] && [ "$(cat "$dir/.pge-ready")" = "$want" ] \
		&& chroot "$dir" "/usr/lib/postgresql/$major/bin/pg_config" --version >/dev/null 2>&1
}

build() {
	local url tmp
	url=$(mirror)
	tmp=$(mktemp -d "$cache/.build-$suite.XXXXXX")
	chmod 755 "$tmp"	# the chroot's /: the postgres user must be able to enter it
	echo "chroot.sh: debootstrap $suite from $url into $tmp" >&2
	if ! debootstrap --variant=minbase --include=ca-certificates "$suite" "$tmp" "$url" \
		>"$tmp.log" 2>&1; then
		tail -n 20 "$tmp.log" >&2
		rm -rf "$tmp" "$tmp.log"
		echo "chroot.sh: debootstrap of $suite from $url failed" >&2
		return 3
	fi
	printf 'deb %s %s main\n' "$url" "$suite" >"$tmp/etc/apt/sources.list"
	# the same acceptance of the mirror's Release files as on this machine (a frozen snapshot
	# mirror has expired Valid-Until dates, and the host's apt is told to accept them)
	apt-config dump | grep -E '^Acquire::(Check-Valid-Until|Check-Date) ' \
		>"$tmp/etc/apt/apt.conf.d/99pge-host" || true
	# no services may start inside the chroot while packages are installed
	printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
	chmod 755 "$tmp/usr/sbin/policy-rc.d"
	# postgresql-common must not create a cluster: the tests make their own
	mkdir -p "$tmp/etc/postgresql-common/createcluster.d"
	echo 'create_main_cluster = false' >"$tmp/etc/postgresql-common/createcluster.d/pge.conf"
	if ! in_chroot "$tmp" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends ${packages[*]} && apt-get clean" \
		>>"$tmp.log" 2>&1; then
		tail -n 20 "$tmp.log" >&2
		rm -rf "$tmp" "$tmp.log"
		echo "chroot.sh: installing ${packages[*]} in $suite failed" >&2
		return 1
	fi
	echo "$want" >"$tmp/.pge-ready"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	rm -f "$tmp.log"
	echo "chroot.sh: $dir ready" >&2
}

# in_chroot ROOT CMD...: run CMD in ROOT inside a private mount namespace
in_chroot() {
	local root=$1
	shift
	unshare --mount --propagation private -- sh -c '
		root=$1; shift
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		mount --rbind /sys "$root/sys"
		cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
		if [ -n "${PGE_SRC:-}" ]; then
			mkdir -p "$root/src"
			mount --bind "$PGE_SRC" "$root/src"
		fi
		if [ -n "${PGE_SHARED:-}" ] && [ -d "$PGE_SHARED" ]; then
			mkdir -p "$root/shared"
			mount --bind "$PGE_SHARED" "$root/shared"
			mount -o remount,bind,ro "$root/shared"
		fi
		exec chroot "$root" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LANG=C.UTF-8 "$@"
	' sh "$root" "$@"
}

# a chroot made for another package list: install what is missing in place
update() {
	[ -f "$dir/.pge-ready" ] || return 1
	echo "chroot.sh: updating $dir to: $want" >&2
	in_chroot "$dir" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends ${packages[*]} && apt-get clean" >&2 \
		|| return 1
	echo "$want" >"$dir/.pge-ready"
}

# (in braces, so that bash has read all of it before it runs: an edit of this file while it
# runs cannot change what it does)
{
mkdir -p "$cache"
exec 9>"$cache/chroot-$suite.lock"
flock 9
if ! healthy; then
	update || build
	healthy || { echo "chroot.sh: $dir is not usable" >&2; exit 1; }
fi

case "$cmd" in
ensure) echo "$dir" ;;
run) in_chroot "$dir" "$@" ;;
test)
	root=$(cd "$(dirname "$0")/.." && pwd)
	src=$(mktemp -d /tmp/pge_chroot_src.XXXXXX)
	chmod 755 "$src"
	trap 'rm -rf "$src"' EXIT
	"$root/tools/copy-tree.sh" "$src"
	# the history up to HEAD and the tags (the upgrade test installs the previous release from
	# its tag), without the host's index or working tree
	if git -C "$root" rev-parse -q --verify HEAD >/dev/null 2>&1; then
		git init -q "$src/.git-tmp" && mv "$src/.git-tmp/.git" "$src/.git" && rmdir "$src/.git-tmp"
		git -C "$src" fetch -q --tags "$root" HEAD
	fi
	export PGE_SRC="$src" PGE_SHARED=${PGE_SHARED:-$(dirname "$root")/shared}
	in_chroot "$dir" env PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" PGE_SKIP_DEPS=1 \
		PGE_CHROOT="$suite" PGE_TESTS="${PGE_TESTS:-}" PGE_REGRESS="${PGE_REGRESS:-}" \
		PGE_KEEP="${PGE_KEEP:-0}" bash /src/tools/test.sh "$@"
	;;
*) echo "usage: chroot.sh ensure|run|test SUITE PGMAJOR [...]" >&2; exit 2 ;;
esac
exit
}
