/*
 * sentence.h
 *	  Sentence and clause boundaries of UTF-8 text (pure C core, no PostgreSQL headers).
 *
 * SentenceSplit() cuts a text into sentences: '.', '!', '?', '…' and the CJK full stops and
 * marks end one unless the dot belongs to an abbreviation of the language ("Dr.", "e.g.",
 * "z.B.", "bzw."), an initial, a decimal, a URL or an e-mail address, a list number or a
 * German/Danish/Polish ordinal ("am 3. Mai"); an ellipsis ends one only before a capital;
 * closing quotes and brackets ("»", "”", ")") and emoji or emoticons after the mark stay with
 * the sentence; a missing space ("late.Support") still cuts; emoji or an emoticon before a
 * capital ("Love it 😍 Will buy again") cut; a blank line always cuts, a single line break
 * unless the next line starts in lower case.  A piece with no letter or digit (a lone emoji
 * line, stray punctuation) joins the sentence before it.  README "Sentences" has the rules.
 *
 * ClauseCuts() finds, inside one sentence, where a clause starts: after ',' ';' ':' and a
 * spaced dash, and at a contrastive conjunction ("but", "however", "mais", "aber", "pero")
 * or a coordinating one ("and", "et", "und", "y") of the language.
 */
#ifndef PGE_SENTENCE_H
#define PGE_SENTENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* one sentence: bytes [start, end) of the text, without surrounding white space */
typedef struct SentSpan
{
	uint32_t	start;
	uint32_t	end;
} SentSpan;

typedef struct SentSpans
{
	SentSpan   *v;
	size_t		n;
	size_t		cap;
} SentSpans;

/*
 * The sentences of s (UTF-8, len bytes) for language (ISO 639-1: its abbreviations and
 * ordinals; any other code gets the common list).  out->n is reset first; a text of white
 * space only has no sentence.
 */
extern void SentenceSplit(const char *s, size_t len, const char *language, SentSpans *out);
extern void SentSpansFree(SentSpans *spans);

/* ClauseCut.kind */
#define CLAUSE_SOFT		1		/* ',' or a coordinating conjunction ("and") */
#define CLAUSE_HARD		2		/* ';' ':' a dash, or a contrastive conjunction ("but") */

typedef struct ClauseCut
{
	uint32_t	pos;			/* byte where the next clause starts */
	uint8_t		kind;			/* CLAUSE_* */
} ClauseCut;

typedef struct ClauseCuts
{
	ClauseCut  *v;
	size_t		n;
	size_t		cap;
} ClauseCuts;

/* clause starts strictly inside bytes [start, end) of s, in order (out->n reset first) */
extern void ClauseSplit(const char *s, uint32_t start, uint32_t end, const char *language,
						ClauseCuts *out);
extern void ClauseCutsFree(ClauseCuts *cuts);

/* number of code points in s[0 .. len) (valid UTF-8) */
extern size_t Utf8CharCount(const char *s, size_t len);

#endif							/* PGE_SENTENCE_H */
