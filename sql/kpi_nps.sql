-- NPS: hand-worked examples, edge cases, and every figure cross-checked
-- against a plain-SQL computation (COUNT(*) FILTER) on generated data.

-- Hand-worked: 10, 9 promoters; 8 passive; 6, 0 detractors.
-- p = d = 2/5, NPS = 100 (0.4 - 0.4) = 0, SE = 100 sqrt((0.8 - 0) / 5) = 40,
-- interval 0 -+ 1.959964 * 40 = -+78.398559.
SELECT nps(s) FROM (VALUES (10), (9), (8), (6), (0)) v(s);
SELECT n, promoters, passives, detractors, nps, std_error,
       round(ci_low::numeric, 6) AS ci_low, round(ci_high::numeric, 6) AS ci_high
FROM (SELECT (nps_stats(s)).* FROM (VALUES (10), (9), (8), (6), (0)) v(s)) x;

-- 3 promoters, 1 detractor of 4: NPS 50, SE = 100 sqrt((1 - 0.25) / 4) = 43.30127,
-- interval [50 - 84.87, 100] (clipped at 100).
SELECT nps, round(std_error::numeric, 6) AS std_error,
       round(ci_low::numeric, 6) AS ci_low, ci_high
FROM (SELECT (nps_stats(s)).* FROM (VALUES (9), (10), (10), (3)) v(s)) x;

-- All detractors: -100, SE 0, interval [-100, -100].
SELECT (nps_stats(s)).* FROM (VALUES (0), (6), (NULL)) v(s);

-- Class boundaries: 6 | 7, 8 | 9.
SELECT s, nps(s) FROM generate_series(0, 10) s GROUP BY s ORDER BY s;

-- No rows and only NULLs give NULL; NULLs are ignored.
SELECT nps(s) IS NULL AS nps_null, nps_stats(s) IS NULL AS stats_null
FROM generate_series(1, 0) s;
SELECT nps(s) IS NULL AS nps_null, nps_stats(s) IS NULL AS stats_null
FROM (VALUES (NULL::int), (NULL)) v(s);
SELECT nps(s) FROM (VALUES (10), (NULL), (0), (NULL)) v(s);

-- Out of range scores.
SELECT nps(s) FROM (VALUES (5), (11)) v(s);
SELECT nps(s) FROM (VALUES (-1)) v(s);
SELECT nps_stats(s) FROM (VALUES (2147483647)) v(s);

-- Generated data: 7 groups, ~1/17 NULL answers, skewed per group.
CREATE TABLE kpi_nps_data AS
SELECT i, i % 7 AS g,
       CASE WHEN i % 17 = 0 THEN NULL
            ELSE least(10, ((i * 37 + i / 5) % 11) + (i % 7) / 3) END AS score
FROM generate_series(1, 20000) i;

WITH ref AS (
	SELECT g, count(score) AS n,
	       count(*) FILTER (WHERE score >= 9) AS p,
	       count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS pa,
	       count(*) FILTER (WHERE score <= 6) AS d
	FROM kpi_nps_data GROUP BY g
), ref2 AS (
	SELECT *, 100.0 * (p - d) / n AS nps,
	       100 * sqrt(((p + d)::float8 / n - ((p - d)::float8 / n) ^ 2) / n) AS se
	FROM ref
), ext AS (
	SELECT g, nps(score) AS nps1, (nps_stats(score)).*
	FROM kpi_nps_data GROUP BY g
)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE ref2.n <> ext.n OR ref2.p <> ext.promoters
                          OR ref2.pa <> ext.passives OR ref2.d <> ext.detractors
                          OR abs(ref2.nps - ext.nps) > 1e-9 OR abs(ref2.nps - ext.nps1) > 1e-9
                          OR abs(ref2.se - ext.std_error) > 1e-9
                          OR abs(greatest(-100, ref2.nps - 1.959963984540054 * ref2.se) - ext.ci_low) > 1e-9
                          OR abs(least(100, ref2.nps + 1.959963984540054 * ref2.se) - ext.ci_high) > 1e-9)
         AS mismatches
FROM ref2 JOIN ext USING (g);

-- The whole table, and the aggregates' n equals the non-NULL count.
SELECT (SELECT count(score) FROM kpi_nps_data) = (nps_stats(score)).n AS n_ok,
       abs(nps(score) - (SELECT 100.0 * (count(*) FILTER (WHERE score >= 9)
                                        - count(*) FILTER (WHERE score <= 6)) / count(score)
                         FROM kpi_nps_data)) < 1e-9 AS nps_ok
FROM kpi_nps_data;

-- Moving window (inverse transition) equals a naive recomputation.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w.nps IS DISTINCT FROM naive.nps
                          AND NOT abs(w.nps - naive.nps) < 1e-9) AS mismatches
FROM (SELECT i, nps(score) OVER (ORDER BY i ROWS 27 PRECEDING) AS nps
      FROM kpi_nps_data WHERE i <= 3000) w
CROSS JOIN LATERAL (
	SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
	       / nullif(count(score), 0) AS nps
	FROM kpi_nps_data d WHERE d.i BETWEEN w.i - 27 AND w.i) naive;

-- A window that becomes empty of answers yields NULL again.
SELECT i, s, nps(s) OVER (ORDER BY i ROWS 1 PRECEDING)
FROM (VALUES (1, 10), (2, NULL), (3, NULL), (4, 0)) v(i, s) ORDER BY i;

DROP TABLE kpi_nps_data;
