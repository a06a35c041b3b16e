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

#endif							/* PGE_CORE_ENV_H */
