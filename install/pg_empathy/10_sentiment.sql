
-- ---------------------------------------------------------------------------
-- sentiment scoring
-- ---------------------------------------------------------------------------

CREATE TYPE sentiment AS (
	neg      float8,
	neu      float8,
	pos      float8,
	compound float8
);
COMMENT ON TYPE sentiment IS 'sentiment scores of a text: neg, neu and pos proportions and the compound score in [-1, 1]';

-- Scoring uses lexicons compiled into the library (see sentiment_configs()), so a given
-- pg_empathy version always gives the same score for the same text: IMMUTABLE is honest.
-- (Unicode properties come from the system utf8proc; see README "Stability".)

CREATE FUNCTION sentiment(body text) RETURNS sentiment
	AS 'MODULE_PATHNAME', 'sentiment_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment(text) IS 'sentiment scores (neg, neu, pos, compound) of a text with the default configuration ''en''';

CREATE FUNCTION sentiment(body text, config text) RETURNS sentiment
	AS 'MODULE_PATHNAME', 'sentiment_text_config'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment(text, text) IS 'sentiment scores (neg, neu, pos, compound) of a text with the named configuration (see sentiment_configs())';

CREATE FUNCTION sentiment_score(body text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_score_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_score(text) IS 'compound sentiment score of a text in [-1, 1], default configuration ''en''';

CREATE FUNCTION sentiment_score(body text, config text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_score_text_config'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_score(text, text) IS 'compound sentiment score of a text in [-1, 1] with the named configuration';

CREATE FUNCTION sentiment_label(score float8, neg_threshold float8 DEFAULT -0.05,
								pos_threshold float8 DEFAULT 0.05) RETURNS text
	AS 'MODULE_PATHNAME', 'sentiment_label'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_label(float8, float8, float8) IS 'positive (score >= pos_threshold), negative (score <= neg_threshold) or neutral';

CREATE FUNCTION sentiment_explain(body text,
								  OUT ord int, OUT token text, OUT lexicon_valence float8,
								  OUT valence float8, OUT rules text[])
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sentiment_explain'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION sentiment_explain(text) IS 'each sentiment-bearing token of a text (default configuration), its lexicon valence, what it contributed and the rules that changed it';

CREATE FUNCTION sentiment_explain(body text, config text,
								  OUT ord int, OUT token text, OUT lexicon_valence float8,
								  OUT valence float8, OUT rules text[])
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sentiment_explain'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION sentiment_explain(text, text) IS 'each sentiment-bearing token of a text (named configuration), its lexicon valence, what it contributed and the rules that changed it';

CREATE FUNCTION sentiment_tokens(body text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'sentiment_tokens'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_tokens(text) IS 'the tokens the scorer sees (default configuration): emoji replaced by their descriptions, split and stripped';

CREATE FUNCTION sentiment_tokens(body text, config text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'sentiment_tokens'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_tokens(text, text) IS 'the tokens the scorer sees (named configuration)';

-- sentiment_configs(): 11_languages.sql
