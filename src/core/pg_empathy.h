/*
 * pg_empathy.h
 *	  Per-area initialisation hooks called from _PG_init.
 */
#ifndef PGE_PG_EMPATHY_H
#define PGE_PG_EMPATHY_H

extern void _PG_init(void);
extern void KpiInit(void);			/* kpi_*.c */
extern void EscalationInit(void);	/* escalation*.c */
extern void LanguageInit(void);		/* language/auto_sql.c */
extern void ReviewInit(void);		/* review/review_init_sql.c */

#endif							/* PGE_PG_EMPATHY_H */
