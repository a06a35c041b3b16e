/*
 * kpi_hist_sql.c
 *	  Aggregate support of the exact histogram states (kpi_hist.c): the state
 *	  lives in the aggregate's memory context; combine, serialize and
 *	  deserialize make the aggregates parallel.
 */
#include "compat.h"

#include "fmgr.h"
#include "utils/memutils.h"

#include "kpi_hist_sql.h"

static void *
context_alloc(void *arg, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) arg, size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

static void
context_free(void *arg, void *ptr)
{
	pfree(ptr);
}

/*
 * repalloc: a huge chunk is its own malloc block, so glibc moves its pages
 * (mremap) instead of copying them.  Neither zeroes: untouched pages of a
 * large array then cost nothing.
 */
static void *
context_resize(void *arg, void *ptr, size_t size)
{
	if (ptr == NULL)
		return MemoryContextAllocExtended((MemoryContext) arg, size, MCXT_ALLOC_HUGE);
	return repalloc_huge(ptr, size);
}

KpiAllocator
KpiContextAllocator(MemoryContext cxt)
{
	KpiAllocator a = {context_alloc, context_free, cxt, context_resize};

	return a;
}

MemoryContext
KpiAggContext(FunctionCallInfo fcinfo, const char *caller)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", caller)));
	return aggcxt;
}

static KpiHist *
new_state(MemoryContext cxt)
{
	KpiHist    *h = MemoryContextAllocZero(cxt, sizeof(KpiHist));
	KpiAllocator mem = KpiContextAllocator(cxt);

	KpiHistInit(h, &mem);
	return h;
}

/* The transition state in argument 0, created on the first row */
KpiHist *
KpiHistState(FunctionCallInfo fcinfo, const char *caller)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, caller);

	if (PG_ARGISNULL(0))
		return new_state(aggcxt);
	return (KpiHist *) PG_GETARG_POINTER(0);
}

/* one row, buffered (KpiHistPush): readers call KpiHistFlush first */
void
KpiHistAddRow(KpiHist *h, double key, int cls, const char *caller)
{
	if (!KpiHistPush(h, key, cls))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range in %s", caller),
				 errdetail("Row counts of an aggregate are limited to 2^53 - 1.")));
}

/* A bytea of size payload bytes for a serialize function */
bytea *
KpiSerialBytea(size_t size)
{
	bytea	   *out = palloc_extended(VARHDRSZ + size, MCXT_ALLOC_HUGE);

	SET_VARSIZE(out, VARHDRSZ + size);
	return out;
}

/* Raise the error of a deserialize function whose input is not valid */
void
KpiCheckDeserialized(const char *problem, const char *caller)
{
	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid transition state for %s", caller),
				 errdetail("%s", problem)));
}

/* kpi_hist_combine(internal, internal) returns internal */
PG_FUNCTION_INFO_V1(kpi_hist_combine);
Datum
kpi_hist_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "kpi_hist_combine");
	KpiHist    *h;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0));
	h = PG_ARGISNULL(0) ? new_state(aggcxt) : (KpiHist *) PG_GETARG_POINTER(0);
	if (!KpiHistMerge(h, (KpiHist *) PG_GETARG_POINTER(1)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range in kpi_hist_combine"),
				 errdetail("Row counts of an aggregate are limited to 2^53 - 1.")));
	PG_RETURN_POINTER(h);
}

/* kpi_hist_serialize(internal) returns bytea */
PG_FUNCTION_INFO_V1(kpi_hist_serialize);
Datum
kpi_hist_serialize(PG_FUNCTION_ARGS)
{
	KpiHist    *h;
	bytea	   *out;

	KpiAggContext(fcinfo, "kpi_hist_serialize");
	h = (KpiHist *) PG_GETARG_POINTER(0);
	KpiHistFlush(h);
	out = KpiSerialBytea(KpiHistSerialSize(h));
	KpiHistSerialize(h, (unsigned char *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

/* kpi_hist_deserialize(bytea, internal) returns internal */
PG_FUNCTION_INFO_V1(kpi_hist_deserialize);
Datum
kpi_hist_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "kpi_hist_deserialize");
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	KpiHist    *h = new_state(aggcxt);
	const char *problem = KpiHistDeserialize(h, (const unsigned char *) VARDATA_ANY(in),
											 VARSIZE_ANY_EXHDR(in));

	KpiCheckDeserialized(problem, "kpi_hist_deserialize");
	PG_RETURN_POINTER(h);
}
