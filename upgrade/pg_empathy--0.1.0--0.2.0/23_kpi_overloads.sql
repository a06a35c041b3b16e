-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_empathy UPDATE TO '0.2.0'" to load this file. \quit

-- ---------------------------------------------------------------------------
-- smallint, bigint and numeric overloads of the NPS, CSAT and CES aggregates
-- (issue 13): one converting transition function, the int aggregates' combine
-- and final functions.  A fractional numeric or a score beyond int is 22003.
-- The same part ships as upgrade/pg_empathy--0.1.0--0.2.0/23_kpi_overloads.sql.
-- ---------------------------------------------------------------------------

CREATE FUNCTION kpi_score_accum(float8[], smallint) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum(float8[], smallint) IS 'transition function of the smallint overloads of nps, csat and ces';

CREATE FUNCTION kpi_score_accum_inv(float8[], smallint) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum_inv(float8[], smallint) IS 'inverse transition function of the smallint overloads of nps, csat and ces (moving windows)';

CREATE FUNCTION kpi_score_accum(float8[], smallint, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum(float8[], smallint, int) IS 'transition function of the smallint overloads of nps, csat and ces with a scale';

CREATE FUNCTION kpi_score_accum_inv(float8[], smallint, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum_inv(float8[], smallint, int) IS 'inverse transition function of the smallint overloads of nps, csat and ces with a scale (moving windows)';

CREATE FUNCTION kpi_score_accum(float8[], bigint) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum(float8[], bigint) IS 'transition function of the bigint overloads of nps, csat and ces';

CREATE FUNCTION kpi_score_accum_inv(float8[], bigint) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum_inv(float8[], bigint) IS 'inverse transition function of the bigint overloads of nps, csat and ces (moving windows)';

CREATE FUNCTION kpi_score_accum(float8[], bigint, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum(float8[], bigint, int) IS 'transition function of the bigint overloads of nps, csat and ces with a scale';

CREATE FUNCTION kpi_score_accum_inv(float8[], bigint, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum_inv(float8[], bigint, int) IS 'inverse transition function of the bigint overloads of nps, csat and ces with a scale (moving windows)';

CREATE FUNCTION kpi_score_accum(float8[], numeric) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum(float8[], numeric) IS 'transition function of the numeric overloads of nps, csat and ces';

CREATE FUNCTION kpi_score_accum_inv(float8[], numeric) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum_inv(float8[], numeric) IS 'inverse transition function of the numeric overloads of nps, csat and ces (moving windows)';

CREATE FUNCTION kpi_score_accum(float8[], numeric, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum(float8[], numeric, int) IS 'transition function of the numeric overloads of nps, csat and ces with a scale';

CREATE FUNCTION kpi_score_accum_inv(float8[], numeric, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_score_accum_inv(float8[], numeric, int) IS 'inverse transition function of the numeric overloads of nps, csat and ces with a scale (moving windows)';

CREATE AGGREGATE nps(smallint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_final, COMBINEFUNC = nps_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(smallint) IS 'nps(int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE nps(bigint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_final, COMBINEFUNC = nps_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(bigint) IS 'nps(int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE nps(numeric) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_final, COMBINEFUNC = nps_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(numeric) IS 'nps(int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE nps_stats(smallint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_stats_final, COMBINEFUNC = nps_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_stats(smallint) IS 'nps_stats(int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE nps_stats(bigint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_stats_final, COMBINEFUNC = nps_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_stats(bigint) IS 'nps_stats(int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE nps_stats(numeric) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_stats_final, COMBINEFUNC = nps_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_stats(numeric) IS 'nps_stats(int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat(smallint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(smallint) IS 'csat(int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat(smallint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(smallint, int) IS 'csat(int, int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat(bigint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(bigint) IS 'csat(int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat(bigint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(bigint, int) IS 'csat(int, int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat(numeric) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(numeric) IS 'csat(int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat(numeric, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(numeric, int) IS 'csat(int, int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat_stats(smallint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(smallint) IS 'csat_stats(int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat_stats(smallint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(smallint, int) IS 'csat_stats(int, int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat_stats(bigint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(bigint) IS 'csat_stats(int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat_stats(bigint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(bigint, int) IS 'csat_stats(int, int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat_stats(numeric) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(numeric) IS 'csat_stats(int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE csat_stats(numeric, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(numeric, int) IS 'csat_stats(int, int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces(smallint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(smallint) IS 'ces(int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces(smallint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(smallint, int) IS 'ces(int, int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces(bigint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(bigint) IS 'ces(int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces(bigint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(bigint, int) IS 'ces(int, int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces(numeric) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(numeric) IS 'ces(int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces(numeric, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(numeric, int) IS 'ces(int, int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces_stats(smallint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(smallint) IS 'ces_stats(int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces_stats(smallint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(smallint, int) IS 'ces_stats(int, int) for smallint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces_stats(bigint) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(bigint) IS 'ces_stats(int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces_stats(bigint, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(bigint, int) IS 'ces_stats(int, int) for bigint scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces_stats(numeric) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(numeric) IS 'ces_stats(int) for numeric scores (a fractional or out-of-range score is 22003)';

CREATE AGGREGATE ces_stats(numeric, int) (
	SFUNC = kpi_score_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = kpi_score_accum, MINVFUNC = kpi_score_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(numeric, int) IS 'ces_stats(int, int) for numeric scores (a fractional or out-of-range score is 22003)';
