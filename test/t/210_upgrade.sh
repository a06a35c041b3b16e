#!/usr/bin/env bash
# Upgrade from the previous release: pg_empathy 0.1.0 (one extension, escalation included),
# installed from its tag, to 0.2.0 (pg_empathy + pg_empathy_workflow):
#   ALTER EXTENSION pg_empathy UPDATE;
#   CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0';   -- adopts the escalation objects
#   ALTER EXTENSION pg_empathy_workflow UPDATE;
# Checks that the upgraded database's extension objects equal a fresh 0.2.0 install (catalog
# inventory, test/upgrade/inventory.sql, compared with diff), that no user data changed
# (rules with user rows and overrides, the queue filled by the trigger, a user table with an
# escalation trigger, custom data, grants), that escalation still works, that pg_dump/pg_restore
# of the upgraded database gives the same again, that the wrong orders fail with a hint, and
# that a 0.1.0 database that never used escalation updates too.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}" "${PGE_TMP:?run through tools/test.sh}"
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
PGBIN=${PGBIN:-$(dirname "${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}")}
export PGOPTIONS="-c client_min_messages=warning"
work="$PGE_TMP/upgrade"
rm -rf "$work"
mkdir -p "$work"

# --- the 0.1.0 install script, assembled from the tag as its Makefile did -------------------
# (CI has a full clone; without the tag, the commit it names: git rev-list -n1 v0.1.0)
V010_COMMIT=60c195d9444a48845e76d0f8a840b2500fbe0913
rev=$(git -C "$PGE_ROOT" rev-parse -q --verify 'v0.1.0^{commit}' 2>/dev/null) \
	|| rev=$(git -C "$PGE_ROOT" rev-parse -q --verify "$V010_COMMIT^{commit}" 2>/dev/null) \
	|| { echo "skipped: neither tag v0.1.0 nor commit $V010_COMMIT is in the clone (shallow clone?)"; exit 77; }
extdir="$("$PGBIN/pg_config" --sharedir)/extension"
script="$extdir/pg_empathy--0.1.0.sql"
[ -f "$extdir/pg_empathy_workflow--0.1.0.sql" ] || fail "pg_empathy_workflow--0.1.0.sql is not installed in $extdir"
backup=
if [ -f "$script" ]; then backup="$work/pg_empathy--0.1.0.sql.orig"; cp "$script" "$backup"; fi
dbs="pge_upg_old pge_upg_fresh pge_upg_restored pge_upg_plain pge_upg_plain_fresh pge_upg_order"
cleanup() {
	if [ -n "$backup" ]; then cp "$backup" "$script"; else rm -f "$script"; fi
	for d in $dbs; do psql -qX -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done
	psql -qX -d postgres -c "DROP ROLE IF EXISTS pge_upg_agent" >/dev/null 2>&1 || true
}
trap cleanup EXIT
{
	echo "-- pg_empathy 0.1.0 install script, assembled by $(basename "$0") from $rev:install/*.sql"
	git -C "$PGE_ROOT" ls-tree --name-only "$rev" install/ | grep -E '^install/[0-9][0-9]_[a-z_]+\.sql$' | sort \
		| while read -r f; do echo; git -C "$PGE_ROOT" show "$rev:$f"; done
} >"$script"
# Every C symbol the 0.1.0 SQL names must still be in the library: CREATE FUNCTION ... LANGUAGE C
# looks each one up, so installing 0.1.0 below fails on a missing one.
nsym=$(grep -c "'MODULE_PATHNAME'" "$script")

for d in $dbs; do q -d postgres -c "DROP DATABASE IF EXISTS $d" -c "CREATE DATABASE $d"; done
q -d postgres -c "DROP ROLE IF EXISTS pge_upg_agent" -c "CREATE ROLE pge_upg_agent"

# --- a 0.1.0 database in use -----------------------------------------------------------------
q -d pge_upg_old >/dev/null <<'SQL'
CREATE EXTENSION pg_empathy VERSION '0.1.0';
CREATE TABLE tickets (id int PRIMARY KEY, body text, score float8);
CREATE INDEX tickets_score ON tickets (sentiment_score(body));
CREATE TRIGGER tickets_escalation AFTER INSERT OR UPDATE OF body ON tickets
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');
CREATE TABLE checks (id int PRIMARY KEY, result escalation, s sentiment);
INSERT INTO escalation_rules (reason, phrase, severity) VALUES ('churn_risk', 'switching banks', 3);
INSERT INTO escalation_rules (reason, phrase, enabled, builtin) VALUES ('human_request', 'escalate', false, false);
UPDATE escalation_rules SET severity = 3 WHERE builtin AND reason = 'urgency' AND phrase = 'asap';
DELETE FROM escalation_rules WHERE builtin AND phrase = 'operator';
INSERT INTO tickets (id, body) VALUES (1, 'I will file a chargeback'), (2, 'thanks, all good'),
	(3, 'This is useless, get me a human now'), (4, 'I am switching banks'), (5, 'please escalate'),
	(6, 'The charger caught fire!!');
-- stored scores as 0.1.0 computed them: its 'en' was the rule scorer, 'en-rules' in 0.2.0 (this
-- test runs 0.1.0's SQL on the 0.2.0 library, whose default 'en' is the learned scorer)
UPDATE tickets SET score = sentiment_score(body, 'en-rules');
INSERT INTO checks SELECT id, escalation_check(body), sentiment(body) FROM tickets;
GRANT SELECT, UPDATE ON escalation_queue TO pge_upg_agent;
GRANT USAGE ON SEQUENCE escalation_queue_id_seq TO pge_upg_agent;
SELECT count(*) FROM escalation_take('alice');
SELECT (escalation_resolve(id, 'called back', 'alice')).status FROM escalation_queue WHERE taken_by = 'alice';
SELECT (escalation_correct(max(id), 'negative', -0.5, 'sarcasm')).id FROM escalation_queue;
SQL
# what must not change: every user-visible row, and the escalation results on the same texts
snapshot() {
	q -d "$1" <<'SQL'
-- (the built-in rules in languages other than English are new in 0.2.0: the update adds them)
SELECT 'rule', reason, phrase, language, severity, enabled, builtin FROM escalation_rules
WHERE NOT builtin OR language = 'en' ORDER BY builtin, language, reason, phrase;
-- the columns 0.1.0 had (0.2.0 adds more)
SELECT 'queue', q.id, q.source, q.row_key, q.reasons, q.matched, q.severity, q.sentiment, q.language, q.status, q.created_at, q.updated_at, q.taken_by, q.taken_at, q.resolved_by, q.resolved_at, q.outcome, q.corrected_label, q.corrected_score, q.corrected_by, q.corrected_at, q.correction_note FROM escalation_queue q ORDER BY id;
SELECT 'review', r.label, r.score, r.human_corrected FROM escalation_review r ORDER BY id;
SELECT 'seq', last_value FROM escalation_queue_id_seq;
SELECT 'ticket', t.* FROM tickets t ORDER BY id;
SELECT 'check', c.* FROM checks c ORDER BY id;
SELECT 'now', id, escalation_check(body), sentiment(body) FROM tickets ORDER BY id;
SELECT 'grant', has_table_privilege('pge_upg_agent', 'escalation_queue', 'SELECT, UPDATE'),
	has_sequence_privilege('pge_upg_agent', 'escalation_queue_id_seq', 'USAGE'),
	has_table_privilege('pge_upg_agent', 'escalation_queue', 'DELETE');
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM tickets WHERE sentiment_score(body) < -0.5;
SELECT 'indexed', id FROM tickets WHERE sentiment_score(body) < -0.5 ORDER BY id;
SQL
}
snapshot pge_upg_old >"$work/before.txt"
nqueue=$(q -d pge_upg_old -c "SELECT count(*) FROM escalation_queue")
nuser=$(q -d pge_upg_old -c "SELECT count(*) FROM escalation_rules WHERE NOT builtin")

# --- the wrong orders fail with a hint ---------------------------------------------------------
expect_error() {	# expect_error DB 'message part' 'hint part' SQL
	local out
	if out=$(psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$4" 2>&1); then fail "no error from: $4"; fi
	grep -qF "$2" <<<"$out" || fail "from '$4' expected error '$2', got: $out"
	grep -qF "$3" <<<"$out" || fail "from '$4' expected hint '$3', got: $out"
}
expect_error pge_upg_old 'pg_empathy 0.1.0 still contains the escalation objects' 'ALTER EXTENSION pg_empathy UPDATE' \
	"CREATE EXTENSION pg_empathy_workflow"
expect_error pge_upg_old 'pg_empathy 0.1.0 still contains the escalation objects' 'ALTER EXTENSION pg_empathy UPDATE' \
	"CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0'"

# --- the upgrade -------------------------------------------------------------------------------
q -d pge_upg_old -c "ALTER EXTENSION pg_empathy UPDATE"
# between the steps: escalation works, its objects belong to no extension
mid=$(q -d pge_upg_old -c "SELECT (escalation_check('get me a human')).escalate,
	(SELECT count(*) FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_proc'::regclass AND objid = 'escalation_trigger()'::regprocedure)")
[ "$mid" = "t|0" ] || fail "after ALTER EXTENSION pg_empathy UPDATE: escalation_check/membership gave $mid"
expect_error pge_upg_old 'the escalation objects of pg_empathy 0.1.0 are still in schema public' \
	"CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0'; then ALTER EXTENSION pg_empathy_workflow UPDATE" \
	"CREATE EXTENSION pg_empathy_workflow"
q -d pge_upg_old -c "CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0'" -c "ALTER EXTENSION pg_empathy_workflow UPDATE"
snapshot pge_upg_old >"$work/after.txt"
diff -u "$work/before.txt" "$work/after.txt" || fail "user data or escalation results changed in the upgrade (diff above)"

# --- objects equal a fresh install (with the same user grants) ----------------------------------
q -d pge_upg_fresh -c "CREATE EXTENSION pg_empathy" -c "CREATE EXTENSION pg_empathy_workflow" \
	-c "GRANT SELECT, UPDATE ON escalation_queue TO pge_upg_agent" \
	-c "GRANT USAGE ON SEQUENCE escalation_queue_id_seq TO pge_upg_agent"
inventory() { q -d "$1" -f "$PGE_ROOT/test/upgrade/inventory.sql"; }
inventory pge_upg_fresh >"$work/fresh.inv"
inventory pge_upg_old >"$work/upgraded.inv"
diff -u "$work/fresh.inv" "$work/upgraded.inv" || fail "upgraded objects differ from a fresh install (diff above: - fresh, + upgraded)"
# built-in rows new in 0.2.0 (the 'cx' aspect set, the rules in nine other languages) arrive by
# the update as by CREATE EXTENSION: same rows, compared whole (the old database's rule edits
# touch English rules only)
builtin_rows="SELECT 'aspect', aspect_set, aspect, term, language, enabled FROM aspect_terms WHERE builtin
	UNION ALL SELECT 'rule', reason, phrase, language, severity::text, enabled FROM escalation_rules WHERE builtin AND language <> 'en'
	ORDER BY 1, 2, 3, 4, 5"
q -d pge_upg_fresh -c "$builtin_rows" >"$work/fresh.rows"
q -d pge_upg_old -c "$builtin_rows" >"$work/upgraded.rows"
diff -u "$work/fresh.rows" "$work/upgraded.rows" || fail "built-in rows of 0.2.0 differ after the update (diff above: - fresh, + upgraded)"
nrows=$(wc -l <"$work/fresh.rows")
ninv=$(wc -l <"$work/fresh.inv")
nmem=$(grep -c ' | member ' "$work/fresh.inv")

# --- it keeps working: new escalations continue the queue ---------------------------------------
q -d pge_upg_old -c "INSERT INTO tickets (id, body) VALUES (7, 'I want to cancel my account, ASAP')"
new=$(q -d pge_upg_old -c "SELECT count(*) FILTER (WHERE id > (SELECT max(id) FROM escalation_queue) - 1 AND reasons @> '{churn_risk,urgency}'), count(DISTINCT id) = count(*) FROM escalation_queue")
[ "$new" = "1|t" ] || fail "escalation_trigger after the upgrade: got $new"
q -d pge_upg_old -c "DELETE FROM tickets WHERE id = 7" -c "DELETE FROM escalation_queue WHERE row_key = '{\"id\": \"7\"}'"

# --- pg_dump / pg_restore of the upgraded database ----------------------------------------------
"$PGBIN/pg_dump" -Fc -d pge_upg_old -f "$work/upgraded.dump"
"$PGBIN/pg_restore" --exit-on-error -d pge_upg_restored "$work/upgraded.dump"
# pg_dump keeps the user rows of escalation_rules, not direct edits of built-in rows (as in
# 0.1.0: overrides are user rows); the sequence may be ahead (a dumped sequence is not rewound)
dumpable() { grep -vE '^rule\|.*\|t$|^seq\|' "$1"; }
snapshot pge_upg_restored >"$work/restored.txt"
diff -u <(dumpable "$work/after.txt") <(dumpable "$work/restored.txt") || fail "pg_dump/pg_restore of the upgraded database changed data or grants (diff above)"
inventory pge_upg_restored >"$work/restored.inv"
diff -u "$work/fresh.inv" "$work/restored.inv" || fail "restored objects differ from a fresh install (diff above)"

# the agent role's grants are plain privileges, not initial ones: no initial-privilege
# dependency on it is left (PostgreSQL 17+ records those in pg_shdepend), and once they are
# revoked nothing in the database refers to the role
q -d pge_upg_old -c "REVOKE ALL ON escalation_queue FROM pge_upg_agent" \
	-c "REVOKE ALL ON SEQUENCE escalation_queue_id_seq FROM pge_upg_agent"
refs=$(q -d pge_upg_old -c "SELECT count(*) FROM pg_shdepend WHERE refclassid = 'pg_authid'::regclass
	AND refobjid = 'pge_upg_agent'::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")
[ "$refs" = 0 ] || fail "$refs dependencies on the agent role left after revoking its grants"

# --- after the update: scores of the default 'en' changed (the learned scorer), so stored scores
# are recomputed and expression indexes on the default configuration rebuilt (README, Upgrading)
stale=$(q -d pge_upg_old -c "SELECT count(*) FROM tickets WHERE score IS DISTINCT FROM sentiment_score(body)")
[ "$stale" -gt 0 ] || fail "no stored 0.1.0 score differs from the 0.2.0 default: the test data no longer shows the change"
q -d pge_upg_old -c "UPDATE tickets SET score = sentiment_score(body) WHERE score IS DISTINCT FROM sentiment_score(body)" \
	-c "REINDEX INDEX tickets_score"
# every ticket is found through the index by its current score (a stale entry would not be)
byindex_sql="SELECT count(*) FROM tickets t JOIN tickets u ON sentiment_score(u.body) = t.score"
noseq=(-c "SET enable_seqscan = off" -c "SET enable_bitmapscan = off" -c "SET enable_hashjoin = off" -c "SET enable_mergejoin = off")
q -d pge_upg_old "${noseq[@]}" -c "EXPLAIN (COSTS OFF) $byindex_sql" | grep -q 'Index Scan using tickets_score' \
	|| fail "the check does not use the expression index tickets_score"
byindex=$(q -d pge_upg_old "${noseq[@]}" -c "$byindex_sql")
ntickets=$(q -d pge_upg_old -c "SELECT count(*) FROM tickets")
[ "$byindex" = "$ntickets" ] || fail "after REINDEX the index finds $byindex of $ntickets tickets by their current score"
[ "$(q -d pge_upg_old -c "SELECT count(*) FROM tickets WHERE score IS DISTINCT FROM sentiment_score(body)")" = 0 ] \
	|| fail "stored scores still differ after the recomputation"

# --- a 0.1.0 database that never used escalation, installed in a schema of its own ----------------
q -d pge_upg_plain <<'SQL'
CREATE SCHEMA empathy;
CREATE EXTENSION pg_empathy VERSION '0.1.0' SCHEMA empathy;
CREATE TABLE reviews (id int PRIMARY KEY, body text, stars int);
CREATE INDEX reviews_score ON reviews (empathy.sentiment_score(body));
INSERT INTO reviews VALUES (1, 'great app', 9), (2, 'awful support, never again', 2), (3, 'ok', 7);
SQL
plain_data="SET search_path = public;
	SELECT id, body, empathy.sentiment(body), empathy.sentiment_label(empathy.sentiment_score(body)) FROM reviews ORDER BY id;
	SELECT empathy.nps(stars) FROM reviews; SELECT (empathy.csat_stats(stars, 10)).* FROM reviews;"
pb=$(q -d pge_upg_plain -c "$plain_data")
q -d pge_upg_plain -c "ALTER EXTENSION pg_empathy UPDATE"
pa=$(q -d pge_upg_plain -c "$plain_data")
[ "$pb" = "$pa" ] || fail "scores or KPIs changed in the update of a database without escalation"
q -d pge_upg_plain_fresh -c "CREATE SCHEMA empathy" -c "CREATE EXTENSION pg_empathy SCHEMA empathy"
diff -u <(inventory pge_upg_plain_fresh) <(inventory pge_upg_plain) || fail "updated core differs from a fresh pg_empathy 0.2.0 (diff above)"
# the workflow goes to the core's schema only
expect_error pge_upg_plain 'pg_empathy_workflow must be installed in the schema of pg_empathy (empathy)' \
	"VERSION '0.1.0' SCHEMA empathy" "CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0'"
# its unused escalation objects: adopted, then dropped with the extension
q -d pge_upg_plain -c "CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0' SCHEMA empathy" \
	-c "ALTER EXTENSION pg_empathy_workflow UPDATE" -c "DROP EXTENSION pg_empathy_workflow"
left=$(q -d pge_upg_plain -c "SELECT count(*) FROM pg_class WHERE relname LIKE 'escalation%'" \
	-c "SELECT count(*) FROM pg_proc WHERE proname LIKE '%escalation%'")
[ "$left" = $'0\n0' ] || fail "escalation objects left after adopt + DROP EXTENSION pg_empathy_workflow: $left"

# --- adopting where there is nothing to adopt -----------------------------------------------------
q -d pge_upg_order -c "CREATE EXTENSION pg_empathy"
expect_error pge_upg_order 'no escalation objects of pg_empathy 0.1.0 to adopt in schema public' \
	'Use CREATE EXTENSION pg_empathy_workflow for a fresh install' "CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0'"
# ... or only part of it (a user dropped the review view): nothing is adopted
q -d pge_upg_order -c "DROP EXTENSION pg_empathy" -c "CREATE EXTENSION pg_empathy VERSION '0.1.0'" \
	-c "ALTER EXTENSION pg_empathy UPDATE" -c "DROP VIEW escalation_review"
expect_error pge_upg_order 'some escalation objects of pg_empathy 0.1.0 are missing in schema public' \
	'Missing: view escalation_review.' "CREATE EXTENSION pg_empathy_workflow VERSION '0.1.0'"
[ "$(q -d pge_upg_order -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_empathy_workflow'")" = 0 ] \
	|| fail "a partial adoption left pg_empathy_workflow installed"

echo "0.1.0 from ${rev:0:12} ($nsym C functions resolved in the new library); upgraded: $nmem member objects, $ninv inventory lines equal to a fresh 0.2.0 install, also after pg_dump/pg_restore; $nrows built-in aspect terms and non-English rules equal too"
echo "user data unchanged: $(grep -c '^rule|' "$work/before.txt") rules ($nuser user rows, 1 built-in edited, 1 deleted), $nqueue queue entries, $(grep -c '^ticket|' "$work/before.txt") tickets, escalation results and grants"
echo "default 'en' changed: $stale of $(grep -c '^ticket|' "$work/before.txt") stored 0.1.0 scores recomputed, REINDEX of the expression index; it finds all $byindex tickets by their current score"
echo "wrong orders and incomplete 0.1.0 objects fail with a hint (5 cases); a 0.1.0 database without escalation, in schema empathy, updates to a core equal to a fresh install, and its unused escalation objects go with adopt + DROP EXTENSION"
