/*
 * module_sql.c
 *	  Module magic and _PG_init: each area registers its GUCs and caches here.
 */
#include "compat.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "pg_empathy.h"

PGE_MODULE_MAGIC;

void
_PG_init(void)
{
	KpiInit();
	EscalationInit();
	LanguageInit();
	ReviewInit();
	MarkGUCPrefixReserved("pg_empathy");
}
