-- issue 8: the 0.1.0 queue becomes the 0.2.0 queue (entries per source row and checked column,
-- status withdrawn, source NULL after DROP TABLE), keeping every row.  Then
-- 51_security.sql (a link to install/pg_empathy_workflow/40_security.sql) defines the roles,
-- grants and SECURITY DEFINER functions exactly as a fresh install does.

-- the new columns go at the end, where the fresh install also has them
ALTER TABLE escalation_queue
	ALTER COLUMN source DROP NOT NULL,
	ADD COLUMN source_name text,
	ADD COLUMN source_column text,
	DROP CONSTRAINT escalation_queue_status_check,
	ADD CONSTRAINT escalation_queue_status_check
		CHECK (status IN ('open', 'taken', 'resolved', 'withdrawn'));

-- source_name: the table's qualified name; source_column: the column its escalation_trigger()
-- checks (the first such trigger's, by name).  An entry whose table is gone (0.1.0 kept its
-- bare OID) is withdrawn if unresolved, and loses the OID.
UPDATE escalation_queue q
   SET source_name = coalesce(pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.'
							  OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c.relname),
							  'dropped table ' OPERATOR(pg_catalog.||) q.source::pg_catalog.oid::pg_catalog.text),
	   source_column = coalesce((
			SELECT pg_catalog.split_part(pg_catalog.encode(t.tgargs, 'escape'), '\000', 1)
			  FROM pg_catalog.pg_trigger t
			 WHERE t.tgrelid OPERATOR(pg_catalog.=) q.source::pg_catalog.oid
			   AND t.tgfoid OPERATOR(pg_catalog.=) 'escalation_trigger()'::pg_catalog.regprocedure
			   AND t.tgnargs OPERATOR(pg_catalog.>=) 1
			 ORDER BY t.tgname LIMIT 1), ''),
	   status = CASE WHEN c.oid IS NULL AND q.status OPERATOR(pg_catalog.<>) 'resolved'
					 THEN 'withdrawn' ELSE q.status END,
	   outcome = CASE WHEN c.oid IS NULL AND q.status OPERATOR(pg_catalog.<>) 'resolved'
					  THEN 'withdrawn: the table was dropped' ELSE q.outcome END,
	   resolved_at = CASE WHEN c.oid IS NULL AND q.status OPERATOR(pg_catalog.<>) 'resolved'
						  THEN pg_catalog.now() ELSE q.resolved_at END,
	   source = CASE WHEN c.oid IS NULL THEN NULL ELSE q.source END
  FROM escalation_queue q2
  LEFT JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) q2.source::pg_catalog.oid
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
 WHERE q2.id OPERATOR(pg_catalog.=) q.id;
ALTER TABLE escalation_queue
	ALTER COLUMN source_name SET NOT NULL,
	ALTER COLUMN source_column SET NOT NULL;

COMMENT ON TABLE escalation_queue IS 'messages handed off to humans by escalation_trigger(): one unresolved entry per source row and column';
COMMENT ON COLUMN escalation_queue.source IS 'table the escalated row is in (the partitioned table for a partition); NULL once that table is dropped';
COMMENT ON COLUMN escalation_queue.source_name IS 'schema-qualified name of the source table when the entry was last written (kept after DROP TABLE)';
COMMENT ON COLUMN escalation_queue.source_column IS 'the column escalation_trigger() checked (triggers on two columns of one table keep separate entries)';
COMMENT ON COLUMN escalation_queue.row_key IS 'the row''s primary key as {"column": "value as text", ...}; follows key changes while unresolved';
COMMENT ON COLUMN escalation_queue.status IS 'open (waiting), taken (an agent has it), resolved (an agent closed it), withdrawn (its row was deleted, calmed down or its table dropped)';
COMMENT ON COLUMN escalation_queue.outcome IS 'what the agent did, free text given to escalation_resolve(); for a withdrawn entry, why';

DROP INDEX escalation_queue_row;
CREATE UNIQUE INDEX escalation_queue_row ON escalation_queue (source, source_column, row_key)
	WHERE status = ANY ('{open,taken}'::text[]);
COMMENT ON INDEX escalation_queue_row IS 'at most one unresolved entry per source row and column; escalation_trigger() upserts on it';
CREATE INDEX escalation_queue_taken ON escalation_queue (taken_at)
	WHERE status = 'taken';
COMMENT ON INDEX escalation_queue_taken IS 'taken items by age, for returning them to the queue after pg_empathy.take_timeout';

-- the view's q.* was expanded in 0.1.0: recreate it for the new columns
DROP VIEW escalation_review;
CREATE VIEW escalation_review AS
	SELECT q.*,
		   coalesce(q.corrected_label, sentiment_label(q.sentiment)) AS label,
		   coalesce(q.corrected_score, q.sentiment) AS score,
		   (q.corrected_label IS NOT NULL OR q.corrected_score IS NOT NULL) AS human_corrected
	FROM escalation_queue q;
COMMENT ON VIEW escalation_review IS 'the queue with the label and score reports should use: a human correction where there is one, else the machine''s';
REVOKE ALL ON escalation_review FROM PUBLIC;
