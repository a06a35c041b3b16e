/*
 * kpi_change.h
 *	  Pure C core of change_point (the most likely shift of the mean in a
 *	  series ordered in time); method and limits in kpi_change.c.
 */
#ifndef PGE_KPI_CHANGE_H
#define PGE_KPI_CHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "kpi_hist.h"

typedef struct KpiPoint
{
	int64_t		t;				/* microseconds since 2000-01-01 */
	double		y;				/* finite */
} KpiPoint;

typedef struct KpiSeries
{
	KpiPoint   *p;
	size_t		n;
	size_t		cap;
	KpiAllocator mem;
	/* not NULL: the n rows are here, packed, in memory we do not own (KpiSeriesView) */
	const unsigned char *borrowed;
	bool		in_order;		/* the rows are known to be sorted (added in order) */
} KpiSeries;

/* NaN marks an undefined figure (returned as NULL) */
typedef struct KpiChangeResult
{
	double		n;
	int64_t		change_t;		/* time of the first row after the change */
	double		n_before;		/* 0 when there is no change point */
	double		n_after;
	double		mean_before;
	double		mean_after;
	double		statistic;		/* max |S_k| / (sd sqrt(n)) */
	double		p_value;		/* Kolmogorov (Brownian bridge) */
} KpiChangeResult;

#define KPI_SERIES_MAGIC	0x50474553u /* "PGES" */
#define KPI_SERIES_VERSION	1u
#define KPI_SERIES_HEADER	16

extern void KpiSeriesInit(KpiSeries *s, const KpiAllocator *mem);
extern void KpiSeriesAdd(KpiSeries *s, int64_t t, double y);
extern void KpiSeriesMerge(KpiSeries *s, const KpiSeries *other);
extern size_t KpiSeriesSerialSize(const KpiSeries *s);
extern void KpiSeriesSerialize(const KpiSeries *s, unsigned char *out);
extern const char *KpiSeriesView(KpiSeries *s, const unsigned char *in, size_t len);
extern const char *KpiSeriesDeserialize(KpiSeries *s, const unsigned char *in, size_t len);
extern void KpiSeriesSort(KpiSeries *s);
extern void KpiChangePoint(KpiSeries *s, KpiChangeResult *r);
extern double KpiKolmogorovSf(double d);

#endif							/* PGE_KPI_CHANGE_H */
