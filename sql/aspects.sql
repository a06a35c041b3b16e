-- sentiment_aspects(): what the sentiment is about, from the aspect_terms dictionaries
SET extra_float_digits = 0;

-- the issue's example: product +, shipping -, support - (clause attribution)
SELECT * FROM sentiment_aspects('Great product. Shipping was awful and support never replied.');
-- a contrastive conjunction splits the sentence; a clause naming no aspect stays with its own
SELECT * FROM sentiment_aspects('The app is great, but delivery took forever, and it was expensive.');
SELECT * FROM sentiment_aspects('Friendly staff, terrible waiting times. The refund was quick though.');
-- multi-word terms win over the shorter terms inside them; whole words only
SELECT aspect, mention FROM sentiment_aspects('Customer support said the supported devices ship soon; the shipment tracking is broken.');
-- other languages: inflected forms are terms of their own, elided articles do not matter
SELECT * FROM sentiment_aspects('Produit génial, mais la livraison était catastrophique et l''application plante.', 'cx', 'fr');
SELECT * FROM sentiment_aspects('Tolles Produkt, aber der Versand war zu langsam.', 'cx', 'de');
SELECT * FROM sentiment_aspects('Świetna jakość, ale dostawa była fatalna.', 'cx', 'pl');
-- 'auto'
SELECT * FROM sentiment_aspects('La entrega fue rápida pero el precio es demasiado caro.', 'cx', 'auto');

-- the built-in set: eight aspects in every configured language
SELECT language, count(DISTINCT aspect) AS aspects, count(*) > 40 AS many_terms
FROM aspect_terms WHERE aspect_set = 'cx' AND builtin GROUP BY language ORDER BY language;

-- your own set and terms; an override switches a built-in term off
INSERT INTO aspect_terms (aspect_set, aspect, term) VALUES
	('saas', 'onboarding', 'onboarding'), ('saas', 'onboarding', 'setup wizard'),
	('saas', 'integrations', 'slack integration'), ('saas', 'integrations', 'api');
SELECT * FROM sentiment_aspects('The setup wizard is brilliant but the Slack integration keeps failing.', 'saas');
INSERT INTO aspect_terms (aspect_set, aspect, term, enabled) VALUES ('cx', 'app', 'site', false);
SELECT aspect, mention FROM sentiment_aspects('The site is down and the website too.');
DELETE FROM aspect_terms WHERE NOT builtin;
SELECT aspect, mention FROM sentiment_aspects('The site is down and the website too.');

-- nothing named: no rows; NULL anywhere: no rows (STRICT)
SELECT count(*) FROM sentiment_aspects('Nothing to see here.');
SELECT count(*) FROM sentiment_aspects('');
SELECT count(*) FROM sentiment_aspects(NULL);
SELECT count(*) FROM sentiment_aspects('the app', NULL);
SELECT count(*) FROM sentiment_aspects('the app', 'cx', NULL);

-- errors: unknown aspect set, bad configuration, bad rows, too many words (54000)
\set VERBOSITY default
SELECT * FROM sentiment_aspects('the app', 'nope');
-- (terse: the hint lists the configurations of the build)
\set VERBOSITY terse
SELECT * FROM sentiment_aspects('the app', 'cx', 'klingon');
\set VERBOSITY default
INSERT INTO aspect_terms (aspect_set, aspect, term) VALUES ('cx', 'app', '!!!');
INSERT INTO aspect_terms (aspect_set, aspect, term, language) VALUES ('cx', 'app', 'appli', 'xx');
INSERT INTO aspect_terms (aspect_set, aspect, term) VALUES ('cx', ' ', 'thing');
SELECT count(*) FROM sentiment_aspects(repeat('app ', 4194305));

-- parallel workers read aspect_terms too (with the query's snapshot): a forced parallel plan
-- gives the serial result
CREATE TABLE aspect_texts AS
	SELECT i, (ARRAY['Great product, slow delivery.', 'The app crashes. Support was helpful!',
	                 'Refund took weeks.', 'Nothing to report.'])[1 + i % 4] || ' #' || i AS body
	FROM generate_series(1, 2000) i;
ANALYZE aspect_texts;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT a.aspect, count(*), round(sum(a.compound)::numeric, 4)
FROM aspect_texts t, sentiment_aspects(t.body) a GROUP BY a.aspect;
CREATE TEMP TABLE parallel_result AS
SELECT a.aspect, count(*) AS n, round(sum(a.compound)::numeric, 4) AS s
FROM aspect_texts t, sentiment_aspects(t.body) a GROUP BY a.aspect;
CREATE TEMP TABLE parallel_sentences AS
SELECT count(*) AS n, round(sum(s.compound)::numeric, 4) AS s
FROM aspect_texts t, sentiment_sentences(t.body) s;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
SELECT a.aspect, count(*) AS n, round(sum(a.compound)::numeric, 4) AS s,
       (count(*), round(sum(a.compound)::numeric, 4)) = (SELECT n, s FROM parallel_result p WHERE p.aspect = a.aspect) AS same_in_parallel
FROM aspect_texts t, sentiment_aspects(t.body) a GROUP BY a.aspect ORDER BY a.aspect;
SELECT (count(*), round(sum(s.compound)::numeric, 4)) = (SELECT n, s FROM parallel_sentences) AS sentences_same_in_parallel
FROM aspect_texts t, sentiment_sentences(t.body) s;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE aspect_texts;

-- declared properties: STABLE (reads aspect_terms), STRICT, PARALLEL SAFE
SELECT p.oid::regprocedure, p.provolatile, p.proisstrict, p.proparallel, p.proretset,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS has_comment
FROM pg_proc p WHERE p.proname IN ('sentiment_aspects', 'aspect_terms_changed') ORDER BY 1::text;
SELECT has_table_privilege('public', 'aspect_terms', 'SELECT') AS public_reads,
       has_table_privilege('public', 'aspect_terms', 'INSERT') AS public_writes;
-- two aspects in one clause: each opinion goes to the nearer mention
SELECT * FROM sentiment_aspects('Great product with awful packaging.');
-- the gap between two mentions is cut before a conjunction or after a comma, so that a phrase
-- stays whole ("lower than expected" to price, not "lower" alone)
SELECT * FROM sentiment_aspects('The price was lower than expected and the installation team was punctual.');
SELECT * FROM sentiment_aspects('Die Qualität der Schuhe ist besser als erwartet, nur die Lieferung hat gedauert.', 'cx', 'de');
-- in 'cx', a lateness word next to a delivery or a refund is no waiting aspect of its own
SELECT * FROM sentiment_aspects('Le livreur était en retard de deux jours.', 'cx', 'fr');
SELECT * FROM sentiment_aspects('My parcel was damaged and the refund took forever.');
SELECT * FROM sentiment_aspects('The delay at the counter was long.');
-- in 'cx', a product right after a return ("Returning the jacket") is what was returned, not
-- a product aspect; a product later in the sentence stays
SELECT * FROM sentiment_aspects('Returning the jacket was a nightmare.');
SELECT * FROM sentiment_aspects('Returning it was easy, but the jacket is still the wrong size.');
-- predicates without a lexicon word (branch aspects5)
SELECT * FROM sentiment_aspects('The app hasn''t crashed once since the update.');
SELECT * FROM sentiment_aspects('Ceny są wyższe niż w innych sklepach.', 'cx', 'pl');
-- before a contrastive conjunction, a clause that names no aspect is left out; a clause after
-- it that says nothing reads against it, half as strong
SELECT * FROM sentiment_aspects('Lovely shop, but the queue went out the door.');
SELECT * FROM sentiment_aspects('The app is fine, but the checkout page kept going blank.');
-- the opinion words get the "but" rule's weights; where the lexicon reads a word the other way
-- ("courte" negative), the customer-experience sense wins; the lexicon's praise of a term
-- ("prix", a prize) says nothing of its aspect
SELECT * FROM sentiment_aspects('Vendeuse souriante et attente très courte.', 'cx', 'fr');
SELECT * FROM sentiment_aspects('Produit de bonne qualité, prix un peu élevé.', 'cx', 'fr');
-- in 'cx', an arrival word after a return, a staff member or the app, with at most four words
-- between, is said of them ("the refund arrived"), not of a delivery; elsewhere it is a delivery
SELECT * FROM sentiment_aspects('The technician arrived on time and fixed the boiler.');
SELECT * FROM sentiment_aspects('Il rimborso non è ancora arrivato.', 'cx', 'it');
SELECT * FROM sentiment_aspects('Prices are fair, the checkout is simple, and orders usually arrive the next morning.');
-- in 'cx', waiting for a refund or a parcel is said of the return or the delivery
SELECT * FROM sentiment_aspects('Na zwrot pieniędzy czekałem ponad miesiąc.', 'cx', 'pl');
SELECT * FROM sentiment_aspects('I waited two hours in the queue at the counter.');
-- a mention without sentiment before a contrastive conjunction takes the score of the other
-- side where that side names the same aspect (it has the last word on it)
SELECT * FROM sentiment_aspects('Tracking said delivered but nothing arrived.');
-- comparatives, durations and solved problems (branch aspects6)
SELECT * FROM sentiment_aspects('Der Kundenservice hat mein Problem sofort gelöst.', 'cx', 'de');
SELECT * FROM sentiment_aspects('The updated app loads faster than before.');
SELECT * FROM sentiment_aspects('Esperei muito tempo na fila do caixa.', 'cx', 'pt');
-- in 'cx', a staff member asked for ("speak to a manager") is no staff mention; one spoken to is
SELECT * FROM sentiment_aspects('Please escalate this to a manager, the refund is three weeks late.');
SELECT * FROM sentiment_aspects('I spoke to the manager and she was lovely.');
-- predicates without a lexicon word, broken promises, negated help (branch aspects7)
SELECT * FROM sentiment_aspects('Your prices have crept up every month since January.');
SELECT * FROM sentiment_aspects('Not cheap, but the boots have lasted three winters without a scratch.');
SELECT * FROM sentiment_aspects('They billed me for a plan I never signed up for, and support hasn''t answered.');
SELECT * FROM sentiment_aspects('Kundtjänst lovade att ringa tillbaka men gjorde det aldrig.', 'cx', 'sv');
SELECT * FROM sentiment_aspects('Il materiale è scadente e le cuciture si sono aperte subito.', 'cx', 'it');
-- in 'cx', a checkout assistant is staff (not the checkout page) and a lamp that looks cheap is
-- a product, not a price; paying ('payer', 'pagare') is no price mention
SELECT * FROM sentiment_aspects('The checkout assistant was chatty and helped pack my bags.');
SELECT * FROM sentiment_aspects('The lamp looks cheap and flimsy in person.');
SELECT * FROM sentiment_aspects('L''app è lenta e si blocca quando provo a pagare.', 'cx', 'it');
-- in 'cx', goods that arrived in a bad state are a product, not a delivery; a box in a
-- sentence that names a return is the return's, not a delivery's (branch aspects7)
SELECT * FROM sentiment_aspects('The vase arrived broken.');
SELECT * FROM sentiment_aspects('The vase arrived two days late.');
SELECT * FROM sentiment_aspects('La sedia è arrivata rotta.', 'cx', 'it');
SELECT * FROM sentiment_aspects('Return shipping was free and the label came in the box.');
SELECT * FROM sentiment_aspects('The box arrived dented.');
-- in 'cx', nobody answering is said of support; booking online is the app (branch aspects7)
SELECT * FROM sentiment_aspects('I''ve been on hold for an hour and still nobody has picked up.');
SELECT * FROM sentiment_aspects('Llevo una semana esperando y nadie me contesta.', 'cx', 'es');
SELECT * FROM sentiment_aspects('Booking online was quick and painless.');
