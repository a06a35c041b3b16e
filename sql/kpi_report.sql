-- empathy_report: one call for a dashboard; safe identifiers; caller's privileges.
CREATE TABLE "Fb Table" (id int, "When" timestamptz, "Region; DROP TABLE x" text, body text, nps bigint, csat numeric);
INSERT INTO "Fb Table"
SELECT i, timestamptz '2026-01-05 00:00+00' + i * interval '5 hours', CASE WHEN i % 2 = 0 THEN 'east' ELSE 'west' END,
       CASE i % 4 WHEN 0 THEN 'great, thanks so much' WHEN 1 THEN 'terrible, nobody answered' WHEN 2 THEN 'ok' ELSE 'good help' END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7) % 11 END, (1 + i % 5)
FROM generate_series(1, 400) i;

SELECT * FROM empathy_report('"Fb Table"', 'When', 'week', 'Region; DROP TABLE x', 'body', 'nps', 'csat')
WHERE period_start < '2026-01-20' ORDER BY group_value, period_start;

-- equal to the hand-written GROUP BY it replaces (unrounded figures rounded alike)
WITH r AS (SELECT * FROM empathy_report('"Fb Table"', 'When', 'month', 'Region; DROP TABLE x', 'body', 'nps', 'csat')),
h AS (
	SELECT date_trunc('month', "When") AS period_start, "Region; DROP TABLE x" AS group_value, count(*) AS n,
	       round((sentiment_stats(sentiment_score(body))).mean::numeric, 4) AS sentiment_mean,
	       round((nps_stats(nps)).nps::numeric, 1) AS nps, round((csat_stats(csat, 5)).csat::numeric, 1) AS csat,
	       round((empathy_index(sentiment_score(body), nps::int, csat::int)).index::numeric, 1) AS idx
	FROM "Fb Table" GROUP BY 1, 2)
SELECT count(*) AS periods,
       count(*) FILTER (WHERE r.n = h.n AND r.sentiment_mean = h.sentiment_mean AND r.nps = h.nps
                        AND r.csat = h.csat AND r.empathy_index = h.idx) AS equal
FROM r JOIN h USING (period_start, group_value);

-- without a group and with only some KPIs
SELECT period_start, group_value, n, sentiment_mean, nps, csat, empathy_index
FROM empathy_report('"Fb Table"', 'When', 'month', nps_column => 'nps') ORDER BY 1;

-- errors: unknown column, bad period, injection attempts are just unknown columns
SELECT * FROM empathy_report('"Fb Table"', 'when');
SELECT * FROM empathy_report('"Fb Table"', 'When', 'fortnight');
SELECT * FROM empathy_report('"Fb Table"', 'When', 'week', 'x"; DROP TABLE "Fb Table"; --');
SELECT * FROM empathy_report('"Fb Table"', 'When', $$week') FROM pg_class; --$$);
SELECT * FROM empathy_report('no_such_table', 'When');
SELECT * FROM empathy_report('"Fb Table"', NULL);
SELECT count(*) AS still_there FROM "Fb Table";

-- the caller's privileges apply: a role without SELECT on the table gets 42501
CREATE ROLE report_reader;
SET ROLE report_reader;
\set VERBOSITY terse
SELECT * FROM empathy_report('"Fb Table"', 'When');
\set VERBOSITY default
RESET ROLE;
DROP ROLE report_reader;

-- the extension's schema need not be on the caller's search_path
SET search_path = pg_catalog;
SELECT count(*) AS periods FROM public.empathy_report('public."Fb Table"', 'When', 'month', text_column => 'body', nps_column => 'nps');
RESET search_path;

-- markings
SELECT provolatile, proparallel, prosecdef FROM pg_proc WHERE proname = 'empathy_report';
DROP TABLE "Fb Table";
