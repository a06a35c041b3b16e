#!/usr/bin/env bash
# pg_dump keeps what users changed: their own rules, overrides that switch a built-in rule off,
# and the review queue with its sequence; built-in rules come back once (from CREATE
# EXTENSION), not twice.  Dump with pg_dump, restore into a new database, compare.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
PGBIN_DIR=${PGBIN:-/usr/lib/postgresql/15/bin}
src=pge_dump_src dst=pge_dump_dst
q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
q -d $src <<'SQL'
CREATE EXTENSION pg_empathy_workflow CASCADE;
CREATE TABLE tickets (id int PRIMARY KEY, body text);
CREATE TRIGGER tickets_escalation AFTER INSERT OR UPDATE OF body ON tickets
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('churn_risk', 'chargeback', 3);
INSERT INTO escalation_rules (reason, phrase, enabled) VALUES ('human_request', 'escalate', false);
INSERT INTO tickets VALUES (1, 'I will file a chargeback'), (2, 'thanks, all good'),
	(3, 'This is useless, get me a human now');
SQL
before=$(q -d $src -c "SELECT (SELECT count(*) FROM escalation_rules WHERE builtin) || ' ' ||
	(SELECT count(*) FROM escalation_rules WHERE NOT builtin) || ' ' ||
	(SELECT count(*) FROM escalation_queue) || ' ' ||
	(SELECT string_agg(reasons::text, ';' ORDER BY id) FROM escalation_queue) || ' ' ||
	(escalation_check('please escalate this')).escalate || ' ' ||
	(escalation_check('a chargeback is coming')).escalate")
dump=$(mktemp)
trap 'rm -f "$dump"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1' EXIT
"$PGBIN_DIR/pg_dump" -Fc -d $src -f "$dump"
"$PGBIN_DIR/pg_restore" -d $dst "$dump"
# the queue's sequence must continue after the restored ids
q -d $dst -c "INSERT INTO tickets VALUES (4, 'I want to cancel my account')"
after=$(q -d $dst -c "SELECT (SELECT count(*) FROM escalation_rules WHERE builtin) || ' ' ||
	(SELECT count(*) FROM escalation_rules WHERE NOT builtin) || ' ' ||
	(SELECT count(*) FROM escalation_queue WHERE id < 100) - (SELECT count(*) FROM tickets WHERE id = 4) || ' ' ||
	(SELECT string_agg(reasons::text, ';' ORDER BY id) FROM escalation_queue WHERE row_key <> (SELECT row_key FROM escalation_queue ORDER BY id DESC LIMIT 1)) || ' ' ||
	(escalation_check('please escalate this')).escalate || ' ' ||
	(escalation_check('a chargeback is coming')).escalate")
ids=$(q -d $dst -c "SELECT count(DISTINCT id) = count(*) FROM escalation_queue")
echo "before dump: $before"
echo "restored:    $after"
[ "$before" = "$after" ] || fail "dump/restore changed the rules or the queue"
[ "$ids" = t ] || fail "queue ids collide after restore (sequence not dumped)"
echo "pg_dump/pg_restore keep user rules, overrides and the queue; built-in rules not duplicated; queue ids continue"
