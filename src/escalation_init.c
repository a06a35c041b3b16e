/*
 * escalation_init.c
 *	  Start-up hook of the escalation area (no GUCs yet).
 */
#include "compat.h"

#include "pg_empathy.h"

void
EscalationInit(void)
{
}
