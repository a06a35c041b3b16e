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

/*
 * Word i of w is a negation.  Asked only for the words just before a match (see negated()),
 * not for every word of every message.
 */
bool
EscWordIsNegator(const EscWords *w, size_t i)
{
	const char *s = w->buf + w->off[i];
	size_t		len = w->len[i];

	if (w->flags[i] & ESCW_LANG)	/* another language's negations (language/negation.c) */
		return (w->flags[i] & ESCW_NEGATOR) != 0;
	for (size_t k = 0; k < sizeof(negators) / sizeof(negators[0]); k++)
		if (negators[k][0] == s[0] && strlen(negators[k]) == len && memcmp(negators[k], s, len) == 0)
			return true;
	return false;
}

/* FNV-1a over a word's bytes (LEXICON_HASH_* in lexicon.h), then a final mix so that the low bits (the slot in the
 * matcher's word table) depend on every byte */
#define WORD_HASH_INIT LEXICON_HASH_INIT
#define WORD_HASH_STEP(h, c) LEXICON_HASH_STEP(h, c)

static inline uint32_t
word_hash_finish(uint32_t h)
{
	h ^= h >> 15;
	h *= 0x2C1B3C6Du;
	h ^= h >> 12;
	return h;
}

static inline uint32_t
word_hash(const char *s, size_t len)
{
	uint32_t	h = WORD_HASH_INIT;

	for (size_t i = 0; i < len; i++)
		h = WORD_HASH_STEP(h, s[i]);
	return word_hash_finish(h);
}

uint32_t
EscWordHash(const char *s, size_t len)
{
	return word_hash(s, len);
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
		w->hash = CoreRealloc(w->hash, cap * sizeof(uint32_t));
		w->cap = cap;
	}
	CoreGrowArray((void **) &w->buf, &w->bufcap, nbytes, 1, 256);
}

/*
 * The words the tokenizer kept (TokenList.keep_words): lower-cased as below, so only copied,
 * and hashed already (the word hash is the lexicon's FNV-1a, finished)
 */
static void
words_from_kept(const TokenList *tl, EscWords *w)
{
	ensure_words(w, tl->ntokens, tl->wordslen + 1);
	if (tl->wordslen > 0)		/* an empty text: words may be NULL */
		memcpy(w->buf, tl->words, tl->wordslen);
	w->buflen = tl->wordslen;
	for (size_t i = 0; i < tl->ntokens; i++)
	{
		w->off[i] = tl->word_off[i];
		w->len[i] = tl->word_len[i];
		w->hash[i] = word_hash_finish(tl->word_hash[i]);
		w->flags[i] = (tl->tokens[i].flags & TOK_CLAUSE_END) ? ESCW_CLAUSE_END : 0;
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	w->n = tl->ntokens;
}

void
EscWordsFromTokens(const TokenList *tl, EscWords *w)
{
	size_t		bytes = 0;

	if (tl->words_valid)
	{
		words_from_kept(tl, w);
		return;
	}

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
		uint32_t	h = WORD_HASH_INIT;

		while (j < t->len)
		{
			if (s[j] < 0x80)
			{
				unsigned char c = s[j++];

				c = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
				w->buf[w->buflen++] = (char) c;
				h = WORD_HASH_STEP(h, c);
			}
			else
			{
				utf8proc_int32_t cp;
				utf8proc_ssize_t n = utf8proc_iterate(s + j, (utf8proc_ssize_t) (t->len - j), &cp);

				size_t		from = w->buflen;

				if (n <= 0)
				{
					/* not valid UTF-8 (cannot happen after the SQL edge): copy the byte */
					w->buf[w->buflen++] = (char) s[j++];
					n = 0;
				}
				else if (cp == 0x2019)
					w->buf[w->buflen++] = '\'';
				else
					w->buflen += utf8proc_encode_char(utf8proc_tolower(cp),
													  (utf8proc_uint8_t *) w->buf + w->buflen);
				j += n;
				for (; from < w->buflen; from++)
					h = WORD_HASH_STEP(h, w->buf[from]);
			}
		}
		w->hash[w->n] = word_hash_finish(h);
		w->off[w->n] = (uint32_t) start;
		w->len[w->n] = (uint32_t) (w->buflen - start);
		w->buf[w->buflen++] = '\0';
		w->flags[w->n] = (t->flags & TOK_CLAUSE_END) ? ESCW_CLAUSE_END : 0;
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
	CoreFree(w->hash);
	memset(w, 0, sizeof(*w));
}

void
EscHitsFree(EscHits *h)
{
	CoreFree(h->v);
	CoreFree(h->cover);
	CoreFree(h->ids);
	memset(h, 0, sizeof(*h));
}

/* ---------------------------------------------------------------------------
 * rules: sorting and the index
 * ------------------------------------------------------------------------- */

uint64_t	EscMatchSteps = 0;

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

#define WORD_LEN_BIT(len) ((len) < 63 ? (len) : 63)

static inline uint32_t
edge_hash(uint32_t parent, uint32_t word)
{
	uint64_t	k = ((uint64_t) parent << 32 | word) * 0x9E3779B97F4A7C15ull;

	return (uint32_t) (k >> 32);
}

static uint32_t
table_size(size_t n)
{
	uint32_t	size = 16;

	while (size < 2 * n)
		size *= 2;
	return size;
}

/* id (index of its first occurrence in rs->words) of the word (s, len), or -1 */
static inline int64_t
dict_find(const EscRuleSet *rs, const char *s, size_t len, uint32_t hash)
{
	const EscIndex *ix = &rs->index;
	uint32_t	slot = hash & ix->dictmask;

	for (;; slot = (slot + 1) & ix->dictmask)
	{
		EscDictSlot d = ix->dict[slot];

		if (d.word == 0)
			return -1;
		if (d.hash == hash && rs->wordlens[d.word - 1] == len &&
			LexiconKeysEqual(rs->words[d.word - 1], s, len))
			return d.word - 1;
	}
}

/* child of parent along word, or 0 if none */
static inline uint32_t
edge_find(const EscIndex *ix, uint32_t parent, uint32_t word)
{
	uint32_t	slot = edge_hash(parent, word) & ix->edgemask;

	for (;; slot = (slot + 1) & ix->edgemask)
	{
		uint32_t	child = ix->edge_child[slot];

		if (child == 0)
			return 0;
		if (ix->edge_key_parent[slot] == parent && ix->edge_key_word[slot] == word)
			return child;
	}
}

static void
edge_add(EscIndex *ix, uint32_t parent, uint32_t word, uint32_t child)
{
	uint32_t	slot = edge_hash(parent, word) & ix->edgemask;

	while (ix->edge_child[slot] != 0)
		slot = (slot + 1) & ix->edgemask;
	ix->edge_key_parent[slot] = parent;
	ix->edge_key_word[slot] = word;
	ix->edge_child[slot] = child;
}

void
EscRuleSetFreeIndex(EscRuleSet *rs)
{
	EscIndex   *ix = &rs->index;

	CoreFree(ix->dict);
	CoreFree(ix->root_child);
	CoreFree(ix->edge_key_parent);
	CoreFree(ix->edge_key_word);
	CoreFree(ix->edge_child);
	CoreFree(ix->node_first);
	CoreFree(ix->node_rules);
	memset(ix, 0, sizeof(*ix));
}

void
EscRuleSetSort(EscRuleSet *rs)
{
	EscIndex   *ix = &rs->index;
	size_t		total = 0;
	uint32_t   *end_node;

	sort_set = rs;
	if (rs->nrules > 1)
		qsort(rs->rules, rs->nrules, sizeof(EscRule), rule_cmp);
	sort_set = NULL;

	memset(ix, 0, sizeof(*ix));
	for (size_t r = 0; r < rs->nrules; r++)
		total += rs->rules[r].nwords;

	/* the distinct words */
	ix->dictmask = table_size(total) - 1;
	ix->dict = CoreAlloc((size_t) (ix->dictmask + 1) * sizeof(EscDictSlot));
	memset(ix->dict, 0, (size_t) (ix->dictmask + 1) * sizeof(EscDictSlot));
	for (size_t r = 0; r < rs->nrules; r++)
		for (uint32_t k = 0; k < rs->rules[r].nwords; k++)
		{
			uint32_t	wi = rs->rules[r].first + k;
			uint32_t	hash = word_hash(rs->words[wi], rs->wordlens[wi]);
			uint32_t	slot = hash & ix->dictmask;

			ix->lenmask[(unsigned char) rs->words[wi][0]] |= (uint64_t) 1 << WORD_LEN_BIT(rs->wordlens[wi]);
			for (;; slot = (slot + 1) & ix->dictmask)
			{
				uint32_t	e = ix->dict[slot].word;

				if (e == 0)
				{
					ix->dict[slot].word = wi + 1;
					ix->dict[slot].hash = hash;
					break;
				}
				if (rs->wordlens[e - 1] == rs->wordlens[wi] &&
					memcmp(rs->words[e - 1], rs->words[wi], rs->wordlens[wi]) == 0)
					break;
			}
		}

	/* the trie: node 0 is the root, one node per distinct phrase prefix */
	ix->edgemask = table_size(total) - 1;
	ix->edge_key_parent = CoreAlloc((size_t) (ix->edgemask + 1) * sizeof(uint32_t));
	ix->edge_key_word = CoreAlloc((size_t) (ix->edgemask + 1) * sizeof(uint32_t));
	ix->edge_child = CoreAlloc((size_t) (ix->edgemask + 1) * sizeof(uint32_t));
	memset(ix->edge_child, 0, (size_t) (ix->edgemask + 1) * sizeof(uint32_t));
	end_node = CoreAlloc((rs->nrules ? rs->nrules : 1) * sizeof(uint32_t));
	ix->nnodes = 1;
	{
		size_t		nids = 1;

		for (size_t r = 0; r < rs->nrules; r++)
			if (rs->rules[r].first + rs->rules[r].nwords > nids)
				nids = rs->rules[r].first + rs->rules[r].nwords;
		ix->root_child = CoreAlloc(nids * sizeof(uint32_t));
		memset(ix->root_child, 0, nids * sizeof(uint32_t));
	}
	for (size_t r = 0; r < rs->nrules; r++)
	{
		const EscRule *rule = &rs->rules[r];
		uint32_t	node = 0;

		for (uint32_t k = 0; k < rule->nwords; k++)
		{
			uint32_t	wi = rule->first + k;
			uint32_t	id = (uint32_t) dict_find(rs, rs->words[wi], rs->wordlens[wi],
												  word_hash(rs->words[wi], rs->wordlens[wi]));
			uint32_t	child = edge_find(ix, node, id);

			if (child == 0)
			{
				child = ix->nnodes++;
				edge_add(ix, node, id, child);
				if (node == 0)
					ix->root_child[id] = child;
			}
			node = child;
		}
		end_node[r] = node;
		if (rule->nwords > ix->maxdepth)
			ix->maxdepth = rule->nwords;
		if ((r & 4095) == 4095)
			CoreCheckInterrupts();
	}

	/* rules per node, in rule order */
	ix->node_first = CoreAlloc(((size_t) ix->nnodes + 1) * sizeof(uint32_t));
	memset(ix->node_first, 0, ((size_t) ix->nnodes + 1) * sizeof(uint32_t));
	ix->node_rules = CoreAlloc((rs->nrules ? rs->nrules : 1) * sizeof(uint32_t));
	for (size_t r = 0; r < rs->nrules; r++)
		ix->node_first[end_node[r] + 1]++;
	for (uint32_t n = 0; n < ix->nnodes; n++)
		ix->node_first[n + 1] += ix->node_first[n];
	for (size_t r = 0; r < rs->nrules; r++)
		ix->node_rules[ix->node_first[end_node[r]]++] = (uint32_t) r;
	/* the fill advanced each start to the next node's start: shift back */
	for (uint32_t n = ix->nnodes; n > 0; n--)
		ix->node_first[n] = ix->node_first[n - 1];
	ix->node_first[0] = 0;
	CoreFree(end_node);
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
		if (EscWordIsNegator(w, j))
			return true;
	}
	return false;
}

void
EscMatch(const EscRuleSet *rs, const EscWords *w, EscHits *out)
{
	const EscIndex *ix = &rs->index;
	size_t		keep = 0;
	bool		exceptions = false;
	uint64_t	steps = 0;

	out->n = 0;
	if (rs->nrules == 0 || w->n == 0)
		return;

	/* each message word looked up once: its rule word id + 1, or 0 if no rule has it */
	CoreGrowArray((void **) &out->ids, &out->idscap, w->n, sizeof(uint32_t), 64);
	for (size_t i = 0; i < w->n; i++)
	{
		const char *word = w->buf + w->off[i];

		out->ids[i] = 0;
		if (ix->lenmask[(unsigned char) word[0]] & ((uint64_t) 1 << WORD_LEN_BIT(w->len[i])))
			out->ids[i] = (uint32_t) (dict_find(rs, word, w->len[i], w->hash[i]) + 1);
		if ((i & 4095) == 4095)
			CoreCheckInterrupts();
	}
	steps += w->n;

	/*
	 * Every match of every rule, exceptions included: from each word, walk the trie while
	 * the words continue a phrase.  The hits of one start are reported longest phrase first
	 * and, within a phrase, in rule order (the order of the sorted rules).
	 */
	for (size_t i = 0; i < w->n; i++)
	{
		uint32_t	node = 0;
		size_t		seg = out->n;

		for (size_t k = i; k < w->n && out->ids[k] != 0; k++)
		{
			steps++;
			/* the first step is a direct look-up: most words start no phrase */
			node = (k == i) ? ix->root_child[out->ids[k] - 1] : edge_find(ix, node, out->ids[k] - 1);
			if (node == 0)
				break;
			/* pushed in reverse, the segment is reversed below */
			for (uint32_t j = ix->node_first[node + 1]; j > ix->node_first[node]; j--)
				push_hit(out, ix->node_rules[j - 1], (uint32_t) i);
		}
		for (size_t a = seg, b = out->n; a + 1 < b; a++, b--)
		{
			EscHit		tmp = out->v[a];

			out->v[a] = out->v[b - 1];
			out->v[b - 1] = tmp;
		}
		if ((i & 1023) == 1023)
			CoreCheckInterrupts();
	}
	EscMatchSteps += steps;

	if (out->n == 0)
		return;

	/*
	 * Drop negated matches and matches overlapping an exception of their reason.  The
	 * exceptions are first painted onto the words (one bit per reason), so this is linear
	 * in the total length of the matches, whatever the number of exceptions.
	 */
	for (size_t h = 0; h < out->n && !exceptions; h++)
		exceptions = rs->rules[out->v[h].rule].severity == 0;
	if (exceptions)
	{
		CoreGrowArray((void **) &out->cover, &out->covercap, w->n, sizeof(uint16_t), 64);
		memset(out->cover, 0, w->n * sizeof(uint16_t));
		for (size_t h = 0; h < out->n; h++)
		{
			const EscRule *rule = &rs->rules[out->v[h].rule];

			if (rule->severity == 0)
				for (uint32_t k = 0; k < rule->nwords; k++)
					out->cover[out->v[h].start + k] |= (uint16_t) (1u << rule->reason);
		}
	}
	for (size_t h = 0; h < out->n; h++)
	{
		const EscHit *hit = &out->v[h];
		const EscRule *rule = &rs->rules[hit->rule];
		bool		fire = rule->severity > 0 && !negated(w, hit->start);

		for (uint32_t k = 0; k < rule->nwords && fire && exceptions; k++)
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
