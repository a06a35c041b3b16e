/*
 * custom_sql.h
 *	  Published custom lexicons as configurations (custom_sql.c).
 */
#ifndef PGE_CUSTOM_SQL_H
#define PGE_CUSTOM_SQL_H

#include "lexicon.h"

/*
 * The configuration of the published custom lexicon named s ('name@version', len bytes),
 * built and cached per backend; NULL if s has no '@'.  An unknown version is an error
 * (42704) naming the published ones.
 */
extern const SentimentConfig *SentimentCustomFromName(const char *s, size_t len);

#endif							/* PGE_CUSTOM_SQL_H */
