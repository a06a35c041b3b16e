# Sourced by the scripted tests that work in the Debian sid chroot of tools/chroot.sh
# (test/t/200_pg18_chroot.sh, test/t/202_debian_autopkgtest.sh): make sure the chroot exists
# (built on the first run, then cached), or skip (exit 77) when the test already runs inside a
# chroot or debootstrap cannot fetch sid from the mirror (exit 3 of tools/chroot.sh).
# Needs fail() and PGE_ROOT, PGE_TMP; sets sid_ready_secs.
if [ -n "${PGE_CHROOT:-}" ]; then
	echo "already inside the $PGE_CHROOT chroot"
	exit 77
fi
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (tools/install-deps.sh installs it)"
sid_start=$(date +%s)
bash "$PGE_ROOT/tools/chroot.sh" ensure sid 18 >"$PGE_TMP/sid_chroot.log" 2>&1
sid_rc=$?
sid_ready_secs=$(( $(date +%s) - sid_start ))
if [ $sid_rc -eq 3 ]; then
	tail -n 5 "$PGE_TMP/sid_chroot.log"
	echo "debootstrap cannot fetch sid from the mirror"
	exit 77
fi
[ $sid_rc -eq 0 ] || { tail -n 30 "$PGE_TMP/sid_chroot.log"; fail "could not make the sid chroot (exit $sid_rc)"; }
