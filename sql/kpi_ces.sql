-- CES (mean effort) and ces_stats (t-based interval).

-- Hand-worked: 1, 2, 7, 3, 4 on 7 points: mean 17/5 = 3.4,
-- variance (79 - 17 * 3.4) / 4 = 5.3, sd 2.302173, se 1.029563,
-- t(0.975, 4) = 2.776445 -> [0.541475, 6.258525].
SELECT ces(s) FROM (VALUES (1), (2), (7), (3), (4)) v(s);
SELECT n, scale, mean, round(stddev::numeric, 6) AS stddev, round(std_error::numeric, 6) AS std_error,
       round(ci_low::numeric, 6) AS ci_low, round(ci_high::numeric, 6) AS ci_high
FROM (SELECT (ces_stats(s)).* FROM (VALUES (1), (2), (7), (3), (4)) v(s)) x;

-- One answer: mean only (stddev undefined, like stddev_samp).
SELECT (ces_stats(s, 5)).* FROM (VALUES (4)) v(s);
-- Constant answers: stddev exactly 0.
SELECT (ces_stats(s, 10)).* FROM (VALUES (10), (10), (10)) v(s);

-- Empty, NULLs, errors.
SELECT ces(s) IS NULL AS ces_null, ces_stats(s) IS NULL AS stats_null FROM generate_series(1, 0) s;
SELECT ces(s) FROM (VALUES (2), (NULL), (4)) v(s);
SELECT ces(s) FROM (VALUES (8)) v(s);
SELECT ces(s, 5) FROM (VALUES (0)) v(s);
SELECT ces(s, 3) FROM (VALUES (1)) v(s);
SELECT ces(s, sc) FROM (VALUES (1, 5), (1, 10)) v(s, sc);

-- Generated data cross-checked against avg / stddev_samp and the t quantile
-- (t(0.975, df) for df ~ 2300 lies between 1.95996 and 1.962: checked by the interval width).
CREATE TABLE kpi_ces_data AS
SELECT i, i % 6 AS g,
       CASE WHEN i % 11 = 0 THEN NULL ELSE 1 + (i * 17 + i / 3 + (i % 6) * (i % 4)) % 7 END AS score
FROM generate_series(1, 15000) i;

WITH ref AS (
	SELECT g, count(score) AS n, avg(score)::float8 AS mean, stddev_samp(score)::float8 AS sd
	FROM kpi_ces_data GROUP BY g
), ext AS (
	SELECT g, ces(score) AS ces1, (ces_stats(score)).* FROM kpi_ces_data GROUP BY g
)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE ref.n <> ext.n OR abs(ref.mean - ext.mean) > 1e-12
                          OR abs(ref.mean - ext.ces1) > 1e-12
                          OR abs(ref.sd - ext.stddev) > 1e-12
                          OR abs(ref.sd / sqrt(ref.n) - ext.std_error) > 1e-12
                          OR NOT (ext.ci_high - ext.ci_low) / (2 * ext.std_error) BETWEEN 1.95996 AND 1.962
                          OR abs((ext.ci_high + ext.ci_low) / 2 - ext.mean) > 1e-12)
         AS mismatches
FROM ref JOIN ext USING (g);

-- Small groups use the right t quantile: t(0.975, 1) = 12.706205, t(0.975, 2) = 4.302653.
SELECT n, round(((ci_high - ci_low) / (2 * std_error))::numeric, 6) AS t_quantile
FROM (SELECT (ces_stats(s)).* FROM (VALUES (1, 1), (1, 3), (2, 2), (2, 5), (2, 6)) v(g, s) GROUP BY g) x
ORDER BY n;

-- Moving window: integer sums are exact, so it matches avg / stddev_samp.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE abs(w.mean - naive.mean) > 1e-12
                          OR abs(coalesce(w.sd, -1) - coalesce(naive.sd, -1)) > 1e-12) AS mismatches
FROM (SELECT i, (ces_stats(score) OVER w).mean, (ces_stats(score) OVER w).stddev AS sd
      FROM kpi_ces_data WHERE i <= 2000 WINDOW w AS (ORDER BY i ROWS 27 PRECEDING)) w
CROSS JOIN LATERAL (
	SELECT avg(score)::float8 AS mean, stddev_samp(score)::float8 AS sd
	FROM kpi_ces_data d WHERE d.i BETWEEN w.i - 27 AND w.i) naive;

DROP TABLE kpi_ces_data;
