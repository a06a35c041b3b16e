/*
 * review_init_sql.c
 *	  Start-up hook of the review area: the pg_empathy.review_confidence setting that
 *	  review_reasons() (pg_empathy_workflow) compares the scorer's confidence with.
 */
#include "compat.h"

#include "utils/guc.h"

#include "pg_empathy.h"

static double review_confidence = 0.5;

void
ReviewInit(void)
{
	DefineCustomRealVariable("pg_empathy.review_confidence",
							 "Scorer confidence below which review_reasons() reports low_confidence.",
							 "sentiment_confidence() below it is low_confidence; 0 never reports it.",
							 &review_confidence, 0.5, 0.0, 1.0,
							 PGC_USERSET, 0, NULL, NULL, NULL);
}
