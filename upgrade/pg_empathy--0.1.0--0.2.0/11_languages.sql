-- languages: sentiment_configs() gains the tier column (a new OUT column changes the result
-- type, so the function is dropped and created again; nothing in the extension depends on it)
DROP FUNCTION sentiment_configs();
CREATE FUNCTION sentiment_configs(OUT name text, OUT language text, OUT description text,
								  OUT provenance text, OUT version text, OUT tier text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sentiment_configs'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 16;
COMMENT ON FUNCTION sentiment_configs() IS 'the scoring configurations compiled into this pg_empathy version, with the provenance of their lexicons and their tier (curated or translated)';
COMMENT ON FUNCTION sentiment(text, text) IS 'sentiment scores (neg, neu, pos, compound) of a text with the named configuration (see sentiment_configs())';
