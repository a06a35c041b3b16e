/*
 * esc_rules.h
 *	  For the stand-alone escalation drivers (unit test, fuzzer): build an EscRuleSet from
 *	  phrases as the SQL edge's load_rules does (tokenised by 'en', normalised words), and a
 *	  literal reference matcher (every rule at every word) to compare EscMatch with.
 */
#ifndef PGE_ESC_RULES_H
#define PGE_ESC_RULES_H

#include <stdlib.h>
#include <string.h>

#include "escalation.h"

typedef struct TestRules
{
	EscRuleSet	set;
	EscRule    *rules;
	const char **words;
	uint32_t   *wordlens;
	size_t		nrules,
				nwords,
				rulecap,
				wordcap;
} TestRules;

static TokenList test_tokens;
static EscWords test_words;
static EscWords test_words_own;

/*
 * The words of text s (len bytes) into test_words, as the SQL edge gets them: from the
 * lower-cased forms the tokenizer kept (TokenList.keep_words).  They must equal the words
 * EscWordsFromTokens makes itself from the tokens (the path of configurations that
 * lower-case differently): aborts otherwise.
 */
static void
test_text_words(const char *s, size_t len)
{
	const SentimentConfig *en = SentimentConfigFind("en");

	test_tokens.keep_words = false;
	TokenizerRun(en, s, len, &test_tokens);
	EscWordsFromTokens(&test_tokens, &test_words_own);
	test_tokens.keep_words = true;
	TokenizerRun(en, s, len, &test_tokens);
	if (!test_tokens.words_valid)
		abort();
	EscWordsFromTokens(&test_tokens, &test_words);
	if (test_words.n != test_words_own.n)
		abort();
	for (size_t i = 0; i < test_words.n; i++)
		if (test_words.len[i] != test_words_own.len[i] ||
			test_words.hash[i] != test_words_own.hash[i] ||
			test_words.flags[i] != test_words_own.flags[i] ||
			memcmp(test_words.buf + test_words.off[i], test_words_own.buf + test_words_own.off[i],
				   test_words.len[i] + 1) != 0)
			abort();
	EscWordsTrim(&test_words_own);
}

static void
test_rules_add(TestRules *tr, const char *phrase, size_t len, int reason, int severity)
{
	test_text_words(phrase, len);
	if (test_words.n == 0)
		return;
	if (tr->nrules == tr->rulecap)
	{
		tr->rulecap = tr->rulecap ? 2 * tr->rulecap : 16;
		tr->rules = realloc(tr->rules, tr->rulecap * sizeof(EscRule));
	}
	while (tr->nwords + test_words.n > tr->wordcap)
	{
		tr->wordcap = tr->wordcap ? 2 * tr->wordcap : 64;
		tr->words = realloc(tr->words, tr->wordcap * sizeof(char *));
		tr->wordlens = realloc(tr->wordlens, tr->wordcap * sizeof(uint32_t));
	}
	tr->rules[tr->nrules].reason = (uint16_t) reason;
	tr->rules[tr->nrules].severity = (int16_t) severity;
	tr->rules[tr->nrules].nwords = (uint32_t) test_words.n;
	tr->rules[tr->nrules].first = (uint32_t) tr->nwords;
	tr->rules[tr->nrules].phrase = NULL;
	for (size_t k = 0; k < test_words.n; k++)
	{
		tr->words[tr->nwords] = strndup(test_words.buf + test_words.off[k], test_words.len[k]);
		tr->wordlens[tr->nwords] = test_words.len[k];
		tr->nwords++;
	}
	tr->nrules++;
}

/* sort and index: after this tr->set is ready for EscMatch */
static void
test_rules_build(TestRules *tr)
{
	tr->set.rules = tr->rules;
	tr->set.nrules = tr->nrules;
	tr->set.words = tr->words;
	tr->set.wordlens = tr->wordlens;
	EscRuleSetSort(&tr->set);
}

static void
test_rules_free(TestRules *tr)
{
	EscRuleSetFreeIndex(&tr->set);
	for (size_t i = 0; i < tr->nwords; i++)
		free((void *) tr->words[i]);
	free(tr->rules);
	free(tr->words);
	free(tr->wordlens);
	memset(tr, 0, sizeof(*tr));
}

static bool
ref_same_word(const EscRuleSet *rs, uint32_t wi, const EscWords *w, size_t i)
{
	return rs->wordlens[wi] == w->len[i] && memcmp(rs->words[wi], w->buf + w->off[i], w->len[i]) == 0;
}

/*
 * The reference: every (sorted) rule tried at every word, then the same negation and
 * exception filter as EscMatch, literally (quadratic).  Hits in EscMatch's order: by start,
 * then longer phrase first, then rule order.  Returns the count written to out.
 */
static size_t
ref_match(const EscRuleSet *rs, const EscWords *w, EscHit *out)
{
	size_t		n = 0,
				keep = 0;
	bool	   *fires;

	/* the rules matching at one start share its first word, so rule order is already
	 * longer phrase first (EscRuleSetSort) */
	for (size_t i = 0; i < w->n; i++)
		for (size_t r = 0; r < rs->nrules; r++)
		{
			const EscRule *rule = &rs->rules[r];
			bool		ok = i + rule->nwords <= w->n;

			for (uint32_t k = 0; k < rule->nwords && ok; k++)
				ok = ref_same_word(rs, rule->first + k, w, i + k);
			if (ok)
			{
				out[n].rule = (uint32_t) r;
				out[n].start = (uint32_t) i;
				n++;
			}
		}
	/* decide every hit before dropping any: the exception test reads all of them */
	fires = malloc(n ? n : 1);
	for (size_t h = 0; h < n; h++)
	{
		const EscRule *rule = &rs->rules[out[h].rule];
		bool		fire = rule->severity > 0;

		/* negation: a negator within 3 words before, in the same clause */
		for (size_t k = 1; k <= 3 && k <= out[h].start && fire; k++)
		{
			size_t		j = out[h].start - k;

			if (w->flags[j] & ESCW_CLAUSE_END)
				break;
			if (EscWordIsNegator(w, j))
				fire = false;
		}
		/* inside an exception match of the same reason */
		for (size_t e = 0; e < n && fire; e++)
		{
			const EscRule *ex = &rs->rules[out[e].rule];

			if (ex->severity == 0 && ex->reason == rule->reason &&
				out[e].start < out[h].start + rule->nwords &&
				out[h].start < out[e].start + ex->nwords)
				fire = false;
		}
		fires[h] = fire;
	}
	for (size_t h = 0; h < n; h++)
		if (fires[h])
			out[keep++] = out[h];
	free(fires);
	return keep;
}

#endif							/* PGE_ESC_RULES_H */
