-- issue 12: campaign resonance review by in-region panels
SET extra_float_digits = 0;
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE ROLE regress_cp_marketing;
GRANT empathy_admin TO regress_cp_marketing;
DO $$
DECLARE r text;
BEGIN
	FOREACH r IN ARRAY '{regress_cp_fr1,regress_cp_fr2,regress_cp_fr3,regress_cp_de1,regress_cp_de2,regress_cp_de3,regress_cp_jp1}'::text[] LOOP
		EXECUTE format('CREATE ROLE %I', r);
		EXECUTE format('GRANT empathy_agent TO %I', r);
	END LOOP;
END $$;
SELECT count(*) FROM (
	SELECT review_reviewer_add('regress_cp_fr' || n, '{FR}', '{fr}') FROM generate_series(1, 3) n
	UNION ALL SELECT review_reviewer_add('regress_cp_de' || n, '{DE}', '{de}') FROM generate_series(1, 3) n
	UNION ALL SELECT review_reviewer_add('regress_cp_jp1', '{JP}', '{und}')) s;

SET ROLE regress_cp_marketing;
SELECT name, description, created_by FROM campaign_create('spring-sale', 'Spring sale, 20% off, 1-15 March');
SELECT region, language, body FROM campaign_variant('spring-sale', 'FR', 'fr', 'Profitez de 20 % de réduction sur toute la collection de printemps !');
SELECT region, language, body FROM campaign_variant('spring-sale', 'DE', 'de', 'Jetzt 20 % Rabatt auf die ganze Frühjahrskollektion!', panel_size => 2);
SELECT region, language, body FROM campaign_variant('spring-sale', 'JP', NULL, '春のコレクション全品20%オフ！', panel_size => 1);
SELECT region, language, body FROM campaign_variant('spring-sale', 'GB', 'en', 'Enjoy 20% off the whole spring collection, we love it!', panel_size => 1);
-- errors
SELECT pg_temp.err($$SELECT campaign_create('spring-sale')$$);
SELECT pg_temp.err($$SELECT campaign_create('  ')$$);
SELECT pg_temp.err($$SELECT campaign_variant('winter-sale', 'FR', 'fr', 'x')$$);
SELECT pg_temp.err($$SELECT campaign_variant('spring-sale', 'FR', 'fr', 'encore')$$);
SELECT pg_temp.err($$SELECT campaign_variant('spring-sale', 'IT', 'it', 'Saldi!', panel_size => 0)$$);
SELECT region, kind, panel_size, reasons, round(machine_score::numeric, 4) AS machine FROM review_items
WHERE kind = 'campaign' ORDER BY region;
-- before any verdict: pending everywhere
SELECT region, verdicts, decision, why FROM campaign_resonance('spring-sale');
RESET ROLE;

-- the panels (each reviewer takes the variant of their region; other regions' stay invisible)
SET ROLE regress_cp_fr1;
SELECT region, language FROM review_items WHERE kind = 'campaign';
SELECT region FROM review_take() \gset fr_
SELECT id AS fr_item FROM review_items WHERE kind = 'campaign' AND region = 'FR' \gset
SELECT regexp_replace(pg_temp.err(format('SELECT review_answer(%s, %L)', :fr_item, 'positive')), 'item [0-9]+', 'item N') AS err;
SELECT pg_temp.err(format('SELECT campaign_answer(%s, %L, %L, %L)', :fr_item, 'approve', 'maybe', 'approve'));
SELECT pg_temp.err(format('SELECT campaign_answer(%s, %L, NULL, %L)', :fr_item, 'approve', 'approve'));
SELECT status FROM campaign_answer(:fr_item, 'approve', 'approve', 'approve', 'reads naturally');
SET ROLE regress_cp_fr2;
SELECT region FROM review_take();
SELECT status FROM campaign_answer(:fr_item, 'approve', 'approve', 'approve');
SET ROLE regress_cp_fr3;
SELECT region FROM review_take();
SELECT status FROM campaign_answer(:fr_item, 'approve', 'revise', 'approve', 'the 1st of March is a Sunday; start on Monday');
SET ROLE regress_cp_de1;
SELECT regexp_replace(pg_temp.err(format('SELECT campaign_answer(%s, %L, %L, %L)', :fr_item, 'reject', 'reject', 'reject')), 'item [0-9]+', 'item N') AS err;
SELECT id AS de_item FROM review_take() \gset
SELECT status FROM campaign_answer(:de_item, 'revise', 'approve', 'reject', '"Jetzt" sounds pushy for this audience');
SET ROLE regress_cp_de2;
SELECT id = :de_item AS same FROM review_take();
SELECT status FROM campaign_answer(:de_item, 'revise', 'approve', 'approve');
SET ROLE regress_cp_de3;
SELECT count(*) AS panel_full FROM review_take();
RESET ROLE;

SET ROLE regress_cp_marketing;
SELECT region, language, panel_size AS panel, verdicts, language_approve AS la, language_revise AS lv, language_reject AS lr,
	   timing_approve AS ta, timing_revise AS tv, timing_reject AS tr, messaging_approve AS ma, messaging_revise AS mv,
	   messaging_reject AS mr, round(agreement::numeric, 3) AS agreement, round(machine_score::numeric, 4) AS machine,
	   machine_label, emotion, round(emotion_probability::numeric, 3) AS emotion_p, review_reasons
FROM campaign_resonance('spring-sale');
-- emotion only where the variant's configuration has an emotion model ('en'), as emotion() gives it
SELECT r.region, r.emotion, r.emotion_probability = greatest(e.anger, e.disgust, e.fear, e.joy, e.sadness, e.surprise, e.neutral) AS top_probability,
	   r.emotion = emotion_label(v.body, 'en') AS same_label
FROM campaign_resonance('spring-sale') r JOIN campaign_variants v USING (region), emotion(v.body, 'en') e
WHERE r.emotion IS NOT NULL;
SELECT region, decision, why, notes FROM campaign_resonance('spring-sale');
SELECT pg_temp.err($$SELECT * FROM campaign_resonance('no-such-campaign')$$);
RESET ROLE;
-- reviewers do not run the report nor create campaigns
SET ROLE regress_cp_fr1;
SELECT pg_temp.err($$SELECT * FROM campaign_resonance('spring-sale')$$);
SELECT pg_temp.err($$SELECT campaign_create('mine')$$);
RESET ROLE;
DROP ROLE regress_cp_marketing, regress_cp_fr1, regress_cp_fr2, regress_cp_fr3, regress_cp_de1, regress_cp_de2,
	regress_cp_de3, regress_cp_jp1;
