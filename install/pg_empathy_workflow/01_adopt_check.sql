
-- A database upgraded from pg_empathy 0.1.0 still has that version's escalation objects (with
-- the rules and the queue): they are adopted, not created again.
DO $$
BEGIN
	IF (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pg_empathy') = '0.1.0' THEN
		RAISE EXCEPTION 'pg_empathy 0.1.0 still contains the escalation objects'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Run ALTER EXTENSION pg_empathy UPDATE; then CREATE EXTENSION pg_empathy_workflow VERSION ''0.1.0''; and ALTER EXTENSION pg_empathy_workflow UPDATE;';
	END IF;
	IF pg_catalog.to_regclass('@extschema@.escalation_rules') IS NOT NULL
	   AND pg_catalog.to_regprocedure('@extschema@.escalation_trigger()') IS NOT NULL THEN
		RAISE EXCEPTION 'the escalation objects of pg_empathy 0.1.0 are still in schema %',
			'@extschema@'::regnamespace
			USING ERRCODE = 'duplicate_object',
				  DETAIL = 'ALTER EXTENSION pg_empathy UPDATE left them in place with their rules and queue.',
				  HINT = 'Adopt them: CREATE EXTENSION pg_empathy_workflow VERSION ''0.1.0''; then ALTER EXTENSION pg_empathy_workflow UPDATE;';
	END IF;
END
$$;
