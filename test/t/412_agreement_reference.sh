#!/usr/bin/env bash
# cohen_kappa, confusion_matrix, fleiss_kappa and krippendorff_alpha against independent
# implementations (sklearn.metrics, statsmodels.stats.inter_rater, Krippendorff's coincidence
# matrix in numpy): test/ref/agreement_reference.py.  Tolerance 1e-9 relative.
set -euo pipefail
py=/usr/bin/python3
if ! $py -c 'import scipy, statsmodels, sklearn' 2>/dev/null; then
	echo "python3-scipy, python3-statsmodels and python3-sklearn are not installed"
	exit 77
fi
q() { psql -qXAt -F $'\t' -v ON_ERROR_STOP=1 -d pge_agreement "$@"; }
d=$PGE_TMP/agreement_ref
mkdir -p "$d"
$py "$PGE_ROOT/test/ref/agreement_reference.py" gen "$d"
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS pge_agreement" -c "CREATE DATABASE pge_agreement"
q <<SQL
CREATE EXTENSION pg_empathy;
CREATE TABLE pairs (g int, a text, b text);
CREATE TABLE panel (g int, item text, label text);
\copy pairs FROM '$d/pairs.tsv'
\copy panel FROM '$d/panel.tsv'
SQL
q -c "SET extra_float_digits = 3" -o "$d/kappa.out" -c "
SELECT g, (k).* FROM (SELECT g, cohen_kappa(a, b) k FROM pairs GROUP BY g) s ORDER BY g"
q -c "SET extra_float_digits = 3" -o "$d/confusion.out" -c "
SELECT g, (c).n, (c).classes, (c).accuracy, (c).macro_precision, (c).macro_recall, (c).macro_f1,
       (c).weighted_f1, array_to_string((c).labels, chr(31)), array_to_string((c).support, chr(31)),
       array_to_string((c).predicted, chr(31)), array_to_string((c).true_positives, chr(31)),
       array_to_string((c).precision, chr(31)), array_to_string((c).recall, chr(31)),
       array_to_string((c).f1, chr(31))
FROM (SELECT g, confusion_matrix(a, b) c FROM pairs GROUP BY g) s ORDER BY g"
q -c "SET extra_float_digits = 3" -o "$d/panel.out" -c "
WITH eq AS (SELECT g, count(DISTINCT n) = 1 AS equal
            FROM (SELECT g, item, count(*) AS n FROM panel GROUP BY g, item) s GROUP BY g)
SELECT g, coalesce((f).items::text, 'unequal'), (f).ratings, (f).raters_per_item, (f).categories,
       (f).observed_agreement, (f).expected_agreement, (f).kappa,
       (k).items, (k).ratings, (k).categories, (k).observed_agreement, (k).expected_agreement, (k).alpha
FROM (SELECT g, fleiss_kappa(item, label) FILTER (WHERE eq.equal) AS f, krippendorff_alpha(item, label) AS k
      FROM panel JOIN eq USING (g) GROUP BY g) s ORDER BY g"
psql -qXAt -d postgres -c "DROP DATABASE pge_agreement"
$py "$PGE_ROOT/test/ref/agreement_reference.py" check "$d"
