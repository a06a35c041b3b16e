
-- ---------------------------------------------------------------------------
-- language detection (the model is compiled into the library: IMMUTABLE is honest)
-- ---------------------------------------------------------------------------

CREATE FUNCTION detect_language(body text) RETURNS text
	AS 'MODULE_PATHNAME', 'detect_language'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detect_language(text) IS 'ISO 639-1 code of the language of a text (en fr es pt de it nl da sv pl), or und when it is too short, in another script or not confidently one of them';

CREATE FUNCTION detect_language(body text, candidates text[]) RETURNS text
	AS 'MODULE_PATHNAME', 'detect_language'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detect_language(text, text[]) IS 'ISO 639-1 code of the language of a text among the candidate languages, or und';

CREATE FUNCTION language_detection(body text,
								   OUT language text, OUT confidence float8,
								   OUT script text, OUT runner_up text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'language_detection'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION language_detection(text) IS 'detected language (or und), its confidence in [0, 1], the main script (ISO 15924) and the next best language';

CREATE FUNCTION language_detection(body text, candidates text[],
								   OUT language text, OUT confidence float8,
								   OUT script text, OUT runner_up text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'language_detection'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION language_detection(text, text[]) IS 'detected language among the candidates (or und), its confidence in [0, 1], the main script (ISO 15924) and the next best candidate';
