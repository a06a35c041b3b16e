#!/usr/bin/env bash
# Custom lexicons (issue 11 item 4) across sessions, dumps and roles:
#   1. pg_dump/pg_restore keeps drafts and published versions (config tables), the frozen
#      guard, and an expression index on 'acme@1' that answers as a sequential scan does;
#   2. a backend's cached lexicon is invalidated by another session: B caches acme@1, A
#      re-creates the extension and publishes another acme@1, B's next call sees it; a
#      version A publishes is usable in B from its next statement;
#   3. privileges: a database owner without superuser installs pg_empathy, publishes, and
#      grants editing to another role; a role without grants is refused (42501) but may score.
. "$(dirname "$0")/../escalation_env.sh"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
esc_setup custom_lexicon pge_lex_owner pge_lex_editor pge_lex_reader

# ---- 1. dump and restore ----------------------------------------------------------------------
q >/dev/null <<'SQL'
INSERT INTO sentiment_lexicon_entry VALUES ('acme', 'pending', -1.5), ('acme', 'escalated', -2),
	('acme', 'top notch', 2.5);
SELECT sentiment_lexicon_publish('acme', 'en-rules', 'v1');
UPDATE sentiment_lexicon_entry SET valence = 1 WHERE term = 'escalated';
SELECT sentiment_lexicon_publish('acme', 'en-rules', 'v2');
CREATE TABLE tickets (id int PRIMARY KEY, body text);
INSERT INTO tickets SELECT i, (ARRAY['Refund pending', 'Escalated twice', 'top notch support',
	'ok', 'pending and escalated'])[1 + i % 5] || ' #' || i FROM generate_series(1, 500) i;
CREATE INDEX tickets_acme1 ON tickets ((sentiment_score(body, 'acme@1')));
SQL

summary="SELECT (SELECT string_agg(name || ':' || base || ':' || array_length(terms, 1) || ':' || coalesce(comment, ''), ',' ORDER BY name) FROM sentiment_lexicon)
	|| ' ' || (SELECT string_agg(lexicon || '/' || term || '/' || valence, ',' ORDER BY lexicon, term) FROM sentiment_lexicon_entry)"
rows="SET enable_seqscan = off; SELECT count(*) || '/' || sum(id) FROM tickets WHERE sentiment_score(body, 'acme@1') < -0.3"
seqrows="SET enable_indexscan = off; SET enable_bitmapscan = off; SELECT count(*) || '/' || sum(id) FROM tickets WHERE sentiment_score(body, 'acme@1') < -0.3"
before=$(q -c "$summary")
idx_before=$(q -c "$rows")
dump="$work/dump.custom"
"$PGBIN/pg_dump" -Fc -d "$PGDATABASE" -f "$dump"
q -d postgres -c "DROP DATABASE IF EXISTS pge_custom_lexicon_restored" -c "CREATE DATABASE pge_custom_lexicon_restored"
trap 'esc_cleanup; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS pge_custom_lexicon_restored" >/dev/null 2>&1 || true' EXIT
"$PGBIN/pg_restore" -d pge_custom_lexicon_restored "$dump"
after=$(q -d pge_custom_lexicon_restored -c "$summary")
idx_after=$(q -d pge_custom_lexicon_restored -c "$rows")
seq_after=$(q -d pge_custom_lexicon_restored -c "$seqrows")
plan=$(q -d pge_custom_lexicon_restored -c "SET enable_seqscan = off; EXPLAIN (COSTS OFF) SELECT id FROM tickets WHERE sentiment_score(body, 'acme@1') < -0.3" | tr '\n' ' ')
expect "lexicons and drafts after pg_restore" "$after" "$before"
expect "index scan on acme@1 after restore" "$idx_after" "$idx_before"
expect "sequential scan on acme@1 after restore" "$seq_after" "$idx_before"
case "$plan" in *"tickets_acme1"*) echo "ok: restored index used: $plan" ;; *) echo "FAIL: plan $plan"; fail=1 ;; esac
frozen=$(q -d pge_custom_lexicon_restored -c "DO \$\$ BEGIN DELETE FROM sentiment_lexicon; EXCEPTION WHEN object_not_in_prerequisite_state THEN RAISE NOTICE 'frozen'; END \$\$; SELECT count(*) FROM sentiment_lexicon")
expect "published versions still frozen after restore" "$frozen" 2

# ---- 2. caches of other sessions ---------------------------------------------------------------
esc_session_b
b "SELECT 'cached|' || sentiment_score('still pending', 'acme@1');"
q -c "DROP EXTENSION pg_empathy_workflow" -c "DROP EXTENSION pg_empathy CASCADE" -c "CREATE EXTENSION pg_empathy" \
	-c "INSERT INTO sentiment_lexicon_entry VALUES ('acme', 'pending', 2)" -c "SELECT sentiment_lexicon_publish('acme', 'en-rules')" >/dev/null
b "SELECT 'recreated|' || sentiment_score('still pending', 'acme@1');"
expect "B before: acme@1 with pending = -1.5" "$(result cached)" "-0.3612"
expect "B after A re-created the extension and published acme@1 with pending = 2" "$(result recreated)" "$(q -c "SELECT sentiment_score('still pending', 'acme@1')")"
b "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 'rr|' || count(*) FROM pg_class;"
q -c "UPDATE sentiment_lexicon_entry SET valence = -3 WHERE term = 'pending'" -c "SELECT sentiment_lexicon_publish('acme', 'en-rules')" >/dev/null
b "SELECT 'newversion|' || sentiment_score('still pending', 'acme@2'); COMMIT;"
expect "B (REPEATABLE READ, begun before) uses acme@2 published by A" "$(result newversion)" "$(q -c "SELECT sentiment_score('still pending', 'acme@2')")"
exec 3>&-

# ---- 3. roles -----------------------------------------------------------------------------------
q -d postgres -c "DROP DATABASE IF EXISTS pge_custom_lexicon_owned" \
	-c "CREATE ROLE pge_lex_owner LOGIN CREATEDB" -c "CREATE ROLE pge_lex_editor LOGIN" -c "CREATE ROLE pge_lex_reader LOGIN"
trap 'esc_cleanup; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS pge_custom_lexicon_restored" -c "DROP DATABASE IF EXISTS pge_custom_lexicon_owned" >/dev/null 2>&1 || true; for r in pge_lex_owner pge_lex_editor pge_lex_reader; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1 || true; done' EXIT
q -d postgres -U pge_lex_owner -c "CREATE DATABASE pge_custom_lexicon_owned"
owned() { q -d pge_custom_lexicon_owned "$@"; }
owner_pub=$(owned -U pge_lex_owner -c "CREATE EXTENSION pg_empathy" \
	-c "INSERT INTO sentiment_lexicon_entry VALUES ('shop', 'backorder', -2)" -c "SELECT sentiment_lexicon_publish('shop', 'en-rules')")
expect "a database owner (no superuser) publishes" "$owner_pub" "shop@1"
state() { psql -X -q -At -d pge_custom_lexicon_owned -U "$1" -c '\set VERBOSITY verbose' -c "$2" 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' | head -1; }
expect "an editor without grants is refused a draft row" "$(state pge_lex_editor "INSERT INTO sentiment_lexicon_entry VALUES ('shop', 'restock', 1)")" 42501
expect "an editor without grants is refused publishing" "$(state pge_lex_editor "SELECT sentiment_lexicon_publish('shop', 'en-rules')")" 42501
owned -U pge_lex_owner -c "GRANT INSERT, UPDATE, DELETE ON sentiment_lexicon_entry TO pge_lex_editor" \
	-c "GRANT INSERT ON sentiment_lexicon TO pge_lex_editor"
editor_pub=$(owned -U pge_lex_editor -c "INSERT INTO sentiment_lexicon_entry VALUES ('shop', 'restock', 1)" -c "SELECT sentiment_lexicon_publish('shop', 'en-rules')")
expect "an editor granted by the owner publishes" "$editor_pub" "shop@2"
expect "the owner has no DELETE on published versions" "$(state pge_lex_owner "DELETE FROM sentiment_lexicon")" 42501
reader=$(owned -U pge_lex_reader -c "SELECT sentiment_score('on backorder', 'shop@1') < 0 AND sentiment_score('restock soon', 'shop@2') > 0")
expect "a role with no grants scores with published versions" "$reader" t
expect "published_by records the publisher" "$(owned -c "SELECT string_agg(name || '=' || published_by, ',' ORDER BY name) FROM sentiment_lexicon")" "shop@1=pge_lex_owner,shop@2=pge_lex_editor"

[ "$fail" = 0 ] || exit 1
echo "custom lexicons: dump/restore kept 2 versions, 3 drafts and the index ($idx_after rows); other sessions' caches follow a re-created lexicon; owner publishes and grants, others refused (42501)"
