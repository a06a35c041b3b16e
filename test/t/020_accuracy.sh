#!/usr/bin/env bash
# r and F1 of the rule-based 'en-rules' must be >= 'vader' on every VADER corpus (prints the table).
exec bash "$PGE_ROOT/test/accuracy.sh"
