-- Emotions (issue 11): Ekman's six emotions and neutral, from a model compiled into the
-- library (src/emotion/emotion_data.c, see emotion_configs()), so a given pg_empathy version
-- always gives the same answer for the same text: IMMUTABLE is honest.

CREATE FUNCTION emotion(body text,
						OUT anger float8, OUT disgust float8, OUT fear float8, OUT joy float8,
						OUT sadness float8, OUT surprise float8, OUT neutral float8)
	RETURNS record
	AS 'MODULE_PATHNAME', 'emotion_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion(text) IS 'probabilities of anger, disgust, fear, joy, sadness, surprise and neutral in an English text (they sum to 1)';

CREATE FUNCTION emotion(body text, config text,
						OUT anger float8, OUT disgust float8, OUT fear float8, OUT joy float8,
						OUT sadness float8, OUT surprise float8, OUT neutral float8)
	RETURNS record
	AS 'MODULE_PATHNAME', 'emotion_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion(text, text) IS 'probabilities of anger, disgust, fear, joy, sadness, surprise and neutral in a text, for a configuration with emotions (see emotion_configs())';

CREATE FUNCTION emotion_label(body text) RETURNS text
	AS 'MODULE_PATHNAME', 'emotion_label_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_label(text) IS 'the most probable emotion of an English text: anger, disgust, fear, joy, sadness, surprise or neutral';

CREATE FUNCTION emotion_label(body text, config text) RETURNS text
	AS 'MODULE_PATHNAME', 'emotion_label_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION emotion_label(text, text) IS 'the most probable emotion of a text (anger, disgust, fear, joy, sadness, surprise or neutral), for a configuration with emotions';

CREATE FUNCTION emotion_explain(body text,
								OUT ord int, OUT feature text, OUT value float8,
								OUT anger float8, OUT disgust float8, OUT fear float8,
								OUT joy float8, OUT sadness float8, OUT surprise float8,
								OUT neutral float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'emotion_explain'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION emotion_explain(text) IS 'each model feature of an English text (and the bias, ord 0) with its contribution to each emotion''s logit; emotion() is the softmax of the column sums';

CREATE FUNCTION emotion_explain(body text, config text,
								OUT ord int, OUT feature text, OUT value float8,
								OUT anger float8, OUT disgust float8, OUT fear float8,
								OUT joy float8, OUT sadness float8, OUT surprise float8,
								OUT neutral float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'emotion_explain'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION emotion_explain(text, text) IS 'each model feature of a text (and the bias, ord 0) with its contribution to each emotion''s logit, for a configuration with emotions';

CREATE FUNCTION emotion_configs(OUT name text, OUT language text, OUT classes text[],
								OUT features int, OUT provenance text, OUT version text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'emotion_configs'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION emotion_configs() IS 'the configurations with an emotion model: classes, number of features, training data, licences, measured accuracy and model digest';
