-- ---------------------------------------------------------------------------
-- scaling out (issue 14): escalation on distributed and sharded tables
-- ---------------------------------------------------------------------------
-- On Citus and postgres_fdw shards the per-node escalation_rules and pg_empathy.* settings
-- differ, triggers cannot run on the shards (NOTIFY inside two-phase commit), and Citus
-- refuses STABLE functions with column references in UPDATE.  So the rules travel as a
-- value: escalation_ruleset() reads them once on the node that plans the query, and
-- escalation_check(message, rules, config, negative_threshold, min_severity) is a function
-- of its arguments alone (IMMUTABLE), shipped with the query to every shard.
-- escalation_sweep() runs that check over the rows not checked yet, as one UPDATE that the
-- shards execute, and fills the single queue of the node it runs on (README "Scaling out").
-- This file is also the update's part (upgrade/pg_empathy_workflow--0.1.0--0.2.0/70_scale.sql
-- is a link to it).

CREATE TYPE escalation_ruleset AS (
	languages  text[],
	reasons    text[],
	phrases    text[],
	severities int[]
);
COMMENT ON TYPE escalation_ruleset IS 'a set of escalation rules as a value (element i of each array is one rule), for escalation_check(message, rules, ...) on shards: see escalation_ruleset()';

CREATE FUNCTION escalation_ruleset() RETURNS escalation_ruleset
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT ROW(coalesce(pg_catalog.array_agg(r.language ORDER BY r.language, r.reason, r.phrase), '{}'),
			   coalesce(pg_catalog.array_agg(r.reason ORDER BY r.language, r.reason, r.phrase), '{}'),
			   coalesce(pg_catalog.array_agg(r.phrase ORDER BY r.language, r.reason, r.phrase), '{}'),
			   coalesce(pg_catalog.array_agg(r.severity ORDER BY r.language, r.reason, r.phrase), '{}')
			  )::@extschema@.escalation_ruleset
	FROM (SELECT DISTINCT ON (language, reason, phrase) language, reason, phrase, severity, enabled
		  FROM @extschema@.escalation_rules ORDER BY language, reason, phrase, builtin) r
	WHERE r.enabled
	$$;  -- STABLE: reads escalation_rules
COMMENT ON FUNCTION escalation_ruleset() IS 'the enabled rules of escalation_rules (a user row overriding the built-in row of its phrase) as one value, the rules escalation_check() uses on this node';

CREATE FUNCTION escalation_check(message text, rules escalation_ruleset, config text,
								 negative_threshold float8, min_severity int) RETURNS escalation
	AS 'MODULE_PATHNAME', 'escalation_check_rules'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION escalation_check(text, escalation_ruleset, text, float8, int) IS 'escalation check of one message with the rules and settings given as arguments (IMMUTABLE: usable in Citus UPDATE and shipped to shards); escalation_check(body, escalation_ruleset(), ''en-rules'', -0.6, 1) equals escalation_check(body) with the defaults';

-- Writes the queue entries found by escalation_sweep() (which runs with the caller's rights on
-- the source table): SECURITY DEFINER like escalation_trigger(), EXECUTE for empathy_admin only.
CREATE FUNCTION escalation_sweep_enqueue(source regclass, text_column text, row_keys jsonb[],
										 results escalation[], language text) RETURNS bigint
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH item AS (
		INSERT INTO @extschema@.escalation_queue AS q
			(source, source_name, source_column, row_key, reasons, matched, severity, sentiment, language)
		SELECT $1, pg_catalog.format('%I.%I', n.nspname, c.relname),
			   $2, $3[i], ($4[i]).reasons, ($4[i]).matched, ($4[i]).severity, ($4[i]).sentiment, $5
		FROM pg_catalog.generate_subscripts($3, 1) AS i
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) $1
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		ON CONFLICT (source, source_column, row_key)
			WHERE status OPERATOR(pg_catalog.=) ANY ('{open,taken}'::pg_catalog.text[])
		DO UPDATE SET reasons = excluded.reasons, matched = excluded.matched,
			severity = excluded.severity, sentiment = excluded.sentiment,
			language = excluded.language, source_name = excluded.source_name,
			updated_at = pg_catalog.now()
		RETURNING q.id)
	SELECT pg_catalog.count(pg_catalog.pg_notify('pg_empathy_escalation', id::pg_catalog.text)) FROM item
	$$;  -- VOLATILE: writes the queue and notifies
COMMENT ON FUNCTION escalation_sweep_enqueue(regclass, text, jsonb[], escalation[], text) IS 'internal helper of escalation_sweep(): upserts the queue entries of escalating rows and notifies pg_empathy_escalation';
REVOKE ALL ON FUNCTION escalation_sweep_enqueue(regclass, text, jsonb[], escalation[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION escalation_sweep_enqueue(regclass, text, jsonb[], escalation[], text) TO empathy_admin;

-- The sweep: one UPDATE of the rows whose mark column is NULL (not checked yet), which Citus
-- runs on every shard (the check is IMMUTABLE, the rules and settings are constants of the
-- query); rows of transactions that commit later are still NULL and are found by the next
-- sweep, a concurrent sweep skips the rows this one marked (row locks, READ COMMITTED
-- re-check), and the marks and queue entries commit together.
CREATE FUNCTION escalation_sweep(source regclass, text_column text, mark_column text,
								 config text DEFAULT 'en-rules', key_columns text[] DEFAULT NULL) RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	keycols text[];
	keyexpr text;
	typ regtype;
	col record;
	rules @extschema@.escalation_ruleset := @extschema@.escalation_ruleset();
	neg float8;
	minsev int;
	lang text;
	keys jsonb[] := '{}';
	results @extschema@.escalation[] := '{}';
	rec record;
BEGIN
	PERFORM @extschema@.sentiment_score('');	-- loads the library, which defines the settings
	IF source IS NULL OR text_column IS NULL OR mark_column IS NULL OR config IS NULL THEN
		RAISE EXCEPTION 'escalation_sweep: arguments must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	neg := pg_catalog.current_setting('pg_empathy.negative_threshold')::float8;
	minsev := pg_catalog.current_setting('pg_empathy.escalation_min_severity')::int;
	SELECT c.language INTO lang FROM @extschema@.sentiment_configs() c
	 WHERE c.name OPERATOR(pg_catalog.=) config;
	IF NOT FOUND THEN	-- also checks 'auto' forms and reports unknown names as the check does
		PERFORM @extschema@.escalation_check('', rules, config, neg, minsev);
		lang := config;
	END IF;
	-- the text column and the mark column: exist, and of the right types
	FOR col IN SELECT * FROM (VALUES
			(text_column, '{text,"character varying",character}'::regtype[], 'text', NULL::text),
			(mark_column, '{integer,smallint,bigint}'::regtype[], 'an integer type',
			 'Add it with ALTER TABLE ... ADD COLUMN ... int (NULL: not checked yet).')) v(name, types, what, hint)
	LOOP
		SELECT a.atttypid::regtype INTO typ FROM pg_catalog.pg_attribute a
		 WHERE a.attrelid OPERATOR(pg_catalog.=) source AND a.attname OPERATOR(pg_catalog.=) col.name
		   AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
		IF NOT FOUND AND col.hint IS NULL THEN
			RAISE EXCEPTION 'column "%" of relation "%" does not exist', col.name, source
				USING ERRCODE = 'undefined_column';
		ELSIF NOT FOUND THEN
			RAISE EXCEPTION 'column "%" of relation "%" does not exist', col.name, source
				USING ERRCODE = 'undefined_column', HINT = col.hint;
		END IF;
		IF typ OPERATOR(pg_catalog.<>) ALL (col.types) THEN
			RAISE EXCEPTION 'column "%" of relation "%" is of type %, not %', col.name, source, typ, col.what
				USING ERRCODE = 'datatype_mismatch';
		END IF;
	END LOOP;
	IF key_columns IS NULL THEN
		keycols := @extschema@.primary_key_columns(source);
		IF keycols IS NULL THEN
			RAISE EXCEPTION 'relation "%" has no primary key', source
				USING ERRCODE = 'object_not_in_prerequisite_state',
					  DETAIL = 'escalation_sweep() identifies queue entries by the primary key.',
					  HINT = 'Name the key columns in key_columns (a partitioned table of foreign tables cannot have a primary key).';
		END IF;
	ELSE
		IF pg_catalog.cardinality(key_columns) OPERATOR(pg_catalog.=) 0 OR EXISTS (
			SELECT FROM pg_catalog.unnest(key_columns) AS c WHERE c IS NULL OR NOT EXISTS (
				SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) source
				   AND a.attname OPERATOR(pg_catalog.=) c AND a.attnum OPERATOR(pg_catalog.>) 0
				   AND NOT a.attisdropped)) THEN
			RAISE EXCEPTION 'key_columns % are not columns of relation "%"', key_columns, source
				USING ERRCODE = 'undefined_column';
		END IF;
		keycols := key_columns;
	END IF;
	SELECT pg_catalog.format('pg_catalog.jsonb_object(%L::pg_catalog.text[], ARRAY[%s]::pg_catalog.text[])',
			keycols, pg_catalog.string_agg(pg_catalog.format('%I::pg_catalog.text', c), ', '))
	  INTO keyexpr FROM pg_catalog.unnest(keycols) AS c;

	-- the mark is the severity (0: calm or NULL text); the full result is computed again only
	-- for the escalating rows, on the shard, in RETURNING
	FOR rec IN EXECUTE pg_catalog.format(
		'UPDATE %1$s SET %3$I = COALESCE((@extschema@.escalation_check(%2$I::pg_catalog.text, $1, $2, $3, $4)).severity, 0)'
		' WHERE %3$I IS NULL'
		' RETURNING %4$s AS row_key, CASE WHEN %3$I OPERATOR(pg_catalog.>=) $4'
		'  THEN @extschema@.escalation_check(%2$I::pg_catalog.text, $1, $2, $3, $4) END AS result',
		source, text_column, mark_column, keyexpr)
		USING rules, config, neg, minsev
	LOOP
		IF rec.result IS NOT NULL THEN
			keys := pg_catalog.array_append(keys, rec.row_key);
			results := pg_catalog.array_append(results, rec.result);
		END IF;
	END LOOP;
	IF pg_catalog.cardinality(keys) OPERATOR(pg_catalog.>) 0 THEN
		PERFORM @extschema@.escalation_sweep_enqueue(source, text_column, keys, results, lang);
	END IF;
	RETURN pg_catalog.cardinality(keys);
END
$$;  -- VOLATILE: marks rows and writes the queue
COMMENT ON FUNCTION escalation_sweep(regclass, text, text, text, text[]) IS 'checks the rows of source whose mark_column is NULL (on the shards, for a Citus table), stores their severity there and queues the escalating ones (one entry per row, keyed by the primary key or key_columns, as escalation_trigger() does); returns how many it queued';
REVOKE ALL ON FUNCTION escalation_sweep(regclass, text, text, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION escalation_sweep(regclass, text, text, text, text[]) TO empathy_admin;
