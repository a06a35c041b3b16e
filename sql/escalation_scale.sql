-- Escalation on sharded tables (issue 14): rules as a value, the IMMUTABLE check, the sweep.
-- The engines themselves are tested by test/t/800_postgres_fdw.sh and test/t/810_citus.sh.

-- escalation_ruleset(): the enabled rules, a user row overriding the built-in row
SELECT cardinality((escalation_ruleset()).phrases) = (SELECT count(*) FROM escalation_rules WHERE enabled) AS all_rules;
BEGIN;
INSERT INTO escalation_rules (reason, phrase, enabled) VALUES ('human_request', 'escalate', false);
INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('churn_risk', 'zebra crossing', 3);
SELECT 'escalate' = ANY ((escalation_ruleset()).phrases) AS overridden_rule_in,
	   'zebra crossing' = ANY ((escalation_ruleset()).phrases) AS user_rule_in;
-- with the table's rules as argument, the IMMUTABLE check equals the STABLE one
SELECT m, escalation_check(m) = escalation_check(m, escalation_ruleset(), 'en-rules', -0.6, 1) AS same
FROM (VALUES ('please escalate this'), ('the zebra crossing again'), ('I want to cancel, get me a human'),
			 ('Thanks, all good'), ('This is the worst, I am furious')) v(m) ORDER BY m;
ROLLBACK;
-- settings are arguments: pg_empathy.* do not change it
SET pg_empathy.negative_threshold = 0.9;
SET pg_empathy.escalation_min_severity = 3;
SELECT * FROM escalation_check('I want to cancel', escalation_ruleset(), 'en-rules', -0.6, 1);
SELECT * FROM escalation_check('I want to cancel', escalation_ruleset(), 'en-rules', -0.6, 3);
SELECT * FROM escalation_check('Thanks, all good', escalation_ruleset(), 'en-rules', 0.9, 1);
RESET pg_empathy.negative_threshold;
RESET pg_empathy.escalation_min_severity;
-- a hand-made rule set: languages in any order, exceptions, other configurations
SELECT m, (escalation_check(m, ROW('{fr,en,en}', '{churn_risk,safety,safety}', '{résilier,fire,fire alarm}', '{3,3,0}')::escalation_ruleset, c, -0.6, 1)).*
FROM (VALUES ('the fire is out', 'en-rules'), ('the fire alarm rang', 'en-rules'), ('je veux résilier', 'fr'), ('je veux résilier', 'en-rules'))
	 v(m, c) ORDER BY m, c;
-- the rules argument may change from row to row
SELECT m, (escalation_check(m, ROW('{en}', '{abuse}', ARRAY[w], '{2}')::escalation_ruleset, 'en-rules', -0.6, 1)).reasons
FROM (VALUES ('you clowns', 'clowns'), ('you clowns', 'idiots'), ('you idiots', 'idiots')) v(m, w) ORDER BY m, w;
-- an empty rule set: only the sentiment reason remains
SELECT (escalation_check('I hate this terrible awful service', ROW('{}', '{}', '{}', '{}')::escalation_ruleset, 'en-rules', -0.6, 1)).reasons;
-- errors
SELECT escalation_check('x', ROW('{en}', '{bogus}', '{a}', '{1}')::escalation_ruleset, 'en-rules', -0.6, 1);
SELECT escalation_check('x', ROW('{en}', '{safety}', '{a,b}', '{1}')::escalation_ruleset, 'en-rules', -0.6, 1);
SELECT escalation_check('x', ROW('{en}', '{safety}', '{a}', '{4}')::escalation_ruleset, 'en-rules', -0.6, 1);
SELECT escalation_check('x', ROW('{en}', '{safety}', NULL, '{1}')::escalation_ruleset, 'en-rules', -0.6, 1);
SELECT escalation_check('x', ROW('{en}', '{safety}', '{NULL}', '{1}')::escalation_ruleset, 'en-rules', -0.6, 1);
SELECT escalation_check('x', ROW('{en}', '{safety}', '{{a}}', '{1}')::escalation_ruleset, 'en-rules', -0.6, 1);
SELECT escalation_check('x', escalation_ruleset(), 'en-rules', -0.6, 0);
SELECT escalation_check('x', escalation_ruleset(), 'en-rules', -1.5, 1);
SELECT escalation_check('x', escalation_ruleset(), 'nope', -0.6, 1);
SELECT escalation_check(NULL, escalation_ruleset(), 'en-rules', -0.6, 1) IS NULL AS strict;
SELECT provolatile, proisstrict, proparallel FROM pg_proc
WHERE oid = 'escalation_check(text, escalation_ruleset, text, float8, int)'::regprocedure;

-- escalation_sweep(): marks unchecked rows with their severity, queues the escalating ones once
CREATE TABLE sweep_t (id int PRIMARY KEY, body text, mark int);
INSERT INTO sweep_t VALUES (1, 'I want to cancel my account', NULL), (2, 'Thanks, all good', NULL),
	(3, NULL, NULL), (4, 'Get me a human, this is urgent', NULL), (5, 'get me a human', 0);
SELECT escalation_sweep('sweep_t', 'body', 'mark');
SELECT id, mark FROM sweep_t ORDER BY id;
SELECT source, source_name, source_column, row_key, reasons, severity, language, status
FROM escalation_queue WHERE source = 'sweep_t'::regclass ORDER BY id;
SELECT escalation_sweep('sweep_t', 'body', 'mark');		-- nothing new
-- a row whose text changed is checked again when its mark is reset: one unresolved entry
UPDATE sweep_t SET body = 'I will call my lawyer', mark = NULL WHERE id = 1;
INSERT INTO sweep_t VALUES (6, 'the site is down', NULL);
SELECT escalation_sweep('sweep_t', 'body', 'mark');
SELECT row_key, reasons, status FROM escalation_queue WHERE source = 'sweep_t'::regclass ORDER BY id;
-- the settings of the session decide, as for the trigger
SET pg_empathy.escalation_min_severity = 3;
INSERT INTO sweep_t VALUES (7, 'get me a human', NULL), (8, 'it caught fire', NULL);
SELECT escalation_sweep('sweep_t', 'body', 'mark');
SELECT id, mark FROM sweep_t WHERE id IN (7, 8) ORDER BY id;
RESET pg_empathy.escalation_min_severity;
-- key_columns for a table without primary key
CREATE TABLE sweep_nokey (a int, b text, body varchar, mark bigint);
INSERT INTO sweep_nokey VALUES (1, 'x', 'cancel it', NULL);
SELECT escalation_sweep('sweep_nokey', 'body', 'mark');
SELECT escalation_sweep('sweep_nokey', 'body', 'mark', 'en-rules', '{a,b}');
SELECT row_key, reasons FROM escalation_queue WHERE source = 'sweep_nokey'::regclass;
-- errors
SELECT escalation_sweep('sweep_nokey', 'body', 'mark', 'en-rules', '{a,zz}');
SELECT escalation_sweep('sweep_nokey', 'body', 'mark', 'en-rules', '{}');
SELECT escalation_sweep('sweep_t', 'bodyy', 'mark');
SELECT escalation_sweep('sweep_t', 'id', 'mark');
SELECT escalation_sweep('sweep_t', 'body', 'nomark');
SELECT escalation_sweep('sweep_t', 'body', 'body');
SELECT escalation_sweep('sweep_t', 'body', 'mark', 'nope');
SELECT escalation_sweep('sweep_t', 'body', NULL);
-- privileges: EXECUTE for empathy_admin only; the caller needs UPDATE on the table
CREATE ROLE regress_sweep_user;
CREATE ROLE regress_sweep_admin IN ROLE empathy_admin;
SET ROLE regress_sweep_user;
SELECT escalation_sweep('sweep_t', 'body', 'mark');
SELECT escalation_sweep_enqueue('sweep_t', 'body', '{}', '{}', 'en-rules');
SET ROLE regress_sweep_admin;
SELECT escalation_sweep('sweep_t', 'body', 'mark');
RESET ROLE;
GRANT SELECT, UPDATE ON sweep_t TO regress_sweep_admin;
INSERT INTO sweep_t VALUES (9, 'I want to cancel', NULL);
SET ROLE regress_sweep_admin;
SELECT escalation_sweep('sweep_t', 'body', 'mark');
RESET ROLE;
DROP TABLE sweep_t, sweep_nokey;
DROP ROLE regress_sweep_user, regress_sweep_admin;
