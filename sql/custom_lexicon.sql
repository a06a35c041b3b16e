--
-- Custom lexicons: drafts, publishing, frozen versions, every bad entry's error, and an
-- expression index that stays right when the lexicon gets a new version.
--
\set VERBOSITY default

-- a draft: words (new, overriding, neutralised) and phrases, for a base configuration
INSERT INTO sentiment_lexicon_entry (lexicon, term, valence) VALUES
	('acme', 'pending', -1.5),		-- new word
	('acme', 'Escalated', -2),		-- case does not matter
	('acme', 'great', 0),			-- 0: no longer a sentiment word
	('acme', 'love', 1.2),			-- weaker than the built-in 3.2
	('acme', 'kiss of death', 1),	-- overrides a built-in phrase
	('acme', 'top notch', 2.5);		-- a new phrase
SELECT sentiment_lexicon_publish('acme', 'en-rules', 'first version');
SELECT name, base, terms, valences, comment, published_by = current_user AS by_me
FROM sentiment_lexicon WHERE name LIKE 'acme@%' ORDER BY name;

-- scoring with it, next to its base
SELECT t AS body, sentiment_score(t, 'en-rules') AS en_rules, sentiment_score(t, 'acme@1') AS acme
FROM unnest(ARRAY['Your refund is pending', 'Ticket ESCALATED again', 'great support',
				  'I love it', 'the kiss of death', 'top notch service', 'not pending anymore',
				  'nothing custom here, thanks']) t;
SELECT * FROM sentiment('Your refund is pending', 'acme@1');
SELECT ord, token, lexicon_valence, valence, rules
FROM sentiment_explain('top notch, but still pending', 'acme@1');
SELECT sentiment_tokens('Escalated, pending!', 'acme@1');

-- the names: versions are separate configurations; unknown ones are errors
SELECT sentiment_score('pending', 'acme@2');
SELECT sentiment_score('pending', 'acme');
SELECT sentiment_score('pending', 'Acme@1');
SELECT sentiment_score('pending', 'acme@01');
SELECT sentiment_score('pending', 'other@1');

-- a published version is frozen
UPDATE sentiment_lexicon SET valences = '{0,0,0,0,0,0}' WHERE name = 'acme@1';
DELETE FROM sentiment_lexicon WHERE name = 'acme@1';
TRUNCATE sentiment_lexicon;

-- an expression index built with acme@1
CREATE TABLE cl_feedback (id int PRIMARY KEY, body text);
INSERT INTO cl_feedback VALUES (1, 'Refund pending for weeks'), (2, 'Great support, thanks'),
	(3, 'Escalated to a manager'), (4, 'Delivered on time'), (5, 'top notch staff');
CREATE INDEX cl_feedback_acme ON cl_feedback ((sentiment_score(body, 'acme@1')));
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM cl_feedback WHERE sentiment_score(body, 'acme@1') < 0;
SELECT id FROM cl_feedback WHERE sentiment_score(body, 'acme@1') < 0 ORDER BY id;

-- the lexicon changes: "pending" becomes neutral, "escalated" positive; that is version 2
UPDATE sentiment_lexicon_entry SET valence = 0 WHERE lexicon = 'acme' AND term = 'pending';
UPDATE sentiment_lexicon_entry SET valence = 1 WHERE lexicon = 'acme' AND term = 'Escalated';
SELECT sentiment_lexicon_publish('acme', 'en-rules');
-- the index on version 1 still returns exactly the rows version 1 gives ...
SELECT id FROM cl_feedback WHERE sentiment_score(body, 'acme@1') < 0 ORDER BY id;
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM cl_feedback WHERE sentiment_score(body, 'acme@1') < 0;
SELECT id FROM cl_feedback WHERE sentiment_score(body, 'acme@1') < 0 ORDER BY id;
-- ... and version 2 scores the new way
SELECT id, sentiment_score(body, 'acme@1') AS v1, sentiment_score(body, 'acme@2') AS v2
FROM cl_feedback ORDER BY id;
RESET enable_indexscan;
RESET enable_bitmapscan;
DROP TABLE cl_feedback;

-- parallel query: workers build the lexicon too (with the query's snapshot)
CREATE TABLE cl_parallel AS SELECT i AS id, (ARRAY['pending again', 'top notch', 'escalated', 'fine'])[1 + i % 4] AS body
FROM generate_series(1, 2000) i;
ALTER TABLE cl_parallel SET (parallel_workers = 2);
ANALYZE cl_parallel;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT sum(sentiment_score(body, 'acme@1')) FROM cl_parallel;
SELECT round(sum(sentiment_score(body, 'acme@1'))::numeric, 4) AS parallel_sum FROM cl_parallel;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT round(sum(sentiment_score(body, 'acme@1'))::numeric, 4) AS serial_sum FROM cl_parallel;
DROP TABLE cl_parallel;

-- a rolled-back publish leaves no trace, also not in this session's cache
BEGIN;
INSERT INTO sentiment_lexicon_entry VALUES ('acme', 'refund', 3);
SELECT sentiment_lexicon_publish('acme', 'en-rules');
SELECT sentiment_score('refund', 'acme@3');
ROLLBACK;
SELECT sentiment_score('refund', 'acme@3');
INSERT INTO sentiment_lexicon_entry VALUES ('acme', 'refund', -3);
SELECT sentiment_lexicon_publish('acme', 'en-rules');
SELECT sentiment_score('refund', 'acme@3');

-- other bases: words only (phrases need 'en-rules'), the base's own rules still apply
INSERT INTO sentiment_lexicon_entry VALUES ('acme_fr', 'colis', -1), ('acme_fr', 'top', 2);
SELECT sentiment_lexicon_publish('acme_fr', 'fr');
SELECT sentiment_score('Le colis', 'fr') AS fr, sentiment_score('Le colis', 'acme_fr@1') AS acme,
	   sentiment_score('Pas top', 'acme_fr@1') AS negated;

-- bad entries: each a clear error with its own SQLSTATE (messages with details above)
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
SELECT n, pg_temp.try(q) AS result FROM unnest(ARRAY[
	-- drafts: table constraints
	$$INSERT INTO sentiment_lexicon_entry VALUES ('acme', 'way too good', 5)$$,
	$$INSERT INTO sentiment_lexicon_entry VALUES ('acme', 'nan', 'NaN')$$,
	$$INSERT INTO sentiment_lexicon_entry VALUES ('acme', '   ', 1)$$,
	$$INSERT INTO sentiment_lexicon_entry VALUES ('Acme', 'x', 1)$$,
	$$INSERT INTO sentiment_lexicon_entry VALUES ('acme', 'pending', 1)$$,
	-- published versions: the guard checks every entry as the scorer will read it
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{x}', '{4.5}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{x}', '{-Infinity}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{"", x}', '{1, 1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{x, "  "}', '{1, 1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{Wow, "wow!"}', '{1, 2}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{"top  notch", "Top notch."}', '{1, 2}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'nowhere', '{x}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'auto', '{x}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'acme@1', '{x}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', NULL, '{x}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'de', '{"sehr gut"}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{"one two three four five"}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{"love 😀"}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{x, y}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{x, NULL}', '{1, 2}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{x, y}', '{1, NULL}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{{x}}', '{{1}}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{x}', NULL)$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', ARRAY[repeat('x', 201)], '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) SELECT 'bad@1', 'en-rules', array_agg('w' || i), array_agg(1.0::float8) FROM generate_series(1, 50001) i$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad', 'en-rules', '{x}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@0', 'en-rules', '{x}', '{1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('acme@1', 'en-rules', '{x}', '{1}')$$,
	-- publishing
	$$SELECT sentiment_lexicon_publish('nothing', 'en-rules')$$,
	$$SELECT sentiment_lexicon_publish('acme', 'nowhere')$$,
	$$SELECT sentiment_lexicon_publish('Bad Name', 'en-rules')$$,
	$$SELECT sentiment_lexicon_publish(NULL, 'en-rules')$$,
	$$SELECT sentiment_lexicon_publish('acme', NULL)$$
]) WITH ORDINALITY AS t(q, n) ORDER BY n;
SELECT count(*) AS bad_rows FROM sentiment_lexicon WHERE name LIKE 'bad%';
-- rule words: a booster or dampener ("very", "barely") has no valence in the scorer, only a
-- scalar on the next sentiment word, so a valence for it is refused (not silently ignored);
-- under VADER's rules ('en-rules') a word with a valence does not negate, so negations are refused too
SELECT n, pg_temp.try(q) AS result FROM unnest(ARRAY[
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{ok, Very}', '{1, 2}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{barely}', '{0}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'de', '{gut, Sehr}', '{1, 1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'en-rules', '{Never}', '{-1}')$$,
	$$INSERT INTO sentiment_lexicon (name, base, terms, valences) VALUES ('bad@1', 'vader', '{not}', '{0}')$$
]) WITH ORDINALITY AS t(q, n) ORDER BY n;
INSERT INTO sentiment_lexicon_entry VALUES ('acme_boost', 'very', 2);
SELECT sentiment_lexicon_publish('acme_boost', 'en-rules');
DELETE FROM sentiment_lexicon_entry WHERE lexicon = 'acme_boost';
INSERT INTO sentiment_lexicon_entry VALUES ('acme_boost', 'never', -1);
SELECT sentiment_lexicon_publish('acme_boost', 'en-rules');
DELETE FROM sentiment_lexicon_entry WHERE lexicon = 'acme_boost';
-- a contrastive word takes a valence and keeps the "but" rule; a negation of a language
-- configuration takes a valence and keeps negating
INSERT INTO sentiment_lexicon_entry VALUES ('acme_rules', 'but', 0.5), ('acme_rules_fr', 'pas', -0.5);
SELECT sentiment_lexicon_publish('acme_rules', 'en-rules'), sentiment_lexicon_publish('acme_rules_fr', 'fr-rules');
SELECT t AS body, sentiment_score(t, 'en-rules') AS en_rules, sentiment_score(t, 'acme_rules@1') AS acme
FROM unnest(ARRAY['but', 'good but slow', 'slow but good']) t;
SELECT t AS body, sentiment_score(t, 'fr-rules') AS fr_rules, sentiment_score(t, 'acme_rules_fr@1') AS acme_fr
FROM unnest(ARRAY['pas', 'bon', 'pas bon']) t;

-- the escalation check reads custom lexicons too (its sentiment part)
SELECT (escalation_check('Refund pending again', 'en-rules')).sentiment AS en_rules,
	   (escalation_check('Refund pending again', 'acme@1')).sentiment AS acme;

-- over the learned default 'en': the model reads the rule scores of the lexicon's words (its
-- 'rules:*' features), so a custom word moves the score in its direction without setting it;
-- a text without custom words scores as in 'en'.  Aspect clauses use the lexicon with the rules.
INSERT INTO sentiment_lexicon_entry VALUES ('acme_learned', 'pending', -3), ('acme_learned', 'escalated', -3);
SELECT sentiment_lexicon_publish('acme_learned', 'en');
SELECT t AS body, sentiment_score(t, 'en') AS en, sentiment_score(t, 'acme_learned@1') AS acme_learned,
       sentiment_score(t, 'acme_learned@1') < sentiment_score(t, 'en') AS lower
FROM unnest(ARRAY['Your refund is pending', 'Ticket ESCALATED again']) t;
SELECT sentiment_score('nothing custom here, thanks', 'acme_learned@1') = sentiment_score('nothing custom here, thanks', 'en') AS same_without_custom_words;
SELECT token, lexicon_valence FROM sentiment_explain('Your refund is pending', 'acme_learned@1')
WHERE token LIKE 'rules:%' ORDER BY token;
SELECT token, lexicon_valence FROM sentiment_explain('Your refund is pending', 'en')
WHERE token LIKE 'rules:%' ORDER BY token;
SELECT aspect, compound FROM sentiment_aspects('The delivery is pending.', 'cx', 'acme_learned@1');

-- the catalog: honest markings
SELECT p.proname, p.provolatile, p.proparallel, p.prosecdef
FROM pg_proc p WHERE p.proname LIKE 'sentiment_lexicon%' ORDER BY 1;
SELECT relname, (SELECT array_agg(tgname ORDER BY tgname) FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT tgisinternal) AS triggers
FROM pg_class c WHERE relname IN ('sentiment_lexicon', 'sentiment_lexicon_entry') ORDER BY 1;

DELETE FROM sentiment_lexicon_entry;
