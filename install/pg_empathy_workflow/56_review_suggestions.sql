
-- ---------------------------------------------------------------------------
-- learning from corrections (issue 12, item 6): lexicon_suggestions()
-- ---------------------------------------------------------------------------
-- Which words and phrases go with human disagreement?  The texts of the latest human label of
-- each row (review_labels, with the text and the machine's label) form two corpora: those where
-- the human label differs from the machine's ("disagree") and those where it agrees.  Each term
-- (a token of sentiment_tokens(), lower-cased, or two adjacent tokens) is scored by the
-- weighted log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and Quinn
-- (2008, "Fightin' Words", Political Analysis 16(4), section 3.5):
--   a_w   = a0 * (y_w / n)                      prior from both corpora together
--   d_w   = log((y_w^d + a_w) / (n^d + a0 - y_w^d - a_w)) - log((y_w^a + a_w) / (n^a + a0 - y_w^a - a_w))
--   var_w = 1 / (y_w^d + a_w) + 1 / (y_w^a + a_w)
--   z_w   = d_w / sqrt(var_w)
-- (only the labels of one table when source is given)
-- with y_w^d, y_w^a the term's counts in the disagree and agree corpora, n^d, n^a their sizes in
-- terms, y_w and n the same over both, a0 the prior strength.  A large z means the term is
-- more frequent in texts the machine got wrong than chance allows.  The proposed valence is the
-- mean of (human score - machine score) over the disagree texts that contain the term, times 4
-- (the lexicons' scale is -4 .. 4), clipped: a starting point for a person, who decides.
-- Terms made only of function words (review_cues() 'stopword') count in the corpus sizes but are
-- not listed.  Nothing is changed by this function.

CREATE FUNCTION lexicon_suggestions(config text DEFAULT 'en', min_count int DEFAULT 2,
									prior_strength float8 DEFAULT 100, max_terms int DEFAULT 25,
									source regclass DEFAULT NULL)
	RETURNS TABLE (term text, disagree_count bigint, agree_count bigint, log_odds float8, z float8,
				   human_minus_machine float8, proposed_valence float8, lexicon_valence float8)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM @extschema@.sentiment_configs() c WHERE c.name OPERATOR(pg_catalog.=) config) THEN
		RAISE EXCEPTION 'unknown sentiment configuration "%"', config
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'sentiment_configs() lists the configurations.';
	END IF;
	IF min_count IS NULL OR min_count OPERATOR(pg_catalog.<) 1 OR max_terms IS NULL OR max_terms OPERATOR(pg_catalog.<) 1
	   OR prior_strength IS NULL OR NOT prior_strength OPERATOR(pg_catalog.>) 0::pg_catalog.float8
	   OR prior_strength OPERATOR(pg_catalog.=) 'Infinity'::pg_catalog.float8 THEN
		RAISE EXCEPTION 'min_count and max_terms must be at least 1 and prior_strength a positive finite number'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN QUERY
	WITH latest AS (		-- the final human label of each row or item, with its text
		SELECT f.label_id FROM @extschema@.review_final_labels f),
	docs AS (
		SELECT l.id, (l.machine_label OPERATOR(pg_catalog.<>) l.label) AS disagree,
			   coalesce(l.score, CASE l.label WHEN 'positive' THEN 0.5 WHEN 'negative' THEN -0.5 ELSE 0 END)
			   OPERATOR(pg_catalog.-) l.machine_score AS delta,
			   @extschema@.sentiment_tokens(l.body, lexicon_suggestions.config) AS toks
		  FROM @extschema@.review_labels l JOIN latest ON latest.label_id OPERATOR(pg_catalog.=) l.id
		 WHERE l.body IS NOT NULL AND l.machine_label IS NOT NULL AND l.machine_score IS NOT NULL
		   AND l.config OPERATOR(pg_catalog.=) lexicon_suggestions.config
		   AND (lexicon_suggestions.source IS NULL OR l.source OPERATOR(pg_catalog.=) lexicon_suggestions.source)),
	toks AS (
		SELECT d.id, d.disagree, d.delta, pg_catalog.lower(t.tok) AS tok, t.n,
			   pg_catalog.lower(t.tok) OPERATOR(pg_catalog.~) (SELECT c.pattern FROM @extschema@.review_cues() c
															  WHERE c.code OPERATOR(pg_catalog.=) 'stopword') AS stop
		  FROM docs d, pg_catalog.unnest(d.toks) WITH ORDINALITY AS t(tok, n)),
	terms AS (		-- unigrams and bigrams
		SELECT x.id, x.disagree, x.delta, x.tok AS term, x.stop AS stop FROM toks x
		UNION ALL
		SELECT x.id, x.disagree, x.delta, x.tok OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) y.tok, x.stop AND y.stop
		  FROM toks x JOIN toks y ON y.id OPERATOR(pg_catalog.=) x.id AND y.n OPERATOR(pg_catalog.=) (x.n OPERATOR(pg_catalog.+) 1)),
	sizes AS (
		SELECT pg_catalog.count(*) FILTER (WHERE t.disagree)::pg_catalog.float8 AS nd,
			   pg_catalog.count(*) FILTER (WHERE NOT t.disagree)::pg_catalog.float8 AS na,
			   pg_catalog.count(*)::pg_catalog.float8 AS n
		  FROM terms t),
	counts AS (
		SELECT t.term,
			   pg_catalog.count(*) FILTER (WHERE t.disagree) AS yd,
			   pg_catalog.count(*) FILTER (WHERE NOT t.disagree) AS ya,
			   pg_catalog.avg(t.delta) FILTER (WHERE t.disagree) AS delta,
			   pg_catalog.bool_and(t.stop) AS stop
		  FROM terms t GROUP BY t.term),
	scored AS (
		SELECT c.term, c.yd, c.ya, c.delta, c.stop,
			   prior_strength OPERATOR(pg_catalog.*) (c.yd OPERATOR(pg_catalog.+) c.ya)::pg_catalog.float8 OPERATOR(pg_catalog./) s.n AS a,
			   s.nd, s.na
		  FROM counts c, sizes s),
	lo AS (
		SELECT sc.term, sc.yd, sc.ya, sc.delta,
			   pg_catalog.ln((sc.yd OPERATOR(pg_catalog.+) sc.a) OPERATOR(pg_catalog./)
							 (sc.nd OPERATOR(pg_catalog.+) prior_strength OPERATOR(pg_catalog.-) sc.yd OPERATOR(pg_catalog.-) sc.a))
			   OPERATOR(pg_catalog.-)
			   pg_catalog.ln((sc.ya OPERATOR(pg_catalog.+) sc.a) OPERATOR(pg_catalog./)
							 (sc.na OPERATOR(pg_catalog.+) prior_strength OPERATOR(pg_catalog.-) sc.ya OPERATOR(pg_catalog.-) sc.a)) AS d,
			   (1.0::pg_catalog.float8 OPERATOR(pg_catalog./) (sc.yd OPERATOR(pg_catalog.+) sc.a))
			   OPERATOR(pg_catalog.+) (1.0::pg_catalog.float8 OPERATOR(pg_catalog./) (sc.ya OPERATOR(pg_catalog.+) sc.a)) AS v
		  FROM scored sc
		 WHERE sc.yd OPERATOR(pg_catalog.>=) min_count AND NOT sc.stop)
	SELECT lo.term, lo.yd, lo.ya, lo.d, lo.d OPERATOR(pg_catalog./) pg_catalog.sqrt(lo.v), lo.delta,
		   pg_catalog.round(GREATEST(-4::pg_catalog.float8, LEAST(4::pg_catalog.float8, lo.delta OPERATOR(pg_catalog.*) 4))::pg_catalog.numeric, 1)::pg_catalog.float8,
		   -- the learned 'en' explains features: the lexicon value is the one of 'en-rules'
		   (SELECT e.lexicon_valence
			  FROM @extschema@.sentiment_explain(lo.term, CASE WHEN lexicon_suggestions.config OPERATOR(pg_catalog.=) 'en'
															   THEN 'en-rules' ELSE lexicon_suggestions.config END) e
			 WHERE lo.term OPERATOR(pg_catalog.!~) ' ' LIMIT 1)
	  FROM lo
	 ORDER BY lo.d OPERATOR(pg_catalog./) pg_catalog.sqrt(lo.v) DESC, lo.term
	 LIMIT max_terms;
END
$$;  -- STABLE: reads review_labels
COMMENT ON FUNCTION lexicon_suggestions(text, int, float8, int, regclass) IS 'words and two-word phrases most associated with human disagreement with the machine (weighted log-odds with an informative Dirichlet prior, Monroe et al. 2008), with a proposed valence for a custom lexicon; changes nothing';
REVOKE ALL ON FUNCTION lexicon_suggestions(text, int, float8, int, regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexicon_suggestions(text, int, float8, int, regclass) TO empathy_admin;
