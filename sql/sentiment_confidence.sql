-- sentiment_confidence() and sentiment_coverage() for every configuration (issue 15).
SET extra_float_digits = 0;

-- a rule configuration ('en-rules'): the share of right labels measured at that compound
-- score; it grows with |compound| on each side, and the neutral band has one value
SELECT body, round(sentiment_score(body, 'en-rules')::numeric, 4) AS compound,
       round(sentiment_confidence(body, 'en-rules')::numeric, 4) AS confidence,
       round(sentiment_coverage(body, 'en-rules')::numeric, 4) AS coverage
FROM (VALUES ('The support team was great and fixed it quickly!'), ('good'), ('ok thanks'),
             ('How do I change my address?'), ('the parcel arrived on tuesday'),
             ('a bit slow'), ('The app keeps crashing'), ('This is the worst, most useless service ever!!!'),
             ('')) t(body);
SELECT sentiment_confidence('good', 'en-rules') <= sentiment_confidence('very good!', 'en-rules') AS stronger_not_less_sure,
       sentiment_confidence('bad', 'en-rules') <= sentiment_confidence('awful, terrible!!', 'en-rules') AS neg_stronger_not_less_sure,
       sentiment_confidence('', 'en-rules') = sentiment_confidence('the parcel arrived', 'en-rules') AS neutral_band_one_value;
-- the default, the learned 'en': the probability of its most probable class (0 for an empty text)
SELECT body, round(sentiment_score(body)::numeric, 4) AS compound,
       round(sentiment_confidence(body)::numeric, 4) AS confidence
FROM (VALUES ('The support team was great and fixed it quickly!'), ('How do I change my address?'),
             ('the parcel arrived on tuesday'), ('The app keeps crashing'), ('')) t(body);
SELECT sentiment_confidence('good') = sentiment_confidence('good', 'en') AS default_is_en;

-- every configuration answers in [0, 1]; the same text in other languages
SELECT c.name, bool_and(sentiment_confidence(b, c.name) BETWEEN 0 AND 1) AS conf_in_0_1,
       bool_and(sentiment_coverage(b, c.name) BETWEEN 0 AND 1) AS cov_in_0_1,
       count(DISTINCT sentiment_confidence(b, c.name)) > 1 AS conf_varies
FROM sentiment_configs() c,
     unnest(ARRAY['great, thank you so much!', 'terrible, never again', 'super, merci beaucoup !',
                  'muy malo, nunca más', 'sehr gut, danke', 'pessimo servizio', 'ótimo atendimento',
                  'heel goed', 'mycket dåligt', 'bardzo dobrze', '']) b
GROUP BY c.name ORDER BY c.name;
SELECT sentiment_confidence('super, merci beaucoup !', 'auto') = sentiment_confidence('super, merci beaucoup !', 'fr') AS auto_resolves;

-- coverage of a rule configuration: lexicon, negation, booster and contrast words
SELECT sentiment_coverage('great awful', 'vader') AS two_known,
       sentiment_coverage('great table', 'vader') AS half,
       sentiment_coverage('not very nice table', 'en-rules') AS three_of_four,
       sentiment_coverage('xqzv wrpt', 'en-rules') AS none,
       sentiment_coverage('', 'en-rules') AS empty;

-- NULL in, NULL out; an unknown configuration is an error
SELECT sentiment_confidence(NULL) IS NULL AS n1, sentiment_coverage(NULL, 'en') IS NULL AS n2,
       sentiment_confidence('x', NULL) IS NULL AS n3;
SELECT sentiment_confidence('fine', 'klingon');
SELECT sentiment_coverage('fine', 'klingon');

-- catalog: volatility, strictness, parallel safety, comments
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS has_comment
FROM pg_proc p
WHERE p.proname IN ('sentiment_confidence', 'sentiment_coverage')
ORDER BY 1::text;
