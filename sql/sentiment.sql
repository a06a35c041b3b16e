-- sentiment(), sentiment_score(), sentiment_label(), sentiment_configs(): API and bad input
SET extra_float_digits = 0;

-- the composite type and field access
SELECT * FROM sentiment('The support team was great and fixed it quickly!');
SELECT (sentiment('The support team was great and fixed it quickly!')).compound;
SELECT sentiment_score('The support team was great and fixed it quickly!');
SELECT sentiment('Terrible. I waited two weeks and nobody answered.');

-- the two worked examples of the VADER spec, with the 'vader' configuration
SELECT * FROM sentiment('VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!', 'vader');
SELECT * FROM sentiment('The plot was good, but the characters are uncompelling and the dialog is not great.', 'vader');

-- NULL in, NULL out; empty and blank text are neutral, not errors
SELECT sentiment(NULL) IS NULL AS null_sentiment, sentiment_score(NULL) IS NULL AS null_score,
       sentiment('ok', NULL) IS NULL AS null_config;
SELECT * FROM sentiment('');
SELECT * FROM sentiment(E' \t\n ');
SELECT * FROM sentiment('!!!');

-- unknown configuration: 22023 with the valid names
\set VERBOSITY default
SELECT sentiment('fine', 'klingon');
SELECT sentiment_score('fine', '');
SELECT * FROM sentiment_explain('fine', 'EN');
\set VERBOSITY terse
-- the SQLSTATE is invalid_parameter_value (22023)
DO $$
BEGIN
	PERFORM sentiment('fine', 'klingon');
EXCEPTION WHEN invalid_parameter_value THEN
	RAISE NOTICE 'unknown configuration raised SQLSTATE %', SQLSTATE;
END $$;
DO $$
BEGIN
	PERFORM sentiment_label(0.1, 0.2, -0.2);
EXCEPTION WHEN invalid_parameter_value THEN
	RAISE NOTICE 'bad thresholds raised SQLSTATE %', SQLSTATE;
END $$;

-- labels: inclusive thresholds, custom thresholds, bad thresholds
SELECT s, sentiment_label(s) FROM unnest(ARRAY[-1, -0.05, -0.0499, 0, 0.0499, 0.05, 1]::float8[]) AS s;
SELECT sentiment_label(0.3, -0.5, 0.5), sentiment_label(-0.6, -0.5, 0.5), sentiment_label(0.5, -0.5, 0.5);
SELECT sentiment_label('NaN');
SELECT sentiment_label(0.1, 0.2, -0.2);
SELECT sentiment_label(0.1, 'NaN', 0.2);
SELECT sentiment_label(NULL) IS NULL AS null_label;

-- configurations compiled in
SELECT name, language, provenance FROM sentiment_configs() WHERE language = 'en' ORDER BY name;
-- the version is the installed extension's (the library and its SQL must agree)
SELECT DISTINCT version ~ ('^pg_empathy ' || replace(e.extversion, '.', '\.')
                         || CASE name WHEN 'auto' THEN ', language model sha256 [0-9a-f]{12}$'
                            ELSE ', lexicon data sha256 [0-9a-f]{12}'
                                 || CASE name WHEN 'en' THEN ', weights sha256 [0-9a-f]{12}$' ELSE '$' END END) AS version_ok
FROM sentiment_configs(), pg_extension e WHERE e.extname = 'pg_empathy';

-- the functions are honestly marked
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy'
WHERE p.proname IN ('sentiment', 'sentiment_score', 'sentiment_label', 'sentiment_explain',
                    'sentiment_tokens', 'sentiment_configs') AND p.prokind = 'f'
ORDER BY 1, 2;
SELECT count(*) AS functions_without_comment
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy'
WHERE obj_description(p.oid, 'pg_proc') IS NULL;

-- works on a table, in parallel-safe plans, and as an index expression (IMMUTABLE)
CREATE TABLE fb (id int PRIMARY KEY, body text);
INSERT INTO fb VALUES (1, 'love it'), (2, 'hate it'), (3, 'it is a phone'), (4, NULL);
SELECT id, sentiment_score(body), sentiment_label(sentiment_score(body)) FROM fb ORDER BY id;
CREATE INDEX fb_score ON fb (sentiment_score(body));
SELECT id FROM fb WHERE sentiment_score(body) < -0.05 ORDER BY id;
DROP TABLE fb;
