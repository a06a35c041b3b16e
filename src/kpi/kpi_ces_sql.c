/*
 * kpi_ces_sql.c
 *	  Customer effort score aggregates: ces(int [, scale]) and
 *	  ces_stats(int [, scale]).
 *
 * CES is the mean answer (1 = very easy ... scale = very hard, or the other
 * way round: we only average).  The state keeps n, the sum and the sum of
 * squares of the integer answers.  They are whole numbers below 2^53, so
 * float8 holds them exactly and the inverse transition is exact: moving
 * windows never drift.  The variance (sumsq - sum^2/n) / (n - 1) then only
 * suffers the rounding of the final division, not accumulated error.
 * The 95% interval is mean +- t(0.975, n - 1) * sd / sqrt(n).
 */
#include "compat.h"

#include <math.h>

#include "fmgr.h"
#include "utils/array.h"

#include "kpi_state.h"
#include "kpi_stats.h"


/* add or remove one answer; also used by the bigint and numeric overloads */
Datum
KpiCesStep(FunctionCallInfo fcinfo, int32 score, int32 scale, bool inverse, const char *caller)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_CES, caller, &state);

	KpiCheckScaleScore("CES", score, scale);
	if (!inverse)
	{
		KpiSetScale(v, CES_SCALE, "CES", scale);
		v[KPI_N] += 1;
		v[CES_SUM] += score;
		v[CES_SUMSQ] += (double) score * score;
	}
	else
	{
		if (v[CES_SCALE] != scale)
			KpiSetScale(v, CES_SCALE, "CES", scale);	/* raises the error */
		KpiDecrement(v, KPI_N, caller);
		v[CES_SUM] -= score;
		v[CES_SUMSQ] -= (double) score * score;
		/* removing a row that was never added leaves inconsistent sums */
		CheckKpiState(state, KPI_CES, caller);
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

/* ces_accum(float8[], int): one answer on the default 7-point scale */
PG_FUNCTION_INFO_V1(ces_accum);
Datum
ces_accum(PG_FUNCTION_ARGS)
{
	return KpiCesStep(fcinfo, PG_GETARG_INT32(1), CES_DEFAULT_SCALE, false, "ces_accum");
}

/* ces_accum_inv(float8[], int) */
PG_FUNCTION_INFO_V1(ces_accum_inv);
Datum
ces_accum_inv(PG_FUNCTION_ARGS)
{
	return KpiCesStep(fcinfo, PG_GETARG_INT32(1), CES_DEFAULT_SCALE, true, "ces_accum_inv");
}

/* ces_accum_scale(float8[], int, int) */
PG_FUNCTION_INFO_V1(ces_accum_scale);
Datum
ces_accum_scale(PG_FUNCTION_ARGS)
{
	return KpiCesStep(fcinfo, PG_GETARG_INT32(1), PG_GETARG_INT32(2), false, "ces_accum");
}

/* ces_accum_scale_inv(float8[], int, int) */
PG_FUNCTION_INFO_V1(ces_accum_scale_inv);
Datum
ces_accum_scale_inv(PG_FUNCTION_ARGS)
{
	return KpiCesStep(fcinfo, PG_GETARG_INT32(1), PG_GETARG_INT32(2), true, "ces_accum_inv");
}

/* ces_combine(float8[], float8[]) */
PG_FUNCTION_INFO_V1(ces_combine);
Datum
ces_combine(PG_FUNCTION_ARGS)
{
	return KpiCombine(fcinfo, KPI_CES, "ces_combine");
}

/* ces_final(float8[]) returns float8: mean effort, NULL for no rows */
PG_FUNCTION_INFO_V1(ces_final);
Datum
ces_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_CES, "ces_final");

	if (v[KPI_N] == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v[CES_SUM] / v[KPI_N]);
}

/* ces_stats_final(float8[]) returns ces_summary */
PG_FUNCTION_INFO_V1(ces_stats_final);
Datum
ces_stats_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_CES, "ces_stats_final");
	double		n = v[KPI_N];
	double		mean,
				sd;
	Datum		values[9];
	bool		nulls[9] = {0};

	if (n == 0)
		PG_RETURN_NULL();
	KpiMoments(n, v[CES_SUM], v[CES_SUMSQ], 1.0, v[CES_SCALE], &mean, &sd);
	values[0] = Int64GetDatum((int64) n);
	values[1] = Int32GetDatum((int32) v[CES_SCALE]);
	values[2] = Float8GetDatum(mean);
	if (n < 2)
	{
		/* like stddev_samp: undefined for a single answer */
		nulls[3] = nulls[4] = nulls[5] = nulls[6] = true;
	}
	else
	{
		double		se = sd / sqrt(n);
		double		tcrit = KpiStudentTCritical(0.05, n - 1);

		values[3] = Float8GetDatum(sd);
		values[4] = Float8GetDatum(se);
		values[5] = Float8GetDatum(mean - tcrit * se);
		values[6] = Float8GetDatum(mean + tcrit * se);
	}
	/* sufficient statistics, for exact rollups (ces_stats(ces_summary)) */
	values[7] = Int64GetDatum((int64) v[CES_SUM]);
	values[8] = Int64GetDatum((int64) v[CES_SUMSQ]);
	return KpiMakeComposite(fcinfo, values, nulls);
}
