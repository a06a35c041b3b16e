#!/usr/bin/env bash
# Sentiment per language on the UMSAB validation splits (../shared/data/train/umsab/<language>/
# val_*, 323 tweets each, labels 0 negative / 1 neutral / 2 positive): macro-F1 over the three
# classes with ±0.05 thresholds on sentiment_score(text, '<lang>'), printed next to the target
# (the fastText baseline published for the benchmark's test split).  '<lang>' is the learned
# layer, trained on train_* with its epochs and L2 chosen on these val splits (so its figure is
# tuned-on, not held out); '<lang>-rules' is the lexicon alone, whose words and rules were not
# tuned on val.  Fails when a configuration falls below the floor it had when this test was
# written, less 0.02 (a regression check; the targets are reported, see README).
set -euo pipefail
umsab="$PGE_SHARED/data/train/umsab"
if [ ! -f "$umsab/french/val_text.txt" ]; then
	echo "UMSAB splits not found in $umsab (needs ../shared)"
	exit 77
fi
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
db=pge_umsab_$$
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
q -d postgres -c "CREATE DATABASE $db"
q -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION pg_empathy"
q -d $db -c "CREATE TABLE val (lang text, label int, body text)"
# config target floor
specs="fr:french:0.548:0.59 fr-rules:french:0.548:0.49 de:german:0.596:0.57 de-rules:german:0.596:0.44
	it:italian:0.547:0.52 it-rules:italian:0.547:0.48 pt:portuguese:0.551:0.54 pt-rules:portuguese:0.551:0.48
	es:spanish:0.501:0.55 es-rules:spanish:0.501:0.48 en:english:-:0.58"
for s in $specs; do
	IFS=: read -r cfg dir _ _ <<<"$s"
	paste "$umsab/$dir/val_labels.txt" "$umsab/$dir/val_text.txt" | sed "s/^/$cfg\t/" |
		q -d $db -c "\\copy val FROM STDIN WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"
done
results=$(q -d $db -F ' ' <<'SQL'
WITH p AS (
	SELECT lang, label AS g,
		   CASE WHEN sentiment_score(body, lang) >= 0.05 THEN 2
				WHEN sentiment_score(body, lang) <= -0.05 THEN 0 ELSE 1 END AS p
	FROM val
), f AS (
	SELECT lang, c,
		   2.0 * count(*) FILTER (WHERE p = c AND g = c) /
		   nullif(count(*) FILTER (WHERE p = c) + count(*) FILTER (WHERE g = c), 0) AS f1
	FROM p, generate_series(0, 2) AS c GROUP BY lang, c
)
SELECT lang, round(avg(coalesce(f1, 0)), 3), (SELECT count(*) FROM val v WHERE v.lang = f.lang)
FROM f GROUP BY lang ORDER BY lang;
SQL
)
fail=0
line="UMSAB val macro-F1 (target):"
for s in $specs; do
	IFS=: read -r cfg _ target floor <<<"$s"
	read -r _ f1 n < <(grep "^$cfg " <<<"$results")
	echo "$cfg n=$n macro-F1 $f1 target $target floor $floor"
	line="$line $cfg $f1 ($target)"
	if awk -v a="$f1" -v b="$floor" 'BEGIN { exit !(a < b) }'; then
		echo "FAIL: $cfg macro-F1 $f1 below the floor $floor"
		fail=1
	fi
done
echo "$line"
exit $fail
