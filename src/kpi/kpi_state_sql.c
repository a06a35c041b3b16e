/*
 * kpi_state_sql.c
 *	  Validation, in-place access and combination of KPI transition states,
 *	  plus the input checks shared by the KPI aggregates.
 */
#include "compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"

#include "kpi_state.h"

static void bad_state(const char *caller, KpiKind kind,
					  const char *detail) pg_attribute_noreturn();

static void
bad_state(const char *caller, KpiKind kind, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid transition state for %s", caller),
			 errdetail("%s", detail),
			 errhint("Pass only states produced by the %s aggregate support functions.",
					 KpiStateName(kind))));
}

/*
 * Check that a state array is one we could have produced (the conditions are
 * in kpi_state.c).  Called on every entry to every support function, so a
 * hostile array passed directly (or as the INITCOND of a user-defined
 * aggregate) gets an error, never a crash or a silently wrong figure.
 */
void
CheckKpiState(ArrayType *state, KpiKind kind, const char *caller)
{
	const char *problem;

	if (ARR_NDIM(state) != 1 || ARR_ELEMTYPE(state) != FLOAT8OID ||
		ARR_HASNULL(state) || ARR_DIMS(state)[0] != KpiStateLen(kind))
	{
		char		detail[128];

		snprintf(detail, sizeof(detail),
				 "The state must be a one-dimensional float8 array of %d elements without nulls.",
				 KpiStateLen(kind));
		bad_state(caller, kind, detail);
	}
	problem = KpiStateProblem((const double *) ARR_DATA_PTR(state), KpiStateLen(kind), kind);
	if (problem)
		bad_state(caller, kind, problem);
}

/*
 * Fetch and check the state in argument 0 for a transition function.  Under
 * an aggregate the state lives in the aggregate's memory context and we may
 * update it in place, like core's float8_accum; no palloc per row.  Called
 * directly, we work on a copy so the caller's value is never changed.
 */
double *
KpiStateForUpdate(FunctionCallInfo fcinfo, KpiKind kind, const char *caller,
				  ArrayType **state)
{
	ArrayType  *a;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("transition state for %s must not be null", caller)));
	a = PG_GETARG_ARRAYTYPE_P(0);
	CheckKpiState(a, kind, caller);
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		ArrayType  *copy = (ArrayType *) palloc(VARSIZE(a));

		memcpy(copy, a, VARSIZE(a));
		a = copy;
	}
	*state = a;
	return (double *) ARR_DATA_PTR(a);
}

/* Fetch and check a state that is only read (final functions, combine arg 2) */
const double *
KpiStateReadOnly(FunctionCallInfo fcinfo, int argno, KpiKind kind, const char *caller)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(argno);

	CheckKpiState(a, kind, caller);
	return (const double *) ARR_DATA_PTR(a);
}

/*
 * Setting elements (scales, weights) must agree between rows and partial
 * states.  An empty partial state takes the other side's settings.
 */
void
KpiSetScale(double *v, int slot, const char *what, int32 scale)
{
	if (v[slot] == (double) scale)
		return;
	if (v[slot] != 0 && v[KPI_N] > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale must be the same for all rows of a group", what),
				 errdetail("Scale %d was used after scale %d.", scale, (int) v[slot])));
	v[slot] = scale;
}

/* inverse transitions: remove one from a count that must be positive */
void
KpiDecrement(double *v, int slot, const char *caller)
{
	if (v[slot] < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid transition state for %s", caller),
				 errdetail("The inverse transition removed a row that was never added.")));
	v[slot] -= 1;
}

/*
 * Raise the error for a failed KpiStateMerge of v2 into v1 (nothing for
 * KPI_MERGE_OK).  Shared by the combine functions and the rollups.
 */
void
KpiCheckMerge(KpiMergeResult result, KpiKind kind, const double *v1, const double *v2,
			  const char *caller)
{
	switch (result)
	{
		case KPI_MERGE_OK:
			break;
		case KPI_MERGE_SCALE:
			{
				int			slot = kind == KPI_INDEX ? IDX_SCALE : CSAT_SCALE;	/* = CES_SCALE */

				if (kind == KPI_TREND)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("kpi_trend unit must be the same for all rows of a group"),
							 errdetail("Partial results with units of %g and %g seconds cannot be combined.",
									   v1[2], v2[2])));
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s scale must be the same for all rows of a group",
								kind == KPI_CES ? "CES" : "CSAT"),
						 errdetail("Partial results with scales %d and %d cannot be combined.",
								   (int) v1[slot], (int) v2[slot])));
			}
			break;
		case KPI_MERGE_WEIGHTS:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("empathy_index weights must be the same for all rows of a group"),
					 errdetail("Partial results with different weights cannot be combined.")));
			break;
		case KPI_MERGE_OVERFLOW:
			/* the sums of two valid states must still be representable exactly */
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value out of range in %s", caller),
					 errdetail("Row counts and integer sums of a KPI aggregate are limited to 2^53 - 1.")));
			break;
	}
}

/*
 * Combine two partial states element-wise (STRICT; both states come from
 * INITCOND or transitions).  Modifies the first state in place under an
 * aggregate, like core's float8_combine.
 */
Datum
KpiCombine(FunctionCallInfo fcinfo, KpiKind kind, const char *caller)
{
	ArrayType  *a1;
	double	   *v1 = KpiStateForUpdate(fcinfo, kind, caller, &a1);
	const double *v2 = KpiStateReadOnly(fcinfo, 1, kind, caller);

	KpiCheckMerge(KpiStateMerge(v1, v2, kind), kind, v1, v2, caller);
	CheckKpiState(a1, kind, caller);
	PG_RETURN_ARRAYTYPE_P(a1);
}

/* ---- input checks shared by the aggregates ---- */

void
KpiCheckNpsScore(int32 score)
{
	if (score < 0 || score > 10)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("NPS score %d is out of range", score),
				 errdetail("Valid scores are 0 to 10.")));
}

void
KpiCheckScale(const char *what, int32 scale)
{
	if (scale != 5 && scale != 7 && scale != 10)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale %d is not supported", what, scale),
				 errhint("Supported scales are 5, 7 and 10.")));
}

void
KpiCheckScaleScore(const char *what, int32 score, int32 scale)
{
	KpiCheckScale(what, scale);
	if (score < 1 || score > scale)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s score %d is out of range", what, score),
				 errdetail("Valid scores on a %d-point scale are 1 to %d.", scale, scale)));
}

void
KpiCheckCompound(double compound)
{
	if (!(compound >= -1.0 && compound <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sentiment compound score %g is out of range", compound),
				 errdetail("Valid compound scores are -1 to 1.")));
}

/* Build a value of the function's declared composite result type */
Datum
KpiMakeComposite(FunctionCallInfo fcinfo, Datum *values, bool *nulls)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}
