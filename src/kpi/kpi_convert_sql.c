/*
 * kpi_convert_sql.c
 *	  smallint, bigint and numeric overloads of nps, nps_stats, csat,
 *	  csat_stats, ces and ces_stats: loaders often create score columns as
 *	  bigint or numeric.  (smallint is there because with bigint and numeric
 *	  overloads a smallint argument would otherwise be ambiguous.)
 *
 * One transition function (and its inverse) serves every overload: the KPI
 * family comes from the state's tag (the aggregate's INITCOND), the input
 * type from the call expression (or the function's signature).  The score is converted to int exactly, or
 * rejected: a fractional numeric or a value beyond int range is 22003, like
 * any score out of range.  Then the int aggregates' step functions run, so
 * the overloads give the same states and figures as the int versions.
 */
#include "compat.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "kpi_state.h"

/*
 * The score's type: from the call expression, or, when the caller passes none (Citus's
 * worker_partial_agg calls the transition function directly), from the function's declared
 * signature (each overload has its own pg_proc entry).
 */
static Oid
score_type(FunctionCallInfo fcinfo)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 1);

	if (!OidIsValid(type) && OidIsValid(fcinfo->flinfo->fn_oid))
	{
		Oid		   *argtypes;
		int			nargs;

		get_func_signature(fcinfo->flinfo->fn_oid, &argtypes, &nargs);
		if (nargs > 1)
			type = argtypes[1];
		pfree(argtypes);
	}
	return type;
}

static int32
score_arg(FunctionCallInfo fcinfo)
{
	Oid			type = score_type(fcinfo);

	if (type == INT2OID)
		return (int32) PG_GETARG_INT16(1);
	if (type == INT8OID)
	{
		int64		s = PG_GETARG_INT64(1);

		if (s < PG_INT32_MIN || s > PG_INT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("score %lld is out of range", (long long) s)));
		return (int32) s;
	}
	if (type == NUMERICOID)
	{
		Datum		n = PG_GETARG_DATUM(1);
		Datum		whole;

		if (numeric_is_nan(DatumGetNumeric(n)) || numeric_is_inf(DatumGetNumeric(n)))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("score %s is out of range",
							DatumGetCString(DirectFunctionCall1(numeric_out, n)))));
		whole = DirectFunctionCall2(numeric_trunc, n, Int32GetDatum(0));
		if (!DatumGetBool(DirectFunctionCall2(numeric_eq, n, whole)))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("score %s is not a whole number",
							DatumGetCString(DirectFunctionCall1(numeric_out, n))),
					 errdetail("Scores are whole numbers.")));
		/* numeric_int4 raises 22003 "integer out of range" beyond int */
		return DatumGetInt32(DirectFunctionCall1(numeric_int4, n));
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("kpi_score_accum needs a smallint, bigint or numeric score in a call it can inspect")));
	return 0;					/* keep the compiler quiet */
}

static Datum
converted_step(FunctionCallInfo fcinfo, bool inverse, const char *caller)
{
	ArrayType  *a;
	double		tag;
	int32		score;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("transition state for %s must not be null", caller)));
	a = PG_GETARG_ARRAYTYPE_P(0);
	tag = (ARR_NDIM(a) == 1 && ARR_ELEMTYPE(a) == FLOAT8OID && !ARR_HASNULL(a) &&
		   ARR_DIMS(a)[0] >= 1) ? ((double *) ARR_DATA_PTR(a))[0] : 0;
	score = score_arg(fcinfo);
	if (tag == KpiStateTag(KPI_NPS))
		return KpiNpsStep(fcinfo, score, inverse, caller);
	if (tag == KpiStateTag(KPI_CSAT))
		return KpiCsatStep(fcinfo, score, PG_NARGS() > 2 ? PG_GETARG_INT32(2) : CSAT_DEFAULT_SCALE,
						   inverse, caller);
	if (tag == KpiStateTag(KPI_CES))
		return KpiCesStep(fcinfo, score, PG_NARGS() > 2 ? PG_GETARG_INT32(2) : CES_DEFAULT_SCALE,
						  inverse, caller);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid transition state for %s", caller),
			 errdetail("The state has the wrong format tag.")));
	return (Datum) 0;
}

/* kpi_score_accum(float8[], smallint | bigint | numeric [, int]) */
PG_FUNCTION_INFO_V1(kpi_score_accum);
Datum
kpi_score_accum(PG_FUNCTION_ARGS)
{
	return converted_step(fcinfo, false, "kpi_score_accum");
}

/* kpi_score_accum_inv(float8[], smallint | bigint | numeric [, int]) */
PG_FUNCTION_INFO_V1(kpi_score_accum_inv);
Datum
kpi_score_accum_inv(PG_FUNCTION_ARGS)
{
	return converted_step(fcinfo, true, "kpi_score_accum_inv");
}
