-- CSAT (top-two-box percent) and csat_stats (Wilson interval).

-- Hand-worked: 5, 4, 3, 5, 1 on 5 points: 3 of 5 satisfied = 60%.
-- Wilson (z = 1.959964): center = (0.6 + z^2/10) / (1 + z^2/5) = 0.556552,
-- half = z sqrt(0.6*0.4/5 + z^2/100) / (1 + z^2/5) = 0.325827 -> [23.0724, 88.2379]%.
SELECT csat(s) FROM (VALUES (5), (4), (3), (5), (1)) v(s);
SELECT n, satisfied, scale, csat, round(ci_low::numeric, 4) AS ci_low, round(ci_high::numeric, 4) AS ci_high
FROM (SELECT (csat_stats(s)).* FROM (VALUES (5), (4), (3), (5), (1)) v(s)) x;

-- Top two of each scale: 4-5 of 5, 6-7 of 7, 9-10 of 10.
SELECT sc, array_agg(s ORDER BY s) FILTER (WHERE s >= sc - 1) AS top_two,
       csat(s, sc) AS csat
FROM (VALUES (5), (7), (10)) sc(sc), generate_series(1, sc) s
GROUP BY sc ORDER BY sc;
SELECT csat(s) = csat(s, 5) AS default_is_5 FROM generate_series(1, 5) s;

-- All satisfied: 100% with a Wilson interval that stays below 100 at the low end.
SELECT n, csat, round(ci_low::numeric, 4) AS ci_low, ci_high
FROM (SELECT (csat_stats(s, 7)).* FROM (VALUES (7), (6), (7)) v(s)) x;

-- Empty and NULL handling.
SELECT csat(s) IS NULL AS csat_null, csat_stats(s) IS NULL AS stats_null FROM generate_series(1, 0) s;
SELECT csat(s) FROM (VALUES (5), (NULL), (1)) v(s);
SELECT csat(s, sc) FROM (VALUES (5, 5), (1, NULL), (NULL, 5)) v(s, sc);

-- Errors: out of range, unsupported scale, mixed scales.
SELECT csat(s) FROM (VALUES (6)) v(s);
SELECT csat(s, 7) FROM (VALUES (0)) v(s);
SELECT csat(s, 4) FROM (VALUES (3)) v(s);
SELECT csat_stats(s, sc) FROM (VALUES (5, 5), (7, 7)) v(s, sc);

-- Generated data on three scales, cross-checked in plain SQL.
CREATE TABLE kpi_csat_data AS
SELECT i, sc, i % 5 AS g,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 1 + (i * 31 + i / 7) % sc END AS score
FROM (VALUES (5), (7), (10)) sc(sc), generate_series(1, 9000) i;

WITH ref AS (
	SELECT sc, g, count(score) AS n, count(*) FILTER (WHERE score >= sc - 1) AS k
	FROM kpi_csat_data GROUP BY sc, g
), ref2 AS (
	SELECT *, k::float8 / n AS p, 1.959963984540054 AS z FROM ref
), ref3 AS (
	SELECT *, 100 * ((p + z * z / (2 * n)) - z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))) / (1 + z * z / n) AS lo,
	          100 * ((p + z * z / (2 * n)) + z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))) / (1 + z * z / n) AS hi
	FROM ref2
), ext AS (
	SELECT sc, g, csat(score, sc) AS csat1, (csat_stats(score, sc)).*
	FROM kpi_csat_data GROUP BY sc, g
)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE ref3.n <> ext.n OR ref3.k <> ext.satisfied OR ext.scale <> ref3.sc
                          OR abs(100 * ref3.p - ext.csat) > 1e-9 OR abs(100 * ref3.p - ext.csat1) > 1e-9
                          OR abs(ref3.lo - ext.ci_low) > 1e-9 OR abs(ref3.hi - ext.ci_high) > 1e-9)
         AS mismatches
FROM ref3 JOIN ext ON ext.sc = ref3.sc AND ext.g = ref3.g;

-- Moving window equals naive recomputation.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w.csat IS DISTINCT FROM naive.csat
                          AND NOT abs(w.csat - naive.csat) < 1e-9) AS mismatches
FROM (SELECT i, csat(score, 7) OVER (ORDER BY i ROWS 27 PRECEDING) AS csat
      FROM kpi_csat_data WHERE sc = 7 AND i <= 2000) w
CROSS JOIN LATERAL (
	SELECT 100.0 * count(*) FILTER (WHERE score >= 6) / nullif(count(score), 0) AS csat
	FROM kpi_csat_data d WHERE d.sc = 7 AND d.i BETWEEN w.i - 27 AND w.i) naive;

DROP TABLE kpi_csat_data;
