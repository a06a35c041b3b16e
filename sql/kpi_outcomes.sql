-- outcome_association, survival_counts and kaplan_meier: hand-worked values, NULLs,
-- errors, and serial = parallel (exact histograms merge to the same bits).
SET extra_float_digits = 0;

-- 3 churned customers with sentiment 1, 3, 2 and 3 stayed with 2, 0.5, 1.5:
-- AUC = (2 + 3 + 1.5) / 9 = 0.722..., mean_positive = 2, mean_negative = 1.333...
SELECT (a).n, (a).positives, (a).mean_positive, round((a).mean_negative::numeric, 6) AS mean_negative,
       round((a).auc::numeric, 6) AS auc, round((a).auc_std_error::numeric, 6) AS auc_se,
       round((a).auc_ci_low::numeric, 6) AS auc_lo, (a).auc_ci_high AS auc_hi,
       round((a).auc_p_value::numeric, 6) AS auc_p, round((a).r::numeric, 6) AS r,
       round((a).odds_ratio::numeric, 6) AS odds_ratio
FROM (SELECT outcome_association(x, y) AS a
      FROM (VALUES (1.0, true), (2, false), (3, true), (0.5, false), (2, true), (1.5, false),
                   (NULL, true), (4, NULL)) v(x, y)) s;

-- one class only: counts and means, no AUC, r or odds ratio
SELECT (a).n, (a).positives, (a).mean_positive, (a).mean_negative, (a).auc, (a).r, (a).odds_ratio
FROM (SELECT outcome_association(x, true) AS a FROM generate_series(1, 5) x) s;
-- separated classes: AUC 1, no odds ratio (the maximum likelihood estimate does not exist)
SELECT (a).auc, (a).auc_std_error, (a).auc_ci_low, (a).auc_ci_high, (a).odds_ratio IS NULL AS no_odds_ratio
FROM (SELECT outcome_association(x, x > 3) AS a FROM generate_series(1, 6) x) s;
-- no rows, or only NULLs
SELECT outcome_association(x, true) IS NULL AS empty FROM generate_series(1, 0) x;
SELECT outcome_association(NULL::float8, true) IS NULL AS only_nulls FROM generate_series(1, 3);
-- -0 and 0 are one value (a tie)
SELECT (outcome_association(x, y)).auc FROM (VALUES (0.0::float8, true), ('-0'::float8, false)) v(x, y);

-- errors
SELECT outcome_association(x, true) FROM (VALUES ('NaN'::float8)) v(x);
SELECT outcome_association(x, true) FROM (VALUES ('Infinity'::float8)) v(x);
SELECT outcome_association(x, true) FROM (VALUES (1e200::float8)) v(x);

-- survival_counts: {time, events, censored} per distinct time; kaplan_meier of it
SELECT survival_counts(t, e)
FROM (VALUES (1.0, true), (2, false), (3, true), (0.5, false), (2, true), (1.5, false), (NULL, true)) v(t, e);
SELECT time, at_risk, events, censored, round(survival::numeric, 6) AS survival,
       round(std_error::numeric, 6) AS std_error, round(ci_low::numeric, 6) AS ci_low,
       round(ci_high::numeric, 6) AS ci_high
FROM kaplan_meier((SELECT survival_counts(t, e)
                   FROM (VALUES (1.0, true), (2, false), (3, true), (0.5, false), (2, true), (1.5, false)) v(t, e)));
SELECT * FROM kaplan_meier('{{1,0,3}}');
SELECT survival_counts(t, e) IS NULL AS empty FROM (VALUES (1.0, NULL::boolean)) v(t, e);
-- errors
SELECT survival_counts(t, true) FROM (VALUES (-1.0::float8)) v(t);
SELECT survival_counts(t, true) FROM (VALUES ('NaN'::float8)) v(t);
SELECT * FROM kaplan_meier('{1,2,3}');
SELECT * FROM kaplan_meier('{{1,2}}');
SELECT * FROM kaplan_meier('{{1,1,0},{1,1,0}}');
SELECT * FROM kaplan_meier('{{2,1,0},{1,1,0}}');
SELECT * FROM kaplan_meier('{{1,0.5,0}}');
SELECT * FROM kaplan_meier('{{1,0,0}}');
SELECT * FROM kaplan_meier('{{-1,1,0}}');
SELECT * FROM kaplan_meier('{{1,NULL,0}}');

-- serial = parallel, to the last bit
CREATE TABLE outcome_par AS
SELECT i, i % 3 AS segment, round(sin(i * 0.37)::numeric, 3)::float8 AS x,
       (i * 7919) % 11 < 4 + 3 * sin(i * 0.37) AS churned, ((i * 31) % 400)::float8 AS tenure
FROM generate_series(1, 60000) i;
ANALYZE outcome_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT segment, outcome_association(x, churned), survival_counts(tenure, churned) FROM outcome_par GROUP BY segment;
CREATE TEMP TABLE par AS
SELECT segment, outcome_association(x, churned)::text AS a, survival_counts(tenure, churned)::text AS c
FROM outcome_par GROUP BY segment;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS
SELECT segment, outcome_association(x, churned)::text AS a, survival_counts(tenure, churned)::text AS c
FROM outcome_par GROUP BY segment;
SELECT count(*) AS segments, bool_and(p.a = s.a) AS association_equal, bool_and(p.c = s.c) AS counts_equal
FROM par p JOIN ser s USING (segment);
RESET ALL;
DROP TABLE outcome_par;
