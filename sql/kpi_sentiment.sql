-- sentiment_stats over compound scores (float8 and the sentiment type).

-- Hand-worked: 0.5, -0.3, 0.0, 0.8: mean 0.25, sum of squares 0.98,
-- variance (0.98 - 4 * 0.25^2) / 3 = 0.243333, sd 0.493288, se 0.246644,
-- t(0.975, 3) = 3.182446 -> [-0.534932, 1.034932];
-- positive (>= 0.05): 0.5, 0.8; neutral: 0.0; negative (<= -0.05): -0.3.
SELECT n, mean, round(stddev::numeric, 6) AS stddev, round(std_error::numeric, 6) AS std_error,
       round(ci_low::numeric, 6) AS ci_low, round(ci_high::numeric, 6) AS ci_high,
       positive, neutral, negative, positive_share, neutral_share, negative_share
FROM (SELECT (sentiment_stats(x)).* FROM (VALUES (0.5), (-0.3), (0.0), (0.8)) v(x)) s;

-- Thresholds are inclusive: 0.05 is positive, -0.05 negative, 0.0499 neutral.
SELECT x, (sentiment_stats(x)).positive, (sentiment_stats(x)).neutral, (sentiment_stats(x)).negative
FROM (VALUES (0.05), (0.0499), (-0.0499), (-0.05), (1.0), (-1.0)) v(x) GROUP BY x ORDER BY x;

-- The sentiment type: its compound score is used; NULL values are ignored.
SELECT n, round(mean::numeric, 12) AS mean, positive, neutral, negative
FROM (SELECT (sentiment_stats(v)).*
      FROM (VALUES (ROW(0, 0.5, 0.5, 0.6)::sentiment), (ROW(0.4, 0.6, 0, -0.4)::sentiment),
                   (NULL::sentiment), (ROW(0, 1, 0, NULL)::sentiment)) t(v)) s;

-- One value: no stddev; empty: NULL.
SELECT (sentiment_stats(x)).* FROM (VALUES (0.3)) v(x);
SELECT sentiment_stats(x) IS NULL AS is_null FROM (VALUES (NULL::float8)) v(x);

-- Out of range.
SELECT sentiment_stats(x) FROM (VALUES (1.0001)) v(x);
SELECT sentiment_stats(x) FROM (VALUES ('NaN'::float8)) v(x);
SELECT sentiment_stats(ROW(0, 0, 0, -2)::sentiment);

-- Generated data cross-checked against avg / stddev_samp / COUNT(*) FILTER.
CREATE TABLE kpi_sent_data AS
SELECT i, i % 8 AS g,
       CASE WHEN i % 19 = 0 THEN NULL
            ELSE round((sin(i * 0.7) * 0.6 + cos(i * 0.13) * 0.4 * (i % 8) / 7)::numeric, 4)::float8 END AS x
FROM generate_series(1, 20000) i;

WITH ref AS (
	SELECT g, count(x) AS n, avg(x) AS mean, stddev_samp(x) AS sd,
	       count(*) FILTER (WHERE x >= 0.05) AS pos,
	       count(*) FILTER (WHERE x > -0.05 AND x < 0.05) AS neu,
	       count(*) FILTER (WHERE x <= -0.05) AS neg
	FROM kpi_sent_data GROUP BY g
), ext AS (
	SELECT g, (sentiment_stats(x)).* FROM kpi_sent_data GROUP BY g
)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE ref.n <> ext.n OR abs(ref.mean - ext.mean) > 1e-12
                          OR abs(ref.sd - ext.stddev) > 1e-12
                          OR abs(ref.sd / sqrt(ref.n) - ext.std_error) > 1e-12
                          OR NOT (ext.ci_high - ext.ci_low) / (2 * ext.std_error) BETWEEN 1.95996 AND 1.962
                          OR ref.pos <> ext.positive OR ref.neu <> ext.neutral OR ref.neg <> ext.negative
                          OR abs(ref.pos::float8 / ref.n - ext.positive_share) > 1e-15
                          OR abs(ref.neg::float8 / ref.n - ext.negative_share) > 1e-15)
         AS mismatches
FROM ref JOIN ext USING (g);

-- Moving window (compensated sums) matches a naive recomputation.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE abs(w.mean - naive.mean) > 1e-12
                          OR abs(coalesce(w.sd, -1) - coalesce(naive.sd, -1)) > 1e-12
                          OR w.pos <> naive.pos) AS mismatches
FROM (SELECT i, (sentiment_stats(x) OVER w).mean, (sentiment_stats(x) OVER w).stddev AS sd,
             (sentiment_stats(x) OVER w).positive AS pos
      FROM kpi_sent_data WHERE i <= 3000 WINDOW w AS (ORDER BY i ROWS 27 PRECEDING)) w
CROSS JOIN LATERAL (
	SELECT avg(x) AS mean, stddev_samp(x) AS sd, count(*) FILTER (WHERE x >= 0.05) AS pos
	FROM kpi_sent_data d WHERE d.i BETWEEN w.i - 27 AND w.i) naive;

-- Drift check: a long moving window over values that cancel badly without
-- compensation (1, then many tiny ones) still has the exact mean at the end.
SELECT (sentiment_stats(x) OVER (ORDER BY i ROWS 2 PRECEDING)).mean AS last_mean
FROM (SELECT i, CASE WHEN i <= 3 THEN 1.0 ELSE 1e-10 END AS x FROM generate_series(1, 100003) i) t
ORDER BY i DESC LIMIT 1;

DROP TABLE kpi_sent_data;
