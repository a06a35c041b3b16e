/*
 * kpi_rollup_sql.c
 *	  Exact rollups: nps_stats(nps_summary), csat_stats(csat_summary),
 *	  ces_stats(ces_summary), sentiment_stats(sentiment_summary) and
 *	  empathy_index(empathy_index_result) (plus nps, csat, ces over summaries)
 *	  merge stored summaries, e.g. a daily rollup table into weeks.
 *
 * Each summary carries its sufficient statistics: the counts (NPS, CSAT),
 * the integer sum and sum of squares (CES), the sum and sum of squares of
 * the compound scores (sentiment), the whole transition state (index).  The
 * transition function rebuilds the aggregate's state from them, checks it
 * like any state (kpi_state.c) and merges it with KpiStateMerge, the same
 * code as the combine functions; the final functions are those of the
 * row-level aggregates, so a rollup equals the figures computed from the raw
 * rows (counts exactly, float sums to a few ulps).  Derived fields of the
 * summaries (nps, mean, stddev, intervals, ...) are not read: they are
 * recomputed.
 */
#include "compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

#include "kpi_state.h"

static const char *const summary_type[] = {
	[KPI_NPS] = "nps_summary",
	[KPI_CSAT] = "csat_summary",
	[KPI_CES] = "ces_summary",
	[KPI_SENTIMENT] = "sentiment_summary",
	[KPI_INDEX] = "empathy_index_result",
};

static void bad_summary(KpiKind kind, const char *detail) pg_attribute_noreturn();

static void
bad_summary(KpiKind kind, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s value", summary_type[kind]),
			 errdetail("%s", detail)));
}

/* a field that must be present; NULL means the summary lacks its statistics */
static Datum
need(HeapTupleHeader t, KpiKind kind, const char *name)
{
	bool		isnull;
	Datum		d = GetAttributeByName(t, name, &isnull);

	if (isnull)
	{
		char		detail[160];

		snprintf(detail, sizeof(detail),
				 "Field %s is null; summaries stored before 0.2.0 lack it and must be recomputed from the rows.",
				 name);
		bad_summary(kind, detail);
	}
	return d;
}

static double
need_count(HeapTupleHeader t, KpiKind kind, const char *name)
{
	int64		c = DatumGetInt64(need(t, kind, name));

	if ((double) c > KPI_MAX_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s count %lld is out of range", summary_type[kind], (long long) c),
				 errdetail("Counts of KPI summaries are at most 2^53 - 1.")));
	return (double) c;			/* a negative count fails the state check */
}

/* rebuild the transition state s (length KpiStateLen(kind)) from a summary */
static void
summary_state(HeapTupleHeader t, KpiKind kind, double *s)
{
	const char *problem;

	memset(s, 0, sizeof(double) * KpiStateLen(kind));
	s[KPI_TAG] = KpiStateTag(kind);
	switch (kind)
	{
		case KPI_NPS:
			s[KPI_N] = need_count(t, kind, "n");
			s[NPS_PROMOTERS] = need_count(t, kind, "promoters");
			s[NPS_PASSIVES] = need_count(t, kind, "passives");
			s[NPS_DETRACTORS] = need_count(t, kind, "detractors");
			break;
		case KPI_CSAT:
			s[KPI_N] = need_count(t, kind, "n");
			s[CSAT_SCALE] = DatumGetInt32(need(t, kind, "scale"));
			s[CSAT_SATISFIED] = need_count(t, kind, "satisfied");
			break;
		case KPI_CES:
			s[KPI_N] = need_count(t, kind, "n");
			s[CES_SCALE] = DatumGetInt32(need(t, kind, "scale"));
			s[CES_SUM] = need_count(t, kind, "sum_scores");
			s[CES_SUMSQ] = need_count(t, kind, "sum_squares");
			break;
		case KPI_SENTIMENT:
			s[KPI_N] = need_count(t, kind, "n");
			s[SENT_SUM] = DatumGetFloat8(need(t, kind, "sum"));
			s[SENT_SUMSQ] = DatumGetFloat8(need(t, kind, "sum_squares"));
			s[SENT_POS] = need_count(t, kind, "positive");
			s[SENT_NEU] = need_count(t, kind, "neutral");
			s[SENT_NEG] = need_count(t, kind, "negative");
			break;
		case KPI_INDEX:
			{
				ArrayType  *a = DatumGetArrayTypeP(need(t, kind, "state"));

				if (ARR_NDIM(a) != 1 || ARR_ELEMTYPE(a) != FLOAT8OID || ARR_HASNULL(a) ||
					ARR_DIMS(a)[0] != IDX_STATE_LEN)
					bad_summary(kind, "Field state must be a float8 array of 14 elements without nulls.");
				memcpy(s, ARR_DATA_PTR(a), sizeof(double) * IDX_STATE_LEN);
			}
			break;
		case KPI_TREND:
		case KPI_CONTROL:
			elog(ERROR, "%s has no summary rollup", KpiStateName(kind));
	}
	/* an empty summary is never produced (the aggregates return NULL) */
	if (s[KPI_N] == 0)
		bad_summary(kind, "A summary must count at least one row.");
	problem = KpiStateProblem(s, KpiStateLen(kind), kind);
	if (problem)
		bad_summary(kind, problem);
}

/*
 * kpi_summary_accum(float8[], <summary>): the transition function of every
 * rollup aggregate; the kind comes from the state's tag (the INITCOND).
 */
PG_FUNCTION_INFO_V1(kpi_summary_accum);
Datum
kpi_summary_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	double	   *v;
	double		s[IDX_STATE_LEN];
	KpiKind		kind;
	const char *caller = "kpi_summary_accum";

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("transition state for %s must not be null", caller)));
	{
		ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
		double		tag = (ARR_NDIM(a) == 1 && ARR_ELEMTYPE(a) == FLOAT8OID &&
						   !ARR_HASNULL(a) && ARR_DIMS(a)[0] >= 1) ?
			((double *) ARR_DATA_PTR(a))[0] : 0;

		for (kind = KPI_NPS; kind <= KPI_INDEX; kind++)
			if (tag == KpiStateTag(kind))
				break;
		if (kind > KPI_INDEX)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid transition state for %s", caller),
					 errdetail("The state has the wrong format tag.")));
	}
	v = KpiStateForUpdate(fcinfo, kind, caller, &state);
	if (PG_ARGISNULL(1))
		PG_RETURN_ARRAYTYPE_P(state);	/* a NULL summary: no rows */
	summary_state(PG_GETARG_HEAPTUPLEHEADER(1), kind, s);
	KpiCheckMerge(KpiStateMerge(v, s, kind), kind, v, s, caller);
	CheckKpiState(state, kind, caller);
	PG_RETURN_ARRAYTYPE_P(state);
}
