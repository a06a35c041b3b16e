
-- ---------------------------------------------------------------------------
-- review_trigger(): rows whose review_reasons() are not empty go to the review queue
-- ---------------------------------------------------------------------------
-- Like escalation_trigger(): SECURITY DEFINER so writers of the watched table need no rights
-- on the queue; EXECUTE (checked when a trigger is created) only for empathy_admin.  The item
-- follows its row: a key change rewrites row_key, a change of the text or region withdraws the
-- open item (and submits the new text if it needs a person), a DELETE withdraws it.
-- Partitioned tables: the trigger created on the partitioned table (cloned by PostgreSQL to
-- every partition, also those attached later) submits with the partitioned table as source and
-- its primary key; an UPDATE that moves a row to another partition (a DELETE and an INSERT for
-- the triggers) is handled as an UPDATE.  review_trigger() is a small C function that tells the
-- two halves of such a move from a real DELETE and INSERT (src/review/review_trigger_sql.c)
-- and runs the PL/pgSQL body review_trigger_row().

-- withdraws an open item; its holders' assignments expire (a late answer gets 55000)
CREATE FUNCTION review_withdraw(item_id bigint, outcome text) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	UPDATE @extschema@.review_items i
	   SET status = 'withdrawn', outcome = review_withdraw.outcome, held = 0, updated_at = pg_catalog.now()
	 WHERE i.id OPERATOR(pg_catalog.=) item_id AND i.status OPERATOR(pg_catalog.=) 'open';
	UPDATE @extschema@.review_assignments a SET status = 'expired', finished_at = pg_catalog.clock_timestamp()
	 WHERE a.item_id OPERATOR(pg_catalog.=) review_withdraw.item_id AND a.status OPERATOR(pg_catalog.=) 'taken';
END
$$;  -- VOLATILE: withdraws an item
COMMENT ON FUNCTION review_withdraw(bigint, text) IS 'withdraws an open review item with a reason; the assignments of its holders expire';
REVOKE ALL ON FUNCTION review_withdraw(bigint, text) FROM PUBLIC;

-- Rows that leave without a row trigger seeing it (TRUNCATE, DROP or DETACH of a partition, rows
-- deleted while the trigger was disabled): review_sweep_source() withdraws the open items of one
-- source whose row is gone; review_sweep() does it for every source.  The event triggers run it
-- for DROP TABLE (every partitioned source: a dropped partition's parent is not known any more)
-- and for ALTER TABLE of a partitioned source (DETACH PARTITION).
CREATE FUNCTION review_sweep_source(src regclass) RETURNS bigint
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	item bigint;
	n bigint := 0;
BEGIN
	FOR item IN EXECUTE pg_catalog.format(
		'SELECT i.id FROM @extschema@.review_items i'
		' WHERE i.source OPERATOR(pg_catalog.=) $1 AND i.status OPERATOR(pg_catalog.=) ''open'''
		' AND i.row_key IS NOT NULL AND NOT EXISTS (SELECT FROM %s t WHERE %s)'
		' ORDER BY i.id FOR UPDATE OF i', src,
		@extschema@.row_key_condition(@extschema@.primary_key_columns(src), 'i')) USING src
	LOOP
		PERFORM @extschema@.review_withdraw(item, 'withdrawn: the row is gone (sweep)');
		n := n OPERATOR(pg_catalog.+) 1;
	END LOOP;
	RETURN n;
END
$$;  -- VOLATILE: withdraws items
COMMENT ON FUNCTION review_sweep_source(regclass) IS 'internal: withdraws the open review items of one source table whose row no longer exists; returns how many';
REVOKE ALL ON FUNCTION review_sweep_source(regclass) FROM PUBLIC;

CREATE FUNCTION review_sweep() RETURNS bigint
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT coalesce(pg_catalog.sum(@extschema@.review_sweep_source(s.source)), 0)::pg_catalog.int8
	  FROM (SELECT DISTINCT i.source FROM @extschema@.review_items i
			 WHERE i.status OPERATOR(pg_catalog.=) 'open' AND i.source IS NOT NULL
			   AND i.row_key IS NOT NULL) s
	$$;  -- VOLATILE: withdraws items
COMMENT ON FUNCTION review_sweep() IS 'withdraws every open review item whose source row no longer exists (after TRUNCATE, a detached or dropped partition, a disabled trigger); returns how many';
REVOKE ALL ON FUNCTION review_sweep() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION review_sweep() TO empathy_admin;

-- ALTER TABLE ... DETACH PARTITION: the altered table is the partitioned source
CREATE FUNCTION review_altered() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM @extschema@.review_sweep_source(s.source)
	   FROM (SELECT DISTINCT i.source FROM @extschema@.review_items i
			  JOIN pg_catalog.pg_event_trigger_ddl_commands() d
				ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			   AND d.objid OPERATOR(pg_catalog.=) i.source::pg_catalog.oid
			  JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
			 WHERE i.status OPERATOR(pg_catalog.=) 'open' AND c.relkind OPERATOR(pg_catalog.=) 'p') s;
END
$$;  -- VOLATILE: withdraws items
COMMENT ON FUNCTION review_altered() IS 'ddl_command_end event trigger: after ALTER TABLE of a partitioned source (DETACH PARTITION), withdraws its open review items whose row is gone';
REVOKE ALL ON FUNCTION review_altered() FROM PUBLIC;

CREATE EVENT TRIGGER review_altered ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE')
	EXECUTE FUNCTION review_altered();
COMMENT ON EVENT TRIGGER review_altered IS 'withdraws the review items of rows that left a partitioned source by DETACH PARTITION';

-- for review_trigger_row(): the old row of an UPDATE that moved the row to another partition
CREATE FUNCTION review_trigger_move(old jsonb) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'review_trigger_move'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;  -- VOLATILE: keeps state between the two halves of a move
COMMENT ON FUNCTION review_trigger_move(jsonb) IS 'inside review_trigger(): for the DELETE half of an UPDATE that moved a row to another partition, keeps and returns the old row; for its INSERT half, returns that old row; NULL otherwise';
REVOKE ALL ON FUNCTION review_trigger_move(jsonb) FROM PUBLIC;

CREATE FUNCTION review_trigger_row() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	op text := TG_OP;
	src regclass;
	moved jsonb;
	col text;
	regcol text;
	cfg text := 'auto';
	panel int := 1;
	keycols text[];
	newj jsonb;
	oldj jsonb;
	newkey jsonb;
	oldkey jsonb;
	body text;
	region text;
	lang text;
	reasons text[];
	open_id bigint;
BEGIN
	IF TG_WHEN OPERATOR(pg_catalog.<>) 'AFTER' OR TG_LEVEL OPERATOR(pg_catalog.<>) 'ROW' THEN
		RAISE EXCEPTION 'review_trigger() must be fired AFTER ... FOR EACH ROW'
			USING ERRCODE = 'trigger_protocol_violated';
	END IF;
	IF TG_NARGS OPERATOR(pg_catalog.<) 2 OR TG_NARGS OPERATOR(pg_catalog.>) 4 THEN
		RAISE EXCEPTION 'review_trigger() takes a text column, a region column and optionally a configuration and a panel size'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'For example EXECUTE FUNCTION review_trigger(''body'', ''region'', ''auto'', ''3'').';
	END IF;
	col := TG_ARGV[0];
	regcol := TG_ARGV[1];
	IF TG_NARGS OPERATOR(pg_catalog.>=) 3 THEN cfg := TG_ARGV[2]; END IF;
	IF TG_NARGS OPERATOR(pg_catalog.>=) 4 THEN
		IF TG_ARGV[3] OPERATOR(pg_catalog.!~) '^[0-9]{1,6}$' OR TG_ARGV[3]::pg_catalog.int4 OPERATOR(pg_catalog.<) 1 THEN
			RAISE EXCEPTION 'panel size must be a whole number of at least 1, not "%"', TG_ARGV[3]
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		panel := TG_ARGV[3]::pg_catalog.int4;
	END IF;
	-- the source: the table the trigger was created on (a partition's trigger is a clone of
	-- its partitioned table's: follow tgparentid up)
	WITH RECURSIVE up AS (
		SELECT t.tgrelid, t.tgparentid FROM pg_catalog.pg_trigger t
		 WHERE t.tgrelid OPERATOR(pg_catalog.=) TG_RELID AND t.tgname OPERATOR(pg_catalog.=) TG_NAME
		UNION ALL
		SELECT t.tgrelid, t.tgparentid FROM pg_catalog.pg_trigger t JOIN up ON t.oid OPERATOR(pg_catalog.=) up.tgparentid)
	SELECT up.tgrelid INTO src FROM up WHERE up.tgparentid OPERATOR(pg_catalog.=) 0;
	src := coalesce(src, TG_RELID::pg_catalog.regclass);
	keycols := @extschema@.primary_key_columns(src);
	IF keycols IS NULL THEN
		RAISE EXCEPTION 'table % has no primary key', src
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'review_trigger() identifies rows by their primary key.';
	END IF;
	-- an UPDATE that moved the row to another partition: nothing on its DELETE half, an
	-- UPDATE from the old row on its INSERT half
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		oldj := pg_catalog.to_jsonb(OLD);
		IF @extschema@.review_trigger_move(oldj) IS NOT NULL THEN
			RETURN NULL;
		END IF;
	ELSIF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
		oldj := @extschema@.review_trigger_move(NULL);
		IF oldj IS NOT NULL THEN
			op := 'UPDATE';
		END IF;
	ELSE
		oldj := pg_catalog.to_jsonb(OLD);
	END IF;
	IF op OPERATOR(pg_catalog.<>) 'DELETE' THEN
		newj := pg_catalog.to_jsonb(NEW);
		IF NOT (newj OPERATOR(pg_catalog.?) col AND newj OPERATOR(pg_catalog.?) regcol) THEN
			RAISE EXCEPTION 'column "%" of relation "%" does not exist',
				CASE WHEN newj OPERATOR(pg_catalog.?) col THEN regcol ELSE col END, TG_TABLE_NAME
				USING ERRCODE = 'undefined_column';
		END IF;
		SELECT pg_catalog.jsonb_object_agg(k, newj OPERATOR(pg_catalog.->>) k) INTO newkey FROM pg_catalog.unnest(keycols) k;
	END IF;
	IF op OPERATOR(pg_catalog.<>) 'INSERT' THEN
		SELECT pg_catalog.jsonb_object_agg(k, oldj OPERATOR(pg_catalog.->>) k) INTO oldkey FROM pg_catalog.unnest(keycols) k;
		SELECT i.id INTO open_id FROM @extschema@.review_items i
		 WHERE i.source OPERATOR(pg_catalog.=) src
		   AND coalesce(i.source_column, '') OPERATOR(pg_catalog.=) col
		   AND i.row_key OPERATOR(pg_catalog.=) oldkey AND i.kind OPERATOR(pg_catalog.=) 'sentiment'
		   AND i.status OPERATOR(pg_catalog.=) 'open'
		   FOR NO KEY UPDATE;
	END IF;
	IF open_id IS NOT NULL THEN
		IF op OPERATOR(pg_catalog.=) 'DELETE' THEN
			PERFORM @extschema@.review_withdraw(open_id, 'withdrawn: the row was deleted');
			RETURN NULL;
		ELSIF (newj OPERATOR(pg_catalog.->>) col) IS DISTINCT FROM (oldj OPERATOR(pg_catalog.->>) col)
			  OR (newj OPERATOR(pg_catalog.->>) regcol) IS DISTINCT FROM (oldj OPERATOR(pg_catalog.->>) regcol) THEN
			PERFORM @extschema@.review_withdraw(open_id, 'withdrawn: the text changed');
		ELSIF newkey OPERATOR(pg_catalog.<>) oldkey THEN
			UPDATE @extschema@.review_items i SET row_key = newkey, updated_at = pg_catalog.now()
			 WHERE i.id OPERATOR(pg_catalog.=) open_id;
			RETURN NULL;
		ELSE
			RETURN NULL;		-- another column changed: the item stands
		END IF;
	END IF;
	IF op OPERATOR(pg_catalog.=) 'DELETE'
	   OR (op OPERATOR(pg_catalog.=) 'UPDATE' AND open_id IS NULL
		   AND (newj OPERATOR(pg_catalog.->>) col) IS NOT DISTINCT FROM (oldj OPERATOR(pg_catalog.->>) col)
		   AND (newj OPERATOR(pg_catalog.->>) regcol) IS NOT DISTINCT FROM (oldj OPERATOR(pg_catalog.->>) regcol)) THEN
		RETURN NULL;
	END IF;
	body := newj OPERATOR(pg_catalog.->>) col;
	region := newj OPERATOR(pg_catalog.->>) regcol;
	IF body IS NULL OR pg_catalog.btrim(body) OPERATOR(pg_catalog.=) '' OR region IS NULL
	   OR pg_catalog.btrim(region) OPERATOR(pg_catalog.=) '' THEN
		RETURN NULL;
	END IF;
	reasons := @extschema@.review_reasons(body, cfg);
	IF pg_catalog.cardinality(reasons) OPERATOR(pg_catalog.=) 0 THEN
		RETURN NULL;
	END IF;
	IF cfg OPERATOR(pg_catalog.=) 'auto' OR cfg OPERATOR(pg_catalog.~~) 'auto:%' THEN
		lang := @extschema@.detect_language(body);
	ELSE
		SELECT c.language INTO lang FROM @extschema@.sentiment_configs() c WHERE c.name OPERATOR(pg_catalog.=) cfg;
	END IF;
	PERFORM @extschema@.review_insert(src, col, newkey, body, lang, region,
									  'sentiment', reasons, panel);
	RETURN NULL;
END
$$;  -- VOLATILE: writes the review queue
COMMENT ON FUNCTION review_trigger_row() IS 'the body of review_trigger(), which calls it with its trigger data (not to be attached to a table itself)';
REVOKE ALL ON FUNCTION review_trigger_row() FROM PUBLIC;

CREATE FUNCTION review_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME', 'review_trigger'
	LANGUAGE C;
COMMENT ON FUNCTION review_trigger() IS 'AFTER INSERT OR UPDATE OR DELETE ... FOR EACH ROW EXECUTE FUNCTION review_trigger(''text column'', ''region column'' [, ''config'' [, ''panel size'']]): submits rows whose review_reasons() are not empty; the item follows key changes and moves between partitions (source: the table the trigger was created on), is replaced when the text changes and withdrawn on DELETE';
REVOKE ALL ON FUNCTION review_trigger() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION review_trigger() TO empathy_admin;
