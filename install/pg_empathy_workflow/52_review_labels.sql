
-- ---------------------------------------------------------------------------
-- human labels win (issue 12, item 4): one append-only label store
-- ---------------------------------------------------------------------------
-- Every human label of a row is a new row here: a panel's consensus (review_answer() completes
-- a sentiment panel), an escalation correction (escalation_correct(), through a trigger on
-- escalation_queue) or a direct label (review_label()).  Nothing is updated or deleted: each
-- row names the label it replaces (previous_*), so the table is the audit trail.  The final
-- label of a row is its latest human label, else the machine's (review_final()).

CREATE TABLE review_labels (
	id             bigserial   PRIMARY KEY,
	origin         text        NOT NULL CHECK (origin IN ('panel', 'escalation', 'manual')),
	source         regclass,
	source_name    text,
	source_column  text,
	row_key        jsonb,
	item_id        bigint      REFERENCES review_items,
	escalation_id  bigint,
	label          text        NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
	score          float8      CHECK (score BETWEEN -1 AND 1),
	agreement      float8      CHECK (agreement BETWEEN 0 AND 1),
	note           text,
	body           text,
	language       text,
	region         text,
	config         text,
	machine_score  float8,
	machine_label  text,
	labelled_by    text        NOT NULL,
	labelled_at    timestamptz NOT NULL DEFAULT now(),
	previous_id    bigint,
	previous_label text,
	previous_score float8,
	CHECK (row_key IS NOT NULL OR item_id IS NOT NULL)
);
COMMENT ON TABLE review_labels IS 'every human sentiment label (panel consensus, escalation correction, direct label): who, when, label, score and the label it replaces; append-only';
COMMENT ON COLUMN review_labels.origin IS 'panel (consensus of a review panel), escalation (escalation_correct()) or manual (review_label())';
COMMENT ON COLUMN review_labels.row_key IS 'the labelled row''s primary key (with source and source_column); NULL for an item submitted without a row';
COMMENT ON COLUMN review_labels.agreement IS 'panel: share of the panel that gave the consensus label';
COMMENT ON COLUMN review_labels.labelled_by IS 'the role that labelled (for a panel: its reviewers, comma-separated)';
COMMENT ON COLUMN review_labels.body IS 'the text as it was labelled (what lexicon_suggestions() learns from)';
COMMENT ON COLUMN review_labels.machine_score IS 'the machine''s compound score of the text when it was labelled';
COMMENT ON COLUMN review_labels.previous_id IS 'id of the label of the same row this one replaces (NULL for the first); no foreign key, so pg_dump needs no circular-constraint warning';

CREATE INDEX review_labels_row ON review_labels (source, (coalesce(source_column, '')), row_key, id)
	WHERE row_key IS NOT NULL;
COMMENT ON INDEX review_labels_row IS 'the labels of a row, oldest first (the latest is the final one)';
CREATE INDEX review_labels_item ON review_labels (item_id, id) WHERE row_key IS NULL;
COMMENT ON INDEX review_labels_item IS 'the labels of an item submitted without a row';

SELECT pg_catalog.pg_extension_config_dump('review_labels', '');
SELECT pg_catalog.pg_extension_config_dump('review_labels_id_seq', '');

-- append-only, also for the owner (pg_dump restores with COPY, which this does not stop)
CREATE FUNCTION review_labels_immutable() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	-- the one change allowed: review_dropped() forgets the OID of a dropped table (source_name stays)
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND NEW.source IS NULL AND OLD.source IS NOT NULL
	   AND (pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.-) 'source')
		   OPERATOR(pg_catalog.=) (pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.-) 'source') THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'review_labels is append-only'
		USING ERRCODE = 'object_not_in_prerequisite_state',
			  DETAIL = 'Labels are an audit trail: they are never updated or deleted.',
			  HINT = 'Record a new label (review_label()); it names the one it replaces.';
END
$$;  -- VOLATILE (default): trigger
COMMENT ON FUNCTION review_labels_immutable() IS 'trigger: refuses UPDATE, DELETE and TRUNCATE of review_labels';
REVOKE ALL ON FUNCTION review_labels_immutable() FROM PUBLIC;
CREATE TRIGGER review_labels_immutable BEFORE UPDATE OR DELETE ON review_labels
	FOR EACH ROW EXECUTE FUNCTION review_labels_immutable();
COMMENT ON TRIGGER review_labels_immutable ON review_labels IS 'review_labels is an audit trail: rows are never changed';
CREATE TRIGGER review_labels_no_truncate BEFORE TRUNCATE ON review_labels
	FOR EACH STATEMENT EXECUTE FUNCTION review_labels_immutable();
COMMENT ON TRIGGER review_labels_no_truncate ON review_labels IS 'review_labels is an audit trail: it is never emptied';

-- reviewers read the labels of their regions and languages; a label without a region (an
-- escalation correction, a direct label) is read by those who may read its table, as its text
-- comes from there
ALTER TABLE review_labels ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_labels_coverage ON review_labels FOR SELECT
	USING (CASE WHEN region IS NOT NULL THEN @extschema@.review_covers(region, language)
				WHEN source IS NOT NULL THEN pg_catalog.has_table_privilege(source, 'SELECT')
										  OR pg_catalog.pg_has_role(CURRENT_USER, 'empathy_admin', 'MEMBER')
				ELSE pg_catalog.pg_has_role(CURRENT_USER, 'empathy_admin', 'MEMBER') END);
REVOKE ALL ON review_labels FROM PUBLIC;
REVOKE ALL ON SEQUENCE review_labels_id_seq FROM PUBLIC;
GRANT SELECT ON review_labels TO empathy_agent;

-- Appends a label, filling in the label it replaces.  Two labels of one row written by
-- concurrent transactions may name the same previous label; both stay, the later id wins.
CREATE FUNCTION review_label_append(l review_labels) RETURNS review_labels
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	p @extschema@.review_labels;
BEGIN
	-- (source = rather than IS NOT DISTINCT FROM, which review_labels_row cannot serve: that was
	-- a sequential scan of the label store for every label, 5 ms each at 7,000 labels)
	IF l.row_key IS NOT NULL AND l.source IS NOT NULL THEN
		SELECT * INTO p FROM @extschema@.review_labels x
		 WHERE x.source OPERATOR(pg_catalog.=) l.source
		   AND coalesce(x.source_column, '') OPERATOR(pg_catalog.=) coalesce(l.source_column, '')
		   AND x.row_key OPERATOR(pg_catalog.=) l.row_key
		 ORDER BY x.id DESC LIMIT 1;
	ELSIF l.row_key IS NOT NULL THEN
		SELECT * INTO p FROM @extschema@.review_labels x
		 WHERE x.source IS NULL
		   AND coalesce(x.source_column, '') OPERATOR(pg_catalog.=) coalesce(l.source_column, '')
		   AND x.row_key OPERATOR(pg_catalog.=) l.row_key
		 ORDER BY x.id DESC LIMIT 1;
	ELSE
		SELECT * INTO p FROM @extschema@.review_labels x
		 WHERE x.row_key IS NULL AND x.item_id OPERATOR(pg_catalog.=) l.item_id
		 ORDER BY x.id DESC LIMIT 1;
	END IF;
	l.id := pg_catalog.nextval('@extschema@.review_labels_id_seq'::pg_catalog.regclass);
	l.labelled_at := pg_catalog.now();
	l.previous_id := p.id;
	l.previous_label := p.label;
	l.previous_score := p.score;
	l.source_name := coalesce(l.source_name, l.source::pg_catalog.text);
	IF l.machine_score IS NULL AND l.body IS NOT NULL AND l.config IS NOT NULL THEN
		l.machine_score := @extschema@.sentiment_score(l.body, l.config);
	END IF;
	l.machine_label := @extschema@.sentiment_label(l.machine_score);
	INSERT INTO @extschema@.review_labels SELECT l.*;
	RETURN l;
END
$$;  -- VOLATILE: appends a label
COMMENT ON FUNCTION review_label_append(review_labels) IS 'appends a label to review_labels with the label it replaces; used by the panel, escalation and manual paths';
REVOKE ALL ON FUNCTION review_label_append(review_labels) FROM PUBLIC;

-- A panel's consensus: the label given by more than half of the panel (none on a tie or a
-- split); its score is the mean of the scores the majority gave (NULL when none did).
-- (PL/pgSQL rather than SQL: its plan is cached for the session, where a SQL function with SET
-- is planned at every call, 0.65 ms of each completed panel in test 700)
CREATE FUNCTION review_consensus(item_id bigint, OUT label text, OUT score float8, OUT agreement float8,
								 OUT reviewers text)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	WITH v AS (
		SELECT v.label, v.score, v.reviewer FROM @extschema@.review_verdicts v
		 WHERE v.item_id OPERATOR(pg_catalog.=) review_consensus.item_id AND v.dimension OPERATOR(pg_catalog.=) 'sentiment'),
	n AS (SELECT pg_catalog.count(*) AS n FROM v),
	c AS (
		SELECT v.label, pg_catalog.count(*) AS k, pg_catalog.avg(v.score) AS score,
			   pg_catalog.string_agg(v.reviewer, ',' ORDER BY v.reviewer) AS reviewers
		  FROM v GROUP BY v.label)
	SELECT c.label, c.score, c.k::pg_catalog.float8 OPERATOR(pg_catalog./) n.n::pg_catalog.float8, c.reviewers
	  INTO review_consensus.label, review_consensus.score, review_consensus.agreement, review_consensus.reviewers
	  FROM c, n
	 WHERE c.k OPERATOR(pg_catalog.*) 2 OPERATOR(pg_catalog.>) n.n;
END
$$;  -- STABLE: reads review_verdicts
COMMENT ON FUNCTION review_consensus(bigint) IS 'the majority label of a sentiment panel (given by more than half of its verdicts), the mean score of that majority, the share that gave it and who; no row without a majority';
REVOKE ALL ON FUNCTION review_consensus(bigint) FROM PUBLIC;

-- called by review_record() when a panel completes
CREATE FUNCTION review_panel_done(r review_items) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c record;
	l @extschema@.review_labels;
BEGIN
	IF r.kind OPERATOR(pg_catalog.<>) 'sentiment' THEN
		RETURN;
	END IF;
	SELECT * INTO c FROM @extschema@.review_consensus(r.id);
	IF c.label IS NULL THEN
		UPDATE @extschema@.review_items i SET outcome = 'no consensus'
		 WHERE i.id OPERATOR(pg_catalog.=) r.id;
		RETURN;
	END IF;
	l.origin := 'panel';
	l.source := r.source; l.source_name := r.source_name; l.source_column := r.source_column;
	l.row_key := r.row_key; l.item_id := r.id;
	l.label := c.label; l.score := c.score; l.agreement := c.agreement;
	l.body := r.body; l.language := r.language; l.region := r.region; l.config := r.config;
	l.machine_score := r.machine_score; l.labelled_by := c.reviewers;
	PERFORM @extschema@.review_label_append(l);
	UPDATE @extschema@.review_items i SET outcome = 'consensus: ' OPERATOR(pg_catalog.||) c.label
	 WHERE i.id OPERATOR(pg_catalog.=) r.id;
END
$$;  -- VOLATILE: appends a label
COMMENT ON FUNCTION review_panel_done(review_items) IS 'records the consensus of a completed sentiment panel in review_labels (outcome ''no consensus'' without a majority)';
REVOKE ALL ON FUNCTION review_panel_done(review_items) FROM PUBLIC;

-- escalation_correct() writes corrected_* on the queue entry; this trigger appends the same
-- correction to the label store, with the text read from the source row.
CREATE FUNCTION review_label_from_queue() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	l @extschema@.review_labels;
	cond text;
BEGIN
	l.origin := 'escalation';
	l.source := NEW.source; l.source_name := NEW.source_name; l.source_column := NEW.source_column;
	l.row_key := NEW.row_key; l.escalation_id := NEW.id;
	l.label := NEW.corrected_label; l.score := NEW.corrected_score; l.note := NEW.correction_note;
	l.language := NEW.language; l.config := @extschema@.review_config_for(NEW.language);
	l.machine_score := NEW.sentiment; l.labelled_by := NEW.corrected_by;
	IF NEW.source IS NOT NULL THEN
		SELECT pg_catalog.string_agg(pg_catalog.format(
				't.%I::pg_catalog.text OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.->>) %L)', k, k), ' AND ')
		  INTO cond FROM pg_catalog.jsonb_object_keys(NEW.row_key) k;
		BEGIN
			EXECUTE pg_catalog.format('SELECT t.%I::pg_catalog.text FROM %s t WHERE %s',
									  NEW.source_column, NEW.source, cond)
			   INTO l.body USING NEW.row_key;
		EXCEPTION WHEN undefined_column OR undefined_table OR insufficient_privilege THEN
			l.body := NULL;		-- the label counts without its text
		END;
	END IF;
	PERFORM @extschema@.review_label_append(l);
	RETURN NULL;
END
$$;  -- VOLATILE (default): trigger
COMMENT ON FUNCTION review_label_from_queue() IS 'trigger on escalation_queue: appends each escalation_correct() correction to review_labels';
REVOKE ALL ON FUNCTION review_label_from_queue() FROM PUBLIC;
CREATE TRIGGER review_label_from_queue AFTER UPDATE OF corrected_label, corrected_score ON escalation_queue
	FOR EACH ROW WHEN (NEW.corrected_at IS DISTINCT FROM OLD.corrected_at AND NEW.corrected_label IS NOT NULL)
	EXECUTE FUNCTION review_label_from_queue();
COMMENT ON TRIGGER review_label_from_queue ON escalation_queue IS 'escalation corrections go to the label store (review_labels) too';

-- a human's label for any row (a reviewer, an agent, a data steward)
CREATE FUNCTION review_label(source regclass, row_key jsonb, label text, score float8 DEFAULT NULL,
							 note text DEFAULT NULL, body text DEFAULT NULL, config text DEFAULT 'en',
							 labeller text DEFAULT current_user)
	RETURNS review_labels
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	who text := @extschema@.escalation_agent_check(labeller);
	lbl text := @extschema@.review_label_check(label, score);
	l @extschema@.review_labels;
BEGIN
	IF source IS NULL OR row_key IS NULL THEN
		RAISE EXCEPTION 'source and row_key must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF pg_catalog.jsonb_typeof(row_key) OPERATOR(pg_catalog.<>) 'object' THEN
		RAISE EXCEPTION 'row_key must be a JSON object of the primary key columns'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'For example {"id": "42"}.';
	END IF;
	IF NOT pg_catalog.has_table_privilege(@extschema@.review_session_role(), source, 'SELECT') THEN
		RAISE EXCEPTION 'permission denied for table %', source
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Labelling a row needs SELECT on its table.';
	END IF;
	l.origin := 'manual';
	l.source := source; l.row_key := row_key;
	l.label := lbl; l.score := score; l.note := note;
	l.body := body; l.config := config; l.labelled_by := who;
	RETURN @extschema@.review_label_append(l);
END
$$;  -- VOLATILE: appends a label
COMMENT ON FUNCTION review_label(regclass, jsonb, text, float8, text, text, text, text) IS 'records a human''s sentiment label for a row (needs SELECT on its table); it replaces the row''s earlier labels in review_final(), which stay in review_labels';
REVOKE ALL ON FUNCTION review_label(regclass, jsonb, text, float8, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION review_label(regclass, jsonb, text, float8, text, text, text, text) TO empathy_agent;

-- the latest human label of every labelled row (the view reads review_labels with its owner's
-- rights: it shows labels, not texts)
CREATE VIEW review_final_labels AS
	SELECT DISTINCT ON (l.source, coalesce(l.source_column, ''), l.row_key, CASE WHEN l.row_key IS NULL THEN l.item_id END)
		   l.source, l.source_name, l.source_column, l.row_key, l.item_id, l.label, l.score, l.origin,
		   l.labelled_by, l.labelled_at, l.machine_label, l.machine_score,
		   (l.machine_label OPERATOR(pg_catalog.<>) l.label) AS human_disagrees, l.id AS label_id
	  FROM review_labels l
	 ORDER BY l.source, coalesce(l.source_column, ''), l.row_key, CASE WHEN l.row_key IS NULL THEN l.item_id END, l.id DESC;
COMMENT ON VIEW review_final_labels IS 'the latest human label of each labelled row (or item), with the machine''s label when the text was known (human_disagrees NULL otherwise)';
REVOKE ALL ON review_final_labels FROM PUBLIC;
GRANT SELECT ON review_final_labels TO empathy_agent;

-- what reports read: the human label where there is one, else the machine's
CREATE FUNCTION review_final(source regclass, row_key jsonb, body text, config text DEFAULT 'en',
							 OUT label text, OUT score float8, OUT human boolean)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT coalesce(h.label, @extschema@.sentiment_label(m.s)),
		   CASE WHEN h.label IS NOT NULL THEN h.score ELSE m.s END,
		   h.label IS NOT NULL
	  FROM (SELECT CASE WHEN $3 IS NOT NULL THEN @extschema@.sentiment_score($3, $4) END AS s) m
	  LEFT JOIN LATERAL (
		SELECT f.label, f.score FROM @extschema@.review_final_labels f
		 WHERE f.source OPERATOR(pg_catalog.=) $1 AND f.row_key OPERATOR(pg_catalog.=) $2
		 ORDER BY f.label_id DESC LIMIT 1) h ON true
	$$;  -- STABLE: reads review_labels
COMMENT ON FUNCTION review_final(regclass, jsonb, text, text) IS 'final sentiment label and score of a row: the latest human label (panel consensus, escalation correction or review_label()) where there is one, else the machine''s reading of body';
REVOKE ALL ON FUNCTION review_final(regclass, jsonb, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION review_final(regclass, jsonb, text, text) TO empathy_agent;

-- DROP TABLE of a table with review items or labels: open items are withdrawn, and items and
-- labels keep the table's name in source_name while source becomes NULL (no bare OID left for
-- pg_dump to restore onto another table), as escalation_queue_dropped() does for the queue.
CREATE FUNCTION review_dropped() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	UPDATE @extschema@.review_items i
	   SET status = CASE WHEN i.status OPERATOR(pg_catalog.=) 'open' THEN 'withdrawn' ELSE i.status END,
		   outcome = CASE WHEN i.status OPERATOR(pg_catalog.=) 'open' THEN 'withdrawn: the table was dropped' ELSE i.outcome END,
		   held = CASE WHEN i.status OPERATOR(pg_catalog.=) 'open' THEN 0 ELSE i.held END,
		   updated_at = pg_catalog.now(),
		   source_name = pg_catalog.quote_ident(d.schema_name) OPERATOR(pg_catalog.||) '.'
						 OPERATOR(pg_catalog.||) pg_catalog.quote_ident(d.object_name),
		   source = NULL
	  FROM pg_catalog.pg_event_trigger_dropped_objects() d
	 WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	   AND d.objsubid OPERATOR(pg_catalog.=) 0
	   AND d.objid OPERATOR(pg_catalog.=) i.source::pg_catalog.oid;
	UPDATE @extschema@.review_assignments a SET status = 'expired', finished_at = pg_catalog.clock_timestamp()
	 WHERE a.status OPERATOR(pg_catalog.=) 'taken'
	   AND a.item_id IN (SELECT i.id FROM @extschema@.review_items i
						  WHERE i.outcome OPERATOR(pg_catalog.=) 'withdrawn: the table was dropped');
	UPDATE @extschema@.review_labels l SET source = NULL
	  FROM pg_catalog.pg_event_trigger_dropped_objects() d
	 WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	   AND d.objsubid OPERATOR(pg_catalog.=) 0
	   AND d.objid OPERATOR(pg_catalog.=) l.source::pg_catalog.oid;
	-- a dropped partition took its rows without row triggers; its parent is not known any more,
	-- so every partitioned source with open items is swept
	IF EXISTS (SELECT FROM pg_catalog.pg_event_trigger_dropped_objects() d
				WHERE d.object_type OPERATOR(pg_catalog.=) 'table') THEN
		PERFORM @extschema@.review_sweep_source(s.source)
		   FROM (SELECT DISTINCT i.source FROM @extschema@.review_items i
				  JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) i.source::pg_catalog.oid
				 WHERE i.status OPERATOR(pg_catalog.=) 'open' AND c.relkind OPERATOR(pg_catalog.=) 'p') s;
	END IF;
END
$$;  -- VOLATILE: updates items and labels
COMMENT ON FUNCTION review_dropped() IS 'sql_drop event trigger: withdraws the open review items of dropped tables and of rows of dropped partitions, and replaces the OIDs of items and labels by the kept names';
REVOKE ALL ON FUNCTION review_dropped() FROM PUBLIC;

CREATE EVENT TRIGGER review_dropped ON sql_drop
	WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA', 'DROP OWNED')
	EXECUTE FUNCTION review_dropped();
COMMENT ON EVENT TRIGGER review_dropped IS 'withdraws the review items of dropped tables; items and labels keep the table''s name';
