/*
 * bench_core.c
 *	  Benchmark driver for the pure C core (tokenizer + lexicon + scorer), no SQL: loads
 *	  texts into memory, then scores them over and over on one core and prints the rate.
 *
 *	  bench_core CONFIG FILE [SECONDS] [COLUMN]
 *
 *	  CONFIG 'auto' detects each text's language and scores it with that language's
 *	  configuration ('en' when undetermined or without one), as sentiment_score(body, 'auto')
 *	  does with the default fallback; 'detect' only detects (the checksum sums the language
 *	  indexes).
 *
 *	  FILE has one text per line; with COLUMN = N (1-based) the text is everything from the
 *	  N-th tab-separated field on (3 for the VADER *_GroundTruth.txt corpora).  Prints one line:
 *	  "texts=<n> bytes=<mean> rate=<texts per second> cpu_rate=<texts per CPU second>
 *	  checksum=<sum of compounds per pass>" (cpu_rate counts the process's CPU time: less
 *	  dependent on other processes on a loaded machine).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "langid.h"
#include "scorer.h"

typedef enum Mode
{
	MODE_CONFIG, MODE_AUTO, MODE_DETECT
} Mode;

/* score (or for 'detect', detect) one text */
static double
run_one(Mode mode, const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	SentimentScores r;

	if (mode != MODE_CONFIG)
	{
		LangidResult lr;
		const SentimentConfig *found = NULL;

		LangidDetect(text, len, LANGID_ALL, &lr);
		if (mode == MODE_DETECT)
			return lr.language;
		if (lr.language != LANGID_UND)
			found = SentimentConfigFind(LangidCode(lr.language));
		if (found)
			cfg = found;
	}
	ScorerScore(cfg, text, len, ws, &r);
	return r.compound;
}

static double
clock_seconds(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
now(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

int
main(int argc, char **argv)
{
	const SentimentConfig *cfg;
	double		seconds = argc > 3 ? atof(argv[3]) : 3.0;
	int			column = argc > 4 ? atoi(argv[4]) : 1;
	FILE	   *f;
	char	  **texts = NULL;
	size_t	   *lens = NULL;
	size_t		n = 0,
				cap = 0,
				bytes = 0;
	char	   *line = NULL;
	size_t		linecap = 0;
	ssize_t		len;
	ScoreWorkspace ws;
	double		start,
				elapsed,
				cpu_start,
				cpu,
				checksum = 0.0;
	size_t		scored = 0;
	Mode		mode = MODE_CONFIG;

	if (argc >= 3 && (strcmp(argv[1], "auto") == 0 || strcmp(argv[1], "detect") == 0))
		mode = strcmp(argv[1], "auto") == 0 ? MODE_AUTO : MODE_DETECT;
	if (argc < 3 || (cfg = SentimentConfigFind(mode == MODE_CONFIG ? argv[1] : "en")) == NULL)
	{
		fprintf(stderr, "usage: bench_core CONFIG FILE [SECONDS] [COLUMN]\n");
		return 2;
	}
	if ((f = fopen(argv[2], "r")) == NULL)
	{
		perror(argv[2]);
		return 1;
	}
	while ((len = getline(&line, &linecap, f)) >= 0)
	{
		char	   *s = line;

		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		for (int c = 1; c < column; c++)
		{
			char	   *tab = memchr(s, '\t', len);

			if (tab == NULL)
			{
				len = 0;
				break;
			}
			len -= tab + 1 - s;
			s = tab + 1;
		}
		if (len == 0)
			continue;
		if (n == cap)
		{
			cap = cap ? cap * 2 : 1024;
			texts = realloc(texts, cap * sizeof(char *));
			lens = realloc(lens, cap * sizeof(size_t));
		}
		texts[n] = malloc(len);
		memcpy(texts[n], s, len);
		lens[n] = len;
		bytes += len;
		n++;
	}
	fclose(f);
	if (n == 0)
	{
		fprintf(stderr, "bench_core: no texts in %s\n", argv[2]);
		return 1;
	}

	memset(&ws, 0, sizeof(ws));
	/* one warm-up pass (page faults, caches), then whole passes until the time is up */
	for (size_t i = 0; i < n; i++)
		run_one(mode, cfg, texts[i], lens[i], &ws);
	start = now();
	cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
	do
	{
		checksum = 0.0;
		for (size_t i = 0; i < n; i++)
			checksum += run_one(mode, cfg, texts[i], lens[i], &ws);
		scored += n;
		elapsed = now() - start;
	} while (elapsed < seconds);

	cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
	printf("texts=%zu bytes=%.1f rate=%.0f cpu_rate=%.0f checksum=%.4f\n",
		   n, (double) bytes / n, scored / elapsed, cpu > 0 ? scored / cpu : 0.0, checksum);
	ScoreWorkspaceFree(&ws);
	return 0;
}
