-- issue 8: privilege holes, identity, queue lifecycle (single-session reproducers)
SET extra_float_digits = 0;
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
TRUNCATE escalation_queue RESTART IDENTITY;	-- what earlier tests left
CREATE ROLE regress_intruder;
CREATE ROLE regress_alice;
CREATE ROLE regress_bob;
GRANT empathy_agent TO regress_alice, regress_bob;
GRANT CREATE ON SCHEMA public TO regress_intruder;

-- every SECURITY DEFINER function pins search_path to pg_catalog, pg_temp
SELECT p.oid::regprocedure AS function, p.proconfig
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy_workflow'
WHERE p.prosecdef ORDER BY p.oid::regprocedure::text;
-- what PUBLIC, agents and admins may execute
SELECT p.oid::regprocedure AS function,
	   has_function_privilege('public', p.oid, 'EXECUTE') AS public,
	   has_function_privilege('empathy_agent', p.oid, 'EXECUTE') AS agent,
	   has_function_privilege('empathy_admin', p.oid, 'EXECUTE') AS admin
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy_workflow'
WHERE p.prokind = 'f' AND p.proname LIKE 'escalation%' AND p.proname NOT IN ('escalation_check', 'escalation_conv_trans', 'escalation_conv_final')
ORDER BY p.oid::regprocedure::text;

-- 1. search_path hijack: an intruder shadows now() and >=(int,int) in the extension's schema
SET ROLE regress_intruder;
CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE plpgsql AS $$BEGIN
	IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
		EXECUTE 'ALTER ROLE regress_intruder SUPERUSER'; END IF;
	RETURN pg_catalog.now(); END$$;
CREATE FUNCTION public.hijack_ge(int, int) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN
	IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
		EXECUTE 'ALTER ROLE regress_intruder SUPERUSER'; END IF;
	RETURN $1 OPERATOR(pg_catalog.>=) $2; END$$;
CREATE OPERATOR public.>= (LEFTARG = int, RIGHTARG = int, FUNCTION = public.hijack_ge);
RESET ROLE;
CREATE TABLE tickets (id int PRIMARY KEY, body text);
CREATE TRIGGER tickets_escalation AFTER INSERT OR UPDATE OR DELETE ON tickets
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO tickets VALUES (1, 'I want to speak to a human.'), (2, 'My lawyer will call you.'),
	(3, 'Cancel my account.');
-- a superuser works the queue
SELECT id, status, taken_by FROM escalation_take('alice');
SELECT id, status FROM escalation_resolve(2, 'called back', 'alice');
SELECT id, corrected_label FROM escalation_correct(2, NULL, -0.5, 'x', 'alice');
SELECT id, status FROM escalation_release((SELECT id FROM escalation_take('bob')), 'bob');
SELECT escalation_rules_reset();
SELECT rolsuper AS intruder_is_superuser FROM pg_roles WHERE rolname = 'regress_intruder';
DROP OPERATOR public.>= (int, int);
DROP FUNCTION public.hijack_ge(int, int), public.now();

-- 2. nobody without EXECUTE attaches escalation_trigger() to a table of their own
SET ROLE regress_intruder;
CREATE TABLE public.flood (id int PRIMARY KEY, body text);
SELECT pg_temp.err($$CREATE TRIGGER flood_escalation AFTER INSERT ON public.flood
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body')$$);
-- ... nor reads or writes the queue, nor works it
SELECT pg_temp.err($$SELECT count(*) FROM escalation_queue$$);
SELECT pg_temp.err($$SELECT * FROM escalation_take()$$);
SELECT pg_temp.err($$UPDATE escalation_queue SET status = 'open'$$);
DROP TABLE public.flood;
RESET ROLE;
-- but any role that may write a watched table still queues its rows
GRANT INSERT ON tickets TO regress_intruder;
SET ROLE regress_intruder;
INSERT INTO tickets VALUES (4, 'This is urgent, the site is down.');
RESET ROLE;
SELECT row_key, reasons, status FROM escalation_queue WHERE row_key = '{"id": "4"}';

-- 6. a key that makes the row key longer than a NOTIFY payload may be (8,000 bytes)
CREATE TABLE long_keys (k text PRIMARY KEY, body text);
CREATE TRIGGER long_keys_escalation AFTER INSERT OR UPDATE OR DELETE ON long_keys
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO long_keys VALUES (repeat('k', 9000), 'Get me a human, now.');
SELECT length(row_key->>'k') AS key_length, reasons FROM escalation_queue WHERE source = 'long_keys'::regclass;

-- identity: agents act as themselves; another name needs empathy_admin
SET ROLE regress_alice;
SELECT pg_temp.err($$SELECT * FROM escalation_take(NULL)$$);
SELECT pg_temp.err($$SELECT * FROM escalation_take('regress_bob')$$);
SELECT id, status, taken_by FROM escalation_take();
SELECT pg_temp.err($$SELECT escalation_resolve(1, 'done', NULL)$$);
RESET ROLE;
SELECT count(*) AS stuck_taken_by_null FROM escalation_queue WHERE status = 'taken' AND taken_by IS NULL;
SET ROLE regress_bob;
-- bob cannot resolve or release alice's item, neither in his name nor in hers
SELECT pg_temp.err($$SELECT escalation_resolve(4, 'done')$$);
SELECT pg_temp.err($$SELECT escalation_resolve(4, 'done', 'regress_alice')$$);
SELECT pg_temp.err($$SELECT escalation_release(4, 'regress_alice')$$);
SELECT pg_temp.err($$SELECT escalation_correct(4, 'neutral', NULL, NULL, 'regress_alice')$$);
-- agents read the queue, but change it only through the functions
SELECT pg_temp.err($$UPDATE escalation_queue SET taken_by = 'regress_bob' WHERE id = 4$$);
SELECT count(*) > 0 AS bob_reads_queue FROM escalation_review;
RESET ROLE;
-- an application role serving many agents: member of empathy_admin
GRANT empathy_admin TO regress_bob;
SET ROLE regress_bob;
SELECT id, status, resolved_by FROM escalation_resolve(4, 'for alice', 'regress_alice');
RESET ROLE;
REVOKE empathy_admin FROM regress_bob;

-- pg_empathy.take_timeout: a taken item whose agent went away returns to the queue
SHOW pg_empathy.take_timeout;
SET ROLE regress_alice;
SELECT pg_temp.err($$SET pg_empathy.take_timeout = '1s'$$);
SELECT id, taken_by FROM escalation_take();
RESET ROLE;
UPDATE escalation_queue SET taken_at = now() - interval '31 minutes' WHERE taken_by = 'regress_alice' AND status = 'taken';
SET ROLE regress_bob;
SELECT id, taken_by FROM escalation_take();
RESET ROLE;
SET pg_empathy.take_timeout = 0;	-- never
UPDATE escalation_queue SET taken_at = now() - interval '10 days' WHERE status = 'taken';
SELECT count(*) AS handed_out FROM escalation_take('carol');
RESET pg_empathy.take_timeout;

-- (the items so far are closed, so the ones below are the only open ones)
SELECT count(escalation_resolve(id, 'cleared')) AS cleared FROM escalation_queue WHERE status = 'open';

-- 8. triggers on two columns of one table keep their own items
CREATE TABLE mail (id int PRIMARY KEY, subject text, body text);
CREATE TRIGGER mail_subject AFTER INSERT OR UPDATE OR DELETE ON mail
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('subject');
CREATE TRIGGER mail_body AFTER INSERT OR UPDATE OR DELETE ON mail
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO mail VALUES (1, 'I want to cancel', 'My lawyer has the papers.');
SELECT source_column, row_key, reasons, status FROM escalation_queue WHERE source = 'mail'::regclass ORDER BY source_column;
-- an update to calm text withdraws that column's open item only
UPDATE mail SET body = 'Sorry, all sorted now, thanks!' WHERE id = 1;
SELECT source_column, reasons, status, outcome FROM escalation_queue WHERE source = 'mail'::regclass ORDER BY source_column;
-- a key change: the unresolved item follows the row
UPDATE mail SET id = 10 WHERE id = 1;
SELECT source_column, row_key, status FROM escalation_queue WHERE source = 'mail'::regclass ORDER BY source_column, id;
-- (dora gets bob's item: taken 10 days ago, past pg_empathy.take_timeout)
SELECT id, source_column, taken_by FROM escalation_take('dora');
-- DELETE withdraws the row's unresolved items; a withdrawn item cannot be resolved
DELETE FROM mail WHERE id = 10;
SELECT source_column, row_key, status, outcome FROM escalation_queue WHERE source = 'mail'::regclass ORDER BY source_column, id;
SELECT pg_temp.err($$SELECT escalation_resolve(id, 'x', 'dora') FROM escalation_queue WHERE source = 'mail'::regclass AND source_column = 'subject'$$);

-- a WHEN (NEW...) trigger cannot fire on DELETE: a second trigger on the column does that
CREATE TABLE chat (id int PRIMARY KEY, author text, body text);
CREATE TRIGGER chat_customer AFTER INSERT OR UPDATE ON chat
	FOR EACH ROW WHEN (NEW.author = 'customer') EXECUTE FUNCTION escalation_trigger('body');
CREATE TRIGGER chat_deleted AFTER DELETE ON chat
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO chat VALUES (1, 'customer', 'Cancel it, now.'), (2, 'agent', 'Shall I cancel it?');
DELETE FROM chat;
SELECT row_key, status, outcome FROM escalation_queue WHERE source = 'chat'::regclass ORDER BY id;
DROP TABLE chat;

-- a partition move: one item, which follows the row (also when taken)
CREATE TABLE msgs (region text, id int, body text, PRIMARY KEY (region, id)) PARTITION BY LIST (region);
CREATE TABLE msgs_eu PARTITION OF msgs FOR VALUES IN ('eu');
CREATE TABLE msgs_us PARTITION OF msgs FOR VALUES IN ('us');
CREATE TRIGGER msgs_escalation AFTER INSERT OR UPDATE OR DELETE ON msgs
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO msgs VALUES ('eu', 1, 'The charger caught fire.'), ('eu', 2, 'I will sue you.'), ('eu', 3, 'Thanks!');
SELECT taken_by FROM escalation_take('erin') WHERE row_key = '{"id": "1", "region": "eu"}';
UPDATE msgs SET region = 'us' WHERE id IN (1, 2, 3);
SELECT source, row_key, status, taken_by FROM escalation_queue WHERE source = 'msgs'::regclass ORDER BY id;
-- a DELETE from a partition withdraws
DELETE FROM msgs WHERE id = 2;
SELECT source, row_key, status, outcome FROM escalation_queue WHERE source = 'msgs'::regclass ORDER BY id;
-- a partition trigger without DELETE would duplicate moved rows: refused clearly
CREATE TABLE parts (region text, id int, body text, PRIMARY KEY (region, id)) PARTITION BY LIST (region);
CREATE TABLE parts_eu PARTITION OF parts FOR VALUES IN ('eu');
CREATE TRIGGER parts_escalation AFTER INSERT OR UPDATE OF body ON parts
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
SELECT pg_temp.err($$INSERT INTO parts VALUES ('eu', 1, 'hello')$$);
DROP TABLE parts;

-- DROP TABLE: unresolved items withdrawn (dora's taken one too), no bare OID left behind
INSERT INTO tickets VALUES (5, 'Cancel everything, I am done with you.');
DROP TABLE tickets;
SELECT source, source_name, row_key, status, outcome FROM escalation_queue WHERE source_name = 'public.tickets' ORDER BY id;
SELECT count(*) AS bare_oids FROM escalation_queue WHERE source IS NOT NULL AND source::text ~ '^[0-9]+$';

-- orphans no trigger sees (TRUNCATE): escalation_queue_sweep()
INSERT INTO msgs VALUES ('eu', 7, 'Get me a human.');
TRUNCATE msgs;
SELECT escalation_queue_sweep() AS swept;
SELECT count(*) AS unresolved FROM escalation_queue WHERE source = 'msgs'::regclass AND status IN ('open', 'taken');

-- DROP EXTENSION would delete the queue: refused while it holds items
SELECT pg_temp.err($$DROP EXTENSION pg_empathy_workflow$$);
SELECT pg_temp.err($$DROP EXTENSION pg_empathy CASCADE$$);
SELECT count(*) > 0 AS queue_kept FROM escalation_queue;
-- ... unless pg_empathy.allow_drop_queue is on; the roles stay (they belong to the cluster)
BEGIN;
SET LOCAL pg_empathy.allow_drop_queue = on;
DROP EXTENSION pg_empathy_workflow CASCADE;
SELECT count(*) AS workflow_installed FROM pg_extension WHERE extname = 'pg_empathy_workflow';
SELECT rolname FROM pg_roles WHERE rolname IN ('empathy_agent', 'empathy_admin') ORDER BY 1;
ROLLBACK;

DROP TABLE long_keys, mail, msgs;
REVOKE CREATE ON SCHEMA public FROM regress_intruder;
DROP ROLE regress_intruder, regress_alice, regress_bob;
