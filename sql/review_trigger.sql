-- issue 12: review_trigger() on partitioned tables, COPY and multi-row INSERT
SET extra_float_digits = 0;
SET client_min_messages = warning;
-- about the trigger, not the scorer: low_confidence off, so the scorer's confidence does not
-- decide which rows are submitted
SET pg_empathy.review_confidence = 0;
CREATE ROLE regress_rp_rev;
CREATE ROLE regress_rp_rev_zz;
CREATE ROLE regress_rp_writer;
GRANT empathy_agent TO regress_rp_rev, regress_rp_rev_zz;
SELECT reviewer FROM review_reviewer_add('regress_rp_rev', '{UK,FR,DE}', '{en}');
SELECT reviewer FROM review_reviewer_add('regress_rp_rev_zz', '{ZZ}', '{en}');
SELECT coalesce(max(id), 0) AS first_item FROM review_items \gset
CREATE VIEW regress_rp_items AS
	SELECT id - :first_item AS n, source, row_key, region, reasons, status, held, verdicts, outcome
	FROM review_items WHERE id > :first_item;

-- a table partitioned by market, the trigger on the partitioned table (PostgreSQL clones it to
-- every partition); the primary key includes the partition key
CREATE TABLE regress_rp_msgs (id int, market text, body text, note text, PRIMARY KEY (id, market))
	PARTITION BY LIST (market);
CREATE TABLE regress_rp_msgs_uk PARTITION OF regress_rp_msgs FOR VALUES IN ('UK');
CREATE TABLE regress_rp_msgs_fr PARTITION OF regress_rp_msgs FOR VALUES IN ('FR');
GRANT INSERT, UPDATE, DELETE, SELECT ON regress_rp_msgs TO regress_rp_writer;
CREATE TRIGGER regress_rp_review AFTER INSERT OR UPDATE OR DELETE ON regress_rp_msgs
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'en');
SELECT tgrelid::regclass, tgname, tgparentid <> 0 AS cloned FROM pg_trigger
WHERE tgname = 'regress_rp_review' ORDER BY 1::text;
SET ROLE regress_rp_writer;
INSERT INTO regress_rp_msgs VALUES
	(1, 'UK', 'Thanks for nothing, the parcel is lost.', NULL),
	(2, 'FR', 'Oh great, the app crashed again.', NULL),
	(3, 'UK', 'Great service, thank you.', NULL);
RESET ROLE;
-- routed to the partitions, submitted with the partitioned table as source and its key
SELECT tableoid::regclass AS partition, id, market FROM regress_rp_msgs ORDER BY id;
SELECT * FROM regress_rp_items ORDER BY n;

-- partitions made or attached after the trigger get it too
CREATE TABLE regress_rp_msgs_de PARTITION OF regress_rp_msgs FOR VALUES IN ('DE');
CREATE TABLE regress_rp_msgs_ie (LIKE regress_rp_msgs);
ALTER TABLE regress_rp_msgs ATTACH PARTITION regress_rp_msgs_ie FOR VALUES IN ('IE');
SET ROLE regress_rp_writer;
INSERT INTO regress_rp_msgs VALUES (4, 'DE', 'Yeah right, the refund is on its way.', NULL),
	(5, 'IE', 'Thanks for nothing.', NULL);
RESET ROLE;
SELECT * FROM regress_rp_items WHERE n > 2 ORDER BY n;

-- an UPDATE that moves a row to another partition changes its region here: the item is
-- replaced (not "deleted"); another column: the item stands; DELETE withdraws
SET ROLE regress_rp_writer;
UPDATE regress_rp_msgs SET market = 'DE' WHERE id = 1;
UPDATE regress_rp_msgs SET note = 'called back' WHERE id = 2;
DELETE FROM regress_rp_msgs WHERE id = 5;
RESET ROLE;
SELECT * FROM regress_rp_items ORDER BY n;

-- a table partitioned by state: a row moves between partitions with the same text and region,
-- so its item (and the assignment of the reviewer holding it) follows the row
CREATE TABLE regress_rp_tickets (id int, state text, market text, body text, PRIMARY KEY (id, state))
	PARTITION BY LIST (state);
CREATE TABLE regress_rp_tickets_open PARTITION OF regress_rp_tickets FOR VALUES IN ('open');
CREATE TABLE regress_rp_tickets_closed PARTITION OF regress_rp_tickets FOR VALUES IN ('closed');
GRANT INSERT, UPDATE, DELETE, SELECT ON regress_rp_tickets TO regress_rp_writer;
CREATE TRIGGER regress_rp_review AFTER INSERT OR UPDATE OR DELETE ON regress_rp_tickets
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'en');
SELECT coalesce(max(id), 0) AS tickets_first FROM review_items \gset
SET ROLE regress_rp_writer;
INSERT INTO regress_rp_tickets
SELECT g, 'open', 'ZZ', format('Ticket %s: thanks for nothing, still broken.', g) FROM generate_series(1, 4) g;
RESET ROLE;
SET ROLE regress_rp_rev_zz;
SELECT id - :tickets_first AS taken FROM review_take();
RESET ROLE;
SET ROLE regress_rp_writer;
UPDATE regress_rp_tickets SET state = 'closed' WHERE id IN (1, 2, 3);	-- three rows move in one statement
RESET ROLE;
SELECT tableoid::regclass AS partition, id, state FROM regress_rp_tickets ORDER BY id;
SELECT id - :tickets_first AS n, row_key, status, held FROM review_items
WHERE id > :tickets_first ORDER BY id;
SET ROLE regress_rp_rev_zz;		-- the reviewer who took it before the move answers
SELECT id - :tickets_first AS n, status, verdicts, outcome FROM review_answer(:tickets_first + 1, 'negative');
RESET ROLE;
-- the label is the partitioned table's, where reports look for it
SELECT f.label, f.human FROM regress_rp_tickets t,
	review_final('regress_rp_tickets', jsonb_build_object('id', t.id::text, 'state', t.state), t.body) f
WHERE t.id = 1;
-- moving with a new text: replaced; moving back and forth in one transaction: the item follows
SET ROLE regress_rp_writer;
UPDATE regress_rp_tickets SET state = 'closed', body = 'All fixed now, thanks a lot!' WHERE id = 4;
BEGIN;
UPDATE regress_rp_tickets SET state = 'open' WHERE id = 2;
UPDATE regress_rp_tickets SET state = 'closed' WHERE id = 2;
COMMIT;
RESET ROLE;
SELECT id - :tickets_first AS n, row_key, status, outcome FROM review_items
WHERE id > :tickets_first ORDER BY id;

-- two review triggers on one partitioned table (two text columns): each pairs its own halves
ALTER TABLE regress_rp_tickets ADD COLUMN reply text;
CREATE TRIGGER regress_rp_review_reply AFTER INSERT OR UPDATE OR DELETE ON regress_rp_tickets
	FOR EACH ROW EXECUTE FUNCTION review_trigger('reply', 'market', 'en');
UPDATE regress_rp_tickets SET reply = 'Yeah right, we fixed it.' WHERE id = 3;
UPDATE regress_rp_tickets SET state = 'open' WHERE id = 3;
SELECT source_column, row_key, status FROM review_items
WHERE source = 'regress_rp_tickets'::regclass AND row_key->>'id' = '3' ORDER BY id;

-- a trigger created on one partition only: that partition is the source
CREATE TABLE regress_rp_tickets_spam PARTITION OF regress_rp_tickets FOR VALUES IN ('spam');
CREATE TRIGGER regress_rp_spam AFTER INSERT ON regress_rp_tickets_spam
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'en');
INSERT INTO regress_rp_tickets VALUES (9, 'spam', 'ZZ', 'Thanks for nothing.');
SELECT source, source_column, row_key FROM review_items WHERE row_key->>'id' = '9' ORDER BY id;

-- sub-partitions: the source is the table the trigger was created on
CREATE TABLE regress_rp_sub (id int, market text, body text, PRIMARY KEY (id, market)) PARTITION BY LIST (market);
CREATE TABLE regress_rp_sub_eu PARTITION OF regress_rp_sub FOR VALUES IN ('UK', 'FR') PARTITION BY LIST (market);
CREATE TABLE regress_rp_sub_uk PARTITION OF regress_rp_sub_eu FOR VALUES IN ('UK');
CREATE TABLE regress_rp_sub_fr PARTITION OF regress_rp_sub_eu FOR VALUES IN ('FR');
CREATE TRIGGER regress_rp_review AFTER INSERT OR UPDATE OR DELETE ON regress_rp_sub
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'en');
INSERT INTO regress_rp_sub VALUES (1, 'UK', 'Thanks for nothing.');
UPDATE regress_rp_sub SET market = 'FR' WHERE id = 1;
SELECT source, row_key, region, status, outcome FROM review_items
WHERE source = 'regress_rp_sub'::regclass ORDER BY id;

-- regular tables: multi-row INSERT and COPY submit every row that needs a person
CREATE TABLE regress_rp_plain (id int PRIMARY KEY, market text, body text);
CREATE TRIGGER regress_rp_review AFTER INSERT OR UPDATE OR DELETE ON regress_rp_plain
	FOR EACH ROW EXECUTE FUNCTION review_trigger('body', 'market', 'en');
INSERT INTO regress_rp_plain VALUES (1, 'UK', 'Thanks for nothing.'), (2, 'UK', 'Great service, thank you.'),
	(3, 'UK', 'Oh great, the app crashed again.');
COPY regress_rp_plain FROM stdin;
4	UK	Yeah right, the refund is on its way.
5	UK	Great service, thank you.
6	FR	Thanks for nothing.
\.
COPY regress_rp_msgs (id, market, body) FROM stdin;
10	UK	Yeah right, the refund is on its way.
11	FR	Great service, thank you.
12	IE	Thanks for nothing.
\.
SELECT source, row_key, region, reasons FROM review_items
WHERE source = 'regress_rp_plain'::regclass OR (source = 'regress_rp_msgs'::regclass AND (row_key->>'id')::int >= 10)
ORDER BY source::text, (row_key->>'id')::int;
-- the body is not for tables: only review_trigger() calls it
SELECT has_function_privilege('regress_rp_writer', 'review_trigger_row()', 'EXECUTE') AS body,
	   has_function_privilege('regress_rp_writer', 'review_trigger_move(jsonb)', 'EXECUTE') AS move;
SELECT review_trigger_move('{}');

-- rows that leave without row triggers: DETACH PARTITION and DROP TABLE of a partition
-- withdraw their open items (event triggers); after TRUNCATE, review_sweep() does
SET ROLE regress_rp_writer;
INSERT INTO regress_rp_msgs VALUES (20, 'IE', 'Thanks for nothing.', NULL),
	(21, 'DE', 'Oh great, the app crashed again.', NULL), (22, 'UK', 'Yeah right, the refund is on its way.', NULL);
RESET ROLE;
SELECT tableoid::regclass AS partition, id, market FROM regress_rp_msgs ORDER BY id;
SELECT row_key, status FROM review_items
WHERE source = 'regress_rp_msgs'::regclass AND status = 'open' ORDER BY (row_key->>'id')::int;
ALTER TABLE regress_rp_msgs DETACH PARTITION regress_rp_msgs_ie;
SELECT row_key, status, outcome FROM review_items
WHERE source = 'regress_rp_msgs'::regclass AND row_key->>'market' = 'IE' ORDER BY (row_key->>'id')::int;
-- another ALTER TABLE of the source withdraws nothing
ALTER TABLE regress_rp_msgs ALTER COLUMN note SET DEFAULT 'none';
SELECT count(*) AS open_items FROM review_items WHERE source = 'regress_rp_msgs'::regclass AND status = 'open';
DROP TABLE regress_rp_msgs_de;
SELECT row_key, status, outcome FROM review_items
WHERE source = 'regress_rp_msgs'::regclass AND row_key->>'market' = 'DE' ORDER BY (row_key->>'id')::int;
-- TRUNCATE fires no row trigger and no event trigger: the items stay open until a sweep
TRUNCATE regress_rp_msgs_uk;
SELECT row_key, status FROM review_items
WHERE source = 'regress_rp_msgs'::regclass AND status = 'open' ORDER BY (row_key->>'id')::int;
SELECT review_sweep() AS withdrawn;
SELECT review_sweep() AS withdrawn_again;
SELECT row_key, status, outcome FROM review_items
WHERE source = 'regress_rp_msgs'::regclass AND row_key->>'market' = 'UK' ORDER BY (row_key->>'id')::int;
-- the remaining open items' rows exist
SELECT count(*) AS open_items, count(*) FILTER (WHERE EXISTS (
	SELECT FROM regress_rp_msgs m WHERE m.id::text = i.row_key->>'id' AND m.market = i.row_key->>'market')) AS rows_exist
FROM review_items i WHERE source = 'regress_rp_msgs'::regclass AND status = 'open';
-- only empathy_admin may sweep
SELECT has_function_privilege('regress_rp_writer', 'review_sweep()', 'EXECUTE') AS writer,
	   has_function_privilege('empathy_admin', 'review_sweep()', 'EXECUTE') AS admin,
	   has_function_privilege('regress_rp_writer', 'review_sweep_source(regclass)', 'EXECUTE') AS internal;

DROP VIEW regress_rp_items;
DROP TABLE regress_rp_msgs, regress_rp_msgs_ie, regress_rp_tickets, regress_rp_sub, regress_rp_plain;
DROP ROLE regress_rp_rev, regress_rp_rev_zz, regress_rp_writer;
