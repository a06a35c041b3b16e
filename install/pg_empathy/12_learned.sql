
-- ---------------------------------------------------------------------------
-- confidence and coverage (issue 15)
-- ---------------------------------------------------------------------------

CREATE FUNCTION sentiment_confidence(body text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_confidence'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_confidence(text) IS 'how sure the default configuration is of its label, in [0, 1]: the probability of the most probable class (low: the model hesitates between classes)';

CREATE FUNCTION sentiment_confidence(body text, config text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_confidence'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_confidence(text, text) IS 'how sure the named configuration is of its label, in [0, 1]: for a learned configuration the probability of the most probable class, for a lexicon configuration the largest of neg, neu and pos';

CREATE FUNCTION sentiment_coverage(body text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_coverage'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_coverage(text) IS 'share of the words of a text that the default configuration knows, in [0, 1] (low: the score rests on few words, e.g. another language or jargon)';

CREATE FUNCTION sentiment_coverage(body text, config text) RETURNS float8
	AS 'MODULE_PATHNAME', 'sentiment_coverage'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sentiment_coverage(text, text) IS 'share of the words of a text that the named configuration knows, in [0, 1]: words with trained weights (learned) or lexicon, negation and booster words (lexicon configurations)';
