/*
 * fuzz_scorer.c
 *	  libFuzzer target over the pure C core: any bytes, 'vader', 'en' and a language.  Built with
 *	  AddressSanitizer and UndefinedBehaviorSanitizer by test/t/006_core_fuzz.sh.  Besides
 *	  memory errors it checks the invariants every score must meet.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scorer.h"

static ScoreWorkspace ws;

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"vader", "en-rules", "en"};

	/* 'vader', 'en-rules', 'en' (learned), and one language configuration picked by the first byte */
	for (int c = 0; c < 4; c++)
	{
		const SentimentConfig *cfg = c < 3 ? SentimentConfigFind(names[c]) :
			SentimentConfigAt(NumSentimentConfigs +
							  (size > 0 ? data[0] : 0) % NumLanguageConfigs);
		SentimentScores r;
		double		compound;

		ScorerScore(cfg, (const char *) data, size, &ws, &r);
		if (!(r.compound >= -1.0 && r.compound <= 1.0) || !(r.neg >= 0 && r.neu >= 0 && r.pos >= 0))
			abort();
		if (ws.tokens.ntokens > 0 && fabs(r.neg + r.neu + r.pos - 1.0) > 0.0021)
			abort();
		for (size_t i = 0; i < ws.tokens.ntokens; i++)
			if (ws.tokens.tokens[i].len == 0 ||
				(size_t) ws.tokens.tokens[i].off + ws.tokens.tokens[i].len > ws.tokens.textlen)
				abort();
		compound = ScorerScoreCompound(cfg, (const char *) data, size, &ws);
		if (compound != r.compound)
			abort();
		ScoreWorkspaceTrim(&ws);
	}
	return 0;
}
