/*
 * negation.h
 *	  Per-language negation words for the escalation matcher (pure C core).
 */
#ifndef PGE_NEGATION_H
#define PGE_NEGATION_H

#include "escalation.h"

/* re-mark ESCW_NEGATOR on w with the negations of language (no change for 'en' or unknown) */
extern void LanguageMarkNegators(EscWords *w, const char *language);

#endif							/* PGE_NEGATION_H */
