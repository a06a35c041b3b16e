#!/usr/bin/env bash
# tools/copy-tree.sh DEST: copy this clone's source files (tracked, and untracked but not
# ignored: local edits included, build products and test results left out) into DEST, for a
# clean build elsewhere (tools/chroot.sh, test/t/201_debian_package.sh).
set -euo pipefail
dest=${1:?usage: copy-tree.sh DEST}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dest"
if git -C "$root" rev-parse --show-toplevel >/dev/null 2>&1; then
	(cd "$root" && git ls-files -z --cached --others --exclude-standard \
		| tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$dest"
else
	# not a git clone (an unpacked tarball): everything but the usual build products
	(cd "$root" && tar --exclude='*.o' --exclude='*.so' --exclude='*.bc' --exclude='./results' \
		--exclude='./pg_empathy*--*.sql' --exclude='./test/build' -cf - .) | tar -xf - -C "$dest"
fi
