/*
 * tokenizer.h
 *	  UTF-8 text -> tokens, as VADER 3.3.2 splits text, with the 'en' fixes (pure C).
 *
 * Steps (docs: README "How scoring works"):
 *	1. emoji replaced by their descriptions (per code point in 'vader', per grapheme
 *	   cluster in 'en'), then leading/trailing Unicode whitespace stripped;
 *	2. split on runs of whitespace (Python str.split());
 *	3. ASCII punctuation stripped from both ends of each token (VADER keeps the original
 *	   token when two or fewer code points would remain);
 *	4. each token looked up, lower-cased, in the configuration's word table.
 */
#ifndef PGE_TOKENIZER_H
#define PGE_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

/* Token.flags */
#define TOK_UPPER		0x01	/* Python str.isupper() of the token */
#define TOK_NT			0x02	/* the lower-cased token contains "n't" */
#define TOK_EMOJI		0x04	/* the token comes from an emoji's description */
#define TOK_CLAUSE_END	0x08	/* the raw token ended in , . ; : ! or ? (a clause boundary) */
/* language configurations (LO_RULES) */
#define TOK_NEGATOR		0x10	/* a negating elision ("n'est"): negates itself and what follows */
#define TOK_SELF_NEG	0x20	/* a negated compound ("unfreundlich", "niedobry", "problemlos") */
#define TOK_SELF_BOOST	0x40	/* a boosted compound ("jättebra", "supergut") */
/* ASCII with a letter: the look-up key (Token.hash) is the token ASCII lower-cased (the
 * learned scorer reuses its hash for most words) */
#define TOK_ASCII_WORD	0x80

typedef struct Token
{
	uint32_t	off;			/* byte offset of the token in TokenList.text */
	uint32_t	len;			/* its length in bytes */
	const LexEntry *lex;		/* entry of the lower-cased token, NULL if none */
	uint32_t	flags;			/* TOK_* */
	uint32_t	hash;			/* LexiconHash() of the look-up key */
	/* copies of lex->word_id and lex->flags (0 without an entry): the scorer's rules test
	 * these for every window position, and the copies save a pointer chase each time */
	uint16_t	word_id;
	uint16_t	lexflags;
} Token;

typedef struct TokenList
{
	/* the text after emoji substitution and stripping; may point into the input */
	const char *text;
	size_t		textlen;
	int			n_exclaim;		/* '!' in text */
	int			n_question;		/* '?' in text */
	bool		cap_differential;	/* some but not all tokens are ALL CAPS */

	Token	   *tokens;
	size_t		ntokens;

	/* buffers owned by the list, reused across calls */
	char	   *buf;			/* substituted text */
	size_t		bufcap;
	size_t		tokcap;
	char	   *lower;			/* scratch for one lower-cased token */
	size_t		lowercap;
	uint32_t   *emoji_spans;	/* [start, end) byte pairs of emoji descriptions in buf */
	size_t		nemoji_spans;
	size_t		emoji_spancap;
	size_t		emoji_cursor;	/* first span not yet behind the current token */
	size_t		text_shift;		/* bytes stripped from the front of buf */

	/*
	 * Set keep_words before TokenizerRun to keep every token's lower-cased form, as the
	 * look-ups saw it, for a second user of the tokens (the escalation matcher): when the
	 * configuration lower-cases all of Unicode and reads U+2019 as an apostrophe, token i's
	 * form is words[word_off[i] .. + word_len[i]) (NUL-terminated), word_hash[i] its
	 * LexiconHash(), and words_valid is true; otherwise nothing is kept.
	 */
	bool		keep_words;
	bool		words_valid;
	char	   *words;
	size_t		wordslen;
	size_t		wordscap;
	uint32_t   *word_off;
	uint32_t   *word_len;
	uint32_t   *word_hash;
	size_t		wordcap;
} TokenList;

/*
 * The hard cap on tokens per text (and on emoji descriptions, each at least one token):
 * beyond it TokenizerRun calls CoreTokenLimitExceeded.  It bounds the memory of one call:
 * 32 bytes per token here, 24 more in the scorer's workspace, 8 per emoji description.
 */
#define TOKENIZER_MAX_TOKENS ((size_t) 1 << 22)

extern void TokenizerRun(const SentimentConfig *cfg, const char *s, size_t len, TokenList *out);
/* token i's lower-cased look-up key (in list->lower until the next call) */
extern const char *TokenizerLowerKey(const SentimentConfig *cfg, TokenList *list, size_t i,
									 size_t *len);
extern void TokenListTrim(TokenList *list);
extern void TokenListFree(TokenList *list);

/* Python str.isspace() (the set str.split() and str.strip() use) for one code point. */
extern bool TokenizerIsSpace(uint32_t cp);

/*
 * Forget the rules prepared for cfg, a configuration that is not built in (a custom lexicon's)
 * and is about to be freed: a later configuration at the same address must not find them.
 */
extern void TokenizerForgetConfig(const SentimentConfig *cfg);

#endif							/* PGE_TOKENIZER_H */
