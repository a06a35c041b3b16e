#!/usr/bin/env bash
# A bounded sqlsmith run (random queries over the catalog's functions and the sample tables)
# as a non-superuser role, against a database with both extensions.  Fixed seed and query
# count (PGE_SMITH_QUERIES, default 2000), so a failure can be replayed.  Fails if the server
# crashed: a backend terminated by a signal in the server log, or the server no longer
# answering.  Errors of the random queries themselves are expected and only counted.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
if ! command -v sqlsmith >/dev/null; then
	echo "sqlsmith is not installed (Debian package sqlsmith, tools/install-deps.sh)"
	exit 77
fi
db=pge_smith
role=pge_smith
queries=${PGE_SMITH_QUERIES:-2000}
seed=${PGE_SMITH_SEED:-20261130}
log="$PGHOST/server.log"
[ -r "$log" ] || fail "server log $log not readable"
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }

q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS $role" \
	-c "CREATE ROLE $role LOGIN" -c "CREATE DATABASE $db"
q -d $db <<SQL
CREATE EXTENSION pg_empathy_workflow CASCADE;
CREATE TABLE feedback (id int PRIMARY KEY, body text, nps int, csat int, ces int, at timestamptz);
INSERT INTO feedback
	SELECT g, (ARRAY['great support, thanks!', 'I want to talk to a human NOW', 'my lawyer will call 😡',
				'not bad but slow', '', NULL, 'I will cancel my subscription', 'the app is on fire 🔥'])[1 + g % 8],
		   g % 11, 1 + g % 5, 1 + g % 7, '2026-01-01'::timestamptz + g * interval '1 hour'
	FROM generate_series(1, 200) g;
CREATE TABLE messages (conv int, author text, body text, at timestamptz);
INSERT INTO messages
	SELECT g / 5, (ARRAY['customer', 'bot', 'agent'])[1 + g % 3], 'message ' || g || ' still waiting, not helpful',
		   '2026-01-01'::timestamptz + g * interval '1 minute'
	FROM generate_series(1, 100) g;
GRANT SELECT ON feedback, messages TO $role;
ALTER ROLE $role IN DATABASE $db SET statement_timeout = '2s';
SQL

start_bytes=$(stat -c %s "$log")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# sqlsmith exits non-zero when the connection breaks
if ! timeout 300 sqlsmith --target="host=$PGHOST port=$PGPORT dbname=$db user=$role" \
	--seed="$seed" --max-queries="$queries" --dump-all-queries >"$out" 2>&1; then
	tail -20 "$out"
	echo "sqlsmith stopped early (seed $seed)"
	crashed=1
else
	crashed=0
fi
new_log=$(tail -c +$((start_bytes + 1)) "$log")
if echo "$new_log" | grep -E 'terminated by signal|was terminated|server process .* exited with exit code [^0]|PANIC'; then
	fail "a backend crashed during the sqlsmith run (seed $seed); server log above"
fi
[ "$(q -d $db -c 'SELECT 1')" = 1 ] || fail "the server does not answer after sqlsmith"
[ "$crashed" = 0 ] || fail "sqlsmith lost its connection (seed $seed)"
errors=$(echo "$new_log" | grep -c 'ERROR:' || true)
# distinct pg_empathy functions the generated queries called
ours=$(grep -oE '\b(sentiment[a-z_]*|escalation[a-z_]*|conversation_escalation|nps[a-z_]*|csat[a-z_]*|ces|ces_[a-z_]*|empathy_index)\(' "$out" | sort -u | wc -l)
pge=$(q -d $db -c "SELECT count(*) FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
	WHERE d.classid = 'pg_proc'::regclass AND e.extname LIKE 'pg_empathy%'")
q -d postgres -c "DROP DATABASE $db" -c "DROP ROLE $role"
echo "sqlsmith: $queries queries (seed $seed) as a non-superuser, calling $ours distinct pg_empathy functions (of $pge): no crash, server up ($errors ended in an error, as random queries do)"
