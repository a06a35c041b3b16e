/*
 * core_env_sql.c
 *	  core_env.h for the server: memory in a backend-lifetime context, cancel checks.
 *
 * The scorer's workspace is reused from row to row (no per-row allocation); it is kept in
 * its own context under TopMemoryContext so that it survives between calls, and the scorer
 * gives back large buffers after an unusually large input (see ScoreWorkspaceTrim).
 */
#include "compat.h"

#include "miscadmin.h"
#include "utils/memutils.h"

#include "core_env.h"

static MemoryContext core_context = NULL;

static MemoryContext
get_core_context(void)
{
	if (core_context == NULL)
		core_context = AllocSetContextCreate(TopMemoryContext, "pg_empathy scorer workspace",
											 ALLOCSET_DEFAULT_SIZES);
	return core_context;
}

void *
CoreAlloc(size_t size)
{
	return MemoryContextAllocHuge(get_core_context(), size);
}

void *
CoreRealloc(void *ptr, size_t size)
{
	if (ptr == NULL)
		return CoreAlloc(size);
	return repalloc_huge(ptr, size);
}

void
CoreFree(void *ptr)
{
	if (ptr != NULL)
		pfree(ptr);
}

void
CoreCheckInterrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

void
CoreTokenLimitExceeded(size_t limit)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("text to score has more than %zu words", limit),
			 errdetail("pg_empathy reads at most %zu words (tokens, emoji descriptions included) per text, which bounds its memory per call.", limit),
			 errhint("Split the text, for example by paragraph, and score the parts.")));
}
