-- issue 12: review_reasons() and review_trigger()
SET extra_float_digits = 0;
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- one example per code, and texts that need no person
SELECT t.config, t.body, review_reasons(t.body, t.config) AS reasons
FROM (VALUES
	('en', 'Great service, the agent fixed my router in five minutes.'),
	('en', 'Terrible experience, the package arrived broken.'),
	('en', 'I love the design but the battery life is terrible.'),
	('en', 'Oh great, the app crashed again.'),
	('en', 'Thanks for nothing.'),
	('en', 'Where is my order?'),
	('en', 'Please cancel the second subscription.'),
	('en', 'The parcel arrived on Tuesday.'),
	('en', 'Заказ пришёл сломанный, верните деньги.'),
	('en', 'Siparişim hala gelmedi ve kimse cevap vermiyor.'),
	('en', 'La commande est arrivée en retard et le colis était abîmé.'),
	('fr', 'La commande est arrivée en retard et le colis était abîmé.'),
	('auto', 'La commande est arrivée en retard et le colis était abîmé.'),
	('de', 'Sehr guter Service, vielen Dank.'),
	('auto', 'Die Lieferung war schnell und der Fahrer sehr freundlich.'),
	('en', 'The charger caught fire last night.'),
	('en', 'My lawyer will be in touch about this.'),
	('en', 'You are a bunch of idiots.'),
	('en', 'I want to speak to a human.'),
	('en', 'Fantastic, the heater caught fire again.'),
	('en', ''),
	('en', 'ok')) AS t(config, body);
SELECT review_reasons('Great, it broke again.') AS default_config, review_reasons(NULL) AS null_text;
SELECT pg_temp.err($$SELECT review_reasons('text', 'klingon')$$);
-- low_confidence follows pg_empathy.review_confidence (0 never, 1 always)
SELECT round(sentiment_confidence('I want to speak to a human.', 'en')::numeric, 3) AS confidence;
SET pg_empathy.review_confidence = 0;
SELECT review_reasons('I want to speak to a human.') AS at_0;
SET pg_empathy.review_confidence = 1;
SELECT review_reasons('Great service, the agent fixed my router in five minutes.') AS at_1;
RESET pg_empathy.review_confidence;
SELECT pg_temp.err($$SET pg_empathy.review_confidence = 1.5$$);
-- STABLE (reads the escalation rules and settings), STRICT, PARALLEL SAFE
SELECT provolatile, proisstrict, proparallel FROM pg_proc WHERE oid = 'review_reasons(text, text)'::regprocedure;
-- sensitive follows the escalation rules
INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('legal_threat', 'trading standards office', 3);
SELECT review_reasons('Reporting this to the trading standards office.');
DELETE FROM escalation_rules WHERE phrase = 'trading standards office' AND NOT builtin;
SELECT review_reasons('I called them and said thanks.');

-- review_trigger: rows needing a person are submitted; the item follows the row
CREATE ROLE regress_rt_rev;
CREATE ROLE regress_rt_writer;
GRANT empathy_agent TO regress_rt_rev;
SELECT reviewer FROM review_reviewer_add('regress_rt_rev', '{UK,FR}', '{en,fr}');
CREATE TABLE regress_msgs (id int PRIMARY KEY, market text, body text, note text);
GRANT INSERT, UPDATE, DELETE, SELECT ON regress_msgs TO regress_rt_writer;
CREATE TRIGGER regress_msgs_review AFTER INSERT OR UPDATE OR DELETE ON regress_msgs
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'auto', '2');
SELECT coalesce(max(id), 0) AS first_item FROM review_items \gset
SET ROLE regress_rt_writer;		-- writers need no rights on the review tables
INSERT INTO regress_msgs VALUES
	(1, 'UK', 'Great service, thank you.', NULL),
	(2, 'UK', 'Oh great, the app crashed again.', NULL),
	(3, 'FR', 'Merci pour rien, le colis est arrivé cassé.', NULL),
	(4, 'UK', 'The charger caught fire last night.', NULL),
	(5, NULL, 'Thanks for nothing.', NULL);
RESET ROLE;
SELECT id - :first_item AS n, source, source_column, row_key, language, region, reasons, panel_size, status
FROM review_items WHERE id > :first_item ORDER BY id;
SET ROLE regress_rt_writer;
UPDATE regress_msgs SET note = 'called back' WHERE id = 2;		-- another column: item stands
UPDATE regress_msgs SET id = 20 WHERE id = 2;					-- key change: item follows
UPDATE regress_msgs SET body = 'All fixed now, thanks a lot!' WHERE id = 4;	-- calm text: withdrawn
UPDATE regress_msgs SET body = 'Thanks for nothing, still broken.' WHERE id = 1;	-- now needs a person
DELETE FROM regress_msgs WHERE id = 3;							-- withdrawn
RESET ROLE;
SELECT id - :first_item AS n, row_key, reasons, status, outcome
FROM review_items WHERE id > :first_item ORDER BY id;
-- a reviewer who held a withdrawn item gets 55000
SET ROLE regress_rt_rev;
SELECT id - :first_item AS n FROM review_take();
RESET ROLE;
SET ROLE regress_rt_writer;
UPDATE regress_msgs SET body = 'Thanks for nothing at all.' WHERE id = 20;
RESET ROLE;
SET ROLE regress_rt_rev;
SELECT regexp_replace(pg_temp.err(format('SELECT review_answer(%s, %L)', :first_item + 1, 'negative')), '[0-9]+ is', 'N is') AS err;
RESET ROLE;

-- errors
CREATE TABLE regress_nopk (body text, market text);
CREATE TRIGGER regress_nopk_review AFTER INSERT ON regress_nopk
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market');
SELECT pg_temp.err($$INSERT INTO regress_nopk VALUES ('Thanks for nothing.', 'UK')$$);
CREATE TABLE regress_bad (id int PRIMARY KEY, body text, market text);
CREATE TRIGGER regress_bad_col AFTER INSERT ON regress_bad
	FOR EACH ROW EXECUTE FUNCTION review_trigger('bodyy', 'market');
SELECT pg_temp.err($$INSERT INTO regress_bad VALUES (1, 'Thanks for nothing.', 'UK')$$);
DROP TRIGGER regress_bad_col ON regress_bad;
CREATE TRIGGER regress_bad_panel AFTER INSERT ON regress_bad
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'en', '0');
SELECT pg_temp.err($$INSERT INTO regress_bad VALUES (1, 'Thanks for nothing.', 'UK')$$);
DROP TRIGGER regress_bad_panel ON regress_bad;
CREATE TRIGGER regress_bad_args AFTER INSERT ON regress_bad
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body');
SELECT pg_temp.err($$INSERT INTO regress_bad VALUES (1, 'Thanks for nothing.', 'UK')$$);
DROP TRIGGER regress_bad_args ON regress_bad;
CREATE TRIGGER regress_bad_before BEFORE INSERT ON regress_bad
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market');
SELECT pg_temp.err($$INSERT INTO regress_bad VALUES (1, 'Thanks for nothing.', 'UK')$$);
DROP TRIGGER regress_bad_before ON regress_bad;
CREATE TRIGGER regress_bad_config AFTER INSERT ON regress_bad
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'klingon');
SELECT pg_temp.err($$INSERT INTO regress_bad VALUES (1, 'Thanks for nothing.', 'UK')$$);
DROP TRIGGER regress_bad_config ON regress_bad;
-- only empathy_admin members attach it
GRANT CREATE ON SCHEMA public TO regress_rt_writer;
SET ROLE regress_rt_writer;
CREATE TABLE regress_own (id int PRIMARY KEY, body text, market text);
SELECT pg_temp.err($$CREATE TRIGGER t AFTER INSERT ON regress_own FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market')$$);
DROP TABLE regress_own;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM regress_rt_writer;

DROP TABLE regress_msgs, regress_nopk, regress_bad;
DROP ROLE regress_rt_rev, regress_rt_writer;
