-- Custom lexicons (issue 11): words and phrases added to or overriding a built-in
-- configuration, used by name like any configuration: sentiment_score(body, 'acme@1').
--
-- A published version is frozen (sentiment_lexicon_guard refuses UPDATE, DELETE and TRUNCATE)
-- and an edit publishes the next version under a new name, so the scoring functions stay
-- IMMUTABLE and an expression index built with 'acme@1' never goes stale.  Drafts, the rows
-- users edit, live in sentiment_lexicon_entry; nothing scores with a draft.
--
-- Privileges: everyone may read both tables; the role that created the extension may edit
-- drafts and publish (INSERT on sentiment_lexicon), and may grant that to others.

CREATE TABLE sentiment_lexicon_entry (
	lexicon text NOT NULL CONSTRAINT sentiment_lexicon_entry_lexicon_check
		CHECK (lexicon ~ '^[a-z][a-z0-9_]{0,47}$'),
	term    text NOT NULL CONSTRAINT sentiment_lexicon_entry_term_check
		CHECK (pg_catalog.btrim(term) <> ''),
	valence float8 NOT NULL CONSTRAINT sentiment_lexicon_entry_valence_check
		CHECK (valence BETWEEN -4 AND 4),
	PRIMARY KEY (lexicon, term)
);
COMMENT ON TABLE sentiment_lexicon_entry IS 'drafts of custom lexicons: (lexicon, term, valence) rows that sentiment_lexicon_publish() publishes as the next version of the lexicon';
SELECT pg_catalog.pg_extension_config_dump('sentiment_lexicon_entry', '');

CREATE TABLE sentiment_lexicon (
	name         text PRIMARY KEY,
	base         text NOT NULL,
	terms        text[] NOT NULL,
	valences     float8[] NOT NULL,
	comment      text,
	published_by name NOT NULL DEFAULT CURRENT_USER,
	published_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE sentiment_lexicon IS 'published custom lexicons: each name@version is a configuration name for the scoring functions; rows are frozen once inserted';
SELECT pg_catalog.pg_extension_config_dump('sentiment_lexicon', '');

CREATE FUNCTION sentiment_lexicon_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sentiment_lexicon_guard'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION sentiment_lexicon_guard() IS 'trigger on sentiment_lexicon: checks every entry of a new version and refuses changes to published ones';

CREATE TRIGGER sentiment_lexicon_guard
	BEFORE INSERT OR UPDATE OR DELETE ON sentiment_lexicon
	FOR EACH ROW EXECUTE FUNCTION sentiment_lexicon_guard();
CREATE TRIGGER sentiment_lexicon_no_truncate
	BEFORE TRUNCATE ON sentiment_lexicon
	FOR EACH STATEMENT EXECUTE FUNCTION sentiment_lexicon_guard();

-- VOLATILE, PARALLEL UNSAFE: it writes sentiment_lexicon (with the caller's privileges).
CREATE FUNCTION sentiment_lexicon_publish(lexicon text, base text, comment text DEFAULT NULL)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sentiment_lexicon_publish'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION sentiment_lexicon_publish(text, text, text) IS 'publish the draft entries of a custom lexicon over a built-in configuration as its next version; returns the new configuration name, e.g. acme@2';

GRANT SELECT ON sentiment_lexicon, sentiment_lexicon_entry TO PUBLIC;
GRANT INSERT ON sentiment_lexicon TO @extowner@ WITH GRANT OPTION;
GRANT INSERT, UPDATE, DELETE ON sentiment_lexicon_entry TO @extowner@ WITH GRANT OPTION;
