/*
 * kpi_outcome.c
 *	  Statistics that link an experience measure x to a yes/no outcome
 *	  (outcome_association) and retention curves (kaplan_meier), computed from
 *	  the sorted entries of an exact histogram (kpi_hist.c).
 *
 * outcome_association, with n1 positives, n0 negatives, n = n0 + n1:
 *	- AUC = P(x of a positive > x of a negative) + P(tie) / 2, the
 *	  Mann-Whitney U of the positives divided by n1 n0 (as
 *	  sklearn.metrics.roc_auc_score(outcome, x)).  Standard error by DeLong,
 *	  DeLong & Clarke-Pearson (1988) with midranks for ties: V10 of a positive
 *	  at x is (negatives below x + negatives at x / 2) / n0, V01 of a negative
 *	  at x is (positives above x + positives at x / 2) / n1,
 *	  var = S10 / n1 + S01 / n0 with S10, S01 their sample variances.
 *	  Interval AUC -+ 1.959964 SE clipped to [0, 1] (as R's pROC).  p-value:
 *	  the two-sided Mann-Whitney test, normal approximation with tie and
 *	  continuity correction (as scipy.stats.mannwhitneyu(method='asymptotic')).
 *	- r: Pearson's r of x and the 0/1 outcome (point-biserial), its two-sided
 *	  t test with n - 2 df (scipy.stats.pointbiserialr) and a Fisher z
 *	  interval tanh(atanh r -+ 1.959964 / sqrt(n - 3)).
 *	- odds ratio per unit of x: exp(b) of the logistic regression
 *	  logit P(outcome) = a + b x, maximum likelihood by Newton-Raphson on the
 *	  grouped data (statsmodels Logit), Wald interval exp(b -+ 1.959964 SE)
 *	  and Wald p-value.  Undefined (NULL) when the maximum likelihood estimate
 *	  does not exist: x constant, or the classes separated (every positive's
 *	  x >= every negative's or the reverse).
 *
 * kaplan_meier: S(t) = prod over event times t_i <= t of (1 - d_i / r_i),
 * Greenwood's variance S^2 sum d_i / (r_i (r_i - d_i)), and the log-log
 * interval (Kalbfleisch & Prentice): S^exp(-+ z se / (S |log S|)), which
 * stays within (0, 1).
 */
#include <math.h>
#include <string.h>

#include "core_env.h"
#include "kpi_layout.h"
#include "kpi_outcome.h"
#include "kpi_stats.h"

#define LOGIT_MAXITER	100

static double
logistic(double eta)
{
	return eta >= 0 ? 1.0 / (1.0 + exp(-eta)) : exp(eta) / (1.0 + exp(eta));
}

/* log-likelihood of the grouped logistic model */
static double
loglik(const KpiHistEntry *e, size_t k, double mean, double a, double b)
{
	double		ll = 0;
	size_t		j;

	for (j = 0; j < k; j++)
	{
		double		eta = a + b * (e[j].key - mean);

		/* log p = -log(1 + e^-eta), log(1 - p) = -log(1 + e^eta) */
		double		lp = eta >= 0 ? -log1p(exp(-eta)) : eta - log1p(exp(eta)),
					lq = lp - eta;

		ll += (double) e[j].count[1] * lp + (double) e[j].count[0] * lq;
	}
	return ll;
}

/*
 * Logistic regression of the outcome on x (centred at mean).  Returns the
 * number of Newton steps, or 0 when it did not converge.
 */
static int
logit_fit(const KpiHistEntry *e, size_t k, double mean, double n0, double n1,
		  double *b_out, double *se_out)
{
	double		a = log(n1 / n0),
				b = 0,
				ll = loglik(e, k, mean, a, b);
	int			it;

	for (it = 1; it <= LOGIT_MAXITER; it++)
	{
		double		ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0, det, da, db, step = 1.0, ll_new;
		size_t		j;

		for (j = 0; j < k; j++)
		{
			double		u = e[j].key - mean,
						m = (double) e[j].count[0] + (double) e[j].count[1],
						p = logistic(a + b * u),
						res = (double) e[j].count[1] - m * p,
						w = m * p * (1 - p);

			ga += res;
			gb += res * u;
			haa += w;
			hab += w * u;
			hbb += w * u * u;
			if ((j & 4095) == 4095)
				CoreCheckInterrupts();
		}
		det = haa * hbb - hab * hab;
		if (!(det > 0))
			return 0;
		da = (hbb * ga - hab * gb) / det;
		db = (haa * gb - hab * ga) / det;
		/* step halving keeps the likelihood from decreasing */
		for (;;)
		{
			ll_new = loglik(e, k, mean, a + step * da, b + step * db);
			if (ll_new >= ll - 1e-12 * fabs(ll) || step < 1e-10)
				break;
			step /= 2;
		}
		a += step * da;
		b += step * db;
		ll = ll_new;
		if (fabs(step * db) <= 1e-14 * (1 + fabs(b)) && fabs(step * da) <= 1e-14 * (1 + fabs(a)))
		{
			/* information matrix at the estimate */
			haa = hab = hbb = 0;
			for (j = 0; j < k; j++)
			{
				double		u = e[j].key - mean,
							m = (double) e[j].count[0] + (double) e[j].count[1],
							p = logistic(a + b * u),
							w = m * p * (1 - p);

				haa += w;
				hab += w * u;
				hbb += w * u * u;
			}
			det = haa * hbb - hab * hab;
			if (!(det > 0))
				return 0;
			*b_out = b;
			*se_out = sqrt(haa / det);
			return it;
		}
	}
	return 0;
}

void
KpiOutcomeCompute(const KpiHistEntry *e, size_t k, KpiOutcomeResult *r)
{
	double		n0 = 0, n1 = 0, n, sum = 0, sum_c = 0, mean, sum1 = 0, sum0 = 0,
				sxx = 0, below0, above1, s10 = 0, s01 = 0, ties = 0, u1;
	double		max0 = -INFINITY, min0 = INFINITY, max1 = -INFINITY, min1 = INFINITY;
	size_t		j;

	for (j = 0; j < k; j++)
	{
		n0 += (double) e[j].count[0];
		n1 += (double) e[j].count[1];
		KpiCompensatedAdd(&sum, &sum_c, e[j].key * (double) (e[j].count[0] + e[j].count[1]));
		if (e[j].count[0] > 0)
		{
			min0 = fmin(min0, e[j].key);
			max0 = fmax(max0, e[j].key);
		}
		if (e[j].count[1] > 0)
		{
			min1 = fmin(min1, e[j].key);
			max1 = fmax(max1, e[j].key);
		}
	}
	n = n0 + n1;
	memset(r, 0, sizeof(*r));
	r->n = n;
	r->positives = n1;
	r->mean_positive = r->mean_negative = r->auc = r->auc_std_error = NAN;
	r->auc_ci_low = r->auc_ci_high = r->auc_p_value = NAN;
	r->r = r->r_ci_low = r->r_ci_high = r->r_p_value = NAN;
	r->odds_ratio = r->odds_ratio_ci_low = r->odds_ratio_ci_high = r->odds_ratio_p_value = NAN;
	if (n == 0)
		return;
	mean = (sum + sum_c) / n;
	for (j = 0; j < k; j++)
	{
		double		d = e[j].key - mean,
					m = (double) (e[j].count[0] + e[j].count[1]);

		sxx += m * d * d;
		sum1 += (double) e[j].count[1] * d;
		sum0 += (double) e[j].count[0] * d;
		ties += m * m * m - m;
	}
	if (n1 > 0)
		r->mean_positive = mean + sum1 / n1;
	if (n0 > 0)
		r->mean_negative = mean + sum0 / n0;
	if (n1 == 0 || n0 == 0)
		return;

	/* AUC and DeLong's structural components, midranks for ties */
	below0 = 0;
	u1 = 0;
	for (j = 0; j < k; j++)
	{
		u1 += (double) e[j].count[1] * (below0 + 0.5 * (double) e[j].count[0]);
		below0 += (double) e[j].count[0];
	}
	r->auc = u1 / (n1 * n0);
	below0 = 0;
	above1 = n1;
	for (j = 0; j < k; j++)
	{
		double		c0 = (double) e[j].count[0],
					c1 = (double) e[j].count[1],
					v10,
					v01;

		above1 -= c1;
		v10 = (below0 + 0.5 * c0) / n0 - r->auc;
		v01 = (above1 + 0.5 * c1) / n1 - r->auc;
		s10 += c1 * v10 * v10;
		s01 += c0 * v01 * v01;
		below0 += c0;
	}
	if (n1 >= 2 && n0 >= 2)
	{
		double		se = sqrt(s10 / (n1 - 1) / n1 + s01 / (n0 - 1) / n0);

		r->auc_std_error = se;
		r->auc_ci_low = fmax(0.0, r->auc - KPI_Z95 * se);
		r->auc_ci_high = fmin(1.0, r->auc + KPI_Z95 * se);
	}
	/* Mann-Whitney: |U - n1 n0 / 2| with continuity and tie correction */
	{
		double		sigma = sqrt(n1 * n0 / 12.0 * ((n + 1) - ties / (n * (n - 1))));

		if (n >= 2 && sigma > 0)
		{
			double		z = (fabs(u1 - n1 * n0 / 2.0) - 0.5) / sigma;

			/* 2 P(Z > z), as scipy, capped at 1 when |U - mean| < 1/2 */
			r->auc_p_value = fmin(1.0, erfc(z / M_SQRT2));
		}
	}

	/* point-biserial r: Sxy = n1 (mean1 - mean), Syy = n1 n0 / n */
	if (sxx > 0)
	{
		double		rr = sum1 / sqrt(sxx * n1 * n0 / n);

		rr = fmax(-1.0, fmin(1.0, rr));
		r->r = rr;
		if (n >= 3)
		{
			if (fabs(rr) == 1.0)
				r->r_p_value = 0;
			else
				r->r_p_value = KpiStudentTTwoSidedP(rr * sqrt((n - 2) / (1 - rr * rr)), n - 2);
		}
		if (n >= 4)
		{
			double		zr = atanh(rr),
						h = KPI_Z95 / sqrt(n - 3);

			r->r_ci_low = fabs(rr) == 1.0 ? rr : tanh(zr - h);
			r->r_ci_high = fabs(rr) == 1.0 ? rr : tanh(zr + h);
		}
	}

	/* odds ratio per unit of x, unless the MLE does not exist */
	if (sxx > 0 && !(min1 >= max0) && !(min0 >= max1))
	{
		double		b,
					se;

		r->iterations = logit_fit(e, k, mean, n0, n1, &b, &se);
		if (r->iterations > 0)
		{
			r->odds_ratio = exp(b);
			r->odds_ratio_ci_low = exp(b - KPI_Z95 * se);
			r->odds_ratio_ci_high = exp(b + KPI_Z95 * se);
			r->odds_ratio_p_value = KpiNormalTwoSidedP(b / se);
		}
	}
}

void
KpiKaplanMeier(const KpiHistEntry *e, size_t k, double z, KpiSurvivalRow *rows)
{
	double		at_risk = 0,
				s = 1.0,
				green = 0;
	size_t		j;

	for (j = 0; j < k; j++)
		at_risk += (double) (e[j].count[0] + e[j].count[1]);
	for (j = 0; j < k; j++)
	{
		KpiSurvivalRow *row = &rows[j];
		double		d = (double) e[j].count[1],
					c = (double) e[j].count[0];

		row->time = e[j].key;
		row->at_risk = at_risk;
		row->events = d;
		row->censored = c;
		if (d > 0)
		{
			s *= 1.0 - d / at_risk;
			green = d < at_risk ? green + d / (at_risk * (at_risk - d)) : INFINITY;
		}
		row->survival = s;
		if (s == 0)
		{
			/* everyone left: the curve is 0, its variance undefined */
			row->std_error = row->ci_low = row->ci_high = NAN;
		}
		else if (green == 0)
		{
			/* no event yet */
			row->std_error = 0;
			row->ci_low = row->ci_high = 1.0;
		}
		else
		{
			double		h = z * sqrt(green) / fabs(log(s));

			row->std_error = s * sqrt(green);
			row->ci_low = pow(s, exp(h));
			row->ci_high = pow(s, exp(-h));
		}
		at_risk -= d + c;
		if ((j & 4095) == 4095)
			CoreCheckInterrupts();
	}
}
