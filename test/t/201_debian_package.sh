#!/usr/bin/env bash
# Packaging: build the Debian package postgresql-NN-pg-empathy (dpkg-buildpackage -b, pg_buildext
# for every major of debian/pgversions installed here) from a clean copy of the tree, check that
# it holds the library and, for both extensions, the control file, the install script of the
# current version and every upgrade script; check that META.json (PGXN) is valid JSON with the
# fields the PGXN meta spec requires and that META.json, debian/changelog and the control files
# name the same version.
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
root=${PGE_ROOT:?}
cd "$root"

ctl_version() { sed -n "s/^default_version = '\(.*\)'/\1/p" "$1.control"; }
version=$(ctl_version pg_empathy)
[ "$(ctl_version pg_empathy_workflow)" = "$version" ] \
	|| fail "pg_empathy.control and pg_empathy_workflow.control name different versions"

# --- META.json
command -v python3 >/dev/null || fail "python3 is not installed (tools/install-deps.sh installs it)"
python3 - "$version" <<'PY' || fail "META.json is not valid"
import json, sys
version = sys.argv[1]
m = json.load(open("META.json"))
for key in ("name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"):
    assert key in m, "META.json lacks " + key
assert m["meta-spec"]["version"] == "1.0.0", "meta-spec version"
assert m["version"] == version, "META.json version %s, control files %s" % (m["version"], version)
assert set(m["provides"]) == {"pg_empathy", "pg_empathy_workflow"}, "provides: %s" % sorted(m["provides"])
for name, p in m["provides"].items():
    assert p.get("version") == version, "provides.%s.version" % name
    assert p.get("file"), "provides.%s.file" % name
    open(p["file"]).close()
    for k in ("abstract", "docfile"):
        assert k not in p or p[k], "provides.%s.%s empty" % (name, k)
assert m["prereqs"]["runtime"]["requires"]["PostgreSQL"] == "15.0.0"
print("META.json: version %s, provides %s" % (m["version"], ", ".join(sorted(m["provides"]))))
PY

deb_version=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
[ "${deb_version%%-*}" = "$version" ] || fail "debian/changelog says $deb_version, the control files $version"
command -v dpkg-buildpackage >/dev/null && command -v pg_buildext >/dev/null \
	|| fail "dpkg-dev, debhelper and postgresql-server-dev-all are not installed (tools/install-deps.sh)"
work="$PGE_TMP/deb"
rm -rf "$work"
mkdir -p "$work/pg-empathy"
tools/copy-tree.sh "$work/pg-empathy"
if [ -z "${PGE_CHROOT:-}" ]; then
	# the committed debian/control is the one for this machine (Debian 12: PostgreSQL 15)
	pg_buildext checkcontrol >/dev/null 2>&1 \
		|| fail "debian/control is out of date: run pg_buildext updatecontrol"
else
	# in a chroot of tools/matrix.sh: the packages for the majors installed there
	(cd "$work/pg-empathy" && pg_buildext updatecontrol >/dev/null) || fail "pg_buildext updatecontrol failed"
fi

# --- build
start=$(date +%s)
(cd "$work/pg-empathy" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 \
	|| { tail -n 40 "$work/build.log"; fail "dpkg-buildpackage failed"; }
secs=$(( $(date +%s) - start ))
if grep -E '(warning|error):' "$work/build.log" | grep -v '^dpkg-' ; then
	fail "the package build has compiler warnings"
fi

# --- contents: one package per major, each with everything make install puts there
upgrades=$(ls -d upgrade/*/ 2>/dev/null | sed 's|upgrade/\(.*\)/|\1.sql|'; ls upgrade/*.sql 2>/dev/null | xargs -rn1 basename)
n=0
for major in $(pg_buildext supported-versions); do
	deb=$(ls "$work"/postgresql-"$major"-pg-empathy_"$version"*_*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || fail "no postgresql-$major-pg-empathy package was built"
	files=$(dpkg-deb -c "$deb" | awk '{print $6}')
	ext="./usr/share/postgresql/$major/extension"
	for f in "./usr/lib/postgresql/$major/lib/pg_empathy.so" \
		"$ext/pg_empathy.control" "$ext/pg_empathy--$version.sql" \
		"$ext/pg_empathy_workflow.control" "$ext/pg_empathy_workflow--$version.sql" \
		$(for u in $upgrades; do echo "$ext/$u"; done); do
		grep -qxF "$f" <<<"$files" || fail "$(basename "$deb") lacks $f"
	done
	dpkg-deb -f "$deb" Depends | grep -q "postgresql-$major" || fail "$(basename "$deb") does not depend on postgresql-$major"
	echo "$(basename "$deb"): $(stat -c %s "$deb") bytes, $(grep -c . <<<"$files") entries"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no PostgreSQL major to build for"
echo "debian: $n package(s) for version $version built in ${secs}s"
