#!/usr/bin/env bash
# r and F1 of 'en' must be >= 'vader' on every VADER corpus (prints the table).
exec bash "$PGE_ROOT/test/accuracy.sh"
