/*
 * kpi_outcome.h
 *	  Pure C core of outcome_association (AUC, point-biserial r, odds ratio)
 *	  and kaplan_meier (retention curves), computed from the sorted entries of
 *	  a KpiHist; formulas in kpi_outcome.c.
 */
#ifndef PGE_KPI_OUTCOME_H
#define PGE_KPI_OUTCOME_H

#include <stddef.h>

#include "kpi_hist.h"

/* NaN marks an undefined figure (returned as NULL) */
typedef struct KpiOutcomeResult
{
	double		n;
	double		positives;
	double		mean_positive;
	double		mean_negative;
	double		auc;
	double		auc_std_error;	/* DeLong */
	double		auc_ci_low;
	double		auc_ci_high;
	double		auc_p_value;	/* Mann-Whitney U, normal approximation */
	double		r;				/* point-biserial */
	double		r_ci_low;		/* Fisher z */
	double		r_ci_high;
	double		r_p_value;		/* t test with n - 2 df */
	double		odds_ratio;		/* per unit of x, logistic regression */
	double		odds_ratio_ci_low;
	double		odds_ratio_ci_high;
	double		odds_ratio_p_value; /* Wald */
	int			iterations;		/* Newton steps of the logistic fit */
} KpiOutcomeResult;

/* entries: key = x, count[0] = negatives, count[1] = positives */
extern void KpiOutcomeCompute(const KpiHistEntry *e, size_t k, KpiOutcomeResult *r);

typedef struct KpiSurvivalRow
{
	double		time;
	double		at_risk;
	double		events;
	double		censored;
	double		survival;
	double		std_error;		/* Greenwood */
	double		ci_low;			/* log-log (Kalbfleisch-Prentice) */
	double		ci_high;
} KpiSurvivalRow;

/*
 * entries: key = time, count[0] = censored, count[1] = events; fills
 * rows[0..k-1], one per distinct time.
 */
extern void KpiKaplanMeier(const KpiHistEntry *e, size_t k, double z, KpiSurvivalRow *rows);

#endif							/* PGE_KPI_OUTCOME_H */
