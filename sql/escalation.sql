-- escalation_check(), rules, GUCs, conversation_escalation(), trigger, queue, agent functions
SET extra_float_digits = 0;
-- error helper: SQLSTATE and message, so expected output does not depend on source lines
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE FUNCTION pg_temp.chk(m text) RETURNS TABLE (escalate boolean, severity int, reasons text[], matched text[])
	LANGUAGE sql AS $$ SELECT e.escalate, e.severity, e.reasons, e.matched FROM escalation_check(m) e $$;

-- one message per reason code that phrases fire
SELECT m, c.* FROM (VALUES
	('I want to speak to a human, now.'),
	('Please close my account, I am switching to another provider.'),
	('My lawyer will hear about this.'),
	('This is the third time I have written to you.'),
	('That did not help, the bot keeps sending the same link.'),
	('Shut up and fix it.'),
	('The charger caught fire on my desk.'),
	('Urgent: our website is down!')) v(m), pg_temp.chk(m) c;

-- negative_sentiment comes from the score, with the signal in matched
SELECT * FROM escalation_check('This is the worst service ever, absolutely terrible and disgusting.');

-- must not fire: words are matched whole, never as substrings, and exception phrases hold
SELECT m, c.* FROM (VALUES
	('Our human resources team needs the invoices.'),
	('We are a law firm and want a quote.'),
	('This is our fourth year as customers.'),
	('The firework show was lovely.'),
	('I need a human resources contact for the contract.'),
	('The smoke alarm I bought works.'),
	('Please cancel my order for the blue one, I ordered the red one instead.')) v(m), pg_temp.chk(m) c;

-- negation counts within three words in the same clause; ability is not negation
SELECT m, c.* FROM (VALUES
	('I''m not going to cancel.'),
	('I won''t cancel, don''t worry.'),
	('This is not urgent.'),
	('I don''t need a human.'),
	('I can''t cancel my account in the app.'),
	('No. I will cancel today.'),
	('Not sure why, but I want to cancel.')) v(m), pg_temp.chk(m) c;

-- case, edge punctuation and the curly apostrophe do not matter; inner punctuation keeps one word
SELECT m, c.* FROM (VALUES
	('SPEAK TO A HUMAN!!!'),
	('That didn’t help.'),
	('"cancel."'),
	('escalate,please')) v(m), pg_temp.chk(m) c;

-- STRICT: NULL in, NULL out
SELECT escalation_check(NULL) IS NULL AS n1, escalation_check('cancel', NULL) IS NULL AS n2,
	   escalation_check('cancel', 'en-rules', NULL) IS NULL AS n3;
-- empty and punctuation-only text
SELECT * FROM escalation_check('');
SELECT * FROM escalation_check('?!...');
-- large input: linear in the number of matches (exceptions are painted, not compared pairwise)
SELECT e.severity, e.reasons, e.matched FROM escalation_check(repeat('human resources, need a human! cancel? ', 100000)) e;
-- other configuration
SELECT escalate, reasons FROM escalation_check('I want to cancel', 'vader');
-- bad arguments
SELECT pg_temp.err($$SELECT escalation_check('x', 'klingon')$$);
SELECT pg_temp.err($$SELECT escalation_check('x', 'en-rules', -1.5)$$);
SELECT pg_temp.err($$SELECT escalation_check('x', 'en-rules', 'NaN')$$);

-- thresholds: per call, and the pg_empathy.* settings
SELECT escalate, reasons FROM escalation_check('I am quite disappointed with this.', 'en-rules', -0.2);
SELECT escalate, reasons FROM escalation_check('I am quite disappointed with this.');
SHOW pg_empathy.negative_threshold;
SHOW pg_empathy.drop_threshold;
SHOW pg_empathy.repeat_threshold;
SHOW pg_empathy.escalation_min_severity;
SET pg_empathy.negative_threshold = -0.2;
SELECT escalate, reasons FROM escalation_check('I am quite disappointed with this.');
RESET pg_empathy.negative_threshold;
SELECT escalate, reasons FROM escalation_check('I am quite disappointed with this.');
SET pg_empathy.escalation_min_severity = 3;
SELECT escalate, severity, reasons FROM escalation_check('I want to cancel.');
SELECT escalate, severity, reasons FROM escalation_check('I will call my lawyer.');
RESET pg_empathy.escalation_min_severity;
SELECT pg_temp.err($$SET pg_empathy.negative_threshold = 2$$);
SELECT pg_temp.err($$SET pg_empathy.repeat_threshold = 1$$);
SELECT pg_temp.err($$SET pg_empathy.no_such_setting = 1$$);

-- rules: built-in set covers every phrase-fired reason code
SELECT reason, count(*) FILTER (WHERE severity > 0) AS phrases, count(*) FILTER (WHERE severity = 0) AS exceptions
FROM escalation_rules WHERE builtin AND language = 'en' GROUP BY reason ORDER BY reason;
SELECT count(*) = (SELECT count(*) FROM escalation_builtin_rules()) AS all_builtin_installed
FROM escalation_rules WHERE builtin AND language = 'en';

-- edits take effect in the same session (cache invalidated by the statement trigger)
SELECT escalate, reasons FROM escalation_check('I will file a chargeback and move to Acme Telecom.');
INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('churn_risk', 'Acme Telecom', 3);
SELECT escalate, severity, reasons, matched FROM escalation_check('I will move to Acme Telecom.');
-- disable a built-in rule, then re-enable it
UPDATE escalation_rules SET enabled = false WHERE builtin AND phrase = 'cancel';
SELECT escalate, reasons FROM escalation_check('I want to cancel.');
UPDATE escalation_rules SET enabled = true WHERE builtin AND phrase = 'cancel';
SELECT escalate, reasons FROM escalation_check('I want to cancel.');
-- a user row overrides the built-in row of the same phrase (the way that survives pg_dump)
INSERT INTO escalation_rules (reason, phrase, enabled) VALUES ('churn_risk', 'cancel', false);
SELECT escalate, reasons FROM escalation_check('I want to cancel.');
DELETE FROM escalation_rules WHERE NOT builtin AND phrase = 'cancel';
SELECT escalate, reasons FROM escalation_check('I want to cancel.');
-- an exception phrase of the user's
INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('urgency', 'emergency contact', 0);
SELECT escalate, reasons FROM escalation_check('Please update my emergency contact details.');
SELECT escalate, reasons FROM escalation_check('This is an emergency.');
-- an edit rolled back is gone again
BEGIN;
INSERT INTO escalation_rules (reason, phrase) VALUES ('churn_risk', 'banana');
SELECT escalate, reasons FROM escalation_check('banana');
ROLLBACK;
SELECT escalate, reasons FROM escalation_check('banana');
-- deleted built-in rows come back with escalation_rules_reset()
DELETE FROM escalation_rules WHERE builtin AND reason = 'legal_threat' AND language = 'en';
SELECT escalate, reasons FROM escalation_check('My lawyer will call.');
UPDATE escalation_rules SET enabled = false WHERE builtin AND phrase = 'urgent';
SELECT escalation_rules_reset() AS restored;
SELECT escalate, reasons FROM escalation_check('My lawyer will call, it is urgent.');
TRUNCATE escalation_rules;
SELECT escalate, reasons FROM escalation_check('My lawyer will call.');
SELECT escalation_rules_reset() = (SELECT count(*) FROM escalation_builtin_rules()) +
	(SELECT count(*) FROM escalation_builtin_rules_i18n()) AS all_restored;
SELECT escalate, reasons FROM escalation_check('My lawyer will call.');
-- constraints of the table
SELECT pg_temp.err($$INSERT INTO escalation_rules (reason, phrase) VALUES ('grumpy', 'meh')$$);
SELECT pg_temp.err($$INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('abuse', 'meh', 4)$$);
SELECT pg_temp.err($$INSERT INTO escalation_rules (reason, phrase) VALUES ('abuse', '  ')$$);
-- a phrase is what the tokenizer makes of it: punctuation alone is kept as a word
INSERT INTO escalation_rules (reason, phrase) VALUES ('abuse', '!!!');
SELECT escalate FROM escalation_check('!!!');
DELETE FROM escalation_rules WHERE NOT builtin;
-- pg_dump keeps user rules and the queue
SELECT unnest(extconfig)::regclass AS config_table, unnest(extcondition) AS dump_filter
FROM pg_extension WHERE extname = 'pg_empathy_workflow' ORDER BY 1::text;

-- conversation_escalation(): a scripted conversation
CREATE TABLE conv (conversation_id int, sent_at timestamptz, author text, body text);
INSERT INTO conv VALUES
	(1, '2026-01-01 10:00', 'customer', 'Hi, thanks for the quick reply yesterday, great service! How do I reset my router?'),
	(1, '2026-01-01 10:01', 'bot', 'You can reset your router from the Settings page under Network.'),
	(1, '2026-01-01 10:02', 'customer', 'I did that. How do I reset my router?'),
	(1, '2026-01-01 10:03', 'bot', 'You can reset your router from the Settings page under Network.'),
	(1, '2026-01-01 10:04', 'customer', 'This is awful. How do I reset my router?? Terrible.'),
	(1, '2026-01-01 10:05', 'agent', 'Sorry about that, I can cancel the visit and escalate to our engineers.'),
	(2, '2026-01-02 09:00', 'customer', 'Hello, where is my parcel?'),
	(2, '2026-01-02 09:01', 'agent', 'It arrives tomorrow.'),
	(2, '2026-01-02 09:02', 'customer', 'Great, thank you!');
SELECT conversation_id, (e).*
FROM (SELECT conversation_id, conversation_escalation(body, author ORDER BY sent_at) AS e
	  FROM conv GROUP BY conversation_id) s ORDER BY conversation_id;
-- without authors everything is the customer's (the agent's "cancel" and "escalate" now count)
SELECT (e).escalate, (e).reasons, (e).messages, (e).customer_messages
FROM (SELECT conversation_escalation(body ORDER BY sent_at) AS e FROM conv WHERE conversation_id = 1) s;
-- per-call thresholds: a lower negative threshold, a higher drop threshold, repeat count 3
-- (the customer asked three times: repeat_contact stays; the bot said it twice: ai_failure goes)
SELECT (e).reasons, (e).largest_drop
FROM (SELECT conversation_escalation(body, author, 'en-rules', -0.95, 1.9, 3 ORDER BY sent_at) AS e
	  FROM conv WHERE conversation_id = 1) s;
-- the settings work for the aggregate too
SET pg_empathy.drop_threshold = 1.9;
SET pg_empathy.repeat_threshold = 5;
SELECT (e).reasons
FROM (SELECT conversation_escalation(body, author ORDER BY sent_at) AS e FROM conv WHERE conversation_id = 1) s;
RESET pg_empathy.drop_threshold;
RESET pg_empathy.repeat_threshold;
-- "I already contacted you" fires repeat_contact from one message; the longest negative run
SELECT (e).reasons, (e).longest_negative_run, (e).min_sentiment
FROM (SELECT conversation_escalation(b, 'customer' ORDER BY n) AS e
	  FROM (VALUES (1, 'This is bad.'), (2, 'Still bad, sad and annoying.'), (3, 'Horrible.'),
				   (4, 'OK fine.'), (5, 'I already contacted you yesterday.')) v(n, b)) s;
-- as a window function: the final function leaves the state alone between rows
SELECT n, (conversation_escalation(b, a) OVER (ORDER BY n)).reasons
FROM (VALUES (1, 'Great, thanks! How do I pair my new headphones?', 'customer'),
			 (2, 'Hold the power button for five seconds.', 'bot'),
			 (3, 'Hold the power button for five seconds.', 'bot'),
			 (4, 'How do I pair my new headphones? This is terrible.', 'customer')) v(n, b, a);
-- NULL messages are skipped, NULL author is the customer; no rows gives NULL
SELECT (e).messages, (e).customer_messages
FROM (SELECT conversation_escalation(b, a ORDER BY n) AS e
	  FROM (VALUES (1, NULL, 'bot'), (2, 'hello', NULL), (3, 'hi', 'agent')) v(n, b, a)) s;
SELECT conversation_escalation(body, author ORDER BY sent_at) IS NULL AS is_null FROM conv WHERE false;
-- only bot and agent messages: no customer sentiment
SELECT (e).escalate, (e).sentiment, (e).first_sentiment, (e).messages
FROM (SELECT conversation_escalation(b, 'agent') AS e FROM (VALUES ('We will cancel it.')) v(b)) s;
-- bad arguments
SELECT pg_temp.err($$SELECT conversation_escalation(body, 'robot') FROM conv$$);
SELECT pg_temp.err($$SELECT conversation_escalation(body, author, 'en-rules', -0.5, 3, 2) FROM conv$$);
SELECT pg_temp.err($$SELECT conversation_escalation(body, author, 'en-rules', -0.5, 0.5, 1) FROM conv$$);
SELECT pg_temp.err($$SELECT conversation_escalation(body, author, NULL, -0.5, 0.5, 2) FROM conv$$);
SELECT pg_temp.err($$SELECT conversation_escalation(body, author, 'xx', -0.5, 0.5, 2) FROM conv$$);

-- the handoff: trigger, queue, NOTIFY payload shape, agent functions
CREATE TABLE tickets (id bigserial PRIMARY KEY, customer text, body text);
CREATE TRIGGER tickets_escalation AFTER INSERT OR UPDATE OF body ON tickets
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO tickets (customer, body) VALUES
	('ann', 'Thanks, all good!'),
	('bob', 'I want to cancel, and I want to speak to a human.'),
	('cy', 'My lawyer will be in touch.'),
	('dee', NULL),
	('eve', 'Where is my parcel?');
SELECT id, source, row_key, reasons, matched, severity, language, status FROM escalation_queue ORDER BY id;
-- the row key joins back to the source row
SELECT t.customer, q.reasons FROM escalation_queue q JOIN tickets t ON t.id = (q.row_key->>'id')::bigint ORDER BY q.id;
-- an update of the text refreshes the open entry (one per row); same text again: nothing
UPDATE tickets SET body = 'Where is my parcel? This is the third time I ask!' WHERE customer = 'eve';
UPDATE tickets SET body = 'I want to cancel, and I want to speak to a human.' WHERE customer = 'bob';
UPDATE tickets SET body = 'Where is my parcel? This is the third time I ask! Urgent.' WHERE customer = 'eve';
UPDATE tickets SET customer = 'eve2' WHERE customer = 'eve';
SELECT id, row_key, reasons, updated_at IS NOT NULL AS updated FROM escalation_queue ORDER BY id;
-- agents take the most severe, oldest first
SELECT id, status, taken_by, reasons FROM escalation_take('alice');
SELECT id, status, taken_by, reasons FROM escalation_take('bob');
SELECT id, status, taken_by, reasons FROM escalation_take('carol', 3);
SELECT pg_temp.err($$SELECT escalation_resolve(1, 'refunded', 'alice')$$);
SELECT id, status, outcome, resolved_by FROM escalation_resolve(2, 'called back, kept the customer', 'alice');
SELECT pg_temp.err($$SELECT escalation_resolve(2, 'again', 'alice')$$);
SELECT pg_temp.err($$SELECT escalation_resolve(99, 'x', 'alice')$$);
SELECT pg_temp.err($$SELECT escalation_resolve(1, '', 'bob')$$);
SELECT id, status, taken_by FROM escalation_release(1, 'bob');
SELECT pg_temp.err($$SELECT escalation_release(1, 'bob')$$);
SELECT id, status, taken_by FROM escalation_take('dave');
SELECT id, status, taken_by FROM escalation_take('erin');
SELECT count(*) AS nothing_left FROM escalation_take('frank');
-- a resolved row that escalates again gets a new entry
UPDATE tickets SET body = 'Still waiting. I will take you to court.' WHERE customer = 'cy';
SELECT id, row_key, status, reasons FROM escalation_queue ORDER BY id;
-- human corrections: reports read escalation_review
SELECT id, corrected_label, corrected_score, corrected_by FROM escalation_correct(2, 'neutral', 0.1, 'sarcasm', 'alice');
SELECT id, corrected_label, corrected_score FROM escalation_correct(1, NULL, -0.9);
SELECT id, round(sentiment::numeric, 4) AS machine, label, score, human_corrected FROM escalation_review ORDER BY id;
SELECT pg_temp.err($$SELECT escalation_correct(1, 'angry')$$);
SELECT pg_temp.err($$SELECT escalation_correct(1, NULL, 2)$$);
SELECT pg_temp.err($$SELECT escalation_correct(1, NULL, NULL)$$);
SELECT pg_temp.err($$SELECT escalation_correct(42, 'neutral')$$);

-- a composite primary key and a varchar column, configuration as second argument
CREATE TABLE chat (conv int, seq int, msg varchar(200), PRIMARY KEY (conv, seq));
CREATE TRIGGER chat_escalation AFTER INSERT ON chat
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('msg', 'vader');
INSERT INTO chat VALUES (7, 1, 'hello'), (7, 2, 'I need a real person.');
SELECT source, row_key, reasons FROM escalation_queue WHERE source = 'chat'::regclass;
SELECT (SELECT count(*) FROM escalation_queue WHERE source = 'chat'::regclass)
	 = (SELECT count(*) FROM chat WHERE (escalation_check(msg, 'vader')).escalate) AS one_entry_per_escalated_row;

-- misconfigured triggers: clear errors naming the column
CREATE TABLE bad (id int PRIMARY KEY, body text, n int);
CREATE TRIGGER t1 AFTER INSERT ON bad FOR EACH ROW EXECUTE FUNCTION escalation_trigger('bodyy');
\set VERBOSITY default
INSERT INTO bad VALUES (1, 'calm', 1);
SELECT pg_temp.err($$INSERT INTO bad VALUES (1, 'calm', 1)$$);
DROP TRIGGER t1 ON bad;
CREATE TRIGGER t2 AFTER INSERT ON bad FOR EACH ROW EXECUTE FUNCTION escalation_trigger('n');
INSERT INTO bad VALUES (1, 'calm', 1);
SELECT pg_temp.err($$INSERT INTO bad VALUES (1, 'calm', 1)$$);
DROP TRIGGER t2 ON bad;
CREATE TRIGGER t3 AFTER INSERT ON bad FOR EACH ROW EXECUTE FUNCTION escalation_trigger();
SELECT pg_temp.err($$INSERT INTO bad VALUES (1, 'calm', 1)$$);
DROP TRIGGER t3 ON bad;
CREATE TRIGGER t4 BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
SELECT pg_temp.err($$INSERT INTO bad VALUES (1, 'calm', 1)$$);
DROP TRIGGER t4 ON bad;
CREATE TRIGGER t5 AFTER INSERT ON bad FOR EACH STATEMENT EXECUTE FUNCTION escalation_trigger('body');
SELECT pg_temp.err($$INSERT INTO bad VALUES (1, 'calm', 1)$$);
DROP TRIGGER t5 ON bad;
CREATE TRIGGER t6 AFTER INSERT ON bad FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body', 'nope');
SELECT pg_temp.err($$INSERT INTO bad VALUES (1, 'calm', 1)$$);
DROP TRIGGER t6 ON bad;
CREATE TABLE nokey (body text);
CREATE TRIGGER t7 AFTER INSERT ON nokey FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
SELECT pg_temp.err($$INSERT INTO nokey VALUES ('calm')$$);
-- the errors roll the insert back: nothing queued, nothing inserted
SELECT count(*) AS bad_rows FROM bad;
SELECT pg_temp.err($$SELECT escalation_trigger()$$);

-- volatility and privileges as declared
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel, p.prosecdef
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy_workflow'
WHERE p.proname LIKE '%escalation%' AND p.prokind <> 'a' ORDER BY p.oid::regprocedure::text;
SELECT has_table_privilege('public', 'escalation_rules', 'SELECT') AS public_reads_rules,
	   has_table_privilege('public', 'escalation_rules', 'INSERT') AS public_edits_rules,
	   has_table_privilege('public', 'escalation_queue', 'SELECT') AS public_reads_queue;
DROP TABLE tickets, chat, bad, nokey, conv;
