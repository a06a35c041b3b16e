/*
 * scorer.h
 *	  Tokens + lexicon -> sentiment scores, VADER 3.3.2's rules (pure C, no Datum).
 */
#ifndef PGE_SCORER_H
#define PGE_SCORER_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "tokenizer.h"

typedef struct SentimentScores
{
	double		neg;
	double		neu;
	double		pos;
	double		compound;
} SentimentScores;

/* rule bits recorded per token when tracing (sentiment_explain) */
#define RULE_LEXICON		0x0001	/* the token is a lexicon word */
#define RULE_NEGATION		0x0002	/* a negation within three words flipped and damped it */
#define RULE_BOOSTER		0x0004	/* a booster word before it intensified it */
#define RULE_DAMPENER		0x0008	/* a dampener word before it weakened it */
#define RULE_CAPS			0x0010	/* ALL CAPS emphasis (on it or on its booster) */
#define RULE_BUT_BEFORE		0x0020	/* halved: it stands before "but" */
#define RULE_BUT_AFTER		0x0040	/* x1.5: it stands after "but" */
#define RULE_IDIOM			0x0080	/* a special phrase or idiom set its value */
#define RULE_LEAST			0x0100	/* "least" before it negated it */
#define RULE_NO				0x0200	/* "no" rules: neutralised "no", or "no" before it */
#define RULE_INTENSIFIER	0x0400	/* "never so/this" (or VADER's so/this quirk) x1.25 */
#define RULE_EMOJI			0x0800	/* the token comes from an emoji's description */
#define RULE_PUNCTUATION	0x1000	/* the pseudo-token for ! and ? emphasis */
#define RULE_NGRAM_DAMPENER	0x2000	/* "kind of", "sort of", "just enough" */

#define RULE_COUNT 14
extern const char *const ScorerRuleNames[RULE_COUNT];	/* bit i -> name */

typedef struct ScoreWorkspace
{
	TokenList	tokens;
	double	   *valence;		/* per-token valence, after the "but" rule */
	uint32_t   *rules;			/* per-token RULE_* bits */
	double	   *base;			/* per-token lexicon (or phrase) value before the rules */
	int32_t    *phrase_head;	/* 'en' phrases: value index per token, -1 none, -2 member */
	size_t		cap;
	double		punct_amplifier;	/* ! and ? emphasis added to the raw sum */
	double		raw_sum;		/* sum of valences plus emphasis, before normalisation */
	struct LearnedWorkspace *learned;	/* learned configurations' scratch (src/model) */
} ScoreWorkspace;

extern void ScorerScore(const SentimentConfig *cfg, const char *text, size_t len,
						ScoreWorkspace *ws, SentimentScores *out);
/* the rule-based scores, also for a learned configuration (its rule features) */
extern void ScorerScoreRules(const SentimentConfig *cfg, const char *text, size_t len,
							 ScoreWorkspace *ws, SentimentScores *out);
/* ScorerScoreRules on the tokens TokenizerRun(cfg, ...) left in ws->tokens */
extern void ScorerScoreTokens(const SentimentConfig *cfg, ScoreWorkspace *ws,
							  SentimentScores *out);
/* the compound score alone (rounded to 4 places), as ScorerScore's compound */
extern double ScorerScoreCompound(const SentimentConfig *cfg, const char *text, size_t len,
								  ScoreWorkspace *ws);
extern void ScoreWorkspaceTrim(ScoreWorkspace *ws);
extern void ScoreWorkspaceFree(ScoreWorkspace *ws);

/* forget what the scorer remembers of cfg (a custom lexicon's copy about to be freed) */
extern void ScorerForgetConfig(const SentimentConfig *cfg);

/* Python round(x, ndigits): correctly rounded from the binary value, ties to even. */
extern double ScorerRoundExact(double x, int ndigits);

/*
 * ScorerRound(): ScorerRoundExact()'s fast path inline (the scorers round four values per
 * text), the same arithmetic; anything else, and a value near a half, goes to it.
 */
static inline double
ScorerRound(double x, int ndigits)
{
	double		scale,
				y,
				f,
				d,
				r;

	if (ndigits < 2 || ndigits > 4)
		return ScorerRoundExact(x, ndigits);
	scale = (ndigits == 3) ? 1000.0 : (ndigits == 4 ? 10000.0 : 100.0);
	y = x * scale;
	if (!(fabs(y) < 1e15))
		return ScorerRoundExact(x, ndigits);
	f = (double) (int64_t) y;
	if (f > y)
		f -= 1.0;
	d = y - f;
	if (!(fabs(d - 0.5) > 1e-6))
		return ScorerRoundExact(x, ndigits);
	r = (d < 0.5 ? f : f + 1.0) / scale;
	if (r == 0.0)
		r = copysign(0.0, x);
	return r;
}

/* the "but" rule exactly as VADER 3.3.2's list.index() loop (exported for tests) */
extern void ScorerButRuleVader(double *s, size_t n, size_t bi);

#endif							/* PGE_SCORER_H */
