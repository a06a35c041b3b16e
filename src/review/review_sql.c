/*
 * review_sql.c
 *	  SQL edge of the review area (pg_empathy_workflow): who is acting.
 *
 * The review functions are SECURITY DEFINER, where current_user is their owner; the role of
 * the session (after SET ROLE) is GetOuterUserId(), as escalation_agent_check() reads it.
 */
#include "compat.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(review_session_role);

/*
 * The role of the session, also inside a SECURITY DEFINER function (recorded as
 * submitted_by, added_by, labelled_by).
 */
Datum
review_session_role(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(GetUserNameFromId(GetOuterUserId(), false)));
}
