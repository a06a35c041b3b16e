/*
 * confidence.c
 *	  sentiment_confidence() and sentiment_coverage() for every configuration (see
 *	  confidence.h).
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "confidence.h"
#include "learned.h"
#include "scorer.h"

#define LABEL_THRESHOLD 0.05	/* sentiment_label()'s default thresholds */

const ConfidenceTable *
ConfidenceTableFor(const SentimentConfig *cfg)
{
	static const SentimentConfig *last_cfg = NULL;
	static const ConfidenceTable *last = NULL;
	const ConfidenceTable *found = NULL;

	if (cfg == last_cfg)
		return last;
	for (int i = 0; i < NumConfidenceTables && !found; i++)
		if (strcmp(ConfidenceTables[i].name, cfg->name) == 0)
			found = &ConfidenceTables[i];
	for (int i = 0; i < NumConfidenceTables && !found; i++)
		if (strcmp(ConfidenceTables[i].name, "*") == 0)
			found = &ConfidenceTables[i];
	last_cfg = cfg;
	last = found;
	return found;
}

/* the share of right labels at |compound| = x on one side: linear between bin means */
static double
interpolate(const double *at, const double *right, double x)
{
	if (x <= at[0])
		return right[0];
	for (int k = 1; k < CONF_NBINS; k++)
		if (x <= at[k])
			return right[k - 1] + (right[k] - right[k - 1]) * (x - at[k - 1]) / (at[k] - at[k - 1]);
	return right[CONF_NBINS - 1];
}

double
ConfidenceFromCompound(const SentimentConfig *cfg, double compound)
{
	const ConfidenceTable *t = ConfidenceTableFor(cfg);

	if (compound >= LABEL_THRESHOLD)
		return interpolate(t->at[1], t->right[1], compound);
	if (compound <= -LABEL_THRESHOLD)
		return interpolate(t->at[0], t->right[0], -compound);
	return t->neutral;
}

double
ScoreConfidence(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	if (cfg->model)
	{
		double		confidence;

		LearnedScore(cfg, text, len, ws, NULL, &confidence, false);
		return confidence;
	}
	return ConfidenceFromCompound(cfg, ScorerScoreCompound(cfg, text, len, ws));
}

double
ScoreCoverage(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	const TokenList *tl = &ws->tokens;
	bool		phrases = (cfg->options & SC_PHRASES_ANYWHERE) != 0;
	size_t		known = 0;

	if (cfg->model)
		return LearnedCoverage(cfg, text, len, ws);
	/* scoring tokenises and, with phrases anywhere, marks the words of phrases it rated */
	(void) ScorerScoreCompound(cfg, text, len, ws);
	if (tl->ntokens == 0)
		return 0.0;
	for (size_t i = 0; i < tl->ntokens; i++)
		if ((tl->tokens[i].lexflags & (LEX_VALENCE | LEX_NEGATE | LEX_BOOSTER | LEX_CONTRAST)) ||
			(phrases && ws->phrase_head[i] != -1))
			known++;
	return (double) known / (double) tl->ntokens;
}
