
-- ---------------------------------------------------------------------------
-- aspects (issue 11): what the sentiment is about
-- ---------------------------------------------------------------------------

CREATE TABLE aspect_terms (
	aspect_set text    NOT NULL CHECK (btrim(aspect_set) <> ''),
	aspect     text    NOT NULL CHECK (btrim(aspect) <> ''),
	term       text    NOT NULL CHECK (term ~ '[[:alnum:]]'),
	language   text    NOT NULL DEFAULT 'en'
		CHECK (language IN ('en', 'fr', 'es', 'pt', 'de', 'it', 'nl', 'da', 'sv', 'pl')),
	enabled    boolean NOT NULL DEFAULT true,
	builtin    boolean NOT NULL DEFAULT false,
	PRIMARY KEY (aspect_set, language, term, builtin)
);
COMMENT ON TABLE aspect_terms IS 'aspect dictionaries of sentiment_aspects(): the words and phrases that name each aspect of an aspect set, per language; matched as whole words like the escalation rules';
COMMENT ON COLUMN aspect_terms.aspect_set IS 'name of the dictionary (sentiment_aspects'' aspect_set argument); ''cx'' is the built-in customer-experience set';
COMMENT ON COLUMN aspect_terms.aspect IS 'the aspect the term names (e.g. delivery, price, support)';
COMMENT ON COLUMN aspect_terms.term IS 'word or phrase to match, tokenised like the scorer does (case, edge punctuation, curly apostrophes and French or Italian elided articles do not matter)';
COMMENT ON COLUMN aspect_terms.language IS 'language of the scoring configuration the term applies to (sentiment_configs().language)';
COMMENT ON COLUMN aspect_terms.enabled IS 'false switches the term off without deleting it';
COMMENT ON COLUMN aspect_terms.builtin IS 'true for rows shipped with pg_empathy (not dumped by pg_dump); false for your own, which override a built-in row of the same set, language and term';

-- Only user rows are dumped: built-in rows are recreated by CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('aspect_terms', 'WHERE NOT builtin');

-- Everyone may read the dictionaries (sentiment_aspects() reads them as the calling user);
-- the role that created the extension may edit them and grant editing on.
REVOKE ALL ON aspect_terms FROM PUBLIC;
GRANT SELECT ON aspect_terms TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON aspect_terms TO @extowner@ WITH GRANT OPTION;

CREATE FUNCTION aspect_terms_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'aspect_terms_changed'
	LANGUAGE C;  -- VOLATILE (default): it queues a cache invalidation
COMMENT ON FUNCTION aspect_terms_changed() IS 'statement trigger on aspect_terms: invalidates every backend''s aspect cache';

CREATE TRIGGER aspect_terms_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON aspect_terms
	FOR EACH STATEMENT EXECUTE FUNCTION aspect_terms_changed();
COMMENT ON TRIGGER aspect_terms_changed ON aspect_terms IS 'sends a relcache invalidation for aspect_terms so every backend reloads its aspect cache';

CREATE FUNCTION sentiment_aspects(body text, aspect_set text DEFAULT 'cx', config text DEFAULT 'en',
								  OUT aspect text, OUT mention text, OUT sentence_ord int,
								  OUT compound float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sentiment_aspects'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 3;  -- STABLE: reads aspect_terms
COMMENT ON FUNCTION sentiment_aspects(text, text, text) IS 'each mention of an aspect of the aspect set (aspect_terms) in a text, with its sentence number and the compound score of the clause that mentions it';
