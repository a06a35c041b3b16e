/*
 * confidence.h
 *	  sentiment_confidence() and sentiment_coverage() for every configuration (pure C).
 *
 * Confidence is the estimated probability that the label sentiment_label() gives with its
 * default thresholds (+-0.05) is the right one:
 *	- a learned configuration ('en'): the probability of its most probable class;
 *	- a rule configuration: a calibration table over the compound (ConfidenceTable, generated
 *	  by tools/calibrate_confidence.py into confidence_data.c): the share of right labels
 *	  measured on labelled texts in each |compound| bin, per side (negative, neutral,
 *	  positive), made non-decreasing in |compound| and interpolated linearly between bins.
 * Coverage is the share of the text's words the configuration knows.
 */
#ifndef PGE_CONFIDENCE_H
#define PGE_CONFIDENCE_H

#include <stddef.h>

#include "lexicon.h"

#define CONF_NBINS		4		/* |compound| bins per side: [0.05, 0.25), ..., [0.75, 1] */

typedef struct ConfidenceTable
{
	const char *name;			/* configuration name; "*" for configurations without data */
	const char *source;			/* the labelled texts it was measured on */
	double		neutral;		/* share of right labels when |compound| < 0.05 */
	double		at[2][CONF_NBINS];	/* [0] negative, [1] positive side: mean |compound| per bin */
	double		right[2][CONF_NBINS];	/* share of right labels per bin (non-decreasing) */
} ConfidenceTable;

extern const ConfidenceTable ConfidenceTables[];
extern const int NumConfidenceTables;

struct ScoreWorkspace;

/* sentiment_confidence(): in [0, 1] */
extern double ScoreConfidence(const SentimentConfig *cfg, const char *text, size_t len,
							  struct ScoreWorkspace *ws);
/* a rule configuration's confidence for a compound score */
extern double ConfidenceFromCompound(const SentimentConfig *cfg, double compound);
/* the calibration table a rule configuration uses */
extern const ConfidenceTable *ConfidenceTableFor(const SentimentConfig *cfg);
/* sentiment_coverage(): the share of the text's words the configuration knows, in [0, 1] */
extern double ScoreCoverage(const SentimentConfig *cfg, const char *text, size_t len,
							struct ScoreWorkspace *ws);

#endif							/* PGE_CONFIDENCE_H */
