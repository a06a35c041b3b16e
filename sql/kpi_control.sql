-- kpi_control: EWMA and CUSUM control chart as a window function.
CREATE TABLE daily_nps (segment text, day date, nps float8);
INSERT INTO daily_nps
SELECT s, date '2026-01-01' + d,
       CASE WHEN s = 'shift' AND d >= 20 THEN 10 ELSE 30 END + 8 * sin(d * 2.1 + length(s))
FROM unnest(ARRAY['steady', 'shift']) s, generate_series(0, 29) d;

-- the segment that drops by 20 on January 21 signals on its second low day; the steady one never
SELECT segment, min(day) FILTER (WHERE (c).ewma_signal) AS first_ewma_signal,
       min(day) FILTER (WHERE (c).cusum_signal) AS first_cusum_signal,
       count(*) FILTER (WHERE (c).ewma_signal) AS ewma_signals
FROM (SELECT segment, day, kpi_control(nps) OVER (PARTITION BY segment ORDER BY day) AS c FROM daily_nps) q
GROUP BY segment ORDER BY segment;

-- hand check (lambda 0.3, width 2.5): z1 = x1, z2 = 0.3 x2 + 0.7 z1; row 3: center = mean(x1, x2),
-- sigma = |x2 - x1| / sqrt(2), half width 2.5 sigma sqrt(0.3 / 1.7 (1 - 0.7^6)), CUSUM- = -(x3 - center) / sigma - 0.5
SELECT day, round(nps::numeric, 6) AS x, (c).n, round((c).ewma::numeric, 6) AS ewma,
       round((c).center::numeric, 6) AS center, round((c).lower_limit::numeric, 6) AS lower,
       round((c).upper_limit::numeric, 6) AS upper, (c).ewma_signal,
       round((c).cusum_pos::numeric, 6) AS cpos, round((c).cusum_neg::numeric, 6) AS cneg, (c).cusum_signal
FROM (SELECT day, nps, kpi_control(nps, 0.3, 2.5) OVER (ORDER BY day) AS c FROM daily_nps WHERE segment = 'steady') q
ORDER BY day LIMIT 4;

-- as an ordered aggregate: the chart at the last row
SELECT (kpi_control(nps ORDER BY day)).n, round((kpi_control(nps ORDER BY day)).ewma::numeric, 6) AS last_ewma
FROM daily_nps WHERE segment = 'steady';
SELECT kpi_control(x) IS NULL AS empty FROM (SELECT 1.0::float8 x WHERE false) q;

-- errors
SELECT kpi_control(nps, 0, 3) FROM daily_nps;
SELECT kpi_control(nps, 0.2, -1) FROM daily_nps;
SELECT kpi_control('Infinity'::float8);
SELECT kpi_control(nps, CASE WHEN day > '2026-01-05' THEN 0.3 ELSE 0.2 END, 3) FROM daily_nps;
SELECT kpi_control_final('{3107,1,0.2,3,0,-1,0,0,0,0,0,0}');
SELECT kpi_control_final('{3107,1,1.5,3,0,0,0,0,0,0,0,0}');
DROP TABLE daily_nps;
