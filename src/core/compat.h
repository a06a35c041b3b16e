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

/*
 * 16 moved the varlena macros (VARDATA, SET_VARSIZE, ...) to varatt.h; 18's postgres.h no
 * longer brings them in by itself.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * Module magic: 18 records the library's name and version, shown by
 * pg_get_loaded_modules().
 */
#if PG_VERSION_NUM >= 180000
#define PGE_MODULE_MAGIC \
	PG_MODULE_MAGIC_EXT(.name = "pg_empathy", .version = EXTVERSION)
#else
#define PGE_MODULE_MAGIC PG_MODULE_MAGIC
#endif

/*
 * 18 replaced the trailing pg_attribute_noreturn() by pg_noreturn, written before the
 * declaration ("pg_noreturn static void f(void);").  Before 18, GCC and Clang accept the
 * attribute in that position too.
 */
#if PG_VERSION_NUM < 180000
#define pg_noreturn pg_attribute_noreturn()
#endif

/*
 * 18 added deferrable_ok; false keeps the behaviour of 15-17, which never return a deferrable
 * primary key.
 */
#if PG_VERSION_NUM >= 180000
#define PgeRelationGetPrimaryKeyIndex(rel) RelationGetPrimaryKeyIndex((rel), false)
#else
#define PgeRelationGetPrimaryKeyIndex(rel) RelationGetPrimaryKeyIndex(rel)
#endif

/* 17 moved the backend's local transaction id into PGPROC.vxid */
#if PG_VERSION_NUM >= 170000
#define PgeMyProcLxid() (MyProc->vxid.lxid)
#else
#define PgeMyProcLxid() (MyProc->lxid)
#endif

#endif							/* PGE_COMPAT_H */
