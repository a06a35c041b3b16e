/*
 * langmodel.h
 *	  A learned layer over a language configuration's lexicon score (pure C): multinomial
 *	  logistic regression on features of the lexicon pass (compound, valence sums, lexicon
 *	  class, emoji, negation, '!' and '?') and on hashed normalised words, trained by
 *	  tools/train_lang_model.py on the UMSAB train split of the language, combined with the
 *	  lexicon's own class by a confidence gate.
 */
#ifndef PGE_LANGMODEL_H
#define PGE_LANGMODEL_H

#include "scorer.h"

#define LM_DENSE	14			/* see LangModelFeatures() in langmodel.c */
#define LM_BUCKETS	4096		/* hashed word features (a power of two) */
#define LM_FEATURES	(LM_DENSE + LM_BUCKETS)
#define LM_CLASSES	3			/* negative, neutral, positive */
#define LM_WORD_MAX	64			/* bytes of a normalised word that are hashed */

typedef struct LangModel
{
	const float *weights;		/* LM_FEATURES x LM_CLASSES, feature-major */
	/*
	 * The gate: the model's class replaces the lexicon's class only when the model gives it
	 * a probability at least this much above the lexicon class's (0: always the model).
	 */
	double		gate;
} LangModel;

/* called once per feature of a text (a hashed word may come more than once) */
typedef void (*LangModelEmit) (void *arg, uint32_t feature, double value);

/*
 * The features of the text scored into ws, whose lexicon compound is lexicon_compound
 * (ws->valence and ws->rules as the lexicon pass left them).  Exported for the training
 * driver test/core/lang_features.c, so training and scoring share one definition.
 */
extern void LangModelFeatures(const ScoreWorkspace *ws, double lexicon_compound,
							  LangModelEmit emit, void *arg);

/*
 * The combined compound: the class chosen by the model and the gate decides the side of the
 * ±0.05 thresholds; when it is the lexicon's class the lexicon compound is returned, else
 * p(pos) - p(neg) gives the strength (a neutral answer stays within ±0.049).
 */
extern double LangModelCompound(const LangModel *m, const ScoreWorkspace *ws,
								double lexicon_compound);

#endif							/* PGE_LANGMODEL_H */
