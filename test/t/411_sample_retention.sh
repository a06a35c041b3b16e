#!/usr/bin/env bash
# data/sample/retention.sql (customers, churn and referrals of the sample feedback): loads after
# feedback.sql, is deterministic (two loads give the same rows), and every query of the README's
# "Retention and referral walkthrough" prints exactly the output shown there.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
db=pge_sample_retention
export PGOPTIONS="-c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS '$db'" >/dev/null 2>&1 || true' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
digest="SELECT md5(string_agg(concat_ws('|', customer_id, region, segment, signed_up, renewal_date, churned, churned_on, referrals), ',' ORDER BY customer_id))
	|| md5((SELECT string_agg(conversation_id || ':' || customer_id, ',' ORDER BY conversation_id) FROM conversation_customers)) FROM customers"
q -c "CREATE EXTENSION pg_empathy" -f "$PGE_ROOT/data/sample/feedback.sql" -f "$PGE_ROOT/data/sample/retention.sql"
first=$(q -c "$digest")
q -c "DROP TABLE conversation_customers, customers" -f "$PGE_ROOT/data/sample/retention.sql"
second=$(q -c "$digest")
fail=0
[ "$first" = "$second" ] || { echo "FAILED: two loads differ"; fail=1; }
read -r n churned referred <<<"$(q -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE churned), count(*) FILTER (WHERE referrals > 0) FROM customers")"
[ "$n" = 300 ] || { echo "FAILED: $n customers, expected 300"; fail=1; }
# the README walkthrough: each ```sql block followed by its output block
dir=$PGE_TMP/sample_retention
mkdir -p "$dir"
/usr/bin/python3 - "$PGE_ROOT/README.md" "$dir" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
sec = text.split("### Retention and referral walkthrough", 1)[1].split("\n### ", 1)[0]
pairs = re.findall(r"```sql\n(.*?)```\n```\n(.*?)```", sec, re.S)
for i, (sql, out) in enumerate(pairs):
    open(f"{sys.argv[2]}/q{i}.sql", "w").write(sql)
    open(f"{sys.argv[2]}/want{i}.txt", "w").write(out)
PY
checked=0
for f in "$dir"/q*.sql; do
	i=${f##*/q}; i=${i%.sql}
	psql -X -v ON_ERROR_STOP=1 -d "$db" -P footer=off -f "$f" | sed 's/[[:space:]]*$//' | sed '$ {/^$/d}' >"$dir/got$i.txt"
	if ! diff -u "$dir/want$i.txt" "$dir/got$i.txt"; then
		echo "FAILED: README walkthrough query $i prints something else"
		fail=1
	fi
	checked=$((checked + 1))
done
[ "$checked" -ge 7 ] || { echo "FAILED: found $checked walkthrough queries, expected 7"; fail=1; }
echo "retention sample: $n customers, $churned churned, $referred referred; deterministic: $([ "$first" = "$second" ] && echo yes || echo NO); $checked README queries compared"
exit $fail
