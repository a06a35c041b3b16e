-- Security of pg_empathy_workflow (issue 8): roles, grants, and every SECURITY DEFINER
-- function.  This file is also the last part of the 0.1.0 -> 0.2.0 update
-- (upgrade/pg_empathy_workflow--0.1.0--0.2.0/51_security.sql is a link to it), so the fresh
-- install and the update define these objects from one text: the functions that exist in
-- 0.1.0 are written CREATE OR REPLACE (on a fresh install they are new), the others are new in
-- both.  It runs after the queue table and view exist.

-- ---------------------------------------------------------------------------
-- roles (cluster-wide: created once, kept by DROP EXTENSION)
-- ---------------------------------------------------------------------------

-- empathy_agent: may read the queue and work it as itself.  empathy_admin: also acts for
-- other agent names (an application serving many human agents) and may attach
-- escalation_trigger() to tables.  Roles belong to the cluster, not to a database: a second
-- database, or a reinstall, finds them already there; DROP EXTENSION does not drop them.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'empathy_agent') THEN
		CREATE ROLE empathy_agent NOLOGIN;
		COMMENT ON ROLE empathy_agent IS 'pg_empathy_workflow: reads escalation_queue and works it as itself';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'empathy_admin') THEN
		CREATE ROLE empathy_admin NOLOGIN;
		COMMENT ON ROLE empathy_admin IS 'pg_empathy_workflow: acts for any agent name, attaches escalation_trigger()';
	END IF;
	IF NOT pg_catalog.pg_has_role('empathy_admin', 'empathy_agent', 'MEMBER') THEN
		GRANT empathy_agent TO empathy_admin;
	END IF;
END
$$;

-- agents read the queue and its review view (they change it only through the functions below)
GRANT SELECT ON escalation_queue TO empathy_agent;
GRANT SELECT ON escalation_review TO empathy_agent;

-- ---------------------------------------------------------------------------
-- rules
-- ---------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION escalation_rules_reset() RETURNS bigint
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH put AS (
		INSERT INTO @extschema@.escalation_rules AS r (reason, phrase, language, severity, enabled, builtin)
		SELECT b.reason, b.phrase, 'en', b.severity, true, true FROM @extschema@.escalation_builtin_rules() b
		UNION ALL
		SELECT b.reason, b.phrase, b.language, b.severity, true, true FROM @extschema@.escalation_builtin_rules_i18n() b
		ON CONFLICT (language, reason, phrase, builtin) DO UPDATE
			SET enabled = true, severity = excluded.severity
			WHERE NOT r.enabled OR r.severity OPERATOR(pg_catalog.<>) excluded.severity
		RETURNING 1)
	SELECT pg_catalog.count(*) FROM put
	$$;  -- VOLATILE: it writes the rules table
COMMENT ON FUNCTION escalation_rules_reset() IS 'restores every built-in rule (re-inserts deleted ones, re-enables disabled ones, resets their severity); user rows are left alone; returns the number of rows changed';

-- (SECURITY INVOKER: the caller's rights on escalation_rules decide; search_path pinned all
-- the same, so a superuser running it calls nothing from the extension's schema by accident)
CREATE FUNCTION escalation_rules_validate() RETURNS trigger
	AS 'MODULE_PATHNAME', 'escalation_rules_validate'
	LANGUAGE C;  -- VOLATILE (default): trigger
COMMENT ON FUNCTION escalation_rules_validate() IS 'row trigger on escalation_rules: rejects a phrase the scorer cannot read (not UTF-8 in an SQL_ASCII database)';

CREATE TRIGGER escalation_rules_validate
	BEFORE INSERT OR UPDATE OF phrase ON escalation_rules
	FOR EACH ROW EXECUTE FUNCTION escalation_rules_validate();
COMMENT ON TRIGGER escalation_rules_validate ON escalation_rules IS 'rejects phrases that are not valid UTF-8 when they are written, so a bad rule never breaks writes to watched tables';

-- ---------------------------------------------------------------------------
-- trigger, event triggers, agent functions
-- ---------------------------------------------------------------------------

-- SECURITY DEFINER: roles that write the watched tables need no rights on the queue.  It
-- only runs as a trigger (it checks), its queries are fixed and schema-qualified, and
-- search_path is pinned.  EXECUTE is checked when a trigger is created, so revoking it from
-- PUBLIC stops anyone from attaching it to a table of their own and filling the queue,
-- while existing triggers keep firing for every writer.
CREATE OR REPLACE FUNCTION escalation_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME', 'escalation_trigger_v2'
	LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp;  -- VOLATILE (default): writes the queue, sends NOTIFY
COMMENT ON FUNCTION escalation_trigger() IS 'AFTER INSERT OR UPDATE OR DELETE ... FOR EACH ROW EXECUTE FUNCTION escalation_trigger(''col'' [, ''config'']): keeps escalation_queue in step with the rows and NOTIFYs pg_empathy_escalation with the item id';
REVOKE ALL ON FUNCTION escalation_trigger() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION escalation_trigger() TO empathy_admin;

-- DROP TABLE of a watched table: its unresolved items are withdrawn, and every item keeps
-- the table's name in source_name while source becomes NULL (no bare OID left for pg_dump
-- to restore onto another table).
CREATE FUNCTION escalation_queue_dropped() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	UPDATE @extschema@.escalation_queue q
	   SET status = CASE WHEN q.status OPERATOR(pg_catalog.=) ANY ('{open,taken}'::pg_catalog.text[])
						 THEN 'withdrawn' ELSE q.status END,
		   outcome = CASE WHEN q.status OPERATOR(pg_catalog.=) ANY ('{open,taken}'::pg_catalog.text[])
						  THEN 'withdrawn: the table was dropped' ELSE q.outcome END,
		   resolved_at = CASE WHEN q.status OPERATOR(pg_catalog.=) ANY ('{open,taken}'::pg_catalog.text[])
							  THEN pg_catalog.now() ELSE q.resolved_at END,
		   updated_at = pg_catalog.now(),
		   source_name = pg_catalog.quote_ident(d.schema_name) OPERATOR(pg_catalog.||) '.'
						 OPERATOR(pg_catalog.||) pg_catalog.quote_ident(d.object_name),
		   source = NULL
	  FROM pg_catalog.pg_event_trigger_dropped_objects() d
	 WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	   AND d.objsubid OPERATOR(pg_catalog.=) 0
	   AND d.objid OPERATOR(pg_catalog.=) q.source::pg_catalog.oid;
END
$$;  -- VOLATILE: updates the queue
COMMENT ON FUNCTION escalation_queue_dropped() IS 'sql_drop event trigger: withdraws the unresolved items of dropped tables and keeps their names';
REVOKE ALL ON FUNCTION escalation_queue_dropped() FROM PUBLIC;

CREATE EVENT TRIGGER escalation_queue_dropped ON sql_drop
	WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA', 'DROP OWNED')
	EXECUTE FUNCTION escalation_queue_dropped();
COMMENT ON EVENT TRIGGER escalation_queue_dropped IS 'withdraws the escalation_queue items of dropped tables';

-- A careless DROP EXTENSION (or DROP SCHEMA ... CASCADE) would delete the queue with every
-- outcome and correction: refused while the queue holds items, unless
-- pg_empathy.allow_drop_queue is on.
CREATE FUNCTION escalation_drop_guard() RETURNS event_trigger
	AS 'MODULE_PATHNAME', 'escalation_drop_guard'
	LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp;  -- VOLATILE (default): reads the queue at DDL time
COMMENT ON FUNCTION escalation_drop_guard() IS 'ddl_command_start event trigger: refuses DROP EXTENSION pg_empathy_workflow while escalation_queue holds items (pg_empathy.allow_drop_queue = on allows it)';
REVOKE ALL ON FUNCTION escalation_drop_guard() FROM PUBLIC;

CREATE EVENT TRIGGER escalation_drop_guard ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
	EXECUTE FUNCTION escalation_drop_guard();
COMMENT ON EVENT TRIGGER escalation_drop_guard IS 'keeps DROP EXTENSION from deleting a non-empty escalation_queue';

-- Agent identity: agents act as the role of their session; another agent name needs
-- membership in empathy_admin.
CREATE FUNCTION escalation_agent_check(agent text) RETURNS text
	AS 'MODULE_PATHNAME', 'escalation_agent_check'
	LANGUAGE C STABLE PARALLEL RESTRICTED;  -- STABLE: depends on the session's role
COMMENT ON FUNCTION escalation_agent_check(text) IS 'returns agent if the session''s role may act as it (itself, or any name for members of empathy_admin); else 42501';
REVOKE ALL ON FUNCTION escalation_agent_check(text) FROM PUBLIC;

-- Agent functions.  SECURITY DEFINER with search_path pinned to pg_catalog, pg_temp and
-- every name qualified: nothing a user creates in the extension's schema is looked up.
-- EXECUTE for empathy_agent (and so empathy_admin).  VOLATILE: they change the queue.
-- Taken items whose pg_empathy.take_timeout has passed count as open.

CREATE OR REPLACE FUNCTION escalation_take(agent text DEFAULT current_user, min_severity int DEFAULT 0)
	RETURNS SETOF escalation_queue
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	who text := @extschema@.escalation_agent_check(agent);
	timeout interval := pg_catalog.current_setting('pg_empathy.take_timeout')::pg_catalog.interval;
BEGIN
	IF min_severity IS NULL THEN
		RAISE EXCEPTION 'min_severity must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- items whose agent went away: back to the open queue
	IF timeout OPERATOR(pg_catalog.>) '0'::pg_catalog.interval THEN
		UPDATE @extschema@.escalation_queue q
		   SET status = 'open', taken_by = NULL, taken_at = NULL, updated_at = pg_catalog.now()
		 WHERE q.id OPERATOR(pg_catalog.=) ANY (ARRAY(
				SELECT o.id FROM @extschema@.escalation_queue o
				 WHERE o.status OPERATOR(pg_catalog.=) 'taken'
				   AND o.taken_at OPERATOR(pg_catalog.<) (pg_catalog.now() OPERATOR(pg_catalog.-) timeout)
				 FOR UPDATE SKIP LOCKED));
	END IF;
	RETURN QUERY
	UPDATE @extschema@.escalation_queue q
	   SET status = 'taken', taken_by = who, taken_at = pg_catalog.now()
	 WHERE q.id OPERATOR(pg_catalog.=) (
			SELECT o.id FROM @extschema@.escalation_queue o
			 WHERE o.status OPERATOR(pg_catalog.=) 'open'
			   AND o.severity OPERATOR(pg_catalog.>=) min_severity
			 ORDER BY o.severity DESC, o.id
			 LIMIT 1
			 FOR UPDATE SKIP LOCKED)
	RETURNING q.*;
END
$$;  -- VOLATILE: takes an item
COMMENT ON FUNCTION escalation_take(text, int) IS 'gives the calling agent the most severe, oldest open item (no row, if none) and marks it taken; concurrent agents never get the same item (FOR UPDATE SKIP LOCKED)';

-- the item, locked for this transaction; another session's lock is an immediate 55P03
CREATE FUNCTION escalation_lock_item(item_id bigint) RETURNS escalation_queue
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r @extschema@.escalation_queue;
BEGIN
	IF item_id IS NULL THEN
		RAISE EXCEPTION 'item_id must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	BEGIN
		SELECT * INTO r FROM @extschema@.escalation_queue q
		 WHERE q.id OPERATOR(pg_catalog.=) item_id FOR UPDATE NOWAIT;
	EXCEPTION WHEN lock_not_available THEN
		RAISE EXCEPTION 'escalation item % is locked by another session', item_id
			USING ERRCODE = 'lock_not_available',
				  DETAIL = 'Another agent or a write to its source row is changing it now.',
				  HINT = 'Try again when that transaction has ended.';
	END;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'escalation item % does not exist', item_id
			USING ERRCODE = 'no_data_found';
	END IF;
	RETURN r;
END
$$;  -- VOLATILE: locks a row
COMMENT ON FUNCTION escalation_lock_item(bigint) IS 'locks a queue item without waiting (55P03 if another session holds it; P0002 if it does not exist); used by the agent functions';
REVOKE ALL ON FUNCTION escalation_lock_item(bigint) FROM PUBLIC;

CREATE OR REPLACE FUNCTION escalation_resolve(item_id bigint, outcome text, agent text DEFAULT current_user)
	RETURNS escalation_queue
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	who text := @extschema@.escalation_agent_check(agent);
	timeout interval := pg_catalog.current_setting('pg_empathy.take_timeout')::pg_catalog.interval;
	r @extschema@.escalation_queue;
BEGIN
	IF outcome IS NULL OR pg_catalog.btrim(outcome) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'outcome must not be null or empty'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	r := @extschema@.escalation_lock_item(item_id);
	IF r.status OPERATOR(pg_catalog.=) ANY ('{resolved,withdrawn}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'escalation item % is already %', item_id, r.status
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = CASE WHEN r.status OPERATOR(pg_catalog.=) 'resolved'
							THEN pg_catalog.format('%s resolved it at %s with outcome "%s".', r.resolved_by, r.resolved_at, r.outcome)
							ELSE pg_catalog.format('It was %s at %s.', r.outcome, r.resolved_at) END;
	END IF;
	IF r.status OPERATOR(pg_catalog.=) 'taken' AND r.taken_by IS DISTINCT FROM who
	   AND NOT (timeout OPERATOR(pg_catalog.>) '0'::pg_catalog.interval
				AND r.taken_at OPERATOR(pg_catalog.<) (pg_catalog.now() OPERATOR(pg_catalog.-) timeout)) THEN
		RAISE EXCEPTION 'escalation item % is taken by %', item_id, r.taken_by
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Only the agent who took an item resolves it; escalation_release() gives it back.';
	END IF;
	UPDATE @extschema@.escalation_queue q
	   SET status = 'resolved', outcome = escalation_resolve.outcome, resolved_by = who,
		   resolved_at = pg_catalog.now(),
		   taken_by = CASE WHEN q.status OPERATOR(pg_catalog.=) 'taken' THEN q.taken_by ELSE who END,
		   taken_at = coalesce(q.taken_at, pg_catalog.now())
	 WHERE q.id OPERATOR(pg_catalog.=) item_id
	RETURNING q.* INTO r;
	RETURN r;
END
$$;  -- VOLATILE: resolves an item
COMMENT ON FUNCTION escalation_resolve(bigint, text, text) IS 'closes an open or taken item (taken only by the agent who has it, or after pg_empathy.take_timeout) with an outcome';

CREATE OR REPLACE FUNCTION escalation_release(item_id bigint, agent text DEFAULT current_user)
	RETURNS escalation_queue
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	who text := @extschema@.escalation_agent_check(agent);
	r @extschema@.escalation_queue;
BEGIN
	r := @extschema@.escalation_lock_item(item_id);
	IF r.status IS DISTINCT FROM 'taken' OR r.taken_by IS DISTINCT FROM who THEN
		RAISE EXCEPTION 'escalation item % is not taken by %', item_id, who
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	UPDATE @extschema@.escalation_queue q
	   SET status = 'open', taken_by = NULL, taken_at = NULL, updated_at = pg_catalog.now()
	 WHERE q.id OPERATOR(pg_catalog.=) item_id
	RETURNING q.* INTO r;
	RETURN r;
END
$$;  -- VOLATILE: gives an item back
COMMENT ON FUNCTION escalation_release(bigint, text) IS 'gives a taken item back to the open queue (only the agent who took it)';

CREATE OR REPLACE FUNCTION escalation_correct(item_id bigint, label text, score float8 DEFAULT NULL,
								   note text DEFAULT NULL, agent text DEFAULT current_user)
	RETURNS escalation_queue
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	who text := @extschema@.escalation_agent_check(agent);
	r @extschema@.escalation_queue;
BEGIN
	IF label IS NULL AND score IS NULL THEN
		RAISE EXCEPTION 'a correction needs a label or a score'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF label IS NOT NULL AND NOT (label OPERATOR(pg_catalog.=) ANY ('{positive,neutral,negative}'::pg_catalog.text[])) THEN
		RAISE EXCEPTION 'invalid label "%"', label
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Valid labels are positive, neutral and negative.';
	END IF;
	IF score IS NOT NULL AND (score OPERATOR(pg_catalog.<) -1::pg_catalog.float8
							  OR score OPERATOR(pg_catalog.>) 1::pg_catalog.float8
							  OR score OPERATOR(pg_catalog.=) 'NaN'::pg_catalog.float8) THEN
		RAISE EXCEPTION 'score must be between -1 and 1'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM @extschema@.escalation_lock_item(item_id);
	UPDATE @extschema@.escalation_queue q
	   SET corrected_label = coalesce(label, @extschema@.sentiment_label(score)),
		   corrected_score = score, corrected_by = who, corrected_at = pg_catalog.now(),
		   correction_note = note
	 WHERE q.id OPERATOR(pg_catalog.=) item_id
	RETURNING q.* INTO r;
	RETURN r;
END
$$;  -- VOLATILE: records a correction
COMMENT ON FUNCTION escalation_correct(bigint, text, float8, text, text) IS 'records a human''s sentiment label and/or score for an item; escalation_review prefers them over the machine''s';

REVOKE ALL ON FUNCTION escalation_take(text, int), escalation_resolve(bigint, text, text),
	escalation_release(bigint, text), escalation_correct(bigint, text, float8, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION escalation_take(text, int), escalation_resolve(bigint, text, text),
	escalation_release(bigint, text), escalation_correct(bigint, text, float8, text, text) TO empathy_agent;

-- The primary key columns of a table, in key order (NULL when it has none): the triggers and
-- sweeps identify a row by them (row_key is {"column": "value as text"}).
CREATE FUNCTION primary_key_columns(source regclass) RETURNS text[]
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT pg_catalog.array_agg(a.attname::pg_catalog.text ORDER BY k.ord)
	  FROM pg_catalog.pg_index i
	  CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, ord)
	  JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid
									 AND a.attnum OPERATOR(pg_catalog.=) k.attnum
	 WHERE i.indrelid OPERATOR(pg_catalog.=) source AND i.indisprimary
	$$;  -- STABLE: reads the catalogs
COMMENT ON FUNCTION primary_key_columns(regclass) IS 'internal: the primary key columns of a table in key order, NULL when it has none';
-- EXECUTE stays with PUBLIC: it reads only the catalogs, and escalation_sweep() runs with the
-- caller's rights

-- For the sweeps: an SQL condition that is true when the row t of a table with the key columns
-- keycols is the row of item.row_key ('false' without key columns: no row can be found).
CREATE FUNCTION row_key_condition(keycols text[], item text) RETURNS text
	LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT coalesce(pg_catalog.string_agg(pg_catalog.format(
			't.%I::pg_catalog.text OPERATOR(pg_catalog.=) (%I.row_key OPERATOR(pg_catalog.->>) %L)', c, item, c),
			' AND '), 'false')
	  FROM pg_catalog.unnest(keycols) AS c
	$$;
COMMENT ON FUNCTION row_key_condition(text[], text) IS 'internal: SQL condition matching table alias t to the row named by <item>.row_key';
REVOKE ALL ON FUNCTION row_key_condition(text[], text) FROM PUBLIC;

-- Orphans the triggers cannot see (TRUNCATE, a dropped or detached partition, a trigger
-- created with UPDATE OF col only, rows deleted while the trigger was disabled): withdraws
-- every unresolved item whose row is gone.  Run it after such operations, or from cron.
CREATE FUNCTION escalation_queue_sweep() RETURNS bigint
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	src regclass;
	n bigint;
	total bigint := 0;
BEGIN
	FOR src IN SELECT DISTINCT q.source FROM @extschema@.escalation_queue q
				WHERE q.status OPERATOR(pg_catalog.=) ANY ('{open,taken}'::pg_catalog.text[])
				  AND q.source IS NOT NULL
	LOOP
		EXECUTE pg_catalog.format(
			'UPDATE @extschema@.escalation_queue q SET status = ''withdrawn'','
			' outcome = ''withdrawn: the row is gone (sweep)'', resolved_at = pg_catalog.now(),'
			' updated_at = pg_catalog.now()'
			' WHERE q.source OPERATOR(pg_catalog.=) $1'
			' AND q.status OPERATOR(pg_catalog.=) ANY (''{open,taken}''::pg_catalog.text[])'
			' AND NOT EXISTS (SELECT FROM %s t WHERE %s)', src,
			@extschema@.row_key_condition(@extschema@.primary_key_columns(src), 'q')) USING src;
		GET DIAGNOSTICS n = ROW_COUNT;
		total := total OPERATOR(pg_catalog.+) n;
	END LOOP;
	RETURN total;
END
$$;  -- VOLATILE: withdraws items
COMMENT ON FUNCTION escalation_queue_sweep() IS 'withdraws every unresolved queue item whose source row no longer exists (after TRUNCATE, partition drops, disabled triggers); returns how many';
REVOKE ALL ON FUNCTION escalation_queue_sweep() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION escalation_queue_sweep() TO empathy_admin;
