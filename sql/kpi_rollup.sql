-- Exact rollups: a daily rollup table merged into weeks equals the weekly figures from the
-- raw rows; nps(x) = (nps_stats(x)).nps to the last digit; serial = parallel = rollup.
CREATE TABLE fb AS
SELECT timestamptz '2026-01-05 00:00+00' + (i * interval '37 minutes') AS ts,
       (i % 3) AS region,
       ((i * 37 + i / 5) % 11)::int AS nps,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (1 + (i * 31 + i / 7) % 5)::int END AS csat,
       (1 + (i * 17 + i / 3) % 7)::int AS ces,
       sin(i * 0.37) * 0.9 AS x
FROM generate_series(1, 20000) i;

CREATE TABLE daily AS
SELECT region, date_trunc('day', ts, 'UTC') AS day,
       nps_stats(nps) AS nps, csat_stats(csat) AS csat, ces_stats(ces) AS ces,
       sentiment_stats(x) AS sent, empathy_index(x, nps, csat) AS idx
FROM fb GROUP BY 1, 2;

CREATE TEMP TABLE raw_w AS
SELECT region, date_trunc('week', ts, 'UTC') AS week,
       nps(nps) AS nps_v, nps_stats(nps) AS nps, csat_stats(csat) AS csat, ces(ces) AS ces_v, ces_stats(ces) AS ces,
       sentiment_stats(x) AS sent, empathy_index(x, nps, csat) AS idx
FROM fb GROUP BY 1, 2;
CREATE TEMP TABLE roll_w AS
SELECT region, date_trunc('week', day, 'UTC') AS week,
       nps(nps) AS nps_v, nps_stats(nps) AS nps, csat_stats(csat) AS csat, ces(ces) AS ces_v, ces_stats(ces) AS ces,
       sentiment_stats(sent) AS sent, empathy_index(idx) AS idx
FROM daily GROUP BY 1, 2;

-- counts, NPS, CSAT and CES (integer statistics) are identical; float figures within 1e-12
CREATE FUNCTION pg_temp.close(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE
	AS $$ SELECT (a IS NULL AND b IS NULL) OR abs(a - b) <= 1e-12 * greatest(abs(a), abs(b), 1e-300) $$;
SELECT count(*) AS weeks,
       count(*) FILTER (WHERE r.nps = w.nps AND r.nps_v = w.nps_v) AS nps_equal,
       count(*) FILTER (WHERE r.csat = w.csat) AS csat_equal,
       count(*) FILTER (WHERE r.ces = w.ces AND r.ces_v = w.ces_v) AS ces_equal,
       count(*) FILTER (WHERE (r.sent).n = (w.sent).n AND (r.sent).positive = (w.sent).positive
                        AND pg_temp.close((r.sent).mean, (w.sent).mean)
                        AND pg_temp.close((r.sent).stddev, (w.sent).stddev)
                        AND pg_temp.close((r.sent).ci_low, (w.sent).ci_low)
                        AND pg_temp.close((r.sent).ci_high, (w.sent).ci_high)) AS sentiment_close,
       count(*) FILTER (WHERE (r.idx).n = (w.idx).n AND pg_temp.close((r.idx).index, (w.idx).index)
                        AND pg_temp.close((r.idx).sentiment_component, (w.idx).sentiment_component)
                        AND (r.idx).nps_component = (w.idx).nps_component
                        AND (r.idx).csat_component = (w.idx).csat_component) AS index_close,
       count(*) FILTER (WHERE r.nps_v = (r.nps).nps) AS nps_matches_nps_stats
FROM raw_w r JOIN roll_w w USING (region, week);
-- the largest relative difference of the float figures, for the record
SELECT max(abs((r.sent).mean - (w.sent).mean) / abs((r.sent).mean)) < 1e-13 AS mean_diff_below_1e13,
       max(abs((r.sent).stddev - (w.sent).stddev) / (r.sent).stddev) < 1e-13 AS sd_diff_below_1e13
FROM raw_w r JOIN roll_w w USING (region, week);

-- parallel rollup = serial rollup
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT nps_stats(nps), sentiment_stats(sent) FROM daily;
CREATE TEMP TABLE par AS SELECT nps_stats(nps) AS nps, ces_stats(ces) AS ces, sentiment_stats(sent) AS sent FROM daily;
RESET ALL;
SELECT p.nps = s.nps AS nps_equal, p.ces = s.ces AS ces_equal,
       pg_temp.close((p.sent).mean, (s.sent).mean) AS sent_close,
       (p.nps).n AS n
FROM par p, (SELECT nps_stats(nps) AS nps, ces_stats(ces) AS ces, sentiment_stats(x) AS sent FROM fb) s;

-- the summaries show their sufficient statistics
SELECT (ces).n, (ces).sum_scores, (ces).sum_squares, round((sent).sum::numeric, 9) AS sent_sum,
       round((sent).sum_squares::numeric, 9) AS sent_sumsq, (idx).state[1:2] AS idx_state_head
FROM daily WHERE region = 0 ORDER BY day LIMIT 2;

-- bad summaries are errors, NULL summaries are skipped
SELECT nps_stats(s) FROM (VALUES (ROW(3, 1, 1, 0, NULL, NULL, NULL, NULL)::nps_summary)) v(s);
SELECT nps_stats(s) FROM (VALUES (ROW(0, 0, 0, 0, NULL, NULL, NULL, NULL)::nps_summary)) v(s);
SELECT nps_stats(s) FROM (VALUES (ROW(9223372036854775807, 9223372036854775807, 0, 0, NULL, NULL, NULL, NULL)::nps_summary)) v(s);
SELECT csat_stats(s) FROM (VALUES (ROW(2, 1, 5, 50, 0, 0)::csat_summary), (ROW(2, 1, 7, 50, 0, 0)::csat_summary)) v(s);
SELECT ces_stats(s) FROM (VALUES (ROW(2, 7, 1, NULL, NULL, NULL, NULL, NULL, NULL)::ces_summary)) v(s);
SELECT ces_stats(s) FROM (VALUES (ROW(2, 7, 1, NULL, NULL, NULL, NULL, 2, 1e15)::ces_summary)) v(s);
SELECT sentiment_stats(s) FROM (VALUES (ROW(1, 5, NULL, NULL, NULL, NULL, 1, 0, 0, NULL, NULL, NULL, 5, 25)::sentiment_summary)) v(s);
SELECT empathy_index(e) FROM (VALUES (ROW(50, 1, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0, '{3105,1,1,1,1,0,0,0,0,0,0,0,0,0}')::empathy_index_result)) v(e);
SELECT empathy_index(e) FROM (SELECT empathy_index(x, nps, csat) e FROM fb WHERE region = 0
                              UNION ALL SELECT empathy_index(x, nps, csat, '{1,2,1}') FROM fb WHERE region = 1) q;
SELECT (nps_stats(s)).n FROM (VALUES (NULL::nps_summary), (ROW(2, 1, 1, 0, NULL, NULL, NULL, NULL)::nps_summary)) v(s);
DROP TABLE fb, daily;
