-- smallint, bigint and numeric scores: same figures as int; fractional or out of range is 22003.
CREATE TABLE ov AS
SELECT i, (i % 11)::smallint AS s2, (i % 11)::bigint AS s8, (i % 11)::numeric AS sn,
       (1 + i % 5)::bigint AS c8, (1 + i % 7)::numeric AS e_n, (1 + i % 10)::numeric(4,1) AS c10
FROM generate_series(1, 1000) i;
SELECT nps(s8) = nps((s8)::int) AS nps_bigint, nps(sn) = nps(sn::int) AS nps_numeric,
       nps(s2) = nps(s2::int) AS nps_smallint,
       nps_stats(s8) = nps_stats(s8::int) AS nps_stats_bigint, nps_stats(sn) = nps_stats(sn::int) AS nps_stats_numeric,
       csat(c8) = csat(c8::int) AS csat_bigint, csat_stats(c10, 10) = csat_stats(c10::int, 10) AS csat_numeric_10,
       ces(e_n) = ces(e_n::int) AS ces_numeric, ces_stats(c8, 5) = ces_stats(c8::int, 5) AS ces_bigint_5
FROM ov;
-- moving windows and parallel plans work as for int
SELECT * FROM (SELECT i, s8, nps(s8) OVER w AS bigint_window, nps(s8::int) OVER w AS int_window
               FROM ov WINDOW w AS (ORDER BY i ROWS 3 PRECEDING)) q
WHERE i BETWEEN 6 AND 12 ORDER BY i;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT nps(sn) FROM ov;
SELECT nps(sn), (nps_stats(sn)).nps FROM ov;
RESET ALL;
-- literal types choose the overload; all agree
SELECT nps(x) FROM (VALUES (10::bigint), (0)) v(x);
SELECT nps(x) FROM (VALUES (10.0), (9.00)) v(x);
-- errors
SELECT nps(x) FROM (VALUES (9.5)) v(x);
SELECT csat(x) FROM (VALUES (4.000001)) v(x);
SELECT nps(x) FROM (VALUES ('NaN'::numeric)) v(x);
SELECT nps(x) FROM (VALUES ('Infinity'::numeric)) v(x);
SELECT nps(x) FROM (VALUES (1e20::numeric)) v(x);
SELECT nps(x) FROM (VALUES (4294967306::bigint)) v(x);   -- 2^32 + 10 must not wrap to 10
SELECT nps(x) FROM (VALUES (11::bigint)) v(x);
SELECT ces(x, 6) FROM (VALUES (3::bigint)) v(x);
SELECT kpi_score_accum('{3104,0,0,0,0,0,0,0,0}', 5::bigint);
SELECT kpi_score_accum(nps_accum('{3101,0,0,0,0}', 10), 9.0) AS direct_call;
DROP TABLE ov;
