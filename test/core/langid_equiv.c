/*
 * langid_equiv.c
 *	  LangidDetect (src/language/langid.c) against the reference detector
 *	  (test/core/langid_reference.c): the same result, field for field and bit for bit, on
 *	  every input line and on generated texts built to reach every branch (URLs, @mentions,
 *	  apostrophes, U+2019, accented and non-Latin letters, letters that lower-case to ASCII,
 *	  invalid UTF-8, digits, emoji, texts beyond LANGID_MAX_CHARS and LANGID_MAX_BYTES), with
 *	  all languages and with candidate subsets.  Then the speed of both on the input lines.
 *
 *	  langid_equiv [GENERATED] < LINES     each line "gold<TAB>text" or just a text
 *	  Prints "compared=N differ=D ..." and exits 1 when D > 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "langid.h"

extern void LangidDetectReference(const char *s, size_t len, uint32_t candidates, LangidResult *out);

static long compared = 0;
static long differ = 0;

static void
compare(const char *s, size_t len, uint32_t candidates)
{
	LangidResult a,
				b;

	LangidDetect(s, len, candidates, &a);
	LangidDetectReference(s, len, candidates, &b);
	compared++;
	if (a.language != b.language || memcmp(&a.confidence, &b.confidence, sizeof(double)) != 0 ||
		a.script != b.script || a.runner_up != b.runner_up || a.letters != b.letters)
	{
		if (differ++ < 10)
			fprintf(stderr, "DIFFER (candidates %x): %s/%.17g/%d/%s/%d vs reference %s/%.17g/%d/%s/%d: %.*s\n",
					candidates, LangidCode(a.language), a.confidence, a.script,
					LangidCode(a.runner_up), a.letters, LangidCode(b.language), b.confidence,
					b.script, LangidCode(b.runner_up), b.letters, (int) (len > 200 ? 200 : len), s);
	}
}

static const uint32_t candidate_sets[] = {
	LANGID_ALL, 1u << 0, (1u << 1) | (1u << 2), (1u << 4) | (1u << 6) | (1u << 7) | (1u << 8),
	LANGID_ALL & ~1u
};

static void
compare_all(const char *s, size_t len)
{
	for (size_t c = 0; c < sizeof(candidate_sets) / sizeof(candidate_sets[0]); c++)
		compare(s, len, candidate_sets[c]);
}

/* pieces the generated texts are made of */
static const char *const pieces[] = {
	"the", "service", "was", "very", "good", "le", "service", "était", "très", "bien",
	"der", "Kundendienst", "war", "großartig", "el", "servicio", "fue", "muy", "malo",
	"não", "funciona", "het", "werkt", "niet", "tjänsten", "är", "dålig", "obsługa", "była",
	"świetna", "DON'T", "don't", "don’t", "l'hôtel", "dell'albergo", "it''s", "'quoted'",
	"http://example.com/x", "https://t.co/abc", "www.example.org", "@user", "@", "h", "w",
	"hello@world", "xhttp://y", "Ⅻ", "\u212Aelvin", "ǅ", "ſ", "İstanbul", "ΣΟΦΙΑ", "привет",
	"мир", "日本語", "中文", "한국어", "مرحبا", "שלום", "😀", "👍🏽", "❤️", "1234", "3.14",
	"#hashtag", "!!!", "...", "-", "\t", "\n", "  ", "\xff", "\xc3", "\xe2\x80", "a\xcc\x81",
	"e\xcc\x88", "ß", "Æble", "øl", "å", "ą", "ł", "ż", "Ż", "×", "÷", "µ", "ª", "º", "ǈ", "ɐ",
	"ʰ", "ͅ", "’", "'", "`", "´"
};

static unsigned long rng = 88172645463325252UL;

static unsigned long
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
generated(int count)
{
	size_t		cap = 40000;
	char	   *buf = malloc(cap);
	size_t		npieces = sizeof(pieces) / sizeof(pieces[0]);

	for (int t = 0; t < count; t++)
	{
		size_t		len = 0;
		/* mostly short texts, some long enough for LANGID_MAX_CHARS and LANGID_MAX_BYTES */
		int			words = (t % 50 == 0) ? 1500 + (int) (next_rand() % 3000) : 1 + (int) (next_rand() % 40);

		for (int w = 0; w < words; w++)
		{
			const char *p = pieces[next_rand() % npieces];
			size_t		pl = strlen(p);
			unsigned long sep = next_rand() % 10;

			if (len + pl + 2 >= cap)
				break;
			memcpy(buf + len, p, pl);
			len += pl;
			if (sep < 7)
				buf[len++] = ' ';
			else if (sep == 7)
				buf[len++] = ',';
			else if (sep == 8)
				buf[len++] = '\'';
			/* 9: glued to the next piece */
		}
		compare_all(buf, len);
	}
	free(buf);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	int			ngen = argc > 1 ? atoi(argv[1]) : 20000;
	size_t		cap = 1024,
				n = 0;
	char	  **texts = malloc(cap * sizeof(char *));
	char	   *line = NULL;
	size_t		linecap = 0;
	ssize_t		got;
	double		t0,
				t_new,
				t_ref;
	long		sink = 0;
	int			reps = 0;

	while ((got = getline(&line, &linecap, stdin)) > 0)
	{
		char	   *tab;
		char	   *text = line;

		if (line[got - 1] == '\n')
			line[--got] = '\0';
		if (line[0] == '#')
			continue;
		if ((tab = strchr(line, '\t')) != NULL)
			text = tab + 1;
		if (n == cap)
			texts = realloc(texts, (cap *= 2) * sizeof(char *));
		texts[n++] = strdup(text);
	}
	for (size_t i = 0; i < n; i++)
		compare_all(texts[i], strlen(texts[i]));
	generated(ngen);

	/* speed on the input lines: passes of both until each has run 0.5 s */
	t_new = t_ref = 0.0;
	while (n > 0 && (t_new < 0.5 || t_ref < 0.5))
	{
		LangidResult r;

		t0 = now();
		for (size_t i = 0; i < n; i++)
		{
			LangidDetect(texts[i], strlen(texts[i]), LANGID_ALL, &r);
			sink += r.language;
		}
		t_new += now() - t0;
		t0 = now();
		for (size_t i = 0; i < n; i++)
		{
			LangidDetectReference(texts[i], strlen(texts[i]), LANGID_ALL, &r);
			sink -= r.language;
		}
		t_ref += now() - t0;
		reps++;
	}
	printf("compared=%ld differ=%ld lines=%zu generated=%d", compared, differ, n, ngen);
	if (n > 0)
		printf(" texts/s=%.0f reference=%.0f (%.2fx)%s", n * reps / t_new, n * reps / t_ref,
			   t_ref / t_new, sink ? "" : " ");
	printf("\n");
	return differ > 0;
}
