/*
 * escalation.h
 *	  Escalation matcher core (pure C, no PostgreSQL headers): normalised words from the
 *	  tokenizer's tokens, phrase rules matched on those words with negation and exception
 *	  phrases, and word-set similarity for repeated messages.
 *
 * The SQL edge (escalation_functions.c) loads the rules from the escalation_rules table,
 * calls the scorer, and turns the hits into reason codes.
 */
#ifndef PGE_ESCALATION_H
#define PGE_ESCALATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tokenizer.h"

/* reason codes: the fixed vocabulary, in the order reasons[] reports them */
typedef enum EscReason
{
	ESC_NEGATIVE_SENTIMENT = 0,
	ESC_SENTIMENT_DROP,
	ESC_HUMAN_REQUEST,
	ESC_CHURN_RISK,
	ESC_LEGAL_THREAT,
	ESC_REPEAT_CONTACT,
	ESC_AI_FAILURE,
	ESC_ABUSE,
	ESC_SAFETY,
	ESC_URGENCY,
	ESC_NREASONS
} EscReason;

extern const char *const EscReasonNames[ESC_NREASONS];

/* reason code by name, -1 if it is not one */
extern int	EscReasonFromName(const char *s, size_t len);

/* EscWords.flags */
#define ESCW_CLAUSE_END	0x02	/* a clause boundary follows this word */
#define ESCW_NEGATOR	0x01	/* with ESCW_LANG: a negation of the message's language */
#define ESCW_LANG		0x04	/* negation decided by LanguageNormaliseWords (language/negation.c) */

/* normalised (lower-cased, U+2019 read as ') words of one text; buffers reused */
typedef struct EscWords
{
	char	   *buf;			/* the words, each NUL-terminated */
	size_t		buflen;
	size_t		bufcap;
	uint32_t   *off;			/* word i starts at buf + off[i] */
	uint32_t   *len;			/* and has len[i] bytes */
	uint8_t    *flags;			/* ESCW_* */
	uint32_t   *hash;			/* hash of each word, for the matcher's word table */
	size_t		n;
	size_t		cap;
} EscWords;

extern void EscWordsFromTokens(const TokenList *tl, EscWords *w);
/* EscWords.hash of a word (for code that edits a word in place) */
extern uint32_t EscWordHash(const char *s, size_t len);
/* word i is a negation that cancels a phrase starting within the next 3 words */
extern bool EscWordIsNegator(const EscWords *w, size_t i);
extern void EscWordsTrim(EscWords *w);	/* give back buffers after a huge input */
extern void EscWordsFree(EscWords *w);

/*
 * A rule: a phrase of nwords normalised words (words[first .. first + nwords) of the
 * set).  severity 1..3 fires the reason; severity 0 is an exception phrase: a match of
 * it suppresses every match of the same reason that overlaps it ("human resources").
 */
typedef struct EscRule
{
	uint16_t	reason;			/* EscReason */
	int16_t		severity;		/* 0 exception, 1 low, 2 medium, 3 high */
	uint32_t	nwords;
	uint32_t	first;			/* index of its first word in EscRuleSet.words */
	const char *phrase;			/* the phrase as written in the table, for matched[] */
} EscRule;

/*
 * The matcher's index, built by EscRuleSetSort: the distinct rule words in a hash table
 * (word -> id), and a trie over word ids whose nodes list the rules ending there.  Matching
 * looks each message word up once and walks the trie from each word while the next word
 * continues some phrase: O(words x longest partial match + hits), whatever the number of
 * rules (README "How phrases match").
 */
/* a slot of the word dictionary: the word and its hash side by side (one cache line) */
typedef struct EscDictSlot
{
	uint32_t	word;			/* 1 + word index into words[], 0 = empty */
	uint32_t	hash;			/* the word hash of the word (compared before the bytes) */
} EscDictSlot;

typedef struct EscIndex
{
	EscDictSlot *dict;			/* open addressing on the word hash */
	uint32_t	dictmask;
	uint32_t   *root_child;		/* per word id: the trie node of the phrases it starts, 0 = none */
	uint32_t   *edge_key_parent;	/* trie edges, open addressing on (parent, word id) */
	uint32_t   *edge_key_word;
	uint32_t   *edge_child;		/* 0 = empty slot (the root is node 0, never a child) */
	uint32_t	edgemask;
	uint32_t   *node_first;		/* rules ending at node n: node_rules[node_first[n] .. [n+1]) */
	uint32_t   *node_rules;
	uint32_t	nnodes;
	uint32_t	maxdepth;
	/* bit min(len, 63) of lenmask[first byte]: some rule word has that first byte and length
	 * (most message words are rejected here without a hash probe) */
	uint64_t	lenmask[256];
} EscIndex;

typedef struct EscRuleSet
{
	EscRule    *rules;			/* sorted by EscRuleSetSort (first word, then longer first) */
	size_t		nrules;
	const char **words;			/* NUL-terminated normalised words */
	const uint32_t *wordlens;
	EscIndex	index;			/* built by EscRuleSetSort, freed by EscRuleSetFreeIndex */
} EscRuleSet;

/* sort the rules and build the index (in memory from CoreAlloc) */
extern void EscRuleSetSort(EscRuleSet *rs);
extern void EscRuleSetFreeIndex(EscRuleSet *rs);

/* trie steps and word look-ups done by EscMatch since start (for the tests' upper bounds) */
extern uint64_t EscMatchSteps;

typedef struct EscHit
{
	uint32_t	rule;			/* index into EscRuleSet.rules */
	uint32_t	start;			/* first word of the match */
} EscHit;

typedef struct EscHits
{
	EscHit	   *v;
	size_t		n;
	size_t		cap;
	uint16_t   *cover;			/* scratch: per word, bit r = inside an exception of reason r */
	size_t		covercap;
	uint32_t   *ids;			/* scratch: per word, its rule word id + 1 (0 = in no rule) */
	size_t		idscap;
} EscHits;

/*
 * Every firing (non-exception, not negated, not inside an exception of its reason)
 * match of a rule in w, appended to out (out->n is reset first).
 */
extern void EscMatch(const EscRuleSet *rs, const EscWords *w, EscHits *out);
extern void EscHitsFree(EscHits *h);

/*
 * Word-set signature for "the same question again": sorted distinct 32-bit hashes of the
 * words [from, to) of 3 or more bytes that are not stop words.  out needs room for
 * to - from entries; returns the count.
 */
extern size_t EscWordHashes(const EscWords *w, size_t from, size_t to, uint32_t *out);

/* Jaccard similarity |a ∩ b| / |a ∪ b| of two sorted distinct hash arrays (0 if both empty) */
extern double EscJaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

#endif							/* PGE_ESCALATION_H */
