/*
 * kpi_change_sql.c
 *	  change_point(ts, value) aggregate: the most likely shift of the mean.
 *	  The method is in kpi_change.c (pure C).
 */
#include "compat.h"

#include <math.h>

#include "fmgr.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "kpi_change.h"
#include "kpi_hist_sql.h"
#include "kpi_state.h"

static KpiSeries *
new_series(MemoryContext cxt)
{
	KpiSeries  *s = MemoryContextAllocZero(cxt, sizeof(KpiSeries));
	KpiAllocator mem = KpiContextAllocator(cxt);

	KpiSeriesInit(s, &mem);
	return s;
}

/* change_point_accum(internal, timestamptz, float8) returns internal */
PG_FUNCTION_INFO_V1(change_point_accum);
Datum
change_point_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "change_point_accum");
	KpiSeries  *s = PG_ARGISNULL(0) ? new_series(aggcxt) : (KpiSeries *) PG_GETARG_POINTER(0);
	TimestampTz ts;
	double		y;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(s);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	y = PG_GETARG_FLOAT8(2);
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("change_point time must be finite")));
	if (!(fabs(y) <= 1e150))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("change_point value %g is out of range", y),
				 errdetail("Values must be finite and at most 1e150 in magnitude.")));
	if (s->n >= MaxAllocHugeSize / sizeof(KpiPoint) / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("change_point has too many rows in one group")));
	KpiSeriesAdd(s, ts, y);
	PG_RETURN_POINTER(s);
}

/* change_point_combine(internal, internal) returns internal */
PG_FUNCTION_INFO_V1(change_point_combine);
Datum
change_point_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "change_point_combine");
	KpiSeries  *s;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0));
	s = PG_ARGISNULL(0) ? new_series(aggcxt) : (KpiSeries *) PG_GETARG_POINTER(0);
	KpiSeriesMerge(s, (KpiSeries *) PG_GETARG_POINTER(1));
	PG_RETURN_POINTER(s);
}

/* change_point_serialize(internal) returns bytea */
PG_FUNCTION_INFO_V1(change_point_serialize);
Datum
change_point_serialize(PG_FUNCTION_ARGS)
{
	KpiSeries  *s;
	bytea	   *out;

	KpiAggContext(fcinfo, "change_point_serialize");
	s = (KpiSeries *) PG_GETARG_POINTER(0);
	/* each worker sorts its rows, so the leader's final function only merges runs */
	KpiSeriesSort(s);
	out = KpiSerialBytea(KpiSeriesSerialSize(s));
	KpiSeriesSerialize(s, (unsigned char *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

/*
 * change_point_deserialize(bytea, internal) returns internal: a view of the
 * bytea's rows, not a copy.  The executor passes a deserialized state only to
 * the combine function, in the same step and before the input row's memory
 * is reset; change_point_combine copies the rows into its state, so a parallel
 * plan copies each worker's rows once instead of twice.
 */
PG_FUNCTION_INFO_V1(change_point_deserialize);
Datum
change_point_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "change_point_deserialize");
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	KpiSeries  *s = new_series(aggcxt);
	const char *problem = KpiSeriesView(s, (const unsigned char *) VARDATA_ANY(in),
										VARSIZE_ANY_EXHDR(in));

	KpiCheckDeserialized(problem, "change_point_deserialize");
	PG_RETURN_POINTER(s);
}

/* change_point_final(internal) returns change_point_result */
PG_FUNCTION_INFO_V1(change_point_final);
Datum
change_point_final(PG_FUNCTION_ARGS)
{
	KpiSeries  *s;
	KpiChangeResult r;
	double		f[5];
	Datum		values[9];
	bool		nulls[9] = {0};
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = (KpiSeries *) PG_GETARG_POINTER(0);
	if (s->n == 0)
		PG_RETURN_NULL();
	/* sorting in place is fine: the final function may be called again, on sorted rows */
	KpiChangePoint(s, &r);
	values[0] = Int64GetDatum((int64) r.n);
	values[1] = TimestampTzGetDatum(r.change_t);
	nulls[1] = r.n_before == 0;
	values[2] = Int64GetDatum((int64) r.n_before);
	values[3] = Int64GetDatum((int64) r.n_after);
	nulls[2] = nulls[3] = r.n_before == 0;
	f[0] = r.mean_before;
	f[1] = r.mean_after;
	f[2] = r.mean_after - r.mean_before;
	f[3] = r.statistic;
	f[4] = r.p_value;
	for (i = 0; i < 5; i++)
	{
		values[4 + i] = Float8GetDatum(f[i]);
		nulls[4 + i] = isnan(f[i]);
	}
	return KpiMakeComposite(fcinfo, values, nulls);
}
