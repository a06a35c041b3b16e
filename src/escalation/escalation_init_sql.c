/*
 * escalation_init_sql.c
 *	  Start-up hook of the escalation area: GUCs and the rules-cache invalidation callback.
 */
#include "compat.h"

#include "utils/guc.h"
#include "utils/inval.h"

#include <limits.h>

#include "escalation_sql.h"
#include "pg_empathy.h"

double		esc_negative_threshold = -0.6;
double		esc_drop_threshold = 0.5;
int			esc_repeat_threshold = 2;
int			esc_min_severity = 1;
int			esc_take_timeout = 1800;
bool		esc_allow_drop_queue = false;

void
EscalationInit(void)
{
	DefineCustomRealVariable("pg_empathy.negative_threshold",
							 "Compound sentiment at or below which a message is negative_sentiment.",
							 "escalation_check() and conversation_escalation() use it unless a call passes its own threshold.",
							 &esc_negative_threshold, -0.6, -1.0, 1.0,
							 PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomRealVariable("pg_empathy.drop_threshold",
							 "Fall of the customer's sentiment from the first message that is a sentiment_drop.",
							 "Used by conversation_escalation() unless a call passes its own value.",
							 &esc_drop_threshold, 0.5, 0.0, 2.0,
							 PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("pg_empathy.repeat_threshold",
							"How many times the same customer message (or bot answer) makes repeat_contact (or ai_failure).",
							"Used by conversation_escalation() unless a call passes its own value.",
							&esc_repeat_threshold, 2, 2, 1000,
							PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("pg_empathy.escalation_min_severity",
							"Lowest severity (1 low, 2 medium, 3 high) that sets escalate.",
							"Reasons of lower severity are still reported.",
							&esc_min_severity, 1, 1, 3,
							PGC_USERSET, 0, NULL, NULL, NULL);
	/*
	 * Both change what other agents' work becomes (items taken back, the queue dropped):
	 * superuser-only, set per database or role with ALTER ... SET by a superuser.
	 */
	DefineCustomIntVariable("pg_empathy.take_timeout",
							"Time after which an item an agent has taken returns to the open queue.",
							"escalation_take() hands out such items again; 0 means never.",
							&esc_take_timeout, 1800, 0, INT_MAX,
							PGC_SUSET, GUC_UNIT_S, NULL, NULL, NULL);
	DefineCustomBoolVariable("pg_empathy.allow_drop_queue",
							 "Allows DROP EXTENSION pg_empathy_workflow while escalation_queue holds items.",
							 "Off, such a DROP is refused so the queue history is not lost by accident.",
							 &esc_allow_drop_queue, false,
							 PGC_SUSET, 0, NULL, NULL, NULL);

	/*
	 * Rule edits reach every backend as a relcache invalidation of escalation_rules: a
	 * statement trigger on the table (escalation_rules_changed) queues one, which the
	 * editing backend applies at its next command and the others at commit.
	 */
	CacheRegisterRelcacheCallback(EscalationRelcacheCallback, (Datum) 0);
}
