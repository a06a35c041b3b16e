-- Installation into a schema of the user's choice, next to user objects with the extensions'
-- names, and use with only that schema qualified (search_path = public).  Runs in a database of
-- its own, since the regression database has both extensions in public already.
SET client_min_messages = warning;
SELECT current_database() AS regress_db \gset
DROP DATABASE IF EXISTS pge_install_schema;
CREATE DATABASE pge_install_schema;
\c pge_install_schema
SET client_min_messages = warning;
SET extra_float_digits = 0;

-- a user's own objects named like the extensions' ones
CREATE TABLE public.sentiment (id int PRIMARY KEY, body text);
CREATE TYPE public.escalation AS (level int);
CREATE FUNCTION public.nps(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 10';
INSERT INTO public.sentiment VALUES (1, 'Great support, thanks!'), (2, 'Awful. I want to talk to a human.'), (3, 'fine');

-- in public, they clash: the install stops before creating anything, with a hint
\set SHOW_CONTEXT never
CREATE EXTENSION pg_empathy;
CREATE EXTENSION pg_empathy_workflow;
-- the same for the workflow's names (here a user table escalation_queue)
CREATE SCHEMA crm;
CREATE TABLE crm.escalation_queue (id int);
CREATE EXTENSION pg_empathy SCHEMA crm;
CREATE EXTENSION pg_empathy_workflow SCHEMA crm;
DROP EXTENSION pg_empathy;
-- any schema name does for the trusted core, even one PostgreSQL will not substitute into scripts
CREATE SCHEMA "it's ""$x";
CREATE EXTENSION pg_empathy SCHEMA "it's ""$x";
SELECT "it's ""$x".sentiment_score('good');
DROP SCHEMA "it's ""$x" CASCADE;
\set SHOW_CONTEXT errors
SELECT count(*) AS extensions FROM pg_extension WHERE extname LIKE 'pg_empathy%';

-- in a schema of their own, they don't
CREATE SCHEMA empathy;
CREATE EXTENSION pg_empathy SCHEMA empathy;
CREATE EXTENSION pg_empathy_workflow SCHEMA empathy;
SELECT extname, extnamespace::regnamespace FROM pg_extension WHERE extname LIKE 'pg_empathy%' ORDER BY 1;

-- everything works with only public on the search_path, qualified by the schema
SET search_path = public;
SELECT s.id, empathy.sentiment_score(s.body), (empathy.sentiment(s.body)).compound,
	   empathy.sentiment_label(empathy.sentiment_score(s.body, 'vader')), empathy.sentiment_tokens(s.body)
FROM public.sentiment s ORDER BY s.id;
SELECT * FROM empathy.sentiment_explain('not bad at all!', 'en-rules');
SELECT name FROM empathy.sentiment_configs() ORDER BY name;
-- unqualified names are the user's objects; the extension's are reached through the schema
SELECT nps(3) AS users_nps, (SELECT empathy.nps(3)) AS empathy_nps, (SELECT count(*) FROM sentiment) AS users_table;
SELECT round(empathy.nps(v)::numeric, 2), (empathy.nps_stats(v)).n, round(empathy.csat(v % 10 + 1, 10)::numeric, 2),
	   round(empathy.ces(v % 7 + 1, 7)::numeric, 2), (empathy.sentiment_stats(empathy.sentiment(t::text))).n,
	   (empathy.empathy_index(0.5, v, v % 5 + 1)).n
FROM generate_series(0, 10) v, LATERAL (SELECT 'good' AS t) x;
SELECT (empathy.nps_diff(a, b)).difference
FROM (SELECT empathy.nps_stats(v) FROM generate_series(0, 10) v) x(a),
	 (SELECT empathy.nps_stats(10) FROM generate_series(1, 5)) y(b);
SELECT e.escalate, e.reasons FROM empathy.escalation_check('Awful. I want to talk to a human.') e;
SELECT (empathy.conversation_escalation(m, 'customer' ORDER BY i)).reasons
FROM (VALUES (1, 'hello'), (2, 'still waiting'), (3, 'still waiting')) c(i, m);
SELECT empathy.escalation_rules_reset();
INSERT INTO empathy.escalation_rules (reason, phrase) VALUES ('churn_risk', 'switching banks');
SELECT (empathy.escalation_check('I am switching banks')).reasons;
-- a user table watched by the trigger, and the agent functions
CREATE TABLE public.tickets (id int PRIMARY KEY, body text);
CREATE TRIGGER tickets_escalation AFTER INSERT ON public.tickets
	FOR EACH ROW EXECUTE FUNCTION empathy.escalation_trigger('body');
INSERT INTO public.tickets SELECT id, body FROM public.sentiment;
SELECT source, row_key, reasons, status FROM empathy.escalation_queue ORDER BY id;
SELECT id, status, taken_by FROM empathy.escalation_take('ann');
SELECT status, outcome FROM empathy.escalation_resolve(1, 'called back', 'ann');
SELECT corrected_label FROM empathy.escalation_correct(1, NULL, -0.2, 'checked', 'ann');
SELECT label, score, human_corrected FROM empathy.escalation_review ORDER BY id;
RESET search_path;

\c :regress_db
DROP DATABASE pge_install_schema;
