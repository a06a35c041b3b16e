/*
 * langmodel.h
 *	  A learned layer over a language configuration's lexicon score (pure C): multinomial
 *	  logistic regression on the lexicon compound and hashed words, trained by
 *	  tools/train_lang_model.py on the UMSAB train split of the language.
 */
#ifndef PGE_LANGMODEL_H
#define PGE_LANGMODEL_H

#include "tokenizer.h"

#define LM_DENSE	4			/* bias, positive compound, negative compound, '!' present */
#define LM_BUCKETS	4096		/* hashed word features (a power of two) */
#define LM_FEATURES	(LM_DENSE + LM_BUCKETS)
#define LM_CLASSES	3			/* negative, neutral, positive */

typedef struct LangModel
{
	const float *weights;		/* LM_FEATURES x LM_CLASSES, feature-major */
} LangModel;

/* the bucket of token i of tl: FNV-1a of the token, ASCII letters lower-cased */
extern uint32_t LangModelBucket(const TokenList *tl, size_t i);

/*
 * The model's compound for a text whose lexicon compound is lexicon_compound: the class with
 * the highest probability decides the side of the ±0.05 thresholds, and p(pos) - p(neg) the
 * strength (a neutral answer stays within ±0.049).
 */
extern double LangModelCompound(const LangModel *m, const TokenList *tl, double lexicon_compound);

#endif							/* PGE_LANGMODEL_H */
