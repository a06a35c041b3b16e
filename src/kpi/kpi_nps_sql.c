/*
 * kpi_nps_sql.c
 *	  Net Promoter Score aggregates: nps(int) and nps_stats(int).
 *
 * Promoters answer 9-10, passives 7-8, detractors 0-6.  With p and d the
 * promoter and detractor shares: NPS = 100 (p - d), and since NPS is the
 * mean of a variable that is +100, 0 or -100,
 * SE = 100 sqrt((p + d - (p - d)^2) / n).  The 95% interval is the Wald
 * interval NPS +- 1.96 SE, clipped to [-100, 100].
 */
#include "compat.h"

#include <math.h>

#include "fmgr.h"
#include "utils/array.h"

#include "kpi_state.h"
#include "kpi_stats.h"

static inline int
nps_slot(int32 score)
{
	KpiCheckNpsScore(score);
	return score >= 9 ? NPS_PROMOTERS : (score >= 7 ? NPS_PASSIVES : NPS_DETRACTORS);
}

/* add or remove one answer; also used by the bigint and numeric overloads */
Datum
KpiNpsStep(FunctionCallInfo fcinfo, int32 score, bool inverse, const char *caller)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_NPS, caller, &state);
	int			slot = nps_slot(score);

	if (!inverse)
	{
		v[KPI_N] += 1;
		v[slot] += 1;
	}
	else
	{
		KpiDecrement(v, slot, caller);
		KpiDecrement(v, KPI_N, caller);
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

/*
 * nps_accum(float8[], int): count one answer
 */
PG_FUNCTION_INFO_V1(nps_accum);
Datum
nps_accum(PG_FUNCTION_ARGS)
{
	return KpiNpsStep(fcinfo, PG_GETARG_INT32(1), false, "nps_accum");
}

/*
 * nps_accum_inv(float8[], int): forget one answer (moving windows)
 */
PG_FUNCTION_INFO_V1(nps_accum_inv);
Datum
nps_accum_inv(PG_FUNCTION_ARGS)
{
	return KpiNpsStep(fcinfo, PG_GETARG_INT32(1), true, "nps_accum_inv");
}

/*
 * nps_combine(float8[], float8[]): add two partial states
 */
PG_FUNCTION_INFO_V1(nps_combine);
Datum
nps_combine(PG_FUNCTION_ARGS)
{
	return KpiCombine(fcinfo, KPI_NPS, "nps_combine");
}

/*
 * nps_final(float8[]) returns float8: the NPS, NULL for no rows
 */
PG_FUNCTION_INFO_V1(nps_final);
Datum
nps_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_NPS, "nps_final");

	/* SQL defines aggregates over no rows to be NULL, as avg does */
	if (v[KPI_N] == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(KpiNpsValue(v));
}

/*
 * nps_stats_final(float8[]) returns nps_summary
 */
PG_FUNCTION_INFO_V1(nps_stats_final);
Datum
nps_stats_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_NPS, "nps_stats_final");
	double		n = v[KPI_N];
	double		p,
				d,
				nps,
				se;
	Datum		values[8];
	bool		nulls[8] = {0};

	if (n == 0)
		PG_RETURN_NULL();
	p = v[NPS_PROMOTERS] / n;
	d = v[NPS_DETRACTORS] / n;
	/* p + d - (p - d)^2 >= 0 mathematically; guard against rounding */
	se = 100.0 * sqrt(fmax(0.0, p + d - (p - d) * (p - d)) / n);
	nps = KpiNpsValue(v);		/* the same expression as nps(), to the last digit */

	values[0] = Int64GetDatum((int64) n);
	values[1] = Int64GetDatum((int64) v[NPS_PROMOTERS]);
	values[2] = Int64GetDatum((int64) v[NPS_PASSIVES]);
	values[3] = Int64GetDatum((int64) v[NPS_DETRACTORS]);
	values[4] = Float8GetDatum(nps);
	values[5] = Float8GetDatum(se);
	values[6] = Float8GetDatum(fmax(-100.0, nps - KPI_Z95 * se));
	values[7] = Float8GetDatum(fmin(100.0, nps + KPI_Z95 * se));
	return KpiMakeComposite(fcinfo, values, nulls);
}
