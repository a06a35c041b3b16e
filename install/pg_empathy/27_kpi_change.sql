-- ---------------------------------------------------------------------------
-- KPI change detection (issue 13): change_point(ts, value), the most likely
-- single shift of the mean in a series ordered in time (CUSUM, Kolmogorov
-- p-value).  The same part ships as
-- upgrade/pg_empathy--0.1.0--0.2.0/27_kpi_change.sql.
-- ---------------------------------------------------------------------------

CREATE TYPE change_point_result AS (
	n            bigint,
	change_time  timestamptz,
	n_before     bigint,
	n_after      bigint,
	mean_before  float8,
	mean_after   float8,
	shift        float8,
	statistic    float8,
	p_value      float8
);
COMMENT ON TYPE change_point_result IS 'most likely change of the mean: time of the first row after it, rows and means before and after, shift = mean_after - mean_before, CUSUM statistic max|S_k| / (s sqrt n) and its asymptotic Kolmogorov p-value';

CREATE FUNCTION change_point_accum(internal, timestamptz, float8) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION change_point_accum(internal, timestamptz, float8) IS 'transition function of change_point';

CREATE FUNCTION change_point_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION change_point_combine(internal, internal) IS 'combine function of change_point';

CREATE FUNCTION change_point_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION change_point_serialize(internal) IS 'serialize function of change_point';

CREATE FUNCTION change_point_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION change_point_deserialize(bytea, internal) IS 'deserialize function of change_point';

CREATE FUNCTION change_point_final(internal) RETURNS change_point_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION change_point_final(internal) IS 'final function of change_point';

CREATE AGGREGATE change_point(ts timestamptz, value float8) (
	SFUNC = change_point_accum, STYPE = internal, FINALFUNC = change_point_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = change_point_combine, SERIALFUNC = change_point_serialize,
	DESERIALFUNC = change_point_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE change_point(timestamptz, float8) IS 'most likely single change of the mean in a series ordered by time (CUSUM), with the means before and after and an asymptotic p-value; rows need not be ordered';
