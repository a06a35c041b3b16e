#!/usr/bin/env bash
# Precision and recall of escalation_check() on test/data/escalation_labelled.tsv: messages
# written for this test (realistic support language, with the tricky negatives: "human
# resources", "law firm", "fourth year as customers", fireworks, negated intents), each
# labelled escalate yes/no and with the reason codes a reviewer expects.
# Fails when precision or recall of "escalate" is below 0.9.  Prints every disagreement.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
data="$PGE_ROOT/test/data/escalation_labelled.tsv"
db=pge_esc_accuracy
export PGOPTIONS="-c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS '$db'" >/dev/null 2>&1 || true' EXIT

psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE EXTENSION pg_empathy_workflow CASCADE;
CREATE TABLE labelled (id int PRIMARY KEY, escalate text, reasons text, message text);
\copy labelled FROM '$data' WITH (FORMAT text, HEADER true)
SQL

psql -X -v ON_ERROR_STOP=1 -d "$db" -At -F '	' <<'SQL' >"${PGE_TMP:-/tmp}/esc_accuracy.out"
CREATE TEMP TABLE res AS
SELECT l.id, l.message, l.escalate = 'yes' AS want,
	   CASE WHEN l.reasons = '-' THEN '{}'::text[] ELSE string_to_array(l.reasons, ',') END AS want_reasons,
	   (e).escalate AS got, (e).reasons AS got_reasons
FROM labelled l, LATERAL (SELECT escalation_check(l.message) AS e) c;

SELECT 'messages', count(*), 'escalate', count(*) FILTER (WHERE want), 'calm', count(*) FILTER (WHERE NOT want) FROM res;
SELECT 'confusion', 'tp', count(*) FILTER (WHERE want AND got), 'fp', count(*) FILTER (WHERE NOT want AND got),
	   'fn', count(*) FILTER (WHERE want AND NOT got), 'tn', count(*) FILTER (WHERE NOT want AND NOT got) FROM res;
SELECT 'escalate', 'precision', round(count(*) FILTER (WHERE want AND got)::numeric / nullif(count(*) FILTER (WHERE got), 0), 3),
	   'recall', round(count(*) FILTER (WHERE want AND got)::numeric / nullif(count(*) FILTER (WHERE want), 0), 3) FROM res;
-- per reason: a reason counts as found when escalation_check reports it
SELECT 'reason', r, 'precision', coalesce(round(count(*) FILTER (WHERE w AND g)::numeric / nullif(count(*) FILTER (WHERE g), 0), 3)::text, '-'),
	   'recall', coalesce(round(count(*) FILTER (WHERE w AND g)::numeric / nullif(count(*) FILTER (WHERE w), 0), 3)::text, '-'),
	   'support', count(*) FILTER (WHERE w)
FROM res, unnest(ARRAY['negative_sentiment','human_request','churn_risk','legal_threat','repeat_contact',
					   'ai_failure','abuse','safety','urgency']) r,
	 LATERAL (SELECT r = ANY (want_reasons) AS w, r = ANY (got_reasons) AS g) x
GROUP BY r ORDER BY r;
SELECT 'miss', id, CASE WHEN want THEN 'FN' ELSE 'FP' END, array_to_string(got_reasons, ','), message
FROM res WHERE want <> got ORDER BY id;
-- the default is 'en-rules' (the threshold was calibrated on its compound); the same check with
-- the learned 'en' and the same threshold, for the README's comparison (not gated)
SELECT 'compare', c, 'precision', round(count(*) FILTER (WHERE want AND (e).escalate)::numeric / nullif(count(*) FILTER (WHERE (e).escalate), 0), 3),
	   'recall', round(count(*) FILTER (WHERE want AND (e).escalate)::numeric / nullif(count(*) FILTER (WHERE want), 0), 3),
	   'negative_sentiment precision', coalesce(round(count(*) FILTER (WHERE ns_w AND ns_g)::numeric / nullif(count(*) FILTER (WHERE ns_g), 0), 3)::text, '-'),
	   'recall', coalesce(round(count(*) FILTER (WHERE ns_w AND ns_g)::numeric / nullif(count(*) FILTER (WHERE ns_w), 0), 3)::text, '-')
FROM res, unnest(ARRAY['en-rules', 'en']) c,
	 LATERAL (SELECT escalation_check(res.message, c) AS e) x,
	 LATERAL (SELECT 'negative_sentiment' = ANY (want_reasons) AS ns_w, 'negative_sentiment' = ANY ((e).reasons) AS ns_g) y
GROUP BY c ORDER BY c DESC;
SQL
cat "${PGE_TMP:-/tmp}/esc_accuracy.out"
read -r p r < <(awk -F'\t' '$1 == "escalate" { print $3, $5 }' "${PGE_TMP:-/tmp}/esc_accuracy.out")
n=$(awk -F'\t' '$1 == "messages" { print $2 }' "${PGE_TMP:-/tmp}/esc_accuracy.out")
echo "escalation_check on $n labelled messages: precision $p, recall $r (target >= 0.9 each)"
awk -F'\t' '$1 == "compare" { printf "  config %s: precision %s, recall %s; negative_sentiment precision %s, recall %s\n", $2, $4, $6, $8, $10 }' \
	"${PGE_TMP:-/tmp}/esc_accuracy.out"
if [ "$n" -lt 200 ] || awk -v p="$p" -v r="$r" 'BEGIN { exit !(p < 0.9 || r < 0.9) }'; then
	echo "FAILED: below target"
	exit 1
fi
