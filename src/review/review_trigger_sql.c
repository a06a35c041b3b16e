/*
 * review_trigger_sql.c
 *	  review_trigger(): the C entry point of the review trigger (pg_empathy_workflow), which
 *	  recognises the two halves of an UPDATE that moves a row to another partition.
 *
 * PostgreSQL runs such an UPDATE as a DELETE from the old partition and an INSERT into the
 * new one, and fires only the AFTER DELETE and AFTER INSERT row triggers (the AFTER UPDATE
 * ones are not fired).  Seen from a trigger written in PL/pgSQL, the row was deleted and
 * another one inserted, so the review item of the row would be withdrawn.  The deleted tuple
 * says more: heap_delete() marks a tuple that moved to another partition in its t_ctid
 * (HeapTupleHeaderIndicatesMovedPartitions).  So review_trigger() is this small C function,
 * which notes whether the event is the DELETE half of a move and then calls the PL/pgSQL body,
 * review_trigger_row(), with the same trigger data.  The body asks review_trigger_move(OLD)
 * what the event is: for the DELETE half it keeps the old row and returns it (the body then
 * leaves the item alone); for the INSERT half that follows (the same trigger, on the same
 * partitioned table, in the same transaction: the executor queues the two halves of a row
 * one after the other) it returns the old row, and the body handles the pair as an UPDATE.
 * The halves are paired exactly: same trigger name, same partitioned table, and the new
 * tuple inserted by the command that deleted the old one (its cmin is the old tuple's cmax).
 */
#include "compat.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/partition.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/pg_list.h"
#include "parser/parse_func.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

PG_FUNCTION_INFO_V1(review_trigger);
PG_FUNCTION_INFO_V1(review_trigger_move);

/* the old row of a move whose INSERT half has not been seen yet */
typedef struct PendingMove
{
	char	   *trigger_name;
	Oid			root;			/* the partitioned table at the top of the tree */
	CommandId	cid;			/* the UPDATE's command: cmax of the old tuple, cmin of the new */
	Jsonb	   *old_row;
} PendingMove;

/* pending moves of the current transaction (in TopTransactionContext) */
static List *pending_moves = NIL;
static LocalTransactionId pending_lxid = InvalidLocalTransactionId;

/* the trigger call in progress and whether it is the DELETE half of a move */
static TriggerData *current_trigger = NULL;
static bool current_moved = false;

/* the body's function, looked up once per trigger and query */
typedef struct ReviewTriggerCache
{
	FmgrInfo	body;
} ReviewTriggerCache;

static Oid
partition_root(Relation rel)
{
	List	   *ancestors;
	Oid			root;

	if (!rel->rd_rel->relispartition)
		return RelationGetRelid(rel);
	ancestors = get_partition_ancestors(RelationGetRelid(rel));
	root = ancestors != NIL ? llast_oid(ancestors) : RelationGetRelid(rel);
	list_free(ancestors);
	return root;
}

/* forget the moves of an earlier transaction (their memory went with it) */
static void
pending_moves_check(void)
{
	if (pending_lxid != PgeMyProcLxid())
	{
		pending_moves = NIL;
		pending_lxid = PgeMyProcLxid();
	}
}

Datum
review_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	ReviewTriggerCache *cache;
	TriggerData *save_trigger = current_trigger;
	bool		save_moved = current_moved;
	Datum		result;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("review_trigger() must be fired AFTER ... FOR EACH ROW")));

	cache = (ReviewTriggerCache *) fcinfo->flinfo->fn_extra;
	if (cache == NULL)
	{
		Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
		List	   *name = list_make2(makeString(get_namespace_name(nsp)),
									  makeString("review_trigger_row"));
		Oid			body = LookupFuncName(name, 0, NULL, false);

		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ReviewTriggerCache));
		fmgr_info_cxt(body, &cache->body, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = cache;
	}

	current_trigger = trigdata;
	current_moved = TRIGGER_FIRED_AFTER(trigdata->tg_event)
		&& TRIGGER_FIRED_FOR_ROW(trigdata->tg_event)
		&& TRIGGER_FIRED_BY_DELETE(trigdata->tg_event)
		&& trigdata->tg_relation->rd_rel->relispartition
		&& trigdata->tg_trigtuple != NULL
		&& trigdata->tg_trigtuple->t_data != NULL
		&& HeapTupleHeaderIndicatesMovedPartitions(trigdata->tg_trigtuple->t_data);
	PG_TRY();
	{
		LOCAL_FCINFO(body_fcinfo, 0);

		InitFunctionCallInfoData(*body_fcinfo, &cache->body, 0, InvalidOid, fcinfo->context, NULL);
		result = FunctionCallInvoke(body_fcinfo);
		fcinfo->isnull = body_fcinfo->isnull;
	}
	PG_FINALLY();
	{
		current_trigger = save_trigger;
		current_moved = save_moved;
	}
	PG_END_TRY();
	return result;
}

/*
 * review_trigger_move(old jsonb) -> jsonb, called by review_trigger_row() with to_jsonb(OLD)
 * (NULL for an INSERT): the DELETE half of a move keeps old and returns it; the INSERT half
 * returns the old row of its DELETE half; NULL otherwise.
 */
Datum
review_trigger_move(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = current_trigger;
	HeapTupleHeader tup;
	const char *name;
	ListCell   *lc;
	Oid			root;
	CommandId	cid;

	if (trigdata == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("review_trigger_move() can only be called by review_trigger()")));
	pending_moves_check();
	if (!trigdata->tg_relation->rd_rel->relispartition || trigdata->tg_trigtuple == NULL
		|| (tup = trigdata->tg_trigtuple->t_data) == NULL)
		PG_RETURN_NULL();
	name = trigdata->tg_trigger->tgname;
	if (current_moved)
	{
		MemoryContext old;
		PendingMove *move;

		if (PG_ARGISNULL(0) || !TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetUpdateXid(tup)))
			PG_RETURN_NULL();
		old = MemoryContextSwitchTo(TopTransactionContext);
		move = palloc(sizeof(PendingMove));
		move->trigger_name = pstrdup(name);
		move->root = partition_root(trigdata->tg_relation);
		move->cid = HeapTupleHeaderGetCmax(tup);
		move->old_row = DatumGetJsonbPCopy(PG_GETARG_DATUM(0));
		/* an earlier move of this trigger whose INSERT half never came: forget it */
		foreach(lc, pending_moves)
		{
			PendingMove *m = (PendingMove *) lfirst(lc);

			if (m->root == move->root && strcmp(m->trigger_name, name) == 0)
				pending_moves = foreach_delete_current(pending_moves, lc);
		}
		pending_moves = lappend(pending_moves, move);
		MemoryContextSwitchTo(old);
		PG_RETURN_JSONB_P(move->old_row);
	}
	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) || pending_moves == NIL
		|| !TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetRawXmin(tup)))
		PG_RETURN_NULL();
	root = partition_root(trigdata->tg_relation);
	cid = HeapTupleHeaderGetCmin(tup);
	foreach(lc, pending_moves)
	{
		PendingMove *move = (PendingMove *) lfirst(lc);

		if (move->root == root && move->cid == cid && strcmp(move->trigger_name, name) == 0)
		{
			Jsonb	   *row = move->old_row;

			pending_moves = foreach_delete_current(pending_moves, lc);
			PG_RETURN_JSONB_P(row);
		}
	}
	PG_RETURN_NULL();
}
