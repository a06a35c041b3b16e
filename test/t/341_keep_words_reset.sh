#!/usr/bin/env bash
# The tokenizer's keep_words flag (words kept for the escalation matcher) must not outlive a
# failed call: an escalation_check that fails half-way (a text over the tokenizer's word limit)
# and then, in the same backend, plain scoring calls must take the plain path, which does not
# copy the words.  sentiment_sql.c reports that copy at DEBUG1; none may appear.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
db=pge_keep_words
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql -qX -v ON_ERROR_STOP=1 -d $db -c "CREATE EXTENSION pg_empathy_workflow CASCADE"
out=$(psql -X -d $db 2>&1 <<'SQL'
SELECT (escalation_check('a quick check, thanks')).escalate AS before_ok;
SELECT (escalation_check(repeat('a ', 4200000))).escalate;
SET client_min_messages = debug1;
SELECT sentiment_score('good service') AS score_after;
SELECT (sentiment('good service', 'en')).compound AS sentiment_after;
SELECT sentiment_score('Der Service war sehr gut', 'de') AS de_after;
SELECT (escalation_check('I want a human')).escalate AS check_after;
SELECT sentiment_score('good service') AS score_after_check;
SQL
)
echo "$out"
grep -q 'more than 4194304 words' <<<"$out" || fail "the oversized escalation_check did not fail as expected"
ref=$(psql -qXAt -d $db -c "SELECT sentiment_score('good service')")
[ "$(grep -A2 score_after_check <<<"$out" | tail -1 | tr -d ' ')" = "$ref" ] \
	|| fail "scoring after the failure differs from a fresh session's $ref"
n=$(grep -c 'tokenizer kept the words' <<<"$out" || true)
[ "$n" -eq 0 ] || fail "$n scoring calls after the failed call kept their words"
echo "keep_words: 1 failed escalation_check, 5 later calls, $n took the word-keeping path"
