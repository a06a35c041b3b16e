/*
 * custom_lexicon.h
 *	  Custom lexicons: a built-in configuration with words and phrases added or overridden
 *	  (pure C, no PostgreSQL headers).
 *
 * A custom lexicon is built once per backend into a full SentimentConfig: a copy of its base
 * with a merged word table (the base's entries plus the custom ones, in the same
 * open-addressing layout as the compiled-in tables) and, for phrases, the base's phrase list
 * plus the custom phrases.  The scorer then runs unchanged and at the base's speed.
 */
#ifndef PGE_CUSTOM_LEXICON_H
#define PGE_CUSTOM_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "tokenizer.h"

#define CUSTOM_VALENCE_MAX	4.0		/* VADER's scale: valences in [-4, 4] */
#define CUSTOM_MAX_ENTRIES	50000	/* terms per lexicon (the merged table holds 65535 words) */
#define CUSTOM_TERM_MAX		200		/* bytes per normalised term */

typedef enum CustomStatus
{
	CUSTOM_OK = 0,
	CUSTOM_EMPTY_TERM,			/* nothing but spaces and punctuation */
	CUSTOM_VALENCE_RANGE,		/* not a finite number in [-4, 4] */
	CUSTOM_DUPLICATE,			/* two terms with the same normalised form */
	CUSTOM_TOO_MANY_WORDS,		/* a phrase of more than PHRASE_WORDS_MAX words */
	CUSTOM_NO_PHRASES,			/* a phrase for a base without phrases anywhere */
	CUSTOM_EMOJI,				/* an emoji in a term */
	CUSTOM_TOO_LONG,			/* a term of more than CUSTOM_TERM_MAX bytes */
	CUSTOM_TOO_MANY_ENTRIES,	/* more terms, words or word ids than the tables hold */
	CUSTOM_BOOSTER,				/* a booster or dampener of the base: read by role, not valence */
	CUSTOM_NEGATION				/* a negation of a VADER-rule base: a valence would end its role */
} CustomStatus;

typedef struct CustomLexicon
{
	SentimentConfig cfg;		/* what the scorer sees; cfg.name is name below */
	SentimentConfig rules_cfg;	/* over a learned base ('en'): cfg without the model, its
								 * rule features and clause scores (cfg.rules points here) */
	LexTable	words;
	char		name[72];
	char		provenance[160];
	LexEntry   *entries;
	uint32_t   *slots;
	char	   *strings;
	Phrase	   *phrases;
	size_t		nterms;
} CustomLexicon;

/*
 * Normalise one term as the tokenizer of base reads text: its words' look-up keys joined by
 * single spaces, into *out (CoreAlloc'd, NUL-terminated); *nwords gets the word count.
 * tl is scratch.
 */
extern CustomStatus CustomNormaliseTerm(const SentimentConfig *base, const char *term,
										size_t len, TokenList *tl, char **out, size_t *outlen,
										int *nwords);

/*
 * Build a custom lexicon over base from n terms (UTF-8, lens[i] bytes) and their valences.
 * On failure returns the status, *bad the index of the offending term (of the second one for
 * a duplicate) and *out NULL.  Terms may be given normalised or not.
 */
extern CustomStatus CustomLexiconBuild(const SentimentConfig *base, const char *name,
									   const char *const *terms, const size_t *lens,
									   const double *valences, size_t n, TokenList *tl,
									   CustomLexicon **out, size_t *bad);

extern void CustomLexiconFree(CustomLexicon *lex);

#endif							/* PGE_CUSTOM_LEXICON_H */
