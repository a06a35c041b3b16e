/*
 * words.h
 *	  A token's word as the learned models read it (pure C): shared by the learned English
 *	  scorer (src/model) and the emotion model (src/emotion), so both see the same words.
 */
#ifndef PGE_WORDS_H
#define PGE_WORDS_H

#include <stddef.h>
#include <stdint.h>

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

#endif							/* PGE_WORDS_H */
