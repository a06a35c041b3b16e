#!/usr/bin/env bash
# Who can install what.  A role without superuser that owns its database (CREATEDB, created the
# database itself) installs the trusted core pg_empathy into a schema of its own and uses
# scoring and KPIs; another plain role uses them with USAGE on that schema only.  The same
# owner is refused pg_empathy_workflow with "permission denied" (42501); a superuser then
# installs the workflow into the same schema, and the owner's tables can use it.  The catalog
# check: no member of pg_empathy is SECURITY DEFINER, has a SET clause, or is written in an
# untrusted procedural language (C, the extension's own library, is the implementation).
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
db=pge_trusted
cleanup() {
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS pge_owner" \
		-c "DROP ROLE IF EXISTS pge_reader" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
q -d postgres -c "CREATE ROLE pge_owner LOGIN CREATEDB" -c "CREATE ROLE pge_reader LOGIN"
q -d postgres -U pge_owner -c "CREATE DATABASE $db"
[ "$(q -d $db -U pge_owner -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" = f ] || fail "pge_owner is a superuser"

# the database owner installs the core, in a schema of its own
q -d $db -U pge_owner <<'SQL'
CREATE SCHEMA empathy;
CREATE EXTENSION pg_empathy SCHEMA empathy;
GRANT USAGE ON SCHEMA empathy TO pge_reader;
CREATE TABLE feedback (id int PRIMARY KEY, body text, nps int, csat int);
INSERT INTO feedback VALUES (1, 'Great service, thank you!', 10, 5), (2, 'Terrible, still waiting.', 2, 1),
	(3, 'It was ok', 8, 4), (4, 'Love it 😀', 9, 5);
GRANT SELECT ON feedback TO pge_reader;
SQL
owner=$(q -d $db -c "SELECT extowner::regrole FROM pg_extension WHERE extname = 'pg_empathy'")
[ "$owner" = pge_owner ] || fail "pg_empathy is owned by $owner, not by the database owner"
uses="SET search_path = public, empathy;
SELECT sum(sentiment_score(body))::numeric(6,4), count(*) FILTER (WHERE (sentiment(body, 'en-rules')).compound > 0.05),
	round(nps(nps)::numeric, 1), round(csat(csat)::numeric, 1), round((sentiment_stats(sentiment_score(body))).mean::numeric, 4),
	(nps_diff((SELECT nps_stats(nps) FROM feedback WHERE id <= 2), (SELECT nps_stats(nps) FROM feedback WHERE id > 2))).significant
FROM feedback;"
as_owner=$(q -d $db -U pge_owner -c "$uses")
as_reader=$(q -d $db -U pge_reader -c "$uses")
[ "$as_owner" = "$as_reader" ] || fail "owner and reader got different results: $as_owner / $as_reader"
[ "$(cut -d'|' -f2-4 <<<"$as_owner")" = "3|25.0|75.0" ] || fail "scoring/KPIs as the owner: $as_owner"

# the workflow is not for the database owner
if out=$(q -d $db -U pge_owner -c "CREATE EXTENSION pg_empathy_workflow SCHEMA empathy" 2>&1); then
	fail "a non-superuser created pg_empathy_workflow"
fi
grep -q 'permission denied to create extension "pg_empathy_workflow"' <<<"$out" || fail "unexpected error: $out"
grep -q 'Must be superuser' <<<"$out" || fail "no hint in: $out"
state=$(psql -qXAt -d $db -U pge_owner -c "\\set VERBOSITY verbose" -c "CREATE EXTENSION pg_empathy_workflow SCHEMA empathy" 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' || true)
[ "$state" = 42501 ] || fail "SQLSTATE $state, expected 42501"

# a superuser adds it to the same schema; the owner's table can then be watched
q -d $db -c "CREATE EXTENSION pg_empathy_workflow SCHEMA empathy"
# watching a table is for members of empathy_admin (EXECUTE on the trigger is not PUBLIC's)
q -d $db -c "GRANT empathy_admin TO pge_owner"
q -d $db -U pge_owner <<'SQL'
SET search_path = public, empathy;
CREATE TRIGGER feedback_escalation AFTER INSERT ON feedback
	FOR EACH ROW EXECUTE FUNCTION empathy.escalation_trigger('body');
INSERT INTO feedback VALUES (5, 'I want to talk to a human, this is useless', 0, 1);
SQL
queued=$(q -d $db -c "SELECT string_agg(array_to_string(reasons, ','), ';') FROM empathy.escalation_queue")
[ -n "$queued" ] && [[ "$queued" == *human_request* ]] || fail "escalation_trigger on the owner's table queued: '$queued'"

# catalog: what makes the core safe to trust
audit=$(q -d $db <<'SQL'
SELECT count(*),
	count(*) FILTER (WHERE p.prosecdef),
	count(*) FILTER (WHERE p.proconfig IS NOT NULL),
	coalesce(string_agg(DISTINCT l.lanname, ',' ORDER BY l.lanname), ''),
	count(*) FILTER (WHERE NOT l.lanpltrusted AND l.lanname NOT IN ('c', 'internal'))
FROM pg_depend d
JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_empathy');
SQL
)
IFS='|' read -r nfun nsecdef nconfig langs nuntrusted <<<"$audit"
[ "$nsecdef" = 0 ] || fail "$nsecdef SECURITY DEFINER functions in pg_empathy"
[ "$nconfig" = 0 ] || fail "$nconfig functions with SET clauses in pg_empathy"
[ "$nuntrusted" = 0 ] || fail "$nuntrusted functions in an untrusted procedural language in pg_empathy ($langs)"
wsecdef=$(q -d $db -c "SELECT count(*) FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND p.prosecdef
	AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_empathy_workflow')")
ctl=$(q -d $db -c "SELECT string_agg(name || '=' || trusted || '/' || superuser, ' ' ORDER BY name) FROM pg_available_extension_versions
	WHERE name LIKE 'pg_empathy%' AND installed")
[ "$ctl" = "pg_empathy=true/true pg_empathy_workflow=false/true" ] || fail "control files: $ctl"

# and the owner can remove what it installed, once the superuser has removed the workflow
q -d $db -c "DROP TRIGGER feedback_escalation ON feedback" -c "SET pg_empathy.allow_drop_queue = on" \
	-c "DROP EXTENSION pg_empathy_workflow" -c "REVOKE empathy_admin FROM pge_owner"
q -d $db -U pge_owner -c "DROP EXTENSION pg_empathy"

echo "non-superuser database owner: CREATE EXTENSION pg_empathy SCHEMA empathy ok, scoring and KPIs ok (also for a reader with USAGE only); pg_empathy_workflow refused (42501, must be superuser)"
echo "superuser installed pg_empathy_workflow into the owner's schema; trigger on the owner's table queued: $queued"
echo "pg_empathy: $nfun functions, $nsecdef SECURITY DEFINER, $nconfig with SET, languages {$langs}, $nuntrusted in an untrusted procedural language; pg_empathy_workflow has $wsecdef SECURITY DEFINER"
