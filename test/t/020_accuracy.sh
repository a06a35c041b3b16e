#!/usr/bin/env bash
# r and F1 of 'en-rules' must be >= 'vader' on every VADER corpus (prints the table, with the learned 'en').
exec bash "$PGE_ROOT/test/accuracy.sh"
