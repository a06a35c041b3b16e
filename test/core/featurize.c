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
 *	  featurize --marks FILE < texts   the same, and each hashed feature gets a fourth field: the
 *	  OR of the bits FILE gives its words ("word<TAB>bits" lines, words as normalised, e.g. the
 *	  customer-feedback topic terms: tools/train_en.py's topic prior), 0 when none.
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

/* --marks: words with bits, sorted for bsearch */
typedef struct Mark
{
	char	   *word;
	unsigned	bits;
} Mark;

static Mark *marks;
static size_t nmarks;

static int
mark_cmp(const void *a, const void *b)
{
	return strcmp(((const Mark *) a)->word, ((const Mark *) b)->word);
}

static void
read_marks(const char *path)
{
	FILE	   *fh = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0,
				mcap = 0;
	ssize_t		len;

	if (fh == NULL)
	{
		perror(path);
		exit(2);
	}
	while ((len = getline(&line, &cap, fh)) >= 0)
	{
		char	   *tab = strchr(line, '\t');

		if (tab == NULL)
			continue;
		*tab = '\0';
		if (nmarks == mcap)
		{
			mcap = mcap ? 2 * mcap : 256;
			marks = realloc(marks, mcap * sizeof(Mark));
			if (marks == NULL)
				exit(2);
		}
		marks[nmarks].word = strdup(line);
		marks[nmarks].bits = (unsigned) strtoul(tab + 1, NULL, 10);
		nmarks++;
	}
	free(line);
	fclose(fh);
	qsort(marks, nmarks, sizeof(Mark), mark_cmp);
}

/* the bits of word i of the collected text */
static unsigned
word_bits(const LearnedWorkspace *lw, size_t i)
{
	char		buf[256];
	size_t		n = lw->wlen[i];
	Mark		key = {buf, 0};
	const Mark *m;

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, lw->buf + lw->woff[i], n);
	buf[n] = '\0';
	m = bsearch(&key, marks, nmarks, sizeof(Mark), mark_cmp);
	return m ? m->bits : 0;
}

int
main(int argc, char **argv)
{
	bool		check = argc > 1 && strcmp(argv[1], "--check") == 0;
	bool		marked = argc > 2 && strcmp(argv[1], "--marks") == 0;
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
	if (marked)
		read_marks(argv[2]);
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
			if (marked && LF_HASHED(f->kind))
				printf(":%u", word_bits(ws.learned, f->word) |
					   (f->kind == LF_BIGRAM ? word_bits(ws.learned, f->word - 1) : 0));
		}
		putchar('\n');
		ScoreWorkspaceTrim(&ws);
	}
	ScoreWorkspaceFree(&ws);
	free(line);
	return bad;
}
