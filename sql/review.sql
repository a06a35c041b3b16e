-- issue 12: reviewers, the review queue, panels, row-level security, every error
SET extra_float_digits = 0;
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE ROLE regress_rv_fr;
CREATE ROLE regress_rv_fr2;
CREATE ROLE regress_rv_be;
CREATE ROLE regress_rv_de;
CREATE ROLE regress_rv_new;			-- an agent, not registered as reviewer
CREATE ROLE regress_rv_outsider;	-- not even an agent
CREATE ROLE regress_rv_app;			-- an application: empathy_admin
GRANT empathy_agent TO regress_rv_fr, regress_rv_fr2, regress_rv_be, regress_rv_de, regress_rv_new;
GRANT empathy_admin TO regress_rv_app;
CREATE TABLE regress_tickets (id int PRIMARY KEY, body text);
GRANT SELECT ON regress_tickets TO regress_rv_app;

-- who may execute what
SELECT p.oid::regprocedure AS function,
	   has_function_privilege('public', p.oid, 'EXECUTE') AS public,
	   has_function_privilege('empathy_agent', p.oid, 'EXECUTE') AS agent,
	   has_function_privilege('empathy_admin', p.oid, 'EXECUTE') AS admin,
	   p.prosecdef AS definer, p.provolatile AS vol
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy_workflow'
WHERE p.proname LIKE 'review%'
ORDER BY p.oid::regprocedure::text;
-- RLS is on for the review tables; agents only read them
SELECT c.relname, c.relrowsecurity, has_table_privilege('empathy_agent', c.oid, 'SELECT') AS agent_select,
	   has_table_privilege('empathy_agent', c.oid, 'INSERT, UPDATE, DELETE') AS agent_write,
	   has_table_privilege('public', c.oid, 'SELECT') AS public_select
FROM pg_class c WHERE c.relname IN ('review_reviewers', 'review_items', 'review_assignments', 'review_verdicts')
ORDER BY 1;

-- registering reviewers (empathy_admin only)
SELECT reviewer, regions, languages, active FROM review_reviewer_add('regress_rv_fr', '{FR}', '{fr}');
SELECT reviewer, regions, languages FROM review_reviewer_add('regress_rv_fr2', '{FR,BE}', '{fr,nl}');
SELECT reviewer, regions, languages FROM review_reviewer_add('regress_rv_be', '{BE}', '{fr,nl}');
SET ROLE regress_rv_app;
SELECT reviewer, regions, languages FROM review_reviewer_add('regress_rv_de', '{DE,AT}', '{de}');
RESET ROLE;
SELECT pg_temp.err($$SELECT review_reviewer_add('regress_no_such_role', '{FR}', '{fr}')$$);
SELECT pg_temp.err($$SELECT review_reviewer_add('regress_rv_outsider', '{FR}', '{fr}')$$);
SELECT pg_temp.err($$SELECT review_reviewer_add('regress_rv_new', '{}', '{fr}')$$);
SELECT pg_temp.err($$SELECT review_reviewer_add('regress_rv_new', '{FR}', '{""}')$$);
SELECT pg_temp.err($$SELECT review_reviewer_add('regress_rv_new', NULL, '{fr}')$$);
SET ROLE regress_rv_fr;
SELECT pg_temp.err($$SELECT review_reviewer_add('regress_rv_fr', '{FR,DE}', '{fr,de}')$$);
RESET ROLE;

-- submitting (empathy_admin only); every bad input
SET ROLE regress_rv_app;
SELECT id, kind, language, region, config, machine_score, reasons, panel_size, status, submitted_by
FROM review_submit(NULL, NULL, 'Le colis est arrivé cassé, merci pour rien.', 'fr', 'FR', panel_size => 2);
SELECT id, language, region, config, reasons, panel_size
FROM review_submit(NULL, NULL, 'Das Paket kam kaputt an, und niemand antwortet.', NULL, 'DE');
SELECT id, language, region, reasons, panel_size
FROM review_submit('regress_tickets', '{"id": "7"}', 'Service correct, mais le retour a pris trois semaines.', 'fr', 'BE', reasons => '{mixed}', panel_size => 3);
SELECT id, language, region, panel_size
FROM review_submit(NULL, NULL, 'Livraison rapide, emballage soigné.', 'fr', 'FR', reasons => '{}');
SELECT pg_temp.err($$SELECT review_submit(NULL, NULL, 'text', 'fr', 'FR', panel_size => 0)$$);
SELECT pg_temp.err($$SELECT review_submit(NULL, NULL, 'text', 'fr', 'FR', panel_size => NULL)$$);
SELECT pg_temp.err($$SELECT review_submit(NULL, NULL, 'text', 'fr', 'FR', kind => 'poetry')$$);
SELECT pg_temp.err($$SELECT review_submit(NULL, NULL, '  ', 'fr', 'FR')$$);
SELECT pg_temp.err($$SELECT review_submit(NULL, NULL, 'text', 'fr', NULL)$$);
SELECT pg_temp.err($$SELECT review_submit(NULL, NULL, 'text', '', 'FR')$$);
SELECT pg_temp.err($$SELECT review_submit('regress_tickets', '{"id": "7"}', 'again', 'fr', 'BE')$$);
RESET ROLE;
SET ROLE regress_rv_fr;
SELECT pg_temp.err($$SELECT review_submit(NULL, NULL, 'text', 'fr', 'FR')$$);
RESET ROLE;

-- row-level security: each reviewer reads the items of their regions and languages only
SET ROLE regress_rv_fr;
SELECT id, region, language FROM review_items ORDER BY id;
SET ROLE regress_rv_be;
SELECT id, region, language FROM review_items ORDER BY id;
SET ROLE regress_rv_de;
SELECT id, region, language FROM review_items ORDER BY id;
SET ROLE regress_rv_new;
SELECT id, region, language FROM review_items ORDER BY id;
SET ROLE regress_rv_app;
SELECT count(*) AS admin_sees FROM review_items;
SET ROLE regress_rv_outsider;
SELECT pg_temp.err($$SELECT count(*) FROM review_items$$);
SELECT pg_temp.err($$SELECT review_take()$$);
-- nobody writes the tables directly
SET ROLE regress_rv_fr;
SELECT pg_temp.err($$UPDATE review_items SET status = 'done'$$);
SELECT pg_temp.err($$INSERT INTO review_verdicts (item_id, assignment_id, reviewer, dimension, label) VALUES (1, 1, 'x', 'sentiment', 'positive')$$);
RESET ROLE;

-- taking: only items of one's regions and languages; identity
SET ROLE regress_rv_de;
SELECT id, region, held, verdicts FROM review_take();
SELECT count(*) AS nothing_left_for_de FROM review_take();
-- another region's item: cannot answer it (nor take it: take never hands it out)
SELECT pg_temp.err($$SELECT review_answer(1, 'negative')$$);
SELECT pg_temp.err($$SELECT review_take('regress_rv_fr')$$);
SELECT pg_temp.err($$SELECT review_take(NULL)$$);
SET ROLE regress_rv_new;
SELECT pg_temp.err($$SELECT review_take()$$);
SELECT pg_temp.err($$SELECT review_answer(1, 'negative')$$);
RESET ROLE;

-- a panel of 2 for item 1: two distinct reviewers, then done
SET ROLE regress_rv_fr;
SELECT pg_temp.err($$SELECT review_answer(1, 'negative')$$);		-- not taken yet
SELECT id, held, verdicts, status FROM review_take();
SELECT pg_temp.err($$SELECT review_answer(1, 'sarcastic')$$);
SELECT pg_temp.err($$SELECT review_answer(1, NULL)$$);
SELECT pg_temp.err($$SELECT review_answer(1, NULL, 1.5)$$);
SELECT pg_temp.err($$SELECT review_answer(1, NULL, 'NaN')$$);
SELECT pg_temp.err($$SELECT review_answer(99, 'negative')$$);
SELECT pg_temp.err($$SELECT review_answer(NULL, 'negative')$$);
SELECT id, held, verdicts, status FROM review_answer(1, 'negative', -0.8, 'merci pour rien = sarcasm');
SELECT pg_temp.err($$SELECT review_answer(1, 'positive')$$);			-- a verdict is never changed
-- the next item for regress_rv_fr is item 4, never item 1 again
SELECT id FROM review_take();
SELECT count(*) AS nothing_left_for_fr FROM review_take();
SET ROLE regress_rv_fr2;
SELECT id, held, verdicts, status FROM review_take();
SELECT id, held, verdicts, status, done_at IS NOT NULL AS done FROM review_answer(1, NULL, -0.5);
-- verdicts: each reviewer reads their own; the admin reads all
SELECT item_id, reviewer, dimension, label, score FROM review_verdicts ORDER BY id;
SET ROLE regress_rv_fr;
SELECT item_id, reviewer, dimension, label, score, note FROM review_verdicts ORDER BY id;
SELECT item_id, reviewer, status FROM review_assignments ORDER BY id;
SET ROLE regress_rv_app;
SELECT item_id, reviewer, dimension, label, score FROM review_verdicts ORDER BY id;
-- an admin acts for a reviewer (an application serving many reviewers)
SELECT id, held FROM review_take('regress_rv_be');
SELECT pg_temp.err($$SELECT review_take('regress_rv_outsider')$$);

-- release: back to the queue, only by the holder
SET ROLE regress_rv_fr2;
SELECT id, held FROM review_take();
SELECT pg_temp.err($$SELECT review_release(4, 'regress_rv_fr')$$);
SELECT id, held FROM review_release(3);
SELECT pg_temp.err($$SELECT review_release(3)$$);
SELECT pg_temp.err($$SELECT review_answer(3, 'neutral')$$);
SELECT id, held FROM review_take();		-- a released item may be taken again
RESET ROLE;

-- pg_empathy.take_timeout: an expired assignment goes back to the queue; its late answer is refused
SELECT item_id, reviewer, status FROM review_assignments WHERE status = 'taken' ORDER BY id;
UPDATE review_assignments SET taken_at = taken_at - interval '2 hours' WHERE reviewer = 'regress_rv_fr' AND status = 'taken';
SET pg_empathy.take_timeout = '1h';
SET ROLE regress_rv_fr2;
SELECT id, held, verdicts FROM review_take();		-- item 4: regress_rv_fr's assignment expired
SET ROLE regress_rv_fr;
SELECT pg_temp.err($$SELECT review_answer(4, 'positive')$$);
RESET ROLE;
SELECT item_id, reviewer, status FROM review_assignments ORDER BY id;
-- expired but not yet given to anyone: the late answer still counts (nothing lost)
UPDATE review_assignments SET taken_at = taken_at - interval '2 hours' WHERE reviewer = 'regress_rv_be' AND status = 'taken';
SET ROLE regress_rv_be;
SELECT id, held, verdicts, status FROM review_answer(3, 'neutral');
RESET ROLE;
RESET pg_empathy.take_timeout;
SELECT id, held, verdicts, panel_size, status FROM review_items ORDER BY id;
SELECT review_expire() AS expired_now;

-- removing a reviewer: no more takes
SELECT reviewer, active FROM review_reviewer_remove('regress_rv_be');
SET ROLE regress_rv_be;
SELECT pg_temp.err($$SELECT review_take()$$);
SELECT count(*) AS be_sees FROM review_items;
RESET ROLE;
SELECT pg_temp.err($$SELECT review_reviewer_remove('regress_rv_nobody')$$);

DROP TABLE regress_tickets;
DROP ROLE regress_rv_fr, regress_rv_fr2, regress_rv_be, regress_rv_de, regress_rv_new, regress_rv_outsider, regress_rv_app;
