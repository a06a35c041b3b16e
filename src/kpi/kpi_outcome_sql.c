/*
 * kpi_outcome_sql.c
 *	  outcome_association(x, outcome), survival_counts(time, event) and
 *	  kaplan_meier(counts).  The statistics are in kpi_outcome.c, the states
 *	  in kpi_hist.c (pure C).
 */
#include "compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "kpi_hist_sql.h"
#include "kpi_outcome.h"
#include "kpi_state.h"
#include "kpi_stats.h"

/* keys beyond this would overflow the sums of squares */
#define OUTCOME_MAX_X 1e150

/* outcome_association_accum(internal, float8, boolean) returns internal */
PG_FUNCTION_INFO_V1(outcome_association_accum);
Datum
outcome_association_accum(PG_FUNCTION_ARGS)
{
	KpiHist    *h = KpiHistState(fcinfo, "outcome_association_accum");
	double		x;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(h);
	x = PG_GETARG_FLOAT8(1);
	if (!(fabs(x) <= OUTCOME_MAX_X))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("outcome_association value %g is out of range", x),
				 errdetail("Values must be finite and at most 1e150 in magnitude.")));
	KpiHistAddRow(h, x, PG_GETARG_BOOL(2) ? 1 : 0, "outcome_association");
	PG_RETURN_POINTER(h);
}

/* outcome_association_final(internal) returns outcome_association_result */
PG_FUNCTION_INFO_V1(outcome_association_final);
Datum
outcome_association_final(PG_FUNCTION_ARGS)
{
	KpiHist    *h;
	KpiHistEntry *e;
	KpiOutcomeResult r;
	double		f[15];
	Datum		values[17];
	bool		nulls[17] = {0};
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = (KpiHist *) PG_GETARG_POINTER(0);
	if (h->total[0] + h->total[1] == 0)
		PG_RETURN_NULL();
	KpiHistFlush(h);			/* the state's meaning is unchanged: READ_ONLY holds */
	e = KpiHistSorted(h);
	KpiOutcomeCompute(e, h->nused, &r);
	h->mem.free(h->mem.arg, e);
	values[0] = Int64GetDatum((int64) r.n);
	values[1] = Int64GetDatum((int64) r.positives);
	f[0] = r.mean_positive;
	f[1] = r.mean_negative;
	f[2] = r.auc;
	f[3] = r.auc_std_error;
	f[4] = r.auc_ci_low;
	f[5] = r.auc_ci_high;
	f[6] = r.auc_p_value;
	f[7] = r.r;
	f[8] = r.r_ci_low;
	f[9] = r.r_ci_high;
	f[10] = r.r_p_value;
	f[11] = r.odds_ratio;
	f[12] = r.odds_ratio_ci_low;
	f[13] = r.odds_ratio_ci_high;
	f[14] = r.odds_ratio_p_value;
	for (i = 0; i < 15; i++)
	{
		values[i + 2] = Float8GetDatum(f[i]);
		nulls[i + 2] = isnan(f[i]);
	}
	return KpiMakeComposite(fcinfo, values, nulls);
}

/* survival_counts_accum(internal, float8, boolean) returns internal */
PG_FUNCTION_INFO_V1(survival_counts_accum);
Datum
survival_counts_accum(PG_FUNCTION_ARGS)
{
	KpiHist    *h = KpiHistState(fcinfo, "survival_counts_accum");
	double		t;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(h);
	t = PG_GETARG_FLOAT8(1);
	if (!(t >= 0 && t <= OUTCOME_MAX_X))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("survival time %g is out of range", t),
				 errdetail("Times are durations: finite, at least 0 and at most 1e150.")));
	/* count[0] = censored, count[1] = events */
	KpiHistAddRow(h, t, PG_GETARG_BOOL(2) ? 1 : 0, "survival_counts");
	PG_RETURN_POINTER(h);
}

/*
 * survival_counts_final(internal) returns float8[]: a k x 3 array of
 * {time, events, censored}, one row per distinct time in increasing order.
 */
PG_FUNCTION_INFO_V1(survival_counts_final);
Datum
survival_counts_final(PG_FUNCTION_ARGS)
{
	KpiHist    *h;
	KpiHistEntry *e;
	Datum	   *elems;
	int			dims[2],
				lbs[2] = {1, 1};
	size_t		j;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = (KpiHist *) PG_GETARG_POINTER(0);
	KpiHistFlush(h);			/* the state's meaning is unchanged: READ_ONLY holds */
	if (h->nused == 0)
		PG_RETURN_NULL();
	if (h->nused > MaxAllocSize / (3 * sizeof(Datum)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("survival_counts has too many distinct times (%zu)", h->nused),
				 errhint("Round the times, e.g. to whole days.")));
	e = KpiHistSorted(h);
	elems = palloc(sizeof(Datum) * 3 * h->nused);
	for (j = 0; j < h->nused; j++)
	{
		elems[3 * j] = Float8GetDatum(e[j].key);
		elems[3 * j + 1] = Float8GetDatum((double) e[j].count[1]);
		elems[3 * j + 2] = Float8GetDatum((double) e[j].count[0]);
	}
	h->mem.free(h->mem.arg, e);
	dims[0] = (int) h->nused;
	dims[1] = 3;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, NULL, 2, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * kaplan_meier(counts float8[]) returns setof (time, at_risk, events,
 * censored, survival, std_error, ci_low, ci_high): the retention curve of a
 * survival_counts value, one row per distinct time.
 */
PG_FUNCTION_INFO_V1(kaplan_meier);
Datum
kaplan_meier(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const double *v;
	KpiHistEntry *e;
	KpiSurvivalRow *rows;
	const char *problem;
	int			k,
				j;

	if (ARR_ELEMTYPE(a) != FLOAT8OID || ARR_HASNULL(a) || ARR_NDIM(a) != 2 || ARR_DIMS(a)[1] != 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kaplan_meier needs a survival_counts value"),
				 errdetail("The argument must be a k x 3 float8 array of {time, events, censored} rows without nulls.")));
	k = ARR_DIMS(a)[0];
	v = (const double *) ARR_DATA_PTR(a);
	e = palloc(sizeof(KpiHistEntry) * k);
	for (j = 0; j < k; j++)
	{
		double		t = v[3 * j],
					d = v[3 * j + 1],
					c = v[3 * j + 2];

		if (!(t >= 0 && t <= OUTCOME_MAX_X) || !(d >= 0 && d <= KPI_MAX_COUNT && d == floor(d)) ||
			!(c >= 0 && c <= KPI_MAX_COUNT && c == floor(c)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kaplan_meier needs a survival_counts value"),
					 errdetail("Row %d: times must lie in [0, 1e150] and counts be whole numbers from 0 to 2^53 - 1.", j + 1)));
		e[j].key = t;
		e[j].count[0] = (int64) c;
		e[j].count[1] = (int64) d;
	}
	problem = KpiHistCheckEntries(e, k);
	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kaplan_meier needs a survival_counts value"),
				 errdetail("%s", problem)));
	rows = palloc(sizeof(KpiSurvivalRow) * (k > 0 ? k : 1));
	KpiKaplanMeier(e, k, KPI_Z95, rows);

	InitMaterializedSRF(fcinfo, 0);
	for (j = 0; j < k; j++)
	{
		Datum		values[8];
		bool		nulls[8] = {0};
		double		f[4] = {rows[j].survival, rows[j].std_error, rows[j].ci_low, rows[j].ci_high};
		int			i;

		values[0] = Float8GetDatum(rows[j].time);
		values[1] = Int64GetDatum((int64) rows[j].at_risk);
		values[2] = Int64GetDatum((int64) rows[j].events);
		values[3] = Int64GetDatum((int64) rows[j].censored);
		for (i = 0; i < 4; i++)
		{
			values[4 + i] = Float8GetDatum(f[i]);
			nulls[4 + i] = isnan(f[i]);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}
