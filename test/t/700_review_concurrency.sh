#!/usr/bin/env bash
# Concurrency of the review queue (issue 12): 8 reviewers (8 pgbench processes, each logged in
# as its own registered reviewer role) work 10,000 items that each need a panel of 3.  Every
# take and every answer is its own transaction.  Before they start, a ninth session takes 5
# items as reviewer 0 and is killed with pg_terminate_backend while it holds them:
# pg_empathy.take_timeout (2s here) returns them.  Checks and prints:
#   - every item is done with exactly 3 verdicts from 3 different reviewers;
#   - nothing is left taken or held, and the killed session's 5 assignments expired and
#     were reviewed by others;
#   - an item never had more holders at once than its panel size, and no reviewer held an
#     item twice at once (from the assignment intervals);
#   - every panel with a majority left one consensus label in review_labels.
# Time: 159-221 s under load before four changes to the review functions (alternating runs at
# load averages of 16-19: backend CPU of the reviewers' runs 108-109 s before, 56-70 s after;
# whole test 120-127 s before, 80-85 s after): review_take()'s "not reviewed by me" was planned as
# a merge anti join reading every assignment below the first free item (now a per-item index
# probe); review_answer() found the reviewer's assignment by a sequential scan of
# review_assignments (now the index review_assignments_item) inside a subtransaction (NOWAIT in
# an exception block; now SKIP LOCKED); each panel label looked for the row's previous label by a
# sequential scan of review_labels (IS NOT DISTINCT FROM, which no index serves); the SQL
# review_consensus() was planned at every completed panel (now PL/pgSQL).  What is proved is
# unchanged.  Assignment times are clock times taken under the item's lock: with now() a take
# whose transaction began before another session expired the item could seem to overlap it
# (counted as 4 holders at once, or one reviewer twice).
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}" "${PGE_TMP:?run through tools/test.sh}"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
export PGOPTIONS="-c client_min_messages=warning"
export PGDATABASE=pge_review_concurrency
work="$PGE_TMP/review_concurrency"
rm -rf "$work"
mkdir -p "$work"
REVIEWERS=8
ITEMS=10000
PANEL=3
KILLED_TAKES=5

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
roles=$(seq -f 'pge_review_conc_%g' 0 $((REVIEWERS - 1)) | paste -sd, -)
cleanup() {
	[ -n "${victim_pid:-}" ] && kill "$victim_pid" 2>/dev/null || true
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" >/dev/null 2>&1 || true
	psql -X -q -d postgres -c "DROP ROLE IF EXISTS $roles" >/dev/null 2>&1 || true
}
trap cleanup EXIT
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $roles"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION pg_empathy_workflow CASCADE"
# review_expire() as the first call of a session (a cron job): the library that defines
# pg_empathy.take_timeout is not loaded yet (it failed with 42704 before 0.2.0 was released)
expired=$(psql -X -At -v ON_ERROR_STOP=1 -c "SELECT review_expire()")
[ "$expired" = 0 ] || { echo "FAILED: review_expire() in a new session: $expired"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 <<SQL
ALTER DATABASE $PGDATABASE SET pg_empathy.take_timeout = '2s';
DO \$\$
DECLARE r text;
BEGIN
	FOREACH r IN ARRAY string_to_array('$roles', ',') LOOP
		EXECUTE format('CREATE ROLE %I LOGIN', r);
		EXECUTE format('GRANT empathy_agent TO %I', r);
		PERFORM review_reviewer_add(r, '{EU}', '{en}');
	END LOOP;
END \$\$;
CREATE TABLE tickets (id int PRIMARY KEY, body text NOT NULL);
INSERT INTO tickets SELECT g, 'Ticket ' || g || ': the parcel arrived late and the box was damaged.' FROM generate_series(1, $ITEMS) g;
SELECT count(review_submit('tickets', jsonb_build_object('id', id::text), body, 'en', 'EU',
						   reasons => '{mixed}', panel_size => $PANEL)) AS submitted FROM tickets;
SQL

# the reviewer whose backend is killed: reviewer 0 takes 5 items and stays in the middle of them
mkfifo "$work/victim"
psql -X -At <"$work/victim" >"$work/victim.out" 2>&1 &
victim_pid=$!
exec 3>"$work/victim"
echo "SET ROLE pge_review_conc_0;" >&3
for _ in $(seq $KILLED_TAKES); do echo "SELECT id FROM review_take();" >&3; done
echo "SELECT 'held', pg_backend_pid();" >&3
for _ in $(seq 600); do grep -q '^held' "$work/victim.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^held' "$work/victim.out" || { echo "FAILED: the victim session did not take its items"; cat "$work/victim.out"; exit 1; }
victim_backend=$(awk -F'|' '/^held/ { print $2 }' "$work/victim.out")
victim_items=$(grep -E '^[0-9]+$' "$work/victim.out" | paste -sd, -)
echo "reviewer 0 (backend $victim_backend) holds items $victim_items"

# one transaction takes, the next answers (labels vary by item and reviewer, so some panels split)
cat >"$work/review.sql" <<'SQL'
SELECT coalesce((SELECT id FROM review_take()), 0) AS item \gset
SELECT CASE WHEN :item > 0 THEN (review_answer(:item, (ARRAY['negative', 'neutral', 'negative', 'positive'])[1 + (:item + :rv) % 4])).status END;
SQL
per_client=$(( ITEMS * PANEL / REVIEWERS + 50 ))
start=$(date +%s)
bench_pids=()
for i in $(seq 0 $((REVIEWERS - 1))); do
	"$PGBIN/pgbench" -n -U "pge_review_conc_$i" -D rv="$i" -c 1 -t "$per_client" -f "$work/review.sql" \
		>"$work/pgbench.$i.log" 2>&1 &
	bench_pids+=($!)
done
sleep 1
psql -X -At -c "SELECT pg_terminate_backend($victim_backend)"
exec 3>&-
wait "$victim_pid" 2>/dev/null || true
victim_pid=
for i in "${!bench_pids[@]}"; do
	wait "${bench_pids[$i]}" || { cat "$work/pgbench.$i.log"; exit 1; }
done
cat "$work"/pgbench.*.log | awk '/actually processed/ { split($NF, a, "/"); n += a[1] } /number of failed/ { f += $5 }
	END { print "reviewers ran " n " transactions, " f + 0 " failed" }'

# the rest (items that were still held when the reviewers' runs ended, and the killed
# session's items if the timeout had not passed yet: wait for it, if it has not): every
# reviewer takes until nothing is left
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT pg_sleep(extract(epoch FROM max(taken_at) + interval '2.2 s' - clock_timestamp()))
	FROM review_assignments WHERE status = 'taken' HAVING max(taken_at) + interval '2.2 s' > clock_timestamp()" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 <<SQL
DO \$\$
DECLARE r text; it bigint; n int := 0;
BEGIN
	FOREACH r IN ARRAY string_to_array('$roles', ',') LOOP
		LOOP
			SELECT id INTO it FROM review_take(r);
			EXIT WHEN it IS NULL;
			PERFORM review_answer(it, 'neutral', reviewer => r);
			n := n + 1;
		END LOOP;
	END LOOP;
	RAISE WARNING 'drained % verdicts after the runs', n;
END \$\$;
SQL
elapsed=$(( $(date +%s) - start ))

psql -X -At -F ' ' -v ON_ERROR_STOP=1 >"$work/counts.txt" <<SQL
WITH per_item AS (
	SELECT i.id, i.status, i.held, i.verdicts, count(v.id) AS n, count(DISTINCT v.reviewer) AS reviewers
	FROM review_items i LEFT JOIN review_verdicts v ON v.item_id = i.id GROUP BY i.id),
ev AS (		-- +1 when an assignment starts, -1 when it ends: concurrent holders per item
	SELECT item_id, reviewer, t, d FROM review_assignments,
		LATERAL (VALUES (taken_at, 1), (coalesce(finished_at, 'infinity'), -1)) e(t, d)),
run AS (SELECT item_id, sum(d) OVER (PARTITION BY item_id ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS holders FROM ev),
run_rv AS (SELECT sum(d) OVER (PARTITION BY item_id, reviewer ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS holders FROM ev),
majority AS (SELECT item_id FROM (SELECT item_id, label, count(*) AS c FROM review_verdicts GROUP BY 1, 2) x
			 GROUP BY item_id HAVING max(c) * 2 > $PANEL)
SELECT 'items', (SELECT count(*) FROM per_item),
	   'done', (SELECT count(*) FROM per_item WHERE status = 'done'),
	   'verdicts', (SELECT count(*) FROM review_verdicts),
	   'items_with_3_verdicts_by_3_reviewers', (SELECT count(*) FROM per_item WHERE n = 3 AND reviewers = 3 AND verdicts = 3),
	   'items_otherwise', (SELECT count(*) FROM per_item WHERE NOT (n = 3 AND reviewers = 3 AND verdicts = 3)),
	   'still_held', (SELECT count(*) FROM per_item WHERE held <> 0),
	   'assignments_taken', (SELECT count(*) FROM review_assignments WHERE status = 'taken'),
	   'reviewers_used', (SELECT count(DISTINCT reviewer) FROM review_verdicts),
	   'max_holders_at_once', (SELECT max(holders) FROM run),
	   'max_same_reviewer_at_once', (SELECT max(holders) FROM run_rv),
	   'killed_expired', (SELECT count(*) FROM review_assignments WHERE reviewer = 'pge_review_conc_0' AND status = 'expired'
						  AND item_id IN ($victim_items)),
	   'killed_items_done', (SELECT count(*) FROM per_item WHERE id IN ($victim_items) AND n = 3 AND reviewers = 3),
	   'expired_total', (SELECT count(*) FROM review_assignments WHERE status = 'expired'),
	   'majority_items', (SELECT count(*) FROM majority),
	   'panel_labels', (SELECT count(*) FROM review_labels WHERE origin = 'panel'),
	   'panel_labels_distinct_items', (SELECT count(DISTINCT item_id) FROM review_labels WHERE origin = 'panel');
SQL
tr ' ' '\n' <"$work/counts.txt" | paste - - | column -t
get() { tr ' ' '\n' <"$work/counts.txt" | paste - - | awk -v k="$1" '$1 == k { print $2 }'; }
fail=0
check() { if [ "$2" != "$3" ]; then echo "FAILED: $1: $2, expected $3"; fail=1; fi; }
check items "$(get items)" "$ITEMS"
check done "$(get done)" "$ITEMS"
check verdicts "$(get verdicts)" $((ITEMS * PANEL))
check items_with_3_verdicts_by_3_reviewers "$(get items_with_3_verdicts_by_3_reviewers)" "$ITEMS"
check items_otherwise "$(get items_otherwise)" 0
check still_held "$(get still_held)" 0
check assignments_taken "$(get assignments_taken)" 0
check reviewers_used "$(get reviewers_used)" "$REVIEWERS"
[ "$(get max_holders_at_once)" -le "$PANEL" ] || { echo "FAILED: an item had $(get max_holders_at_once) holders at once"; fail=1; }
check max_same_reviewer_at_once "$(get max_same_reviewer_at_once)" 1
check killed_expired "$(get killed_expired)" "$KILLED_TAKES"
check killed_items_done "$(get killed_items_done)" "$KILLED_TAKES"
check panel_labels "$(get panel_labels)" "$(get majority_items)"
check panel_labels_distinct_items "$(get panel_labels_distinct_items)" "$(get majority_items)"
[ "$fail" = 0 ] || exit 1
echo "ok: $ITEMS items x panel $PANEL by $REVIEWERS reviewers in ${elapsed}s: $(get verdicts) verdicts, each item 3 distinct reviewers, at most $(get max_holders_at_once) holders at once; killed backend's $KILLED_TAKES items expired and reviewed by others; $(get panel_labels) consensus labels"
