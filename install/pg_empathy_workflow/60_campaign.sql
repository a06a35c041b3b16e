
-- ---------------------------------------------------------------------------
-- campaign resonance review (issue 12, item 3)
-- ---------------------------------------------------------------------------
-- A campaign message has one variant per region, in that region's language.  Each variant is a
-- review item of kind 'campaign' handed to the region's reviewers by review_take() like any
-- other item (same panels, identity, timeout, row-level security); a reviewer answers with
-- campaign_answer(): approve, revise or reject for language, timing and messaging.
-- campaign_resonance() reports per region and decides go / no-go by the rule in its comment.

CREATE TABLE campaigns (
	id          bigserial   PRIMARY KEY,
	name        text        NOT NULL UNIQUE CHECK (btrim(name) <> ''),
	description text,
	created_by  text        NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE campaigns IS 'campaign messages whose regional variants are reviewed by in-region panels before they go out';

CREATE TABLE campaign_variants (
	campaign_id bigint      NOT NULL REFERENCES campaigns,
	region      text        NOT NULL CHECK (btrim(region) <> ''),
	language    text        NOT NULL CHECK (btrim(language) <> ''),
	body        text        NOT NULL CHECK (btrim(body) <> ''),
	item_id     bigint      NOT NULL UNIQUE REFERENCES review_items,
	created_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (campaign_id, region)
);
COMMENT ON TABLE campaign_variants IS 'one variant of a campaign per region, in its language; item_id is its review item (kind campaign)';

SELECT pg_catalog.pg_extension_config_dump('campaigns', '');
SELECT pg_catalog.pg_extension_config_dump('campaigns_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('campaign_variants', '');

REVOKE ALL ON campaigns, campaign_variants FROM PUBLIC;
REVOKE ALL ON SEQUENCE campaigns_id_seq FROM PUBLIC;
GRANT SELECT ON campaigns, campaign_variants TO empathy_admin;

CREATE FUNCTION campaign_create(name text, description text DEFAULT NULL) RETURNS campaigns
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c @extschema@.campaigns;
BEGIN
	IF name IS NULL OR pg_catalog.btrim(name) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'campaign name must not be null or empty' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	INSERT INTO @extschema@.campaigns AS t (name, description, created_by)
	VALUES (name, description, @extschema@.review_session_role())
	RETURNING t.* INTO c;
	RETURN c;
EXCEPTION WHEN unique_violation THEN
	RAISE EXCEPTION 'campaign "%" already exists', name USING ERRCODE = 'duplicate_object';
END
$$;  -- VOLATILE: inserts a campaign
COMMENT ON FUNCTION campaign_create(text, text) IS 'creates a campaign (its variants are added with campaign_variant())';

-- the campaign of that name (42704 otherwise)
CREATE FUNCTION campaign_get(name text) RETURNS campaigns
	LANGUAGE plpgsql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c @extschema@.campaigns;
BEGIN
	SELECT * INTO c FROM @extschema@.campaigns t WHERE t.name OPERATOR(pg_catalog.=) campaign_get.name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'campaign "%" does not exist', name USING ERRCODE = 'undefined_object';
	END IF;
	RETURN c;
END
$$;  -- STABLE: reads campaigns
COMMENT ON FUNCTION campaign_get(text) IS 'the campaign of that name (42704 when there is none)';
REVOKE ALL ON FUNCTION campaign_get(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION campaign_get(text) TO empathy_admin;

CREATE FUNCTION campaign_variant(campaign text, region text, language text, body text, panel_size int DEFAULT 3)
	RETURNS campaign_variants
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c @extschema@.campaigns := @extschema@.campaign_get(campaign);
	i @extschema@.review_items;
	v @extschema@.campaign_variants;
BEGIN
	IF EXISTS (SELECT FROM @extschema@.campaign_variants t
			   WHERE t.campaign_id OPERATOR(pg_catalog.=) c.id AND t.region OPERATOR(pg_catalog.=) campaign_variant.region) THEN
		RAISE EXCEPTION 'campaign "%" already has a variant for region %', campaign, region
			USING ERRCODE = 'unique_violation';
	END IF;
	i := @extschema@.review_submit(NULL, NULL, body, language, region, 'campaign', NULL, panel_size);
	INSERT INTO @extschema@.campaign_variants AS t (campaign_id, region, language, body, item_id)
	VALUES (c.id, region, i.language, body, i.id)
	RETURNING t.* INTO v;
	RETURN v;
END
$$;  -- VOLATILE: inserts a variant and its review item
COMMENT ON FUNCTION campaign_variant(text, text, text, text, int) IS 'adds a campaign''s variant for a region (in its language) and queues it for a panel of panel_size reviewers of that region and language';

CREATE FUNCTION campaign_answer(item_id bigint, language text, timing text, messaging text, note text DEFAULT NULL,
								reviewer text DEFAULT current_user)
	RETURNS review_items
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	rv @extschema@.review_reviewers := @extschema@.review_reviewer_check(reviewer);
	labels text[] := ARRAY[language, timing, messaging];
BEGIN
	IF pg_catalog.array_position(labels, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'a campaign verdict needs language, timing and messaging'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT labels OPERATOR(pg_catalog.<@) '{approve,revise,reject}'::pg_catalog.text[] THEN
		RAISE EXCEPTION 'invalid campaign verdict %', labels
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Each of language, timing and messaging is approve, revise or reject.';
	END IF;
	RETURN @extschema@.review_record(@extschema@.review_lock_assignment(item_id, rv, 'campaign'),
									 '{language,timing,messaging}', labels, NULL, note);
END
$$;  -- VOLATILE: records a verdict
COMMENT ON FUNCTION campaign_answer(bigint, text, text, text, text, text) IS 'the reviewer''s verdict on a campaign variant they took: approve, revise or reject for language, timing and messaging, and a note';

-- The report.  Per dimension, the panel's outcome is the verdict given by more than half of the
-- reviewers (else "split").  Decision (the people decide; the machine informs):
--   pending  fewer verdicts than the panel size (or the variant was withdrawn);
--   go       every dimension's outcome is approve and no reviewer rejected anything;
--   no-go    otherwise.
-- "why" lists the dimensions not approved and the rejects, then, as notes that do not change the
-- decision, a negative machine reading and the variant's review_reasons().
-- agreement: for each dimension the share of reviewer pairs that gave the same verdict (Fleiss'
-- observed agreement P_i), averaged over the three dimensions; NULL with fewer than 2 verdicts.
CREATE FUNCTION campaign_resonance(campaign text)
	RETURNS TABLE (region text, language text, panel_size int, verdicts int,
				   language_approve int, language_revise int, language_reject int,
				   timing_approve int, timing_revise int, timing_reject int,
				   messaging_approve int, messaging_revise int, messaging_reject int,
				   agreement float8, machine_score float8, machine_label text,
				   emotion text, emotion_probability float8, review_reasons text[],
				   notes text[], decision text, why text)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH c AS (SELECT * FROM @extschema@.campaign_get($1)),
	v AS (
		SELECT cv.region, cv.language, i.panel_size, i.verdicts, i.status, i.machine_score, i.reasons, i.id,
			   cv.body, i.config,
			   -- the configurations with an emotion model (English); NULL for a variant without one
			   i.config OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT e.name FROM @extschema@.emotion_configs() e)) AS has_emotions
		  FROM c JOIN @extschema@.campaign_variants cv ON cv.campaign_id OPERATOR(pg_catalog.=) c.id
		  JOIN @extschema@.review_items i ON i.id OPERATOR(pg_catalog.=) cv.item_id),
	d AS (		-- verdict counts per region and dimension
		SELECT v.region, dim.dimension,
			   pg_catalog.count(*) FILTER (WHERE w.label OPERATOR(pg_catalog.=) 'approve')::pg_catalog.int4 AS approve,
			   pg_catalog.count(*) FILTER (WHERE w.label OPERATOR(pg_catalog.=) 'revise')::pg_catalog.int4 AS revise,
			   pg_catalog.count(*) FILTER (WHERE w.label OPERATOR(pg_catalog.=) 'reject')::pg_catalog.int4 AS reject,
			   pg_catalog.count(w.id)::pg_catalog.int4 AS n
		  FROM v CROSS JOIN (VALUES ('language'), ('timing'), ('messaging')) dim(dimension)
		  LEFT JOIN @extschema@.review_verdicts w ON w.item_id OPERATOR(pg_catalog.=) v.id
												 AND w.dimension OPERATOR(pg_catalog.=) dim.dimension
		 GROUP BY v.region, dim.dimension),
	o AS (		-- the panel's outcome per dimension, and its pairwise agreement
		SELECT d.*,
			   CASE WHEN d.approve OPERATOR(pg_catalog.*) 2 OPERATOR(pg_catalog.>) d.n THEN 'approve'
					WHEN d.revise OPERATOR(pg_catalog.*) 2 OPERATOR(pg_catalog.>) d.n THEN 'revise'
					WHEN d.reject OPERATOR(pg_catalog.*) 2 OPERATOR(pg_catalog.>) d.n THEN 'reject'
					ELSE 'split' END AS outcome,
			   CASE WHEN d.n OPERATOR(pg_catalog.>=) 2 THEN
					((d.approve OPERATOR(pg_catalog.*) (d.approve OPERATOR(pg_catalog.-) 1))
					 OPERATOR(pg_catalog.+) (d.revise OPERATOR(pg_catalog.*) (d.revise OPERATOR(pg_catalog.-) 1))
					 OPERATOR(pg_catalog.+) (d.reject OPERATOR(pg_catalog.*) (d.reject OPERATOR(pg_catalog.-) 1)))::pg_catalog.float8
					OPERATOR(pg_catalog./) (d.n OPERATOR(pg_catalog.*) (d.n OPERATOR(pg_catalog.-) 1))::pg_catalog.float8
			   END AS p
		  FROM d),
	r AS (
		SELECT v.*,
			   pg_catalog.max(o.approve) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'language') AS la,
			   pg_catalog.max(o.revise) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'language') AS lv,
			   pg_catalog.max(o.reject) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'language') AS lr,
			   pg_catalog.max(o.approve) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'timing') AS ta,
			   pg_catalog.max(o.revise) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'timing') AS tv,
			   pg_catalog.max(o.reject) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'timing') AS tr,
			   pg_catalog.max(o.approve) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'messaging') AS ma,
			   pg_catalog.max(o.revise) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'messaging') AS mv,
			   pg_catalog.max(o.reject) FILTER (WHERE o.dimension OPERATOR(pg_catalog.=) 'messaging') AS mr,
			   pg_catalog.avg(o.p) AS agreement,
			   pg_catalog.array_agg(o.dimension OPERATOR(pg_catalog.||) ': ' OPERATOR(pg_catalog.||) o.outcome
									ORDER BY pg_catalog.array_position('{language,timing,messaging}'::pg_catalog.text[], o.dimension))
					FILTER (WHERE o.outcome OPERATOR(pg_catalog.<>) 'approve') AS not_approved,
			   pg_catalog.sum(o.reject) AS rejects
		  FROM v JOIN o ON o.region OPERATOR(pg_catalog.=) v.region
		 GROUP BY v.region, v.language, v.panel_size, v.verdicts, v.status, v.machine_score, v.reasons, v.id,
				  v.body, v.config, v.has_emotions)
	SELECT r.region, r.language, r.panel_size, r.verdicts, r.la, r.lv, r.lr, r.ta, r.tv, r.tr, r.ma, r.mv, r.mr,
		   r.agreement, r.machine_score, @extschema@.sentiment_label(r.machine_score),
		   -- CASE: emotion() is called only where the configuration has a model (else 0A000)
		   CASE WHEN r.has_emotions THEN @extschema@.emotion_label(r.body, r.config) END,
		   CASE WHEN r.has_emotions THEN
				(SELECT GREATEST(e.anger, e.disgust, e.fear, e.joy, e.sadness, e.surprise, e.neutral)
				   FROM @extschema@.emotion(r.body, r.config) e) END,
		   r.reasons,
		   ARRAY(SELECT w.reviewer OPERATOR(pg_catalog.||) ': ' OPERATOR(pg_catalog.||) w.note
				   FROM @extschema@.review_verdicts w
				  WHERE w.item_id OPERATOR(pg_catalog.=) r.id AND w.dimension OPERATOR(pg_catalog.=) 'language'
					AND w.note IS NOT NULL ORDER BY w.id),
		   CASE WHEN r.status OPERATOR(pg_catalog.<>) 'done' THEN 'pending'
				WHEN r.not_approved IS NULL AND r.rejects OPERATOR(pg_catalog.=) 0 THEN 'go'
				ELSE 'no-go' END,
		   CASE WHEN r.status OPERATOR(pg_catalog.<>) 'done' THEN
					pg_catalog.format('%s of %s verdicts', r.verdicts, r.panel_size)
				ELSE pg_catalog.array_to_string(
					coalesce(r.not_approved, '{}')
					OPERATOR(pg_catalog.||) CASE WHEN r.rejects OPERATOR(pg_catalog.>) 0
						THEN ARRAY[pg_catalog.format('%s reject verdict(s)', r.rejects)] ELSE '{}' END
					OPERATOR(pg_catalog.||) CASE WHEN @extschema@.sentiment_label(r.machine_score) OPERATOR(pg_catalog.=) 'negative'
						THEN ARRAY['note: the machine reads it as negative'] ELSE '{}' END
					OPERATOR(pg_catalog.||) CASE WHEN r.reasons OPERATOR(pg_catalog.<>) '{}'
						THEN ARRAY['note: review reasons ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.reasons, ', ')]
						ELSE '{}' END, '; ') END
	  FROM r
	 ORDER BY r.region
	$$;  -- STABLE: reads the review tables
COMMENT ON FUNCTION campaign_resonance(text) IS 'per region: verdict counts per dimension, the panel''s agreement, the machine''s score, emotion (label and probability, NULL where the configuration has no emotion model) and review_reasons() of the variant in its language, reviewers'' notes, and go / no-go (go: every dimension approved by a majority of the panel and no reject; pending until the panel is complete)';

REVOKE ALL ON FUNCTION campaign_create(text, text), campaign_variant(text, text, text, text, int),
	campaign_answer(bigint, text, text, text, text, text), campaign_resonance(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION campaign_create(text, text), campaign_variant(text, text, text, text, int),
	campaign_resonance(text) TO empathy_admin;
GRANT EXECUTE ON FUNCTION campaign_answer(bigint, text, text, text, text, text) TO empathy_agent;
