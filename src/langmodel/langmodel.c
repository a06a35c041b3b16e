/*
 * langmodel.c
 *	  The learned layer of the language configurations (pure C, see langmodel.h).
 */
#include <math.h>

#include "core_env.h"
#include "langmodel.h"

uint32_t
LangModelBucket(const TokenList *tl, size_t i)
{
	const unsigned char *s = (const unsigned char *) tl->text + tl->tokens[i].off;
	uint32_t	h = LEXICON_HASH_INIT;

	for (uint32_t k = 0; k < tl->tokens[i].len; k++)
	{
		unsigned char c = s[k];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = LEXICON_HASH_STEP(h, c);
	}
	return h & (LM_BUCKETS - 1);
}

double
LangModelCompound(const LangModel *m, const TokenList *tl, double lexicon_compound)
{
	double		z[LM_CLASSES];
	double		p[LM_CLASSES];
	double		zmax,
				sum = 0.0,
				d;
	int			best = 0;

	for (int c = 0; c < LM_CLASSES; c++)
	{
		const float *w = m->weights;

		z[c] = w[c] + w[LM_CLASSES + c] * fmax(lexicon_compound, 0.0) +
			w[2 * LM_CLASSES + c] * fmax(-lexicon_compound, 0.0) +
			w[3 * LM_CLASSES + c] * (tl->n_exclaim > 0);
	}
	for (size_t i = 0; i < tl->ntokens; i++)
	{
		/* the three weights of a feature are adjacent: one cache line per word */
		const float *w = m->weights + (size_t) (LM_DENSE + LangModelBucket(tl, i)) * LM_CLASSES;

		for (int c = 0; c < LM_CLASSES; c++)
			z[c] += w[c];
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	zmax = fmax(z[0], fmax(z[1], z[2]));
	for (int c = 0; c < LM_CLASSES; c++)
	{
		p[c] = exp(z[c] - zmax);
		sum += p[c];
		if (z[c] > z[best])
			best = c;
	}
	d = (p[2] - p[0]) / sum;
	if (best == 1)
		return 0.049 * d;
	if (best == 2)
		return 0.05 + 0.95 * fmax(d, 0.0);
	return -(0.05 + 0.95 * fmax(-d, 0.0));
}
