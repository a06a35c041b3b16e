/*
 * compat.h
 *	  The only place with PG_VERSION_NUM tests.
 */
#ifndef PGE_COMPAT_H
#define PGE_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "pg_empathy requires PostgreSQL 15 or later"
#endif

#endif							/* PGE_COMPAT_H */
