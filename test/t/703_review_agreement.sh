#!/usr/bin/env bash
# Machine against human per language and region (issue 12, "where the machine is not to be
# trusted"; the README table of "Agreement and model quality" is this test's output).
# The human labels are the project's own labelled sets: test/data/languages/<lang>.tsv (9
# languages, 66 texts each) and test/data/feedback_labelled.tsv (English, 809 texts).  They are
# assigned to the regions of the cultural-dashboard sample (data/sample/feedback_intl.sql):
# de DACH, fr France and Benelux (alternate rows), nl Benelux, es Iberia and LATAM (alternate
# rows), pt LATAM, it Italy, da and sv Nordics, pl Poland, en UK & Ireland.  Each text becomes a
# row of a table and its human label goes into the label store with review_label(), scored by
# the configuration of its language; the table is then read back from review_final_labels.
# Per region and language: n, cohen_kappa(machine, human) with its 95% interval, accuracy and
# macro-F1 from confusion_matrix, and the rule: "too few to say" below 30 texts; "check" when
# the interval's lower end is below 0.4 or macro-F1 below 0.6; else "trust".
# Checks that every label went through the store, that the stored machine label is
# sentiment_label(sentiment_score(body, language)) and that accuracy and n agree with a plain
# count; fails on any mismatch (not on the figures, which describe the machine).  Where the
# language's configuration was trained on these texts (its provenance in sentiment_configs()
# names them: the learned layers of fr, de, it, pt, es, and 'en-learned'), the figures are
# in-sample and marked; a second table scores the same texts with '<lang>-rules', which were not
# trained on them.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
export PGOPTIONS="-c client_min_messages=warning"
export PGDATABASE=pge_review_agreement
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" >/dev/null 2>&1 || true' EXIT
cd "$PGE_ROOT"
{
	for f in test/data/languages/*.tsv; do
		tail -n +2 "$f" | awk -F'\t' -v OFS='\t' -v lang="$(basename "$f" .tsv)" '{ print lang, $1, $2 }'
	done
	tail -n +2 test/data/feedback_labelled.tsv | awk -F'\t' -v OFS='\t' '{ print "en", $1, $3 }'
} >"${PGE_TMP:-/tmp}/review_agreement.tsv"
expected=$(wc -l <"${PGE_TMP:-/tmp}/review_agreement.tsv")

psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION pg_empathy_workflow CASCADE;
CREATE TABLE staging (n serial, language text, label text, body text);
\copy staging (language, label, body) FROM '${PGE_TMP:-/tmp}/review_agreement.tsv' WITH (FORMAT text, DELIMITER E'\t')
-- the rows, in the sample's regions (fr and es alternate between their two regions)
CREATE TABLE feedback_labelled (id int PRIMARY KEY, region text NOT NULL, language text NOT NULL, body text NOT NULL);
INSERT INTO feedback_labelled
SELECT n, CASE language WHEN 'de' THEN 'DACH' WHEN 'it' THEN 'Italy' WHEN 'nl' THEN 'Benelux'
						WHEN 'pt' THEN 'LATAM' WHEN 'pl' THEN 'Poland' WHEN 'da' THEN 'Nordics' WHEN 'sv' THEN 'Nordics'
						WHEN 'fr' THEN CASE WHEN n % 2 = 0 THEN 'France' ELSE 'Benelux' END
						WHEN 'es' THEN CASE WHEN n % 2 = 0 THEN 'Iberia' ELSE 'LATAM' END
						ELSE 'UK & Ireland' END,
	   language, body
FROM staging;
-- the human labels go into the label store, the machine's reading (in the text's language) with them
SELECT count(review_label('feedback_labelled', jsonb_build_object('id', s.n::text), s.label,
						  body => s.body, config => s.language)) AS labelled
FROM staging s \gset
SQL

psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
-- the rule: too few to say below 30 texts; check when kappa's 95% interval starts below 0.4 or
-- macro-F1 is below 0.6; else trust
CREATE FUNCTION trust_rule(k cohen_kappa_result, c confusion_matrix_result, OUT machine text, OUT why text)
	LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN (k).n < 30 THEN 'too few to say'
				WHEN (k).ci_low IS NULL OR (k).ci_low < 0.4 OR (c).macro_f1 < 0.6 THEN 'check'
				ELSE 'trust' END,
		   nullif(concat_ws('; ', CASE WHEN (k).n >= 30 AND ((k).ci_low IS NULL OR (k).ci_low < 0.4) THEN 'kappa low end < 0.4' END,
						   CASE WHEN (k).n >= 30 AND (c).macro_f1 < 0.6 THEN 'macro-F1 < 0.6' END), '')
	$$;
-- the human label against the machine's label stored with it (configuration = the language);
-- in_sample: that configuration was trained on these texts (its provenance names them)
CREATE VIEW agreement AS
SELECT region, language, config, in_sample, (k).n, (k).kappa, (k).ci_low, (k).ci_high, (c).accuracy, (c).macro_f1,
	   (trust_rule(k, c)).machine, concat_ws('; ', (trust_rule(k, c)).why,
											CASE WHEN in_sample THEN 'trained on these texts' END) AS why,
	   agree
FROM (SELECT t.region, t.language, min(t.language) AS config,
			 bool_or(p.provenance ~ ('test/data/languages/' || t.language || '\.tsv|pg_empathy feedback set')) AS in_sample,
			 cohen_kappa(f.machine_label, f.label) AS k, confusion_matrix(f.machine_label, f.label) AS c,
			 count(*) FILTER (WHERE f.machine_label = f.label) AS agree
	  FROM review_final_labels f JOIN feedback_labelled t ON f.row_key = jsonb_build_object('id', t.id::text)
	  JOIN sentiment_configs() p ON p.name = t.language
	  WHERE f.source = 'feedback_labelled'::regclass
	  GROUP BY GROUPING SETS ((t.region, t.language), ())) s;
-- the same texts scored by the lexicon and rules alone ('<lang>-rules', where the configuration
-- of the language has a learned layer), which were not trained on them
CREATE VIEW agreement_rules AS
SELECT region, language, config, (k).n, (k).kappa, (k).ci_low, (k).ci_high, (c).accuracy, (c).macro_f1,
	   (trust_rule(k, c)).*
FROM (SELECT t.region, t.language, r.name AS config,
			 cohen_kappa(sentiment_label(sentiment_score(t.body, r.name)), f.label) AS k,
			 confusion_matrix(sentiment_label(sentiment_score(t.body, r.name)), f.label) AS c
	  FROM review_final_labels f JOIN feedback_labelled t ON f.row_key = jsonb_build_object('id', t.id::text)
	  JOIN sentiment_configs() r ON r.name = t.language || '-rules'
	  WHERE f.source = 'feedback_labelled'::regclass
	  GROUP BY t.region, t.language, r.name) s;
SELECT coalesce(region, 'all') AS region, coalesce(language, 'all') AS language, n,
	   round(kappa::numeric, 3) AS kappa, format('%s … %s', round(ci_low::numeric, 3), round(ci_high::numeric, 3)) AS kappa_95,
	   round(accuracy::numeric, 3) AS accuracy, round(macro_f1::numeric, 3) AS macro_f1, machine, why
FROM agreement ORDER BY region IS NULL, region, language;
SELECT region, config, n,
	   round(kappa::numeric, 3) AS kappa, format('%s … %s', round(ci_low::numeric, 3), round(ci_high::numeric, 3)) AS kappa_95,
	   round(accuracy::numeric, 3) AS accuracy, round(macro_f1::numeric, 3) AS macro_f1, machine, why
FROM agreement_rules ORDER BY region, config;
SQL

# checks: every label through the store, stored machine labels as recomputed, counts
read -r labels finals mismatched total_n cells bad_accuracy <<<"$(psql -X -At -F ' ' -v ON_ERROR_STOP=1 -c "
	SELECT (SELECT count(*) FROM review_labels WHERE source = 'feedback_labelled'::regclass AND origin = 'manual'),
		   (SELECT count(*) FROM review_final_labels WHERE source = 'feedback_labelled'::regclass),
		   (SELECT count(*) FROM review_final_labels f JOIN feedback_labelled t ON f.row_key = jsonb_build_object('id', t.id::text)
			 WHERE f.source = 'feedback_labelled'::regclass
			   AND f.machine_label IS DISTINCT FROM sentiment_label(sentiment_score(t.body, t.language))),
		   (SELECT n FROM agreement WHERE region IS NULL),
		   (SELECT count(*) FROM agreement WHERE region IS NOT NULL),
		   (SELECT count(*) FROM agreement WHERE abs(accuracy - agree::float8 / n) > 1e-12)")"
fail=0
[ "$labels" = "$expected" ] || { echo "FAILED: $labels labels stored, expected $expected"; fail=1; }
[ "$finals" = "$expected" ] || { echo "FAILED: $finals final labels, expected $expected"; fail=1; }
[ "$total_n" = "$expected" ] || { echo "FAILED: the table counts $total_n texts, expected $expected"; fail=1; }
[ "$mismatched" = 0 ] || { echo "FAILED: $mismatched stored machine labels differ from sentiment_label(sentiment_score(body, language))"; fail=1; }
[ "$bad_accuracy" = 0 ] || { echo "FAILED: $bad_accuracy cells whose accuracy is not the plain share of agreement"; fail=1; }
[ "$cells" = 12 ] || { echo "FAILED: $cells region and language cells, expected 12"; fail=1; }
summary=$(psql -X -At -c "SELECT format('%s cells: %s trust (%s of them in-sample), %s check, %s too few to say; all %s texts: kappa %s, accuracy %s, macro-F1 %s',
	count(*) FILTER (WHERE region IS NOT NULL), count(*) FILTER (WHERE region IS NOT NULL AND machine = 'trust'),
	count(*) FILTER (WHERE region IS NOT NULL AND machine = 'trust' AND in_sample),
	count(*) FILTER (WHERE region IS NOT NULL AND machine = 'check'), count(*) FILTER (WHERE region IS NOT NULL AND machine = 'too few to say'),
	max(n) FILTER (WHERE region IS NULL), round(max(kappa) FILTER (WHERE region IS NULL)::numeric, 3),
	round(max(accuracy) FILTER (WHERE region IS NULL)::numeric, 3), round(max(macro_f1) FILTER (WHERE region IS NULL)::numeric, 3))
	FROM agreement")
[ "$fail" = 0 ] || exit 1
echo "ok: $labels human labels through review_label(), machine labels as recomputed; $summary"
