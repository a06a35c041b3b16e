/*
 * core_env.h
 *	  What the pure C core (tokenizer, lexicon, scorer) needs from its host: memory and a way
 *	  to be cancelled.  Inside PostgreSQL these are core_env_pg.c (palloc in a long-lived
 *	  context, CHECK_FOR_INTERRUPTS); the stand-alone test and benchmark drivers supply
 *	  malloc-based versions (test/core/core_env_libc.c).
 */
#ifndef PGE_CORE_ENV_H
#define PGE_CORE_ENV_H

#include <stddef.h>

/* Allocation failures do not return: the host raises an error (PostgreSQL) or aborts. */
extern void *CoreAlloc(size_t size);
extern void *CoreRealloc(void *ptr, size_t size);
extern void CoreFree(void *ptr);

/* Called every few thousand units of work; may not return (query cancel). */
extern void CoreCheckInterrupts(void);

/*
 * A text has more than `limit` tokens (TOKENIZER_MAX_TOKENS), the hard cap that bounds the
 * core's memory per text.  Does not return: the host raises an error (PostgreSQL: 54000
 * program_limit_exceeded) or aborts.
 */
extern void CoreTokenLimitExceeded(size_t limit);

/* Capacity for at least `need` elements: double from `cap` (or from `initial` when empty). */
static inline size_t
CoreGrowCapacity(size_t cap, size_t need, size_t initial)
{
	if (cap == 0)
		cap = initial;
	while (cap < need)
		cap *= 2;
	return cap;
}

/* Make the array *ptr (capacity *cap elements of elemsize bytes) hold at least need elements. */
static inline void
CoreGrowArray(void **ptr, size_t *cap, size_t need, size_t elemsize, size_t initial)
{
	if (need > *cap)
	{
		size_t		newcap = CoreGrowCapacity(*cap, need, initial);

		*ptr = CoreRealloc(*ptr, newcap * elemsize);
		*cap = newcap;
	}
}

#endif							/* PGE_CORE_ENV_H */
