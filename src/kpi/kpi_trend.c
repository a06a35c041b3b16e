/*
 * kpi_trend.c
 *	  Pure C core of kpi_trend (least-squares trend of a KPI over time) and of
 *	  p_adjust (Holm and Benjamini-Hochberg adjustment of many p-values).
 *
 * Trend state (float8[], tag 3106):
 *	{3106, n, unit, x0, Sx, Sx_c, Sy, Sy_c, Sxx, Sxx_c, Sxy, Sxy_c, Syy, Syy_c}
 * x is the time in seconds after the reference x0 (whole seconds since
 * 2000-01-01, the first row's time), so the sums stay small whatever the
 * epoch; unit is the slope's time unit in seconds.  Each sum carries a
 * Neumaier compensation term so that the inverse transition (moving
 * windows) does not drift.  Combining states with different references
 * shifts one of them through its centred sums (see KpiTrendMerge).  Precision:
 * a state's sums are relative to its first row's second, so a moving window
 * that has moved far from that time loses about (distance / frame span)^2
 * ulps in the centred sums (a 7-day frame a year on: ~2500 ulps, 1e-13).
 * The final function centres the sums (Sxx - Sx^2 / n, ...) and fits
 * y = a + b x by ordinary least squares, as scipy.stats.linregress does.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kpi_layout.h"
#include "kpi_stats.h"
#include "kpi_trend.h"

/* add w * (x, y) to the sums (w = +1 add a row, -1 remove it) */
static void
trend_sums(double *v, double w, double x, double y)
{
	KpiCompensatedAdd(&v[TREND_SX], &v[TREND_SX_C], w * x);
	KpiCompensatedAdd(&v[TREND_SY], &v[TREND_SY_C], w * y);
	KpiCompensatedAdd(&v[TREND_SXX], &v[TREND_SXX_C], w * x * x);
	KpiCompensatedAdd(&v[TREND_SXY], &v[TREND_SXY_C], w * x * y);
	KpiCompensatedAdd(&v[TREND_SYY], &v[TREND_SYY_C], w * y * y);
}

/*
 * Add one row: t_us microseconds since 2000-01-01, value y (finite).
 */
void
KpiTrendAdd(double *v, int64_t t_us, double y)
{
	double		x;

	if (v[KPI_N] == 0)
	{
		memset(&v[TREND_X0], 0, sizeof(double) * (TREND_STATE_LEN - TREND_X0));
		/* floor division: whole seconds, exact in a double */
		v[TREND_X0] = (double) (t_us / 1000000 - (t_us % 1000000 < 0 ? 1 : 0));
	}
	x = (double) (t_us - (int64_t) v[TREND_X0] * 1000000) / 1e6;
	v[KPI_N] += 1;
	trend_sums(v, 1.0, x, y);
}

/*
 * Remove a row added before (moving windows).  Returns false if the state
 * has no row to remove.
 */
bool
KpiTrendRemove(double *v, int64_t t_us, double y)
{
	double		x;

	if (v[KPI_N] < 1)
		return false;
	v[KPI_N] -= 1;
	if (v[KPI_N] == 0)
	{
		/* an empty window has exactly zero sums */
		memset(&v[TREND_X0], 0, sizeof(double) * (TREND_STATE_LEN - TREND_X0));
		return true;
	}
	x = (double) (t_us - (int64_t) v[TREND_X0] * 1000000) / 1e6;
	trend_sums(v, -1.0, x, y);
	return true;
}

/* the total of a compensated sum */
#define TOTAL(v, i) ((v)[i] + (v)[(i) + 1])

const char *
KpiTrendProblem(const double *v, int len)
{
	double		n;
	int			i;

	if (len != TREND_STATE_LEN)
		return "The state has the wrong number of elements.";
	if (v[KPI_TAG] != TREND_TAG)
		return "The state has the wrong format tag.";
	n = v[KPI_N];
	if (!(n >= 0 && n <= KPI_MAX_COUNT && n == floor(n)))
		return "The row count must be a non-negative whole number.";
	if (!(v[TREND_UNIT] >= 0 && v[TREND_UNIT] <= KPI_TREND_MAX_UNIT) || (n > 0 && v[TREND_UNIT] == 0))
		return "The unit must be a positive number of seconds up to 1e17 (0 before the first row).";
	if (!(fabs(v[TREND_X0]) <= 1e13 && v[TREND_X0] == floor(v[TREND_X0])))
		return "The reference time must be a whole number of seconds.";
	for (i = TREND_SX; i < TREND_STATE_LEN; i++)
		if (!isfinite(v[i]))
			return "Sums must be finite.";
	if (n == 0)
	{
		for (i = TREND_X0; i < TREND_STATE_LEN; i++)
			if (v[i] != 0)
				return "An empty state must have zero sums.";
		return NULL;
	}
	/* Cauchy-Schwarz, up to rounding: (Sx)^2 <= n Sxx, (Sy)^2 <= n Syy, (Sxy)^2 <= Sxx Syy */
	if (TOTAL(v, TREND_SXX) < 0 || TOTAL(v, TREND_SYY) < 0 ||
		TOTAL(v, TREND_SX) * TOTAL(v, TREND_SX) > n * TOTAL(v, TREND_SXX) * (1 + 1e-9) + 1e-9 ||
		TOTAL(v, TREND_SY) * TOTAL(v, TREND_SY) > n * TOTAL(v, TREND_SYY) * (1 + 1e-9) + 1e-9 ||
		fabs(TOTAL(v, TREND_SXY)) > sqrt(TOTAL(v, TREND_SXX)) * sqrt(TOTAL(v, TREND_SYY)) * (1 + 1e-9) + 1e-9)
		return "The sums of squares are not consistent with the sums.";
	return NULL;
}

/*
 * Merge valid state v2 into valid state v1.  Units must agree.
 */
KpiMergeResult
KpiTrendMerge(double *v1, const double *v2)
{
	double		s[TREND_STATE_LEN];
	double		d,
				n2;
	int			i;

	if (v2[KPI_N] == 0)
		return KPI_MERGE_OK;
	if (v1[KPI_N] == 0)
	{
		memcpy(v1, v2, sizeof(s));
		return KPI_MERGE_OK;
	}
	if (v1[TREND_UNIT] != v2[TREND_UNIT])
		return KPI_MERGE_SCALE;
	if (v1[KPI_N] + v2[KPI_N] > KPI_MAX_COUNT)
		return KPI_MERGE_OVERFLOW;

	/* v2's sums as seen from v1's reference: x' = x + d */
	memcpy(s, v2, sizeof(s));
	n2 = v2[KPI_N];
	d = v2[TREND_X0] - v1[TREND_X0];
	if (d != 0)
	{
		/*
		 * Shift through the centred sums: Sx' = n (mx + d), Sxx' = Cxx + n (mx + d)^2,
		 * Sxy' = Cxy + n (mx + d) my.  Expanding Sxx + 2 d Sx + n d^2 instead
		 * cancels catastrophically when the rows lie far from v2's reference
		 * but near v1's (found by the fuzzer).
		 */
		double		mx = TOTAL(v2, TREND_SX) / n2,
					my = TOTAL(v2, TREND_SY) / n2,
					cxx = fmax(0.0, TOTAL(v2, TREND_SXX) - TOTAL(v2, TREND_SX) * mx),
					cxy = TOTAL(v2, TREND_SXY) - TOTAL(v2, TREND_SX) * my,
					mx1 = mx + d;

		s[TREND_SX] = n2 * mx1;
		s[TREND_SX_C] = 0;
		s[TREND_SXX] = cxx;
		s[TREND_SXX_C] = 0;
		KpiCompensatedAdd(&s[TREND_SXX], &s[TREND_SXX_C], n2 * mx1 * mx1);
		s[TREND_SXY] = cxy;
		s[TREND_SXY_C] = 0;
		KpiCompensatedAdd(&s[TREND_SXY], &s[TREND_SXY_C], n2 * mx1 * my);
	}
	v1[KPI_N] += n2;
	for (i = TREND_SX; i < TREND_STATE_LEN; i += 2)
	{
		KpiCompensatedAdd(&v1[i], &v1[i + 1], s[i]);
		v1[i + 1] += s[i + 1];
	}
	return KPI_MERGE_OK;
}

/*
 * Least-squares fit of a valid, non-empty state.  Fields that are undefined
 * (slope with one distinct time, standard error with n < 3) are NaN.
 */
void
KpiTrendFit(const double *v, KpiTrendResult *r)
{
	double		n = v[KPI_N],
				unit = v[TREND_UNIT],
				sx = TOTAL(v, TREND_SX),
				sy = TOTAL(v, TREND_SY),
				mx = sx / n,
				my = sy / n,
				sxx = fmax(0.0, TOTAL(v, TREND_SXX) - sx * mx),
				sxy = TOTAL(v, TREND_SXY) - sx * my,
				syy = fmax(0.0, TOTAL(v, TREND_SYY) - sy * my),
				b;

	r->n = n;
	r->center_seconds = v[TREND_X0] + mx;
	r->center_value = my;
	r->slope = r->intercept = r->std_error = r->ci_low = r->ci_high = NAN;
	r->statistic = r->df = r->p_value = r->r_squared = NAN;
	/* relative to the spread of the times, a zero Sxx is "one distinct time" */
	if (!(sxx > 0) || sxx <= 1e-12 * fabs(TOTAL(v, TREND_SXX)))
		return;
	b = sxy / sxx;
	r->slope = b * unit;
	/* the fitted value at 1970-01-01 00:00 UTC, in the time unit: like regr_intercept */
	r->intercept = my + b * (-(KPI_EPOCH_2000_UNIX + r->center_seconds));
	if (syy > 0)
		r->r_squared = fmin(1.0, sxy * sxy / (sxx * syy));
	if (n >= 3)
	{
		double		rss = fmax(0.0, syy - b * sxy),
					se = sqrt(rss / (n - 2) / sxx),
					tcrit = KpiStudentTCritical(0.05, n - 2);

		r->df = n - 2;
		r->std_error = se * unit;
		r->ci_low = (b - tcrit * se) * unit;
		r->ci_high = (b + tcrit * se) * unit;
		if (se > 0)
		{
			r->statistic = b / se;
			r->p_value = KpiStudentTTwoSidedP(r->statistic, n - 2);
		}
	}
}

/* ---- multiple testing ---- */

typedef struct PIndex
{
	double		p;
	int			i;
} PIndex;

static int
pindex_cmp(const void *a, const void *b)
{
	double		pa = ((const PIndex *) a)->p,
				pb = ((const PIndex *) b)->p;

	if (pa != pb)
		return pa < pb ? -1 : 1;
	return ((const PIndex *) a)->i - ((const PIndex *) b)->i;
}

/*
 * Adjust the m p-values p[0..m-1] (each in [0, 1]) in place, as R's
 * p.adjust and statsmodels' multipletests do:
 *	Holm:  q_(i) = max_{j <= i} min(1, (m - j + 1) p_(j))   (ascending order)
 *	BH:    q_(i) = min_{j >= i} min(1, m / j p_(j))
 *	Bonferroni: min(1, m p)
 * work must hold m PIndex entries (sizeof(PIndex) = KPI_PINDEX_SIZE).
 */
void
KpiPAdjust(double *p, int m, KpiPAdjustMethod method, void *work)
{
	PIndex	   *s = (PIndex *) work;
	double		run;
	int			k;

	if (m <= 0)
		return;
	if (method == KPI_PADJ_BONFERRONI)
	{
		for (k = 0; k < m; k++)
			p[k] = fmin(1.0, p[k] * m);
		return;
	}
	for (k = 0; k < m; k++)
	{
		s[k].p = p[k];
		s[k].i = k;
	}
	qsort(s, m, sizeof(PIndex), pindex_cmp);
	if (method == KPI_PADJ_HOLM)
	{
		run = 0.0;
		for (k = 0; k < m; k++)
		{
			run = fmax(run, fmin(1.0, (double) (m - k) * s[k].p));
			p[s[k].i] = run;
		}
	}
	else
	{
		run = 1.0;
		for (k = m - 1; k >= 0; k--)
		{
			run = fmin(run, fmin(1.0, (double) m / (k + 1) * s[k].p));
			p[s[k].i] = run;
		}
	}
}

size_t
KpiPAdjustWorkSize(int m)
{
	return sizeof(PIndex) * (size_t) (m > 0 ? m : 1);
}
