/*
 * kpi_csat_sql.c
 *	  Customer satisfaction aggregates: csat(int [, scale]) and
 *	  csat_stats(int [, scale]).
 *
 * CSAT is the percentage of answers in the top two points of the scale
 * (4-5 of 5, 6-7 of 7, 9-10 of 10).  csat_stats adds a Wilson score 95%
 * interval, which unlike the Wald interval behaves at 0%, 100% and small n.
 */
#include "compat.h"

#include "fmgr.h"
#include "utils/array.h"

#include "kpi_state.h"
#include "kpi_stats.h"


/* add or remove one answer; also used by the bigint and numeric overloads */
Datum
KpiCsatStep(FunctionCallInfo fcinfo, int32 score, int32 scale, bool inverse, const char *caller)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_CSAT, caller, &state);

	KpiCheckScaleScore("CSAT", score, scale);
	if (!inverse)
	{
		KpiSetScale(v, CSAT_SCALE, "CSAT", scale);
		v[KPI_N] += 1;
		if (score >= scale - 1)
			v[CSAT_SATISFIED] += 1;
	}
	else
	{
		if (v[CSAT_SCALE] != scale)
			KpiSetScale(v, CSAT_SCALE, "CSAT", scale);	/* raises the error */
		if (score >= scale - 1)
			KpiDecrement(v, CSAT_SATISFIED, caller);
		KpiDecrement(v, KPI_N, caller);
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

/* csat_accum(float8[], int): one answer on the default 5-point scale */
PG_FUNCTION_INFO_V1(csat_accum);
Datum
csat_accum(PG_FUNCTION_ARGS)
{
	return KpiCsatStep(fcinfo, PG_GETARG_INT32(1), CSAT_DEFAULT_SCALE, false, "csat_accum");
}

/* csat_accum_inv(float8[], int) */
PG_FUNCTION_INFO_V1(csat_accum_inv);
Datum
csat_accum_inv(PG_FUNCTION_ARGS)
{
	return KpiCsatStep(fcinfo, PG_GETARG_INT32(1), CSAT_DEFAULT_SCALE, true, "csat_accum_inv");
}

/* csat_accum_scale(float8[], int, int): one answer on the given scale */
PG_FUNCTION_INFO_V1(csat_accum_scale);
Datum
csat_accum_scale(PG_FUNCTION_ARGS)
{
	return KpiCsatStep(fcinfo, PG_GETARG_INT32(1), PG_GETARG_INT32(2), false, "csat_accum");
}

/* csat_accum_scale_inv(float8[], int, int) */
PG_FUNCTION_INFO_V1(csat_accum_scale_inv);
Datum
csat_accum_scale_inv(PG_FUNCTION_ARGS)
{
	return KpiCsatStep(fcinfo, PG_GETARG_INT32(1), PG_GETARG_INT32(2), true, "csat_accum_inv");
}

/* csat_combine(float8[], float8[]) */
PG_FUNCTION_INFO_V1(csat_combine);
Datum
csat_combine(PG_FUNCTION_ARGS)
{
	return KpiCombine(fcinfo, KPI_CSAT, "csat_combine");
}

/* csat_final(float8[]) returns float8: percent satisfied, NULL for no rows */
PG_FUNCTION_INFO_V1(csat_final);
Datum
csat_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_CSAT, "csat_final");

	if (v[KPI_N] == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * v[CSAT_SATISFIED] / v[KPI_N]);
}

/* csat_stats_final(float8[]) returns csat_summary */
PG_FUNCTION_INFO_V1(csat_stats_final);
Datum
csat_stats_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_CSAT, "csat_stats_final");
	double		n = v[KPI_N];
	double		lo,
				hi;
	Datum		values[6];
	bool		nulls[6] = {0};

	if (n == 0)
		PG_RETURN_NULL();
	KpiWilsonInterval(v[CSAT_SATISFIED], n, KPI_Z95, &lo, &hi);
	values[0] = Int64GetDatum((int64) n);
	values[1] = Int64GetDatum((int64) v[CSAT_SATISFIED]);
	values[2] = Int32GetDatum((int32) v[CSAT_SCALE]);
	values[3] = Float8GetDatum(100.0 * v[CSAT_SATISFIED] / n);
	values[4] = Float8GetDatum(100.0 * lo);
	values[5] = Float8GetDatum(100.0 * hi);
	return KpiMakeComposite(fcinfo, values, nulls);
}
