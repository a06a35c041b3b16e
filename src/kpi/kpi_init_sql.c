/*
 * kpi_init_sql.c
 *	  Start-up hook of the KPI area (no GUCs yet).
 */
#include "compat.h"

#include "pg_empathy.h"

void
KpiInit(void)
{
}
