#!/usr/bin/env bash
# issue 8, item 4: a rule edit committed by another session is used from the next check,
# never missed until the edit after it.  Three cases:
#   - the REPEATABLE READ reproducer of the issue (B's transaction began before the edit);
#   - READ COMMITTED: B loaded the rules in an open transaction, A edits, B checks again;
#   - under load: 4 pgbench clients check a message while A enables its rule; every check
#     that started after A's commit returned must see it.
. "$(dirname "$0")/../escalation_env.sh"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
esc_setup stale_rules

# session B: a psql fed through a fifo; "step N" waits until B has printed its marker N
esc_session_b

# 1. the issue's reproducer, REPEATABLE READ
q -c "INSERT INTO escalation_rules (reason, phrase, enabled) VALUES ('urgency', 'zebra incident', false)"
b "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 'rr_begin|' || count(*) FROM pg_class;"
q -c "UPDATE escalation_rules SET enabled = true WHERE phrase = 'zebra incident'"
b "SELECT 'rr_inside|' || (escalation_check('zebra incident')).reasons::text; COMMIT;"
b "SELECT 'rr_after|' || (escalation_check('the zebra incident')).reasons::text;"
expect "REPEATABLE READ, check inside the transaction that began before the edit" "$(result rr_inside)" "{urgency}"
expect "REPEATABLE READ, next check after COMMIT" "$(result rr_after)" "{urgency}"

# 2. READ COMMITTED: rules loaded in B's open transaction, then edited by A
q -c "INSERT INTO escalation_rules (reason, phrase, enabled) VALUES ('safety', 'okapi stampede', false)"
b "BEGIN; SELECT 'rc_before|' || (escalation_check('an okapi stampede')).reasons::text;"
q -c "UPDATE escalation_rules SET enabled = true WHERE phrase = 'okapi stampede'"
b "SELECT 'rc_inside|' || (escalation_check('an okapi stampede')).reasons::text; COMMIT;"
b "SELECT 'rc_after|' || (escalation_check('an okapi stampede')).reasons::text;"
q -c "DELETE FROM escalation_rules WHERE phrase = 'okapi stampede'"
b "SELECT 'rc_deleted|' || (escalation_check('an okapi stampede')).reasons::text;"
expect "READ COMMITTED, rules loaded before the edit" "$(result rc_before)" "{}"
expect "READ COMMITTED, next check in the same transaction" "$(result rc_inside)" "{safety}"
expect "READ COMMITTED, after COMMIT" "$(result rc_after)" "{safety}"
expect "READ COMMITTED, after A deleted the rule" "$(result rc_deleted)" "{}"
exec 3>&-

# 3. under load
q <<'SQL'
INSERT INTO escalation_rules (reason, phrase, enabled) VALUES ('legal_threat', 'walrus tribunal', false);
CREATE TABLE checks (started timestamptz NOT NULL, fired boolean NOT NULL);
CREATE TABLE edit (done timestamptz NOT NULL);
SQL
cat >"$work/check.sql" <<'SQL'
INSERT INTO checks SELECT statement_timestamp(), 'legal_threat' = ANY ((escalation_check('see you at the walrus tribunal')).reasons);
SQL
"$PGBIN/pgbench" -n -c 4 -j 2 -T 4 -f "$work/check.sql" >"$work/pgbench.log" 2>&1 &
load=$!
sleep 1.5
q -c "UPDATE escalation_rules SET enabled = true WHERE phrase = 'walrus tribunal'"
q -c "INSERT INTO edit VALUES (clock_timestamp())"
wait "$load" || { cat "$work/pgbench.log"; exit 1; }
read -r total after missed < <(q -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE started > e.done),
	count(*) FILTER (WHERE started > e.done AND NOT fired) FROM checks, edit e GROUP BY e.done")
echo "load: $total checks by 4 clients, $after started after the edit committed, $missed of those missed the rule"
[ "$after" -gt 100 ] || { echo "FAIL: too few checks after the edit ($after)"; fail=1; }
expect "checks after the commit that missed the new rule" "$missed" 0
[ "$fail" = 0 ] || exit 1
echo "stale rules: 0 of $after checks after a concurrent edit missed it; REPEATABLE READ and READ COMMITTED see edits from the next check"
