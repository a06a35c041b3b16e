-- Period comparison: nps_diff, csat_diff, ces_diff, sentiment_diff.
-- Reference values below were computed independently with mpmath.

-- NPS, Wald z (unpooled): a = 5 promoters, 3 passives, 2 detractors (NPS 30),
-- b = 2, 3, 5 (NPS -30).  Each SE^2 = 1e4 (0.7 - 0.09) / 10 = 610,
-- SE = sqrt(1220) = 34.928498, z = -60 / SE = -1.717795, p = 0.085834.
WITH a AS (SELECT nps_stats(s) AS s FROM unnest('{10,10,10,9,9,8,8,7,3,0}'::int[]) s),
     b AS (SELECT nps_stats(s) AS s FROM unnest('{10,9,8,8,7,5,4,3,2,1}'::int[]) s)
SELECT d.a, d.b, d.difference, round(d.std_error::numeric, 6) AS std_error,
       round(d.statistic::numeric, 6) AS z, d.df, round(d.p_value::numeric, 6) AS p_value,
       d.significant, d.test
FROM a, b, LATERAL nps_diff(a.s, b.s) d;

-- CSAT, pooled two-proportion z: 40 of 50 vs 30 of 50 satisfied.
-- P = 0.7, SE = 100 sqrt(0.21 * 0.04) = 9.165151, z = -2.182179, p = 0.029096.
SELECT d.a, d.b, d.difference, round(d.std_error::numeric, 6) AS std_error,
       round(d.statistic::numeric, 6) AS z, round(d.p_value::numeric, 6) AS p_value, d.significant, d.test
FROM csat_diff(ROW(50, 40, 5, 80, NULL, NULL)::csat_summary,
               ROW(50, 30, 5, 60, NULL, NULL)::csat_summary) d;

-- Sentiment, Welch t: n 10, mean 0.2, sd 0.3 vs n 12, mean -0.1, sd 0.4.
-- SE = 0.149443, t = -2.007449, df = 19.822963, p = 0.058530 (not significant).
SELECT round(d.difference::numeric, 6) AS difference, round(d.std_error::numeric, 6) AS std_error,
       round(d.statistic::numeric, 6) AS t, round(d.df::numeric, 6) AS df,
       round(d.p_value::numeric, 6) AS p_value, d.significant, d.test
FROM sentiment_diff(ROW(10, 0.2, 0.3, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL)::sentiment_summary,
                    ROW(12, -0.1, 0.4, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL)::sentiment_summary) d;

-- CES, Welch t with the same figures on the 7-point scale (means 4.2 and 3.9).
SELECT round(d.difference::numeric, 6) AS difference, round(d.statistic::numeric, 6) AS t,
       round(d.df::numeric, 6) AS df, round(d.p_value::numeric, 6) AS p_value, d.significant
FROM ces_diff(ROW(10, 7, 4.2, 0.3, NULL, NULL, NULL, NULL, NULL)::ces_summary,
              ROW(12, 7, 3.9, 0.4, NULL, NULL, NULL, NULL, NULL)::ces_summary) d;

-- Undefined tests give NULL statistic / p-value / significant, not certainty.
SELECT d.a, d.b, d.std_error, d.statistic, d.p_value, d.significant
FROM nps_diff(ROW(3, 3, 0, 0, 100, 0, 100, 100)::nps_summary,
              ROW(2, 2, 0, 0, 100, 0, 100, 100)::nps_summary) d;
SELECT d.a, d.b, d.statistic, d.p_value, d.significant
FROM sentiment_diff(ROW(1, 0.2, NULL, NULL, NULL, NULL, 1, 0, 0, 1, 0, 0, NULL, NULL)::sentiment_summary,
                    ROW(5, 0.1, 0.2, NULL, NULL, NULL, 3, 1, 1, NULL, NULL, NULL, NULL, NULL)::sentiment_summary) d;
SELECT nps_diff(NULL, ROW(1, 1, 0, 0, 100, 0, 100, 100)::nps_summary) IS NULL AS strict;

-- Invalid summaries and mismatched scales.
SELECT nps_diff(ROW(5, 1, 1, 1, 0, 0, 0, 0)::nps_summary, ROW(1, 1, 0, 0, 100, 0, 100, 100)::nps_summary);
SELECT nps_diff(ROW(0, 0, 0, 0, NULL, NULL, NULL, NULL)::nps_summary, ROW(1, 1, 0, 0, 100, 0, 100, 100)::nps_summary);
SELECT csat_diff(ROW(5, 6, 5, 0, 0, 0)::csat_summary, ROW(5, 1, 5, 0, 0, 0)::csat_summary);
SELECT csat_diff(ROW(5, 1, 5, 0, 0, 0)::csat_summary, ROW(5, 1, 7, 0, 0, 0)::csat_summary);
SELECT ces_diff(ROW(5, 5, 3, 1, 0, 0, 0, NULL, NULL)::ces_summary, ROW(5, 7, 3, 1, 0, 0, 0, NULL, NULL)::ces_summary);
SELECT sentiment_diff(ROW(5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL)::sentiment_summary,
                      ROW(5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL)::sentiment_summary);
SELECT sentiment_diff(ROW(5, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL)::sentiment_summary,
                      ROW(5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL)::sentiment_summary);

-- Generated weeks (NPS dips in week 3, CSAT in week 2): the statistics and
-- Welch df are cross-checked against plain SQL.
CREATE TABLE kpi_diff_data AS
SELECT i, i % 4 AS week,
       (i * 37 + i / 3) % 11 - CASE WHEN i % 4 = 3 AND i % 3 = 0 THEN 3 ELSE 0 END AS raw_nps,
       greatest(1, 1 + (i * 13 + i / 5) % 5 - CASE WHEN i % 4 = 2 AND i % 5 = 0 THEN 2 ELSE 0 END) AS csat,
       round((sin(i * 0.37) * 0.7 - (i % 4) * 0.03)::numeric, 4)::float8 AS x
FROM generate_series(1, 8000) i;
UPDATE kpi_diff_data SET raw_nps = greatest(0, raw_nps);

WITH w AS (
	SELECT week, nps_stats(raw_nps) AS ns, csat_stats(csat) AS cs, sentiment_stats(x) AS ss,
	       count(*) FILTER (WHERE raw_nps >= 9)::float8 / count(*) AS p,
	       count(*) FILTER (WHERE raw_nps <= 6)::float8 / count(*) AS d,
	       count(*) FILTER (WHERE csat >= 4) AS k,
	       count(*) AS n, avg(x) AS mx, var_samp(x) AS vx
	FROM kpi_diff_data GROUP BY week
), pairs AS (
	SELECT cur.week, nps_diff(prev.ns, cur.ns) AS nd, csat_diff(prev.cs, cur.cs) AS cd,
	       sentiment_diff(prev.ss, cur.ss) AS sd,
	       100 * ((cur.p - cur.d) - (prev.p - prev.d))
	         / (100 * sqrt((prev.p + prev.d - (prev.p - prev.d) ^ 2) / prev.n
	                       + (cur.p + cur.d - (cur.p - cur.d) ^ 2) / cur.n)) AS nz,
	       (cur.k::float8 / cur.n - prev.k::float8 / prev.n)
	         / sqrt(((prev.k + cur.k)::float8 / (prev.n + cur.n)) * (1 - (prev.k + cur.k)::float8 / (prev.n + cur.n))
	                * (1.0 / prev.n + 1.0 / cur.n)) AS cz,
	       (cur.mx - prev.mx) / sqrt(prev.vx / prev.n + cur.vx / cur.n) AS st,
	       (prev.vx / prev.n + cur.vx / cur.n) ^ 2
	         / ((prev.vx / prev.n) ^ 2 / (prev.n - 1) + (cur.vx / cur.n) ^ 2 / (cur.n - 1)) AS sdf
	FROM w cur JOIN w prev ON prev.week = cur.week - 1
)
SELECT week, abs((nd).statistic - nz) < 1e-9 AS nps_z_ok, abs((cd).statistic - cz) < 1e-9 AS csat_z_ok,
       abs((sd).statistic - st) < 1e-9 AS welch_t_ok, abs((sd).df - sdf) < 1e-6 AS welch_df_ok,
       round((nd).p_value::numeric, 4) AS nps_p, (nd).significant AS nps_sig,
       round((cd).p_value::numeric, 4) AS csat_p, (cd).significant AS csat_sig,
       round((sd).p_value::numeric, 4) AS sent_p, (sd).significant AS sent_sig
FROM pairs ORDER BY week;

DROP TABLE kpi_diff_data;
