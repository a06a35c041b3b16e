/*
 * featurize.c
 *	  Training driver: print the learned scorer's features of each input line, exactly as
 *	  src/model/learned.c computes them, for tools/train_en.py.
 *
 *	  featurize < texts      (one text per line; \\, \t, \n, \r escapes as COPY text)
 *	  Output, one line per text: "kind:index:value" items separated by spaces (value %.17g,
 *	  unscaled: the script applies the kind scales itself), of every kind but character
 *	  trigrams, also of the kinds the compiled model gives no weight (LearnedCollectAll).
 *
 *	  featurize --check < texts   (test/t/301_learned_core.sh) prints, per text, the polarity
 *	  score, the sum of the collected contributions, the compound and the confidence, and
 *	  exits 1 when a sum differs from the score by more than 1e-9 or a score changes when the
 *	  text is scored again.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learned.h"
#include "line_unescape.h"
#include "scorer.h"

int
main(int argc, char **argv)
{
	bool		check = argc > 1 && strcmp(argv[1], "--check") == 0;
	int			bad = 0;
	const SentimentConfig *cfg = SentimentConfigFind("en");
	ScoreWorkspace ws;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;

	if (cfg == NULL || cfg->model == NULL)
	{
		fprintf(stderr, "featurize: no learned 'en' configuration\n");
		return 2;
	}
	memset(&ws, 0, sizeof(ws));
	/* training: the features of every kind, also those the compiled model does not use */
	LearnedCollectAll = !check;
	while ((len = getline(&line, &cap, stdin)) >= 0)
	{
		size_t		o;

		if (len > 0 && line[len - 1] == '\n')
			len--;
		o = line_unescape(line, (size_t) len);
		if (check)
		{
			SentimentScores r,
						r2;
			double		conf,
						sum = 0.0;
			double		score = LearnedScore(cfg, line, o, &ws, &r, &conf, true);

			for (size_t k = 0; k < ws.learned->nfeat; k++)
			{
				char		name[128];

				sum += ws.learned->feat[k].contribution;
				/* every feature has a name (sentiment_explain) */
				if (LearnedFeatureName(ws.learned, &ws.learned->feat[k], name, sizeof(name)) == 0)
					bad = 1;
			}
			/* again, without collecting: the fast path must give the same numbers */
			ScorerScore(cfg, line, o, &ws, &r2);
			printf("%.17g\t%.17g\t%.4f\t%.6f\n", score, sum, r.compound, conf);
			if (fabs(sum - score) > 1e-9 || r.compound != r2.compound || r.neg != r2.neg ||
				conf < 0.0 || conf > 1.0)
				bad = 1;
			ScoreWorkspaceTrim(&ws);
			continue;
		}
		LearnedScore(cfg, line, o, &ws, NULL, NULL, true);
		for (size_t k = 0; k < ws.learned->nfeat; k++)
		{
			const LearnedFeature *f = &ws.learned->feat[k];

			printf("%s%d:%u:%.17g", k ? " " : "", f->kind, f->index, f->value);
		}
		putchar('\n');
		ScoreWorkspaceTrim(&ws);
	}
	ScoreWorkspaceFree(&ws);
	free(line);
	return bad;
}
