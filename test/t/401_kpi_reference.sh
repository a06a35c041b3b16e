#!/usr/bin/env bash
# Every KPI statistic against an independent implementation (Debian's python3-scipy and
# python3-statsmodels): kpi_trend vs scipy.stats.linregress, sentiment_stats / ces_stats vs
# numpy and scipy.stats.t.interval, Welch diffs vs scipy.stats.ttest_ind, CSAT Wilson and
# pooled z vs statsmodels, p_adjust vs statsmodels multipletests, kpi_control vs pandas ewm
# and expanding mean/std.  Tolerance 1e-9 relative
# (1e-12 for p_adjust); test/ref/kpi_reference.py documents the few exceptions.
set -euo pipefail
py=/usr/bin/python3
if ! $py -c 'import scipy, statsmodels, pandas' 2>/dev/null; then
	echo "python3-scipy, python3-statsmodels and python3-pandas are not installed"
	exit 77
fi
q() { psql -qXAt -F $'\t' -v ON_ERROR_STOP=1 -d pge_ref "$@"; }
d=$PGE_TMP/kpi_ref
mkdir -p "$d"
$py "$PGE_ROOT/test/ref/kpi_reference.py" gen "$d"
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS pge_ref" -c "CREATE DATABASE pge_ref"
q <<SQL
CREATE EXTENSION pg_empathy;
CREATE TABLE trend (g int, t float8, y float8);
CREATE TABLE means (g int, x float8, c int, k int);
CREATE TABLE pvals (g int, p float8[]);
CREATE TABLE control (g int, i int, x float8);
\copy trend FROM '$d/trend.tsv'
\copy means FROM '$d/means.tsv'
\copy pvals FROM '$d/pvals.tsv'
\copy control FROM '$d/control.tsv'
SQL
q -c "SET extra_float_digits = 3" -o "$d/trend.out" -c "
SELECT g, n, slope, intercept, std_error, ci_low, ci_high, p_value, r_squared
FROM (SELECT g, (kpi_trend(to_timestamp(t), y)).* FROM trend GROUP BY g) s ORDER BY g"
q -c "SET extra_float_digits = 3" -o "$d/means.out" -c "
SELECT g, (s).mean, (s).stddev, (s).ci_low, (s).ci_high, (c).mean, (c).stddev, (c).ci_low, (c).ci_high,
       (k).csat, (k).ci_low, (k).ci_high
FROM (SELECT g, sentiment_stats(x) s, ces_stats(c) c, csat_stats(k) k FROM means GROUP BY g) q ORDER BY g"
q -c "SET extra_float_digits = 3" -o "$d/diffs.out" -c "
WITH s AS (SELECT g, sentiment_stats(x) s, ces_stats(c) c, csat_stats(k) k FROM means GROUP BY g)
SELECT a.g, b.g, (sentiment_diff(a.s, b.s)).statistic, (sentiment_diff(a.s, b.s)).p_value, (sentiment_diff(a.s, b.s)).df,
       (ces_diff(a.c, b.c)).statistic, (ces_diff(a.c, b.c)).p_value, (ces_diff(a.c, b.c)).df,
       (csat_diff(a.k, b.k)).statistic, (csat_diff(a.k, b.k)).p_value
FROM s a JOIN s b ON b.g = a.g + 30 ORDER BY a.g"
q -c "SET extra_float_digits = 3" -o "$d/pvals.out" -c "
SELECT g, m, p_adjust(p, m) FROM pvals, unnest('{bh,holm,bonferroni}'::text[]) m ORDER BY g, m"
q -c "SET extra_float_digits = 3" -o "$d/control.out" -c "
SELECT g, i, (c).ewma, (c).lower_limit, (c).upper_limit
FROM (SELECT g, i, kpi_control(x, 0.25, 2.7) OVER (PARTITION BY g ORDER BY i) AS c FROM control) s ORDER BY g, i"
psql -qXAt -d postgres -c "DROP DATABASE pge_ref"
$py "$PGE_ROOT/test/ref/kpi_reference.py" check "$d"
