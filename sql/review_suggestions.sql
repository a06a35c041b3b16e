-- issue 12: lexicon_suggestions() learns from human disagreement (weighted log-odds, Monroe et al. 2008)
SET extra_float_digits = 0;
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE TABLE regress_posts (id int PRIMARY KEY, body text);
INSERT INTO regress_posts VALUES
	(1, 'This update is sick, the new camera is wild.'),
	(2, 'Sick phone, battery lasts forever.'),
	(3, 'The new app is sick and so fast.'),
	(4, 'Honestly sick design, love the colours.'),
	(5, 'Wild how fast the delivery was, sick service.'),
	(6, 'Great service and a friendly agent.'),
	(7, 'Terrible support, nobody answered.'),
	(8, 'The parcel was late and damaged.'),
	(9, 'Happy with the phone, good battery.'),
	(10, 'Awful app, it crashes every day.'),
	(11, 'I feel sick after the meal.'),
	(12, 'Nice camera and a good price.');
-- humans label every post; the machine is wrong on the slang ones
SELECT count(*) FROM (
	SELECT review_label('regress_posts', jsonb_build_object('id', id::text),
						CASE WHEN id IN (7, 8, 10, 11) THEN 'negative' ELSE 'positive' END,
						CASE WHEN id IN (7, 8, 10, 11) THEN -0.6 ELSE 0.6 END, body => body)
	FROM regress_posts) s;
SELECT count(*) FILTER (WHERE machine_label <> label) AS disagree, count(*) FILTER (WHERE machine_label = label) AS agree
FROM review_labels WHERE source = 'regress_posts'::regclass;
SELECT term, disagree_count, agree_count, round(log_odds::numeric, 6) AS log_odds, round(z::numeric, 6) AS z,
	   round(human_minus_machine::numeric, 4) AS human_minus_machine, proposed_valence, lexicon_valence
FROM lexicon_suggestions('en', min_count => 2, max_terms => 6, source => 'regress_posts');
SELECT term, round(z::numeric, 6) AS z FROM lexicon_suggestions('en', min_count => 1, max_terms => 1000, source => 'regress_posts') WHERE term = 'sick';
-- the same z for "sick", computed here from the formula with counts taken by hand from the
-- tokens (independent of the function's query)
WITH t AS (
	SELECT l.machine_label <> l.label AS dis, lower(tok) AS tok, ord
	FROM review_labels l, unnest(sentiment_tokens(l.body, 'en')) WITH ORDINALITY AS u(tok, ord)
	WHERE l.source = 'regress_posts'::regclass),
n AS (SELECT count(*) FILTER (WHERE dis) AS nd, count(*) FILTER (WHERE NOT dis) AS na FROM t),
bigrams AS (SELECT count(*) AS nb, count(*) FILTER (WHERE dis) AS nbd FROM (
	SELECT l.machine_label <> l.label AS dis FROM review_labels l,
	generate_series(1, cardinality(sentiment_tokens(l.body, 'en')) - 1) WHERE l.source = 'regress_posts'::regclass) s),
w AS (SELECT count(*) FILTER (WHERE dis AND tok = 'sick') AS yd, count(*) FILTER (WHERE NOT dis AND tok = 'sick') AS ya FROM t),
p AS (SELECT yd, ya, nd + nbd AS nd, na + nb - nbd AS na, 100.0 * (yd + ya) / (nd + na + nb) AS a FROM w, n, bigrams)
SELECT round(((ln((yd + a) / (nd + 100 - yd - a)) - ln((ya + a) / (na + 100 - ya - a))) / sqrt(1 / (yd + a) + 1 / (ya + a)))::numeric, 6) AS z_sick
FROM p;
-- nothing was changed: scoring is the same
SELECT sentiment_score('This update is sick.') AS still_machine;
-- errors
SELECT pg_temp.err($$SELECT * FROM lexicon_suggestions('klingon')$$);
SELECT pg_temp.err($$SELECT * FROM lexicon_suggestions('en', 0)$$);
SELECT pg_temp.err($$SELECT * FROM lexicon_suggestions('en', 2, 0)$$);
SELECT pg_temp.err($$SELECT * FROM lexicon_suggestions('en', 2, 'Infinity')$$);
SELECT pg_temp.err($$SELECT * FROM lexicon_suggestions('en', 2, 100, 0)$$);
SELECT count(*) AS nothing_for_fr FROM lexicon_suggestions('fr');
CREATE ROLE regress_sg_agent;
GRANT empathy_agent TO regress_sg_agent;
SET ROLE regress_sg_agent;
SELECT pg_temp.err($$SELECT * FROM lexicon_suggestions()$$);
RESET ROLE;
DROP ROLE regress_sg_agent;
DROP TABLE regress_posts;
-- DROP EXTENSION would delete the review history too: refused while it holds rows
BEGIN;
TRUNCATE escalation_queue;
SELECT regexp_replace(pg_temp.err($$DROP EXTENSION pg_empathy_workflow$$), 'hold [0-9]+ rows', 'hold N rows') AS err;
ROLLBACK;
