-- kpi_trend and p_adjust: hand-checkable figures, windows, parallel = serial, bad input.

-- Five daily values 2.1 2.4 3.1 3.4 4.0 (x = 0..4 days).
CREATE TABLE trend_t (ts timestamptz, y float8, g int);
INSERT INTO trend_t VALUES
	('2026-01-01 00:00+00', 2.1, 1), ('2026-01-02 00:00+00', 2.4, 1), ('2026-01-03 00:00+00', 3.1, 1),
	('2026-01-04 00:00+00', 3.4, 1), ('2026-01-05 00:00+00', 4.0, 1);
-- By hand: mean y 3.0, Sxx = 10, Syy = 2.34, residual SS 0.036, SE = sqrt(0.036 / 3 / 10),
-- Sxy = (-2)(-0.9) + (-1)(-0.6) + 0 + 1(0.4) + 2(1.0) = 4.8: slope 0.48 per day, r2 = 4.8^2 / 23.4.
SELECT n, round(slope::numeric, 12) AS slope, round(std_error::numeric, 9) AS se,
       round(p_value::numeric, 9) AS p, round(r_squared::numeric, 9) AS r2, df,
       center_time, round(center_value::numeric, 12) AS center_value
FROM (SELECT (kpi_trend(ts, y)).* FROM trend_t) q;
-- per week, and equal to core's regr_slope on epoch days
SELECT round((kpi_trend(ts, y, '1 week')).slope::numeric, 10) AS per_week,
       round(regr_slope(y, extract(epoch FROM ts) / 86400)::numeric, 10) AS regr_per_day,
       round((kpi_trend(ts, y)).intercept::numeric, 6) AS intercept,
       round(regr_intercept(y, extract(epoch FROM ts) / 86400)::numeric, 6) AS regr_intercept
FROM trend_t;
-- degenerate inputs: one row, one distinct time, two rows
SELECT (kpi_trend(ts, y)).* FROM trend_t WHERE ts = '2026-01-01 00:00+00';
SELECT n, slope, std_error FROM (SELECT (kpi_trend('2026-01-01'::timestamptz, y)).* FROM trend_t) q;
SELECT n, round(slope::numeric, 12) AS slope, std_error, p_value FROM (SELECT (kpi_trend(ts, y)).* FROM trend_t WHERE y < 2.5) q;
SELECT kpi_trend(ts, y) IS NULL AS empty FROM trend_t WHERE false;

-- moving window: the inverse transition gives the same figures as recomputing
SELECT ts, round((kpi_trend(ts, y) OVER w).slope::numeric, 12) AS moving,
       (SELECT round((kpi_trend(t2.ts, t2.y)).slope::numeric, 12) FROM trend_t t2
        WHERE t2.ts BETWEEN t.ts - interval '2 days' AND t.ts) AS recomputed
FROM trend_t t WINDOW w AS (ORDER BY ts ROWS 2 PRECEDING) ORDER BY ts;

-- combine: states with different reference times merge exactly
SELECT round((kpi_trend_final(kpi_trend_combine(
	kpi_trend_accum(kpi_trend_accum('{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}', '2026-01-01 00:00+00', 2.1), '2026-01-04 00:00+00', 3.4),
	kpi_trend_accum(kpi_trend_accum(kpi_trend_accum('{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}', '2026-01-05 00:00+00', 4.0),
		'2026-01-02 00:00+00', 2.4), '2026-01-03 00:00+00', 3.1)))).slope::numeric, 12) AS combined_slope;

-- errors
SELECT kpi_trend(ts, y, '0 days') FROM trend_t;
SELECT kpi_trend(ts, y, '-1 day') FROM trend_t;
SELECT kpi_trend('infinity', 1.0);
SELECT kpi_trend(now(), 'NaN');
SELECT kpi_trend(now(), 1e200);
SELECT kpi_trend(ts, y, CASE WHEN g = 1 AND y > 3 THEN interval '1 day' ELSE interval '1 week' END) FROM trend_t;
SELECT kpi_trend_final('{3106,1,86400,0,0,0,0,0,0,0,0,0,0,0}');   -- one row at the reference time: valid
SELECT kpi_trend_final('{3106,2,86400,0,10,0,0,0,1,0,0,0,0,0}');  -- (Sx)^2 > n Sxx
SELECT kpi_trend_final('{3106,0,86400,5,0,0,0,0,0,0,0,0,0,0}');   -- empty with a reference
SELECT kpi_trend_final('{3106,1,0,0,0,0,0,0,0,0,0,0,0,0}');       -- no unit
SELECT kpi_trend_final('{3105,1,0,0,0,0,0,0,0,0,0,0,0,0}');
SELECT kpi_trend_accum_inv('{3106,0,86400,0,0,0,0,0,0,0,0,0,0,0}', now(), 1);
SELECT kpi_trend_combine(kpi_trend_accum('{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}', now(), 1, '1 day'),
                         kpi_trend_accum('{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}', now(), 1, '1 week'));

-- p_adjust: R's p.adjust(c(0.01, 0.04, 0.03, 0.005, NA), "BH") = 0.02 0.04 0.04 0.02 NA
SELECT p_adjust('{0.01,0.04,0.03,0.005,NULL}') AS bh,
       p_adjust('{0.01,0.04,0.03,0.005,NULL}', 'holm') AS holm,
       p_adjust('{0.01,0.04,0.03,0.005,NULL}', 'bonferroni') AS bonferroni;
SELECT p_adjust('{}'), p_adjust('[0:1]={0.5,0.01}', 'BH') AS keeps_bounds;
SELECT p_adjust('{0.5,1.5}');
SELECT p_adjust('{0.5,NaN}');
SELECT p_adjust('{0.5}', 'sidak');
SELECT p_adjust('{{0.5}}');
-- a dashboard: Welch p-values of 4 regions, adjusted together
WITH d AS (
	SELECT g, (sentiment_diff(sentiment_stats(a), sentiment_stats(b))).p_value AS p
	FROM (VALUES (1, 0.1, 0.5), (1, 0.2, 0.6), (1, 0.15, 0.55), (2, 0.1, 0.12), (2, 0.3, 0.2), (2, 0.2, 0.25),
	             (3, -0.5, 0.5), (3, -0.4, 0.45), (3, -0.45, 0.4), (4, 0, 0.1), (4, 0.1, 0), (4, 0.05, 0.05)) v(g, a, b)
	GROUP BY g
)
SELECT g, round(p::numeric, 6) AS p, round(q::numeric, 6) AS bh
FROM (SELECT array_agg(g ORDER BY g) gs, array_agg(p ORDER BY g) ps FROM d) s,
     unnest(gs, ps, p_adjust(ps)) AS u(g, p, q) ORDER BY g;

-- parallel: a partial aggregate over many rows equals the serial one
CREATE TABLE trend_big AS
SELECT timestamptz '2025-01-01 00:00+00' + i * interval '17 minutes' AS ts,
       sin(i) + i / 10000.0 AS y
FROM generate_series(1, 200000) i;
ANALYZE trend_big;
CREATE TEMP TABLE serial_r AS SELECT (kpi_trend(ts, y)).* FROM trend_big;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT kpi_trend(ts, y) FROM trend_big;
SELECT s.n = p.n AS same_n, abs(s.slope - p.slope) / abs(s.slope) < 1e-12 AS same_slope,
       abs(s.std_error - p.std_error) / s.std_error < 1e-9 AS same_se
FROM serial_r s, (SELECT (kpi_trend(ts, y)).* FROM trend_big) p;
RESET ALL;
DROP TABLE trend_t, trend_big;
