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

typedef struct KpiStateDesc
{
	const char *name;			/* for messages */
	double		tag;
	int			len;
} KpiStateDesc;

static const KpiStateDesc kpi_state_desc[] = {
	[KPI_NPS] = {"nps", 3101.0, NPS_STATE_LEN},
	[KPI_CSAT] = {"csat", 3102.0, CSAT_STATE_LEN},
	[KPI_CES] = {"ces", 3103.0, CES_STATE_LEN},
	[KPI_SENTIMENT] = {"sentiment_stats", 3104.0, SENT_STATE_LEN},
	[KPI_INDEX] = {"empathy_index", 3105.0, IDX_STATE_LEN},
};

/*
 * Counts are kept as float8 but must be whole numbers that float8 holds
 * exactly.  The cap is 2^53 - 1, not 2^53: any sum beyond it rounds to at
 * least 2^53 and so is detected, where 2^53 + 1 would silently become 2^53.
 */
#define KPI_MAX_COUNT 9007199254740991.0	/* 2^53 - 1 */

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

pg_noreturn static void bad_state(const char *caller, const KpiStateDesc *desc,
								  const char *detail);

static void
bad_state(const char *caller, const KpiStateDesc *desc, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid transition state for %s", caller),
			 errdetail("%s", detail),
			 errhint("Pass only states produced by the %s aggregate support functions.",
					 desc->name)));
}

/*
 * Check that a state array is one we could have produced: shape, tag, and
 * that counts are non-negative whole numbers that add up.  Called on every
 * entry to every support function, so a hostile array passed directly (or as
 * the INITCOND of a user-defined aggregate) gets an error, never a crash or
 * a silently wrong figure.
 */
void
CheckKpiState(ArrayType *state, KpiKind kind, const char *caller)
{
	const KpiStateDesc *desc = &kpi_state_desc[kind];
	const double *v;
	int			i;

	if (ARR_NDIM(state) != 1 || ARR_ELEMTYPE(state) != FLOAT8OID ||
		ARR_HASNULL(state) || ARR_DIMS(state)[0] != desc->len)
	{
		char		detail[128];

		snprintf(detail, sizeof(detail),
				 "The state must be a one-dimensional float8 array of %d elements without nulls.",
				 desc->len);
		bad_state(caller, desc, detail);
	}
	v = (const double *) ARR_DATA_PTR(state);
	if (v[KPI_TAG] != desc->tag)
		bad_state(caller, desc, "The state has the wrong format tag.");
	if (!is_count(v[KPI_N]))
		bad_state(caller, desc, "The row count must be a non-negative whole number.");

	switch (kind)
	{
		case KPI_NPS:
			for (i = NPS_PROMOTERS; i <= NPS_DETRACTORS; i++)
				if (!is_count(v[i]))
					bad_state(caller, desc, "Counts must be non-negative whole numbers.");
			if (v[NPS_PROMOTERS] + v[NPS_PASSIVES] + v[NPS_DETRACTORS] != v[KPI_N])
				bad_state(caller, desc, "Promoters, passives and detractors must add up to n.");
			break;
		case KPI_CSAT:
			if (!is_scale(v[CSAT_SCALE]) || (v[KPI_N] > 0 && v[CSAT_SCALE] == 0))
				bad_state(caller, desc, "The scale must be 5, 7 or 10 (0 before the first row).");
			if (!is_count(v[CSAT_SATISFIED]) || v[CSAT_SATISFIED] > v[KPI_N])
				bad_state(caller, desc, "The satisfied count must be a whole number between 0 and n.");
			break;
		case KPI_CES:
			if (!is_scale(v[CES_SCALE]) || (v[KPI_N] > 0 && v[CES_SCALE] == 0))
				bad_state(caller, desc, "The scale must be 5, 7 or 10 (0 before the first row).");
			if (!is_count(v[CES_SUM]) || !is_count(v[CES_SUMSQ]) ||
				v[CES_SUM] < v[KPI_N] || v[CES_SUM] > v[CES_SCALE] * v[KPI_N] ||
				v[CES_SUMSQ] < v[CES_SUM])
				bad_state(caller, desc, "The sums are not consistent with n scores on the scale.");
			break;
		case KPI_SENTIMENT:
			for (i = SENT_SUM; i <= SENT_SUMSQ_C; i++)
				if (!isfinite(v[i]))
					bad_state(caller, desc, "Sums must be finite.");
			for (i = SENT_POS; i <= SENT_NEG; i++)
				if (!is_count(v[i]))
					bad_state(caller, desc, "Counts must be non-negative whole numbers.");
			if (v[SENT_POS] + v[SENT_NEU] + v[SENT_NEG] != v[KPI_N])
				bad_state(caller, desc, "Positive, neutral and negative counts must add up to n.");
			break;
		case KPI_INDEX:
			for (i = IDX_W_SENT; i <= IDX_W_CSAT; i++)
				if (!isfinite(v[i]) || v[i] < 0)
					bad_state(caller, desc, "Weights must be finite and non-negative.");
			if (v[KPI_N] > 0 && v[IDX_W_SENT] + v[IDX_W_NPS] + v[IDX_W_CSAT] == 0)
				bad_state(caller, desc, "Weights must be set once rows were counted.");
			if (!is_scale(v[IDX_SCALE]))
				bad_state(caller, desc, "The CSAT scale must be 5, 7 or 10 (0 before the first row).");
			if (!isfinite(v[IDX_SENT_SUM]) || !isfinite(v[IDX_SENT_SUM_C]))
				bad_state(caller, desc, "Sums must be finite.");
			for (i = IDX_SENT_N; i <= IDX_CSAT_SAT; i++)
				if (i != IDX_SENT_SUM && i != IDX_SENT_SUM_C && !is_count(v[i]))
					bad_state(caller, desc, "Counts must be non-negative whole numbers.");
			if (v[IDX_SENT_N] > v[KPI_N] ||
				v[IDX_PROMOTERS] + v[IDX_PASSIVES] + v[IDX_DETRACTORS] > v[KPI_N] ||
				v[IDX_CSAT_N] > v[KPI_N] || v[IDX_CSAT_SAT] > v[IDX_CSAT_N] ||
				(v[IDX_CSAT_N] > 0 && v[IDX_SCALE] == 0))
				bad_state(caller, desc, "Component counts are not consistent with n.");
			break;
	}
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

void
KpiMergeScale(double *dst, const double *src, int slot, const char *what)
{
	if (src[slot] == 0 || dst[slot] == src[slot])
		return;
	if (dst[slot] != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale must be the same for all rows of a group", what),
				 errdetail("Partial results with scales %d and %d cannot be combined.",
						   (int) dst[slot], (int) src[slot])));
	dst[slot] = src[slot];
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
	int			i;

	if (v2[KPI_N] == 0)
		PG_RETURN_ARRAYTYPE_P(a1);
	if (v1[KPI_N] == 0)
	{
		/* nothing counted on our side: take the other state as it is */
		memcpy(v1, v2, sizeof(double) * ARR_DIMS(a1)[0]);
		PG_RETURN_ARRAYTYPE_P(a1);
	}

	switch (kind)
	{
		case KPI_NPS:
			for (i = KPI_N; i < NPS_STATE_LEN; i++)
				v1[i] += v2[i];
			break;
		case KPI_CSAT:
			KpiMergeScale(v1, v2, CSAT_SCALE, "CSAT");
			v1[KPI_N] += v2[KPI_N];
			v1[CSAT_SATISFIED] += v2[CSAT_SATISFIED];
			break;
		case KPI_CES:
			KpiMergeScale(v1, v2, CES_SCALE, "CES");
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
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("empathy_index weights must be the same for all rows of a group"),
							 errdetail("Partial results with different weights cannot be combined.")));
			KpiMergeScale(v1, v2, IDX_SCALE, "CSAT");
			KpiCompensatedAdd(&v1[IDX_SENT_SUM], &v1[IDX_SENT_SUM_C], v2[IDX_SENT_SUM]);
			v1[IDX_SENT_SUM_C] += v2[IDX_SENT_SUM_C];
			v1[KPI_N] += v2[KPI_N];
			v1[IDX_SENT_N] += v2[IDX_SENT_N];
			for (i = IDX_PROMOTERS; i <= IDX_CSAT_SAT; i++)
				v1[i] += v2[i];
			break;
	}

	/* the sums of two valid states must still be representable exactly */
	if (v1[KPI_N] > KPI_MAX_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("row count out of range in %s", caller),
				 errdetail("A KPI aggregate can count at most 2^53 - 1 rows.")));
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
