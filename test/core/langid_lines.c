/*
 * langid_lines.c
 *	  Stand-alone driver of the language detector (pure C core).
 *
 *	  langid_lines < LINES          each input line "gold<TAB>text" -> "gold<TAB>detected<TAB>
 *	                                confidence<TAB>characters<TAB>letters<TAB>script"
 *	  langid_lines --bench N < LINES  detect every text N times; prints texts per second
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "langid.h"

typedef struct Line
{
	char	   *gold;
	char	   *text;
} Line;

int
main(int argc, char **argv)
{
	int			reps = (argc > 2 && strcmp(argv[1], "--bench") == 0) ? atoi(argv[2]) : 0;
	size_t		cap = 1024,
				n = 0;
	Line	   *lines = malloc(cap * sizeof(Line));
	char	   *buf = NULL;
	size_t		bufcap = 0;
	ssize_t		got;

	while ((got = getline(&buf, &bufcap, stdin)) > 0)
	{
		char	   *tab;

		if (buf[got - 1] == '\n')
			buf[--got] = '\0';
		if (buf[0] == '#' || (tab = strchr(buf, '\t')) == NULL)
			continue;
		*tab = '\0';
		if (n == cap)
			lines = realloc(lines, (cap *= 2) * sizeof(Line));
		lines[n].gold = strdup(buf);
		lines[n].text = strdup(tab + 1);
		n++;
	}
	if (reps > 0)
	{
		struct timespec t0, t1;
		long		sink = 0;
		double		secs;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int r = 0; r < reps; r++)
			for (size_t i = 0; i < n; i++)
			{
				LangidResult res;

				LangidDetect(lines[i].text, strlen(lines[i].text), LANGID_ALL, &res);
				sink += res.language;
			}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		printf("%.0f texts/s (%zu texts x %d, %.3f s, checksum %ld)\n",
			   n * (double) reps / secs, n, reps, secs, sink);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
	{
		LangidResult res;
		size_t		chars = 0;

		for (const char *p = lines[i].text; *p; p++)
			chars += ((unsigned char) *p & 0xC0) != 0x80;
		LangidDetect(lines[i].text, strlen(lines[i].text), LANGID_ALL, &res);
		printf("%s\t%s\t%.4f\t%zu\t%d\t%s\n", lines[i].gold, LangidCode(res.language),
			   res.confidence, chars, res.letters,
			   res.script < 0 ? "Zyyy" : LangidScriptNames[res.script]);
	}
	return 0;
}
