/*
 * kpi_stats.c
 *	  Distribution functions for the KPI confidence intervals and tests.
 *
 * Pure C (libm only): callers pass plain doubles.  Accuracy targets are
 * "agrees with R to at least 8 significant digits", which the unit test in
 * test/t/002_kpi_stats.sh checks on known values.
 */
#include <float.h>
#include <math.h>

#include "kpi_stats.h"

#define KPI_CF_MAXITER	300
#define KPI_CF_EPS		1e-15
#define KPI_CF_TINY		1e-300

/* Beyond this many degrees of freedom t and normal agree to ~1e-7 and
 * lgamma differences start to lose digits, so we use the normal law. */
#define KPI_T_NORMAL_DF 1e7

/*
 * Standard normal CDF.  erfc keeps full relative accuracy in the far tails,
 * where 1 - erf would cancel.
 */
double
KpiNormalCdf(double z)
{
	return 0.5 * erfc(-z / M_SQRT2);
}

/* P(|Z| >= |z|) for a standard normal Z */
double
KpiNormalTwoSidedP(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

/*
 * Continued fraction for the incomplete beta function, evaluated with the
 * modified Lentz method.  Converges quickly for x < (a + 1) / (a + b + 2);
 * the caller uses the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) otherwise.
 */
static double
beta_cont_frac(double x, double a, double b)
{
	double		c = 1.0;
	double		d = 1.0 - (a + b) * x / (a + 1.0);
	double		f;
	int			m;

	if (fabs(d) < KPI_CF_TINY)
		d = KPI_CF_TINY;
	d = 1.0 / d;
	f = d;

	for (m = 1; m <= KPI_CF_MAXITER; m++)
	{
		double		m2 = 2.0 * m;
		double		coef;
		double		delta;

		/* even step: d_{2m} */
		coef = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		d = 1.0 + coef * d;
		c = 1.0 + coef / c;
		if (fabs(d) < KPI_CF_TINY)
			d = KPI_CF_TINY;
		if (fabs(c) < KPI_CF_TINY)
			c = KPI_CF_TINY;
		d = 1.0 / d;
		f *= d * c;

		/* odd step: d_{2m+1} */
		coef = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + coef * d;
		c = 1.0 + coef / c;
		if (fabs(d) < KPI_CF_TINY)
			d = KPI_CF_TINY;
		if (fabs(c) < KPI_CF_TINY)
			c = KPI_CF_TINY;
		d = 1.0 / d;
		delta = d * c;
		f *= delta;
		if (fabs(delta - 1.0) < KPI_CF_EPS)
			break;
	}
	return f;
}

/*
 * Regularized incomplete beta function I_x(a, b), a > 0, b > 0, 0 <= x <= 1.
 */
double
KpiRegIncBeta(double x, double a, double b)
{
	double		log_front;

	if (isnan(x) || isnan(a) || isnan(b) || a <= 0.0 || b <= 0.0)
		return NAN;
	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;

	/* x^a (1-x)^b / B(a, b), in logs */
	log_front = lgamma(a + b) - lgamma(a) - lgamma(b) +
		a * log(x) + b * log1p(-x);

	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(log_front) * beta_cont_frac(x, a, b) / a;
	else
		return 1.0 - exp(log_front) * beta_cont_frac(1.0 - x, b, a) / b;
}

/*
 * P(|T| >= |t|) for Student's t with df degrees of freedom (df > 0, need not
 * be an integer: Welch's df is not).  Uses P = I_{df/(df+t^2)}(df/2, 1/2).
 */
double
KpiStudentTTwoSidedP(double t, double df)
{
	double		x;

	if (isnan(t) || isnan(df) || df <= 0.0)
		return NAN;
	if (isinf(t))
		return 0.0;
	if (df > KPI_T_NORMAL_DF)
		return KpiNormalTwoSidedP(t);
	x = df / (df + t * t);
	return KpiRegIncBeta(x, df / 2.0, 0.5);
}

/* P(T <= t) */
double
KpiStudentTCdf(double t, double df)
{
	double		p = KpiStudentTTwoSidedP(t, df);

	if (isnan(p))
		return p;
	return t >= 0.0 ? 1.0 - p / 2.0 : p / 2.0;
}

/*
 * The t value c with P(|T| >= c) = alpha, e.g. alpha = 0.05 gives the
 * critical value of a two-sided 95% interval (2.228139 for df = 10).
 * Bisection on the (monotone) two-sided p-value: slow-ish (~60 evaluations)
 * but robust, and it runs once per group in a final function.
 */
double
KpiStudentTCritical(double alpha, double df)
{
	/*
	 * One-entry cache: a final function called per row of a moving window
	 * (or per group of equal size) asks for the same quantile again and again.
	 * Backends are single-threaded.
	 */
	static double cached_alpha = NAN,
				cached_df = NAN,
				cached_t = NAN;
	double		lo = 0.0;
	double		hi = 16.0;
	int			i;

	if (isnan(alpha) || isnan(df) || df <= 0.0 || alpha <= 0.0 || alpha >= 1.0)
		return NAN;
	if (alpha == cached_alpha && df == cached_df)
		return cached_t;

	/* widen the bracket until it holds the root (df < 1 has heavy tails) */
	for (i = 0; i < 200 && KpiStudentTTwoSidedP(hi, df) > alpha; i++)
		hi *= 2.0;

	for (i = 0; i < 200; i++)
	{
		double		mid = 0.5 * (lo + hi);

		if (KpiStudentTTwoSidedP(mid, df) > alpha)
			lo = mid;
		else
			hi = mid;
		if (hi - lo <= 4.0 * DBL_EPSILON * hi)
			break;
	}
	cached_alpha = alpha;
	cached_df = df;
	cached_t = 0.5 * (lo + hi);
	return cached_t;
}

/*
 * Wilson score interval for k successes out of n trials (n > 0), as
 * proportions in [0, 1].
 */
void
KpiWilsonInterval(double k, double n, double z, double *lo, double *hi)
{
	double		p = k / n;
	double		z2 = z * z;
	double		denom = 1.0 + z2 / n;
	double		center = (p + z2 / (2.0 * n)) / denom;
	double		half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;

	*lo = fmax(0.0, center - half);
	*hi = fmin(1.0, center + half);
}
