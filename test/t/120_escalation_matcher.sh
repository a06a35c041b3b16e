#!/usr/bin/env bash
# Unit tests of the escalation matcher (no server): equal to a literal reference matcher on
# random rule sets, work linear in the message with 100,000 rules sharing a first word, empty
# message and empty rule set.
set -euo pipefail
cd "$PGE_ROOT"
mkdir -p test/build
gcc -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-unused-function \
	$(tools/core-sources.sh cflags) -o test/build/escalation_test test/core/escalation_test.c \
	test/core/core_env_libc.c $(tools/core-sources.sh) $(pkg-config --libs libutf8proc) -lm
test/build/escalation_test
