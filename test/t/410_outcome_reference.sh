#!/usr/bin/env bash
# outcome_association, survival_counts / kaplan_meier and change_point against independent
# implementations (sklearn roc_auc_score, scipy mannwhitneyu / pointbiserialr / kstwobign,
# statsmodels Logit and SurvfuncRight; DeLong by midranks): test/ref/outcome_reference.py.
# Tolerance 1e-9 relative (p-values below 1e-6: 1e-7, as test 401).
set -euo pipefail
py=/usr/bin/python3
if ! $py -c 'import scipy, statsmodels, sklearn' 2>/dev/null; then
	echo "python3-scipy, python3-statsmodels and python3-sklearn are not installed"
	exit 77
fi
q() { psql -qXAt -F $'\t' -v ON_ERROR_STOP=1 -d pge_outcome "$@"; }
d=$PGE_TMP/outcome_ref
mkdir -p "$d"
$py "$PGE_ROOT/test/ref/outcome_reference.py" gen "$d"
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS pge_outcome" -c "CREATE DATABASE pge_outcome"
q <<SQL
CREATE EXTENSION pg_empathy;
CREATE TABLE assoc (g int, x float8, y boolean);
CREATE TABLE surv (g int, t float8, e boolean);
CREATE TABLE change (g int, t float8, y float8);
\copy assoc FROM '$d/assoc.tsv'
\copy surv FROM '$d/surv.tsv'
\copy change FROM '$d/change.tsv'
SQL
q -c "SET extra_float_digits = 3" -o "$d/assoc.out" -c "
SELECT g, (a).* FROM (SELECT g, outcome_association(x, y) a FROM assoc GROUP BY g) s ORDER BY g"
q -c "SET extra_float_digits = 3" -o "$d/km.out" -c "
SELECT s.g, k.* FROM (SELECT g, survival_counts(t, e) c FROM surv GROUP BY g) s, kaplan_meier(s.c) k
ORDER BY s.g, k.time"
q -c "SET extra_float_digits = 3" -o "$d/change.out" -c "
SELECT g, (c).n, extract(epoch FROM (c).change_time), (c).n_before, (c).n_after, (c).mean_before,
       (c).mean_after, (c).shift, (c).statistic, (c).p_value
FROM (SELECT g, change_point(to_timestamp(t), y) c FROM change GROUP BY g) s ORDER BY g"
psql -qXAt -d postgres -c "DROP DATABASE pge_outcome"
$py "$PGE_ROOT/test/ref/outcome_reference.py" check "$d"
