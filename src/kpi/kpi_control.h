/*
 * kpi_control.h
 *	  Pure C core of kpi_control (EWMA and CUSUM control chart); see
 *	  kpi_control.c for the state layout and formulas.
 */
#ifndef PGE_KPI_CONTROL_H
#define PGE_KPI_CONTROL_H

#include "kpi_layout.h"

#define CTL_TAG			3107.0
#define CTL_LAMBDA		2
#define CTL_WIDTH		3
#define CTL_MEAN		4
#define CTL_M2			5
#define CTL_EWMA		6
#define CTL_CUSUM_POS	7
#define CTL_CUSUM_NEG	8
#define CTL_LAST		9
#define CTL_CENTER		10
#define CTL_SIGMA		11
#define CTL_STATE_LEN	12

#define KPI_CUSUM_K		0.5
#define KPI_CUSUM_H		5.0

typedef struct KpiControlResult
{
	double		n;
	double		value;
	double		ewma;
	double		center;			/* NaN until 2 earlier rows with sigma > 0 */
	double		lower;
	double		upper;
	int			ewma_signal;	/* -1 = undefined */
	double		cusum_pos;
	double		cusum_neg;
	int			cusum_signal;
} KpiControlResult;

extern void KpiControlAdd(double *v, double x);
extern const char *KpiControlProblem(const double *v, int len);
extern void KpiControlChart(const double *v, KpiControlResult *r);

#endif							/* PGE_KPI_CONTROL_H */
