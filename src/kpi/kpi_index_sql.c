/*
 * kpi_index_sql.c
 *	  empathy_index(compound, nps_score, csat_score [, weights [, csat_scale]]):
 *	  a transparent composite of sentiment, NPS and CSAT.
 *
 * Each component is mapped to 0-100:
 *	  sentiment  50 (mean compound + 1)
 *	  NPS        (NPS + 100) / 2
 *	  CSAT       top-two-box percent
 * The index is the weighted mean of the components that have data (the
 * weights of the others are dropped and the rest renormalised), and the
 * result carries every component, its n and the normalised weights actually
 * applied, so index = sum(component * weight) can be checked by anyone.
 * A NULL input only means "no data for that component in this row".
 */
#include "compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"

#include "kpi_state.h"

#define INDEX_DEFAULT_SCALE 5

/*
 * Validate a weights argument: 3 finite, non-negative float8s, not all zero.
 */
static void
index_weights(ArrayType *a, double w[3])
{
	const double *e;
	int			i;

	if (ARR_NDIM(a) != 1 || ARR_DIMS(a)[0] != 3 || ARR_HASNULL(a) ||
		ARR_ELEMTYPE(a) != FLOAT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("empathy_index weights must be an array of 3 numbers"),
				 errdetail("The weights are for sentiment, NPS and CSAT, in that order, without nulls.")));
	e = (const double *) ARR_DATA_PTR(a);
	for (i = 0; i < 3; i++)
		if (!isfinite(e[i]) || e[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("empathy_index weight %g is invalid", e[i]),
					 errdetail("Weights must be finite and non-negative.")));
	if (e[0] + e[1] + e[2] == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("empathy_index weights must not all be zero")));
	memcpy(w, e, sizeof(double) * 3);
}

/*
 * Add (dir = +1) or remove (dir = -1) one row.  Arguments: state, compound,
 * nps, csat [, weights [, csat_scale]]; not STRICT, NULL inputs are "no data".
 */
static Datum
index_step(FunctionCallInfo fcinfo, bool inverse, const char *caller)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_INDEX, caller, &state);
	double		w[3] = {1.0, 1.0, 1.0};
	int32		scale = INDEX_DEFAULT_SCALE;
	bool		has_s = !PG_ARGISNULL(1),
				has_n = !PG_ARGISNULL(2),
				has_c = !PG_ARGISNULL(3);
	int			i;

	if (PG_NARGS() > 4)
	{
		ArrayType  *wa;

		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("empathy_index weights must not be null")));
		wa = PG_GETARG_ARRAYTYPE_P(4);
		index_weights(wa, w);
		/* a weights column arrives with a short header and is detoasted per row */
		if ((Pointer) wa != DatumGetPointer(PG_GETARG_DATUM(4)))
			pfree(wa);
	}
	if (PG_NARGS() > 5)
	{
		if (PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("empathy_index CSAT scale must not be null")));
		scale = PG_GETARG_INT32(5);
		KpiCheckScale("CSAT", scale);
	}

	if (!has_s && !has_n && !has_c)
		PG_RETURN_ARRAYTYPE_P(state);

	/* settings must not change within a group */
	for (i = 0; i < 3; i++)
		if (v[IDX_W_SENT + i] != w[i])
		{
			if (v[KPI_N] > 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("empathy_index weights must be the same for all rows of a group")));
			memcpy(&v[IDX_W_SENT], w, sizeof(w));
			break;
		}
	if (has_c)
		KpiSetScale(v, IDX_SCALE, "CSAT", scale);

	if (!inverse)
	{
		if (has_s)
		{
			double		x = PG_GETARG_FLOAT8(1);

			KpiCheckCompound(x);
			v[IDX_SENT_N] += 1;
			KpiCompensatedAdd(&v[IDX_SENT_SUM], &v[IDX_SENT_SUM_C], x);
		}
		if (has_n)
		{
			int32		s = PG_GETARG_INT32(2);

			KpiCheckNpsScore(s);
			v[s >= 9 ? IDX_PROMOTERS : (s >= 7 ? IDX_PASSIVES : IDX_DETRACTORS)] += 1;
		}
		if (has_c)
		{
			int32		s = PG_GETARG_INT32(3);

			KpiCheckScaleScore("CSAT", s, scale);
			v[IDX_CSAT_N] += 1;
			if (s >= scale - 1)
				v[IDX_CSAT_SAT] += 1;
		}
		v[KPI_N] += 1;
	}
	else
	{
		if (has_s)
		{
			double		x = PG_GETARG_FLOAT8(1);

			KpiCheckCompound(x);
			KpiDecrement(v, IDX_SENT_N, caller);
			if (v[IDX_SENT_N] == 0)
				v[IDX_SENT_SUM] = v[IDX_SENT_SUM_C] = 0.0;
			else
				KpiCompensatedAdd(&v[IDX_SENT_SUM], &v[IDX_SENT_SUM_C], -x);
		}
		if (has_n)
		{
			int32		s = PG_GETARG_INT32(2);

			KpiCheckNpsScore(s);
			KpiDecrement(v, s >= 9 ? IDX_PROMOTERS : (s >= 7 ? IDX_PASSIVES : IDX_DETRACTORS), caller);
		}
		if (has_c)
		{
			int32		s = PG_GETARG_INT32(3);

			KpiCheckScaleScore("CSAT", s, scale);
			if (s >= scale - 1)
				KpiDecrement(v, IDX_CSAT_SAT, caller);
			KpiDecrement(v, IDX_CSAT_N, caller);
		}
		KpiDecrement(v, KPI_N, caller);
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

/* empathy_index_accum(float8[], float8, int, int [, float8[] [, int]]) */
PG_FUNCTION_INFO_V1(empathy_index_accum);
Datum
empathy_index_accum(PG_FUNCTION_ARGS)
{
	return index_step(fcinfo, false, "empathy_index_accum");
}

/* empathy_index_accum_inv(float8[], float8, int, int [, float8[] [, int]]) */
PG_FUNCTION_INFO_V1(empathy_index_accum_inv);
Datum
empathy_index_accum_inv(PG_FUNCTION_ARGS)
{
	return index_step(fcinfo, true, "empathy_index_accum_inv");
}

/* empathy_index_combine(float8[], float8[]) */
PG_FUNCTION_INFO_V1(empathy_index_combine);
Datum
empathy_index_combine(PG_FUNCTION_ARGS)
{
	return KpiCombine(fcinfo, KPI_INDEX, "empathy_index_combine");
}

/* empathy_index_final(float8[]) returns empathy_index_result */
PG_FUNCTION_INFO_V1(empathy_index_final);
Datum
empathy_index_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_INDEX, "empathy_index_final");
	KpiIndexParts r;
	Datum		values[12];
	bool		nulls[12] = {0};
	Datum		st[IDX_STATE_LEN];
	int			i;

	if (v[KPI_N] == 0)
		PG_RETURN_NULL();
	KpiIndexCompute(v, &r);
	/* the whole state, for exact rollups (empathy_index(empathy_index_result)) */
	for (i = 0; i < IDX_STATE_LEN; i++)
		st[i] = Float8GetDatum(v[i]);
	values[11] = PointerGetDatum(construct_array(st, IDX_STATE_LEN, FLOAT8OID, sizeof(float8),
												 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));

	values[0] = Float8GetDatum(r.index);
	nulls[0] = isnan(r.index);	/* only zero-weighted components have data */
	values[1] = Int64GetDatum((int64) v[KPI_N]);
	for (i = 0; i < 3; i++)
	{
		values[2 + 2 * i] = Float8GetDatum(r.component[i]);
		nulls[2 + 2 * i] = (r.count[i] == 0);
		values[3 + 2 * i] = Int64GetDatum((int64) r.count[i]);
		values[8 + i] = Float8GetDatum(r.weight[i]);
	}
	return KpiMakeComposite(fcinfo, values, nulls);
}
