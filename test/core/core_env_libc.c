/*
 * core_env_libc.c
 *	  core_env.h for the stand-alone drivers (tests, fuzzing, benchmarks): plain malloc.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core_env.h"

void *
CoreAlloc(size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "out of memory\n");
		abort();
	}
	return p;
}

void *
CoreRealloc(void *ptr, size_t size)
{
	void	   *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "out of memory\n");
		abort();
	}
	return p;
}

void
CoreFree(void *ptr)
{
	free(ptr);
}

void
CoreCheckInterrupts(void)
{
}

void
CoreTokenLimitExceeded(size_t limit)
{
	fprintf(stderr, "text has more than %zu words\n", limit);
	abort();
}
