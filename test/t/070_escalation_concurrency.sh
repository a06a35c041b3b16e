#!/usr/bin/env bash
# Concurrency of the handoff: 8 pgbench clients insert 10,000 rows (escalating and calm
# messages mixed) into a table watched by escalation_trigger('body') while 4 pgbench agents
# take (FOR UPDATE SKIP LOCKED) and resolve queue items, and a libpq listener counts every
# pg_empathy_escalation NOTIFY.  Checks and prints:
#   - every escalated row has exactly one queue entry, calm rows have none;
#   - no item was handed to two agents, and every item was taken exactly once;
#   - the listener received one notification per queue entry, for exactly those ids.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}" "${PGE_TMP:?run through tools/test.sh}"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
export PGOPTIONS="-c client_min_messages=warning"
export PGDATABASE=pge_esc_concurrency
work="$PGE_TMP/esc_concurrency"
rm -rf "$work"
mkdir -p "$work"
CLIENTS=8
PER_CLIENT=1250			# 8 x 1250 = 10,000 inserts
AGENTS=4

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
cleanup() {
	[ -n "${listener_pid:-}" ] && kill "$listener_pid" 2>/dev/null || true
	[ -n "${agents_pid:-}" ] && kill "$agents_pid" 2>/dev/null || true
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION pg_empathy_workflow CASCADE;
CREATE TABLE feedback_load (id bigserial PRIMARY KEY, body text NOT NULL);
CREATE TRIGGER feedback_load_escalation AFTER INSERT OR UPDATE OR DELETE ON feedback_load
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
-- the messages the clients pick from: 5 escalate, 5 do not
CREATE TABLE sample (n int PRIMARY KEY, body text NOT NULL);
INSERT INTO sample VALUES
	(1, 'I want to speak to a human right now.'),
	(2, 'Cancel my subscription, I am done with you.'),
	(3, 'My lawyer will be in touch about this.'),
	(4, 'This is the third time I have asked, still waiting.'),
	(5, 'The charger caught fire last night.'),
	(6, 'Thanks, the new router works perfectly.'),
	(7, 'Can you tell me when my order will arrive?'),
	(8, 'I''m not going to cancel, just asking about the bill.'),
	(9, 'Our human resources team needs the invoices.'),
	(10, 'Great service, very helpful agent.');
CREATE TABLE takes (item bigint NOT NULL, agent text NOT NULL, at timestamptz DEFAULT clock_timestamp());
CREATE TABLE heard (payload text NOT NULL);
SQL
psql -X -At -c "SELECT n, (escalation_check(body)).escalate FROM sample ORDER BY n" | tr '\n' ' '; echo

# rule edits reach another, already running session (its cache was loaded before the edit)
mkfifo "$work/session_a"
psql -X -At <"$work/session_a" >"$work/session_a.out" 2>&1 &
session_a=$!
exec 3>"$work/session_a"
echo "SELECT 'before', (escalation_check('zebra crossing ahead')).escalate;" >&3
for _ in $(seq 600); do grep -q before "$work/session_a.out" 2>/dev/null && break; sleep 0.1; done
psql -X -q -c "INSERT INTO escalation_rules (reason, phrase) VALUES ('urgency', 'zebra crossing')"
echo "SELECT 'after insert', (escalation_check('zebra crossing ahead')).escalate;" >&3
for _ in $(seq 600); do grep -q 'after insert' "$work/session_a.out" 2>/dev/null && break; sleep 0.1; done
psql -X -q -c "DELETE FROM escalation_rules WHERE phrase = 'zebra crossing'"
echo "SELECT 'after delete', (escalation_check('zebra crossing ahead')).escalate;" >&3
exec 3>&-
wait "$session_a"
cat "$work/session_a.out"
if [ "$(tr '\n' ' ' <"$work/session_a.out")" != "before|f after insert|t after delete|f " ]; then
	echo "FAILED: another session did not see the rule edits"
	exit 1
fi

# the listener: LISTEN, then write each payload on its own line until "pge_test_done" arrives
cat >"$work/listener.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <libpq-fe.h>

int
main(int argc, char **argv)
{
	PGconn	   *conn = PQconnectdb("");
	FILE	   *out = fopen(argv[1], "w");
	FILE	   *ready;
	PGresult   *res;
	long		n = 0;
	int			done = 0;

	if (PQstatus(conn) != CONNECTION_OK || out == NULL)
	{
		fprintf(stderr, "listener: %s", PQerrorMessage(conn));
		return 1;
	}
	res = PQexec(conn, "LISTEN pg_empathy_escalation; LISTEN pge_test_done");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
	{
		fprintf(stderr, "listener: LISTEN failed: %s", PQerrorMessage(conn));
		return 1;
	}
	PQclear(res);
	ready = fopen(argv[2], "w");
	fclose(ready);
	while (!done)
	{
		int			sock = PQsocket(conn);
		fd_set		in;
		PGnotify   *note;

		FD_ZERO(&in);
		FD_SET(sock, &in);
		if (select(sock + 1, &in, NULL, NULL, NULL) < 0)
			return 1;
		if (!PQconsumeInput(conn))
		{
			fprintf(stderr, "listener: %s", PQerrorMessage(conn));
			return 1;
		}
		while ((note = PQnotifies(conn)) != NULL)
		{
			if (strcmp(note->relname, "pge_test_done") == 0)
				done = 1;
			else
			{
				fprintf(out, "%s\n", note->extra);
				n++;
			}
			PQfreemem(note);
		}
	}
	fclose(out);
	fprintf(stderr, "listener: %ld notifications\n", n);
	PQfinish(conn);
	return 0;
}
C
cc -O1 -o "$work/listener" "$work/listener.c" -I"$("$PG_CONFIG" --includedir)" -L"$("$PG_CONFIG" --libdir)" -lpq
"$work/listener" "$work/heard.txt" "$work/ready" 2>"$work/listener.log" &
listener_pid=$!
for _ in $(seq 600); do [ -e "$work/ready" ] && break; sleep 0.1; done
[ -e "$work/ready" ] || { echo "listener did not start"; cat "$work/listener.log"; exit 1; }

cat >"$work/insert.sql" <<'SQL'
\set n random(1, 10)
INSERT INTO feedback_load (body) SELECT body FROM sample WHERE n = :n;
SQL
# an agent takes the next item and resolves what it has taken
cat >"$work/agent.sql" <<'SQL'
WITH t AS (SELECT * FROM escalation_take('agent' || :client_id)) INSERT INTO takes (item, agent) SELECT id, taken_by FROM t;
SELECT escalation_resolve(q.id, 'handled', q.taken_by) FROM escalation_queue q WHERE q.status = 'taken' AND q.taken_by = 'agent' || :client_id;
SQL

"$PGBIN/pgbench" -n -c "$AGENTS" -j 2 -T 600 -f "$work/agent.sql" >"$work/agents.log" 2>&1 &
agents_pid=$!
"$PGBIN/pgbench" -n -c "$CLIENTS" -j 2 -t "$PER_CLIENT" -f "$work/insert.sql" >"$work/insert.log" 2>&1 \
	|| { cat "$work/insert.log"; exit 1; }
grep -E 'number of transactions actually processed|failed|tps' "$work/insert.log" || true
# (background jobs of a non-interactive shell ignore SIGINT: stop the agents with TERM)
kill -TERM "$agents_pid" 2>/dev/null || true
wait "$agents_pid" 2>/dev/null || true
agents_pid=
grep -E 'number of transactions actually processed' "$work/agents.log" | sed 's/^/agents: /' || true
taken_during=$(psql -X -At -c "SELECT count(*) FROM takes")

# the stopped agents finish what they had taken; one more agent drains the rest
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT count(escalation_resolve(id, 'handled', taken_by)) AS finished FROM escalation_queue WHERE status = 'taken';
DO $$
DECLARE r escalation_queue;
BEGIN
	LOOP
		SELECT * INTO r FROM escalation_take('drain');
		EXIT WHEN r.id IS NULL;
		INSERT INTO takes (item, agent) VALUES (r.id, r.taken_by);
		PERFORM escalation_resolve(r.id, 'handled', 'drain');
	END LOOP;
END $$;
SQL
psql -X -q -c "NOTIFY pge_test_done"
wait "$listener_pid"
listener_pid=
cat "$work/listener.log"
psql -X -q -v ON_ERROR_STOP=1 -c "\\copy heard FROM '$work/heard.txt'"

psql -X -At -F ' ' -v ON_ERROR_STOP=1 >"$work/counts.txt" <<'SQL'
WITH f AS (SELECT id, (escalation_check(body)).escalate AS esc FROM feedback_load),
	 q AS (SELECT (row_key->>'id')::bigint AS id, count(*) AS n FROM escalation_queue
		   WHERE source = 'feedback_load'::regclass GROUP BY 1)
SELECT 'inserted', (SELECT count(*) FROM f),
	   'escalated', (SELECT count(*) FROM f WHERE esc),
	   'calm', (SELECT count(*) FROM f WHERE NOT esc),
	   'queue_entries', (SELECT count(*) FROM escalation_queue),
	   'escalated_with_exactly_one_entry', (SELECT count(*) FROM f JOIN q USING (id) WHERE esc AND q.n = 1),
	   'escalated_without_entry', (SELECT count(*) FROM f LEFT JOIN q USING (id) WHERE esc AND q.id IS NULL),
	   'rows_with_several_entries', (SELECT count(*) FROM q WHERE n > 1),
	   'calm_with_entry', (SELECT count(*) FROM f JOIN q USING (id) WHERE NOT esc),
	   'takes', (SELECT count(*) FROM takes),
	   'distinct_items_taken', (SELECT count(DISTINCT item) FROM takes),
	   'agents', (SELECT count(DISTINCT agent) FROM takes),
	   'items_never_taken', (SELECT count(*) FROM escalation_queue q WHERE NOT EXISTS (SELECT FROM takes t WHERE t.item = q.id)),
	   'taken_by_mismatch', (SELECT count(*) FROM takes t JOIN escalation_queue q ON q.id = t.item WHERE q.taken_by <> t.agent),
	   'resolved', (SELECT count(*) FROM escalation_queue WHERE status = 'resolved'),
	   'notifications', (SELECT count(*) FROM heard),
	   'distinct_ids_notified', (SELECT count(DISTINCT payload::bigint) FROM heard),
	   'queue_ids_not_notified', (SELECT count(*) FROM escalation_queue q WHERE NOT EXISTS (SELECT FROM heard h WHERE h.payload::bigint = q.id)),
	   'notified_ids_not_in_queue', (SELECT count(*) FROM heard h WHERE NOT EXISTS (SELECT FROM escalation_queue q WHERE h.payload::bigint = q.id));
SQL
tr ' ' '\n' <"$work/counts.txt" | paste - - | column -t
get() { tr ' ' '\n' <"$work/counts.txt" | paste - - | awk -v k="$1" '$1 == k { print $2 }'; }
fail=0
check() { if [ "$2" != "$3" ]; then echo "FAILED: $1: $2, expected $3"; fail=1; fi; }
e=$(get escalated)
check inserted "$(get inserted)" $((CLIENTS * PER_CLIENT))
[ "$e" -gt 3000 ] && [ "$(get calm)" -gt 3000 ] || { echo "FAILED: the mix is not mixed"; fail=1; }
check queue_entries "$(get queue_entries)" "$e"
check escalated_with_exactly_one_entry "$(get escalated_with_exactly_one_entry)" "$e"
check escalated_without_entry "$(get escalated_without_entry)" 0
check rows_with_several_entries "$(get rows_with_several_entries)" 0
check calm_with_entry "$(get calm_with_entry)" 0
check takes "$(get takes)" "$e"
check distinct_items_taken "$(get distinct_items_taken)" "$e"
check items_never_taken "$(get items_never_taken)" 0
check taken_by_mismatch "$(get taken_by_mismatch)" 0
check resolved "$(get resolved)" "$e"
check notifications "$(get notifications)" "$e"
check distinct_ids_notified "$(get distinct_ids_notified)" "$e"
check queue_ids_not_notified "$(get queue_ids_not_notified)" 0
check notified_ids_not_in_queue "$(get notified_ids_not_in_queue)" 0
[ "$taken_during" -gt 0 ] || { echo "FAILED: the agents took nothing while rows were inserted"; fail=1; }
echo "agents took $taken_during items while the inserts ran, $(( $(get takes) - taken_during )) after"
[ "$fail" = 0 ] || exit 1
echo "ok: $(get inserted) inserts by $CLIENTS clients, $e escalated -> $e queue entries, $e notifications, $(get takes) takes by $(get agents) agents, none twice"
