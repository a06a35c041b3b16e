/*
 * kpi_sentiment_sql.c
 *	  sentiment_stats(float8) and sentiment_stats(sentiment): summary of
 *	  compound sentiment scores.
 *
 * Mean, sample standard deviation, standard error, a t-based 95% interval
 * for the mean, and the counts and shares of positive (compound >= 0.05),
 * neutral and negative (compound <= -0.05) rows, VADER's conventional
 * thresholds.
 *
 * Numerics: the state keeps n, sum(x) and sum(x^2), each with a Neumaier
 * compensation term.  Plain sums would be fine for a one-pass aggregate of
 * values in [-1, 1], but a moving window adds and subtracts every value, and
 * uncompensated float sums drift with the number of steps.  With the
 * compensation the error stays at a few ulps of the window's own sum, and a
 * window that becomes empty is reset to exact zeros.  The variance is
 * (sumsq - sum^2/n) / (n - 1), clamped at 0: for nearly constant data it can
 * be off by ~1e-16 absolute (a stddev of ~1e-8 instead of 0), which is far
 * below the precision of any sentiment score.  (Core's float8_accum uses the
 * Youngs-Cramer update instead, which has no numerically safe inverse.)
 */
#include "compat.h"

#include <math.h>

#include "fmgr.h"
#include "executor/executor.h"
#include "utils/array.h"

#include "kpi_state.h"
#include "kpi_stats.h"

static inline int
sentiment_slot(double x)
{
	return x >= KPI_SENT_POS_THRESHOLD ? SENT_POS :
		(x <= KPI_SENT_NEG_THRESHOLD ? SENT_NEG : SENT_NEU);
}

static void
sentiment_add(double *v, double x)
{
	KpiCheckCompound(x);
	v[KPI_N] += 1;
	KpiCompensatedAdd(&v[SENT_SUM], &v[SENT_SUM_C], x);
	KpiCompensatedAdd(&v[SENT_SUMSQ], &v[SENT_SUMSQ_C], x * x);
	v[sentiment_slot(x)] += 1;
}

static void
sentiment_remove(double *v, double x, const char *caller)
{
	KpiCheckCompound(x);
	KpiDecrement(v, sentiment_slot(x), caller);
	KpiDecrement(v, KPI_N, caller);
	if (v[KPI_N] == 0)
	{
		/* an empty window has exactly zero sums: drop any leftover rounding */
		v[SENT_SUM] = v[SENT_SUM_C] = v[SENT_SUMSQ] = v[SENT_SUMSQ_C] = 0.0;
		return;
	}
	KpiCompensatedAdd(&v[SENT_SUM], &v[SENT_SUM_C], -x);
	KpiCompensatedAdd(&v[SENT_SUMSQ], &v[SENT_SUMSQ_C], -(x * x));
}

/*
 * The compound element of a sentiment value; false if it is NULL
 * (no data: the row is ignored like a NULL float8).
 */
static bool
sentiment_compound(FunctionCallInfo fcinfo, int argno, double *x)
{
	HeapTupleHeader t = PG_GETARG_HEAPTUPLEHEADER(argno);
	bool		isnull;
	Datum		d = GetAttributeByName(t, "compound", &isnull);

	if (isnull)
		return false;
	*x = DatumGetFloat8(d);
	return true;
}

/* sentiment_stats_accum(float8[], float8) */
PG_FUNCTION_INFO_V1(sentiment_stats_accum);
Datum
sentiment_stats_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_SENTIMENT, "sentiment_stats_accum", &state);

	sentiment_add(v, PG_GETARG_FLOAT8(1));
	PG_RETURN_ARRAYTYPE_P(state);
}

/* sentiment_stats_accum_inv(float8[], float8) */
PG_FUNCTION_INFO_V1(sentiment_stats_accum_inv);
Datum
sentiment_stats_accum_inv(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_SENTIMENT, "sentiment_stats_accum_inv", &state);

	sentiment_remove(v, PG_GETARG_FLOAT8(1), "sentiment_stats_accum_inv");
	PG_RETURN_ARRAYTYPE_P(state);
}

/* sentiment_stats_accum_sentiment(float8[], sentiment) */
PG_FUNCTION_INFO_V1(sentiment_stats_accum_sentiment);
Datum
sentiment_stats_accum_sentiment(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_SENTIMENT, "sentiment_stats_accum", &state);
	double		x;

	if (sentiment_compound(fcinfo, 1, &x))
		sentiment_add(v, x);
	PG_RETURN_ARRAYTYPE_P(state);
}

/* sentiment_stats_accum_sentiment_inv(float8[], sentiment) */
PG_FUNCTION_INFO_V1(sentiment_stats_accum_sentiment_inv);
Datum
sentiment_stats_accum_sentiment_inv(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_SENTIMENT, "sentiment_stats_accum_inv", &state);
	double		x;

	if (sentiment_compound(fcinfo, 1, &x))
		sentiment_remove(v, x, "sentiment_stats_accum_inv");
	PG_RETURN_ARRAYTYPE_P(state);
}

/* sentiment_stats_combine(float8[], float8[]) */
PG_FUNCTION_INFO_V1(sentiment_stats_combine);
Datum
sentiment_stats_combine(PG_FUNCTION_ARGS)
{
	return KpiCombine(fcinfo, KPI_SENTIMENT, "sentiment_stats_combine");
}

/* sentiment_stats_final(float8[]) returns sentiment_summary */
PG_FUNCTION_INFO_V1(sentiment_stats_final);
Datum
sentiment_stats_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_SENTIMENT, "sentiment_stats_final");
	double		n = v[KPI_N];
	double		mean,
				sd;
	Datum		values[14];
	bool		nulls[14] = {0};

	if (n == 0)
		PG_RETURN_NULL();
	KpiMoments(n, v[SENT_SUM] + v[SENT_SUM_C], v[SENT_SUMSQ] + v[SENT_SUMSQ_C],
			   -1.0, 1.0, &mean, &sd);
	values[0] = Int64GetDatum((int64) n);
	values[1] = Float8GetDatum(mean);
	if (n < 2)
		nulls[2] = nulls[3] = nulls[4] = nulls[5] = true;
	else
	{
		double		se = sd / sqrt(n);
		double		tcrit = KpiStudentTCritical(0.05, n - 1);

		values[2] = Float8GetDatum(sd);
		values[3] = Float8GetDatum(se);
		values[4] = Float8GetDatum(mean - tcrit * se);
		values[5] = Float8GetDatum(mean + tcrit * se);
	}
	values[6] = Int64GetDatum((int64) v[SENT_POS]);
	values[7] = Int64GetDatum((int64) v[SENT_NEU]);
	values[8] = Int64GetDatum((int64) v[SENT_NEG]);
	values[9] = Float8GetDatum(v[SENT_POS] / n);
	values[10] = Float8GetDatum(v[SENT_NEU] / n);
	values[11] = Float8GetDatum(v[SENT_NEG] / n);
	/* sufficient statistics, for exact rollups (sentiment_stats(sentiment_summary)) */
	values[12] = Float8GetDatum(v[SENT_SUM] + v[SENT_SUM_C]);
	values[13] = Float8GetDatum(v[SENT_SUMSQ] + v[SENT_SUMSQ_C]);
	return KpiMakeComposite(fcinfo, values, nulls);
}
