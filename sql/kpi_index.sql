-- empathy_index: components, weights, NULL handling, cross-check.

-- Hand-worked: sentiment mean (0.5 - 0.3 + 0.0) / 3 = 0.066667 -> 50 (1.066667) = 53.333333;
-- NPS of 10, 7, 3 = 0 -> (0 + 100) / 2 = 50; CSAT of 5, 2, 4 = 2/3 -> 66.666667;
-- equal weights -> index (53.333333 + 50 + 66.666667) / 3 = 56.666667.
-- The row of NULLs counts for nothing (n = 4).
SELECT round(index::numeric, 6) AS index, n,
       round(sentiment_component::numeric, 6) AS sentiment_component, sentiment_n,
       nps_component, nps_n, round(csat_component::numeric, 6) AS csat_component, csat_n,
       round(weight_sentiment::numeric, 6) AS w_s, round(weight_nps::numeric, 6) AS w_n,
       round(weight_csat::numeric, 6) AS w_c
FROM (SELECT (empathy_index(x, s, c)).*
      FROM (VALUES (0.5, 10, 5), (-0.3, NULL, 2), (0.0, 7, NULL), (NULL, 3, 4),
                   (NULL::float8, NULL::int, NULL::int)) v(x, s, c)) r;

-- Weights {2, 1, 0}: sentiment 55, NPS 100; CSAT weighted 0.
-- index = 55 * 2/3 + 100 * 1/3 = 70.
SELECT round(index::numeric, 6) AS index, round(sentiment_component::numeric, 6) AS sentiment_component,
       nps_component, csat_component, round(weight_sentiment::numeric, 6) AS w_s,
       round(weight_nps::numeric, 6) AS w_n, weight_csat AS w_c
FROM (SELECT (empathy_index(x, s, c, '{2,1,0}')).*
      FROM (VALUES (0.5, 10, 5), (-0.3, NULL, 2)) v(x, s, c)) r;

-- A component without data drops out and the other weights are renormalised:
-- only NPS data (10, 0 -> 0 -> 50) and CSAT (7 of 7 on a 7-point scale -> 100).
SELECT round(index::numeric, 6) AS index, sentiment_component, sentiment_n, weight_sentiment,
       round(weight_nps::numeric, 6) AS weight_nps, round(weight_csat::numeric, 6) AS weight_csat
FROM (SELECT (empathy_index(NULL::float8, s, c, '{1,1,2}', 7)).*
      FROM (VALUES (10, 7), (0, NULL)) v(s, c)) r;

-- Only a zero-weighted component has data: index NULL, components still shown.
SELECT index IS NULL AS index_null, nps_component, nps_n, weight_nps
FROM (SELECT (empathy_index(NULL::float8, s, NULL::int, '{1,0,1}')).* FROM (VALUES (10)) v(s)) r;

-- Weights may come from a column (detoasted per row) as long as they do not change.
SELECT (empathy_index(x, s, c, w)).index = (empathy_index(x, s, c, '{1,2,3}')).index AS column_weights_ok
FROM (SELECT x, s, c, '{1,2,3}'::float8[] AS w
      FROM (VALUES (0.5, 10, 5), (-0.3, NULL, 2), (0.0, 7, NULL), (NULL, 3, 4)) v(x, s, c)) t;

-- No rows, all-NULL rows -> NULL.
SELECT empathy_index(x, s, c) IS NULL AS is_null
FROM (VALUES (NULL::float8, NULL::int, NULL::int)) v(x, s, c);
SELECT empathy_index(x, s, c) IS NULL AS is_null
FROM (SELECT 0.1::float8, 1, 1 WHERE false) v(x, s, c);

-- Invalid weights -> 22023; invalid component values -> 22003.
\set VERBOSITY default
SELECT empathy_index(0.1, 1, 1, '{1,1}');
SELECT empathy_index(0.1, 1, 1, '{{1,1,1}}');
SELECT empathy_index(0.1, 1, 1, '{1,NULL,1}');
SELECT empathy_index(0.1, 1, 1, '{0,0,0}');
SELECT empathy_index(0.1, 1, 1, '{1,-0.5,1}');
SELECT empathy_index(0.1, 1, 1, '{1,Infinity,1}');
SELECT empathy_index(0.1, 1, 1, NULL::float8[]);
SELECT empathy_index(0.1, 1, 1, '{1,1,1}', 4);
SELECT empathy_index(x, s, c, w) FROM (VALUES (0.1, 1, 1, '{1,1,1}'::float8[]), (0.1, 1, 1, '{1,2,1}')) v(x, s, c, w);
SELECT empathy_index(2.0, 1, 1);
SELECT empathy_index(0.0, 12, 1);
SELECT empathy_index(0.0, 1, 9);
DO $$
BEGIN
	PERFORM empathy_index(0.1, 1, 1, '{0,0,0}');
EXCEPTION WHEN invalid_parameter_value THEN
	RAISE NOTICE 'weights error has SQLSTATE 22023';
END $$;

-- Generated data: every component, weight and the index recomputed in plain SQL
-- (group 0 has no NPS answers, so its weights are renormalised over the other two).
CREATE TABLE kpi_index_data AS
SELECT i, i % 5 AS g,
       CASE WHEN i % 7 = 0 THEN NULL ELSE round(sin(i * 0.21)::numeric, 4)::float8 END AS x,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 29 + i / 11) % 11 END AS s,
       CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + (i * 7 + i / 13) % 5 END AS c
FROM generate_series(1, 10000) i;

WITH ref AS (
	SELECT g, count(*) FILTER (WHERE x IS NOT NULL OR s IS NOT NULL OR c IS NOT NULL) AS n,
	       50 * (avg(x) + 1) AS sc, count(x) AS sn,
	       (100.0 * (count(*) FILTER (WHERE s >= 9) - count(*) FILTER (WHERE s <= 6)) / nullif(count(s), 0) + 100) / 2 AS nc,
	       count(s) AS nn,
	       100.0 * count(*) FILTER (WHERE c >= 4) / nullif(count(c), 0) AS cc, count(c) AS cn
	FROM kpi_index_data GROUP BY g
), ref2 AS (
	SELECT *, (coalesce(sc, 0) * (sn > 0)::int * 1 + coalesce(nc, 0) * (nn > 0)::int * 2 + coalesce(cc, 0) * (cn > 0)::int * 3)
	          / ((sn > 0)::int * 1 + (nn > 0)::int * 2 + (cn > 0)::int * 3) AS idx,
	          ((sn > 0)::int * 1 + (nn > 0)::int * 2 + (cn > 0)::int * 3)::float8 AS wsum
	FROM ref
), ext AS (
	SELECT g, (empathy_index(x, s, c, '{1,2,3}')).* FROM kpi_index_data GROUP BY g
)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE ref2.n <> ext.n OR ref2.sn <> ext.sentiment_n OR ref2.nn <> ext.nps_n
                          OR ref2.cn <> ext.csat_n
                          OR abs(ref2.sc - ext.sentiment_component) > 1e-9
                          OR abs(ref2.nc - ext.nps_component) > 1e-9
                          OR abs(ref2.cc - ext.csat_component) > 1e-9
                          OR abs(ref2.idx - ext.index) > 1e-9
                          OR abs(ext.index - (ext.sentiment_component * ext.weight_sentiment
                                              + ext.nps_component * ext.weight_nps
                                              + ext.csat_component * ext.weight_csat)) > 1e-9
                          OR abs(ext.weight_sentiment - (sn > 0)::int * 1 / wsum) > 1e-15
                          OR abs(ext.weight_nps - (nn > 0)::int * 2 / wsum) > 1e-15
                          OR abs(ext.weight_csat - (cn > 0)::int * 3 / wsum) > 1e-15)
         AS mismatches,
       count(*) FILTER (WHERE ext.nps_n = 0) AS groups_without_nps
FROM ref2 JOIN ext USING (g);

-- Moving window with NULL-heavy rows equals the aggregate over the frame.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w.r IS DISTINCT FROM naive.r
                          AND NOT (abs((w.r).index - (naive.r).index) < 1e-9
                                   AND (w.r).n = (naive.r).n
                                   AND (w.r).sentiment_n = (naive.r).sentiment_n
                                   AND (w.r).nps_n = (naive.r).nps_n
                                   AND (w.r).csat_n = (naive.r).csat_n)) AS mismatches
FROM (SELECT i, empathy_index(x, s, c) OVER (ORDER BY i ROWS 9 PRECEDING) AS r
      FROM kpi_index_data WHERE i <= 2000) w
CROSS JOIN LATERAL (
	SELECT empathy_index(x, s, c) AS r
	FROM (SELECT * FROM kpi_index_data d WHERE d.i BETWEEN w.i - 9 AND w.i ORDER BY i) f) naive;

DROP TABLE kpi_index_data;
