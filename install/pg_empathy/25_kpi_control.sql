-- ---------------------------------------------------------------------------
-- kpi_control (issue 13, change detection): self-starting EWMA and CUSUM
-- control chart over a series in aggregation order, for use as a window
-- function: kpi_control(nps) OVER (PARTITION BY segment ORDER BY day).
-- Order-dependent, so no combine function (never split into partials).
-- The same part ships as upgrade/pg_empathy--0.1.0--0.2.0/25_kpi_control.sql.
-- ---------------------------------------------------------------------------

CREATE TYPE kpi_control_result AS (
	n            bigint,
	value        float8,
	ewma         float8,
	center       float8,
	lower_limit  float8,
	upper_limit  float8,
	ewma_signal  boolean,
	cusum_pos    float8,
	cusum_neg    float8,
	cusum_signal boolean
);
COMMENT ON TYPE kpi_control_result IS 'control chart at the current row: EWMA with limits from the mean and standard deviation of the earlier rows, tabular CUSUM (k = 0.5, h = 5 sigma) and whether either signals';

CREATE FUNCTION kpi_control_accum(float8[], float8) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_control_accum(float8[], float8) IS 'transition function of kpi_control (lambda 0.2, width 3)';

CREATE FUNCTION kpi_control_accum(float8[], float8, float8, float8) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_control_accum(float8[], float8, float8, float8) IS 'transition function of kpi_control with lambda and limit width';

CREATE FUNCTION kpi_control_final(float8[]) RETURNS kpi_control_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_control_final(float8[]) IS 'final function of kpi_control';

CREATE AGGREGATE kpi_control(float8) (
	SFUNC = kpi_control_accum, STYPE = float8[], INITCOND = '{3107,0,0.2,3,0,0,0,0,0,0,0,0}',
	FINALFUNC = kpi_control_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi_control(float8) IS 'EWMA (lambda 0.2, 3-sigma limits) and CUSUM control chart of a series; use as a window function ordered by time';

CREATE AGGREGATE kpi_control(float8, float8, float8) (
	SFUNC = kpi_control_accum, STYPE = float8[], INITCOND = '{3107,0,0.2,3,0,0,0,0,0,0,0,0}',
	FINALFUNC = kpi_control_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi_control(float8, float8, float8) IS 'EWMA (given lambda and limit width in sigmas) and CUSUM control chart of a series; use as a window function ordered by time';
