
-- A type of the same name as one of ours (a table's row type, often: a "sentiment" table) would
-- stop the install half-way with "type ... already exists"; say what to do instead.
-- (current_schema() is the target schema during CREATE EXTENSION; the extschema placeholder is
-- not used, so that this trusted extension installs into any schema name, quotes included.)
DO $$
DECLARE
	taken text := (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(n), ', ' ORDER BY n)
				   FROM pg_catalog.unnest(ARRAY['sentiment', 'nps_summary', 'csat_summary', 'ces_summary',
							'sentiment_summary', 'empathy_index_result', 'kpi_diff']) n
				   WHERE pg_catalog.to_regtype(pg_catalog.format('%I.%I', pg_catalog.current_schema(), n)) IS NOT NULL);
BEGIN
	IF taken IS NOT NULL THEN
		RAISE EXCEPTION 'schema % already has types or tables named %',
			pg_catalog.quote_ident(pg_catalog.current_schema()), taken
			USING ERRCODE = 'duplicate_object',
				  DETAIL = 'pg_empathy creates types of these names.',
				  HINT = 'Install pg_empathy into a schema of its own: CREATE SCHEMA empathy; CREATE EXTENSION pg_empathy SCHEMA empathy;';
	END IF;
END
$$;
