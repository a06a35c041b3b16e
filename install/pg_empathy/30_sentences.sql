
-- ---------------------------------------------------------------------------
-- sentences (issue 11)
-- ---------------------------------------------------------------------------

-- The splitter and the scorer are compiled in (as sentiment()): IMMUTABLE.
CREATE FUNCTION sentiment_sentences(body text,
									OUT ord int, OUT sentence text,
									OUT start_offset int, OUT end_offset int,
									OUT neg float8, OUT neu float8, OUT pos float8,
									OUT compound float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sentiment_sentences'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION sentiment_sentences(text) IS 'the sentences of a text, each with its character offsets (substr(body, start_offset, end_offset - start_offset) is the sentence) and its sentiment scores with the default configuration ''en''';

CREATE FUNCTION sentiment_sentences(body text, config text,
									OUT ord int, OUT sentence text,
									OUT start_offset int, OUT end_offset int,
									OUT neg float8, OUT neu float8, OUT pos float8,
									OUT compound float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sentiment_sentences'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION sentiment_sentences(text, text) IS 'the sentences of a text, each with its character offsets (substr(body, start_offset, end_offset - start_offset) is the sentence) and its sentiment scores with the named configuration (''auto'': detected once for the whole text)';
