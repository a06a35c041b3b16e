
-- ---------------------------------------------------------------------------
-- confidence and coverage (issue 15)
-- ---------------------------------------------------------------------------

CREATE FUNCTION sentiment_confidence(body text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_confidence'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_confidence(text) IS 'estimated probability, in [0, 1], that sentiment_label() of the default configuration''s score is the right label (low: a label close to a guess; see sentiment_confidence(text, text))';

CREATE FUNCTION sentiment_confidence(body text, config text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_confidence'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_confidence(text, text) IS 'estimated probability, in [0, 1], that sentiment_label() of the named configuration''s score is right: a learned configuration gives the probability of its most probable class, a rule configuration the share of right labels measured on labelled texts at that compound score';

CREATE FUNCTION sentiment_coverage(body text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_coverage'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_coverage(text) IS 'share of the words of a text that the default configuration knows, in [0, 1] (low: the score rests on few words, e.g. another language or jargon)';

CREATE FUNCTION sentiment_coverage(body text, config text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_coverage'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_coverage(text, text) IS 'share of the words of a text that the named configuration knows, in [0, 1]: words with trained weights (learned) or lexicon, negation, booster and contrast words (rule configurations)';
