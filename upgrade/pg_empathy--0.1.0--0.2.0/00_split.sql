-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_empathy UPDATE TO '0.2.0'" to load this file. \quit

-- 0.2.0 splits pg_empathy in two: the trusted core (scoring, KPIs) stays in pg_empathy, and
-- escalation moves to pg_empathy_workflow.  This step only detaches the escalation objects
-- from pg_empathy: they stay where they are, with their data (rules, queue), grants and the
-- users' triggers that call escalation_trigger().  Adopt them into the new extension with
--   CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0';
--   ALTER EXTENSION pg_empathy_workflow UPDATE;
-- Until then they work as before, but are no member of any extension (pg_dump dumps them as
-- plain objects).  The list is v0.1.0's install/30_escalation.sql; indexes, the rules
-- trigger and the tables' row types follow their tables.

ALTER EXTENSION pg_empathy DROP TYPE escalation;
ALTER EXTENSION pg_empathy DROP TYPE escalation_conversation;
ALTER EXTENSION pg_empathy DROP TABLE escalation_rules;
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_builtin_rules();
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_rules_reset();
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_rules_changed();
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_check(text);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_check(text, text);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_check(text, text, float8);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_conv_trans(internal, text);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_conv_trans(internal, text, text);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_conv_trans(internal, text, text, text, float8, float8, int);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_conv_final(internal);
ALTER EXTENSION pg_empathy DROP AGGREGATE conversation_escalation(text);
ALTER EXTENSION pg_empathy DROP AGGREGATE conversation_escalation(text, text);
ALTER EXTENSION pg_empathy DROP AGGREGATE conversation_escalation(text, text, text, float8, float8, int);
ALTER EXTENSION pg_empathy DROP TABLE escalation_queue;
ALTER EXTENSION pg_empathy DROP SEQUENCE escalation_queue_id_seq;
ALTER EXTENSION pg_empathy DROP VIEW escalation_review;
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_trigger();
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_take(text, int);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_resolve(bigint, text, text);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_release(bigint, text);
ALTER EXTENSION pg_empathy DROP FUNCTION escalation_correct(bigint, text, float8, text, text);
