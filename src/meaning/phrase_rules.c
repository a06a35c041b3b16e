/*
 * phrase_rules.c
 *	  Phrases compiled into the escalation matcher's rule sets (pure C core): see
 *	  phrase_rules.h.
 */
#include <string.h>

#include "core_env.h"
#include "negation.h"
#include "phrase_rules.h"

bool
PhraseRulesAdd(PhraseRules *b, const SentimentConfig *tokcfg, const char *language,
			   const char *phrase, size_t len, uint16_t reason, const char *payload)
{
	EscRule    *r;

	TokenizerRun(tokcfg, phrase, len, &b->tl);
	EscWordsFromTokens(&b->tl, &b->w);
	LanguageNormaliseWords(&b->w, language);
	TokenListTrim(&b->tl);
	if (b->w.n == 0)
		return false;
	CoreGrowArray((void **) &b->rules, &b->rulecap, b->nrules + 1, sizeof(EscRule), 64);
	if (b->nwords + b->w.n > b->wordcap)
	{
		size_t		cap = b->wordcap;

		CoreGrowArray((void **) &b->wordoff, &cap, b->nwords + b->w.n, sizeof(uint32_t), 64);
		cap = b->wordcap;
		CoreGrowArray((void **) &b->wordlens, &cap, b->nwords + b->w.n, sizeof(uint32_t), 64);
		b->wordcap = cap;
	}
	r = &b->rules[b->nrules++];
	r->reason = reason;
	r->severity = 1;
	r->nwords = (uint32_t) b->w.n;
	r->first = (uint32_t) b->nwords;
	r->phrase = payload;
	for (size_t k = 0; k < b->w.n; k++)
	{
		CoreGrowArray((void **) &b->chars, &b->charcap, b->nchars + b->w.len[k] + 1, 1, 1024);
		memcpy(b->chars + b->nchars, b->w.buf + b->w.off[k], b->w.len[k]);
		b->chars[b->nchars + b->w.len[k]] = '\0';
		b->wordoff[b->nwords] = (uint32_t) b->nchars;
		b->wordlens[b->nwords] = b->w.len[k];
		b->nchars += b->w.len[k] + 1;
		b->nwords++;
	}
	return true;
}

void
PhraseRulesDone(PhraseRules *b)
{
	b->words = CoreAlloc(sizeof(char *) * (b->nwords ? b->nwords : 1));
	for (size_t i = 0; i < b->nwords; i++)
		b->words[i] = b->chars + b->wordoff[i];
	TokenListFree(&b->tl);
	EscWordsFree(&b->w);
}

void
PhraseRulesSet(PhraseRules *b, size_t first, size_t n, EscRuleSet *out)
{
	memset(out, 0, sizeof(*out));
	out->rules = b->rules + first;
	out->nrules = n;
	out->words = b->words;
	out->wordlens = b->wordlens;
	EscRuleSetSort(out);
}

void
PhraseRulesFree(PhraseRules *b)
{
	CoreFree(b->rules);
	CoreFree(b->chars);
	CoreFree(b->wordoff);
	CoreFree(b->wordlens);
	CoreFree((void *) b->words);
	TokenListFree(&b->tl);
	EscWordsFree(&b->w);
	memset(b, 0, sizeof(*b));
}
