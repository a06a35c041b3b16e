
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
	IF EXISTS (SELECT FROM pg_catalog.unnest(ARRAY['escalation', 'escalation_conversation', 'escalation_rules',
					'escalation_queue', 'escalation_queue_id_seq', 'escalation_review']) n
			   WHERE pg_catalog.to_regtype('@extschema@.' || n) IS NOT NULL
				  OR pg_catalog.to_regclass('@extschema@.' || n) IS NOT NULL) THEN
		RAISE EXCEPTION 'schema % already has types or tables named like those of pg_empathy_workflow',
			'@extschema@'::regnamespace
			USING ERRCODE = 'duplicate_object',
				  DETAIL = 'pg_empathy_workflow creates escalation, escalation_conversation, escalation_rules, escalation_queue, escalation_queue_id_seq and escalation_review.',
				  HINT = 'Install both extensions into a schema of their own: CREATE SCHEMA empathy; CREATE EXTENSION pg_empathy SCHEMA empathy; CREATE EXTENSION pg_empathy_workflow SCHEMA empathy;';
	END IF;
END
$$;
