/*
 * lang_features.c
 *	  Stand-alone driver for tools/train_lang_model.py: for each input line, the features of
 *	  the learned layer as the scorer computes them (LangModelFeatures in langmodel.c), from a
 *	  lexicon-only configuration: "compound<TAB>feature:value feature:value ...".
 *
 *	  lang_features CONFIG < texts      (one text per line)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "langmodel.h"
#include "scorer.h"

static void
print_feature(void *arg, uint32_t feature, double value)
{
	bool	   *first = (bool *) arg;

	if (value != 0.0)
	{
		printf("%s%u:%.17g", *first ? "" : " ", feature, value);
		*first = false;
	}
}

int
main(int argc, char **argv)
{
	const SentimentConfig *cfg;
	ScoreWorkspace ws;
	SentimentScores s;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;

	if (argc != 2 || (cfg = SentimentConfigFind(argv[1])) == NULL || cfg->lang_model != NULL)
	{
		fprintf(stderr, "usage: lang_features LEXICON-ONLY-CONFIG < lines\n");
		return 2;
	}
	memset(&ws, 0, sizeof(ws));
	while ((len = getline(&line, &cap, stdin)) >= 0)
	{
		bool		first = true;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		ScorerScore(cfg, line, (size_t) len, &ws, &s);
		printf("%.17g\t", s.compound);
		LangModelFeatures(&ws, s.compound, print_feature, &first);
		printf("\n");
	}
	ScoreWorkspaceFree(&ws);
	free(line);
	return 0;
}
