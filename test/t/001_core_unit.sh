#!/usr/bin/env bash
# Unit tests of the pure C core (no server): but rule, rounding, random input.
set -euo pipefail
cd "$PGE_ROOT"
mkdir -p test/build
gcc -O2 -g -ffp-contract=off -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare $(tools/core-sources.sh cflags) \
	-o test/build/unit_tests test/core/unit_tests.c test/core/core_env_libc.c \
	$(tools/core-sources.sh) $(pkg-config --libs libutf8proc) -lm
test/build/unit_tests
