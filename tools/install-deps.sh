#!/usr/bin/env bash
# Install everything pg_empathy needs to build, test and benchmark on Debian 12.
# Run as root (or through sudo). Safe to run again: apt skips what is already there.
set -euo pipefail

PACKAGES=(
	# server and headers from the same apt transaction, so their minor versions match
	postgresql-15 postgresql-server-dev-15 postgresql-client-15
	libutf8proc-dev pkg-config make gcc valgrind
	# libFuzzer and the sanitizers for test/t/006_core_fuzz.sh
	clang-14 libclang-rt-14-dev
	# libpq headers for the NOTIFY listener of test/t/070_escalation_concurrency.sh
	libpq-dev
	# numpy for the learned scorer's training script (tools/train_en.py, test/t/300_learned_accuracy.sh)
	python3-numpy
)
# optional extras used only by the benchmark suite (tools/bench.sh)
BENCH_PACKAGES=(postgresql-plpython3-15 python3-nltk)

want=("${PACKAGES[@]}")
[ "${PGE_WITH_BENCH:-0}" = 1 ] && want+=("${BENCH_PACKAGES[@]}")

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
# postgresql-15 is listed again so apt upgrades the server together with the headers
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
	"${missing[@]}" postgresql-15 postgresql-server-dev-15 >/dev/null
echo "install-deps: done"
