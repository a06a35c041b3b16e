-- The scoring configurations: 'en', 'vader' and one per language ('fr', 'es', 'pt', 'de',
-- 'it', 'nl', 'da', 'sv', 'pl', and '<lang>-rules' where a learned layer exists), all compiled
-- in.  tier: 'curated' (natively rated or
-- human-translated lexicon) or 'translated' (machine-translated lexicon).
CREATE FUNCTION sentiment_configs(OUT name text, OUT language text, OUT description text,
								  OUT provenance text, OUT version text, OUT tier text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sentiment_configs'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 16;
COMMENT ON FUNCTION sentiment_configs() IS 'the scoring configurations compiled into this pg_empathy version, with the provenance of their lexicons and their tier (curated or translated)';
