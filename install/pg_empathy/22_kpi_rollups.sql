-- ---------------------------------------------------------------------------
-- Exact rollups (issue 13): aggregates over stored summaries, e.g. a daily
-- rollup table merged into weeks.  One transition function (the kind comes
-- from the INITCOND's tag) rebuilds the state from the summary's sufficient
-- statistics; combine and final functions are the row-level aggregates'.
-- The same part ships as upgrade/pg_empathy--0.1.0--0.2.0/22_kpi_rollups.sql.
-- ---------------------------------------------------------------------------

CREATE FUNCTION kpi_summary_accum(float8[], nps_summary) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_summary_accum(float8[], nps_summary) IS 'transition function of nps and nps_stats over nps_summary values (rollups)';

CREATE FUNCTION kpi_summary_accum(float8[], csat_summary) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_summary_accum(float8[], csat_summary) IS 'transition function of csat and csat_stats over csat_summary values (rollups)';

CREATE FUNCTION kpi_summary_accum(float8[], ces_summary) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_summary_accum(float8[], ces_summary) IS 'transition function of ces and ces_stats over ces_summary values (rollups)';

CREATE FUNCTION kpi_summary_accum(float8[], sentiment_summary) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_summary_accum(float8[], sentiment_summary) IS 'transition function of sentiment_stats over sentiment_summary values (rollups)';

CREATE FUNCTION kpi_summary_accum(float8[], empathy_index_result) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi_summary_accum(float8[], empathy_index_result) IS 'transition function of empathy_index over empathy_index_result values (rollups)';

CREATE AGGREGATE nps(nps_summary) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_final, COMBINEFUNC = nps_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(nps_summary) IS 'NPS of stored nps_summary values merged exactly (rollups)';

CREATE AGGREGATE nps_stats(nps_summary) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_stats_final, COMBINEFUNC = nps_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_stats(nps_summary) IS 'nps_summary of stored nps_summary values merged exactly (rollups)';

CREATE AGGREGATE csat(csat_summary) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(csat_summary) IS 'CSAT of stored csat_summary values merged exactly (rollups)';

CREATE AGGREGATE csat_stats(csat_summary) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(csat_summary) IS 'csat_summary of stored csat_summary values merged exactly (rollups)';

CREATE AGGREGATE ces(ces_summary) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(ces_summary) IS 'CES of stored ces_summary values merged exactly (rollups)';

CREATE AGGREGATE ces_stats(ces_summary) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(ces_summary) IS 'ces_summary of stored ces_summary values merged exactly (rollups)';

CREATE AGGREGATE sentiment_stats(sentiment_summary) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3104,0,0,0,0,0,0,0,0}',
	FINALFUNC = sentiment_stats_final, COMBINEFUNC = sentiment_stats_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sentiment_stats(sentiment_summary) IS 'sentiment_summary of stored sentiment_summary values merged (rollups; sums to a few ulps)';

CREATE AGGREGATE empathy_index(empathy_index_result) (
	SFUNC = kpi_summary_accum, STYPE = float8[], INITCOND = '{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}',
	FINALFUNC = empathy_index_final, COMBINEFUNC = empathy_index_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE empathy_index(empathy_index_result) IS 'empathy_index_result of stored results merged (rollups; the weights must be equal)';
