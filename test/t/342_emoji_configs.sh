#!/usr/bin/env bash
# Emoji score the same in every configuration: each emoji of the emoji table
# (data/vader/emoji_utf8_lexicon.txt), alone, scored by every language configuration (with and
# without its learned layer) must score as the English lexicon configuration scores it
# ('en-rules' where 'en' is a learned model, else 'en').  Also prints how many emoji score
# non-zero, and the score of a few of them.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
db=pge_emoji_configs
q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
q -d $db -c "CREATE EXTENSION pg_empathy"
q -d $db -c "CREATE TABLE emoji (e text, description text)"
cut -f1,2 "$PGE_ROOT/data/vader/emoji_utf8_lexicon.txt" |
	q -d $db -c "\\copy emoji FROM STDIN WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"
ref=$(q -d $db -c "SELECT coalesce((SELECT name FROM sentiment_configs() WHERE name = 'en-rules'), 'en')")
out=$(q -d $db -F ' ' <<SQL
CREATE TEMP TABLE ref AS SELECT e, description, sentiment_score(e, '$ref') AS s FROM emoji;
CREATE TEMP TABLE cfgs AS
	SELECT name FROM sentiment_configs()
	WHERE language IN ('en', 'fr', 'es', 'pt', 'de', 'it', 'nl', 'da', 'sv', 'pl')
	  AND (name = '$ref' OR language <> 'en');
SELECT c.name, count(*), count(*) FILTER (WHERE sentiment_score(r.e, c.name) IS DISTINCT FROM r.s)
FROM cfgs c CROSS JOIN ref r GROUP BY c.name ORDER BY c.name;
SQL
)
echo "$out"
n_cfg=$(wc -l <<<"$out")
[ "$n_cfg" -ge 15 ] || fail "only $n_cfg configurations compared"
bad=$(awk '$3 != 0 { s += $3 } END { print s + 0 }' <<<"$out")
if [ "$bad" -ne 0 ]; then
	q -d $db -F ' | ' <<SQL
SELECT c.name, r.e, r.description, r.s AS ref, sentiment_score(r.e, c.name) AS score
FROM (SELECT name FROM sentiment_configs() WHERE language IN ('fr', 'es', 'pt', 'de', 'it', 'nl', 'da', 'sv', 'pl')) c,
	 (SELECT e, description, sentiment_score(e, '$ref') AS s FROM emoji) r
WHERE sentiment_score(r.e, c.name) IS DISTINCT FROM r.s ORDER BY 1, 2 LIMIT 30;
SQL
	fail "$bad emoji scores differ from '$ref'"
fi
total=$(q -d $db -c "SELECT count(*) FROM emoji")
scored=$(q -d $db -c "SELECT count(*) FROM emoji WHERE sentiment_score(e, '$ref') <> 0")
few=$(q -d $db -c "SELECT string_agg(e || ' ' || sentiment_score(e, 'de'), ', ' ORDER BY e) FROM unnest('{😍,😡,💔,💓,😥}'::text[]) e")
echo "emoji: $total scored in $n_cfg configurations, 0 differ from '$ref'; $scored score non-zero; 'de': $few"
