#!/usr/bin/env bash
# issue 8, item 3: any role may LISTEN pg_empathy_escalation; in 0.1.0 it heard the source
# table, primary key, severity and reasons of rows it may not read.  Now the payload is the
# item id only: a role without rights hears ids and can read nothing more; an agent
# (empathy_agent) reads the item with its own rights.
. "$(dirname "$0")/../escalation_env.sh"
esc_setup notify regress_listener regress_agent
q <<'SQL'
CREATE ROLE regress_listener LOGIN;
CREATE ROLE regress_agent LOGIN IN ROLE empathy_agent;
CREATE TABLE secret_tickets (account text PRIMARY KEY, body text);
CREATE TRIGGER secret_escalation AFTER INSERT OR UPDATE OR DELETE ON secret_tickets
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
SQL

esc_session l 3 -U regress_listener
l_pid=$esc_pid
printf "LISTEN pg_empathy_escalation;\nSELECT 'listening';\n" >&3
esc_wait_for l listening || true
q -c "INSERT INTO secret_tickets VALUES ('ACME-4711', 'My lawyer will sue you over the fraud.'), ('ACME-4712', 'thanks')"
q -c "INSERT INTO secret_tickets VALUES (repeat('K', 9000), 'Get me a human.')"	# a key longer than 8000 bytes
sleep 0.3
printf "SELECT 'poll';\n" >&3
for _ in $(seq 1200); do grep -q 'payload' "$work/l.out" && [ "$(grep -c payload "$work/l.out")" -ge 2 ] && break; sleep 0.05; done
printf "SELECT count(*) FROM escalation_queue;\n" >&3
exec 3>&-
wait "$l_pid" || true
grep payload "$work/l.out" | sed 's/PID [0-9]*/PID n/' | cut -c1-120
fail=0
payloads=$(sed -n 's/.*with payload "\([^"]*\)".*/\1/p' "$work/l.out" | tr '\n' ' ')
ids=$(q -c "SELECT string_agg(id::text, ' ' ORDER BY id) FROM escalation_queue")
[ "$payloads" = "$ids " ] || { echo "FAIL: payloads '$payloads', expected the queue ids '$ids'"; fail=1; }
grep -q 'ACME\|secret_tickets\|legal_threat\|KKKK' "$work/l.out" && { echo "FAIL: the listener heard row data"; fail=1; }
grep -q 'permission denied for table escalation_queue' "$work/l.out" || { echo "FAIL: the listener could read the queue"; fail=1; }
agent=$(q -U regress_agent -c "SELECT source_name || ' ' || (row_key->>'account') || ' ' || reasons::text FROM escalation_queue WHERE id = ${ids%% *}")
echo "an agent reads item ${ids%% *}: $agent"
[ "$agent" = "public.secret_tickets ACME-4711 {legal_threat,urgency}" ] || { echo "FAIL: agent read '$agent'"; fail=1; }
[ "$fail" = 0 ] || exit 1
echo "NOTIFY: $(echo "$payloads" | wc -w) notifications, payload = item id only; a role without rights reads nothing more; a 9000-byte key no longer fails the INSERT"
