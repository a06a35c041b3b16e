/*
 * phrase_rules.h
 *	  Phrases (aspect terms, opinion words) compiled into the escalation matcher's rule sets
 *	  (pure C core): each phrase is tokenised like the scorer does, normalised like a message
 *	  of its language (negation.c), and stored as a rule of whole words.
 */
#ifndef PGE_PHRASE_RULES_H
#define PGE_PHRASE_RULES_H

#include "escalation.h"
#include "lexicon.h"
#include "tokenizer.h"

typedef struct PhraseRules
{
	EscRule    *rules;
	size_t		nrules;
	size_t		rulecap;
	char	   *chars;			/* the words, each NUL-terminated */
	size_t		nchars;
	size_t		charcap;
	uint32_t   *wordoff;		/* word i at chars + wordoff[i] */
	uint32_t   *wordlens;
	size_t		nwords;
	size_t		wordcap;
	const char **words;			/* set by PhraseRulesDone */
	TokenList	tl;				/* scratch */
	EscWords	w;
} PhraseRules;

/*
 * Add the phrase (UTF-8) as a rule; payload is kept in EscRule.phrase.  Returns false (and
 * adds nothing) when the phrase has no word.
 */
extern bool PhraseRulesAdd(PhraseRules *b, const SentimentConfig *tokcfg, const char *language,
						   const char *phrase, size_t len, uint16_t reason, const char *payload);

/* after the last PhraseRulesAdd: the word table, and the scratch buffers given back */
extern void PhraseRulesDone(PhraseRules *b);

/* the rules [first, first + n) as a sorted, indexed set (after PhraseRulesDone) */
extern void PhraseRulesSet(PhraseRules *b, size_t first, size_t n, EscRuleSet *out);

/* give back everything (the sets made from b too, after EscRuleSetFreeIndex on each) */
extern void PhraseRulesFree(PhraseRules *b);

#endif							/* PGE_PHRASE_RULES_H */
