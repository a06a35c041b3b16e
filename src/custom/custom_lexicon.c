/*
 * custom_lexicon.c
 *	  Building custom lexicons over a built-in configuration (see custom_lexicon.h), pure C.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core_env.h"
#include "custom_lexicon.h"

CustomStatus
CustomNormaliseTerm(const SentimentConfig *base, const char *term, size_t len, TokenList *tl,
					char **out, size_t *outlen, int *nwords)
{
	size_t		total = 0;
	char	   *buf;

	*out = NULL;
	TokenizerRun(base, term, len, tl);
	if (tl->ntokens == 0)
		return CUSTOM_EMPTY_TERM;
	if (tl->ntokens > PHRASE_WORDS_MAX)
		return CUSTOM_TOO_MANY_WORDS;
	if (tl->ntokens > 1 && !(base->options & SC_PHRASES_ANYWHERE))
		return CUSTOM_NO_PHRASES;
	/* every key is at most 3 bytes per input byte (Unicode lower-casing), see tokenizer.c */
	buf = CoreAlloc(3 * len + PHRASE_WORDS_MAX + 1);
	for (size_t i = 0; i < tl->ntokens; i++)
	{
		size_t		klen;
		const char *key;

		if (tl->tokens[i].flags & TOK_EMOJI)
		{
			CoreFree(buf);
			return CUSTOM_EMOJI;
		}
		key = TokenizerLowerKey(base, tl, i, &klen);
		if (i > 0)
			buf[total++] = ' ';
		memcpy(buf + total, key, klen);
		total += klen;
	}
	buf[total] = '\0';
	if (total > CUSTOM_TERM_MAX)
	{
		CoreFree(buf);
		return CUSTOM_TOO_LONG;
	}
	*out = buf;
	*outlen = total;
	*nwords = (int) tl->ntokens;
	return CUSTOM_OK;
}

/* the merged word table while it is built */
typedef struct Builder
{
	LexTable	t;				/* entries/slots/strings point at the arrays below */
	LexEntry   *entries;
	uint32_t   *slots;
	char	   *strings;
	size_t		nstrings;
	size_t		cap;
} Builder;

static void
builder_insert_slot(Builder *b, uint32_t hash, uint32_t index)
{
	uint32_t	h = hash & b->t.mask;

	while (b->slots[h] != 0)
		h = (h + 1) & b->t.mask;
	b->slots[h] = (HASH_TAG(hash) << 16) | (index + 1);
}

/* index of key's entry, added (no flags, valence 0) if missing; -1 when the table is full */
static long
builder_find_or_add(Builder *b, const char *key, size_t len)
{
	uint32_t	hash = LexiconHash(key, len);
	const LexEntry *e = LexiconLookupHashed(&b->t, key, len, hash);
	uint32_t	idx;

	if (e != NULL)
		return e - b->entries;
	if (b->t.nentries >= b->cap || b->t.nentries >= 0xFFFF)
		return -1;
	idx = b->t.nentries++;
	memset(&b->entries[idx], 0, sizeof(LexEntry));
	b->entries[idx].word = (uint32_t) b->nstrings;
	b->entries[idx].len = (uint16_t) len;
	memcpy(b->strings + b->nstrings, key, len);
	b->strings[b->nstrings + len] = '\0';
	b->nstrings += len + 1;
	builder_insert_slot(b, hash, idx);
	return idx;
}

static bool
same_ids(const Phrase *a, const Phrase *b)
{
	if (a->nwords != b->nwords)
		return false;
	for (int w = 0; w < a->nwords; w++)
		if (a->ids[w] != b->ids[w])
			return false;
	return true;
}

/* duplicate normalised keys: the index of the second of the first pair found, or -1 */
static long
find_duplicate(char **keys, const size_t *klens, size_t n)
{
	size_t		size = 16;
	uint32_t   *slots;
	long		dup = -1;

	while (size < 2 * n)
		size *= 2;
	slots = CoreAlloc(size * sizeof(uint32_t));
	memset(slots, 0, size * sizeof(uint32_t));
	for (size_t i = 0; i < n && dup < 0; i++)
	{
		uint32_t	h = LexiconHash(keys[i], klens[i]) & (size - 1);

		while (slots[h] != 0)
		{
			size_t		j = slots[h] - 1;

			if (klens[j] == klens[i] && memcmp(keys[j], keys[i], klens[i]) == 0)
			{
				dup = (long) i;
				break;
			}
			h = (h + 1) & (size - 1);
		}
		slots[h] = (uint32_t) (i + 1);
	}
	CoreFree(slots);
	return dup;
}

CustomStatus
CustomLexiconBuild(const SentimentConfig *base, const char *name, const char *const *terms,
				   const size_t *lens, const double *valences, size_t n, TokenList *tl,
				   CustomLexicon **out, size_t *bad)
{
	const LexTable *bt = base->words;
	char	  **keys;
	size_t	   *klens;
	int		   *nwords;
	size_t		nnew = 0,
				keybytes = 0,
				npool = 0,
				nphr = 0,
				size;
	uint32_t	next_wid = 0;
	CustomStatus status = CUSTOM_OK;
	CustomLexicon *lex;
	Builder		b;
	long		dup;

	*out = NULL;
	*bad = 0;
	if (n > CUSTOM_MAX_ENTRIES)
	{
		*bad = CUSTOM_MAX_ENTRIES;
		return CUSTOM_TOO_MANY_ENTRIES;
	}
	keys = CoreAlloc((n + 1) * sizeof(char *));
	klens = CoreAlloc((n + 1) * sizeof(size_t));
	nwords = CoreAlloc((n + 1) * sizeof(int));
	memset(keys, 0, (n + 1) * sizeof(char *));
	for (size_t i = 0; i < n && status == CUSTOM_OK; i++)
	{
		if (!isfinite(valences[i]) || fabs(valences[i]) > CUSTOM_VALENCE_MAX)
			status = CUSTOM_VALENCE_RANGE;
		else
			status = CustomNormaliseTerm(base, terms[i], lens[i], tl, &keys[i], &klens[i],
										 &nwords[i]);
		/*
		 * The scorer reads a booster or dampener ("very", "barely") only as a scalar on the
		 * next sentiment word and gives the word itself no valence (VADER's rule), so a valence
		 * for it would change nothing: refuse it rather than ignore it.  Under VADER's rules
		 * ('en-rules', 'vader', 'en') a word with a valence blocks its window position, so a
		 * negation with a valence would stop negating: refused too.  The language rules
		 * (LO_RULES) negate whatever the word's valence, and contrastive words keep the "but"
		 * rule everywhere: those take a valence.
		 */
		if (status == CUSTOM_OK && nwords[i] == 1)
		{
			const LexEntry *be = LexiconLookup(bt, keys[i], klens[i]);

			if (be != NULL && (be->flags & LEX_BOOSTER))
				status = CUSTOM_BOOSTER;
			else if (be != NULL && (be->flags & LEX_NEGATE) && !(base->lang_options & LO_RULES))
				status = CUSTOM_NEGATION;
		}
		if (status != CUSTOM_OK)
			*bad = i;
		else
		{
			nnew += (size_t) nwords[i];
			keybytes += klens[i] + 1;
			nphr += nwords[i] > 1;
		}
		if ((i & 1023) == 1023)
			CoreCheckInterrupts();
	}
	if (status == CUSTOM_OK && (dup = find_duplicate(keys, klens, n)) >= 0)
	{
		status = CUSTOM_DUPLICATE;
		*bad = (size_t) dup;
	}
	if (status != CUSTOM_OK)
		goto done;

	lex = CoreAlloc(sizeof(CustomLexicon));
	memset(lex, 0, sizeof(CustomLexicon));
	for (uint32_t i = 0; i < bt->nentries; i++)
	{
		size_t		end = bt->entries[i].word + bt->entries[i].len + 1;

		if (end > npool)
			npool = end;
		if (bt->entries[i].word_id >= next_wid)
			next_wid = bt->entries[i].word_id + 1u;
	}
	memset(&b, 0, sizeof(b));
	b.cap = bt->nentries + nnew;
	if (b.cap > 0xFFFF)
		b.cap = 0xFFFF;
	for (size = 16; size < 2 * b.cap; size *= 2)
		;
	b.entries = CoreAlloc(b.cap * sizeof(LexEntry));
	b.slots = CoreAlloc(size * sizeof(uint32_t));
	b.strings = CoreAlloc(npool + keybytes + 1);
	memset(b.slots, 0, size * sizeof(uint32_t));
	memcpy(b.entries, bt->entries, bt->nentries * sizeof(LexEntry));
	memcpy(b.strings, bt->strings, npool);
	b.nstrings = npool;
	b.t.entries = b.entries;
	b.t.nentries = bt->nentries;
	b.t.slots = b.slots;
	b.t.mask = (uint32_t) (size - 1);
	b.t.strings = b.strings;
	for (uint32_t i = 0; i < bt->nentries; i++)
		builder_insert_slot(&b, LexiconHash(bt->strings + bt->entries[i].word,
											bt->entries[i].len), i);

	lex->phrases = CoreAlloc((base->nphrases + nphr + 1) * sizeof(Phrase));
	if (base->nphrases > 0)
		memcpy(lex->phrases, base->phrases, base->nphrases * sizeof(Phrase));
	lex->cfg = *base;
	lex->cfg.nphrases = base->nphrases;
	for (size_t i = 0; i < n && status == CUSTOM_OK; i++)
	{
		if (nwords[i] == 1)
		{
			long		idx = builder_find_or_add(&b, keys[i], klens[i]);
			LexEntry   *e;

			if (idx < 0)
			{
				status = CUSTOM_TOO_MANY_ENTRIES;
				*bad = i;
				break;
			}
			e = &b.entries[idx];
			e->valence = valences[i];
			/* 0 takes the word out of the sentiment lexicon ("in L" no more) */
			if (valences[i] != 0.0)
				e->flags |= LEX_VALENCE;
			else
				e->flags &= ~LEX_VALENCE;
		}
		else
		{
			Phrase		p;
			const char *w = keys[i];
			int			existing = -1;

			memset(&p, 0, sizeof(p));
			p.nwords = (uint8_t) nwords[i];
			p.value = valences[i];
			for (int k = 0; k < nwords[i]; k++)
			{
				const char *end = strchr(w, ' ');
				size_t		wl = end ? (size_t) (end - w) : strlen(w);
				long		idx = builder_find_or_add(&b, w, wl);

				if (idx < 0 || (b.entries[idx].word_id == 0 && next_wid > 0xFFFF))
				{
					status = CUSTOM_TOO_MANY_ENTRIES;
					*bad = i;
					break;
				}
				if (b.entries[idx].word_id == 0)
					b.entries[idx].word_id = (uint16_t) next_wid++;
				p.ids[k] = b.entries[idx].word_id;
				w += wl + 1;
			}
			if (status != CUSTOM_OK)
				break;
			for (int q = 0; q < base->nphrases; q++)
				if (same_ids(&lex->phrases[q], &p))
					existing = q;
			if (existing >= 0)
				lex->phrases[existing].value = p.value;
			else
				lex->phrases[lex->cfg.nphrases++] = p;
		}
		if ((i & 1023) == 1023)
			CoreCheckInterrupts();
	}
	lex->entries = b.entries;
	lex->slots = b.slots;
	lex->strings = b.strings;
	lex->words = b.t;
	lex->nterms = n;
	snprintf(lex->name, sizeof(lex->name), "%s", name);
	snprintf(lex->provenance, sizeof(lex->provenance),
			 "custom lexicon of %zu terms over '%s' (table sentiment_lexicon)", n, base->name);
	lex->cfg.name = lex->name;
	lex->cfg.provenance = lex->provenance;
	lex->cfg.description = lex->provenance;
	lex->cfg.words = &lex->words;
	lex->cfg.phrases = lex->phrases;
	if (base->rules != NULL)
	{
		/* the custom words reach the learned model through its rule features */
		lex->rules_cfg = lex->cfg;
		lex->rules_cfg.model = NULL;
		lex->rules_cfg.rules = NULL;
		lex->cfg.rules = &lex->rules_cfg;
	}
	if (status != CUSTOM_OK)
		CustomLexiconFree(lex);
	else
		*out = lex;

done:
	for (size_t i = 0; i < n; i++)
		CoreFree(keys[i]);
	CoreFree(keys);
	CoreFree(klens);
	CoreFree(nwords);
	return status;
}

void
CustomLexiconFree(CustomLexicon *lex)
{
	if (lex == NULL)
		return;
	TokenizerForgetConfig(&lex->cfg);
	if (lex->cfg.rules == &lex->rules_cfg)
		TokenizerForgetConfig(&lex->rules_cfg);
	CoreFree(lex->entries);
	CoreFree(lex->slots);
	CoreFree(lex->strings);
	CoreFree(lex->phrases);
	CoreFree(lex);
}
