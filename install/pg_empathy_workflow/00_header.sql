-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pg_empathy_workflow" to load this file. \quit

-- pg_empathy_workflow uses the scoring core's functions unqualified from its own schema, and
-- PostgreSQL 15 has no @extschema:pg_empathy@: so both must live in one schema.
DO $$
DECLARE
	core_schema oid := (SELECT extnamespace FROM pg_catalog.pg_extension WHERE extname = 'pg_empathy');
BEGIN
	IF core_schema IS DISTINCT FROM '@extschema@'::regnamespace THEN
		RAISE EXCEPTION 'pg_empathy_workflow must be installed in the schema of pg_empathy (%)',
			core_schema::regnamespace
			USING ERRCODE = 'invalid_schema_name',
				  HINT = pg_catalog.format('Run CREATE EXTENSION pg_empathy_workflow SCHEMA %s.', core_schema::regnamespace);
	END IF;
END
$$;
