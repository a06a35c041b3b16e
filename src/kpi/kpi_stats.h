/*
 * kpi_stats.h
 *	  Pure C statistics helpers for the KPI aggregates: normal and Student t
 *	  distribution functions, the t quantile and the Wilson score interval.
 *
 * No PostgreSQL headers here, so the file can be compiled and unit-tested on
 * its own (test/t/kpi_stats.sh).
 */
#ifndef PGE_KPI_STATS_H
#define PGE_KPI_STATS_H

/* qnorm(0.975): the two-sided 95% normal critical value */
#define KPI_Z95 1.959963984540054

extern double KpiNormalCdf(double z);
extern double KpiNormalTwoSidedP(double z);
extern double KpiRegIncBeta(double x, double a, double b);
extern double KpiStudentTTwoSidedP(double t, double df);
extern double KpiStudentTCdf(double t, double df);
extern double KpiStudentTCritical(double alpha, double df);
extern void KpiWilsonInterval(double k, double n, double z, double *lo, double *hi);

#endif							/* PGE_KPI_STATS_H */
