/*
 * escalation_sql.h
 *	  Server-side state of the escalation area shared between escalation_init.c (GUCs,
 *	  cache invalidation hook) and escalation_functions.c (SQL functions).
 */
#ifndef PGE_ESCALATION_PG_H
#define PGE_ESCALATION_PG_H

#include "postgres.h"

/* GUCs pg_empathy.* (defaults in escalation_init.c and README) */
extern double esc_negative_threshold;	/* pg_empathy.negative_threshold */
extern double esc_drop_threshold;	/* pg_empathy.drop_threshold */
extern int	esc_repeat_threshold;	/* pg_empathy.repeat_threshold */
extern int	esc_min_severity;	/* pg_empathy.escalation_min_severity */
extern int	esc_take_timeout;	/* pg_empathy.take_timeout, seconds (0 = never) */
extern bool esc_allow_drop_queue;	/* pg_empathy.allow_drop_queue */

/* relcache callback: drops the rules cache when escalation_rules is invalidated */
extern void EscalationRelcacheCallback(Datum arg, Oid relid);

#endif							/* PGE_ESCALATION_PG_H */
