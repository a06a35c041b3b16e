/*
 * words.h
 *	  A token's word as the learned models read it (pure C): shared by the learned English
 *	  scorer (src/model) and the emotion model (src/emotion), so both see the same words.
 */
#ifndef PGE_WORDS_H
#define PGE_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexicon_words.h"
#include "tokenizer.h"

/* TextAsciiPunct(c) for every byte c, as a table (0 from 128 on) */
extern const uint8_t TextAsciiPunctTable[256];

/* Python string.punctuation: the ASCII punctuation TextNormaliseWord strips */
static inline bool
TextAsciiPunct(unsigned char c)
{
	return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
		(c >= 123 && c <= 126);
}

/* the most bytes TextNormaliseWord writes beyond the token's own length ("@a" -> "@user") */
#define TEXT_WORD_EXTRA		3

/*
 * The word of the token s[0 .. len): ASCII lower-cased; the ASCII punctuation the tokenizer
 * leaves on short tokens stripped (a token that is all punctuation, an emoticon, stays whole;
 * a leading '@' or '#' stays); runs of three or more equal bytes squeezed to two ("sooo" ->
 * "soo"); a number (digits with . , :) reads "0", a link "http", a mention "@user".  Bytes
 * beyond ASCII are kept as they are.  Writes at most len + TEXT_WORD_EXTRA bytes to out (no
 * NUL) and returns how many.
 */
extern size_t TextNormaliseWord(const char *s, size_t len, char *out);

/*
 * LexiconHash() of the word TextNormaliseWord(s, len) writes, computed while reading s
 * (no copy): the learned scorer's word hash.
 */
extern uint32_t TextNormalisedHash(const char *s, size_t len);

/* whether token t is a negation ("not", "never", a word with "n't", ...) */
static inline bool
TextTokenNegates(const Token *t)
{
	return (t->lexflags & LEX_NEGATE) || (t->flags & TOK_NT);
}

/*
 * The negation scope after token t, given the scope before it: a negation opens it, a clause
 * end or "but" closes it.  A word is read as negated when the scope before it is open and it
 * is no negation itself (the learned models' NOT: features).
 */
static inline bool
TextScopeAfter(const Token *t, bool scope)
{
	if (TextTokenNegates(t))
		scope = true;
	if ((t->flags & TOK_CLAUSE_END) || t->word_id == WID_BUT)
		scope = false;
	return scope;
}

#endif							/* PGE_WORDS_H */
