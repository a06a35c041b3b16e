-- Forced parallel plans: Partial Aggregate + combine must equal serial results.
CREATE TABLE kpi_par AS
SELECT i, i % 4 AS region,
       CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 37 + i / 5) % 11 END AS nps_score,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 1 + (i * 31 + i / 7) % 5 END AS csat_score,
       1 + (i * 17 + i / 3) % 7 AS ces_score,
       CASE WHEN i % 19 = 0 THEN NULL ELSE round(sin(i * 0.7)::numeric, 4)::float8 END AS x
FROM generate_series(1, 60000) i;
ANALYZE kpi_par;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT nps(nps_score), nps_stats(nps_score), csat(csat_score), csat_stats(csat_score, 5),
       ces(ces_score), ces_stats(ces_score), sentiment_stats(x), empathy_index(x, nps_score, csat_score)
FROM kpi_par;

EXPLAIN (COSTS OFF)
SELECT region, nps_stats(nps_score), empathy_index(x, nps_score, csat_score, '{1,2,1}')
FROM kpi_par GROUP BY region;

-- Workers really ran (so the combine functions were used).
CREATE FUNCTION kpi_workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q INTO plan;
	RETURN (plan -> 0 -> 'Plan' -> 'Plans' -> 0 ->> 'Workers Launched')::int;
END $$;
SELECT kpi_workers_launched('SELECT nps(nps_score), sentiment_stats(x) FROM kpi_par') > 0 AS workers_ran;

-- The statement whose results are compared below, and its parallel plan.
EXPLAIN (COSTS OFF) CREATE TEMP TABLE par_result AS
SELECT region, nps_stats(nps_score) AS ns, csat_stats(csat_score) AS cs, ces_stats(ces_score) AS es,
       sentiment_stats(x) AS ss, empathy_index(x, nps_score, csat_score) AS ei
FROM kpi_par GROUP BY region
UNION ALL
SELECT NULL, nps_stats(nps_score), csat_stats(csat_score), ces_stats(ces_score),
       sentiment_stats(x), empathy_index(x, nps_score, csat_score)
FROM kpi_par;
CREATE TEMP TABLE par_result AS
SELECT region, nps_stats(nps_score) AS ns, csat_stats(csat_score) AS cs, ces_stats(ces_score) AS es,
       sentiment_stats(x) AS ss, empathy_index(x, nps_score, csat_score) AS ei
FROM kpi_par GROUP BY region
UNION ALL
SELECT NULL, nps_stats(nps_score), csat_stats(csat_score), ces_stats(ces_score),
       sentiment_stats(x), empathy_index(x, nps_score, csat_score)
FROM kpi_par;

RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) CREATE TEMP TABLE ser_result AS
SELECT region, nps_stats(nps_score) AS ns, csat_stats(csat_score) AS cs, ces_stats(ces_score) AS es,
       sentiment_stats(x) AS ss, empathy_index(x, nps_score, csat_score) AS ei
FROM kpi_par GROUP BY region
UNION ALL
SELECT NULL, nps_stats(nps_score), csat_stats(csat_score), ces_stats(ces_score),
       sentiment_stats(x), empathy_index(x, nps_score, csat_score)
FROM kpi_par;

CREATE TEMP TABLE ser_result AS
SELECT region, nps_stats(nps_score) AS ns, csat_stats(csat_score) AS cs, ces_stats(ces_score) AS es,
       sentiment_stats(x) AS ss, empathy_index(x, nps_score, csat_score) AS ei
FROM kpi_par GROUP BY region
UNION ALL
SELECT NULL, nps_stats(nps_score), csat_stats(csat_score), ces_stats(ces_score),
       sentiment_stats(x), empathy_index(x, nps_score, csat_score)
FROM kpi_par;

-- Counts and integer-based figures are identical; float sums may differ in the
-- last bits because the additions happen in another order.
SELECT count(*) AS groups,
       count(*) FILTER (WHERE p.ns IS DISTINCT FROM s.ns OR p.cs IS DISTINCT FROM s.cs
                          OR p.es IS DISTINCT FROM s.es) AS exact_mismatches,
       count(*) FILTER (WHERE (p.ss).n <> (s.ss).n OR (p.ss).positive <> (s.ss).positive
                          OR (p.ss).negative <> (s.ss).negative
                          OR abs((p.ss).mean - (s.ss).mean) > 1e-12
                          OR abs((p.ss).stddev - (s.ss).stddev) > 1e-12
                          OR (p.ei).n <> (s.ei).n OR (p.ei).sentiment_n <> (s.ei).sentiment_n
                          OR abs((p.ei).index - (s.ei).index) > 1e-9) AS float_mismatches
FROM par_result p FULL JOIN ser_result s ON coalesce(p.region, -1) = coalesce(s.region, -1);

-- ... and both equal a plain-SQL computation.
SELECT bool_and(abs((ns).nps - ref.nps) < 1e-9 AND (ns).n = ref.n) AS nps_matches_sql
FROM par_result p JOIN (
	SELECT region, count(nps_score) AS n,
	       100.0 * (count(*) FILTER (WHERE nps_score >= 9) - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score) AS nps
	FROM kpi_par GROUP BY region) ref USING (region);

-- Partitionwise aggregation: partial states per partition are combined too.
SET max_parallel_workers_per_gather = 2;
SET enable_partitionwise_aggregate = on;
CREATE TABLE kpi_part (region int, nps_score int) PARTITION BY LIST (region);
CREATE TABLE kpi_part_0 PARTITION OF kpi_part FOR VALUES IN (0, 1);
CREATE TABLE kpi_part_1 PARTITION OF kpi_part FOR VALUES IN (2, 3);
INSERT INTO kpi_part SELECT region, nps_score FROM kpi_par;
ANALYZE kpi_part;
EXPLAIN (COSTS OFF) SELECT nps_stats(nps_score) FROM kpi_part;
SELECT (SELECT nps_stats(nps_score) FROM kpi_part) = (SELECT nps_stats(nps_score) FROM kpi_par) AS partitionwise_equal;

RESET ALL;
DROP TABLE kpi_part;
DROP FUNCTION kpi_workers_launched(text);
DROP TABLE kpi_par;
