-- ---------------------------------------------------------------------------
-- empathy_report (issue 13): one call for a dashboard.  Flat, typed, rounded
-- columns per period and group; changes from the previous period with
-- Benjamini-Hochberg adjusted p-values over the whole report.
-- STABLE: it reads the caller's table (with the caller's privileges, no
-- SECURITY DEFINER) and returns the same rows within one statement.
-- PARALLEL RESTRICTED: it runs a query of its own, which a parallel worker
-- could not do on a temporary table.
-- Extension functions are qualified with the extension's schema, looked up at
-- run time (no extschema placeholder, so any schema name works; no SET clause: the
-- trusted core has none), so the caller's search_path need not include it.  Identifiers are validated against pg_attribute and
-- quoted with format(%I);
-- the table is a regclass; the period is one of a fixed list.
-- The same part ships as upgrade/pg_empathy--0.1.0--0.2.0/24_kpi_report.sql.
-- ---------------------------------------------------------------------------

CREATE FUNCTION empathy_report(
	source regclass,
	time_column text,
	period text DEFAULT 'week',
	group_column text DEFAULT NULL,
	text_column text DEFAULT NULL,
	nps_column text DEFAULT NULL,
	csat_column text DEFAULT NULL,
	csat_scale int DEFAULT 5)
RETURNS TABLE (
	period_start           timestamptz,
	group_value            text,
	n                      bigint,
	sentiment_n            bigint,
	sentiment_mean         numeric,
	sentiment_ci_low       numeric,
	sentiment_ci_high      numeric,
	nps_n                  bigint,
	nps                    numeric,
	nps_ci_low             numeric,
	nps_ci_high            numeric,
	csat_n                 bigint,
	csat                   numeric,
	empathy_index          numeric,
	sentiment_change       numeric,
	sentiment_change_p_adj numeric,
	sentiment_change_significant boolean,
	nps_change             numeric,
	nps_change_p_adj       numeric,
	nps_change_significant boolean)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $fn$
DECLARE
	col text;
	q text;
	g text := 'NULL::text';
	s text := 'NULL::float8';
	np text := 'NULL::int';
	cs text := 'NULL::int';
	ext text;
BEGIN
	SELECT pg_catalog.quote_ident(n.nspname) INTO ext
	FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'pg_empathy';
	IF time_column IS NULL THEN
		RAISE EXCEPTION 'empathy_report needs a time column' USING ERRCODE = '22004';
	END IF;
	IF period IS NULL OR period NOT IN ('hour', 'day', 'week', 'month', 'quarter', 'year') THEN
		RAISE EXCEPTION 'empathy_report period "%" is not supported', period
			USING ERRCODE = '22023', HINT = 'Use hour, day, week, month, quarter or year.';
	END IF;
	FOREACH col IN ARRAY ARRAY[time_column, group_column, text_column, nps_column, csat_column] LOOP
		IF col IS NOT NULL AND NOT EXISTS (
				SELECT 1 FROM pg_catalog.pg_attribute a
				WHERE a.attrelid = source AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped) THEN
			RAISE EXCEPTION 'column "%" of relation % does not exist', col, source USING ERRCODE = '42703';
		END IF;
	END LOOP;
	IF group_column IS NOT NULL THEN g := format('(%I)::text', group_column); END IF;
	IF text_column IS NOT NULL THEN s := format('%s.sentiment_score(%I)', ext, text_column); END IF;
	IF nps_column IS NOT NULL THEN np := format('%I', nps_column); END IF;
	IF csat_column IS NOT NULL THEN cs := format('%I', csat_column); END IF;

	-- the schema goes in before format() runs, with any % doubled
	q := format(pg_catalog.replace($q$
WITH base AS (
	SELECT date_trunc(%L, %I) AS period_start, %s AS group_value, count(*) AS n,
	       @ext@.sentiment_stats(%s) AS sent, @ext@.nps_stats(%s) AS nps, @ext@.csat_stats(%s, %s) AS csat,
	       @ext@.empathy_index(%s, (%s)::int, (%s)::int, '{1,1,1}', %s) AS idx
	FROM %s
	WHERE %I IS NOT NULL
	GROUP BY 1, 2
), d AS (
	SELECT b.*, row_number() OVER (ORDER BY b.group_value, b.period_start) AS rn,
	       @ext@.sentiment_diff(lag(b.sent) OVER w, b.sent) AS sd,
	       @ext@.nps_diff(lag(b.nps) OVER w, b.nps) AS nd
	FROM base b
	WINDOW w AS (PARTITION BY b.group_value ORDER BY b.period_start)
), adj AS (
	SELECT @ext@.p_adjust(coalesce(array_agg((d.sd).p_value ORDER BY d.rn), '{}')) AS sp,
	       @ext@.p_adjust(coalesce(array_agg((d.nd).p_value ORDER BY d.rn), '{}')) AS np
	FROM d
)
SELECT d.period_start, d.group_value, d.n,
       (d.sent).n, round((d.sent).mean::numeric, 4), round((d.sent).ci_low::numeric, 4),
       round((d.sent).ci_high::numeric, 4),
       (d.nps).n, round((d.nps).nps::numeric, 1), round((d.nps).ci_low::numeric, 1),
       round((d.nps).ci_high::numeric, 1),
       (d.csat).n, round((d.csat).csat::numeric, 1),
       round((d.idx).index::numeric, 1),
       round((d.sd).difference::numeric, 4), round(adj.sp[d.rn]::numeric, 4), adj.sp[d.rn] < 0.05,
       round((d.nd).difference::numeric, 1), round(adj.np[d.rn]::numeric, 4), adj.np[d.rn] < 0.05
FROM d, adj
ORDER BY d.group_value, d.period_start
$q$, '@ext@', pg_catalog.replace(ext, '%', '%%')), period, time_column, g, s, np, cs, csat_scale, s, np, cs, csat_scale, source, time_column);
	RETURN QUERY EXECUTE q;
END
$fn$;
COMMENT ON FUNCTION empathy_report(regclass, text, text, text, text, text, text, int) IS 'dashboard report of a feedback table: per period (and group) n, sentiment mean and 95% interval, NPS and interval, CSAT, empathy index, and the change from the previous period with Benjamini-Hochberg adjusted p-values; rounded numeric columns; runs with the caller''s privileges';
