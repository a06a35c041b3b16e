/*
 * negation.h
 *	  Per-language negation words for the escalation matcher (pure C core).
 */
#ifndef PGE_NEGATION_H
#define PGE_NEGATION_H

#include "escalation.h"

/*
 * Per-language normalisation of a message's or a rule's words: the language's negations
 * (ESCW_NEGATOR), post-verbal negation, elided articles stripped (see negation.c).  No change
 * for 'en' or a language without a list.
 */
extern void LanguageNormaliseWords(EscWords *w, const char *language);

#endif							/* PGE_NEGATION_H */
