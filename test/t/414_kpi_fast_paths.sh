#!/usr/bin/env bash
# The faster paths of the KPI aggregates (0.2.0, branch kpifast) against the general ones they
# replace, without a server (test/core/kpi_fast_test.c): the CES state check in integers
# against the long double / fmod check, change_point's natural merge sort against qsort and
# change_point on shuffled rows against sorted rows, a series viewed in a serialized buffer
# against a copied one, the histogram's buffered rows, empty-side merge and presized
# deserialize against adding row by row.  Then, in the suite's cluster, the aggregates over the
# same rows in time order and shuffled, serial and with a parallel plan, must agree.
# Not under valgrind: valgrind computes long double in 64 bits, so the reference CES check
# (long double) misjudges states near 2^53 there (the integer check does not).
set -euo pipefail
cd "$PGE_ROOT"
out=$PGE_TMP/kpi_fast_test
gcc -O2 -g -ffp-contract=off -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-Wno-missing-field-initializers $(tools/core-sources.sh cflags) -Itest/core \
	-o "$out" test/core/kpi_fast_test.c test/core/core_env_libc.c \
	$(tools/core-sources.sh) $(pkg-config --libs libutf8proc) -lm 2>"$out.log" || { cat "$out.log"; exit 1; }
"$out" | tail -2

db=pge_kpi_fast
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION pg_empathy;
-- 60,000 rows in time order, and the same rows in a random physical order
CREATE TABLE ordered AS
SELECT i AS id, timestamptz '2025-01-01 00:00+00' + (i / 3) * interval '1 minute' AS ts,
       CASE WHEN i % 50 = 0 THEN NULL
            ELSE round((sin(i * 0.37) + CASE WHEN i > 41000 THEN 0.4 ELSE 0 END)::numeric, 4)::float8 END AS x,
       CASE WHEN i % 40 = 1 THEN NULL ELSE (i * 7919) % 7 < 2 END AS churned,
       CASE WHEN i % 20 = 2 THEN NULL ELSE 1 + (i * 17 + i / 3) % 7 END AS ces
FROM generate_series(1, 60000) i;
CREATE TABLE shuffled AS SELECT * FROM ordered ORDER BY md5(id::text);
ANALYZE ordered;
ANALYZE shuffled;
SQL
q() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "SET extra_float_digits = 3" -c "$1" -c "$2"
}
serial="SET max_parallel_workers_per_gather = 0"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET parallel_leader_participation = on"
plan=$(psql -X -At -d "$db" -c "$parallel" -c "EXPLAIN (COSTS OFF) SELECT change_point(ts, x) FROM shuffled")
grep -q "Partial Aggregate" <<<"$plan" || { echo "no parallel plan:"; echo "$plan"; exit 1; }
compared=0
for agg in "change_point(ts, x)" "outcome_association(x, churned)" "survival_counts(x + 2, churned)::text" "ces(ces)" "ces_stats(ces)"; do
	ref=$(q "$serial" "SELECT $agg FROM ordered")
	[ -n "$ref" ] || { echo "no result for $agg"; exit 1; }
	for t in ordered shuffled; do
		for mode in serial parallel; do
			got=$(q "${!mode}" "SELECT $agg FROM $t")
			if [ "$got" != "$ref" ]; then
				echo "$agg over $t ($mode) differs: $got"
				echo "   in time order, serial: $ref"
				exit 1
			fi
			compared=$((compared + 1))
		done
	done
	# per group (the rows of a group arrive in time order, or shuffled)
	for t in ordered shuffled; do
		got=$(q "$serial" "SELECT string_agg(v::text, ' ' ORDER BY g) FROM (SELECT id % 7 g, $agg v FROM $t GROUP BY 1) s")
		[ -z "${refg:-}" ] && refg=$got
		[ "$got" = "$refg" ] || { echo "$agg per group over $t differs"; exit 1; }
		compared=$((compared + 1))
	done
	unset refg
done
echo "SQL: $compared results of 5 aggregates identical in time order and shuffled, serial and parallel (60,000 rows)"
