/*
 * kpi_state.h
 *	  SQL edge of the KPI transition states (fmgr access, errors); the layouts
 *	  and the pure checks are in kpi_layout.h.
 */
#ifndef PGE_KPI_STATE_H
#define PGE_KPI_STATE_H

#include "fmgr.h"
#include "utils/array.h"

#include "kpi_layout.h"

extern void CheckKpiState(ArrayType *state, KpiKind kind, const char *caller);
extern double *KpiStateForUpdate(FunctionCallInfo fcinfo, KpiKind kind,
								 const char *caller, ArrayType **state);
extern const double *KpiStateReadOnly(FunctionCallInfo fcinfo, int argno,
									  KpiKind kind, const char *caller);
extern void KpiCheckMerge(KpiMergeResult result, KpiKind kind, const double *v1,
						  const double *v2, const char *caller);
extern Datum KpiCombine(FunctionCallInfo fcinfo, KpiKind kind, const char *caller);

extern void KpiCheckScale(const char *what, int32 scale);
extern void KpiCheckScaleScore(const char *what, int32 score, int32 scale);
extern void KpiCheckNpsScore(int32 score);
extern void KpiCheckCompound(double compound);
extern void KpiSetScale(double *v, int slot, const char *what, int32 scale);
extern void KpiDecrement(double *v, int slot, const char *caller);

extern Datum KpiNpsStep(FunctionCallInfo fcinfo, int32 score, bool inverse, const char *caller);
extern Datum KpiCsatStep(FunctionCallInfo fcinfo, int32 score, int32 scale, bool inverse,
						 const char *caller);
extern Datum KpiCesStep(FunctionCallInfo fcinfo, int32 score, int32 scale, bool inverse,
						const char *caller);

extern Datum KpiMakeComposite(FunctionCallInfo fcinfo, Datum *values, bool *nulls);

#endif							/* PGE_KPI_STATE_H */
