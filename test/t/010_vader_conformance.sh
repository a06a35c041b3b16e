#!/usr/bin/env bash
# 'vader' must reproduce vaderSentiment 3.3.2 on every reference row: the 23,703 texts of the
# four human-rated corpora and the 143 edge cases (neg/neu/pos to 3 places, compound to 4;
# -0.0 equals 0.0).  Needs ../shared/data/vader; skips without it.
set -euo pipefail
data="$PGE_SHARED/data/vader"
if [ ! -f "$data/reference_scores.tsv" ]; then
	echo "VADER reference data not found in $data (needs ../shared)"
	exit 77
fi
db=pge_conformance
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -qX -d $db -v ON_ERROR_STOP=1 -c "CREATE EXTENSION pg_empathy" -v shared="$data" -f "$PGE_ROOT/test/sql/load_vader_corpora.sql"
psql -qX -d $db -v ON_ERROR_STOP=1 -At -F' ' <<'SQL' | tee "$PGE_TMP/conformance.out"
CREATE TEMP TABLE corpus_check AS
SELECT c.dataset, c.id, s.*, r.neg AS rneg, r.neu AS rneu, r.pos AS rpos, r.compound AS rcompound
FROM vader_corpus c JOIN vader_reference r USING (dataset, id),
     LATERAL sentiment(c.body, 'vader') s;
CREATE TEMP TABLE edge_check AS
SELECT e.case_id, e.note, s.*, e.neg AS rneg, e.neu AS rneu, e.pos AS rpos, e.compound AS rcompound
FROM vader_edge_cases e, LATERAL sentiment(e.body, 'vader') s;
SELECT 'corpus rows', count(*),
       'matching', count(*) FILTER (WHERE (neg, neu, pos, compound) = (rneg, rneu, rpos, rcompound)),
       'reference rows', (SELECT count(*) FROM vader_reference)
FROM corpus_check;
SELECT 'edge rows', count(*),
       'matching', count(*) FILTER (WHERE (neg, neu, pos, compound) = (rneg, rneu, rpos, rcompound))
FROM edge_check;
-- sentiment_score() takes a shorter path (compound only): it must equal sentiment()'s compound
SELECT 'score paths', count(*),
       'equal', count(*) FILTER (WHERE sentiment_score(c.body, 'vader') = (sentiment(c.body, 'vader')).compound
                                 AND sentiment_score(c.body) = (sentiment(c.body)).compound)
FROM vader_corpus c;
SELECT 'MISMATCH', dataset, id, neg, neu, pos, compound, 'expected', rneg, rneu, rpos, rcompound
FROM corpus_check WHERE (neg, neu, pos, compound) <> (rneg, rneu, rpos, rcompound) LIMIT 20;
SELECT 'MISMATCH', case_id, note, neg, neu, pos, compound, 'expected', rneg, rneu, rpos, rcompound
FROM edge_check WHERE (neg, neu, pos, compound) <> (rneg, rneu, rpos, rcompound) LIMIT 20;
SQL
psql -qX -d postgres -c "DROP DATABASE $db"
grep -q '^corpus rows 23703 matching 23703 reference rows 23703$' "$PGE_TMP/conformance.out"
grep -q '^edge rows 143 matching 143$' "$PGE_TMP/conformance.out"
grep -q '^score paths 23703 equal 23703$' "$PGE_TMP/conformance.out"
echo "vader conformance: 23703/23703 corpus rows and 143/143 edge cases match VADER 3.3.2"
