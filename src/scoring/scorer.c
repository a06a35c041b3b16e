/*
 * scorer.c
 *	  VADER 3.3.2's valence rules and aggregation (pure C, no Datum).
 *
 * The 'vader' configuration follows ../shared/docs/vader-3.3.2-spec.md (§6) operation by
 * operation, quirks included, because 95 reference proportions are exact binary ties: the
 * order of floating-point operations is part of the contract.  Build with
 * -ffp-contract=off (no fused multiply-add).  The 'en' fixes are switched on by
 * SentimentConfig.options bits and each is marked "SC_..." below.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_env.h"
#include "langmodel.h"
#include "learned.h"
#include "lexicon_words.h"
#include "scorer.h"

#define B_INCR		0.293
#define C_INCR		0.733
#define N_SCALAR	(-0.74)
#define NORM_ALPHA	15.0

/* the shortcuts for common tokens; off in the PGE_GENERAL_PATHS_ONLY test build (test 151) */
#ifdef PGE_GENERAL_PATHS_ONLY
#define FAST_PATHS 0
#else
#define FAST_PATHS 1
#endif

const char *const ScorerRuleNames[RULE_COUNT] = {
	"lexicon", "negation", "booster", "dampener", "caps", "but_before", "but_after",
	"idiom", "least", "no", "intensifier", "emoji", "punctuation", "ngram_dampener"
};

/* ---------------------------------------------------------------------------
 * workspace
 * ------------------------------------------------------------------------- */

static void
ensure_capacity(ScoreWorkspace *ws, size_t n)
{
	size_t		cap;

	if (n <= ws->cap)
		return;
	cap = CoreGrowCapacity(ws->cap, n, 64);
	ws->valence = CoreRealloc(ws->valence, cap * sizeof(double));
	ws->base = CoreRealloc(ws->base, cap * sizeof(double));
	ws->rules = CoreRealloc(ws->rules, cap * sizeof(uint32_t));
	ws->phrase_head = CoreRealloc(ws->phrase_head, cap * sizeof(int32_t));
	ws->cap = cap;
}

void
ScoreWorkspaceTrim(ScoreWorkspace *ws)
{
	TokenListTrim(&ws->tokens);
	if (ws->cap > 65536)
	{
		CoreFree(ws->valence);
		CoreFree(ws->base);
		CoreFree(ws->rules);
		CoreFree(ws->phrase_head);
		ws->valence = ws->base = NULL;
		ws->rules = NULL;
		ws->phrase_head = NULL;
		ws->cap = 0;
	}
	if (ws->learned)
		LearnedWorkspaceTrim(ws->learned);
}

void
ScoreWorkspaceFree(ScoreWorkspace *ws)
{
	TokenListFree(&ws->tokens);
	CoreFree(ws->valence);
	CoreFree(ws->base);
	CoreFree(ws->rules);
	CoreFree(ws->phrase_head);
	if (ws->learned)
	{
		LearnedWorkspaceFree(ws->learned);
		CoreFree(ws->learned);
	}
	memset(ws, 0, sizeof(*ws));
}

/* ---------------------------------------------------------------------------
 * rounding
 * ------------------------------------------------------------------------- */

/*
 * Python round(x, n) for n = 2, 3 or 4 (scales without pow()): the decimal nearest to the
 * exact binary value of x (ties to even), returned as the double nearest to that decimal.
 *
 * Fast path: scale, and when the scaled value is not within 1e-6 of a half, floor + 0.5
 * decides exactly (the scaling error is ~1e-13) and k / 10^n is correctly rounded by IEEE
 * division.  Near a half the binary value decides, so print it exactly rounded with glibc
 * (which rounds the exact binary value, ties to even) and read it back.
 */
double
ScorerRoundExact(double x, int ndigits)
{
	double		scale = (ndigits == 3) ? 1000.0 : (ndigits == 4 ? 10000.0 :
											 (ndigits == 2 ? 100.0 : pow(10.0, ndigits)));
	double		y = x * scale;
	double		f,
				d,
				r;

	if (fabs(y) < 1e15)
	{
		/* floor(y) without the libm call (exact: |y| < 2^63; -0.0 gives +0.0, see below) */
		f = (double) (int64_t) y;
		if (f > y)
			f -= 1.0;
		d = y - f;
		if (fabs(d - 0.5) > 1e-6)
		{
			r = (d < 0.5 ? f : f + 1.0) / scale;
			if (r == 0.0)
				r = copysign(0.0, x);	/* also the sign floor() would have kept */
			return r;
		}
	}
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "%.*f", ndigits, x);
		return strtod(buf, NULL);
	}
}

/* ---------------------------------------------------------------------------
 * the "but" rule
 * ------------------------------------------------------------------------- */

/*
 * VADER 3.3.2 does, for each position k in order:
 *		x = s[k]; j = s.index(x)  (first position whose current value equals x)
 *		s[j] = x * 0.5 if j < bi, x * 1.5 if j > bi
 * which touches the first equal element, not element k (spec Q7).  Done literally this is
 * quadratic; here it is exact and O(n log n):
 *	- zeros stay zero, so every zero x lands on the first zero position;
 *	- non-zero values: few of them -> scan the non-zero positions (j <= k always);
 *	  many -> a min-heap of positions per distinct current value.
 */
typedef struct ButBucket
{
	uint64_t	key;
	uint32_t   *heap;
	uint32_t	len;
	uint32_t	cap;
	int			used;
} ButBucket;

static inline uint64_t
double_key(double x)
{
	uint64_t	k;

	memcpy(&k, &x, sizeof(k));
	return k;
}

static ButBucket *
bucket_for(ButBucket *table, size_t mask, double x)
{
	uint64_t	key = double_key(x);
	size_t		h = (size_t) ((key ^ (key >> 29)) * 0x9E3779B97F4A7C15ull >> 20) & mask;

	for (;;)
	{
		ButBucket  *b = &table[h];

		if (!b->used)
		{
			b->used = 1;
			b->key = key;
			return b;
		}
		if (b->key == key)
			return b;
		h = (h + 1) & mask;
	}
}

static void
heap_push(ButBucket *b, uint32_t v)
{
	uint32_t	i;

	if (b->len == b->cap)
	{
		b->cap = b->cap ? b->cap * 2 : 4;
		b->heap = CoreRealloc(b->heap, b->cap * sizeof(uint32_t));
	}
	i = b->len++;
	while (i > 0 && b->heap[(i - 1) / 2] > v)
	{
		b->heap[i] = b->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	b->heap[i] = v;
}

static void
heap_pop(ButBucket *b)
{
	uint32_t	last = b->heap[--b->len];
	uint32_t	i = 0;

	for (;;)
	{
		uint32_t	c = 2 * i + 1;

		if (c >= b->len)
			break;
		if (c + 1 < b->len && b->heap[c + 1] < b->heap[c])
			c++;
		if (b->heap[c] >= last)
			break;
		b->heap[i] = b->heap[c];
		i = c;
	}
	if (b->len > 0)
		b->heap[i] = last;
}

#define BUT_SCAN_LIMIT 256

void
ScorerButRuleVader(double *s, size_t n, size_t bi)
{
	size_t		zero = (size_t) -1;
	size_t		nonzero = 0;
	size_t		k;

	for (k = 0; k < n; k++)
	{
		if (s[k] == 0.0)
		{
			if (zero == (size_t) -1)
				zero = k;
		}
		else
			nonzero++;
	}

	if (nonzero <= BUT_SCAN_LIMIT)
	{
		uint32_t	pos[BUT_SCAN_LIMIT];
		size_t		np = 0;

		for (k = 0; k < n; k++)
			if (s[k] != 0.0)
				pos[np++] = (uint32_t) k;
		for (k = 0; k < n; k++)
		{
			double		x = s[k];
			size_t		j;

			if (x == 0.0)
				j = zero;
			else
			{
				size_t		p = 0;

				while (s[pos[p]] != x)
					p++;
				j = pos[p];
			}
			if (j < bi)
				s[j] = x * 0.5;
			else if (j > bi)
				s[j] = x * 1.5;
		}
		return;
	}
	else
	{
		size_t		size = 16;
		ButBucket  *table;

		while (size < 4 * nonzero)
			size *= 2;
		table = CoreAlloc(size * sizeof(ButBucket));
		memset(table, 0, size * sizeof(ButBucket));
		for (k = 0; k < n; k++)
			if (s[k] != 0.0)
				heap_push(bucket_for(table, size - 1, s[k]), (uint32_t) k);
		for (k = 0; k < n; k++)
		{
			double		x = s[k];
			size_t		j;
			ButBucket  *b;
			double		y;

			if ((k & 65535) == 65535)
				CoreCheckInterrupts();
			if (x == 0.0)
			{
				if (zero < bi)
					s[zero] = x * 0.5;
				else if (zero > bi)
					s[zero] = x * 1.5;
				continue;
			}
			b = bucket_for(table, size - 1, x);
			j = b->heap[0];		/* the heap holds exactly the positions now equal to x */
			if (j == bi)
				continue;
			y = (j < bi) ? x * 0.5 : x * 1.5;
			s[j] = y;
			heap_pop(b);
			heap_push(bucket_for(table, size - 1, y), (uint32_t) j);
		}
		for (k = 0; k < size; k++)
			CoreFree(table[k].heap);
		CoreFree(table);
	}
}

/* ---------------------------------------------------------------------------
 * the valence rules
 * ------------------------------------------------------------------------- */

typedef struct Ctx
{
	const SentimentConfig *cfg;
	const Token *t;
	size_t		n;
	bool		capdiff;
	ScoreWorkspace *ws;
} Ctx;

static inline uint16_t
wid(const Ctx *c, size_t i)
{
	return c->t[i].word_id;
}

/* "in L": the token is a lexicon word (for 'en', a phrase head counts too) */
static inline bool
in_lexicon(const Ctx *c, size_t i)
{
	if (c->cfg->options & SC_PHRASES_ANYWHERE)
	{
		int32_t		ph = c->ws->phrase_head[i];

		if (ph >= 0)
			return true;
		if (ph == -2)
			return false;
	}
	return (c->t[i].lexflags & LEX_VALENCE) != 0;
}

static inline bool
is_booster(const Ctx *c, size_t i)
{
	if ((c->cfg->options & SC_PHRASES_ANYWHERE) && c->ws->phrase_head[i] == -2)
		return false;
	return (c->t[i].lexflags & LEX_BOOSTER) != 0;
}

static inline bool
negated(const Ctx *c, size_t i)
{
	return (c->t[i].flags & (TOK_NT | TOK_NEGATOR)) ||
		(c->t[i].lexflags & LEX_NEGATE);
}

/* the "but" rule's word: "but", or a language's contrastive conjunction */
static inline bool
is_contrast(const Ctx *c, size_t i)
{
	return wid(c, i) == WID_BUT || (c->t[i].lexflags & LEX_CONTRAST);
}

static inline bool
so_or_this(uint16_t w)
{
	return w == WID_SO || w == WID_THIS;
}

/* Do tokens [from, from + p->nwords) spell phrase p? */
static bool
phrase_at(const Ctx *c, const Phrase *p, long from)
{
	if (from < 0 || (size_t) from + p->nwords > c->n)
		return false;
	for (int w = 0; w < p->nwords; w++)
		if (wid(c, from + w) != p->ids[w])
			return false;
	return true;
}

static const Phrase *
find_phrase(const Ctx *c, const Phrase *list, int nlist, long from, int nwords)
{
	for (int p = 0; p < nlist; p++)
		if (list[p].nwords == nwords && phrase_at(c, &list[p], from))
			return &list[p];
	return NULL;
}

/* VADER's _special_idioms_check, run only at window distance 3 (spec §6.5 7c) */
static double
special_idioms_vader(const Ctx *c, size_t i, double v, uint32_t *rules)
{
	const SentimentConfig *cfg = c->cfg;
	static const struct
	{
		int			from;		/* offset from i */
		int			nwords;
	}			before[] = {{-1, 2}, {-2, 3}, {-2, 2}, {-3, 3}, {-3, 2}};
	const Phrase *p;

	if (!(cfg->options & SC_PHRASES_ANYWHERE))
	{
		for (size_t s = 0; s < lengthof(before); s++)
		{
			p = find_phrase(c, cfg->special, cfg->nspecial, (long) i + before[s].from, before[s].nwords);
			if (p)
			{
				v = p->value;
				*rules |= RULE_IDIOM;
				break;
			}
		}
		if (c->n - 1 > i && (p = find_phrase(c, cfg->special, cfg->nspecial, (long) i, 2)) != NULL)
		{
			v = p->value;
			*rules |= RULE_IDIOM;
		}
		if (c->n - 1 > i + 1 && (p = find_phrase(c, cfg->special, cfg->nspecial, (long) i, 3)) != NULL)
		{
			v = p->value;
			*rules |= RULE_IDIOM;
		}
	}
	if (!(cfg->options & SC_NGRAM_BOOSTER_FIX))
	{
		/* "kind of", "sort of", "just enough": added as they are (spec Q5) */
		static const struct
		{
			int			from;
			int			nwords;
		}			grams[] = {{-3, 3}, {-3, 2}, {-2, 2}};

		for (size_t s = 0; s < lengthof(grams); s++)
		{
			p = find_phrase(c, cfg->ngram_boosters, cfg->nngram_boosters,
							(long) i + grams[s].from, grams[s].nwords);
			if (p)
			{
				v = v + p->value;
				*rules |= RULE_NGRAM_DAMPENER;
			}
		}
	}
	return v;
}

/* VADER's _negation_check for window distance k (0, 1, 2) */
static double
negation_check(const Ctx *c, size_t i, int k, double v, uint32_t *rules)
{
	if (k == 0)
	{
		if (negated(c, i - 1))
		{
			v = v * N_SCALAR;
			*rules |= RULE_NEGATION;
		}
		else if ((c->cfg->options & SC_SO_THIS_FIX) && so_or_this(wid(c, i - 1)))
		{
			/*
			 * 'en': VADER's precedence bug intensifies a word right after "so"/"this" only
			 * when it stands 4th or later in the text; the intensification itself improves
			 * agreement with the human ratings, so 'en' applies it at every position.
			 */
			v = v * 1.25;
			*rules |= RULE_INTENSIFIER;
		}
	}
	else if (k == 1)
	{
		if (wid(c, i - 2) == WID_NEVER && so_or_this(wid(c, i - 1)))
		{
			v = v * 1.25;
			*rules |= RULE_INTENSIFIER;
		}
		else if (wid(c, i - 2) == WID_WITHOUT && wid(c, i - 1) == WID_DOUBT)
			;
		else if (negated(c, i - 2))
		{
			v = v * N_SCALAR;
			*rules |= RULE_NEGATION;
		}
	}
	else
	{
		bool		intens;

		if (c->cfg->options & SC_SO_THIS_FIX)
			intens = wid(c, i - 3) == WID_NEVER &&
				(so_or_this(wid(c, i - 2)) || so_or_this(wid(c, i - 1)));
		else					/* Python's `A and B or C` (spec Q1) */
			intens = (wid(c, i - 3) == WID_NEVER && so_or_this(wid(c, i - 2))) ||
				so_or_this(wid(c, i - 1));
		if (intens)
		{
			v = v * 1.25;
			*rules |= RULE_INTENSIFIER;
		}
		else if (wid(c, i - 3) == WID_WITHOUT &&
				 (wid(c, i - 2) == WID_DOUBT || wid(c, i - 1) == WID_DOUBT))
			;
		else if (negated(c, i - 3))
		{
			v = v * N_SCALAR;
			*rules |= RULE_NEGATION;
		}
	}
	return v;
}

/* 'en' (SC_NGRAM_BOOSTER_FIX): is token w the end of "kind of" / "sort of" / "just enough"? */
static const Phrase *
ngram_booster_ending_at(const Ctx *c, size_t w)
{
	uint16_t	last = wid(c, w);

	/* word ids start at 1 (tools/gen_lexicon.py): a token without one ends no phrase */
	if (FAST_PATHS && last == 0)
		return NULL;
	for (int p = 0; p < c->cfg->nngram_boosters; p++)
	{
		const Phrase *ph = &c->cfg->ngram_boosters[p];

		/* its last word first: it rarely matches */
		if ((!FAST_PATHS || ph->ids[ph->nwords - 1] == last) && phrase_at(c, ph, (long) w - ph->nwords + 1))
			return ph;
	}
	return NULL;
}

/*
 * Language configurations (LO_RULES): is word i negated?  Once, whatever the number of
 * negation words around it (French "ne ... pas", "n'est pas"): a negation word among the
 * reach tokens before it in its clause, a negating elision or compound on the word itself,
 * or (LO_NEG_AFTER) a negation within two words after it that no lexicon word follows in
 * the clause ("das gefällt mir nicht", "j'aime pas", "jag gillar inte").
 */
static bool
language_negated(const Ctx *c, size_t i, int reach)
{
	if (c->t[i].flags & (TOK_NEGATOR | TOK_SELF_NEG))
		return true;
	for (int k = 1; k <= reach; k++)
		if (negated(c, i - k))
			return true;
	if (!(c->cfg->lang_options & LO_NEG_AFTER) || (c->t[i].flags & TOK_CLAUSE_END))
		return false;
	for (size_t j = i + 1; j < c->n && j <= i + 2; j++)
	{
		if (in_lexicon(c, j))
			return false;
		if (negated(c, j))
		{
			/* the negation belongs to a lexicon word after it in its clause, if any */
			for (size_t m = j + 1; m < c->n && m <= j + 3; m++)
			{
				if (c->t[m - 1].flags & TOK_CLAUSE_END)
					break;
				if (in_lexicon(c, m))
					return false;
			}
			return true;
		}
		if (c->t[j].flags & TOK_CLAUSE_END)
			return false;
	}
	return false;
}

/* how many tokens before i are in i's clause, at most 3 */
static int
clause_reach(const Ctx *c, size_t i)
{
	int			reach = 0;

	while (reach < 3 && reach < (int) i && !(c->t[i - reach - 1].flags & TOK_CLAUSE_END))
		reach++;
	return reach;
}

static double
token_valence(const Ctx *c, size_t i, uint32_t *rules, double *base)
{
	const Token *t = c->t;
	double		v;
	bool		phrase = false;
	int			reach;
	size_t		at = i;			/* where the modifier window ends: a phrase's first word */

	*rules = 0;
	*base = 0.0;
	if (c->cfg->options & SC_PHRASES_ANYWHERE)
	{
		int32_t		ph = c->ws->phrase_head[i];

		if (ph == -2)
			return 0.0;
		if (ph >= 0)
		{
			v = c->cfg->phrases[ph].value;
			phrase = true;
			*rules |= RULE_IDIOM;
			/* the phrase's own words ("never arrived", "not working") do not modify it */
			at = i + 1 - (size_t) c->cfg->phrases[ph].nwords;
		}
	}
	if (!phrase)
	{
		/* boosters and the "kind" of "kind of" carry no valence themselves */
		if (is_booster(c, i))
			return 0.0;
		if (wid(c, i) == WID_KIND && i < c->n - 1 && wid(c, i + 1) == WID_OF)
			return 0.0;
		if (!in_lexicon(c, i))
			return 0.0;
		v = t[i].lex->valence;
		*rules |= RULE_LEXICON;
	}
	*base = v;
	if (t[i].flags & TOK_EMOJI)
		*rules |= RULE_EMOJI;

	/*
	 * 'en' (SC_CLAUSE_SCOPE): a modifier does not reach across a clause boundary, so
	 * "No, great service" or "so, it's good" are neither negated nor boosted.  reach is
	 * how many tokens before i are in the same clause (at most the 3-word window).
	 */
	reach = (c->cfg->options & SC_CLAUSE_SCOPE) ? clause_reach(c, at) : 3;

	if (!phrase)
	{
		/* "no" as a word vs "no" as the negation of the next lexicon word */
		if (wid(c, i) == WID_NO && i != c->n - 1 && in_lexicon(c, i + 1) &&
			!((c->cfg->options & SC_CLAUSE_SCOPE) && (t[i].flags & TOK_CLAUSE_END)))
		{
			v = 0.0;
			*rules |= RULE_NO;
		}
		if ((i > 0 && reach > 0 && wid(c, i - 1) == WID_NO) ||
			(i > 1 && reach > 1 && wid(c, i - 2) == WID_NO) ||
			(i > 2 && reach > 2 && wid(c, i - 3) == WID_NO &&
			 (wid(c, i - 1) == WID_OR || wid(c, i - 1) == WID_NOR)))
		{
			v = t[i].lex->valence * N_SCALAR;
			*rules |= RULE_NO;
		}
	}

	/* ALL CAPS emphasis; a valence of exactly 0 takes the negative branch (spec Q9) */
	if ((t[i].flags & TOK_UPPER) && c->capdiff)
	{
		if (v > 0)
			v += C_INCR;
		else
			v -= C_INCR;
		*rules |= RULE_CAPS;
	}

	for (int k = 0; k < 3; k++)
	{
		size_t		w;
		double		s = 0.0;

		if (at <= (size_t) k || k >= reach)
			break;
		w = at - k - 1;
		if (in_lexicon(c, w))
			continue;			/* a lexicon word blocks its window position (spec Q3) */
		if (is_booster(c, w))
		{
			s = t[w].lex->booster;
			if (v < 0)
				s *= -1;
			if ((t[w].flags & TOK_UPPER) && c->capdiff)
			{
				if (v > 0)
					s += C_INCR;
				else
					s -= C_INCR;
				*rules |= RULE_CAPS;
			}
			*rules |= (t[w].lex->booster > 0) ? RULE_BOOSTER : RULE_DAMPENER;
		}
		else if (c->cfg->options & SC_NGRAM_BOOSTER_FIX)
		{
			const Phrase *ph = ngram_booster_ending_at(c, w);

			if (ph)
			{
				s = ph->value;
				if (v < 0)
					s *= -1;
				*rules |= RULE_NGRAM_DAMPENER;
			}
		}
		if (k == 1 && s != 0)
			s = s * 0.95;
		if (k == 2 && s != 0)
			s = s * 0.9;
		v = v + s;
		if (c->cfg->lang_options & LO_RULES)
			continue;			/* negation once, below; no English idioms */
		v = negation_check(c, at, k, v, rules);
		if (k == 2)
			v = special_idioms_vader(c, at, v, rules);
	}

	if (c->cfg->lang_options & LO_RULES)
	{
		if (t[i].flags & TOK_SELF_BOOST)
		{
			v += (v > 0) ? B_INCR : -B_INCR;
			*rules |= RULE_BOOSTER;
		}
		if (language_negated(c, i, reach))
		{
			v = v * N_SCALAR;
			*rules |= RULE_NEGATION;
		}
		return v;
	}

	/* "least": "least X" negates X, "at least" / "very least" do not */
	if (reach < 1)
		return v;
	if (at > 1 && !in_lexicon(c, at - 1) && wid(c, at - 1) == WID_LEAST)
	{
		if (wid(c, at - 2) != WID_AT && wid(c, at - 2) != WID_VERY)
		{
			v = v * N_SCALAR;
			*rules |= RULE_LEAST;
		}
	}
	else if (at > 0 && !in_lexicon(c, at - 1) && wid(c, at - 1) == WID_LEAST)
	{
		v = v * N_SCALAR;
		*rules |= RULE_LEAST;
	}
	return v;
}

/*
 * Most tokens with a word id ("the", "no", "so", ...) start no phrase, and those that do
 * start few: the phrases are indexed by their first word id once per phrase list (the
 * last one asked for is remembered, 'en' and 'en-rules' share theirs; ScorerForgetConfig
 * drops it when a custom lexicon's copy is freed).  order[first[w] .. first[w + 1]) are the indexes of the phrases that
 * start with word id w, in list order, so the scan of one token visits only its own
 * candidates, in the order the scan over all phrases did; mask (bit w for ids below 64)
 * rejects most tokens without a memory access.
 */
typedef struct PhraseIndex
{
	const Phrase *phrases;
	int			nphrases;
	uint32_t	maxid;			/* largest first word id */
	uint64_t	mask;
	int32_t    *first;			/* maxid + 2 entries */
	int32_t    *order;
} PhraseIndex;

static PhraseIndex phrase_index;

void
ScorerForgetConfig(const SentimentConfig *cfg)
{
	if (phrase_index.phrases == cfg->phrases)
		phrase_index.phrases = NULL;
}

static const PhraseIndex *
phrase_index_for(const SentimentConfig *cfg)
{
	PhraseIndex *ix = &phrase_index;

	if (ix->phrases == cfg->phrases && ix->nphrases == cfg->nphrases && ix->phrases != NULL)
		return ix;
	CoreFree(ix->first);
	CoreFree(ix->order);
	memset(ix, 0, sizeof(*ix));
	for (int p = 0; p < cfg->nphrases; p++)
		if (cfg->phrases[p].ids[0] > ix->maxid)
			ix->maxid = cfg->phrases[p].ids[0];
	ix->first = CoreAlloc(((size_t) ix->maxid + 2) * sizeof(int32_t));
	memset(ix->first, 0, ((size_t) ix->maxid + 2) * sizeof(int32_t));
	ix->order = CoreAlloc(((size_t) cfg->nphrases + 1) * sizeof(int32_t));
	for (int p = 0; p < cfg->nphrases; p++)
	{
		uint16_t	w = cfg->phrases[p].ids[0];

		if (w < 64)
			ix->mask |= UINT64_C(1) << w;
		ix->first[w + 1]++;
	}
	for (uint32_t w = 0; w <= ix->maxid; w++)
		ix->first[w + 1] += ix->first[w];
	/* fill each bucket from its start, then shift the starts back */
	for (int p = 0; p < cfg->nphrases; p++)
		ix->order[ix->first[cfg->phrases[p].ids[0]]++] = p;
	for (uint32_t w = ix->maxid + 1; w > 0; w--)
		ix->first[w] = ix->first[w - 1];
	ix->first[0] = 0;
	ix->phrases = cfg->phrases;
	ix->nphrases = cfg->nphrases;
	return ix;
}

/* 'en': mark phrases wherever they occur; the last word carries the phrase's value */
static void
mark_phrases(const Ctx *c)
{
	int32_t    *ph = c->ws->phrase_head;
	size_t		i;
	const PhraseIndex *ix = phrase_index_for(c->cfg);

	for (i = 0; i < c->n; i++)
		ph[i] = -1;
	for (i = 0; i < c->n; i++)
	{
		const Phrase *best = NULL;
		int			bestidx = -1;
		uint16_t	w = wid(c, i);

		if (w == 0 || w > ix->maxid || (w < 64 && !(ix->mask & (UINT64_C(1) << w))))
			continue;
		for (int32_t k = ix->first[w]; k < ix->first[w + 1]; k++)
		{
			const Phrase *cand = &c->cfg->phrases[ix->order[k]];

			if (phrase_at(c, cand, (long) i) && (best == NULL || cand->nwords > best->nwords))
			{
				best = cand;
				bestidx = ix->order[k];
			}
		}
		if (best)
		{
			for (int w = 0; w < best->nwords - 1; w++)
				ph[i + w] = -2;
			ph[i + best->nwords - 1] = bestidx;
			i += best->nwords - 1;
		}
	}
}

/* ---------------------------------------------------------------------------
 * aggregation (score_valence)
 * ------------------------------------------------------------------------- */

static double
punctuation_amplifier(const TokenList *tl)
{
	int			ep = tl->n_exclaim > 4 ? 4 : tl->n_exclaim;
	double		ep_amp = ep * 0.292;
	double		qm_amp = 0.0;

	if (tl->n_question > 1)
	{
		if (tl->n_question <= 3)
			qm_amp = tl->n_question * 0.18;
		else
			qm_amp = 0.96;
	}
	return ep_amp + qm_amp;
}

/* ScorerScoreTokens' sums over the final valences (VADER's sift_sentiment_scores) */
typedef struct ValenceSums
{
	double		pos;			/* sum of s + 1 over s > 0 */
	double		neg;			/* sum of s - 1 over s < 0 */
	int64_t		neutral;		/* count of s = 0 */
} ValenceSums;

/*
 * Apply the valence rules to the tokens in ws->tokens: fills ws->valence and returns the
 * unrounded compound (0 for a text without tokens).  With sums, also ScorerScoreTokens' sums,
 * in the same loop as the compound's.
 */
static inline double
score_tokens(const SentimentConfig *cfg, ScoreWorkspace *ws, ValenceSums *sums)
{
	TokenList  *tl = &ws->tokens;
	Ctx			c;
	size_t		n,
				i;
	double		sum_s,
				amp,
				compound;
	size_t		bi = (size_t) -1;

	n = tl->ntokens;
	ws->punct_amplifier = 0.0;
	ws->raw_sum = 0.0;
	if (n == 0)
		return 0.0;
	ensure_capacity(ws, n);

	c.cfg = cfg;
	c.t = tl->tokens;
	c.n = n;
	c.capdiff = tl->cap_differential;
	c.ws = ws;

	if (cfg->options & SC_PHRASES_ANYWHERE)
		mark_phrases(&c);

	for (i = 0; i < n; i++)
	{
		/*
		 * Most tokens are no lexicon word and end no phrase: token_valence() would return
		 * 0 for them at its first tests, without a rule.
		 */
		if (FAST_PATHS && !(c.t[i].lexflags & LEX_VALENCE) &&
			(!(cfg->options & SC_PHRASES_ANYWHERE) || ws->phrase_head[i] < 0))
		{
			ws->valence[i] = 0.0;
			ws->rules[i] = 0;
			ws->base[i] = 0.0;
		}
		else
			ws->valence[i] = token_valence(&c, i, &ws->rules[i], &ws->base[i]);
		if (bi == (size_t) -1 && is_contrast(&c, i))
			bi = i;
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}

	if (bi != (size_t) -1)
	{
		if (cfg->options & SC_BUT_FIX)
		{
			/* 'en': what VADER means to do (spec Q7) */
			for (i = 0; i < n; i++)
			{
				if (i < bi)
					ws->valence[i] *= 0.5;
				else if (i > bi)
					ws->valence[i] *= 1.5;
			}
		}
		else
			ScorerButRuleVader(ws->valence, n, bi);
		for (i = 0; i < n; i++)
			if (ws->valence[i] != 0.0)
				ws->rules[i] |= (i < bi) ? RULE_BUT_BEFORE : (i > bi ? RULE_BUT_AFTER : 0);
	}

	/* plain left-to-right summation, as CPython 3.11's sum() (spec §6.9) */
	sum_s = 0.0;
	if (sums)
	{
		double		pos_sum = 0.0,
					neg_sum = 0.0;
		int64_t		neu_count = 0;

		for (i = 0; i < n; i++)
		{
			double		s = ws->valence[i];

			sum_s += s;
			if (s > 0)
				pos_sum += (s + 1);
			if (s < 0)
				neg_sum += (s - 1);
			if (s == 0)
				neu_count += 1;
		}
		sums->pos = pos_sum;
		sums->neg = neg_sum;
		sums->neutral = neu_count;
	}
	else
	{
		for (i = 0; i < n; i++)
			sum_s += ws->valence[i];
	}
	amp = punctuation_amplifier(tl);
	if (sum_s > 0)
		sum_s += amp;
	else if (sum_s < 0)
		sum_s -= amp;
	else
		amp = 0.0;
	ws->punct_amplifier = (sum_s > 0) ? amp : -amp;
	ws->raw_sum = sum_s;
	compound = sum_s / sqrt((sum_s * sum_s) + NORM_ALPHA);
	if (compound < -1.0)
		compound = -1.0;
	else if (compound > 1.0)
		compound = 1.0;
	if (cfg->lang_model)
		compound = LangModelCompound(cfg->lang_model, ws, compound);
	return compound;
}

/*
 * Tokenize and apply the valence rules (score_tokens).  ScorerScore adds the proportions;
 * sentiment_score() needs only the compound (ScorerScoreCompound), which saves the
 * proportions and three roundings.
 */
static double
score_valences(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	TokenizerRun(cfg, text, len, &ws->tokens);
	return score_tokens(cfg, ws, NULL);
}

double
ScorerScoreCompound(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	if (cfg->model)
		return LearnedScoreCompound(cfg, text, len, ws);
	return ScorerRound(score_valences(cfg, text, len, ws), 4);
}

void
ScorerScore(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws,
			SentimentScores *out)
{
	if (cfg->model)
		LearnedScore(cfg, text, len, ws, out, NULL, false);
	else
		ScorerScoreRules(cfg, text, len, ws, out);
}

void
ScorerScoreRules(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws,
				 SentimentScores *out)
{
	TokenizerRun(cfg, text, len, &ws->tokens);
	ScorerScoreTokens(cfg, ws, out);
}

void
ScorerScoreTokens(const SentimentConfig *cfg, ScoreWorkspace *ws, SentimentScores *out)
{
	TokenList  *tl = &ws->tokens;
	double		amp,
				pos_sum,
				neg_sum,
				total;
	int64_t		neu_count;
	ValenceSums sums;

	out->compound = score_tokens(cfg, ws, &sums);
	if (tl->ntokens == 0)
	{
		out->neg = out->neu = out->pos = out->compound = 0.0;
		return;
	}
	pos_sum = sums.pos;
	neg_sum = sums.neg;
	neu_count = sums.neutral;
	amp = punctuation_amplifier(tl);
	if (pos_sum > fabs(neg_sum))
		pos_sum += amp;
	else if (pos_sum < fabs(neg_sum))
		neg_sum -= amp;
	total = pos_sum + fabs(neg_sum) + (double) neu_count;
	out->pos = fabs(pos_sum / total);
	out->neg = fabs(neg_sum / total);
	out->neu = fabs((double) neu_count / total);

	out->neg = ScorerRound(out->neg, 3);
	out->neu = ScorerRound(out->neu, 3);
	out->pos = ScorerRound(out->pos, 3);
	out->compound = ScorerRound(out->compound, 4);
}
