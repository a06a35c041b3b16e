-- A review day (README "Human review"): three reviewers in two markets, an application that
-- submits, a panel of two, an escalation correction, and the final labels reports read.
-- Run as a superuser in a database with pg_empathy_workflow (psql -f); it creates four reviewer
-- roles and an application role and drops its table at the end (the roles stay, for the labels).
\set SHOW_CONTEXT never
SET client_min_messages = warning;
CREATE ROLE amelie; CREATE ROLE bruno; CREATE ROLE chloe; CREATE ROLE dmitri; CREATE ROLE support_app;
GRANT empathy_agent TO amelie, bruno, chloe, dmitri;
GRANT empathy_admin TO support_app;
CREATE TABLE tickets (id int PRIMARY KEY, market text, body text);
GRANT SELECT, INSERT, UPDATE, DELETE ON tickets TO support_app;
CREATE TRIGGER tickets_review AFTER INSERT OR UPDATE OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'auto', '2');
CREATE TRIGGER tickets_escalation AFTER INSERT OR UPDATE OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
SET ROLE support_app;
SELECT reviewer, regions, languages FROM review_reviewer_add('amelie', '{FR}', '{fr}');
SELECT reviewer, regions, languages FROM review_reviewer_add('bruno', '{FR,BE}', '{fr,nl}');
SELECT reviewer, regions, languages FROM review_reviewer_add('chloe', '{UK}', '{en}');
SELECT reviewer, regions, languages FROM review_reviewer_add('dmitri', '{UK,IE}', '{en}');
INSERT INTO tickets VALUES
    (1, 'UK', 'Great service, the engineer fixed it in ten minutes.'),
    (2, 'UK', 'Thanks a lot, really helpful, the parcel is lost again.'),
    (3, 'FR', 'Merci pour rien, le colis est arrivé cassé.'),
    (4, 'FR', 'Le produit est génial mais la livraison était horrible.'),
    (5, 'UK', 'Where is my order?'),
    (6, 'UK', 'The charger caught fire last night.');
SELECT id, row_key, language AS lang, region, reasons, panel_size AS panel FROM review_items ORDER BY id;
RESET ROLE;
-- each reviewer sees only their markets
SET ROLE amelie;
SELECT id, region, body FROM review_items ORDER BY id;
SELECT id, body, reasons FROM review_take();
SELECT id, status, verdicts FROM review_answer(2, 'negative', -0.7, 'sarcastic: nothing was fixed');
SELECT review_answer(1, 'negative');   -- another market's item
RESET ROLE;
SET ROLE bruno;
SELECT id, held, verdicts FROM review_take();
SELECT id, status, outcome FROM review_answer(2, 'negative', -0.5);
RESET ROLE;
SET ROLE chloe;
SELECT id, body FROM review_take();
SELECT id, status, verdicts FROM review_answer(1, 'negative', -0.8);
RESET ROLE;
SET ROLE dmitri;
SELECT id, body FROM review_take();
SELECT id, status, outcome FROM review_answer(1, 'negative', -0.6, 'sarcasm');
RESET ROLE;
-- the agent on the escalation queue corrects the machine too: same label store
SELECT id, reasons, round(sentiment::numeric, 3) AS machine FROM escalation_queue ORDER BY id;
SET ROLE chloe;
SELECT id, corrected_label FROM escalation_correct(1, 'negative', -0.9, 'frightened customer');
RESET ROLE;
SELECT origin, source, row_key, label, score, agreement, labelled_by, machine_label FROM review_labels ORDER BY id;
-- what reports read
SELECT t.id, t.body, f.label, f.score, f.human
FROM tickets t, review_final('tickets', jsonb_build_object('id', t.id::text), t.body) f ORDER BY t.id;
-- clean up
DROP TABLE tickets;
