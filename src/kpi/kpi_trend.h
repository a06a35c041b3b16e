/*
 * kpi_trend.h
 *	  Pure C core of kpi_trend and p_adjust (no PostgreSQL headers); see
 *	  kpi_trend.c for the state layout and the formulas.
 */
#ifndef PGE_KPI_TREND_H
#define PGE_KPI_TREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kpi_layout.h"

#define TREND_TAG		3106.0
#define TREND_UNIT		2
#define TREND_X0		3
#define TREND_SX		4
#define TREND_SX_C		5
#define TREND_SY		6
#define TREND_SY_C		7
#define TREND_SXX		8
#define TREND_SXX_C		9
#define TREND_SXY		10
#define TREND_SXY_C		11
#define TREND_SYY		12
#define TREND_SYY_C		13
#define TREND_STATE_LEN	14

/* the longest unit, in seconds: more than any interval (2^31 months) */
#define KPI_TREND_MAX_UNIT 1e17

/* seconds from 1970-01-01 to 2000-01-01 (PostgreSQL's timestamp epoch) */
#define KPI_EPOCH_2000_UNIX 946684800.0

typedef struct KpiTrendResult
{
	double		n;
	double		slope;			/* per unit; NaN with a single distinct time */
	double		intercept;		/* fitted value at 1970-01-01 00:00 UTC */
	double		std_error;		/* of the slope, per unit; NaN for n < 3 */
	double		ci_low;
	double		ci_high;
	double		statistic;		/* t = slope / std_error */
	double		df;				/* n - 2 */
	double		p_value;		/* two-sided, H0: slope = 0 */
	double		r_squared;
	double		center_seconds; /* mean time, seconds since 2000-01-01 */
	double		center_value;	/* mean value: the line passes through it */
} KpiTrendResult;

extern void KpiTrendAdd(double *v, int64_t t_us, double y);
extern bool KpiTrendRemove(double *v, int64_t t_us, double y);
extern const char *KpiTrendProblem(const double *v, int len);
extern KpiMergeResult KpiTrendMerge(double *v1, const double *v2);
extern void KpiTrendFit(const double *v, KpiTrendResult *r);

typedef enum KpiPAdjustMethod
{
	KPI_PADJ_HOLM,
	KPI_PADJ_BH,
	KPI_PADJ_BONFERRONI
} KpiPAdjustMethod;

extern void KpiPAdjust(double *p, int m, KpiPAdjustMethod method, void *work);
extern size_t KpiPAdjustWorkSize(int m);

#endif							/* PGE_KPI_TREND_H */
