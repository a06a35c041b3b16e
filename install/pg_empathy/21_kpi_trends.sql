-- ---------------------------------------------------------------------------
-- KPI trends (issue 13): kpi_trend(ts, value [, unit]) least-squares slope per
-- time unit with its interval and p-value, and p_adjust() for many p-values.
-- The same part ships as upgrade/pg_empathy--0.1.0--0.2.0/21_kpi_trends.sql.
-- ---------------------------------------------------------------------------

CREATE TYPE kpi_trend_result AS (
	n            bigint,
	slope        float8,
	intercept    float8,
	std_error    float8,
	ci_low       float8,
	ci_high      float8,
	statistic    float8,
	df           float8,
	p_value      float8,
	r_squared    float8,
	center_time  timestamptz,
	center_value float8
);
COMMENT ON TYPE kpi_trend_result IS 'least-squares trend: slope per unit with standard error, t-based 95% interval, t statistic, df = n - 2, two-sided p-value (slope = 0), r squared, intercept at 1970-01-01 00:00 UTC, and the mean time and value the line passes through';

CREATE FUNCTION kpi_trend_accum(float8[], timestamptz, float8) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_trend_accum(float8[], timestamptz, float8) IS 'transition function of kpi_trend with a 1-day unit';

CREATE FUNCTION kpi_trend_accum_inv(float8[], timestamptz, float8) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_trend_accum_inv(float8[], timestamptz, float8) IS 'inverse transition function of kpi_trend with a 1-day unit (moving windows)';

CREATE FUNCTION kpi_trend_accum(float8[], timestamptz, float8, interval) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_trend_accum(float8[], timestamptz, float8, interval) IS 'transition function of kpi_trend with a unit';

CREATE FUNCTION kpi_trend_accum_inv(float8[], timestamptz, float8, interval) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_trend_accum_inv(float8[], timestamptz, float8, interval) IS 'inverse transition function of kpi_trend with a unit (moving windows)';

CREATE FUNCTION kpi_trend_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_trend_combine(float8[], float8[]) IS 'combine function of kpi_trend';

CREATE FUNCTION kpi_trend_final(float8[]) RETURNS kpi_trend_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_trend_final(float8[]) IS 'final function of kpi_trend';

CREATE AGGREGATE kpi_trend(timestamptz, float8) (
	SFUNC = kpi_trend_accum, STYPE = float8[], INITCOND = '{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}',
	FINALFUNC = kpi_trend_final, COMBINEFUNC = kpi_trend_combine,
	MSFUNC = kpi_trend_accum, MINVFUNC = kpi_trend_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}', MFINALFUNC = kpi_trend_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi_trend(timestamptz, float8) IS 'least-squares trend of a KPI over time: slope per day with 95% interval and p-value';

CREATE AGGREGATE kpi_trend(timestamptz, float8, interval) (
	SFUNC = kpi_trend_accum, STYPE = float8[], INITCOND = '{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}',
	FINALFUNC = kpi_trend_final, COMBINEFUNC = kpi_trend_combine,
	MSFUNC = kpi_trend_accum, MINVFUNC = kpi_trend_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3106,0,0,0,0,0,0,0,0,0,0,0,0,0}', MFINALFUNC = kpi_trend_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi_trend(timestamptz, float8, interval) IS 'least-squares trend of a KPI over time: slope per unit (e.g. ''1 week'') with 95% interval and p-value';

CREATE FUNCTION p_adjust(p float8[], method text DEFAULT 'bh') RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION p_adjust(float8[], text) IS 'adjust many p-values for multiple testing: ''bh'' (Benjamini-Hochberg false discovery rate, the default), ''holm'' or ''bonferroni''; NULLs stay NULL and do not count';
