
-- ---------------------------------------------------------------------------
-- review_reasons(): why a person should read a text (issue 12, item 1)
-- ---------------------------------------------------------------------------
-- Home: pg_empathy_workflow, because the code `sensitive` reads the escalation rules; STABLE
-- for the same reason (and for the settings it reads).  The word lists below are cues, not a
-- lexicon: they decide whether to ask a person, never a score.

CREATE FUNCTION review_cues(OUT code text, OUT pattern text)
	RETURNS SETOF record
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $cues$
	VALUES
	-- sarcasm: fixed phrases (any language pg_empathy scores)
	('sarcasm_phrase', '\m(yeah,? right|thanks for nothing|thank you for nothing|said no ?one ever|said nobody ever|just what i needed|exactly what i needed|what a surprise|how (lovely|wonderful|nice)|because that''s what i (wanted|needed)|oh (great|wonderful|perfect|joy|fantastic|brilliant)|just (great|perfect|brilliant|wonderful|fantastic)|love (how|that|it when) (you|it|your|the|my)|slow clap|merci pour rien|gracias por nada|obrigad[oa] por nada|danke für nichts|grazie per niente|bedankt voor niets|tak for ingenting|tack för ingenting)\M'),
	-- sarcasm: praise word next to a failure word (both needed)
	('sarcasm_praise', '\m(great|perfect|wonderful|fantastic|brilliant|amazing|awesome|lovely|superb|excellent|love|loving|thanks|thank you|genial|génial|parfait|super|perfecto|perfetto|fantástico|toll|prima)\M'),
	('sarcasm_failure', '\m(broke|broken|breaks|crashed|crashes|crash|again|late|lost|failed|fails|stopped working|doesn''t work|does not work|not working|dead|cancelled|canceled|delayed|waiting|hours|weeks|missing|wrong|charged twice|on hold|down again|still)\M'),
	-- function words: lexicon_suggestions() leaves out terms made only of them
	('stopword', '^(the|a|an|is|are|was|were|be|been|it|its|and|or|but|to|of|in|on|at|for|with|my|i|me|you|your|we|our|this|that|these|those|so|as|by|from|le|la|les|un|une|des|de|du|et|est|il|je|el|los|las|y|en|es|que|o|os|as|um|uma|e|der|die|das|und|ist|ich|ein|eine|il|lo|gli|di|che|è|het|een|is|en|ik|det|og|er|jeg|och|är|jag|i|w|z|jest|to|nie)$'),
	-- contrast words (mixed: a positive and a negative word around one of them)
	('contrast', '\m(but|however|although|though|yet|mais|cependant|pero|sin embargo|mas|porém|aber|jedoch|ma|però|maar|men|dog|ale)\M'),
	-- complaint or request markers (no_sentiment_words needs one of them)
	('request', '(\?|\m(help|please|pls|refund|return|problem|issue|error|broken|missing|wrong|still|waiting|when|why|where|how|need|cancel|fix|replace|replacement|order|delivery|charged|invoice|bill|aide|aidez|svp|s''il vous plaît|remboursement|problème|commande|livraison|ayuda|por favor|reembolso|problema|pedido|envío|ajuda|reembolso|encomenda|hilfe|bitte|erstattung|bestellung|lieferung|aiuto|per favore|rimborso|ordine|consegna|hulp|alstublieft|terugbetaling|bestelling|levering|hjælp|refusion|hjälp|återbetalning|pomocy|proszę|zwrot|zamówienie)\M)')
	$cues$;
COMMENT ON FUNCTION review_cues() IS 'the regular expressions review_reasons() uses: sarcasm_phrase, or sarcasm_praise with sarcasm_failure (sarcasm_cue); contrast (mixed); request, the complaint/request markers of no_sentiment_words; matched on the lower-cased text; and stopword, the function words lexicon_suggestions() leaves out';

CREATE FUNCTION review_reasons(body text, config text DEFAULT 'en') RETURNS text[]
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	det record;
	cfg text := config;
	cfg_lang text;
	tier text;
	vcfg text;
	learned_rows bool;
	pos_max float8;
	neg_min float8;
	words int;
	lower_body text := pg_catalog.lower(body);
	conf float8;
	out text[] := '{}';
BEGIN
	SELECT c.language, c.tier INTO cfg_lang, tier FROM @extschema@.sentiment_configs() c
	 WHERE c.name OPERATOR(pg_catalog.=) config;
	IF NOT FOUND AND NOT (config OPERATOR(pg_catalog.=) 'auto' OR config OPERATOR(pg_catalog.~~) 'auto:%') THEN
		RAISE EXCEPTION 'unknown sentiment configuration "%"', config
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'sentiment_configs() lists the configurations.';
	END IF;
	IF pg_catalog.btrim(body) OPERATOR(pg_catalog.=) '' THEN
		RETURN out;
	END IF;
	SELECT * INTO det FROM @extschema@.language_detection(body);
	words := pg_catalog.cardinality(@extschema@.sentiment_tokens(body, 'en'));
	IF cfg_lang IS NULL THEN
		-- 'auto': the configuration of the detected language, else the fallback of 'auto:<config>'
		cfg := coalesce(@extschema@.review_config_for(det.language),
						CASE WHEN config OPERATOR(pg_catalog.~~) 'auto:%' THEN pg_catalog.substr(config, 6) ELSE 'en' END);
		SELECT c.language, c.tier INTO cfg_lang, tier FROM @extschema@.sentiment_configs() c
		 WHERE c.name OPERATOR(pg_catalog.=) cfg;
	END IF;

	-- the scorer's confidence: the estimated probability that its label is right
	conf := @extschema@.sentiment_confidence(body, cfg);
	IF conf OPERATOR(pg_catalog.<) pg_catalog.current_setting('pg_empathy.review_confidence')::pg_catalog.float8 THEN
		out := out OPERATOR(pg_catalog.||) 'low_confidence'::text;
	END IF;

	-- the lexicon's own valences of the words the configuration knows, leaving out the request
	-- markers themselves ("help", "please", "wrong" are in the lexicons but mark a request).
	-- The learned 'en' explains features, not words: its lexicon is the one of 'en-rules'.  A
	-- custom lexicon over 'en' explains features too (rows of kind word, bigram, rules, ...):
	-- then the word cues (mixed, no_sentiment_words, the praise of sarcasm_cue) are not read.
	vcfg := CASE WHEN cfg OPERATOR(pg_catalog.=) 'en' THEN 'en-rules' ELSE cfg END;
	SELECT pg_catalog.max(e.lexicon_valence), pg_catalog.min(e.lexicon_valence),
		   pg_catalog.bool_or(e.rules OPERATOR(pg_catalog.&&) '{word,negated_word,bigram,chars,rules,bias}'::pg_catalog.text[])
	  INTO pos_max, neg_min, learned_rows
	  FROM @extschema@.sentiment_explain(body, vcfg) e
	 WHERE NOT pg_catalog.lower(e.token) OPERATOR(pg_catalog.~)
			(SELECT '^' OPERATOR(pg_catalog.||) c.pattern OPERATOR(pg_catalog.||) '$' FROM @extschema@.review_cues() c
			  WHERE c.code OPERATOR(pg_catalog.=) 'request');
	IF learned_rows THEN
		pos_max := NULL;
		neg_min := NULL;
	END IF;

	-- mixed: a strong positive and a strong negative word, or a positive and a negative one
	-- with a contrast word ("but") in the text
	IF (pos_max OPERATOR(pg_catalog.>=) 2.0 AND neg_min OPERATOR(pg_catalog.<=) -1.8)
	   OR (pos_max OPERATOR(pg_catalog.>=) 0.5 AND neg_min OPERATOR(pg_catalog.<=) -0.5
		   AND lower_body OPERATOR(pg_catalog.~) (SELECT c.pattern FROM @extschema@.review_cues() c WHERE c.code OPERATOR(pg_catalog.=) 'contrast')) THEN
		out := out OPERATOR(pg_catalog.||) 'mixed'::text;
	END IF;

	-- sarcasm cue: a fixed phrase, or praise next to a failure
	IF lower_body OPERATOR(pg_catalog.~) (SELECT c.pattern FROM @extschema@.review_cues() c WHERE c.code OPERATOR(pg_catalog.=) 'sarcasm_phrase')
	   OR (lower_body OPERATOR(pg_catalog.~) (SELECT c.pattern FROM @extschema@.review_cues() c WHERE c.code OPERATOR(pg_catalog.=) 'sarcasm_praise')
		   AND lower_body OPERATOR(pg_catalog.~) (SELECT c.pattern FROM @extschema@.review_cues() c WHERE c.code OPERATOR(pg_catalog.=) 'sarcasm_failure')
		   AND pos_max OPERATOR(pg_catalog.>) 0
		   AND @extschema@.sentiment_score(body, cfg) OPERATOR(pg_catalog.>) 0) THEN
		out := out OPERATOR(pg_catalog.||) 'sarcasm_cue'::text;
	END IF;

	-- a complaint or request in which the configuration knows no word
	IF pos_max IS NULL AND learned_rows IS NOT TRUE
	   AND lower_body OPERATOR(pg_catalog.~) (SELECT c.pattern FROM @extschema@.review_cues() c WHERE c.code OPERATOR(pg_catalog.=) 'request') THEN
		out := out OPERATOR(pg_catalog.||) 'no_sentiment_words'::text;
	END IF;

	-- language: another script; or, in a text of 6 words or more (shorter ones are too short to
	-- tell), none of the languages (und) or a language the configuration does not score
	IF det.script IS NOT NULL AND det.script OPERATOR(pg_catalog.<>) ALL ('{Latn,Zyyy,Zinh,Zzzz}'::pg_catalog.text[]) THEN
		out := out OPERATOR(pg_catalog.||) 'unsupported_language'::text;
	ELSIF words OPERATOR(pg_catalog.<) 6 THEN
		NULL;
	ELSIF det.language OPERATOR(pg_catalog.=) 'und' THEN
		out := out OPERATOR(pg_catalog.||) 'und'::text;
	ELSIF det.language OPERATOR(pg_catalog.<>) cfg_lang THEN
		out := out OPERATOR(pg_catalog.||) 'unsupported_language'::text;
	END IF;

	IF tier OPERATOR(pg_catalog.=) 'translated' THEN
		out := out OPERATOR(pg_catalog.||) 'translated_tier'::text;
	END IF;

	IF (@extschema@.escalation_check(body, vcfg)).reasons
	   OPERATOR(pg_catalog.&&) '{safety,abuse,legal_threat}'::pg_catalog.text[] THEN
		out := out OPERATOR(pg_catalog.||) 'sensitive'::text;
	END IF;
	RETURN out;
END
$$;  -- STABLE: reads escalation_rules and pg_empathy.* settings
COMMENT ON FUNCTION review_reasons(text, text) IS 'why a person should review a text (empty: no need): low_confidence, mixed, sarcasm_cue, no_sentiment_words, und, unsupported_language, translated_tier, sensitive';
