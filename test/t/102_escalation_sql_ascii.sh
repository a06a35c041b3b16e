#!/usr/bin/env bash
# issue 8, item 6: in an SQL_ASCII database one rule with a non-UTF-8 byte made every INSERT
# into every watched table fail ("text to score is not valid UTF-8").  Now such a phrase is
# refused when written (22021), and a bad row that got in anyway (here: with the validating
# trigger disabled, as a 0.1.0 upgrade or a restore could leave it) is skipped with a WARNING:
# writes to watched tables go on, and the other rules still fire.
set -euo pipefail
: "${PGE_TMP:?run through tools/test.sh}"
export PGDATABASE=pge_sql_ascii
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" \
	-c "CREATE DATABASE $PGDATABASE ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" >/dev/null 2>&1 || true' EXIT
q <<'SQL'
CREATE EXTENSION pg_empathy_workflow CASCADE;
CREATE TABLE tickets (id int PRIMARY KEY, body text);
CREATE TRIGGER tickets_escalation AFTER INSERT OR UPDATE OR DELETE ON tickets
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
SQL
fail=0
enc=$(q -c "SHOW server_encoding")
[ "$enc" = SQL_ASCII ] || { echo "FAIL: database encoding is $enc"; exit 1; }

# written: refused with a clear error
refused=$(psql -X -At -c "\\set VERBOSITY sqlstate" \
	-c "INSERT INTO escalation_rules (reason, phrase) VALUES ('urgency', 'caf' || convert_from('\\xe9'::bytea, 'SQL_ASCII') || ' closed')" 2>&1 || true)
echo "bad phrase written: $refused"
[ "$refused" = "ERROR:  22021" ] || { echo "FAIL: expected 22021"; fail=1; }
psql -X -At -c "INSERT INTO escalation_rules (reason, phrase) VALUES ('urgency', 'caf' || convert_from('\\xe9'::bytea, 'SQL_ASCII') || ' closed')" 2>&1 | head -1 || true

# already there: skipped with a warning, writes go on
q <<'SQL'
ALTER TABLE escalation_rules DISABLE TRIGGER escalation_rules_validate;
INSERT INTO escalation_rules (reason, phrase) VALUES ('urgency', 'caf' || convert_from('\xe9'::bytea, 'SQL_ASCII') || ' closed');
ALTER TABLE escalation_rules ENABLE TRIGGER escalation_rules_validate;
SQL
out=$(psql -X -At -v ON_ERROR_STOP=1 -c "INSERT INTO tickets VALUES (1, 'I want to speak to a human.'), (2, 'Thanks, all good.')" 2>&1) \
	|| { echo "FAIL: INSERT into a watched table failed: $out"; fail=1; }
echo "$out" | head -2
echo "$out" | LC_ALL=C grep -aq 'WARNING:  escalation rule .* is not valid UTF-8 and is ignored' \
	|| { echo "FAIL: no warning naming the bad rule"; fail=1; }
rows=$(q -c "SELECT count(*) FROM tickets")
queued=$(q -c "SELECT string_agg(reasons::text, ';' ORDER BY id) FROM escalation_queue")
echo "rows inserted: $rows, queued: $queued"
[ "$rows" = 2 ] || { echo "FAIL: expected 2 rows"; fail=1; }
[ "$queued" = "{human_request}" ] || { echo "FAIL: expected {human_request} queued"; fail=1; }
# invalid UTF-8 in the text itself is still the caller's error (22021), as in 0.1.0
bad=$(psql -X -At -c "\\set VERBOSITY sqlstate" -c "INSERT INTO tickets VALUES (3, convert_from('\\xff'::bytea, 'SQL_ASCII'))" 2>&1 || true)
echo "bad text in a watched row: $bad"
[ "$bad" = "ERROR:  22021" ] || { echo "FAIL: expected 22021 for invalid text"; fail=1; }
[ "$fail" = 0 ] || exit 1
echo "SQL_ASCII: a non-UTF-8 phrase is refused when written (22021); one already stored is skipped with a warning, and 2 of 2 inserts into the watched table succeed"
