#!/usr/bin/env bash
# pg_empathy on Citus (issue 14): a coordinator and two workers (throwaway clusters, Citus built
# from ../shared/vendor/citus-13.2.2.tar.gz by tools/citus-build.sh, cached in
# /var/cache/pg_empathy).
# - every aggregate and function of pg_empathy (test/scale/kpi_cases.txt), ungrouped and grouped
#   by the distribution column, gives the same output on a distributed table as on a local one,
#   and EXPLAIN VERBOSE shows each aggregate in the workers' queries;
# - escalation: escalation_sweep() (the check shipped to the shards in one UPDATE, rules and
#   settings of the coordinator as arguments) under 8 pgbench clients writing 10,000 rows in
#   multi-shard INSERTs (two-phase commit), two concurrent sweepers and a shard move in between:
#   no write fails and every escalating row has exactly one queue entry, none lost or doubled;
# - rules and settings are the coordinator's on every shard: a rule added on the coordinator and
#   SET pg_empathy.escalation_min_severity decide what the workers' checks find.
# Skips (77) when the Citus tarball is absent.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
export PGBIN
psql() { "$PGBIN/psql" "$@"; }	# the server's own (Debian's /usr/bin/psql is a Perl wrapper)
build_start=$(date +%s)
rc=0
citus_dir=$(bash "$PGE_ROOT/tools/citus-build.sh" install 2>"$PGE_TMP/citus-build.err") || rc=$?
if [ "$rc" = 77 ]; then
	echo "Citus source not found: $PGE_SHARED/vendor/citus-13.2.2.tar.gz (skipped)"
	exit 77
fi
[ "$rc" = 0 ] || { cat "$PGE_TMP/citus-build.err"; fail "tools/citus-build.sh failed"; }
build_secs=$(( $(date +%s) - build_start ))
first_build=$(cat "$citus_dir/.pge-build-seconds")
# shellcheck source=../scale/compare.sh
. "$PGE_ROOT/test/scale/compare.sh"

work="$PGE_TMP/citus"
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
nodes=(coord w1 w2)
cleanup() {
	[ "${PGE_KEEP:-0}" = 2 ] && { echo "PGE_KEEP=2: nodes left running in $work"; return; }	# debugging
	for n in "${nodes[@]}"; do bash "$PGE_ROOT/tools/cluster.sh" stop "$work/$n" || true; done
	[ "${PGE_KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
declare -A host port
for n in "${nodes[@]}"; do
	bash "$PGE_ROOT/tools/cluster.sh" start "$work/$n" >/dev/null
	host[$n]=$(. "$work/$n/env" && echo "$PGHOST")
	port[$n]=$(. "$work/$n/env" && echo "$PGPORT")
	cat >>"$work/$n/data/postgresql.conf" <<CONF
shared_preload_libraries = 'citus'
max_prepared_transactions = 100
shared_buffers = 64MB
max_connections = 200
citus.local_hostname = '${host[$n]}'
CONF
	as_owner "$PGBIN/pg_ctl" -D "$work/$n/data" -l "$work/$n/server.log" -w -t 60 restart >/dev/null \
		|| { tail -n 20 "$work/$n/server.log"; fail "restart with Citus failed"; }
done
nq() {	# nq NODE ARGS...: psql on a node
	local n=$1
	shift
	PGHOST=${host[$n]} PGPORT=${port[$n]} psql -qXAt -v ON_ERROR_STOP=1 -d postgres "$@"
}
q() { nq coord "$@"; }
for n in "${nodes[@]}"; do nq $n -c "CREATE EXTENSION citus"; done
q -c "SELECT citus_set_coordinator_host('${host[coord]}', ${port[coord]})" >/dev/null
q -c "SELECT citus_add_node('${host[w1]}', ${port[w1]})" -c "SELECT citus_add_node('${host[w2]}', ${port[w2]})" >/dev/null
citus_version=$(q -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'")

# the extensions: created on the coordinator, propagated by Citus to the workers
q -c "CREATE EXTENSION pg_empathy_workflow CASCADE"
for n in w1 w2; do
	[ "$(nq $n -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'pg_empathy%'")" = "pg_empathy 0.2.0, pg_empathy_workflow 0.2.0" ] \
		|| fail "extensions not propagated to worker $n"
done

# the sample feedback, local and distributed (by conversation, 8 shards), rows in id order
q -f "$PGE_ROOT/data/sample/feedback.sql" >/dev/null
q >/dev/null <<'SQL'
SET citus.shard_count = 8;
CREATE TABLE feedback_local AS SELECT * FROM feedback ORDER BY id;
ALTER TABLE feedback_local ADD COLUMN mark int, ADD PRIMARY KEY (id);
CREATE TABLE feedback_dist (LIKE feedback_local INCLUDING DEFAULTS);
ALTER TABLE feedback_dist ADD PRIMARY KEY (conversation_id, id);
SELECT create_distributed_table('feedback_dist', 'conversation_id');
INSERT INTO feedback_dist SELECT * FROM feedback_local ORDER BY id;
SQL
nrows=$(q -c "SELECT count(*) FROM feedback_dist")
[ "$nrows" = "$(q -c "SELECT count(*) FROM feedback")" ] || fail "distributed table incomplete"

check_coverage nq coord || fail "cases missing"
t0=$(date +%s%N)
PGE_COMPARE_FLOATS=close compare_cases feedback_local feedback_dist conversation_id "$work/cmp" nq coord >"$work/cmp.log" || { cat "$work/cmp.log"; fail "results differ between the local and the distributed table"; }
t1=$(date +%s%N)
summary=$(tail -n 1 "$work/cmp.log")
echo "KPI and functions: $summary"

# EXPLAIN VERBOSE: each aggregate is in the query the workers run (grouped by the distribution
# column: the whole aggregate; ungrouped: Citus's worker_partial_agg of it)
explain_grouped "$work/cmp" nq coord || fail "EXPLAIN failed"
pushed=0 total=0
while IFS='|' read -r sig query; do
	total=$((total + 1))
	name=${sig%%(*}
	plan=$(cat "$work/cmp/explain.$total")
	if grep -q "Query: SELECT .*public\.$name(" <<<"$plan"; then
		pushed=$((pushed + 1))
	else
		echo "not pushed down: $query"
		echo "$plan" | head -n 20
	fi
done <"$work/cmp/grouped.sql"
[ "$pushed" = "$total" ] || fail "$((total - pushed)) of $total grouped aggregates not pushed down"
plan=$(q -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT nps_stats(nps), sentiment_stats(sentiment_score(body)) FROM feedback_dist")
grep -q 'worker_partial_agg(.*nps_stats' <<<"$plan" || { echo "$plan"; fail "ungrouped nps_stats not computed as worker partials"; }
echo "EXPLAIN: $pushed of $total aggregates grouped by the distribution column run on the workers; ungrouped ones as worker partials combined on the coordinator"

# ---------------------------------------------------------------------------
# escalation: the sweep over the sample, against the local table
read -r s_dist ms_dist s_local ms_local <<<"$(sweep_both "'feedback_dist', 'body', 'mark'" nq coord)"
[ "$s_dist" = "$s_local" ] && [ "$s_dist" -gt 0 ] || fail "sweep queued $s_dist (distributed) / $s_local (local)"
differ=$(queue_diff feedback_dist feedback_local "row_key->>'id'" nq coord)
[ "$differ" = 0 ] || fail "$differ queue entries differ between the distributed and the local sweep"
# Citus accepts the IMMUTABLE check with column references in an UPDATE
q -c "UPDATE feedback_dist SET mark = (escalation_check(body, escalation_ruleset(), 'en-rules', -0.6, 1)).severity WHERE id % 7 = 0"
echo "sweep of the sample: $s_dist entries, equal to the local table's"
kpi="SELECT conversation_id %% 4, nps_stats(nps), csat_stats(csat), sentiment_stats(sentiment_score(body)) FROM %s GROUP BY 1"
kpi_local=$(best_ms "$(printf "$kpi" feedback_local)" nq coord)
kpi_dist=$(best_ms "$(printf "$kpi" feedback_dist)" nq coord)
echo "timings (ms): KPI query, best of 3: local $kpi_local, distributed $kpi_dist; sweep of $nrows rows: local $ms_local, distributed $ms_dist"

# rules and settings of the coordinator reach the shards
q >/dev/null <<'SQL'
CREATE TABLE tickets (conv int NOT NULL, id bigserial, body text, mark int, PRIMARY KEY (conv, id));
SELECT create_distributed_table('tickets', 'conv');
INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('churn_risk', 'zebra crossing', 3);
INSERT INTO tickets (conv, body) VALUES (1, 'the zebra crossing story'), (2, 'I need to speak to a human'), (3, 'thanks');
SQL
r=$(q -c "SET pg_empathy.escalation_min_severity = 3" -c "SELECT escalation_sweep('tickets', 'body', 'mark')")
reasons=$(q -c "SELECT string_agg(row_key->>'conv' || ':' || array_to_string(reasons, ','), ' ' ORDER BY id) FROM escalation_queue WHERE source = 'tickets'::regclass")
[ "$r" = 1 ] && [ "$reasons" = "1:churn_risk" ] || fail "coordinator rule/setting not applied on the shards: $r queued, $reasons"
marks=$(q -c "SELECT string_agg(conv || '=' || mark, ' ' ORDER BY conv) FROM tickets")
[ "$marks" = "1=3 2=2 3=0" ] || fail "marks $marks"
# the workers' own rules tables do not have the rule: only the argument carried it
for n in w1 w2; do
	[ "$(nq $n -c "SELECT count(*) FROM escalation_rules WHERE phrase = 'zebra crossing'")" = 0 ] || fail "rule unexpectedly on $n"
done
q -c "DELETE FROM escalation_rules WHERE phrase = 'zebra crossing'" -c "TRUNCATE tickets" -c "DELETE FROM escalation_queue WHERE source = 'tickets'::regclass"
echo "rules and settings: a coordinator rule and SET escalation_min_severity = 3 decided the shards' checks (workers' own tables untouched)"
# ad-hoc queries with the STABLE check run on the workers with their own rules and settings:
# kept equal with run_command_on_all_nodes (rules) and SET LOCAL under
# citus.propagate_set_commands = 'local' (settings)
q -c "SELECT run_command_on_all_nodes(\$\$INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('churn_risk', 'refund', 3)\$\$)" >/dev/null
for n in "${nodes[@]}"; do
	[ "$(nq $n -c "SELECT count(*) FROM escalation_rules WHERE phrase = 'refund'")" = 1 ] || fail "rule not on $n"
done
adhoc="SELECT count(*) FROM %s WHERE (escalation_check(body)).escalate"
a=$(q -c "$(printf "$adhoc" feedback_dist)")
b=$(q -c "$(printf "$adhoc" feedback_local)")
[ "$a" = "$b" ] || fail "ad-hoc check with a rule on all nodes: $a distributed, $b local"
set_local() { q -c "SET citus.propagate_set_commands = 'local'" -c "BEGIN" -c "SET LOCAL pg_empathy.negative_threshold = -0.1" -c "$1" -c "COMMIT"; }
c=$(set_local "$(printf "$adhoc" feedback_dist)")
d=$(set_local "$(printf "$adhoc" feedback_local)")
[ "$c" = "$d" ] && [ "$c" != "$a" ] || fail "SET LOCAL not propagated: $c distributed, $d local (default $a)"
q -c "SELECT run_command_on_all_nodes(\$\$DELETE FROM escalation_rules WHERE phrase = 'refund'\$\$)" >/dev/null
echo "ad-hoc escalation_check(body) on the workers: a rule added on all nodes $a = $b escalations, SET LOCAL threshold -0.1 propagated $c = $d"

# ---------------------------------------------------------------------------
# 8 writers, 10,000 rows in multi-shard INSERTs of 5 rows, two sweepers, a shard move
cat >"$work/write.sql" <<'SQL'
\set c random(1, 1000000)
INSERT INTO tickets (conv, body) VALUES
 (:c, (ARRAY['I want to cancel my subscription', 'Thanks, all good', 'Get me a human now', 'Great service', 'This is urgent, the site is down', 'ok'])[1 + (:c % 6)]),
 (:c + 1, (ARRAY['I will call my lawyer', 'Nice', 'Still waiting for a reply', 'Lovely staff', 'It caught fire', 'fine'])[1 + (:c % 6)]),
 (:c + 2, (ARRAY['Thanks', 'You idiots', 'All fine', 'third time I ask', 'Happy', 'chargeback coming'])[1 + (:c % 6)]),
 (:c + 3, 'Thank you for the quick answer'),
 (:c + 4, (ARRAY['I am not going to cancel', 'speak to a manager', 'good', 'meh', 'refund please', 'the bot did not help'])[1 + (:c % 6)]);
SQL
sweeper() {	# sweep until told to stop; one line per sweep: ok N, or the error
	while [ ! -e "$work/stop" ]; do
		q -c "SELECT 'ok ' || escalation_sweep('tickets', 'body', 'mark')" 2>&1 | tail -n 1 >>"$work/sweeper.$1.log"
	done
}
pgb() { PGHOST=${host[coord]} PGPORT=${port[coord]} "$PGBIN/pgbench" -n -d postgres "$@"; }
t2=$(date +%s%N)
pgb -c 8 -j 2 -t 250 -f "$work/write.sql" >"$work/writers.log" 2>&1 &
writers=$!
sweeper 1 &
sweeper1=$!
sweeper 2 &
sweeper2=$!
sleep 2
# move a shard of tickets from one worker to the other while the writers run (block_writes: its
# writers wait for the copy)
# (nodes are told apart by name: the socket directory; their port numbers may be equal)
shard_node() { q -c "SELECT n.nodename FROM pg_dist_placement pl JOIN pg_dist_node n USING (groupid) WHERE pl.shardid = $1"; }
move_shard() {	# move_shard SHARDID: to the other worker, block_writes (its writers wait for the copy)
	local from to
	if [ "$(shard_node "$1")" = "${host[w1]}" ]; then from=w1 to=w2; else from=w2 to=w1; fi
	q -c "SELECT citus_move_shard_placement($1, '${host[$from]}', ${port[$from]}, '${host[$to]}', ${port[$to]}, 'block_writes')" >/dev/null
	[ "$(shard_node "$1")" = "${host[$to]}" ] || fail "shard $1 not moved to $to"
}
shard=$(q -c "SELECT shardid FROM pg_dist_shard WHERE logicalrelid = 'tickets'::regclass ORDER BY shardid LIMIT 1")
move_shard "$shard"
wait $writers || { cat "$work/writers.log"; fail "pgbench writers failed"; }
touch "$work/stop"
wait $sweeper1 $sweeper2
t3=$(date +%s%N)
# 100 more rows that no sweep has seen, a second move, then the final sweep: the moved shard's
# unchecked rows are found on their new node, its checked ones are not queued again
pgb -c 2 -j 1 -t 10 -f "$work/write.sql" >"$work/writers2.log" 2>&1 || { cat "$work/writers2.log"; fail "pgbench failed"; }
unswept=$(q -c "SELECT count(*) FROM tickets WHERE mark IS NULL")
shard2=$(q -c "SELECT shardid FROM pg_dist_shard WHERE logicalrelid = 'tickets'::regclass ORDER BY shardid OFFSET 1 LIMIT 1")
move_shard "$shard2"
final=$(q -c "SELECT escalation_sweep('tickets', 'body', 'mark')")

failed=$(grep -E '^number of failed transactions' "$work/writers.log" | grep -oE '[0-9]+' | head -n 1 || echo 0)
done_tx=$(grep -E '^number of transactions actually processed' "$work/writers.log" | grep -oE '[0-9]+' | head -n 1)
sweeps=$(cat "$work"/sweeper.*.log | grep -c '^ok ' || true)
sweep_errors=$(cat "$work"/sweeper.*.log | grep -v '^ok ' | sort | uniq -c || true)
rows=$(q -c "SELECT count(*) FROM tickets")
unmarked=$(q -c "SELECT count(*) FROM tickets WHERE mark IS NULL")
escalating=$(q -c "SELECT count(*) FROM tickets WHERE (escalation_check(body)).escalate")
read -r entries distinct_keys <<<"$(q -F ' ' -c "SELECT count(*), count(DISTINCT row_key) FROM escalation_queue WHERE source = 'tickets'::regclass")"
mismatch=$(q -c "SELECT count(*) FROM (
	(SELECT jsonb_build_object('conv', conv::text, 'id', id::text) FROM tickets WHERE (escalation_check(body)).escalate
	 EXCEPT ALL SELECT row_key FROM escalation_queue WHERE source = 'tickets'::regclass)
	UNION ALL
	(SELECT row_key FROM escalation_queue WHERE source = 'tickets'::regclass
	 EXCEPT ALL SELECT jsonb_build_object('conv', conv::text, 'id', id::text) FROM tickets WHERE (escalation_check(body)).escalate)) d")
echo "writers: $done_tx transactions of 5 rows, $failed failed; sweepers: $sweeps concurrent sweeps; shard $shard moved meanwhile; then 100 more rows ($unswept unchecked), shard $shard2 moved, final sweep $final; $rows rows"
[ -z "$sweep_errors" ] || echo "sweeps that failed (retried by the next one): $sweep_errors"
echo "queue: $entries entries for $escalating escalating rows, $distinct_keys distinct rows, $mismatch mismatches, $unmarked rows unchecked"
[ "$failed" = 0 ] && [ "$rows" = 10100 ] || fail "writes failed ($failed) or rows missing ($rows of 10000 + 100)"
[ "$final" -gt 0 ] || fail "the final sweep after the move found nothing of the $unswept unchecked rows"
[ "$unmarked" = 0 ] || fail "$unmarked rows left unchecked"
[ "$entries" = "$escalating" ] && [ "$distinct_keys" = "$escalating" ] && [ "$mismatch" = 0 ] \
	|| fail "escalating rows and queue entries do not match one to one"

echo "Citus $citus_version (first build ${first_build}s, cached; install ${build_secs}s): $summary in $(( (t1 - t0) / 1000000 )) ms; $pushed/$total aggregates pushed down; 10000 multi-shard rows by 8 clients in $(( (t3 - t2) / 1000000 )) ms: $escalating escalations, $entries queue entries, 0 lost, 0 duplicated, $failed failed writes"
