/*
 * kpi_trend_sql.c
 *	  kpi_trend(ts, value [, unit]) aggregate and p_adjust(p[], method).
 *	  The arithmetic is in kpi_trend.c (pure C).
 */
#include "compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "kpi_state.h"
#include "kpi_trend.h"

#define TREND_DEFAULT_UNIT 86400.0	/* 1 day */

/*
 * Seconds in an interval, as extract(epoch from interval) counts them
 * (a month is 30 days, a year 365.25 days).
 */
static double
unit_seconds(Interval *unit)
{
	double		secs = ((double) 365.25 * (unit->month / 12) + 30.0 * (unit->month % 12) +
						unit->day) * 86400.0 + unit->time / 1e6;

	if (!(secs > 0 && secs <= KPI_TREND_MAX_UNIT))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi_trend unit must be a positive interval")));
	return secs;
}

static Datum
trend_step(FunctionCallInfo fcinfo, bool inverse, const char *caller)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_TREND, caller, &state);
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(1);
	double		y = PG_GETARG_FLOAT8(2);
	double		unit = PG_NARGS() > 3 ? unit_seconds(PG_GETARG_INTERVAL_P(3)) : TREND_DEFAULT_UNIT;

	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("kpi_trend time must be finite")));
	/* y^2 and x y must stay finite in the sums */
	if (!(fabs(y) <= 1e150))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kpi_trend value %g is out of range", y),
				 errdetail("Values must be finite and at most 1e150 in magnitude.")));
	if (v[TREND_UNIT] != unit)
	{
		if (v[KPI_N] > 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi_trend unit must be the same for all rows of a group")));
		v[TREND_UNIT] = unit;
	}
	if (!inverse)
		KpiTrendAdd(v, ts, y);
	else if (!KpiTrendRemove(v, ts, y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid transition state for %s", caller),
				 errdetail("The inverse transition removed a row that was never added.")));
	PG_RETURN_ARRAYTYPE_P(state);
}

/* kpi_trend_accum(float8[], timestamptz, float8 [, interval]) */
PG_FUNCTION_INFO_V1(kpi_trend_accum);
Datum
kpi_trend_accum(PG_FUNCTION_ARGS)
{
	return trend_step(fcinfo, false, "kpi_trend_accum");
}

/* kpi_trend_accum_inv(float8[], timestamptz, float8 [, interval]) */
PG_FUNCTION_INFO_V1(kpi_trend_accum_inv);
Datum
kpi_trend_accum_inv(PG_FUNCTION_ARGS)
{
	return trend_step(fcinfo, true, "kpi_trend_accum_inv");
}

/* kpi_trend_combine(float8[], float8[]) */
PG_FUNCTION_INFO_V1(kpi_trend_combine);
Datum
kpi_trend_combine(PG_FUNCTION_ARGS)
{
	return KpiCombine(fcinfo, KPI_TREND, "kpi_trend_combine");
}

/* kpi_trend_final(float8[]) returns kpi_trend_result */
PG_FUNCTION_INFO_V1(kpi_trend_final);
Datum
kpi_trend_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_TREND, "kpi_trend_final");
	KpiTrendResult r;
	double		f[10];
	Datum		values[12];
	bool		nulls[12] = {0};
	int			i;

	if (v[KPI_N] == 0)
		PG_RETURN_NULL();
	KpiTrendFit(v, &r);
	values[0] = Int64GetDatum((int64) r.n);
	f[0] = r.slope;
	f[1] = r.intercept;
	f[2] = r.std_error;
	f[3] = r.ci_low;
	f[4] = r.ci_high;
	f[5] = r.statistic;
	f[6] = r.df;
	f[7] = r.p_value;
	f[8] = r.r_squared;
	f[9] = r.center_value;
	for (i = 0; i < 10; i++)
	{
		int			col = i < 9 ? i + 1 : 11;

		values[col] = Float8GetDatum(f[i]);
		nulls[col] = isnan(f[i]);
	}
	values[10] = TimestampTzGetDatum((TimestampTz) llround(r.center_seconds * 1e6));
	return KpiMakeComposite(fcinfo, values, nulls);
}

/*
 * p_adjust(p float8[], method text) returns float8[]: Holm, Benjamini-Hochberg
 * or Bonferroni adjusted p-values in the input order.  NULL elements stay
 * NULL and do not count as tests (as R's p.adjust).
 */
PG_FUNCTION_INFO_V1(p_adjust);
Datum
p_adjust(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	char	   *method = text_to_cstring(PG_GETARG_TEXT_PP(1));
	KpiPAdjustMethod m;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems,
				k,
				count = 0;
	double	   *p;
	ArrayType  *result;

	if (pg_strcasecmp(method, "holm") == 0)
		m = KPI_PADJ_HOLM;
	else if (pg_strcasecmp(method, "bh") == 0 || pg_strcasecmp(method, "fdr") == 0)
		m = KPI_PADJ_BH;
	else if (pg_strcasecmp(method, "bonferroni") == 0)
		m = KPI_PADJ_BONFERRONI;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown p-value adjustment method \"%s\"", method),
				 errhint("Use 'holm', 'bh' (Benjamini-Hochberg, also 'fdr') or 'bonferroni'.")));
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("p_adjust needs a one-dimensional array")));

	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &nelems);
	p = palloc(sizeof(double) * (nelems > 0 ? nelems : 1));
	for (k = 0; k < nelems; k++)
	{
		double		x;

		if (nulls[k])
			continue;
		x = DatumGetFloat8(elems[k]);
		if (!(x >= 0.0 && x <= 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("p-value %g is out of range", x),
					 errdetail("p-values lie between 0 and 1.")));
		p[count++] = x;
	}
	KpiPAdjust(p, count, m, palloc(KpiPAdjustWorkSize(count)));
	for (k = 0, count = 0; k < nelems; k++)
		if (!nulls[k])
			elems[k] = Float8GetDatum(p[count++]);
	if (ARR_NDIM(a) == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));
	result = construct_md_array(elems, nulls, 1, ARR_DIMS(a), ARR_LBOUND(a), FLOAT8OID,
								sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	PG_RETURN_ARRAYTYPE_P(result);
}
