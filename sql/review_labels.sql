-- issue 12: human labels win (append-only label store, panel consensus, escalation corrections)
SET extra_float_digits = 0;
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE ROLE regress_lb_ann;
CREATE ROLE regress_lb_ben;
CREATE ROLE regress_lb_cas;
CREATE ROLE regress_lb_app;
GRANT empathy_agent TO regress_lb_ann, regress_lb_ben, regress_lb_cas;
GRANT empathy_admin TO regress_lb_app;
-- what earlier tests left (escalation corrections) is not shown
SELECT coalesce(max(id), 0) AS first_label FROM review_labels \gset
SELECT count(*) FROM (
	SELECT review_reviewer_add(r, '{UK}', '{en}') FROM unnest('{regress_lb_ann,regress_lb_ben,regress_lb_cas}'::text[]) r) s;
CREATE TABLE regress_notes (id int PRIMARY KEY, body text);
GRANT SELECT ON regress_notes TO regress_lb_ann;
CREATE TRIGGER regress_notes_escalation AFTER INSERT OR UPDATE OR DELETE ON regress_notes
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
INSERT INTO regress_notes VALUES
	(1, 'Great, the router died again. Thanks for nothing.'),
	(2, 'The kettle caught fire this morning.'),
	(3, 'Lovely staff, quick refund.'),
	(4, 'Not sure what to make of the new plan.');

-- a panel of 3 reaches a consensus (2 of 3): one label row, origin panel
SET ROLE regress_lb_app;
SELECT id AS item_a FROM review_submit('regress_notes', '{"id": "1"}',
	'Great, the router died again. Thanks for nothing.', 'en', 'UK', panel_size => 3) \gset
SELECT id AS item_b FROM review_submit('regress_notes', '{"id": "4"}',
	'Not sure what to make of the new plan.', 'en', 'UK', panel_size => 2) \gset
SELECT kind, reasons, machine_score, panel_size FROM review_items WHERE id IN (:item_a, :item_b) ORDER BY id;
RESET ROLE;
SET ROLE regress_lb_ann;
SELECT id = :item_a AS got_a, id = :item_b AS got_b FROM review_take();
SELECT status FROM review_answer(:item_a, 'negative', -0.7);
SET ROLE regress_lb_ben;
SELECT id = :item_a AS got_a, id = :item_b AS got_b FROM review_take();
SELECT status FROM review_answer(:item_a, 'negative', -0.9);
SET ROLE regress_lb_cas;
SELECT id = :item_a AS got_a, id = :item_b AS got_b FROM review_take();
SELECT status, outcome FROM review_answer(:item_a, 'neutral');
-- a split panel of 2: no consensus, no label
SELECT id = :item_a AS got_a, id = :item_b AS got_b FROM review_take();
SELECT status FROM review_answer(:item_b, 'neutral');
SET ROLE regress_lb_ann;
SELECT id = :item_a AS got_a, id = :item_b AS got_b FROM review_take();
SELECT status, outcome FROM review_answer(:item_b, 'positive');
RESET ROLE;
SELECT origin, source, row_key, label, score, agreement, labelled_by, machine_label, previous_label
FROM review_labels WHERE id > :first_label ORDER BY id;

-- escalation corrections go to the same store, each one a new row naming the one it replaces
SELECT row_key, reasons FROM escalation_queue WHERE source = 'regress_notes'::regclass ORDER BY id;
SELECT corrected_label FROM escalation_correct(
	(SELECT id FROM escalation_queue WHERE source = 'regress_notes'::regclass AND row_key = '{"id": "2"}'),
	'negative', -0.6, 'fire: frightened', 'regress_lb_ann');
SELECT corrected_label FROM escalation_correct(
	(SELECT id FROM escalation_queue WHERE source = 'regress_notes'::regclass AND row_key = '{"id": "2"}'),
	'negative', -0.95, 'fire: a safety incident', 'regress_lb_ben');
-- a later human label of row 1 replaces the panel's (the panel's row stays)
SET ROLE regress_lb_ann;
SELECT origin, label, score, labelled_by, previous_label, previous_score
FROM review_label('regress_notes', '{"id": "1"}', 'negative', -1, 'customer lost a day of work');
RESET ROLE;
SELECT id - :first_label AS n, origin, row_key, label, score, labelled_by, body, machine_label, previous_id - :first_label AS previous_n, previous_label, previous_score
FROM review_labels WHERE id > :first_label ORDER BY id;

-- final labels: human where there is one, else the machine's
SELECT n.id, f.label, f.score, f.human
FROM regress_notes n, review_final('regress_notes', jsonb_build_object('id', n.id::text), n.body) f
ORDER BY n.id;
SELECT row_key, label, origin, human_disagrees FROM review_final_labels
WHERE source = 'regress_notes'::regclass ORDER BY row_key;

-- errors
SET ROLE regress_lb_ann;
SELECT pg_temp.err($$SELECT review_label('regress_notes', '{"id": "3"}', 'thrilled')$$);
SELECT pg_temp.err($$SELECT review_label('regress_notes', '{"id": "3"}', NULL)$$);
SELECT pg_temp.err($$SELECT review_label('regress_notes', '{"id": "3"}', NULL, 2)$$);
SELECT pg_temp.err($$SELECT review_label('regress_notes', '[3]', 'positive')$$);
SELECT pg_temp.err($$SELECT review_label(NULL, '{"id": "3"}', 'positive')$$);
SELECT pg_temp.err($$SELECT review_label('regress_notes', '{"id": "3"}', 'positive', labeller => 'regress_lb_ben')$$);
SET ROLE regress_lb_ben;		-- no SELECT on the table
SELECT pg_temp.err($$SELECT review_label('regress_notes', '{"id": "3"}', 'positive')$$);
-- and so none of its labels without a region (their text comes from the table)
SELECT count(*) AS ben_sees_escalation_labels FROM review_labels WHERE source = 'regress_notes'::regclass AND region IS NULL;
SET ROLE regress_lb_ann;		-- SELECT on the table
SELECT count(*) AS ann_sees_escalation_labels FROM review_labels WHERE source = 'regress_notes'::regclass AND region IS NULL;
SET ROLE regress_lb_ben;
SELECT pg_temp.err($$DELETE FROM review_labels$$);
RESET ROLE;
-- append-only, also for the owner
SELECT pg_temp.err($$UPDATE review_labels SET label = 'positive'$$);
SELECT pg_temp.err($$DELETE FROM review_labels$$);
SELECT pg_temp.err($$TRUNCATE review_labels$$);
SELECT count(*) AS labels_kept FROM review_labels WHERE id > :first_label;

-- DROP TABLE: open items withdrawn, items and labels keep the name, the OID goes
SET ROLE regress_lb_app;
SELECT id AS item_c FROM review_submit('regress_notes', '{"id": "3"}', 'Lovely staff, quick refund.', 'en', 'UK') \gset
RESET ROLE;
DROP TABLE regress_notes;
SELECT source, source_name, status, outcome FROM review_items WHERE id IN (:item_a, :item_b, :item_c) ORDER BY id;
SELECT source, source_name, row_key, origin FROM review_labels WHERE id > :first_label ORDER BY id;

DROP ROLE regress_lb_ann, regress_lb_ben, regress_lb_cas, regress_lb_app;
