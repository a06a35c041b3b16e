--
-- Emotions: the compiled-in English model (GoEmotions Ekman groups + emoji-emotion).
--
SET extra_float_digits = 0;

-- one text per emotion
SELECT t AS body, emotion_label(t) AS label
FROM unnest(ARRAY['I am furious, this is outrageous!', 'That is disgusting, gross.',
				  'I''m scared this will happen again', 'Thank you so much, I love it!',
				  'I''m so sad my order never came', 'Wow, I did not expect that!',
				  'The package arrived on Tuesday.']) WITH ORDINALITY AS x(t, n) ORDER BY n;
SELECT round(anger::numeric, 3) AS anger, round(disgust::numeric, 3) AS disgust,
	   round(fear::numeric, 3) AS fear, round(joy::numeric, 3) AS joy,
	   round(sadness::numeric, 3) AS sadness, round(surprise::numeric, 3) AS surprise,
	   round(neutral::numeric, 3) AS neutral
FROM emotion('Thank you so much, I love it!');

-- negation scope, emoji (the emoji-emotion lexicon and the description's words)
SELECT t AS body, emotion_label(t) AS label, round((emotion(t)).joy::numeric, 3) AS joy
FROM unnest(ARRAY['I am happy with it', 'I am not happy with it', 'ok 😀', 'ok 😡', 'ok 😢']) WITH ORDINALITY AS x(t, n)
ORDER BY n;

-- cues: an emoji of the emoji-emotion lexicon or a word of strong emotion adds to its class
-- (GoEmotions has too few of them); a negated word gives no cue
SELECT t AS body, emotion_label(t) AS label, round((emotion(t)).anger::numeric, 3) AS anger
FROM unnest(ARRAY['I am furious!', 'I am not furious', 'ok 😡', '😡', 'livid.',
				  'Absolutely terrified of flying', 'ok 😱', 'ok 😭']) WITH ORDINALITY AS x(t, n)
ORDER BY n;
SELECT ord, feature, value, round(anger::numeric, 3) AS anger, round(joy::numeric, 3) AS joy
FROM emotion_explain('I am furious!') WHERE feature LIKE 'cue:%' OR feature = 'word:furious' ORDER BY ord;
-- an emoji cue also lifts its class's prior to neutral's (once per class; shrunk as 3 / words
-- beyond three words): "ok 😱" is fear and "ok 😢" sadness, not neutral
SELECT t AS body, emotion_label(t) AS label, round((emotion(t)).neutral::numeric, 3) AS neutral
FROM unnest(ARRAY['ok 😱', 'ok 😢', 'ok then 😱', '😢😢', 'ok', 'thank you so much, the agent sorted it all out 😢'])
	WITH ORDINALITY AS x(t, n)
ORDER BY n;
SELECT ord, feature, value, round(fear::numeric, 3) AS fear, round(neutral::numeric, 3) AS neutral
FROM emotion_explain('ok 😱') WHERE feature LIKE 'cue%' OR feature = 'bias:' ORDER BY ord;
SELECT feature, value FROM emotion_explain('the parcel is late again and support does not answer 😢')
WHERE feature LIKE 'cue_prior:%';

-- emotion_explain: every feature the model knows, with its contribution per class
SELECT ord, feature, value, round(anger::numeric, 3) AS anger, round(joy::numeric, 3) AS joy,
	   round(sadness::numeric, 3) AS sadness, round(neutral::numeric, 3) AS neutral
FROM emotion_explain('Not happy at all 😡') ORDER BY ord;

-- invariants on a mixed set: probabilities in [0, 1] summing to 1; the label is the most
-- probable class; the softmax of emotion_explain's column sums is emotion()
CREATE TEMP TABLE emo_texts AS
SELECT t FROM unnest(ARRAY['', ' ', 'ok', 'great service, thanks', 'WHY IS THIS STILL BROKEN???',
	'I was afraid the parcel was lost :(', 'no', 'not bad, not bad at all', '😂😂😂',
	'The app crashed, again. Disgraceful.', 'Wait, what? Really?', repeat('sad ', 1000)]) t;
SELECT count(*) AS texts,
	   bool_and(abs(e.anger + e.disgust + e.fear + e.joy + e.sadness + e.surprise + e.neutral - 1) < 1e-12) AS sum_to_1,
	   bool_and(least(e.anger, e.disgust, e.fear, e.joy, e.sadness, e.surprise, e.neutral) >= 0) AS non_negative,
	   bool_and(emotion_label(t) = (SELECT c FROM (VALUES ('anger', e.anger), ('disgust', e.disgust),
			('fear', e.fear), ('joy', e.joy), ('sadness', e.sadness), ('surprise', e.surprise),
			('neutral', e.neutral)) v(c, p) ORDER BY p DESC, c = 'neutral' DESC LIMIT 1)) AS label_is_argmax
FROM emo_texts, LATERAL emotion(t) e;
CREATE FUNCTION pg_temp.ex(x float8) RETURNS float8 LANGUAGE sql IMMUTABLE
	AS 'SELECT CASE WHEN x < -700 THEN 0 ELSE exp(x) END';	-- exp() errors on underflow
SELECT bool_and(abs(x.joy - e.joy) < 1e-9 AND abs(x.anger - e.anger) < 1e-9 AND abs(x.neutral - e.neutral) < 1e-9) AS explain_reproduces
FROM emo_texts, LATERAL emotion(t) e, LATERAL (
	SELECT pg_temp.ex(sj - m) / d AS joy, pg_temp.ex(sa - m) / d AS anger, pg_temp.ex(sn - m) / d AS neutral
	FROM (SELECT sum(anger) sa, sum(disgust) sd, sum(fear) sf, sum(joy) sj, sum(sadness) ss,
				 sum(surprise) su, sum(neutral) sn FROM emotion_explain(t)) s,
		 LATERAL (SELECT greatest(sa, sd, sf, sj, ss, su, sn) AS m) mm,
		 LATERAL (SELECT pg_temp.ex(sa - m) + pg_temp.ex(sd - m) + pg_temp.ex(sf - m) + pg_temp.ex(sj - m)
						 + pg_temp.ex(ss - m) + pg_temp.ex(su - m) + pg_temp.ex(sn - m) AS d) dd) x;

-- configurations: 'en' (the default), 'en-rules', custom lexicons over them; others are errors.
-- The configuration only tokenizes: the emotion model is the same for all of them.
SELECT emotion_label('I love it', 'en') = emotion_label('I love it') AS en_is_default,
       (SELECT array_agg(e::text) FROM emotion('I love it', 'en-rules') e) = (SELECT array_agg(e::text) FROM emotion('I love it') e) AS rules_same;
INSERT INTO sentiment_lexicon_entry VALUES ('emo', 'love', -3);
SELECT sentiment_lexicon_publish('emo', 'en-rules');
SELECT emotion_label('I love it', 'emo@1') = emotion_label('I love it') AS custom_over_en,
	   sentiment_score('I love it', 'emo@1') < 0 AS custom_valence;
DELETE FROM sentiment_lexicon_entry WHERE lexicon = 'emo';
INSERT INTO sentiment_lexicon_entry VALUES ('emo_fr', 'colis', -1);
SELECT sentiment_lexicon_publish('emo_fr', 'fr');
DELETE FROM sentiment_lexicon_entry WHERE lexicon = 'emo_fr';
\set VERBOSITY default
SELECT emotion('Je suis content', 'fr');
SELECT emotion_label('x', 'vader');
SELECT emotion_label('x', 'auto');
SELECT emotion_label('x', 'emo_fr@1');
SELECT * FROM emotion_explain('x', 'de');
SELECT emotion_label('x', 'klingon');
SELECT emotion(NULL) IS NULL AS null_in, emotion_label('x', NULL) IS NULL AS null_config;

-- provenance
SELECT name, language, classes, features > 10000 AS many_features,
	   provenance LIKE '%GoEmotions%Apache-2.0%emoji-emotion%MIT%' AS licences,
	   version ~ '^pg_empathy [0-9.]+, emotion model sha256 [0-9a-f]{12}$' AS version
FROM emotion_configs();

-- markings
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p WHERE p.proname LIKE 'emotion%' ORDER BY 1::text;
