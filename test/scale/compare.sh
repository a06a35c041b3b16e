#!/usr/bin/env bash
# Shared by the scale-out tests (test/t/800_postgres_fdw.sh, test/t/810_citus.sh): runs every
# case of test/scale/kpi_cases.txt on a local table and on a sharded one and compares the
# outputs byte for byte.
#   compare_cases LOCAL DIST KEY OUTDIR PSQL...
# LOCAL, DIST: table names; KEY: the partition or distribution column grouped by in the
# "agg" cases' grouped form; PSQL...: the psql command (with connection options) to run.
# Prints "cases N, outputs M, differing D" and leaves OUTDIR/local.N, OUTDIR/dist.N; writes
# OUTDIR/grouped.sql (the grouped queries on DIST, for the caller's EXPLAIN checks) and
# returns 1 when any output differs.  Sessions run serially (max_parallel_workers_per_gather
# = 0) so that float sums add in one order on both sides.  With PGE_COMPARE_FLOATS=close, an
# output that differs only in numbers within 1e-9 relative counts as equal (test/scale/close.py;
# for Citus, which combines partial float sums in its own order) and is counted apart.
compare_cases() {
	local local_t=$1 dist_t=$2 key=$3 out=$4
	shift 4
	local cases="$PGE_ROOT/test/scale/kpi_cases.txt"
	local n=0 kind sig text q
	mkdir -p "$out"
	: >"$out/local.sql"
	: >"$out/dist.sql"
	: >"$out/grouped.sql"
	for side in local dist; do
		cat >>"$out/$side.sql" <<'SQL'
\set ON_ERROR_STOP on
\pset footer off
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
SELECT escalation_ruleset() AS ruleset \gset
SQL
	done
	emit() {	# emit N QUERY-WITH-T: the query on both sides
		local side t
		for side in local dist; do
			t=$local_t
			[ "$side" = dist ] && t=$dist_t
			printf '\\echo @@%d\n%s;\n' "$1" "$(sed -E "s/\bT\b/$t/g" <<<"$2")" >>"$out/$side.sql"
		done
	}
	while IFS='|' read -r kind sig text; do
		case "$kind" in
		agg)
			# ungrouped: rows pulled and aggregated in one order (a partial aggregate per partition
			# would add float sums in another order, like a parallel plan)
			n=$((n + 1)); emit $n "SET enable_partitionwise_aggregate = off; SELECT $text FROM T"
			q="SET enable_partitionwise_aggregate = on; SELECT $key, $text FROM T GROUP BY $key ORDER BY $key"
			n=$((n + 1)); emit $n "$q"
			printf '%s|%s\n' "$sig" "$(sed -E "s/\bT\b/$dist_t/g; s/^SET [^;]*; //" <<<"$q")" >>"$out/grouped.sql"
			;;
		row) n=$((n + 1)); emit $n "SELECT id, v::text FROM (SELECT id, $text AS v FROM T) s ORDER BY 1, 2" ;;
		q) n=$((n + 1)); emit $n "$text" ;;
		esac
	done <"$cases"
	"$@" -X -q -f "$out/local.sql" >"$out/local.out" 2>&1 || { tail -n 5 "$out/local.out"; return 1; }
	"$@" -X -q -f "$out/dist.sql" >"$out/dist.out" 2>&1 || { tail -n 5 "$out/dist.out"; return 1; }
	local nc diff=0 total=0 close=0
	nc=$(grep -c '^[a-z]' <(grep -v '^#' "$cases" | grep '|'))
	awk -v d="$out" '/^@@[0-9]+$/ { f = d "/local." substr($0, 3); next } { print > f }' "$out/local.out"
	awk -v d="$out" '/^@@[0-9]+$/ { f = d "/dist." substr($0, 3); next } { print > f }' "$out/dist.out"
	for ((i = 1; i <= n; i++)); do
		total=$((total + 1))
		if cmp -s "$out/local.$i" "$out/dist.$i"; then
			continue
		elif [ "${PGE_COMPARE_FLOATS:-exact}" = close ] && python3 "$PGE_ROOT/test/scale/close.py" "$out/local.$i" "$out/dist.$i"; then
			close=$((close + 1))
		else
			diff=$((diff + 1))
			echo "differs: output $i"
			diff "$out/local.$i" "$out/dist.$i" | head -n 6
		fi
	done
	echo "cases $nc, outputs $total: $((total - close - diff)) identical, $close equal within 1e-9 (float sums in another order), $diff differing"
	[ "$diff" -eq 0 ]
}

# every aggregate and non-VOLATILE function of pg_empathy (VOLATILE ones, such as
# sentiment_lexicon_publish, change data and are not per-row queries; and escalation_check / conversation_escalation of
# the workflow) has a case: prints the signatures that have none, returns 1 if any
check_coverage() {
	local cases="$PGE_ROOT/test/scale/kpi_cases.txt" missing
	missing=$("$@" -XAt -c "
		SELECT p.oid::regprocedure::text FROM pg_proc p
		JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid
		WHERE (e.extname = 'pg_empathy' AND p.prorettype NOT IN ('internal'::regtype, 'trigger'::regtype)
			   AND p.provolatile <> 'v'
			   AND p.proname !~ '_(accum|accum_inv|combine|final|serialize|deserialize|trans)$')
		   OR (e.extname = 'pg_empathy_workflow' AND p.proname IN ('escalation_check', 'conversation_escalation'))
		ORDER BY 1" | sort | comm -23 - <(grep -v '^#' "$cases" | cut -d'|' -f2 | sort -u))
	if [ -n "$missing" ]; then
		echo "no case for: $missing"
		return 1
	fi
}

# EXPLAIN (VERBOSE, COSTS OFF) of each grouped query written by compare_cases, in one session:
#   explain_grouped OUTDIR PSQL...  -> OUTDIR/explain.N (N = line of OUTDIR/grouped.sql)
explain_grouped() {
	local out=$1 i=0 sig query
	shift
	{
		echo '\set ON_ERROR_STOP on'
		echo 'SET enable_partitionwise_aggregate = on;'
		while IFS='|' read -r sig query; do
			i=$((i + 1))
			printf '\\echo @@%d\nEXPLAIN (VERBOSE, COSTS OFF) %s;\n' "$i" "$query"
		done <"$out/grouped.sql"
	} >"$out/explain.sql"
	"$@" -X -q -At -f "$out/explain.sql" >"$out/explain.out" 2>&1 || { tail -n 5 "$out/explain.out"; return 1; }
	awk -v d="$out" '/^@@[0-9]+$/ { f = d "/explain." substr($0, 3); next } { print > f }' "$out/explain.out"
}

# best of 3 wall times (ms, psql \timing) of QUERY in one session: best_ms QUERY PSQL...
best_ms() {
	local query=$1
	shift
	printf 'SET enable_partitionwise_aggregate = on;\n\\timing on\n%s;\n%s;\n%s;\n' "$query" "$query" "$query" \
		| "$@" -X -q -At -o /dev/null -f - 2>&1 \
		| awk '/^Time: / { t = $2 + 0; if (best == "" || t < best) best = t } END { printf "%.0f\n", best }'
}

# queue entries of source A that source B lacks and the reverse, compared on KEY (an expression
# over row_key), reasons, matched, severity and sentiment: queue_diff A B KEY PSQL... prints the count
queue_diff() {
	local a=$1 b=$2 key=$3
	shift 3
	"$@" -XAt -c "
	WITH x AS (SELECT source::text AS src, $key AS k, reasons, matched, severity, sentiment
			   FROM escalation_queue WHERE source IN ('$a'::regclass, '$b'::regclass))
	SELECT count(*) FROM (
		(SELECT k, reasons, matched, severity, sentiment FROM x WHERE src = '$a'
		 EXCEPT ALL SELECT k, reasons, matched, severity, sentiment FROM x WHERE src = '$b')
		UNION ALL
		(SELECT k, reasons, matched, severity, sentiment FROM x WHERE src = '$b'
		 EXCEPT ALL SELECT k, reasons, matched, severity, sentiment FROM x WHERE src = '$a')) d"
}

# the sweep of the sharded table, then of feedback_local (marks reset first), timed:
#   sweep_both "SWEEP ARGUMENTS FOR THE SHARDED TABLE" PSQL...  prints "n_dist ms_dist n_local ms_local"
sweep_both() {
	local args=$1 t0 t1 t2 nd nl
	shift
	"$@" -XAtq -c "UPDATE feedback_local SET mark = NULL"
	t0=$(date +%s%N)
	nd=$("$@" -XAt -c "SELECT escalation_sweep($args)")
	t1=$(date +%s%N)
	nl=$("$@" -XAt -c "SELECT escalation_sweep('feedback_local', 'body', 'mark')")
	t2=$(date +%s%N)
	echo "$nd $(( (t1 - t0) / 1000000 )) $nl $(( (t2 - t1) / 1000000 ))"
}
