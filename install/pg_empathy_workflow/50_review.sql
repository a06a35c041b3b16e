
-- ---------------------------------------------------------------------------
-- review: reviewers, the review queue, panels (issue 12)
-- ---------------------------------------------------------------------------
-- One machinery with the escalation queue: the same identity rule (a reviewer is the role of
-- the session, escalation_agent_check(); acting for another name needs empathy_admin), the
-- same pg_empathy.take_timeout for taken work, FOR UPDATE SKIP LOCKED to hand out work,
-- NOWAIT (55P03) where a reviewer's own assignment is locked elsewhere, SECURITY DEFINER
-- functions with search_path = pg_catalog, pg_temp and every name qualified, nothing for
-- PUBLIC.  Reviewers are empathy_agent members registered with the regions and languages they
-- cover; row-level security shows each one only the items of those regions and languages.
-- Lock order everywhere: the item row first, then assignment rows (no deadlocks).

CREATE TABLE review_reviewers (
	reviewer  text        PRIMARY KEY,
	regions   text[]      NOT NULL CHECK (pg_catalog.cardinality(regions) > 0),
	languages text[]      NOT NULL CHECK (pg_catalog.cardinality(languages) > 0),
	active    boolean     NOT NULL DEFAULT true,
	added_by  text        NOT NULL,
	added_at  timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz
);
COMMENT ON TABLE review_reviewers IS 'reviewers: database roles (members of empathy_agent) with the regions and languages whose review items they see and take';
COMMENT ON COLUMN review_reviewers.reviewer IS 'role name (the reviewer acts as this role: current_user)';
COMMENT ON COLUMN review_reviewers.regions IS 'regions covered (review_items.region must be one of them)';
COMMENT ON COLUMN review_reviewers.languages IS 'languages covered (review_items.language must be one of them)';
COMMENT ON COLUMN review_reviewers.active IS 'false once review_reviewer_remove() was called (the row stays: verdicts name the reviewer)';

CREATE TABLE review_items (
	id            bigserial   PRIMARY KEY,
	kind          text        NOT NULL DEFAULT 'sentiment' CHECK (kind IN ('sentiment', 'campaign')),
	source        regclass,
	source_name   text,
	source_column text,
	row_key       jsonb,
	body          text        NOT NULL,
	language      text        NOT NULL CHECK (language <> ''),
	region        text        NOT NULL CHECK (region <> ''),
	config        text,
	machine_score float8,
	reasons       text[]      NOT NULL DEFAULT '{}',
	panel_size    int         NOT NULL CHECK (panel_size >= 1),
	status        text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'withdrawn')),
	held          int         NOT NULL DEFAULT 0 CHECK (held >= 0),
	verdicts      int         NOT NULL DEFAULT 0 CHECK (verdicts >= 0),
	submitted_by  text        NOT NULL,
	created_at    timestamptz NOT NULL DEFAULT now(),
	updated_at    timestamptz,
	done_at       timestamptz,
	outcome       text,
	CHECK (held + verdicts <= panel_size)
) WITH (fillfactor = 70);
COMMENT ON TABLE review_items IS 'texts waiting for (or given) human review: a panel of panel_size distinct reviewers of the item''s region and language';
COMMENT ON COLUMN review_items.kind IS 'sentiment (verdict: positive, neutral or negative) or campaign (verdicts per dimension: language, timing, messaging = approve, revise or reject)';
COMMENT ON COLUMN review_items.source IS 'table the text comes from (NULL when submitted without one, or once the table is dropped)';
COMMENT ON COLUMN review_items.row_key IS 'the source row''s primary key as {"column": "value as text"}, like escalation_queue.row_key';
COMMENT ON COLUMN review_items.config IS 'scoring configuration of the machine''s reading (NULL when none scores the language)';
COMMENT ON COLUMN review_items.machine_score IS 'the machine''s compound score of body when submitted';
COMMENT ON COLUMN review_items.reasons IS 'why a person is needed (review_reasons() codes, or the submitter''s own)';
COMMENT ON COLUMN review_items.held IS 'reviewers holding the item now (taken, no verdict yet)';
COMMENT ON COLUMN review_items.verdicts IS 'reviewers who gave their verdict; the item is done when it reaches panel_size';
COMMENT ON COLUMN review_items.status IS 'open (needs verdicts), done (panel complete), withdrawn (its row was deleted or its text changed)';

-- (held, verdicts and updated_at change with every take and answer and are in no index, so
-- those updates are HOT; fillfactor leaves them room on the page)
-- at most one open item per source row, column and kind (review_trigger() relies on it)
CREATE UNIQUE INDEX review_items_row ON review_items (source, (coalesce(source_column, '')), row_key, kind)
	WHERE status = 'open' AND row_key IS NOT NULL;
COMMENT ON INDEX review_items_row IS 'at most one open review item per source row, column and kind';
CREATE INDEX review_items_open ON review_items (id) WHERE status = 'open';
COMMENT ON INDEX review_items_open IS 'open items in the order review_take() hands them out';

CREATE TABLE review_assignments (
	id          bigserial   PRIMARY KEY,
	item_id     bigint      NOT NULL REFERENCES review_items,
	reviewer    text        NOT NULL,
	status      text        NOT NULL DEFAULT 'taken' CHECK (status IN ('taken', 'done', 'expired', 'released')),
	taken_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
	finished_at timestamptz
);
-- taken_at and finished_at are clock times taken while the item's row is locked, so they order
-- the takes, answers and expiries of one item as they happened; now() (the start of the
-- transaction) may not: a take whose transaction began before another one expired the item
-- would seem to overlap it (test 700 measures holders at once from these times)
COMMENT ON TABLE review_assignments IS 'who took which review item and what became of it: taken, done (verdict given), expired (returned after pg_empathy.take_timeout) or released';
-- a reviewer holds or has answered an item at most once
CREATE UNIQUE INDEX review_assignments_once ON review_assignments (item_id, reviewer)
	WHERE status IN ('taken', 'done');
COMMENT ON INDEX review_assignments_once IS 'a reviewer holds or has answered an item at most once';
-- every assignment of an item (also expired and released ones): review_answer() looks up the
-- reviewer's latest one; without it that lookup read the whole table (test 700)
CREATE INDEX review_assignments_item ON review_assignments (item_id);
COMMENT ON INDEX review_assignments_item IS 'the assignments of an item, for review_answer() and campaign_answer()';
CREATE INDEX review_assignments_taken ON review_assignments (taken_at) WHERE status = 'taken';
COMMENT ON INDEX review_assignments_taken IS 'taken assignments by age, for pg_empathy.take_timeout';

CREATE TABLE review_verdicts (
	id            bigserial   PRIMARY KEY,
	item_id       bigint      NOT NULL REFERENCES review_items,
	assignment_id bigint      NOT NULL REFERENCES review_assignments,
	reviewer      text        NOT NULL,
	dimension     text        NOT NULL CHECK (dimension IN ('sentiment', 'language', 'timing', 'messaging')),
	label         text        NOT NULL,
	score         float8      CHECK (score BETWEEN -1 AND 1),
	note          text,
	created_at    timestamptz NOT NULL DEFAULT now(),
	UNIQUE (item_id, reviewer, dimension),
	CHECK (CASE WHEN dimension = 'sentiment' THEN label IN ('positive', 'neutral', 'negative')
				ELSE label IN ('approve', 'revise', 'reject') END)
);
COMMENT ON TABLE review_verdicts IS 'each reviewer''s verdict on an item, one row per dimension (sentiment items: sentiment; campaign items: language, timing, messaging); never updated';

-- the review data is data: pg_dump keeps all of it
SELECT pg_catalog.pg_extension_config_dump('review_reviewers', '');
SELECT pg_catalog.pg_extension_config_dump('review_items', '');
SELECT pg_catalog.pg_extension_config_dump('review_items_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('review_assignments', '');
SELECT pg_catalog.pg_extension_config_dump('review_assignments_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('review_verdicts', '');
SELECT pg_catalog.pg_extension_config_dump('review_verdicts_id_seq', '');

-- Whether the current role covers an item's region and language (members of empathy_admin
-- cover all).  SECURITY INVOKER, so current_user is the querying role: the policies below call
-- it, and reviewers may read review_reviewers.
CREATE FUNCTION review_covers(region text, language text) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT pg_catalog.pg_has_role(CURRENT_USER, 'empathy_admin', 'MEMBER')
		OR EXISTS (SELECT FROM @extschema@.review_reviewers r
				   WHERE r.reviewer OPERATOR(pg_catalog.=) CURRENT_USER::pg_catalog.text AND r.active
					 AND $1 OPERATOR(pg_catalog.=) ANY (r.regions)
					 AND $2 OPERATOR(pg_catalog.=) ANY (r.languages))
	$$;  -- STABLE: reads review_reviewers and the role
COMMENT ON FUNCTION review_covers(text, text) IS 'true when the current role reviews this region and language (or is a member of empathy_admin); the row-level security policies of the review tables use it';

-- Row-level security: a reviewer reads only the items of their regions and languages, and only
-- their own assignments and verdicts (panel members do not see each other's verdicts).
ALTER TABLE review_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_items_coverage ON review_items FOR SELECT
	USING (@extschema@.review_covers(region, language));
ALTER TABLE review_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_assignments_own ON review_assignments FOR SELECT
	USING (reviewer OPERATOR(pg_catalog.=) CURRENT_USER::pg_catalog.text
		   OR pg_catalog.pg_has_role(CURRENT_USER, 'empathy_admin', 'MEMBER'));
ALTER TABLE review_verdicts ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_verdicts_own ON review_verdicts FOR SELECT
	USING (reviewer OPERATOR(pg_catalog.=) CURRENT_USER::pg_catalog.text
		   OR pg_catalog.pg_has_role(CURRENT_USER, 'empathy_admin', 'MEMBER'));

REVOKE ALL ON review_reviewers, review_items, review_assignments, review_verdicts FROM PUBLIC;
REVOKE ALL ON SEQUENCE review_items_id_seq, review_assignments_id_seq, review_verdicts_id_seq FROM PUBLIC;
GRANT SELECT ON review_reviewers, review_items, review_assignments, review_verdicts TO empathy_agent;

-- ---------------------------------------------------------------------------
-- reviewers
-- ---------------------------------------------------------------------------

CREATE FUNCTION review_session_role() RETURNS text
	AS 'MODULE_PATHNAME', 'review_session_role'
	LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;  -- STABLE: the session's role
COMMENT ON FUNCTION review_session_role() IS 'the role of the session (after SET ROLE), also inside SECURITY DEFINER functions; recorded as who submitted, registered or labelled';

CREATE FUNCTION review_reviewer_add(reviewer text, regions text[], languages text[])
	RETURNS review_reviewers
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r @extschema@.review_reviewers;
BEGIN
	IF reviewer IS NULL OR regions IS NULL OR languages IS NULL THEN
		RAISE EXCEPTION 'reviewer, regions and languages must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) reviewer) THEN
		RAISE EXCEPTION 'role "%" does not exist', reviewer
			USING ERRCODE = 'undefined_object',
				  HINT = 'Reviewers are database roles: CREATE ROLE, then GRANT empathy_agent TO it.';
	END IF;
	IF NOT pg_catalog.pg_has_role(reviewer, 'empathy_agent', 'MEMBER') THEN
		RAISE EXCEPTION 'role "%" is not a member of empathy_agent', reviewer
			USING ERRCODE = 'insufficient_privilege',
				  HINT = pg_catalog.format('GRANT empathy_agent TO %I;', reviewer);
	END IF;
	IF pg_catalog.cardinality(regions) OPERATOR(pg_catalog.=) 0 OR pg_catalog.cardinality(languages) OPERATOR(pg_catalog.=) 0
	   OR EXISTS (SELECT FROM pg_catalog.unnest(regions OPERATOR(pg_catalog.||) languages) v
				  WHERE v IS NULL OR pg_catalog.btrim(v) OPERATOR(pg_catalog.=) '') THEN
		RAISE EXCEPTION 'regions and languages must be non-empty lists of non-empty names'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO @extschema@.review_reviewers AS t (reviewer, regions, languages, added_by)
	VALUES (reviewer, regions, languages, @extschema@.review_session_role())
	ON CONFLICT ON CONSTRAINT review_reviewers_pkey DO UPDATE
		SET regions = excluded.regions, languages = excluded.languages, active = true,
			updated_at = pg_catalog.now()
	RETURNING t.* INTO r;
	RETURN r;
END
$$;  -- VOLATILE: writes review_reviewers
COMMENT ON FUNCTION review_reviewer_add(text, text[], text[]) IS 'registers a role (a member of empathy_agent) as reviewer of these regions and languages, or changes what it covers';

CREATE FUNCTION review_reviewer_remove(reviewer text) RETURNS review_reviewers
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r @extschema@.review_reviewers;
BEGIN
	UPDATE @extschema@.review_reviewers t SET active = false, updated_at = pg_catalog.now()
	 WHERE t.reviewer OPERATOR(pg_catalog.=) review_reviewer_remove.reviewer
	RETURNING t.* INTO r;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'reviewer "%" is not registered', reviewer
			USING ERRCODE = 'undefined_object';
	END IF;
	RETURN r;
END
$$;  -- VOLATILE: writes review_reviewers
COMMENT ON FUNCTION review_reviewer_remove(text) IS 'deactivates a reviewer (kept for the history); items they hold return to the queue after pg_empathy.take_timeout';

-- the registered, active reviewer the session may act as (else 42501 or 42704)
CREATE FUNCTION review_reviewer_check(reviewer text) RETURNS review_reviewers
	LANGUAGE plpgsql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	who text := @extschema@.escalation_agent_check(reviewer);
	r @extschema@.review_reviewers;
BEGIN
	SELECT * INTO r FROM @extschema@.review_reviewers t
	 WHERE t.reviewer OPERATOR(pg_catalog.=) who AND t.active;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'role "%" is not a registered reviewer', who
			USING ERRCODE = 'undefined_object',
				  HINT = 'A member of empathy_admin registers reviewers with review_reviewer_add().';
	END IF;
	RETURN r;
END
$$;  -- STABLE: reads review_reviewers and the session's role
COMMENT ON FUNCTION review_reviewer_check(text) IS 'the registered reviewer the session may act as (itself, or any name for members of empathy_admin); 42501 or 42704 otherwise';
REVOKE ALL ON FUNCTION review_reviewer_check(text) FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- submitting
-- ---------------------------------------------------------------------------

-- the configuration that scores a language: the one named like it, if there is one
CREATE FUNCTION review_config_for(language text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT c.name FROM @extschema@.sentiment_configs() c WHERE c.name OPERATOR(pg_catalog.=) $1
	$$;
COMMENT ON FUNCTION review_config_for(text) IS 'the scoring configuration named like a language code (NULL when pg_empathy has none)';

-- the item row: the machine's score and, when not given, the reasons; NOTIFY pg_empathy_review
CREATE FUNCTION review_insert(source regclass, source_column text, row_key jsonb, body text, language text,
							  region text, kind text, reasons text[], panel_size int)
	RETURNS review_items
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	cfg text := @extschema@.review_config_for(language);
	r @extschema@.review_items;
BEGIN
	INSERT INTO @extschema@.review_items AS i (kind, source, source_name, source_column, row_key, body, language,
											   region, config, machine_score, reasons, panel_size, submitted_by)
	VALUES (kind, source, CASE WHEN source IS NOT NULL THEN source::pg_catalog.text END, source_column,
			row_key, body, language, region, cfg,
			CASE WHEN cfg IS NOT NULL THEN @extschema@.sentiment_score(body, cfg) END,
			coalesce(reasons, @extschema@.review_reasons(body, coalesce(cfg, 'auto'))),
			panel_size, @extschema@.review_session_role())
	RETURNING i.* INTO r;
	PERFORM pg_catalog.pg_notify('pg_empathy_review', r.id::pg_catalog.text);
	RETURN r;
END
$$;  -- VOLATILE: inserts an item, sends NOTIFY
COMMENT ON FUNCTION review_insert(regclass, text, jsonb, text, text, text, text, text[], int) IS 'inserts a review item (machine score, reasons when NULL) and NOTIFYs pg_empathy_review; used by review_submit() and review_trigger()';
REVOKE ALL ON FUNCTION review_insert(regclass, text, jsonb, text, text, text, text, text[], int) FROM PUBLIC;

CREATE FUNCTION review_submit(source regclass, row_key jsonb, body text, language text, region text,
							  kind text DEFAULT 'sentiment', reasons text[] DEFAULT NULL,
							  panel_size int DEFAULT 1)
	RETURNS review_items
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	lang text := coalesce(language, @extschema@.detect_language(body));
	r @extschema@.review_items;
BEGIN
	IF body IS NULL OR pg_catalog.btrim(body) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'body must not be null or empty' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF region IS NULL OR pg_catalog.btrim(region) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'region must not be null or empty' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF pg_catalog.btrim(lang) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'language must not be empty'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Pass NULL to detect it.';
	END IF;
	IF kind IS NULL OR NOT kind OPERATOR(pg_catalog.=) ANY ('{sentiment,campaign}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'invalid review kind "%"', kind
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Valid kinds are sentiment and campaign.';
	END IF;
	IF panel_size IS NULL OR panel_size OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'panel_size must be at least 1'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	r := @extschema@.review_insert(source, NULL, row_key, body, lang, region, kind, reasons, panel_size);
	RETURN r;
EXCEPTION WHEN unique_violation THEN
	RAISE EXCEPTION 'row % of % already has an open % review item', row_key, source, kind
		USING ERRCODE = 'unique_violation',
			  HINT = 'Wait for its verdicts, or let review_trigger() replace it when the text changes.';
END
$$;  -- VOLATILE: inserts an item, sends NOTIFY
COMMENT ON FUNCTION review_submit(regclass, jsonb, text, text, text, text, text[], int) IS 'queues a text for review by panel_size reviewers of its region and language (NULL language: detected; NULL reasons: review_reasons()); NOTIFYs pg_empathy_review with the item id';

-- ---------------------------------------------------------------------------
-- taking and answering
-- ---------------------------------------------------------------------------

-- Returns to the queue every assignment older than pg_empathy.take_timeout (a reviewer who went
-- away).  Items are locked SKIP LOCKED before their assignments, like everywhere else.
CREATE FUNCTION review_expire() RETURNS bigint
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	timeout interval;
	cutoff timestamptz;
	it bigint;
	n bigint;
	total bigint := 0;
BEGIN
	-- called first in a session (a cron job), the library that defines the setting may not be
	-- loaded yet: any of its C functions loads it
	IF pg_catalog.current_setting('pg_empathy.take_timeout', true) IS NULL THEN
		PERFORM @extschema@.review_session_role();
	END IF;
	timeout := pg_catalog.current_setting('pg_empathy.take_timeout')::pg_catalog.interval;
	IF timeout OPERATOR(pg_catalog.<=) '0'::pg_catalog.interval THEN
		RETURN 0;
	END IF;
	cutoff := pg_catalog.now() OPERATOR(pg_catalog.-) timeout;
	FOR it IN SELECT i.id FROM @extschema@.review_items i
			   WHERE i.id OPERATOR(pg_catalog.=) ANY (ARRAY(
					SELECT a.item_id FROM @extschema@.review_assignments a
					 WHERE a.status OPERATOR(pg_catalog.=) 'taken' AND a.taken_at OPERATOR(pg_catalog.<) cutoff))
			   ORDER BY i.id
			   FOR NO KEY UPDATE SKIP LOCKED
	LOOP
		WITH e AS (
			UPDATE @extschema@.review_assignments a SET status = 'expired', finished_at = pg_catalog.clock_timestamp()
			 WHERE a.item_id OPERATOR(pg_catalog.=) it AND a.status OPERATOR(pg_catalog.=) 'taken'
			   AND a.taken_at OPERATOR(pg_catalog.<) cutoff
			RETURNING 1)
		SELECT pg_catalog.count(*) INTO n FROM e;
		UPDATE @extschema@.review_items i SET held = i.held OPERATOR(pg_catalog.-) n::pg_catalog.int4,
			   updated_at = pg_catalog.now()
		 WHERE i.id OPERATOR(pg_catalog.=) it;
		total := total OPERATOR(pg_catalog.+) n;
	END LOOP;
	RETURN total;
END
$$;  -- VOLATILE: returns expired assignments
COMMENT ON FUNCTION review_expire() IS 'returns every review assignment older than pg_empathy.take_timeout to the queue (review_take() calls it); returns how many';
REVOKE ALL ON FUNCTION review_expire() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION review_expire() TO empathy_admin;

CREATE FUNCTION review_take(reviewer text DEFAULT current_user) RETURNS SETOF review_items
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	rv @extschema@.review_reviewers := @extschema@.review_reviewer_check(reviewer);
BEGIN
	PERFORM @extschema@.review_expire();
	RETURN QUERY
	WITH pick AS (
		SELECT i.id FROM @extschema@.review_items i
		 WHERE i.status OPERATOR(pg_catalog.=) 'open'
		   AND (i.held OPERATOR(pg_catalog.+) i.verdicts) OPERATOR(pg_catalog.<) i.panel_size
		   AND i.region OPERATOR(pg_catalog.=) ANY (rv.regions)
		   AND i.language OPERATOR(pg_catalog.=) ANY (rv.languages)
		   -- OFFSET 0 keeps this a probe of review_assignments_once per candidate item: as an
		   -- anti join the planner merges with that index in item order, reading every
		   -- assignment below the first free item (all of them late in a big queue)
		   AND NOT EXISTS (SELECT FROM @extschema@.review_assignments a
						   WHERE a.item_id OPERATOR(pg_catalog.=) i.id
							 AND a.reviewer OPERATOR(pg_catalog.=) rv.reviewer
							 AND a.status OPERATOR(pg_catalog.=) ANY ('{taken,done}'::pg_catalog.text[])
						   OFFSET 0)
		 ORDER BY i.id
		 LIMIT 1
		 FOR NO KEY UPDATE SKIP LOCKED),
	ins AS (
		INSERT INTO @extschema@.review_assignments (item_id, reviewer)
		SELECT pick.id, rv.reviewer FROM pick
		RETURNING item_id)
	UPDATE @extschema@.review_items i
	   SET held = i.held OPERATOR(pg_catalog.+) 1, updated_at = pg_catalog.now()
	  FROM ins
	 WHERE i.id OPERATOR(pg_catalog.=) ins.item_id
	RETURNING i.*;
END
$$;  -- VOLATILE: takes an item
COMMENT ON FUNCTION review_take(text) IS 'gives the reviewer the oldest open item of their regions and languages that still needs a panel member and that they have not reviewed (no row, if none); FOR UPDATE SKIP LOCKED';

-- the item and the reviewer's assignment, locked (item first); the checks every answer needs
CREATE FUNCTION review_lock_assignment(item_id bigint, rv review_reviewers, kind text)
	RETURNS review_assignments
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	i @extschema@.review_items;
	a @extschema@.review_assignments;
	aid bigint;
BEGIN
	IF item_id IS NULL THEN
		RAISE EXCEPTION 'item_id must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT * INTO i FROM @extschema@.review_items t WHERE t.id OPERATOR(pg_catalog.=) item_id FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'review item % does not exist', item_id USING ERRCODE = 'no_data_found';
	END IF;
	IF NOT (i.region OPERATOR(pg_catalog.=) ANY (rv.regions) AND i.language OPERATOR(pg_catalog.=) ANY (rv.languages)) THEN
		RAISE EXCEPTION 'permission denied for review item %', item_id
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = pg_catalog.format('Reviewer %s does not cover region %s and language %s.', rv.reviewer, i.region, i.language);
	END IF;
	IF i.kind OPERATOR(pg_catalog.<>) kind THEN
		RAISE EXCEPTION 'review item % is a % item', item_id, i.kind
			USING ERRCODE = 'wrong_object_type',
				  HINT = CASE WHEN i.kind OPERATOR(pg_catalog.=) 'campaign' THEN 'Answer it with campaign_answer().'
							  ELSE 'Answer it with review_answer().' END;
	END IF;
	IF i.status OPERATOR(pg_catalog.=) 'withdrawn' THEN
		RAISE EXCEPTION 'review item % is withdrawn', item_id
			USING ERRCODE = 'object_not_in_prerequisite_state', DETAIL = i.outcome;
	END IF;
	-- the reviewer's latest assignment of the item, locked; SKIP LOCKED rather than NOWAIT in
	-- an exception block, which would cost a subtransaction per answer (no new assignment of
	-- this item and reviewer can appear meanwhile: review_take() needs the item's lock)
	SELECT pg_catalog.max(t.id) INTO aid FROM @extschema@.review_assignments t
	 WHERE t.item_id OPERATOR(pg_catalog.=) i.id AND t.reviewer OPERATOR(pg_catalog.=) rv.reviewer;
	SELECT * INTO a FROM @extschema@.review_assignments t WHERE t.id OPERATOR(pg_catalog.=) aid
	   FOR UPDATE SKIP LOCKED;
	IF aid IS NOT NULL AND a.id IS NULL THEN
		RAISE EXCEPTION 'review item % is being answered by % in another session', item_id, rv.reviewer
			USING ERRCODE = 'lock_not_available';
	END IF;
	IF a.id IS NULL OR a.status OPERATOR(pg_catalog.=) 'released' THEN
		RAISE EXCEPTION 'review item % is not taken by %', item_id, rv.reviewer
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'review_take() hands out items; answer only those it gave you.';
	ELSIF a.status OPERATOR(pg_catalog.=) 'done' THEN
		RAISE EXCEPTION '% already reviewed item %', rv.reviewer, item_id
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = pg_catalog.format('The verdict was given at %s; verdicts are never changed.', a.finished_at);
	ELSIF a.status OPERATOR(pg_catalog.=) 'expired' THEN
		RAISE EXCEPTION 'review item % was returned to the queue', item_id
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = pg_catalog.format('%s took it at %s; it went back after pg_empathy.take_timeout (%s).',
											  rv.reviewer, a.taken_at, pg_catalog.current_setting('pg_empathy.take_timeout')),
				  HINT = 'Take it again with review_take().';
	END IF;
	RETURN a;
END
$$;  -- VOLATILE: locks rows
COMMENT ON FUNCTION review_lock_assignment(bigint, review_reviewers, text) IS 'locks a review item and the reviewer''s assignment of it and checks that a verdict may be given; used by review_answer() and campaign_answer()';
REVOKE ALL ON FUNCTION review_lock_assignment(bigint, review_reviewers, text) FROM PUBLIC;

-- records one reviewer's verdict rows and closes the panel when it is complete
CREATE FUNCTION review_record(a review_assignments, dimensions text[], labels text[], score float8, note text)
	RETURNS review_items
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r @extschema@.review_items;
BEGIN
	INSERT INTO @extschema@.review_verdicts (item_id, assignment_id, reviewer, dimension, label, score, note)
	SELECT a.item_id, a.id, a.reviewer, d.dimension, d.label, score, note
	  FROM ROWS FROM (pg_catalog.unnest(dimensions), pg_catalog.unnest(labels)) AS d(dimension, label);
	UPDATE @extschema@.review_assignments t SET status = 'done', finished_at = pg_catalog.clock_timestamp()
	 WHERE t.id OPERATOR(pg_catalog.=) a.id;
	UPDATE @extschema@.review_items i
	   SET verdicts = i.verdicts OPERATOR(pg_catalog.+) 1,
		   held = i.held OPERATOR(pg_catalog.-) CASE WHEN a.status OPERATOR(pg_catalog.=) 'taken' THEN 1 ELSE 0 END,
		   status = CASE WHEN i.verdicts OPERATOR(pg_catalog.+) 1 OPERATOR(pg_catalog.>=) i.panel_size
						 AND i.status OPERATOR(pg_catalog.=) 'open' THEN 'done' ELSE i.status END,
		   done_at = CASE WHEN i.verdicts OPERATOR(pg_catalog.+) 1 OPERATOR(pg_catalog.>=) i.panel_size
						  THEN pg_catalog.now() END,
		   updated_at = pg_catalog.now()
	 WHERE i.id OPERATOR(pg_catalog.=) a.item_id
	RETURNING i.* INTO r;
	IF r.status OPERATOR(pg_catalog.=) 'done' AND r.verdicts OPERATOR(pg_catalog.=) r.panel_size THEN
		PERFORM @extschema@.review_panel_done(r);	-- 52_review_labels.sql
		SELECT * INTO r FROM @extschema@.review_items i WHERE i.id OPERATOR(pg_catalog.=) a.item_id;
	END IF;
	RETURN r;
END
$$;  -- VOLATILE: writes verdicts
COMMENT ON FUNCTION review_record(review_assignments, text[], text[], float8, text) IS 'writes a reviewer''s verdict rows for a locked assignment and completes the panel at panel_size verdicts; used by review_answer() and campaign_answer()';
REVOKE ALL ON FUNCTION review_record(review_assignments, text[], text[], float8, text) FROM PUBLIC;

-- a human's sentiment label: positive, neutral or negative, from the score when NULL
CREATE FUNCTION review_label_check(label text, score float8) RETURNS text
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF label IS NULL AND score IS NULL THEN
		RAISE EXCEPTION 'a label or a score is needed' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF label IS NOT NULL AND NOT label OPERATOR(pg_catalog.=) ANY ('{positive,neutral,negative}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'invalid label "%"', label
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Valid labels are positive, neutral and negative.';
	END IF;
	IF score IS NOT NULL AND (score OPERATOR(pg_catalog.<) -1::pg_catalog.float8
							  OR score OPERATOR(pg_catalog.>) 1::pg_catalog.float8
							  OR score OPERATOR(pg_catalog.=) 'NaN'::pg_catalog.float8) THEN
		RAISE EXCEPTION 'score must be between -1 and 1' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN coalesce(label, @extschema@.sentiment_label(score));
END
$$;
COMMENT ON FUNCTION review_label_check(text, float8) IS 'checks a human''s sentiment label and score (22023, 22004) and returns the label (from the score when NULL)';

CREATE FUNCTION review_answer(item_id bigint, label text, score float8 DEFAULT NULL, note text DEFAULT NULL,
							  reviewer text DEFAULT current_user)
	RETURNS review_items
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	rv @extschema@.review_reviewers := @extschema@.review_reviewer_check(reviewer);
	lbl text := @extschema@.review_label_check(label, score);
BEGIN
	RETURN @extschema@.review_record(@extschema@.review_lock_assignment(item_id, rv, 'sentiment'),
									 '{sentiment}', ARRAY[lbl], score, note);
END
$$;  -- VOLATILE: records a verdict
COMMENT ON FUNCTION review_answer(bigint, text, float8, text, text) IS 'the reviewer''s sentiment verdict (positive, neutral, negative; derived from score when NULL) on an item they took; the item is done when panel_size reviewers have answered';

CREATE FUNCTION review_release(item_id bigint, reviewer text DEFAULT current_user)
	RETURNS review_items
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	rv @extschema@.review_reviewers := @extschema@.review_reviewer_check(reviewer);
	a @extschema@.review_assignments;
	r @extschema@.review_items;
BEGIN
	a := @extschema@.review_lock_assignment(item_id, rv,
			(SELECT i.kind FROM @extschema@.review_items i WHERE i.id OPERATOR(pg_catalog.=) item_id));
	UPDATE @extschema@.review_assignments t SET status = 'released', finished_at = pg_catalog.clock_timestamp()
	 WHERE t.id OPERATOR(pg_catalog.=) a.id;
	UPDATE @extschema@.review_items i SET held = i.held OPERATOR(pg_catalog.-) 1, updated_at = pg_catalog.now()
	 WHERE i.id OPERATOR(pg_catalog.=) a.item_id
	RETURNING i.* INTO r;
	RETURN r;
END
$$;  -- VOLATILE: gives an item back
COMMENT ON FUNCTION review_release(bigint, text) IS 'gives a taken review item back to the queue without a verdict (only the reviewer who took it)';

REVOKE ALL ON FUNCTION review_reviewer_add(text, text[], text[]), review_reviewer_remove(text),
	review_submit(regclass, jsonb, text, text, text, text, text[], int),
	review_take(text), review_answer(bigint, text, float8, text, text), review_release(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION review_reviewer_add(text, text[], text[]), review_reviewer_remove(text),
	review_submit(regclass, jsonb, text, text, text, text, text[], int) TO empathy_admin;
GRANT EXECUTE ON FUNCTION review_take(text), review_answer(bigint, text, float8, text, text),
	review_release(bigint, text) TO empathy_agent;
