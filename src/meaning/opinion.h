/*
 * opinion.h
 *	  Customer-experience opinion words for aspect clauses (pure C core).
 *
 * General sentiment lexicons rate "awful" and "great" but not what customers say about a
 * delivery or an app: "slow", "late", "crashes", "never arrived", "took forever", "quick",
 * "on time".  sentiment_aspects() adds these words' valences (VADER's -4..4 scale) to the
 * raw score of a clause, for words the configuration's lexicon does not rate (a phrase
 * such as "too expensive" replaces the scores of its words); a negated opinion word ("not
 * slow") adds nothing.  The lists were written for pg_empathy.
 */
#ifndef PGE_OPINION_H
#define PGE_OPINION_H

#include "escalation.h"
#include "lexicon.h"

/*
 * The opinion phrases of language compiled into the matcher's index, built on first use
 * (tokenised with cfg, like the aspect terms); EscRule.reason indexes OpinionValence.  An
 * empty set for a language without a list.
 */
extern const EscRuleSet *OpinionRules(const char *language, const SentimentConfig *cfg);
extern double OpinionValence(const char *language, unsigned reason);

/*
 * What the opinion words of w (EscWords of tl's tokens, valence[] the scorer's per-token
 * valences) add to the clause's raw score: a single word only where the lexicon does not rate
 * it; a phrase replaces the valences of its words; a phrase after a negation in its clause
 * adds nothing unless it holds a negation itself ("never replied").  Clears the negation
 * flags of w (every word may then carry an aspect).
 */
extern double OpinionSum(const char *language, const SentimentConfig *cfg, const TokenList *tl,
						 const double *valence, EscWords *w, EscHits *hits);

#endif							/* PGE_OPINION_H */
