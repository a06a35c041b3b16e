#!/usr/bin/env bash
# data/sample/feedback_intl.sql (the cultural-dashboard sample): loads, is deterministic (two
# loads give the same rows), every phrase is detected as the language it was written in, and
# the README's dashboard queries run.  Prints the 'und' share and the per-language counts.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
db=pge_sample_intl
export PGOPTIONS="-c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS '$db'" >/dev/null 2>&1 || true' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
digest="SELECT md5(string_agg(concat_ws('|', sent_at, region, channel, body, nps, csat), ',' ORDER BY id)) FROM feedback_intl"
q -c "CREATE EXTENSION pg_empathy" -f "$PGE_ROOT/data/sample/feedback_intl.sql"
first=$(q -c "$digest")
q -c "DROP TABLE feedback_intl" -f "$PGE_ROOT/data/sample/feedback_intl.sql"
second=$(q -c "$digest")
fail=0
[ "$first" = "$second" ] || { echo "FAILED: two loads differ ($first, $second)"; fail=1; }
n=$(q -c "SELECT count(*) FROM feedback_intl")
[ "$n" = 3000 ] || { echo "FAILED: $n rows, expected 3000"; fail=1; }
# each phrase of the sample is detected as its language (the region says which it may be)
bad=$(q -c "SELECT count(*) FROM feedback_intl
	WHERE detect_language(body) NOT IN ('und', 'en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'da', 'sv', 'pl')
	   OR (detect_language(body) <> 'und' AND detect_language(body) <> ALL (CASE region
			WHEN 'DACH' THEN '{de}' WHEN 'France' THEN '{fr}' WHEN 'Iberia' THEN '{es}'
			WHEN 'LATAM' THEN '{es,pt}' WHEN 'Italy' THEN '{it}' WHEN 'Benelux' THEN '{nl,fr}'
			WHEN 'Nordics' THEN '{da,sv}' WHEN 'Poland' THEN '{pl}' ELSE '{en}' END::text[]))")
[ "$bad" = 0 ] || { echo "FAILED: $bad messages detected outside their region's languages"; fail=1; }
# the README queries
q -o /dev/null -c "SELECT region, language, n, (s).mean, (p).nps, (c).csat
	FROM (SELECT region, detect_language(body) AS language, count(*) AS n,
	             sentiment_stats(sentiment_score(body, 'auto:en')) AS s, nps_stats(nps) AS p, csat_stats(csat) AS c
	      FROM feedback_intl GROUP BY 1, 2) t"
counts=$(q -c "SELECT string_agg(language || ' ' || n, ', ' ORDER BY n DESC) FROM
	(SELECT detect_language(body) AS language, count(*) AS n FROM feedback_intl GROUP BY 1) t")
und=$(q -c "SELECT round(100.0 * count(*) FILTER (WHERE detect_language(body) = 'und') / count(*), 1) FROM feedback_intl")
echo "feedback_intl: $n rows, deterministic: $([ "$first" = "$second" ] && echo yes || echo NO), 'und' $und%; $counts"
exit $fail
