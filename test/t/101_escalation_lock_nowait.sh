#!/usr/bin/env bash
# issue 8, item 8: an agent acting on an item another session has locked gets an immediate
# 55P03, not a wait until statement_timeout.  Session A (agent regress_lock_a) takes an item
# and keeps its transaction open; agent regress_lock_b then tries to resolve, release and
# correct it with statement_timeout = 5s: each must fail at once with 55P03.
. "$(dirname "$0")/../escalation_env.sh"
esc_setup lock_nowait regress_lock_a regress_lock_b
q <<'SQL'
CREATE ROLE regress_lock_a LOGIN IN ROLE empathy_agent;
CREATE ROLE regress_lock_b LOGIN IN ROLE empathy_agent;
CREATE TABLE tickets (id int PRIMARY KEY, body text);
CREATE TRIGGER tickets_escalation AFTER INSERT OR UPDATE OR DELETE ON tickets
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO tickets VALUES (1, 'My lawyer will call you.');
SQL

esc_session a 3 -At -U regress_lock_a
a_pid=$esc_pid
printf "BEGIN;\nSELECT 'took|' || id FROM escalation_take();\n" >&3
esc_wait_for a '^took\|' || true
grep -q '^took|1$' "$work/a.out" || { echo "FAIL: session A did not take item 1"; cat "$work/a.out"; exit 1; }

fail=0
try() {
	local what=$1 sql=$2 start end out ms
	start=$(date +%s%N)
	out=$(PGOPTIONS="$PGOPTIONS -c statement_timeout=5s" psql -X -At -U regress_lock_b \
		-c "\\set VERBOSITY sqlstate" -c "$sql" 2>&1 || true)
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	echo "$what: '$out' after $ms ms"
	[ "$out" = "ERROR:  55P03" ] || { echo "FAIL: $what: expected 55P03"; fail=1; }
	[ "$ms" -lt 4000 ] || { echo "FAIL: $what waited ($ms ms)"; fail=1; }
	last_ms=$ms
}
try resolve "SELECT escalation_resolve(1, 'done')"
t1=$last_ms
try release "SELECT escalation_release(1)"
try correct "SELECT escalation_correct(1, 'neutral')"
msg=$(psql -X -At -U regress_lock_b -c "SELECT escalation_resolve(1, 'done')" 2>&1 || true)
echo "$msg" | head -3

# A commits: the item is free again, and B gets the ordinary "taken by" error at once
printf "COMMIT;\n" >&3
exec 3>&-
wait "$a_pid"
after=$(psql -X -At -U regress_lock_b -c "\\set VERBOSITY sqlstate" -c "SELECT escalation_resolve(1, 'done')" 2>&1 || true)
[ "$after" = "ERROR:  55000" ] || { echo "FAIL: after A committed: '$after', expected 55000 (taken by regress_lock_a)"; fail=1; }
done=$(q -U regress_lock_a -c "SELECT status FROM escalation_resolve(1, 'called back')")
[ "$done" = resolved ] || { echo "FAIL: A could not resolve its item: $done"; fail=1; }
[ "$fail" = 0 ] || exit 1
echo "locked item: resolve, release and correct by another agent fail with 55P03 at once (resolve: ${t1} ms, statement_timeout 5 s)"
