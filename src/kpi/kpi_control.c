/*
 * kpi_control.c
 *	  Pure C core of kpi_control: a self-starting EWMA and CUSUM control chart
 *	  over a series in aggregation order (use it as a window function with
 *	  ORDER BY time, PARTITION BY customer or segment).
 *
 * State (float8[], tag 3107):
 *	{3107, n, lambda, width, mean, m2, ewma, cusum_pos, cusum_neg, last,
 *	 center, sigma}
 * For row i (value x_i), center and sigma are the mean and sample standard
 * deviation of the rows before it (Welford), so a shift does not widen its
 * own limits.  EWMA: z_1 = x_1, z_i = lambda x_i + (1 - lambda) z_{i-1};
 * limits center +- width sigma sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2i)))
 * (Montgomery's exact EWMA limits).  Tabular CUSUM in sigma units with
 * k = 0.5 and h = 5: C+_i = max(0, C+_{i-1} + (x_i - center)/sigma - k),
 * C-_i = max(0, C-_{i-1} - (x_i - center)/sigma - k); it signals when
 * either exceeds h.  Limits and CUSUM need 2 earlier rows with sigma > 0.
 */
#include <math.h>
#include <stddef.h>

#include "kpi_control.h"

void
KpiControlAdd(double *v, double x)
{
	double		n = v[KPI_N];
	double		lambda = v[CTL_LAMBDA];

	if (n == 0)
	{
		v[CTL_EWMA] = x;
		v[CTL_CUSUM_POS] = v[CTL_CUSUM_NEG] = 0;
	}
	else
		v[CTL_EWMA] = lambda * x + (1.0 - lambda) * v[CTL_EWMA];

	/* limits of this row come from the rows before it */
	v[CTL_CENTER] = v[CTL_MEAN];
	v[CTL_SIGMA] = n >= 2 ? sqrt(v[CTL_M2] / (n - 1)) : 0.0;
	if (v[CTL_SIGMA] > 0)
	{
		double		z = (x - v[CTL_CENTER]) / v[CTL_SIGMA];

		v[CTL_CUSUM_POS] = fmax(0.0, v[CTL_CUSUM_POS] + z - KPI_CUSUM_K);
		v[CTL_CUSUM_NEG] = fmax(0.0, v[CTL_CUSUM_NEG] - z - KPI_CUSUM_K);
	}

	/* Welford update with x */
	{
		double		delta = x - v[CTL_MEAN];

		v[KPI_N] = n + 1;
		v[CTL_MEAN] += delta / (n + 1);
		v[CTL_M2] += delta * (x - v[CTL_MEAN]);
	}
	v[CTL_LAST] = x;
}

const char *
KpiControlProblem(const double *v, int len)
{
	int			i;

	if (len != CTL_STATE_LEN)
		return "The state has the wrong number of elements.";
	if (v[KPI_TAG] != CTL_TAG)
		return "The state has the wrong format tag.";
	if (!(v[KPI_N] >= 0 && v[KPI_N] <= KPI_MAX_COUNT && v[KPI_N] == floor(v[KPI_N])))
		return "The row count must be a non-negative whole number.";
	if (!(v[CTL_LAMBDA] > 0 && v[CTL_LAMBDA] <= 1) || !(v[CTL_WIDTH] > 0 && v[CTL_WIDTH] <= 1e6))
		return "lambda must be in (0, 1] and the limit width in (0, 1e6].";
	for (i = CTL_MEAN; i < CTL_STATE_LEN; i++)
		if (!isfinite(v[i]))
			return "The state must be finite.";
	if (v[CTL_M2] < 0 || v[CTL_SIGMA] < 0 || v[CTL_CUSUM_POS] < 0 || v[CTL_CUSUM_NEG] < 0)
		return "Variances and CUSUM sums must not be negative.";
	return NULL;
}

void
KpiControlChart(const double *v, KpiControlResult *r)
{
	double		n = v[KPI_N],
				lambda = v[CTL_LAMBDA];

	r->n = n;
	r->value = v[CTL_LAST];
	r->ewma = v[CTL_EWMA];
	r->center = r->lower = r->upper = NAN;
	r->cusum_pos = r->cusum_neg = NAN;
	r->ewma_signal = r->cusum_signal = -1;
	if (n >= 3 && v[CTL_SIGMA] > 0)
	{
		double		half = v[CTL_WIDTH] * v[CTL_SIGMA] *
			sqrt(lambda / (2.0 - lambda) * (1.0 - pow(1.0 - lambda, 2.0 * n)));

		r->center = v[CTL_CENTER];
		r->lower = r->center - half;
		r->upper = r->center + half;
		r->ewma_signal = r->ewma < r->lower || r->ewma > r->upper;
		r->cusum_pos = v[CTL_CUSUM_POS];
		r->cusum_neg = v[CTL_CUSUM_NEG];
		r->cusum_signal = r->cusum_pos > KPI_CUSUM_H || r->cusum_neg > KPI_CUSUM_H;
	}
}
