/*
 * kpi_control_sql.c
 *	  kpi_control(value [, lambda, width]): EWMA and CUSUM control chart,
 *	  usable as a window function.  The arithmetic is in kpi_control.c.
 */
#include "compat.h"

#include <math.h>

#include "fmgr.h"
#include "utils/array.h"

#include "kpi_control.h"
#include "kpi_state.h"

/* kpi_control_accum(float8[], float8 [, float8 lambda, float8 width]) */
PG_FUNCTION_INFO_V1(kpi_control_accum);
Datum
kpi_control_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	double	   *v = KpiStateForUpdate(fcinfo, KPI_CONTROL, "kpi_control_accum", &state);
	double		x = PG_GETARG_FLOAT8(1);

	if (!(fabs(x) <= 1e150))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kpi_control value %g is out of range", x),
				 errdetail("Values must be finite and at most 1e150 in magnitude.")));
	if (PG_NARGS() > 2)
	{
		double		lambda = PG_GETARG_FLOAT8(2),
					width = PG_GETARG_FLOAT8(3);

		if (!(lambda > 0 && lambda <= 1) || !(width > 0 && width <= 1e6))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi_control lambda must be in (0, 1] and width in (0, 1e6]")));
		if (v[KPI_N] == 0)
		{
			v[CTL_LAMBDA] = lambda;
			v[CTL_WIDTH] = width;
		}
		else if (v[CTL_LAMBDA] != lambda || v[CTL_WIDTH] != width)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi_control lambda and width must be the same for all rows of a series")));
	}
	KpiControlAdd(v, x);
	PG_RETURN_ARRAYTYPE_P(state);
}

/* kpi_control_final(float8[]) returns kpi_control_result */
PG_FUNCTION_INFO_V1(kpi_control_final);
Datum
kpi_control_final(PG_FUNCTION_ARGS)
{
	const double *v = KpiStateReadOnly(fcinfo, 0, KPI_CONTROL, "kpi_control_final");
	KpiControlResult r;
	Datum		values[10];
	bool		nulls[10] = {0};
	double		f[8];
	int			i;

	if (v[KPI_N] == 0)
		PG_RETURN_NULL();
	KpiControlChart(v, &r);
	values[0] = Int64GetDatum((int64) r.n);
	f[0] = r.value;
	f[1] = r.ewma;
	f[2] = r.center;
	f[3] = r.lower;
	f[4] = r.upper;
	f[5] = NAN;					/* placeholder for the signal column */
	f[6] = r.cusum_pos;
	f[7] = r.cusum_neg;
	for (i = 0; i < 8; i++)
	{
		values[i + 1] = Float8GetDatum(f[i]);
		nulls[i + 1] = isnan(f[i]);
	}
	values[6] = BoolGetDatum(r.ewma_signal == 1);
	nulls[6] = r.ewma_signal < 0;
	values[9] = BoolGetDatum(r.cusum_signal == 1);
	nulls[9] = r.cusum_signal < 0;
	return KpiMakeComposite(fcinfo, values, nulls);
}
