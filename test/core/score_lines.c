/*
 * score_lines.c
 *	  Stand-alone driver: score each input line with the pure C core and print
 *	  "neg<TAB>neu<TAB>pos<TAB>compound<TAB>confidence<TAB>coverage" per line (%.17g).
 *	  Used by the core tests and tools/calibrate_confidence.py.
 *
 *	  score_lines CONFIG < texts      (one text per line; \\, \t, \n, \r escapes as COPY text)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confidence.h"
#include "line_unescape.h"
#include "scorer.h"

int
main(int argc, char **argv)
{
	const SentimentConfig *cfg;
	ScoreWorkspace ws;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;

	if (argc != 2 || (cfg = SentimentConfigFind(argv[1])) == NULL)
	{
		fprintf(stderr, "usage: score_lines CONFIG < lines\n");
		return 2;
	}
	memset(&ws, 0, sizeof(ws));
	if (getenv("PGE_CLEAR_OPTIONS"))
	{
		/* ablation: score with some 'en' fixes switched off */
		static SentimentConfig copy;

		copy = *cfg;
		copy.options &= ~(uint32_t) strtoul(getenv("PGE_CLEAR_OPTIONS"), NULL, 0);
		cfg = &copy;
	}
	while ((len = read_text_line(&line, &cap, stdin)) >= 0)
	{
		SentimentScores r;

		ScorerScore(cfg, line, (size_t) len, &ws, &r);
		printf("%.17g\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\n", r.neg, r.neu, r.pos, r.compound,
			   ScoreConfidence(cfg, line, (size_t) len, &ws),
			   ScoreCoverage(cfg, line, (size_t) len, &ws));
	}
	ScoreWorkspaceFree(&ws);
	free(line);
	return 0;
}
