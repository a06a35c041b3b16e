-- pg_empathy_workflow 0.1.0: adopts the escalation objects of pg_empathy 0.1.0.
--
-- pg_empathy 0.1.0 was one extension.  Its 0.1.0 -> 0.2.0 update detaches the escalation
-- objects (types, rules and queue tables, their sequence, the review view, the functions and
-- aggregates) and leaves them in place with their data.  This script makes them members of
-- pg_empathy_workflow again; ALTER EXTENSION pg_empathy_workflow UPDATE then brings them to the
-- current version:
--   ALTER EXTENSION pg_empathy UPDATE;
--   CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0';
--   ALTER EXTENSION pg_empathy_workflow UPDATE;
-- It creates nothing: for a fresh install use CREATE EXTENSION pg_empathy_workflow.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0'" to load this file. \quit

-- Check everything before adopting anything, then make each object a member.
DO $$
DECLARE
	objects text[] := ARRAY[
		'type escalation', 'type escalation_conversation',
		'table escalation_rules', 'table escalation_queue', 'sequence escalation_queue_id_seq',
		'view escalation_review',
		'function escalation_builtin_rules()', 'function escalation_rules_reset()',
		'function escalation_rules_changed()', 'function escalation_check(text)',
		'function escalation_check(text,text)', 'function escalation_check(text,text,float8)',
		'function escalation_conv_trans(internal,text)',
		'function escalation_conv_trans(internal,text,text)',
		'function escalation_conv_trans(internal,text,text,text,float8,float8,int)',
		'function escalation_conv_final(internal)',
		'aggregate conversation_escalation(text)', 'aggregate conversation_escalation(text,text)',
		'aggregate conversation_escalation(text,text,text,float8,float8,int)',
		'function escalation_trigger()', 'function escalation_take(text,int)',
		'function escalation_resolve(bigint,text,text)', 'function escalation_release(bigint,text)',
		'function escalation_correct(bigint,text,float8,text,text)'];
	core_schema oid;
	core_version text;
	obj text;
	owner_ext name;
	missing text[] := '{}';
	taken text[] := '{}';
BEGIN
	SELECT extnamespace, extversion INTO core_schema, core_version
	  FROM pg_catalog.pg_extension WHERE extname = 'pg_empathy';
	IF core_schema IS DISTINCT FROM '@extschema@'::regnamespace THEN
		RAISE EXCEPTION 'pg_empathy_workflow must be installed in the schema of pg_empathy (%)',
			core_schema::regnamespace
			USING ERRCODE = 'invalid_schema_name',
				  HINT = pg_catalog.format('Run CREATE EXTENSION pg_empathy_workflow VERSION ''0.1.0'' SCHEMA %s.', core_schema::regnamespace);
	END IF;
	IF core_version = '0.1.0' THEN
		RAISE EXCEPTION 'pg_empathy 0.1.0 still contains the escalation objects'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Run ALTER EXTENSION pg_empathy UPDATE first, then CREATE EXTENSION pg_empathy_workflow VERSION ''0.1.0''.';
	END IF;
	FOREACH obj IN ARRAY objects
	LOOP
		DECLARE
			kind text := pg_catalog.split_part(obj, ' ', 1);
			name text := '@extschema@.' || pg_catalog.substr(obj, pg_catalog.length(kind) + 2);
			cls regclass;
			id oid;
		BEGIN
			IF kind = 'type' THEN
				cls := 'pg_catalog.pg_type'; id := pg_catalog.to_regtype(name);
			ELSIF kind IN ('function', 'aggregate') THEN
				cls := 'pg_catalog.pg_proc'; id := pg_catalog.to_regprocedure(name);
			ELSE
				cls := 'pg_catalog.pg_class'; id := pg_catalog.to_regclass(name);
			END IF;
			IF id IS NULL THEN
				missing := missing || obj;
				CONTINUE;
			END IF;
			SELECT e.extname INTO owner_ext
			  FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
			 WHERE d.classid = cls AND d.objid = id AND d.deptype = 'e'
			   AND d.refclassid = 'pg_catalog.pg_extension'::regclass;
			IF FOUND THEN
				taken := taken || (obj || ' (extension ' || owner_ext || ')');
			END IF;
		END;
	END LOOP;
	IF pg_catalog.cardinality(missing) = pg_catalog.cardinality(objects) THEN
		RAISE EXCEPTION 'no escalation objects of pg_empathy 0.1.0 to adopt in schema %',
			'@extschema@'::regnamespace
			USING ERRCODE = 'undefined_object',
				  HINT = 'Use CREATE EXTENSION pg_empathy_workflow for a fresh install.';
	ELSIF pg_catalog.cardinality(missing) > 0 THEN
		RAISE EXCEPTION 'some escalation objects of pg_empathy 0.1.0 are missing in schema %',
			'@extschema@'::regnamespace
			USING ERRCODE = 'undefined_object',
				  DETAIL = 'Missing: ' || pg_catalog.array_to_string(missing, ', ') || '.',
				  HINT = 'Drop the remaining escalation objects (keep a copy of your rules and queue) and use CREATE EXTENSION pg_empathy_workflow for a fresh install.';
	ELSIF pg_catalog.cardinality(taken) > 0 THEN
		RAISE EXCEPTION 'escalation objects already belong to an extension'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = pg_catalog.array_to_string(taken, ', ') || '.';
	END IF;
	FOREACH obj IN ARRAY objects
	LOOP
		EXECUTE 'ALTER EXTENSION pg_empathy_workflow ADD ' || pg_catalog.regexp_replace(obj, ' ', ' @extschema@.');
	END LOOP;
END
$$;

-- pg_dump keeps the user rows of the rules and the whole queue, as pg_empathy 0.1.0 did
-- (ALTER EXTENSION ... DROP TABLE removed these registrations from pg_empathy).
SELECT pg_catalog.pg_extension_config_dump('escalation_rules', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('escalation_queue', '');
SELECT pg_catalog.pg_extension_config_dump('escalation_queue_id_seq', '');

-- ALTER EXTENSION ... ADD records an object's current privileges as its initial privileges
-- (pg_init_privs), and pg_dump dumps only the changes from those.  Grants made since 0.1.0
-- (say, SELECT and UPDATE on the queue for the agents) would then be missing from a dump.
-- Record the privileges pg_empathy 0.1.0 created instead, exactly as CREATE EXTENSION does:
-- the owner's default privileges, plus SELECT for PUBLIC on the rules; the default (NULL)
-- ACL of the types and functions has no entry.
DELETE FROM pg_catalog.pg_init_privs i
 USING pg_catalog.pg_depend d
 WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
   AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'pg_empathy_workflow')
   AND d.deptype = 'e' AND i.classoid = d.classid AND i.objoid = d.objid;
-- PostgreSQL 17 and later also record the roles named in initial privileges in pg_shdepend
-- (deptype 'i'); drop those of the grants that are no longer initial, or DROP ROLE of an agent
-- would fail on them.  (Nothing to do before 17.)
DELETE FROM pg_catalog.pg_shdepend s
 USING pg_catalog.pg_depend d
 WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
   AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'pg_empathy_workflow')
   AND d.deptype = 'e'
   AND s.dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
   AND s.classid = d.classid AND s.objid = d.objid AND s.deptype = 'i'
   AND s.refobjid IS DISTINCT FROM (SELECT c.relowner FROM pg_catalog.pg_class c
								   WHERE s.classid = 'pg_catalog.pg_class'::regclass AND c.oid = s.objid);
INSERT INTO pg_catalog.pg_init_privs (objoid, classoid, objsubid, privtype, initprivs)
SELECT c.oid, 'pg_catalog.pg_class'::regclass, 0, 'e',
	   pg_catalog.acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner)
	   || CASE WHEN c.relname = 'escalation_rules'
			   THEN ARRAY[pg_catalog.makeaclitem(0, c.relowner, 'SELECT', false)]
			   ELSE '{}'::pg_catalog.aclitem[] END
  FROM pg_catalog.pg_class c
 WHERE c.relnamespace = '@extschema@'::regnamespace
   AND c.relname IN ('escalation_rules', 'escalation_queue', 'escalation_queue_id_seq', 'escalation_review');
