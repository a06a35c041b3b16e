/*
 * kpi_hist_sql.h
 *	  SQL edge of the histogram states (kpi_hist.c): aggregate memory,
 *	  combine, serialize and deserialize, shared by outcome_association and
 *	  survival_counts.
 */
#ifndef PGE_KPI_HIST_SQL_H
#define PGE_KPI_HIST_SQL_H

#include "fmgr.h"

#include "kpi_hist.h"

extern KpiAllocator KpiContextAllocator(MemoryContext cxt);
extern MemoryContext KpiAggContext(FunctionCallInfo fcinfo, const char *caller);
extern KpiHist *KpiHistState(FunctionCallInfo fcinfo, const char *caller);
extern bytea *KpiSerialBytea(size_t size);
extern void KpiCheckDeserialized(const char *problem, const char *caller);
extern void KpiHistAddRow(KpiHist *h, double key, int cls, const char *caller);

#endif							/* PGE_KPI_HIST_SQL_H */
