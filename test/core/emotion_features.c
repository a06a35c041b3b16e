/*
 * emotion_features.c
 *	  Stand-alone driver for tools/train_emotion.py: for each input line, the emotion
 *	  features exactly as emotion.c computes them from the 'en' tokenisation, printed as
 *	  "key<TAB>value<TAB>key<TAB>value..." (one line per text, an empty line for none).
 *
 *	  emotion_features EMOJI_TSV < texts
 *
 *	  EMOJI_TSV has lines "code point (decimal)<TAB>class index<TAB>value" (the training
 *	  script writes it from data/model/emotion/emoji_classes.tsv), so the driver needs no
 *	  generated model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emotion.h"
#include "scorer.h"

static void
print_feature(void *arg, const char *key, size_t keylen, double value, int64_t index)
{
	bool	   *first = (bool *) arg;

	printf("%s%.*s\t%.9g", *first ? "" : "\t", (int) keylen, key, value);
	*first = false;
}

int
main(int argc, char **argv)
{
	static EmotionEmoji emoji[1024];
	static const uint32_t empty_slot[1] = {0};
	static const char nokeys[1] = "";
	EmotionModel model;
	const SentimentConfig *cfg = SentimentConfigFind("en");
	TokenList	tl;
	EmotionWorkspace ws;
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;
	unsigned	cp,
				cls;
	double		value;
	uint32_t	n = 0;

	if (argc != 2 || (f = fopen(argv[1], "r")) == NULL)
	{
		fprintf(stderr, "usage: emotion_features EMOJI_TSV < lines\n");
		return 2;
	}
	while (n < 1024 && fscanf(f, "%u\t%u\t%lf\n", &cp, &cls, &value) == 3)
	{
		emoji[n].cp = cp;
		emoji[n].cls = (uint8_t) cls;
		emoji[n].value = value;
		n++;
	}
	fclose(f);
	memset(&model, 0, sizeof(model));
	model.slots = empty_slot;
	model.mask = 0;
	model.keys = nokeys;
	model.emoji = emoji;
	model.nemoji = n;
	memset(&tl, 0, sizeof(tl));
	memset(&ws, 0, sizeof(ws));
	while ((len = getline(&line, &cap, stdin)) >= 0)
	{
		bool		first = true;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		TokenizerRun(cfg, line, (size_t) len, &tl);
		EmotionFeatures(&model, &tl, line, (size_t) len, &ws, print_feature, &first);
		printf("\n");
	}
	EmotionWorkspaceFree(&ws);
	TokenListFree(&tl);
	free(line);
	return 0;
}
