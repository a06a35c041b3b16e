
-- The scorer reads UTF-8: text in other server encodings is converted to UTF-8 and results
-- back.  Refuse up front a database whose encoding PostgreSQL cannot convert to and from
-- UTF-8 (MULE_INTERNAL), instead of installing functions that every call would fail in.
DO $$
DECLARE
	enc text := pg_catalog.current_setting('server_encoding');
	id int := pg_catalog.pg_char_to_encoding(enc);
	utf8 int := pg_catalog.pg_char_to_encoding('UTF8');
BEGIN
	IF enc NOT IN ('UTF8', 'SQL_ASCII') AND NOT (
		EXISTS (SELECT FROM pg_catalog.pg_conversion
				WHERE condefault AND conforencoding = id AND contoencoding = utf8) AND
		EXISTS (SELECT FROM pg_catalog.pg_conversion
				WHERE condefault AND conforencoding = utf8 AND contoencoding = id)) THEN
		RAISE EXCEPTION 'pg_empathy does not support the database encoding %', enc
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = pg_catalog.format('pg_empathy converts text to UTF-8 and back, and PostgreSQL has no conversion between %s and UTF8.', enc),
				  HINT = 'Install it in a database created with ENCODING ''UTF8'' (recommended) or another encoding that converts to UTF-8 (README "Text encodings").';
	END IF;
END
$$;
