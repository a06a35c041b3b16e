#!/usr/bin/env bash
# Large input: a text at the cap of 4,194,304 words is scored, statement_timeout cancels
# scoring of it (the core checks for interrupts), a 100 MB text over the cap fails with 54000,
# and the backend gives the workspace memory back.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
db=pge_large
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -qX -d $db -c "CREATE EXTENSION pg_empathy"

# 1. cancellation: each text has just under 4,194,304 words (19 MB ASCII; 11 MB emoji-heavy, 12 words per 32 bytes in 'vader');
# 'vader' and 'en' (emoji: the substitution loop).  The texts are stored first, so the timed
# statement only reads them back (~0.04 s) and scores them (0.4 s to 1 s here): with a 150 ms
# timeout the cancel lands inside the scorer, and if it did not check for interrupts the
# statement would finish and print a score instead of failing.
psql -qX -d $db -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE big (id int, body text);
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO big VALUES
	(1, repeat('good service but the app is slow ', 599000)),
	(2, repeat('ok 😀 but 💔 👍🏽 wait ', 340000));
SQL
for cfg in vader en; do
	for id in 1 2; do
		start=$(date +%s%N)
		out=$(psql -qXAt -d $db -v ON_ERROR_STOP=1 2>&1 <<SQL || true
\set VERBOSITY sqlstate
SET statement_timeout = '150ms';
SELECT sentiment_score(body, '$cfg') FROM big WHERE id = $id;
SQL
)
		ms=$(( ($(date +%s%N) - start) / 1000000 ))
		[ "$out" = "ERROR:  57014" ] || fail "$cfg text $id: expected a statement_timeout cancel (57014), got: $out"
		echo "cancel ($cfg, text $id at the cap): 57014 after ${ms} ms (psql round trip included) with statement_timeout 150ms"
	done
done

# 2. a text at the cap is scored to the end, a 100 MB one fails with 54000; the workspace is
# given back afterwards
out=$(psql -qXAt -d $db -v ON_ERROR_STOP=1 <<'SQL'
SELECT count(*) = 2 FROM big WHERE sentiment_score(body) IS NOT NULL;
SELECT coalesce(sum(total_bytes), 0) < 1024 * 1024 FROM pg_backend_memory_contexts
 WHERE name = 'pg_empathy scorer workspace';
SQL
)
[ "$out" = $'t\nt' ] || fail "texts at the cap: $out"
out=$(psql -qXAt -d $db 2>&1 <<'SQL'
\set VERBOSITY sqlstate
SELECT sentiment_score(repeat('great support ', 7500000)) > 0.99;
SELECT coalesce(sum(total_bytes), 0) < 1024 * 1024 FROM pg_backend_memory_contexts
 WHERE name = 'pg_empathy scorer workspace';
SQL
)
[ "$out" = $'ERROR:  54000\nt' ] || fail "100 MB text: $out"
echo "texts of 4.2M words scored; a 100 MB text fails with 54000; scorer workspace back under 1 MB afterwards"

# 3. many rows in one backend: the workspace stays small (no per-row growth)
out=$(psql -qXAt -d $db -v ON_ERROR_STOP=1 <<'SQL'
SELECT count(*) FILTER (WHERE sentiment_score('row ' || g || ' was good but slow') IS NOT NULL) FROM generate_series(1, 200000) g;
SELECT coalesce(sum(total_bytes), 0) < 64 * 1024 FROM pg_backend_memory_contexts
 WHERE name = 'pg_empathy scorer workspace';
SQL
)
[ "$out" = $'200000\nt' ] || fail "200k rows: $out"
echo "200,000 rows scored; scorer workspace under 64 kB"
psql -qX -d postgres -c "DROP DATABASE $db"
