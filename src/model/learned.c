/*
 * learned.c
 *	  The learned scorer (see learned.h): features, score, probabilities, coverage.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core_env.h"
#include "learned.h"
#include "lexicon_words.h"
#include "scorer.h"
#include "words.h"

const char *const LearnedKindNames[LF_NKINDS] = {
	"word", "negated_word", "bigram", "chars", "rules", "bias", "after_but"
};

bool		LearnedCollectAll = false;

const char *const LearnedDenseNames[LEARNED_NDENSE] = {
	"rules:compound", "rules:pos", "rules:neg", "has:!", "has:?", "has:CAPS",
	"log_words", "has:negation", "has:but", "has:emoji"
};

#define CHAR_WORD_MAX	24		/* longer words (URLs, hashes) get no character trigrams */

uint32_t
LearnedHashIndex(uint32_t hash, uint32_t bits)
{
	return (uint32_t) (hash * 2654435761u) >> (32 - bits);
}

/*
 * A feature's hash from a 32-bit key and the feature kind's salt: a multiply-xorshift mix
 * (murmur3's finaliser steps), so word pairs and character trigrams are hashed from numbers
 * (the words' hashes, the trigram's three bytes) instead of from their bytes again.
 */
static inline uint32_t
feature_hash(uint32_t key, uint32_t salt)
{
	uint32_t	h = key ^ (salt * 0x9E3779B1u);

	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	h *= 0xC2B2AE35u;
	h ^= h >> 16;
	return h;
}

/* the feature of a word after "but" (negated or not), from the word's hash */
static inline uint32_t
after_hash(uint32_t h, bool neg)
{
	return feature_hash(h, neg ? 'A' : 'a');
}

/* a word's hash (FNV-1a of its normalised bytes) */
static inline uint32_t
word_hash(const LearnedWorkspace *lw, size_t i)
{
	return LexiconHash(lw->buf + lw->woff[i], lw->wlen[i]);
}

/* ---------------------------------------------------------------------------
 * words: the tokenizer's tokens, normalised, with negation scopes
 * ------------------------------------------------------------------------- */

static LearnedWorkspace *
learned_workspace(ScoreWorkspace *ws)
{
	if (ws->learned == NULL)
	{
		ws->learned = CoreAlloc(sizeof(LearnedWorkspace));
		memset(ws->learned, 0, sizeof(LearnedWorkspace));
	}
	return ws->learned;
}

/* room for n words */
static void
ensure_words(LearnedWorkspace *lw, size_t n)
{
	if (n > lw->wcap)
	{
		size_t		cap = CoreGrowCapacity(lw->wcap, n, 64);

		lw->woff = CoreRealloc(lw->woff, cap * sizeof(uint32_t));
		lw->wlen = CoreRealloc(lw->wlen, cap * sizeof(uint32_t));
		lw->wneg = CoreRealloc(lw->wneg, cap);
		lw->wafter = CoreRealloc(lw->wafter, cap);
		lw->wcap = cap;
	}
}

static void
build_words(LearnedWorkspace *lw, const TokenList *tl, bool *has_negation, bool *has_emoji,
			bool *has_but)
{
	size_t		n = tl->ntokens;
	size_t		need = tl->textlen + (TEXT_WORD_EXTRA + 1) * n + 8;
	size_t		pos = 0;
	bool		scope = false,
				after = false;

	CoreGrowArray((void **) &lw->buf, &lw->bufcap, need, 1, 256);
	ensure_words(lw, n);
	*has_negation = *has_emoji = *has_but = false;
	for (size_t i = 0; i < n; i++)
	{
		const Token *t = &tl->tokens[i];
		size_t		len = TextNormaliseWord(tl->text + t->off, t->len, lw->buf + pos);
		bool		negation = TextTokenNegates(t);

		lw->woff[i] = (uint32_t) pos;
		lw->wlen[i] = (uint32_t) len;
		lw->wneg[i] = scope && !negation;
		lw->wafter[i] = after;
		pos += len;
		lw->buf[pos++] = '\0';
		after |= t->word_id == WID_BUT;
		*has_negation |= negation;
		*has_emoji |= (t->flags & TOK_EMOJI) != 0;
		*has_but |= t->word_id == WID_BUT;
		scope = TextScopeAfter(t, scope);
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	lw->nwords = n;
}

/* ---------------------------------------------------------------------------
 * scoring without collecting: no word copies, the weights prefetched
 * ------------------------------------------------------------------------- */

#if defined(__GNUC__)
#define PREFETCH(p)		__builtin_prefetch(p)
#else
#define PREFETCH(p)		((void) 0)
#endif

/*
 * Token t's word hash, word_hash() of what build_words() would write.  The tokenizer's
 * look-up key of a TOK_ASCII_WORD token is the token lower-cased, and Token.hash its hash;
 * that is also the normalised word when TextNormaliseWord strips nothing (no punctuation at
 * either end, so no '@' in front either), reads no link ("http...") and squeezes no run
 * (three equal bytes, compared here with bit 0x20 set, which can only join more bytes); it
 * has a letter, so it is no number.  Then the tokenizer's hash serves; any other token is
 * hashed from its bytes.
 */
static inline uint32_t
token_word_hash(const TokenList *tl, const Token *t, bool *reused)
{
	const unsigned char *s = (const unsigned char *) tl->text + t->off;
	size_t		len = t->len;

	*reused = false;
	if ((t->flags & TOK_ASCII_WORD) && !TextAsciiPunctTable[s[0]] && !TextAsciiPunctTable[s[len - 1]] &&
		!(len > 4 && (s[0] | 0x20) == 'h'))
	{
		size_t		k;

		for (k = 2; k < len; k++)
		{
			unsigned	c = s[k] | 0x20u;

			if (c == (s[k - 1] | 0x20u) && c == (s[k - 2] | 0x20u))
				break;
		}
		if (k >= len)
		{
			*reused = true;
			return t->hash;
		}
	}
	return TextNormalisedHash((const char *) s, len);
}

uint32_t
LearnedWordHash(const TokenList *tl, size_t i, bool *reused)
{
	return token_word_hash(tl, &tl->tokens[i], reused);
}

/*
 * The weight indexes of every word's and word pair's feature (in lw->widx, lw->bidx), their
 * weights prefetched, and the flags build_words() sets, in one pass over the tokens.  Words
 * after the first "but" (lw->wafter) are those from *first_after on (a "but" closes no
 * "after"); only they get an lw->aidx.
 */
static void
feature_indexes(const LearnedModel *m, LearnedWorkspace *lw, const TokenList *tl,
				bool *has_negation, bool *has_emoji, bool *has_but, size_t *first_after)
{
	size_t		n = tl->ntokens;
	uint32_t	bits = m->hash_bits;
	uint32_t	prev = 0;
	uint32_t	flags = 0,
				lexflags = 0;
	size_t		after_from = n;
	bool		scope = false,
				but = m->scale[LF_AFTERBUT] != 0.0;

	if (n > lw->icap)
	{
		size_t		cap = CoreGrowCapacity(lw->icap, n, 64);

		lw->widx = CoreRealloc(lw->widx, cap * sizeof(uint32_t));
		lw->bidx = CoreRealloc(lw->bidx, cap * sizeof(uint32_t));
		lw->aidx = CoreRealloc(lw->aidx, cap * sizeof(uint32_t));
		lw->icap = cap;
	}
	ensure_words(lw, n);
	for (size_t i = 0; i < n; i++)
	{
		const Token *t = &tl->tokens[i];
		/* TextTokenNegates() and TextScopeAfter() without branches */
		bool		negation = ((t->lexflags & LEX_NEGATE) != 0) | ((t->flags & TOK_NT) != 0);
		bool		is_but = t->word_id == WID_BUT;
		bool		neg = scope & !negation;
		bool		reused;
		uint32_t	h = token_word_hash(tl, t, &reused);
		uint32_t	k;

		lw->wneg[i] = neg;
		k = LearnedHashIndex(feature_hash(h, neg ? 'n' : 'w'), bits);
		lw->widx[i] = k;
		PREFETCH(m->weights + 2 * (size_t) k);
		if (i > 0)
		{
			k = LearnedHashIndex(feature_hash(feature_hash(prev, 'b') ^ h, 'B'), bits);
			lw->bidx[i] = k;
			PREFETCH(m->weights + 2 * (size_t) k);
		}
		if (but && i > after_from)
		{
			k = LearnedHashIndex(after_hash(h, neg), bits);
			lw->aidx[i] = k;
			PREFETCH(m->weights + 2 * (size_t) k);
		}
		if (is_but && after_from == n)
			after_from = i;
		prev = h;
		flags |= t->flags;
		lexflags |= t->lexflags;
		scope = (scope | negation) & !(((t->flags & TOK_CLAUSE_END) != 0) | is_but);
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	/* TextTokenNegates() of some token, and whether some token is an emoji or "but" */
	*has_negation = (lexflags & LEX_NEGATE) || (flags & TOK_NT);
	*has_emoji = (flags & TOK_EMOJI) != 0;
	*has_but = after_from < n;
	*first_after = after_from + 1;
	lw->nwords = n;
}

/* ---------------------------------------------------------------------------
 * features
 * ------------------------------------------------------------------------- */

typedef struct Acc
{
	const LearnedModel *m;
	LearnedWorkspace *lw;
	bool		collect;
	double		zp;				/* positive logit */
	double		zn;				/* negative logit */
	double		lf;				/* the hashed features' value: the length factor */
} Acc;

static void
collect(Acc *acc, uint8_t kind, uint32_t index, uint32_t word, uint16_t off, double value,
		double contribution)
{
	LearnedWorkspace *lw = acc->lw;
	LearnedFeature *f;

	CoreGrowArray((void **) &lw->feat, &lw->featcap, lw->nfeat + 1, sizeof(LearnedFeature), 64);
	f = &lw->feat[lw->nfeat++];
	f->kind = kind;
	f->index = index;
	f->word = word;
	f->off = off;
	f->value = value;
	f->contribution = contribution;
}

/* a dense feature or the bias: weights from the model's small arrays */
static inline void
add_dense(Acc *acc, uint8_t kind, uint32_t index, double value)
{
	const double *w = kind == LF_DENSE ? acc->m->dense[index] : acc->m->bias;

	acc->zp += w[0] * value;
	acc->zn += w[1] * value;
	if (acc->collect)
		collect(acc, kind, index, 0, 0, value, (w[0] - w[1]) * value);
}

/*
 * one occurrence of a hashed feature (value: the length factor, 1 in a model without one): its
 * two weights, side by side in the table, times its kind's scale and the value
 */
static inline void
add_hashed(Acc *acc, uint8_t kind, uint32_t hash, uint32_t word, uint16_t off)
{
	uint32_t	index = LearnedHashIndex(hash, acc->m->hash_bits);
	const float *w = acc->m->weights + 2 * (size_t) index;
	double		scale = acc->m->scale[kind] * acc->lf;
	double		wp = (double) w[0] * scale,
				wn = (double) w[1] * scale;

	acc->zp += wp;
	acc->zn += wn;
	if (acc->collect)
		collect(acc, kind, index, word, off, acc->lf, wp - wn);
}

/*
 * The value of every hashed feature of a text of n words: (10 / n) ^ length_power (1 for
 * length_power 0), so that a long text does not sum many more word weights than a short one.
 * The training driver (LearnedCollectAll) gets 1: the trainer applies the factor itself.
 */
static inline double
length_factor(const LearnedModel *m, size_t n)
{
	double		x = 10.0 / (double) (n > 1 ? n : 1);

	if (m->length_power == 0.0 || LearnedCollectAll)
		return 1.0;
	/* the fourth root (the power of the trained model) without pow()'s cost */
	if (m->length_power == 0.25)
		return sqrt(sqrt(x));
	return pow(x, m->length_power);
}

/* the features of word i; *prev carries the previous word's hash for the word pair */
static void
word_features(Acc *acc, size_t i, uint32_t *prev)
{
	const LearnedWorkspace *lw = acc->lw;
	const unsigned char *w = (const unsigned char *) lw->buf + lw->woff[i];
	size_t		len = lw->wlen[i];
	uint8_t		kind = lw->wneg[i] ? LF_NEGWORD : LF_WORD;
	uint32_t	h = word_hash(lw, i);

	add_hashed(acc, kind, feature_hash(h, kind == LF_WORD ? 'w' : 'n'), (uint32_t) i, 0);
	if (i > 0)
		add_hashed(acc, LF_BIGRAM, feature_hash(feature_hash(*prev, 'b') ^ h, 'B'),
				   (uint32_t) i, 0);
	/* training collects the kinds the compiled model does not use too */
	if (lw->wafter[i] && (acc->m->scale[LF_AFTERBUT] != 0.0 || (acc->collect && LearnedCollectAll)))
		add_hashed(acc, LF_AFTERBUT, after_hash(h, lw->wneg[i]), (uint32_t) i, 0);
	*prev = h;
	/* a model trained without character trigrams (scale 0) skips them: they add nothing */
	if (len >= 2 && len <= CHAR_WORD_MAX && w[0] != '0' && acc->m->scale[LF_CHAR] != 0.0)
	{
		/* the trigrams of "<word>", each packed into an integer: bytes k, k+1, k+2 */
		uint32_t	t = ((uint32_t) '<' << 8) | w[0];

		for (size_t k = 1; k <= len; k++)
		{
			t = ((t << 8) | (k < len ? w[k] : '>')) & 0xFFFFFFu;
			add_hashed(acc, LF_CHAR, feature_hash(t, 'c'), (uint32_t) i, (uint16_t) (k - 1));
		}
	}
}

/*
 * The compound score from the class probabilities: d = P(positive) - P(negative), inside
 * (-0.05, 0.05) exactly when neutral is the most probable class.
 */
double
LearnedCompound(double pneg, double pneu, double ppos)
{
	double		d = ppos - pneg;

	if (pneu >= ppos && pneu >= pneg)
		return 0.05 * d;
	return d < 0 ? -0.05 + 0.95 * d : 0.05 + 0.95 * d;
}

/* log(1 + n), from a table for small n (the values log() gives, computed on first use) */
static inline double
log1p_count(size_t n)
{
	static double table[64];	/* 0: not computed yet (log(1 + n) > 0 for n > 0) */

	if (n == 0 || n >= 64)
		return log(1.0 + (double) n);
	if (table[n] == 0.0)
		table[n] = log(1.0 + (double) n);
	return table[n];
}

/* LearnedScore; with compound_only, out gets the compound alone (neg, neu, pos unset) */
static inline double
learned_score(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws,
			  SentimentScores *out, double *confidence, bool collect, bool compound_only)
{
	const LearnedModel *m = cfg->model;
	LearnedWorkspace *lw = learned_workspace(ws);
	const TokenList *tl = &ws->tokens;
	SentimentScores r;
	Acc			acc;
	uint32_t	prev = 0;
	size_t		first_after = 0;
	double		x[LEARNED_NDENSE];
	bool		has_negation,
				has_emoji,
				has_but,
				fast;
	double		pneg,
				ppos,
				pneu,
				zmax,
				ep,
				en,
				e0,
				sum;

	/* 'en': the rules of 'en-rules' */
	TokenizerRun(SentimentConfigRules(cfg), text, len, &ws->tokens);
	lw->nfeat = 0;
	/* a model trained without character trigrams (scale 0) needs no word copies to score */
	fast = !collect && m->scale[LF_CHAR] == 0.0 && tl->ntokens > 0;
	/* the weights' indexes first: their loads run while the rules score */
	if (fast)
		feature_indexes(m, lw, tl, &has_negation, &has_emoji, &has_but, &first_after);
	ScorerScoreTokens(SentimentConfigRules(cfg), ws, &r);
	if (tl->ntokens == 0)
	{
		/* like the lexicon configurations: an empty or blank text scores (0, 0, 0, 0) */
		if (out)
			out->neg = out->neu = out->pos = out->compound = 0.0;
		if (confidence)
			*confidence = 0.0;
		return 0.0;
	}
	if (!fast)
		build_words(lw, tl, &has_negation, &has_emoji, &has_but);

	acc.m = m;
	acc.lw = lw;
	acc.collect = collect;
	acc.zp = acc.zn = 0.0;
	acc.lf = length_factor(m, tl->ntokens);
	lw->nfeat = 0;

	x[LD_COMPOUND] = r.compound;
	x[LD_POS] = r.pos;
	x[LD_NEG] = r.neg;
	x[LD_EXCLAIM] = tl->n_exclaim > 0;
	x[LD_QUESTION] = tl->n_question > 0;
	x[LD_CAPS] = tl->cap_differential;
	x[LD_LENGTH] = log1p_count(tl->ntokens);
	x[LD_NEGATION] = has_negation;
	x[LD_BUT] = has_but;
	x[LD_EMOJI] = has_emoji;

	add_dense(&acc, LF_BIAS, 0, 1.0);
	for (int k = 0; k < LEARNED_NDENSE; k++)
		add_dense(&acc, LF_DENSE, (uint32_t) k, x[k]);
	if (fast)
	{
		/*
		 * add_hashed()'s sums, in word_features()' order: word i, then pair (i - 1, i), then
		 * word i after "but" (from first_after on)
		 */
		const float *weights = m->weights;
		double		lf = acc.lf;
		double		sw = m->scale[LF_WORD] * lf,
					sn = m->scale[LF_NEGWORD] * lf,
					sb = m->scale[LF_BIGRAM] * lf,
					sa = m->scale[LF_AFTERBUT] * lf;
		size_t		nw = lw->nwords;
		double		wscale[2] = {sw, sn};	/* by lw->wneg[i] */
		size_t		after = sa != 0.0 ? first_after : nw;
		const float *w;

		/* word 0: no pair, never after "but" */
		w = weights + 2 * (size_t) lw->widx[0];
		acc.zp += (double) w[0] * wscale[lw->wneg[0]];
		acc.zn += (double) w[1] * wscale[lw->wneg[0]];
		for (size_t from = 1; from < nw; from += 65536)
		{
			size_t		to = nw - from > 65536 ? from + 65536 : nw;

			for (size_t i = from; i < to; i++)
			{
				double		scale = wscale[lw->wneg[i]];

				w = weights + 2 * (size_t) lw->widx[i];
				acc.zp += (double) w[0] * scale;
				acc.zn += (double) w[1] * scale;
				w = weights + 2 * (size_t) lw->bidx[i];
				acc.zp += (double) w[0] * sb;
				acc.zn += (double) w[1] * sb;
				if (i >= after)
				{
					w = weights + 2 * (size_t) lw->aidx[i];
					acc.zp += (double) w[0] * sa;
					acc.zn += (double) w[1] * sa;
				}
			}
			CoreCheckInterrupts();
		}
	}
	else
	{
		for (size_t i = 0; i < lw->nwords; i++)
		{
			word_features(&acc, i, &prev);
			if ((i & 16383) == 16383)
				CoreCheckInterrupts();
		}
	}

	/* softmax(zp, 0, zn), shifted by the largest logit */
	zmax = fmax(0.0, fmax(acc.zp, acc.zn));
	/* the largest logit's term is exp(0) = 1: one exp() call fewer */
	ep = acc.zp == zmax ? 1.0 : exp(acc.zp - zmax);
	en = acc.zn == zmax ? 1.0 : exp(acc.zn - zmax);
	e0 = zmax == 0.0 ? 1.0 : exp(-zmax);
	sum = ep + en + e0;
	ppos = ep / sum;
	pneg = en / sum;
	pneu = e0 / sum;
	if (out)
	{
		if (!compound_only)
		{
			out->neg = ScorerRound(pneg, 3);
			out->neu = ScorerRound(pneu, 3);
			out->pos = ScorerRound(ppos, 3);
		}
		out->compound = ScorerRound(LearnedCompound(pneg, pneu, ppos), 4);
	}
	if (confidence)
		*confidence = fmax(pneu, fmax(ppos, pneg));
	return acc.zp - acc.zn;
}

double
LearnedScore(const SentimentConfig *cfg, const char *text, size_t len,
			 ScoreWorkspace *ws, SentimentScores *out, double *confidence, bool collect)
{
	return learned_score(cfg, text, len, ws, out, confidence, collect, false);
}

double
LearnedScoreCompound(const SentimentConfig *cfg, const char *text, size_t len,
					 ScoreWorkspace *ws)
{
	SentimentScores r;

	learned_score(cfg, text, len, ws, &r, NULL, false, true);
	return r.compound;
}

double
LearnedCoverage(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	const LearnedModel *m = cfg->model;
	LearnedWorkspace *lw = learned_workspace(ws);
	bool		has_negation,
				has_emoji,
				has_but;
	size_t		known = 0;

	TokenizerRun(cfg, text, len, &ws->tokens);
	build_words(lw, &ws->tokens, &has_negation, &has_emoji, &has_but);
	if (lw->nwords == 0)
		return 0.0;
	for (size_t i = 0; i < lw->nwords; i++)
	{
		uint32_t	k = LearnedHashIndex(feature_hash(word_hash(lw, i), 'w'), m->hash_bits);

		if (m->weights[2 * k] != 0.0f || m->weights[2 * k + 1] != 0.0f)
			known++;
	}
	return (double) known / (double) lw->nwords;
}

size_t
LearnedFeatureName(const LearnedWorkspace *lw, const LearnedFeature *f, char *out,
				   size_t outsize)
{
	const char *w = "";
	int			wl = 0;
	int			n;

	/* words exist only for word features (a text without words has dense features alone) */
	if (LF_HASHED(f->kind))
	{
		w = lw->buf + lw->woff[f->word];
		wl = (int) lw->wlen[f->word];
	}

	switch (f->kind)
	{
		case LF_WORD:
			n = snprintf(out, outsize, "%.*s", wl, w);
			break;
		case LF_NEGWORD:
			n = snprintf(out, outsize, "NOT:%.*s", wl, w);
			break;
		case LF_BIGRAM:
			n = snprintf(out, outsize, "%.*s %.*s", (int) lw->wlen[f->word - 1],
						 lw->buf + lw->woff[f->word - 1], wl, w);
			break;
		case LF_CHAR:
			{
				/* bytes, not characters: non-ASCII bytes as \xNN, so the name is valid text */
				char		padded[CHAR_WORD_MAX + 2];
				char		tri[16];
				size_t		t = 0;

				padded[0] = '<';
				memcpy(padded + 1, w, wl);
				padded[wl + 1] = '>';
				for (int k = 0; k < 3; k++)
				{
					unsigned char c = (unsigned char) padded[f->off + k];

					if (c < 0x80)
						tri[t++] = (char) c;
					else
						t += snprintf(tri + t, sizeof(tri) - t, "\\x%02x", c);
				}
				n = snprintf(out, outsize, "chars:%.*s", (int) t, tri);
			}
			break;
		case LF_AFTERBUT:
			n = snprintf(out, outsize, "BUT:%s%.*s", lw->wneg[f->word] ? "NOT:" : "", wl, w);
			break;
		case LF_DENSE:
			n = snprintf(out, outsize, "%s", LearnedDenseNames[f->index]);
			break;
		default:
			n = snprintf(out, outsize, "(bias)");
			break;
	}
	return n < 0 ? 0 : (size_t) n;
}

void
LearnedWorkspaceTrim(LearnedWorkspace *lw)
{
	if (lw->bufcap > (1 << 20) || lw->wcap > 65536 || lw->icap > 65536 || lw->featcap > 65536)
	{
		LearnedWorkspaceFree(lw);
	}
}

void
LearnedWorkspaceFree(LearnedWorkspace *lw)
{
	CoreFree(lw->buf);
	CoreFree(lw->woff);
	CoreFree(lw->wlen);
	CoreFree(lw->wneg);
	CoreFree(lw->wafter);
	CoreFree(lw->aidx);
	CoreFree(lw->widx);
	CoreFree(lw->bidx);
	CoreFree(lw->feat);
	memset(lw, 0, sizeof(*lw));
}
