/*
 * escalation.c
 *	  Escalation matcher core (pure C): see escalation.h.
 *
 * Matching is on normalised words, never on raw substrings, so "firework" is not "fire" and
 * "law firm" is not "lawyer".  A phrase is negated when a negation word stands within the
 * three words before it in the same clause ("I'm not going to cancel"); ability negations
 * ("can't", "cannot", "couldn't") do not negate intent ("I can't cancel my account" is still
 * churn risk) and are deliberately not in the list.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core_env.h"
#include "escalation.h"

const char *const EscReasonNames[ESC_NREASONS] = {
	"negative_sentiment", "sentiment_drop", "human_request", "churn_risk", "legal_threat",
	"repeat_contact", "ai_failure", "abuse", "safety", "urgency"
};

int
EscReasonFromName(const char *s, size_t len)
{
	for (int i = 0; i < ESC_NREASONS; i++)
		if (strlen(EscReasonNames[i]) == len && memcmp(EscReasonNames[i], s, len) == 0)
			return i;
	return -1;
}

/* negations that cancel a following phrase (normalised spelling) */
static const char *const negators[] = {
	"not", "no", "never", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
	"won't", "wont", "wouldn't", "wouldnt", "isn't", "isnt", "aren't", "arent",
	"wasn't", "wasnt", "weren't", "werent", "ain't", "aint", "shouldn't", "shouldnt",
	"hardly", "nor", "neither", "shan't"
};

#define NEGATION_WINDOW 3

static bool
is_negator(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof(negators) / sizeof(negators[0]); i++)
		if (strlen(negators[i]) == len && memcmp(negators[i], w, len) == 0)
			return true;
	return false;
}

static void
ensure_words(EscWords *w, size_t nwords, size_t nbytes)
{
	if (nwords > w->cap)
	{
		size_t		cap = CoreGrowCapacity(w->cap, nwords, 32);

		w->off = CoreRealloc(w->off, cap * sizeof(uint32_t));
		w->len = CoreRealloc(w->len, cap * sizeof(uint32_t));
		w->flags = CoreRealloc(w->flags, cap);
		w->cap = cap;
	}
	CoreGrowArray((void **) &w->buf, &w->bufcap, nbytes, 1, 256);
}

void
EscWordsFromTokens(const TokenList *tl, EscWords *w)
{
	size_t		bytes = 0;

	for (size_t i = 0; i < tl->ntokens; i++)
		bytes += (size_t) tl->tokens[i].len * 2 + 1;	/* lower-casing may grow a code point */
	ensure_words(w, tl->ntokens, bytes + 1);
	w->n = 0;
	w->buflen = 0;

	for (size_t i = 0; i < tl->ntokens; i++)
	{
		const Token *t = &tl->tokens[i];
		const unsigned char *s = (const unsigned char *) tl->text + t->off;
		size_t		start = w->buflen;
		size_t		j = 0;

		while (j < t->len)
		{
			if (s[j] < 0x80)
			{
				unsigned char c = s[j++];

				w->buf[w->buflen++] = (char) ((c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c);
			}
			else
			{
				utf8proc_int32_t cp;
				utf8proc_ssize_t n = utf8proc_iterate(s + j, (utf8proc_ssize_t) (t->len - j), &cp);

				if (n <= 0)
				{
					/* not valid UTF-8 (cannot happen after the SQL edge): copy the byte */
					w->buf[w->buflen++] = (char) s[j++];
					continue;
				}
				if (cp == 0x2019)
					w->buf[w->buflen++] = '\'';
				else
					w->buflen += utf8proc_encode_char(utf8proc_tolower(cp),
													  (utf8proc_uint8_t *) w->buf + w->buflen);
				j += n;
			}
		}
		w->off[w->n] = (uint32_t) start;
		w->len[w->n] = (uint32_t) (w->buflen - start);
		w->buf[w->buflen++] = '\0';
		w->flags[w->n] = 0;
		if (is_negator(w->buf + start, w->len[w->n]))
			w->flags[w->n] |= ESCW_NEGATOR;
		if (t->flags & TOK_CLAUSE_END)
			w->flags[w->n] |= ESCW_CLAUSE_END;
		w->n++;
		if ((i & 4095) == 4095)
			CoreCheckInterrupts();
	}
}

void
EscWordsTrim(EscWords *w)
{
	if (w->cap > 4096 || w->bufcap > 65536)
		EscWordsFree(w);
}

void
EscWordsFree(EscWords *w)
{
	CoreFree(w->buf);
	CoreFree(w->off);
	CoreFree(w->len);
	CoreFree(w->flags);
	memset(w, 0, sizeof(*w));
}

void
EscHitsFree(EscHits *h)
{
	CoreFree(h->v);
	CoreFree(h->cover);
	memset(h, 0, sizeof(*h));
}

/* ---------------------------------------------------------------------------
 * rules
 * ------------------------------------------------------------------------- */

static int
word_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

static const EscRuleSet *sort_set;	/* qsort has no context argument */

static int
rule_cmp(const void *pa, const void *pb)
{
	const EscRule *a = pa;
	const EscRule *b = pb;
	int			c = word_cmp(sort_set->words[a->first], sort_set->wordlens[a->first],
							 sort_set->words[b->first], sort_set->wordlens[b->first]);

	if (c != 0)
		return c;
	if (a->nwords != b->nwords)
		return a->nwords > b->nwords ? -1 : 1;
	return (a->first > b->first) - (a->first < b->first);
}

void
EscRuleSetSort(EscRuleSet *rs)
{
	sort_set = rs;
	if (rs->nrules > 1)
		qsort(rs->rules, rs->nrules, sizeof(EscRule), rule_cmp);
	sort_set = NULL;
}

/* first rule whose first word is >= (s, len) */
static size_t
lower_bound(const EscRuleSet *rs, const char *s, size_t len)
{
	size_t		lo = 0,
				hi = rs->nrules;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		const EscRule *r = &rs->rules[mid];

		if (word_cmp(rs->words[r->first], rs->wordlens[r->first], s, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
h_covercap(const EscHits *h)
{
	return h->covercap;
}

static void
push_hit(EscHits *h, uint32_t rule, uint32_t start)
{
	if (h->n == h->cap)
	{
		h->cap = h->cap ? h->cap * 2 : 16;
		h->v = CoreRealloc(h->v, h->cap * sizeof(EscHit));
	}
	h->v[h->n].rule = rule;
	h->v[h->n].start = start;
	h->n++;
}

static bool
negated(const EscWords *w, size_t start)
{
	for (size_t k = 1; k <= NEGATION_WINDOW && k <= start; k++)
	{
		size_t		j = start - k;

		if (w->flags[j] & ESCW_CLAUSE_END)
			return false;
		if (w->flags[j] & ESCW_NEGATOR)
			return true;
	}
	return false;
}

void
EscMatch(const EscRuleSet *rs, const EscWords *w, EscHits *out)
{
	size_t		keep = 0;

	out->n = 0;
	if (rs->nrules == 0)
		return;

	/* every match of every rule, exceptions included */
	for (size_t i = 0; i < w->n; i++)
	{
		const char *word = w->buf + w->off[i];
		size_t		r = lower_bound(rs, word, w->len[i]);

		for (; r < rs->nrules; r++)
		{
			const EscRule *rule = &rs->rules[r];
			bool		ok = true;

			if (word_cmp(rs->words[rule->first], rs->wordlens[rule->first], word, w->len[i]) != 0)
				break;
			if (i + rule->nwords > w->n)
				continue;
			for (uint32_t k = 1; k < rule->nwords && ok; k++)
				ok = word_cmp(rs->words[rule->first + k], rs->wordlens[rule->first + k],
							  w->buf + w->off[i + k], w->len[i + k]) == 0;
			if (ok)
				push_hit(out, (uint32_t) r, (uint32_t) i);
		}
		if ((i & 1023) == 1023)
			CoreCheckInterrupts();
	}

	/*
	 * Drop negated matches and matches overlapping an exception of their reason.  The
	 * exceptions are first painted onto the words (one bit per reason), so this is linear
	 * in the total length of the matches, whatever the number of exceptions.
	 */
	if (w->n > h_covercap(out))
	{
		out->covercap = w->n;
		out->cover = CoreRealloc(out->cover, w->n * sizeof(uint16_t));
	}
	memset(out->cover, 0, w->n * sizeof(uint16_t));
	for (size_t h = 0; h < out->n; h++)
	{
		const EscRule *rule = &rs->rules[out->v[h].rule];

		if (rule->severity == 0)
			for (uint32_t k = 0; k < rule->nwords; k++)
				out->cover[out->v[h].start + k] |= (uint16_t) (1u << rule->reason);
	}
	for (size_t h = 0; h < out->n; h++)
	{
		const EscHit *hit = &out->v[h];
		const EscRule *rule = &rs->rules[hit->rule];
		bool		fire = rule->severity > 0 && !negated(w, hit->start);

		for (uint32_t k = 0; k < rule->nwords && fire; k++)
			if (out->cover[hit->start + k] & (1u << rule->reason))
				fire = false;
		if (fire)
			out->v[keep++] = *hit;
		if ((h & 4095) == 4095)
			CoreCheckInterrupts();
	}
	out->n = keep;
}

/* ---------------------------------------------------------------------------
 * similarity of two messages
 * ------------------------------------------------------------------------- */

static const char *const stopwords[] = {
	"the", "and", "you", "your", "for", "are", "was", "this", "that", "with", "have",
	"has", "but", "can", "i'm", "it's", "please", "any", "from", "hi", "hello", "thanks"
};

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a;
	uint32_t	y = *(const uint32_t *) b;

	return (x > y) - (x < y);
}

size_t
EscWordHashes(const EscWords *w, size_t from, size_t to, uint32_t *out)
{
	size_t		n = 0,
				m = 0;

	for (size_t i = from; i < to && i < w->n; i++)
	{
		const char *s = w->buf + w->off[i];
		uint32_t	h = 2166136261u;
		bool		stop = false;

		if (w->len[i] < 3)
			continue;
		for (size_t k = 0; k < sizeof(stopwords) / sizeof(stopwords[0]) && !stop; k++)
			stop = strlen(stopwords[k]) == w->len[i] && memcmp(stopwords[k], s, w->len[i]) == 0;
		if (stop)
			continue;
		for (uint32_t k = 0; k < w->len[i]; k++)
		{
			h ^= (unsigned char) s[k];
			h *= 16777619u;
		}
		out[n++] = h;
	}
	if (n > 1)
		qsort(out, n, sizeof(uint32_t), u32_cmp);
	for (size_t i = 0; i < n; i++)
		if (m == 0 || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

double
EscJaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t		i = 0,
				j = 0,
				common = 0;

	if (na + nb == 0)
		return 0.0;
	while (i < na && j < nb)
	{
		if (a[i] == b[j])
		{
			common++;
			i++;
			j++;
		}
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return (double) common / (double) (na + nb - common);
}
