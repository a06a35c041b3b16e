/*
 * kpi_layout.h
 *	  Transition states of the KPI aggregates: fixed-length float8[] arrays.
 *	  Pure C (no PostgreSQL headers): layouts, checks and merging live in
 *	  kpi_state.c so that the unit tests and the fuzzer drive them directly.
 *
 * Every state is a one-dimensional float8 array without NULLs whose first
 * element is a format tag naming the aggregate family (and, implicitly, the
 * layout version: a future layout gets a new tag, so an old state is rejected
 * instead of misread).  Element 1 is always n, the number of rows counted.
 * Being a plain SQL type with text I/O, a state travels through parallel
 * workers, postgres_fdw and Citus partial aggregation without serialize
 * functions.  Layouts (0-based element numbers):
 *
 *	NPS        {3101, n, promoters, passives, detractors}
 *	CSAT       {3102, n, scale, satisfied}                 scale 0 = not yet known
 *	CES        {3103, n, scale, sum, sum_of_squares}       sums of integer scores: exact
 *	sentiment  {3104, n, sum, sum_comp, sumsq, sumsq_comp, positive, neutral, negative}
 *	index      {3105, n, w_sentiment, w_nps, w_csat, csat_scale,
 *	            sentiment_n, sentiment_sum, sentiment_sum_comp,
 *	            promoters, passives, detractors, csat_n, csat_satisfied}
 *
 * "_comp" elements are Neumaier compensation terms of the float sums just
 * before them, so that the inverse transition (subtracting a value that
 * left a moving window) does not accumulate rounding drift.
 */
#ifndef PGE_KPI_LAYOUT_H
#define PGE_KPI_LAYOUT_H

#include <math.h>
#include <stdbool.h>


typedef enum KpiKind
{
	KPI_NPS = 0,
	KPI_CSAT,
	KPI_CES,
	KPI_SENTIMENT,
	KPI_INDEX,
	KPI_TREND,					/* layout in kpi_trend.h */
	KPI_CONTROL					/* layout in kpi_control.h */
} KpiKind;

/* element numbers shared by all layouts */
#define KPI_TAG			0
#define KPI_N			1

/* NPS */
#define NPS_PROMOTERS	2
#define NPS_PASSIVES	3
#define NPS_DETRACTORS	4
#define NPS_STATE_LEN	5

/* CSAT */
#define CSAT_SCALE		2
#define CSAT_SATISFIED	3
#define CSAT_STATE_LEN	4

/* CES */
#define CES_SCALE		2
#define CES_SUM			3
#define CES_SUMSQ		4
#define CES_STATE_LEN	5

/* sentiment */
#define SENT_SUM		2
#define SENT_SUM_C		3
#define SENT_SUMSQ		4
#define SENT_SUMSQ_C	5
#define SENT_POS		6
#define SENT_NEU		7
#define SENT_NEG		8
#define SENT_STATE_LEN	9

/* empathy index */
#define IDX_W_SENT		2
#define IDX_W_NPS		3
#define IDX_W_CSAT		4
#define IDX_SCALE		5
#define IDX_SENT_N		6
#define IDX_SENT_SUM	7
#define IDX_SENT_SUM_C	8
#define IDX_PROMOTERS	9
#define IDX_PASSIVES	10
#define IDX_DETRACTORS	11
#define IDX_CSAT_N		12
#define IDX_CSAT_SAT	13
#define IDX_STATE_LEN	14

/* default scales of csat() and ces() */
#define CSAT_DEFAULT_SCALE	5
#define CES_DEFAULT_SCALE	7

/* VADER's conventional thresholds for positive / negative compound scores */
#define KPI_SENT_POS_THRESHOLD	0.05
#define KPI_SENT_NEG_THRESHOLD	(-0.05)

/*
 * Counts are kept as float8 but must be whole numbers that float8 holds
 * exactly.  The cap is 2^53 - 1, not 2^53: any sum beyond it rounds to at
 * least 2^53 and so is detected, where 2^53 + 1 would silently become 2^53.
 */
#define KPI_MAX_COUNT 9007199254740991.0	/* 2^53 - 1 */

/* outcome of merging two states (KpiStateMerge) */
typedef enum KpiMergeResult
{
	KPI_MERGE_OK = 0,
	KPI_MERGE_SCALE,			/* scales differ */
	KPI_MERGE_WEIGHTS,			/* empathy_index weights differ */
	KPI_MERGE_OVERFLOW			/* more than KPI_MAX_COUNT rows */
} KpiMergeResult;

/* the index and its parts, as empathy_index_final reports them */
typedef struct KpiIndexParts
{
	double		index;			/* NaN when no weighted component has data */
	double		component[3];	/* sentiment, NPS, CSAT on 0-100; NaN without data */
	double		count[3];
	double		weight[3];		/* normalised weights actually applied */
} KpiIndexParts;

extern const char *KpiStateName(KpiKind kind);
extern double KpiStateTag(KpiKind kind);
extern int	KpiStateLen(KpiKind kind);
extern const char *KpiStateProblem(const double *v, int len, KpiKind kind);
extern KpiMergeResult KpiStateMerge(double *v1, const double *v2, KpiKind kind);
extern double KpiNpsValue(const double *v);
extern void KpiMoments(double n, double sum, double sumsq, double lo, double hi,
					   double *mean, double *sd);
extern void KpiIndexCompute(const double *v, KpiIndexParts *r);
extern const char *KpiMeanSummaryProblem(double n, double mean, double sd, double lo, double hi);

/*
 * Neumaier's compensated addition: *sum + *comp tracks the exact total far
 * better than *sum alone, also when values are later subtracted again.
 */
static inline void
KpiCompensatedAdd(double *sum, double *comp, double x)
{
	double		t = *sum + x;

	if (fabs(*sum) >= fabs(x))
		*comp += (*sum - t) + x;
	else
		*comp += (x - t) + *sum;
	*sum = t;
}

#endif							/* PGE_KPI_LAYOUT_H */
