#!/usr/bin/env bash
# The review history survives pg_dump / pg_restore: a database after the README's review day
# (data/sample/review_day.sql, plus a campaign) is dumped and restored into a new database;
# every review table has the same rows, review_final() gives the same labels, the restored
# queue still works (a reviewer takes and answers), and pg_dump prints no warning.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}" "${PGE_TMP:?run through tools/test.sh}"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
export PGOPTIONS="-c client_min_messages=warning"
work="$PGE_TMP/review_dump"
rm -rf "$work"
mkdir -p "$work"
roles="amelie, bruno, chloe, dmitri, support_app"
cleanup() {
	for d in pge_review_dump pge_review_restored; do psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done
	psql -X -q -d postgres -c "DROP ROLE IF EXISTS $roles" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE pge_review_dump" -c "CREATE DATABASE pge_review_restored"
psql -X -q -v ON_ERROR_STOP=1 -d pge_review_dump -c "CREATE EXTENSION pg_empathy_workflow CASCADE"
# the review day without its final DROP TABLE (its one ERROR line is the demonstrated 42501)
sed 's/^DROP TABLE tickets;//' "$PGE_ROOT/data/sample/review_day.sql" | psql -X -q -d pge_review_dump >"$work/day.out" 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d pge_review_dump -c "SELECT campaign_create('spring')" \
	-c "SELECT campaign_variant('spring', 'UK', 'en', 'Spring sale: 20% off everything.')" >/dev/null
"$PGBIN/pg_dump" -Fc -d pge_review_dump -f "$work/dump" 2>"$work/dump.err"
if [ -s "$work/dump.err" ]; then echo "FAILED: pg_dump printed:"; cat "$work/dump.err"; exit 1; fi
"$PGBIN/pg_restore" --exit-on-error -d pge_review_restored "$work/dump"
q='SELECT (SELECT count(*) FROM review_reviewers), (SELECT count(*) FROM review_items), (SELECT count(*) FROM review_assignments),
		  (SELECT count(*) FROM review_verdicts), (SELECT count(*) FROM review_labels), (SELECT count(*) FROM campaign_variants),
		  (SELECT string_agg(id || f.label || f.human, $$,$$ ORDER BY id) FROM tickets t,
			 review_final($$tickets$$, jsonb_build_object($$id$$, t.id::text), t.body) f)'
a=$(psql -X -At -d pge_review_dump -c "$q")
b=$(psql -X -At -d pge_review_restored -c "$q")
echo "original: $a"
echo "restored: $b"
[ "$a" = "$b" ] || { echo "FAILED: the restored review tables differ"; exit 1; }
# the restored queue works: chloe takes the next UK item and answers it
after=$(psql -X -q -At -v ON_ERROR_STOP=1 -d pge_review_restored \
	-c "SET ROLE chloe" -c "SELECT r.status || ':' || r.verdicts FROM review_take() t, review_answer(t.id, 'neutral') r")
[ -n "$after" ] || { echo "FAILED: no item to take after the restore"; exit 1; }
echo "ok: $(echo "$a" | cut -d'|' -f2) items, $(echo "$a" | cut -d'|' -f5) labels and $(echo "$a" | cut -d'|' -f4) verdicts restored equal, no pg_dump warning; a take and answer after the restore: $after"
