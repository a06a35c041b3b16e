-- ---------------------------------------------------------------------------
-- KPI outcomes (issue 13): outcome_association(x, outcome) links an experience
-- measure to a yes/no outcome (renewed, churned, referred); survival_counts and
-- kaplan_meier give retention curves.  Both aggregates keep an exact histogram
-- (one entry per distinct value) so serial, parallel and merged results agree.
-- The same part ships as upgrade/pg_empathy--0.1.0--0.2.0/26_kpi_outcomes.sql.
-- ---------------------------------------------------------------------------

CREATE FUNCTION kpi_hist_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi_hist_combine(internal, internal) IS 'combine function of outcome_association and survival_counts';

CREATE FUNCTION kpi_hist_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_hist_serialize(internal) IS 'serialize function of outcome_association and survival_counts';

CREATE FUNCTION kpi_hist_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_hist_deserialize(bytea, internal) IS 'deserialize function of outcome_association and survival_counts';

CREATE TYPE outcome_association_result AS (
	n                   bigint,
	positives           bigint,
	mean_positive       float8,
	mean_negative       float8,
	auc                 float8,
	auc_std_error       float8,
	auc_ci_low          float8,
	auc_ci_high         float8,
	auc_p_value         float8,
	r                   float8,
	r_ci_low            float8,
	r_ci_high           float8,
	r_p_value           float8,
	odds_ratio          float8,
	odds_ratio_ci_low   float8,
	odds_ratio_ci_high  float8,
	odds_ratio_p_value  float8
);
COMMENT ON TYPE outcome_association_result IS 'association of x with a boolean outcome: n, positives, mean x per class, AUC with DeLong standard error, 95% interval and Mann-Whitney p-value, point-biserial r with Fisher z interval and t-test p-value, odds ratio per unit of x (logistic regression) with Wald interval and p-value';

CREATE FUNCTION outcome_association_accum(internal, float8, boolean) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION outcome_association_accum(internal, float8, boolean) IS 'transition function of outcome_association';

CREATE FUNCTION outcome_association_final(internal) RETURNS outcome_association_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION outcome_association_final(internal) IS 'final function of outcome_association';

CREATE AGGREGATE outcome_association(x float8, outcome boolean) (
	SFUNC = outcome_association_accum, STYPE = internal,
	FINALFUNC = outcome_association_final,
	COMBINEFUNC = kpi_hist_combine, SERIALFUNC = kpi_hist_serialize,
	DESERIALFUNC = kpi_hist_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE outcome_association(float8, boolean) IS 'how well x (e.g. a customer''s mean sentiment) predicts a yes/no outcome (churned, renewed, referred): AUC, point-biserial r, odds ratio per unit of x, with 95% intervals and p-values';

CREATE FUNCTION survival_counts_accum(internal, float8, boolean) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION survival_counts_accum(internal, float8, boolean) IS 'transition function of survival_counts';

CREATE FUNCTION survival_counts_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION survival_counts_final(internal) IS 'final function of survival_counts';

CREATE AGGREGATE survival_counts(duration float8, event boolean) (
	SFUNC = survival_counts_accum, STYPE = internal,
	FINALFUNC = survival_counts_final,
	COMBINEFUNC = kpi_hist_combine, SERIALFUNC = kpi_hist_serialize,
	DESERIALFUNC = kpi_hist_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE survival_counts(float8, boolean) IS 'events and censored rows per distinct time (duration = tenure, event = the customer left; false = still a customer, censored): a k x 3 float8 array {time, events, censored} for kaplan_meier';

CREATE FUNCTION kaplan_meier(counts float8[],
	OUT "time" float8, OUT at_risk bigint, OUT events bigint, OUT censored bigint,
	OUT survival float8, OUT std_error float8, OUT ci_low float8, OUT ci_high float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION kaplan_meier(float8[]) IS 'Kaplan-Meier retention curve of a survival_counts value: per distinct time the number at risk, events, censored, survival, Greenwood standard error and log-log 95% interval';
