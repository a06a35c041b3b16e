/*
 * kpi_state.c
 *	  Pure C core of the KPI transition states: what a valid state is, how two
 *	  states merge, and the figures derived from a state.
 *
 * The SQL edge (kpi_state_sql.c) turns a problem string into an error; the
 * fuzzer (test/core/fuzz_kpi_state.c) drives these functions directly.
 *
 * Validity is every consistency condition a state built from real rows must
 * meet, so a hand-made or corrupted state cannot produce a figure outside
 * what some real data would give:
 *	- counts are whole numbers in [0, 2^53 - 1] and add up;
 *	- an empty state has exactly zero sums (transitions reset them);
 *	- CES (integer scores 1..s): n <= sum <= s n, and for the sum of squares
 *	  sum^2 <= n sumsq (Cauchy-Schwarz), sumsq <= (s + 1) sum - s n (from
 *	  (x - 1)(s - x) >= 0 for every row) and sumsq = sum (mod 2) (x^2 = x mod 2);
 *	- sentiment (x in [-1, 1], positive x >= 0.05, negative x <= -0.05): the
 *	  sum lies between 0.05 P - 0.05 Z - N and P + 0.05 Z - 0.05 N, the sum of
 *	  squares between 0.0025 (P + N) and P + N + 0.0025 Z, sum^2 <= n sumsq;
 *	  compensated float sums get a relative slack of 1e-9 for rounding;
 *	- index: every component count within n, n within the sum of the
 *	  component counts (a row with no component is not counted), the
 *	  sentiment sum within [-sentiment_n, sentiment_n].
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kpi_layout.h"
#include "kpi_control.h"
#include "kpi_trend.h"

/* rounding slack for compensated float sums, relative to the row count */
#define KPI_FLOAT_SLACK 1e-9

typedef struct KpiStateDesc
{
	const char *name;
	double		tag;
	int			len;
} KpiStateDesc;

static const KpiStateDesc kpi_state_desc[] = {
	[KPI_NPS] = {"nps", 3101.0, NPS_STATE_LEN},
	[KPI_CSAT] = {"csat", 3102.0, CSAT_STATE_LEN},
	[KPI_CES] = {"ces", 3103.0, CES_STATE_LEN},
	[KPI_SENTIMENT] = {"sentiment_stats", 3104.0, SENT_STATE_LEN},
	[KPI_INDEX] = {"empathy_index", 3105.0, IDX_STATE_LEN},
	[KPI_TREND] = {"kpi_trend", TREND_TAG, TREND_STATE_LEN},
	[KPI_CONTROL] = {"kpi_control", CTL_TAG, CTL_STATE_LEN},
};

const char *
KpiStateName(KpiKind kind)
{
	return kpi_state_desc[kind].name;
}

double
KpiStateTag(KpiKind kind)
{
	return kpi_state_desc[kind].tag;
}

int
KpiStateLen(KpiKind kind)
{
	return kpi_state_desc[kind].len;
}

static inline bool
is_count(double v)
{
	return v >= 0.0 && v <= KPI_MAX_COUNT && v == floor(v);
}

static inline bool
is_scale(double v)
{
	return v == 0.0 || v == 5.0 || v == 7.0 || v == 10.0;
}

/* a compensated sum: both parts finite, the correction no larger than n */
static inline bool
sum_ok(double sum, double comp, double n)
{
	return isfinite(sum) && isfinite(comp) && fabs(comp) <= n + 1.0;
}

/* lo <= x <= hi up to the float slack for n rows */
static inline bool
within(double x, double lo, double hi, double n)
{
	double		slack = KPI_FLOAT_SLACK * (n + 1.0);

	return x >= lo - slack && x <= hi + slack;
}

/*
 * n sumsq >= sum^2 for whole numbers below 2^53, exactly: the products need
 * up to 106 bits.
 */
static bool
cauchy_schwarz_exact(double n, double sum, double sumsq)
{
#ifdef __SIZEOF_INT128__
	unsigned __int128 lhs = (unsigned __int128) (unsigned long long) n *
		(unsigned long long) sumsq;
	unsigned __int128 rhs = (unsigned __int128) (unsigned long long) sum *
		(unsigned long long) sum;

	return lhs >= rhs;
#else
	return (long double) n * sumsq >= (long double) sum * sum;
#endif
}

static const char *
ces_problem(const double *v)
{
	double		n = v[KPI_N],
				s = v[CES_SCALE],
				sum = v[CES_SUM],
				sq = v[CES_SUMSQ];
	uint64_t	un,
				us,
				usum,
				usq;

	if (!is_scale(s) || (n > 0 && s == 0))
		return "The scale must be 5, 7 or 10 (0 before the first row).";
	if (!is_count(sum) || !is_count(sq))
		return "The sums must be whole numbers between 0 and 2^53 - 1.";
	if (n == 0)
		return (sum == 0 && sq == 0) ? NULL : "An empty state must have zero sums.";
	/*
	 * Whole numbers below 2^53 (n was checked by the caller), so exact in
	 * uint64; the products of values below 2^53 and s + 1 <= 11 stay below
	 * 2^57.  Checked on every row, hence integers rather than long double
	 * and fmod.
	 */
	un = (uint64_t) n;
	us = (uint64_t) s;
	usum = (uint64_t) sum;
	usq = (uint64_t) sq;
	if (usum < un || usum > us * un)
		return "The sum of scores must lie between n and n times the scale.";
	if (usq < usum || usq > (us + 1) * usum - us * un || ((usq - usum) & 1) != 0 ||
		!cauchy_schwarz_exact(n, sum, sq))
		return "The sum of squares is not consistent with n scores on the scale and their sum.";
	return NULL;
}

static const char *
sentiment_problem(const double *v)
{
	double		n = v[KPI_N],
				p = v[SENT_POS],
				z = v[SENT_NEU],
				g = v[SENT_NEG],
				sum,
				sq;
	int			i;

	for (i = SENT_POS; i <= SENT_NEG; i++)
		if (!is_count(v[i]))
			return "Counts must be non-negative whole numbers.";
	if (p + z + g != n)
		return "Positive, neutral and negative counts must add up to n.";
	if (!sum_ok(v[SENT_SUM], v[SENT_SUM_C], n) || !sum_ok(v[SENT_SUMSQ], v[SENT_SUMSQ_C], n))
		return "Sums must be finite.";
	if (n == 0)
	{
		for (i = SENT_SUM; i <= SENT_SUMSQ_C; i++)
			if (v[i] != 0)
				return "An empty state must have zero sums.";
		return NULL;
	}
	sum = v[SENT_SUM] + v[SENT_SUM_C];
	sq = v[SENT_SUMSQ] + v[SENT_SUMSQ_C];
	if (!within(sum, 0.05 * p - 0.05 * z - g, p + 0.05 * z - 0.05 * g, n))
		return "The sum of scores is not consistent with the positive, neutral and negative counts.";
	if (!within(sq, 0.0025 * (p + g), p + g + 0.0025 * z, n) ||
		sum * sum > n * sq * (1.0 + KPI_FLOAT_SLACK) + KPI_FLOAT_SLACK)
		return "The sum of squares is not consistent with the counts and the sum.";
	return NULL;
}

static const char *
index_problem(const double *v)
{
	double		n = v[KPI_N],
				sn = v[IDX_SENT_N],
				nn = v[IDX_PROMOTERS] + v[IDX_PASSIVES] + v[IDX_DETRACTORS],
				cn = v[IDX_CSAT_N];
	int			i;

	for (i = IDX_W_SENT; i <= IDX_W_CSAT; i++)
		if (!isfinite(v[i]) || v[i] < 0)
			return "Weights must be finite and non-negative.";
	if (n > 0 && v[IDX_W_SENT] == 0 && v[IDX_W_NPS] == 0 && v[IDX_W_CSAT] == 0)
		return "Weights must be set once rows were counted.";
	if (!is_scale(v[IDX_SCALE]))
		return "The CSAT scale must be 5, 7 or 10 (0 before the first row).";
	for (i = IDX_SENT_N; i <= IDX_CSAT_SAT; i++)
		if (i != IDX_SENT_SUM && i != IDX_SENT_SUM_C && !is_count(v[i]))
			return "Counts must be non-negative whole numbers.";
	if (!sum_ok(v[IDX_SENT_SUM], v[IDX_SENT_SUM_C], sn))
		return "Sums must be finite.";
	if (sn > n || nn > n || cn > n || v[IDX_CSAT_SAT] > cn ||
		(cn > 0 && v[IDX_SCALE] == 0) || n > sn + nn + cn)
		return "Component counts are not consistent with n.";
	if (sn == 0 ? (v[IDX_SENT_SUM] != 0 || v[IDX_SENT_SUM_C] != 0)
		: !within(v[IDX_SENT_SUM] + v[IDX_SENT_SUM_C], -sn, sn, sn))
		return "The sentiment sum is not consistent with the sentiment count.";
	return NULL;
}

/*
 * NULL if v[0..len-1] is a state of the given kind that real rows could
 * have produced, else a sentence (errdetail) saying what is wrong.
 */
const char *
KpiStateProblem(const double *v, int len, KpiKind kind)
{
	const KpiStateDesc *desc = &kpi_state_desc[kind];
	int			i;

	if (kind == KPI_TREND)
		return KpiTrendProblem(v, len);
	if (kind == KPI_CONTROL)
		return KpiControlProblem(v, len);
	if (len != desc->len)
		return "The state has the wrong number of elements.";
	if (v[KPI_TAG] != desc->tag)
		return "The state has the wrong format tag.";
	if (!is_count(v[KPI_N]))
		return "The row count must be a non-negative whole number.";

	switch (kind)
	{
		case KPI_NPS:
			for (i = NPS_PROMOTERS; i <= NPS_DETRACTORS; i++)
				if (!is_count(v[i]))
					return "Counts must be non-negative whole numbers.";
			if (v[NPS_PROMOTERS] + v[NPS_PASSIVES] + v[NPS_DETRACTORS] != v[KPI_N])
				return "Promoters, passives and detractors must add up to n.";
			return NULL;
		case KPI_CSAT:
			if (!is_scale(v[CSAT_SCALE]) || (v[KPI_N] > 0 && v[CSAT_SCALE] == 0))
				return "The scale must be 5, 7 or 10 (0 before the first row).";
			if (!is_count(v[CSAT_SATISFIED]) || v[CSAT_SATISFIED] > v[KPI_N])
				return "The satisfied count must be a whole number between 0 and n.";
			return NULL;
		case KPI_CES:
			return ces_problem(v);
		case KPI_SENTIMENT:
			return sentiment_problem(v);
		case KPI_INDEX:
			return index_problem(v);
		case KPI_TREND:
		case KPI_CONTROL:
			break;
	}
	return "The state kind is unknown.";
}

/* scales must agree; an empty side takes the other's */
static bool
merge_scale(double *dst, const double *src, int slot)
{
	if (src[slot] == 0 || dst[slot] == src[slot])
		return true;
	if (dst[slot] != 0)
		return false;
	dst[slot] = src[slot];
	return true;
}

/*
 * Merge the valid state v2 into the valid state v1 (same kind).  On an error
 * result v1 may be partly updated and must be discarded.
 */
KpiMergeResult
KpiStateMerge(double *v1, const double *v2, KpiKind kind)
{
	int			i;

	if (kind == KPI_TREND)
		return KpiTrendMerge(v1, v2);
	if (v2[KPI_N] == 0)
		return KPI_MERGE_OK;
	if (v1[KPI_N] == 0)
	{
		/* nothing counted on our side: take the other state as it is */
		memcpy(v1, v2, sizeof(double) * kpi_state_desc[kind].len);
		return KPI_MERGE_OK;
	}
	if (v1[KPI_N] + v2[KPI_N] > KPI_MAX_COUNT)
		return KPI_MERGE_OVERFLOW;

	switch (kind)
	{
		case KPI_NPS:
			for (i = KPI_N; i < NPS_STATE_LEN; i++)
				v1[i] += v2[i];
			break;
		case KPI_CSAT:
			if (!merge_scale(v1, v2, CSAT_SCALE))
				return KPI_MERGE_SCALE;
			v1[KPI_N] += v2[KPI_N];
			v1[CSAT_SATISFIED] += v2[CSAT_SATISFIED];
			break;
		case KPI_CES:
			if (!merge_scale(v1, v2, CES_SCALE))
				return KPI_MERGE_SCALE;
			if (v1[CES_SUMSQ] + v2[CES_SUMSQ] > KPI_MAX_COUNT)
				return KPI_MERGE_OVERFLOW;
			v1[KPI_N] += v2[KPI_N];
			v1[CES_SUM] += v2[CES_SUM];
			v1[CES_SUMSQ] += v2[CES_SUMSQ];
			break;
		case KPI_SENTIMENT:
			v1[KPI_N] += v2[KPI_N];
			KpiCompensatedAdd(&v1[SENT_SUM], &v1[SENT_SUM_C], v2[SENT_SUM]);
			v1[SENT_SUM_C] += v2[SENT_SUM_C];
			KpiCompensatedAdd(&v1[SENT_SUMSQ], &v1[SENT_SUMSQ_C], v2[SENT_SUMSQ]);
			v1[SENT_SUMSQ_C] += v2[SENT_SUMSQ_C];
			for (i = SENT_POS; i <= SENT_NEG; i++)
				v1[i] += v2[i];
			break;
		case KPI_INDEX:
			for (i = IDX_W_SENT; i <= IDX_W_CSAT; i++)
				if (v1[i] != v2[i])
					return KPI_MERGE_WEIGHTS;
			if (!merge_scale(v1, v2, IDX_SCALE))
				return KPI_MERGE_SCALE;
			KpiCompensatedAdd(&v1[IDX_SENT_SUM], &v1[IDX_SENT_SUM_C], v2[IDX_SENT_SUM]);
			v1[IDX_SENT_SUM_C] += v2[IDX_SENT_SUM_C];
			v1[KPI_N] += v2[KPI_N];
			v1[IDX_SENT_N] += v2[IDX_SENT_N];
			for (i = IDX_PROMOTERS; i <= IDX_CSAT_SAT; i++)
				v1[i] += v2[i];
			break;
		case KPI_TREND:
		case KPI_CONTROL:		/* order-dependent: never merged */
			break;
	}
	return KPI_MERGE_OK;
}

/*
 * The NPS of a valid, non-empty NPS state.  nps and nps_stats both use this
 * one expression, so they agree to the last digit.
 */
double
KpiNpsValue(const double *v)
{
	return 100.0 * (v[NPS_PROMOTERS] - v[NPS_DETRACTORS]) / v[KPI_N];
}

/*
 * Mean and sample standard deviation from n (>= 1), sum and sum of squares
 * of values in [lo, hi]; sd is NaN for n < 2 (like stddev_samp).  Rounding
 * (or the slack the checks allow for it) can put the mean a hair outside
 * the scale: it is clamped, as the variance is clamped at 0.
 */
void
KpiMoments(double n, double sum, double sumsq, double lo, double hi,
		   double *mean, double *sd)
{
	*mean = fmin(hi, fmax(lo, sum / n));
	*sd = n < 2 ? NAN : sqrt(fmax(0.0, (sumsq - sum * *mean) / (n - 1)));
}

/*
 * Each component on 0-100 and the index: the weighted mean of the
 * components that have data.  Weights are scaled by the largest one before
 * they are added, so weights near DBL_MAX do not overflow to infinity (which
 * made every normalised weight 0 and the index 0).
 */
void
KpiIndexCompute(const double *v, KpiIndexParts *r)
{
	double		wmax = 0.0,
				wsum = 0.0;
	int			i;

	r->count[0] = v[IDX_SENT_N];
	r->count[1] = v[IDX_PROMOTERS] + v[IDX_PASSIVES] + v[IDX_DETRACTORS];
	r->count[2] = v[IDX_CSAT_N];
	r->component[0] = r->count[0] > 0 ?
		fmin(100.0, fmax(0.0, 50.0 * ((v[IDX_SENT_SUM] + v[IDX_SENT_SUM_C]) / r->count[0] + 1.0))) : NAN;
	r->component[1] = r->count[1] > 0 ?
		(100.0 * (v[IDX_PROMOTERS] - v[IDX_DETRACTORS]) / r->count[1] + 100.0) / 2.0 : NAN;
	r->component[2] = r->count[2] > 0 ? 100.0 * v[IDX_CSAT_SAT] / r->count[2] : NAN;

	for (i = 0; i < 3; i++)
		if (r->count[i] > 0)
			wmax = fmax(wmax, v[IDX_W_SENT + i]);
	for (i = 0; i < 3; i++)
	{
		r->weight[i] = (r->count[i] > 0 && wmax > 0) ? v[IDX_W_SENT + i] / wmax : 0.0;
		wsum += r->weight[i];
	}
	r->index = wsum > 0 ? 0.0 : NAN;
	for (i = 0; i < 3; i++)
	{
		r->weight[i] = wsum > 0 ? r->weight[i] / wsum : 0.0;
		if (r->weight[i] > 0)
			r->index += r->weight[i] * r->component[i];
	}
	/* weights that add up to 1 +- 1 ulp can put the index a hair outside [0, 100] */
	if (!isnan(r->index))
		r->index = fmin(100.0, fmax(0.0, r->index));
}

/*
 * Consistency of a mean summary (n, mean, stddev) of values in [lo, hi]:
 * the sample variance of n values with that mean is at most
 * n / (n - 1) (mean - lo)(hi - mean) (Bhatia-Davis).  sd is NaN when the
 * summary has none (n < 2).
 */
const char *
KpiMeanSummaryProblem(double n, double mean, double sd, double lo, double hi)
{
	double		bound;

	if (!(n >= 1 && n <= KPI_MAX_COUNT) || !(mean >= lo && mean <= hi))
		return "The mean must lie on the scale and n must be > 0.";
	if (isnan(sd))
		return n >= 2 ? "Field stddev must not be null when n >= 2." : NULL;
	if (n < 2)
		return "Field stddev must be null when n is 1.";
	if (!isfinite(sd) || sd < 0)
		return "Field stddev must be finite and non-negative.";
	bound = n / (n - 1) * (mean - lo) * (hi - mean);
	if (sd * sd > bound * (1.0 + KPI_FLOAT_SLACK) + KPI_FLOAT_SLACK)
		return "Field stddev is larger than any n values on the scale with that mean can have.";
	return NULL;
}
