
-- ---------------------------------------------------------------------------
-- empathy KPIs: NPS, CSAT, CES, sentiment summaries, empathy index, diffs
--
-- Every aggregate keeps a fixed-length float8[] transition state (first
-- element a format tag, second the row count n; layouts in src/kpi_state.h),
-- so partial aggregation works in parallel workers, postgres_fdw and Citus
-- without serialize functions.  Every aggregate has a COMBINEFUNC and
-- inverse transition functions for moving windows.  Support functions check
-- the state on every call.
-- ---------------------------------------------------------------------------

-- kpi result types

CREATE TYPE nps_summary AS (
	n          bigint,
	promoters  bigint,
	passives   bigint,
	detractors bigint,
	nps        float8,
	std_error  float8,
	ci_low     float8,
	ci_high    float8
);
COMMENT ON TYPE nps_summary IS 'Net Promoter Score with counts, standard error and a 95% Wald interval clipped to [-100, 100]';

CREATE TYPE csat_summary AS (
	n         bigint,
	satisfied bigint,
	scale     int,
	csat      float8,
	ci_low    float8,
	ci_high   float8
);
COMMENT ON TYPE csat_summary IS 'CSAT: percent of answers in the top two points of the scale, with a 95% Wilson interval';

CREATE TYPE ces_summary AS (
	n         bigint,
	scale     int,
	mean      float8,
	stddev    float8,
	std_error float8,
	ci_low    float8,
	ci_high   float8,
	sum_scores  bigint,
	sum_squares bigint
);
COMMENT ON TYPE ces_summary IS 'Customer effort score: mean, sample standard deviation and a t-based 95% interval for the mean; sum_scores and sum_squares make rollups exact';

CREATE TYPE sentiment_summary AS (
	n              bigint,
	mean           float8,
	stddev         float8,
	std_error      float8,
	ci_low         float8,
	ci_high        float8,
	positive       bigint,
	neutral        bigint,
	negative       bigint,
	positive_share float8,
	neutral_share  float8,
	negative_share float8,
	sum            float8,
	sum_squares    float8
);
COMMENT ON TYPE sentiment_summary IS 'compound sentiment: mean, standard deviation, t-based 95% interval, and positive (>= 0.05) / neutral / negative (<= -0.05) counts and shares; sum and sum_squares make rollups exact';

CREATE TYPE empathy_index_result AS (
	index               float8,
	n                   bigint,
	sentiment_component float8,
	sentiment_n         bigint,
	nps_component       float8,
	nps_n               bigint,
	csat_component      float8,
	csat_n              bigint,
	weight_sentiment    float8,
	weight_nps          float8,
	weight_csat         float8,
	state               float8[]
);
COMMENT ON TYPE empathy_index_result IS 'empathy index (0-100) with each 0-100 component, its n and the normalised weights applied: index = sum(component * weight); state makes rollups exact';

CREATE TYPE kpi_diff AS (
	a           float8,
	b           float8,
	difference  float8,
	std_error   float8,
	statistic   float8,
	df          float8,
	p_value     float8,
	significant boolean,
	test        text
);
COMMENT ON TYPE kpi_diff IS 'comparison of a KPI between two periods: difference b - a, standard error, z or t statistic, df (t tests), two-sided p-value, significance at 95% and the test used';

-- nps aggregates

CREATE FUNCTION nps_accum(float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_accum(float8[], int) IS 'transition function of nps and nps_stats';

CREATE FUNCTION nps_accum_inv(float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_accum_inv(float8[], int) IS 'inverse transition function of nps and nps_stats (moving windows)';

CREATE FUNCTION nps_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_combine(float8[], float8[]) IS 'combine function of nps and nps_stats';

CREATE FUNCTION nps_final(float8[]) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_final(float8[]) IS 'final function of nps';

CREATE FUNCTION nps_stats_final(float8[]) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_stats_final(float8[]) IS 'final function of nps_stats';

CREATE AGGREGATE nps(int) (
	SFUNC = nps_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_final, COMBINEFUNC = nps_combine,
	MSFUNC = nps_accum, MINVFUNC = nps_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(int) IS 'Net Promoter Score in [-100, 100] of 0-10 answers: percent promoters (9-10) minus percent detractors (0-6)';

CREATE AGGREGATE nps_stats(int) (
	SFUNC = nps_accum, STYPE = float8[], INITCOND = '{3101,0,0,0,0}',
	FINALFUNC = nps_stats_final, COMBINEFUNC = nps_combine,
	MSFUNC = nps_accum, MINVFUNC = nps_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3101,0,0,0,0}', MFINALFUNC = nps_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_stats(int) IS 'NPS with counts, standard error and 95% interval';

-- csat aggregates

CREATE FUNCTION csat_accum(float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_accum(float8[], int) IS 'transition function of csat and csat_stats on the 5-point scale';

CREATE FUNCTION csat_accum_inv(float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_accum_inv(float8[], int) IS 'inverse transition function of csat and csat_stats on the 5-point scale';

CREATE FUNCTION csat_accum(float8[], int, int) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'csat_accum_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_accum(float8[], int, int) IS 'transition function of csat and csat_stats with a scale';

CREATE FUNCTION csat_accum_inv(float8[], int, int) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'csat_accum_scale_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_accum_inv(float8[], int, int) IS 'inverse transition function of csat and csat_stats with a scale';

CREATE FUNCTION csat_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_combine(float8[], float8[]) IS 'combine function of csat and csat_stats';

CREATE FUNCTION csat_final(float8[]) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_final(float8[]) IS 'final function of csat';

CREATE FUNCTION csat_stats_final(float8[]) RETURNS csat_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_stats_final(float8[]) IS 'final function of csat_stats';

CREATE AGGREGATE csat(int) (
	SFUNC = csat_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = csat_accum, MINVFUNC = csat_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(int) IS 'CSAT on the 5-point scale: percent of answers 4 or 5';

CREATE AGGREGATE csat(int, int) (
	SFUNC = csat_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_final, COMBINEFUNC = csat_combine,
	MSFUNC = csat_accum, MINVFUNC = csat_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(int, int) IS 'CSAT(score, scale): percent of answers in the top two points of a 5, 7 or 10-point scale';

CREATE AGGREGATE csat_stats(int) (
	SFUNC = csat_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = csat_accum, MINVFUNC = csat_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(int) IS 'CSAT on the 5-point scale with counts and a 95% Wilson interval';

CREATE AGGREGATE csat_stats(int, int) (
	SFUNC = csat_accum, STYPE = float8[], INITCOND = '{3102,0,0,0}',
	FINALFUNC = csat_stats_final, COMBINEFUNC = csat_combine,
	MSFUNC = csat_accum, MINVFUNC = csat_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3102,0,0,0}', MFINALFUNC = csat_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_stats(int, int) IS 'CSAT(score, scale) with counts and a 95% Wilson interval';

-- ces aggregates

CREATE FUNCTION ces_accum(float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_accum(float8[], int) IS 'transition function of ces and ces_stats on the 7-point scale';

CREATE FUNCTION ces_accum_inv(float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_accum_inv(float8[], int) IS 'inverse transition function of ces and ces_stats on the 7-point scale';

CREATE FUNCTION ces_accum(float8[], int, int) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'ces_accum_scale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_accum(float8[], int, int) IS 'transition function of ces and ces_stats with a scale';

CREATE FUNCTION ces_accum_inv(float8[], int, int) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'ces_accum_scale_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_accum_inv(float8[], int, int) IS 'inverse transition function of ces and ces_stats with a scale';

CREATE FUNCTION ces_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_combine(float8[], float8[]) IS 'combine function of ces and ces_stats';

CREATE FUNCTION ces_final(float8[]) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_final(float8[]) IS 'final function of ces';

CREATE FUNCTION ces_stats_final(float8[]) RETURNS ces_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_stats_final(float8[]) IS 'final function of ces_stats';

CREATE AGGREGATE ces(int) (
	SFUNC = ces_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = ces_accum, MINVFUNC = ces_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(int) IS 'customer effort score on the 7-point scale: mean answer';

CREATE AGGREGATE ces(int, int) (
	SFUNC = ces_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_final, COMBINEFUNC = ces_combine,
	MSFUNC = ces_accum, MINVFUNC = ces_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(int, int) IS 'customer effort score CES(score, scale): mean answer on a 5, 7 or 10-point scale';

CREATE AGGREGATE ces_stats(int) (
	SFUNC = ces_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = ces_accum, MINVFUNC = ces_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(int) IS 'CES on the 7-point scale: mean, standard deviation and t-based 95% interval';

CREATE AGGREGATE ces_stats(int, int) (
	SFUNC = ces_accum, STYPE = float8[], INITCOND = '{3103,0,0,0,0}',
	FINALFUNC = ces_stats_final, COMBINEFUNC = ces_combine,
	MSFUNC = ces_accum, MINVFUNC = ces_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3103,0,0,0,0}', MFINALFUNC = ces_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_stats(int, int) IS 'CES(score, scale): mean, standard deviation and t-based 95% interval';

-- sentiment_stats aggregates

CREATE FUNCTION sentiment_stats_accum(float8[], float8) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_stats_accum(float8[], float8) IS 'transition function of sentiment_stats(float8)';

CREATE FUNCTION sentiment_stats_accum_inv(float8[], float8) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_stats_accum_inv(float8[], float8) IS 'inverse transition function of sentiment_stats(float8)';

CREATE FUNCTION sentiment_stats_accum(float8[], sentiment) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sentiment_stats_accum_sentiment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_stats_accum(float8[], sentiment) IS 'transition function of sentiment_stats(sentiment): uses the compound score';

CREATE FUNCTION sentiment_stats_accum_inv(float8[], sentiment) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sentiment_stats_accum_sentiment_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_stats_accum_inv(float8[], sentiment) IS 'inverse transition function of sentiment_stats(sentiment)';

CREATE FUNCTION sentiment_stats_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_stats_combine(float8[], float8[]) IS 'combine function of sentiment_stats';

CREATE FUNCTION sentiment_stats_final(float8[]) RETURNS sentiment_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_stats_final(float8[]) IS 'final function of sentiment_stats';

CREATE AGGREGATE sentiment_stats(float8) (
	SFUNC = sentiment_stats_accum, STYPE = float8[], INITCOND = '{3104,0,0,0,0,0,0,0,0}',
	FINALFUNC = sentiment_stats_final, COMBINEFUNC = sentiment_stats_combine,
	MSFUNC = sentiment_stats_accum, MINVFUNC = sentiment_stats_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3104,0,0,0,0,0,0,0,0}', MFINALFUNC = sentiment_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sentiment_stats(float8) IS 'summary of compound sentiment scores in [-1, 1]: mean, stddev, 95% interval, positive/neutral/negative shares';

CREATE AGGREGATE sentiment_stats(sentiment) (
	SFUNC = sentiment_stats_accum, STYPE = float8[], INITCOND = '{3104,0,0,0,0,0,0,0,0}',
	FINALFUNC = sentiment_stats_final, COMBINEFUNC = sentiment_stats_combine,
	MSFUNC = sentiment_stats_accum, MINVFUNC = sentiment_stats_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3104,0,0,0,0,0,0,0,0}', MFINALFUNC = sentiment_stats_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sentiment_stats(sentiment) IS 'summary of the compound scores of sentiment values (NULL values or compounds are ignored)';

-- empathy index aggregate

CREATE FUNCTION empathy_index_accum(float8[], float8, int, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_accum(float8[], float8, int, int) IS 'transition function of empathy_index (not strict: a NULL input means no data for that component)';

CREATE FUNCTION empathy_index_accum_inv(float8[], float8, int, int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_accum_inv(float8[], float8, int, int) IS 'inverse transition function of empathy_index';

CREATE FUNCTION empathy_index_accum(float8[], float8, int, int, float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_accum(float8[], float8, int, int, float8[]) IS 'transition function of empathy_index with weights';

CREATE FUNCTION empathy_index_accum_inv(float8[], float8, int, int, float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_accum_inv(float8[], float8, int, int, float8[]) IS 'inverse transition function of empathy_index with weights';

CREATE FUNCTION empathy_index_accum(float8[], float8, int, int, float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_accum(float8[], float8, int, int, float8[], int) IS 'transition function of empathy_index with weights and a CSAT scale';

CREATE FUNCTION empathy_index_accum_inv(float8[], float8, int, int, float8[], int) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_accum_inv(float8[], float8, int, int, float8[], int) IS 'inverse transition function of empathy_index with weights and a CSAT scale';

CREATE FUNCTION empathy_index_combine(float8[], float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_combine(float8[], float8[]) IS 'combine function of empathy_index';

CREATE FUNCTION empathy_index_final(float8[]) RETURNS empathy_index_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION empathy_index_final(float8[]) IS 'final function of empathy_index';

CREATE AGGREGATE empathy_index(float8, int, int) (
	SFUNC = empathy_index_accum, STYPE = float8[], INITCOND = '{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}',
	FINALFUNC = empathy_index_final, COMBINEFUNC = empathy_index_combine,
	MSFUNC = empathy_index_accum, MINVFUNC = empathy_index_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}', MFINALFUNC = empathy_index_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE empathy_index(float8, int, int) IS 'empathy index of (compound, nps_score, csat_score on 5 points): equally weighted mean of the 0-100 components that have data';

CREATE AGGREGATE empathy_index(float8, int, int, float8[]) (
	SFUNC = empathy_index_accum, STYPE = float8[], INITCOND = '{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}',
	FINALFUNC = empathy_index_final, COMBINEFUNC = empathy_index_combine,
	MSFUNC = empathy_index_accum, MINVFUNC = empathy_index_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}', MFINALFUNC = empathy_index_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE empathy_index(float8, int, int, float8[]) IS 'empathy index with weights {sentiment, nps, csat} (finite, non-negative, not all zero)';

CREATE AGGREGATE empathy_index(float8, int, int, float8[], int) (
	SFUNC = empathy_index_accum, STYPE = float8[], INITCOND = '{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}',
	FINALFUNC = empathy_index_final, COMBINEFUNC = empathy_index_combine,
	MSFUNC = empathy_index_accum, MINVFUNC = empathy_index_accum_inv, MSTYPE = float8[],
	MINITCOND = '{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}', MFINALFUNC = empathy_index_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE empathy_index(float8, int, int, float8[], int) IS 'empathy index with weights {sentiment, nps, csat} and the CSAT scale (5, 7 or 10)';

-- period comparison

CREATE FUNCTION nps_diff(a nps_summary, b nps_summary) RETURNS kpi_diff
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_diff(nps_summary, nps_summary) IS 'change of NPS from a to b: Wald z test with unpooled variance';

CREATE FUNCTION csat_diff(a csat_summary, b csat_summary) RETURNS kpi_diff
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_diff(csat_summary, csat_summary) IS 'change of CSAT from a to b: two-proportion z test with pooled proportion';

CREATE FUNCTION ces_diff(a ces_summary, b ces_summary) RETURNS kpi_diff
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_diff(ces_summary, ces_summary) IS 'change of mean effort from a to b: Welch t test';

CREATE FUNCTION sentiment_diff(a sentiment_summary, b sentiment_summary) RETURNS kpi_diff
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_diff(sentiment_summary, sentiment_summary) IS 'change of mean compound sentiment from a to b: Welch t test';
