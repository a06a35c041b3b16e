#!/usr/bin/env bash
# aspect_terms, the user-editable aspect dictionaries of sentiment_aspects():
#  1. an edit committed by another session is used by a running session from its next call
#     (relcache invalidation from the table's statement trigger), also inside a transaction
#     that began before the edit (REPEATABLE READ), and a rollback leaves nothing behind;
#  2. pg_dump/pg_restore keeps user rows (a new set, a term, an override that switches a
#     built-in term off) and recreates the built-in rows once, not twice;
#  3. grants: the non-superuser owner who installed pg_empathy (trusted) edits the table, a
#     role without grants reads it but cannot write it (42501).
. "$(dirname "$0")/../escalation_env.sh"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
esc_setup aspects_table pge_asp_owner pge_asp_reader
fail=0
expect() { if [ "$2" != "$3" ]; then echo "FAIL: $1: got '$2', expected '$3'"; fail=1; else echo "ok: $1: $2"; fi; }
asp="coalesce(string_agg(aspect || '=' || mention, ','), '-')"

# 1. a running session sees committed edits
esc_session b 3 -At
n=0
b() {
	n=$((n + 1))
	printf '%s\nSELECT %s;\n' "$1" "'mark $n'" >&3
	esc_wait_for b "^mark $n\$" && return 0
	echo "FAIL: session B did not answer: $1"; cat "$work/b.out"; exit 1
}
result() { grep -x "$1|.*" "$work/b.out" | tail -1 | cut -d'|' -f2; }
b "SELECT 'before|' || $asp FROM sentiment_aspects('The zorblax was great');"
q -c "INSERT INTO aspect_terms (aspect_set, aspect, term) VALUES ('cx', 'product', 'zorblax')"
b "SELECT 'added|' || $asp FROM sentiment_aspects('The zorblax was great');"
b "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 'rr_begin|' || $asp FROM sentiment_aspects('The zorblax was great');"
q -c "UPDATE aspect_terms SET aspect = 'gadget' WHERE term = 'zorblax'"
b "SELECT 'rr_inside|' || $asp FROM sentiment_aspects('The zorblax was great'); COMMIT;"
q -c "BEGIN" -c "DELETE FROM aspect_terms WHERE term = 'zorblax'" -c "ROLLBACK"
b "SELECT 'rolled_back|' || $asp FROM sentiment_aspects('The zorblax was great');"
q -c "INSERT INTO aspect_terms (aspect_set, aspect, term, language) VALUES ('acme', 'billing', 'invoice run', 'en'), ('acme', 'billing', 'Rechnungslauf', 'de')"
b "SELECT 'new_set|' || $asp FROM sentiment_aspects('The Invoice Run failed again.', 'acme');"
b "SELECT 'new_set_de|' || $asp FROM sentiment_aspects('Der Rechnungslauf ist kaputt.', 'acme', 'de');"
b "SELECT 'other_language|' || $asp FROM sentiment_aspects('The invoice run failed.', 'acme', 'fr');"
q -c "DELETE FROM aspect_terms WHERE aspect_set = 'acme'"
b "\\set VERBOSITY sqlstate
SELECT 'gone|' || $asp FROM sentiment_aspects('The invoice run failed.', 'acme');
\\set VERBOSITY default"
exec 3>&-
expect "before the term exists" "$(result before)" "-"
expect "after another session committed it" "$(result added)" "product=zorblax"
expect "REPEATABLE READ transaction that began before the edit" "$(result rr_inside)" "gadget=zorblax"
expect "after a rolled-back DELETE" "$(result rolled_back)" "gadget=zorblax"
expect "a new aspect set" "$(result new_set)" "billing=Invoice Run"
expect "the new set in German" "$(result new_set_de)" "billing=Rechnungslauf"
expect "a language the set has no term in: no rows" "$(result other_language)" "-"
grep -q '^ERROR:  22023' "$work/b.out" || { echo "FAIL: a deleted aspect set is not 22023"; cat "$work/b.out"; fail=1; }

# 2. pg_dump / pg_restore
q <<'SQL'
INSERT INTO aspect_terms (aspect_set, aspect, term) VALUES ('acme', 'billing', 'invoice run'), ('cx', 'product', 'widget');
-- switch a built-in term off in a way pg_dump keeps: a user row overrides the built-in row
INSERT INTO aspect_terms (aspect_set, aspect, term, enabled) VALUES ('cx', 'app', 'site', false);
SQL
probe="SELECT (SELECT count(*) FROM aspect_terms WHERE builtin) || ' ' || (SELECT count(*) FROM aspect_terms WHERE NOT builtin)
	|| ' ' || (SELECT $asp FROM sentiment_aspects('The widget is fine but the site is slow, and the invoice run failed.'))
	|| ' ' || (SELECT $asp FROM sentiment_aspects('The invoice run failed.', 'acme'))"
before=$(q -c "$probe")
dump="$work/aspects.dump"
"$PGBIN/pg_dump" -Fc -f "$dump"
q -d postgres -c "DROP DATABASE IF EXISTS pge_aspects_restored" -c "CREATE DATABASE pge_aspects_restored"
"$PGBIN/pg_restore" -d pge_aspects_restored "$dump"
after=$(q -d pge_aspects_restored -c "$probe")
q -d postgres -c "DROP DATABASE pge_aspects_restored"
expect "pg_dump/pg_restore: built-in rows, user rows, cx and acme results" "$after" "$before"
case "$before" in *"app=site"*) echo "FAIL: the override did not switch 'site' off"; fail=1 ;; esac

# 3. grants in a database whose non-superuser owner installed pg_empathy
q -d postgres -c "CREATE ROLE pge_asp_owner LOGIN CREATEDB" -c "CREATE ROLE pge_asp_reader LOGIN"
q -d postgres -U pge_asp_owner -c "DROP DATABASE IF EXISTS pge_aspects_owner" -c "CREATE DATABASE pge_aspects_owner"
trap 'q -d postgres -c "DROP DATABASE IF EXISTS pge_aspects_owner" >/dev/null 2>&1; esc_cleanup' EXIT
q -d pge_aspects_owner -U pge_asp_owner -c "CREATE EXTENSION pg_empathy" \
	-c "INSERT INTO aspect_terms (aspect_set, aspect, term) VALUES ('mine', 'latency', 'ping')" \
	-c "GRANT INSERT ON aspect_terms TO pge_asp_reader" -c "REVOKE INSERT ON aspect_terms FROM pge_asp_reader"
owner=$(q -d pge_aspects_owner -U pge_asp_reader -c "SELECT string_agg(aspect, ',') FROM sentiment_aspects('ping is high', 'mine')")
expect "owner's own set, read by another role" "$owner" "latency"
denied=$(psql -X -qAt -d pge_aspects_owner -U pge_asp_reader -c "\\set VERBOSITY sqlstate" \
	-c "INSERT INTO aspect_terms (aspect_set, aspect, term) VALUES ('x', 'y', 'z')" 2>&1 || true)
expect "a role without grants writes aspect_terms" "$denied" "ERROR:  42501"
q -d postgres -c "DROP DATABASE pge_aspects_owner"
[ $fail = 0 ] || exit 1
echo "aspect_terms: edits reach a running session (8 cases), pg_dump/pg_restore keeps $(echo "$before" | cut -d' ' -f2) user rows and $(echo "$before" | cut -d' ' -f1) built-in rows once, owner edits and readers read (42501 on write)"
