/*
 * kpi_diff_sql.c
 *	  Period comparison: nps_diff, csat_diff, ces_diff, sentiment_diff.
 *
 * Each takes two summaries a (e.g. last week) and b (this week) and returns
 * a kpi_diff: both estimates, difference = b - a, its standard error, the
 * test statistic, the degrees of freedom (t tests only), the two-sided
 * p-value and significant = (p < 0.05).  The tests:
 *
 *	nps_diff        Wald z test with unpooled variance: SE = sqrt(SE_a^2 + SE_b^2),
 *	                each SE_i = 100 sqrt((p + d - (p - d)^2) / n) as in nps_stats.
 *	csat_diff       two-proportion z test with the pooled proportion
 *	                P = (k_a + k_b) / (n_a + n_b): SE = 100 sqrt(P (1 - P) (1/n_a + 1/n_b)).
 *	ces_diff,       Welch's unequal-variance t test: SE = sqrt(s_a^2/n_a + s_b^2/n_b),
 *	sentiment_diff  Welch-Satterthwaite degrees of freedom.
 *
 * When a test is undefined (a standard error of zero, or fewer than two
 * rows on a side for Welch) the statistic, p-value and significant are NULL
 * rather than a made-up certainty.  Summaries are re-derived from their
 * counts and checked, so a hand-made or corrupted summary gets an error.
 */
#include "compat.h"

#include <math.h>

#include "executor/executor.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "kpi_state.h"
#include "kpi_stats.h"

typedef struct KpiDiff
{
	double		a;
	double		b;
	double		se;
	double		df;				/* NaN for z tests */
	bool		use_t;
	const char *test;
} KpiDiff;

static void bad_summary(const char *type, const char *detail) pg_attribute_noreturn();

static void
bad_summary(const char *type, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s value", type),
			 errdetail("%s", detail)));
}

static double
field(HeapTupleHeader t, const char *name, const char *type)
{
	bool		isnull;
	Datum		d = GetAttributeByName(t, name, &isnull);

	if (isnull)
	{
		char		detail[80];

		snprintf(detail, sizeof(detail), "Field %s must not be null.", name);
		bad_summary(type, detail);
	}
	return DatumGetFloat8(d);
}

static int64
count_field(HeapTupleHeader t, const char *name, const char *type)
{
	bool		isnull;
	Datum		d = GetAttributeByName(t, name, &isnull);
	int64		v;

	if (isnull)
		bad_summary(type, "Counts must not be null.");
	v = DatumGetInt64(d);
	if (v < 0)
		bad_summary(type, "Counts must not be negative.");
	/* the aggregates count at most 2^53 - 1 rows; beyond, sums of counts could wrap */
	if ((double) v > KPI_MAX_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s count %lld is out of range", type, (long long) v),
				 errdetail("Counts of KPI summaries are at most 2^53 - 1.")));
	return v;
}

static Datum
diff_result(FunctionCallInfo fcinfo, const KpiDiff *r)
{
	Datum		values[9];
	bool		nulls[9] = {0};
	double		diff = r->b - r->a;

	values[0] = Float8GetDatum(r->a);
	values[1] = Float8GetDatum(r->b);
	values[2] = Float8GetDatum(diff);
	values[3] = Float8GetDatum(r->se);
	values[5] = Float8GetDatum(r->df);
	nulls[5] = !r->use_t || isnan(r->df);
	if (!(r->se > 0 && isfinite(r->se)) || (r->use_t && isnan(r->df)))
	{
		/* undefined test: keep the estimates, report no statistic */
		nulls[3] = isnan(r->se);
		nulls[4] = nulls[6] = nulls[7] = true;
	}
	else
	{
		double		stat = diff / r->se;
		double		p = r->use_t ? KpiStudentTTwoSidedP(stat, r->df) : KpiNormalTwoSidedP(stat);

		values[4] = Float8GetDatum(stat);
		values[6] = Float8GetDatum(p);
		values[7] = BoolGetDatum(p < 0.05);
	}
	values[8] = CStringGetTextDatum(r->test);
	return KpiMakeComposite(fcinfo, values, nulls);
}

/* NPS and its squared standard error from an nps_summary */
static void
nps_parts(HeapTupleHeader t, double *nps, double *var)
{
	int64		n = count_field(t, "n", "nps_summary");
	int64		pr = count_field(t, "promoters", "nps_summary");
	int64		pa = count_field(t, "passives", "nps_summary");
	int64		de = count_field(t, "detractors", "nps_summary");
	double		p,
				d;

	if (n == 0 || pr + pa + de != n)
		bad_summary("nps_summary", "Promoters, passives and detractors must add up to n > 0.");
	p = (double) pr / n;
	d = (double) de / n;
	*nps = 100.0 * (p - d);
	*var = 1e4 * fmax(0.0, p + d - (p - d) * (p - d)) / n;
}

/*
 * nps_diff(nps_summary, nps_summary) returns kpi_diff
 */
PG_FUNCTION_INFO_V1(nps_diff);
Datum
nps_diff(PG_FUNCTION_ARGS)
{
	KpiDiff		r = {0};
	double		va,
				vb;

	nps_parts(PG_GETARG_HEAPTUPLEHEADER(0), &r.a, &va);
	nps_parts(PG_GETARG_HEAPTUPLEHEADER(1), &r.b, &vb);
	r.se = sqrt(va + vb);
	r.df = NAN;
	r.test = "Wald z, unpooled";
	return diff_result(fcinfo, &r);
}

static void
csat_parts(HeapTupleHeader t, int64 *n, int64 *k, int32 *scale)
{
	bool		isnull;
	Datum		d;

	*n = count_field(t, "n", "csat_summary");
	*k = count_field(t, "satisfied", "csat_summary");
	if (*n == 0 || *k > *n)
		bad_summary("csat_summary", "The satisfied count must be between 0 and n, and n > 0.");
	d = GetAttributeByName(t, "scale", &isnull);
	if (isnull)
		bad_summary("csat_summary", "Field scale must not be null.");
	*scale = DatumGetInt32(d);
	KpiCheckScale("CSAT", *scale);
}

/*
 * csat_diff(csat_summary, csat_summary) returns kpi_diff
 */
PG_FUNCTION_INFO_V1(csat_diff);
Datum
csat_diff(PG_FUNCTION_ARGS)
{
	KpiDiff		r = {0};
	int64		na,
				ka,
				nb,
				kb;
	int32		sa,
				sb;
	double		pooled;

	csat_parts(PG_GETARG_HEAPTUPLEHEADER(0), &na, &ka, &sa);
	csat_parts(PG_GETARG_HEAPTUPLEHEADER(1), &nb, &kb, &sb);
	if (sa != sb)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare CSAT on a %d-point scale with CSAT on a %d-point scale", sa, sb)));
	r.a = 100.0 * ka / na;
	r.b = 100.0 * kb / nb;
	pooled = (double) (ka + kb) / (na + nb);
	r.se = 100.0 * sqrt(pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb));
	r.df = NAN;
	r.test = "two-proportion z, pooled";
	return diff_result(fcinfo, &r);
}

/* n, mean and sample variance from a ces_summary or sentiment_summary */
static void
mean_parts(HeapTupleHeader t, const char *type, double lo, double hi,
		   double *n, double *mean, double *var)
{
	bool		isnull;
	Datum		d;
	double		sd;
	const char *problem;

	*n = (double) count_field(t, "n", type);
	*mean = field(t, "mean", type);
	d = GetAttributeByName(t, "stddev", &isnull);
	sd = isnull ? NAN : DatumGetFloat8(d);
	problem = KpiMeanSummaryProblem(*n, *mean, sd, lo, hi);
	if (problem)
		bad_summary(type, problem);
	*var = sd * sd;
}

static Datum
welch(FunctionCallInfo fcinfo, const char *type, double lo, double hi)
{
	KpiDiff		r = {0};
	double		na,
				va,
				nb,
				vb;

	mean_parts(PG_GETARG_HEAPTUPLEHEADER(0), type, lo, hi, &na, &r.a, &va);
	mean_parts(PG_GETARG_HEAPTUPLEHEADER(1), type, lo, hi, &nb, &r.b, &vb);
	r.use_t = true;
	r.test = "Welch t";
	if (na < 2 || nb < 2)
	{
		/* no variance estimate on one side: the test is undefined */
		r.se = NAN;
		r.df = NAN;
	}
	else
	{
		double		qa = va / na,
					qb = vb / nb;

		r.se = sqrt(qa + qb);
		r.df = (qa + qb) * (qa + qb) /
			(qa * qa / (na - 1) + qb * qb / (nb - 1));
	}
	return diff_result(fcinfo, &r);
}

/*
 * sentiment_diff(sentiment_summary, sentiment_summary) returns kpi_diff
 */
PG_FUNCTION_INFO_V1(sentiment_diff);
Datum
sentiment_diff(PG_FUNCTION_ARGS)
{
	return welch(fcinfo, "sentiment_summary", -1.0, 1.0);
}

/*
 * ces_diff(ces_summary, ces_summary) returns kpi_diff
 */
PG_FUNCTION_INFO_V1(ces_diff);
Datum
ces_diff(PG_FUNCTION_ARGS)
{
	HeapTupleHeader a = PG_GETARG_HEAPTUPLEHEADER(0);
	HeapTupleHeader b = PG_GETARG_HEAPTUPLEHEADER(1);
	bool		na,
				nb;
	Datum		sa = GetAttributeByName(a, "scale", &na);
	Datum		sb = GetAttributeByName(b, "scale", &nb);

	if (na || nb)
		bad_summary("ces_summary", "Field scale must not be null.");
	KpiCheckScale("CES", DatumGetInt32(sa));
	KpiCheckScale("CES", DatumGetInt32(sb));
	if (DatumGetInt32(sa) != DatumGetInt32(sb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare CES on a %d-point scale with CES on a %d-point scale",
						DatumGetInt32(sa), DatumGetInt32(sb))));
	return welch(fcinfo, "ces_summary", 1.0, (double) DatumGetInt32(sa));
}
