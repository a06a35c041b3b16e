/*
 * unit_tests.c
 *	  Tests of the pure C core that SQL cannot reach easily:
 *	  - the O(n log n) "but" rule equals VADER's literal list.index() loop on random lists
 *	    with many repeated values (both the scan and the heap paths);
 *	  - ScorerRound equals printf-rounding (glibc rounds the exact binary value, ties to even);
 *	  - tokenizer invariants on random bytes (no crash, tokens inside the text).
 *	Prints "N passed, N failed".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scorer.h"
#include "words.h"

static int	passed,
			failed;

#define CHECK(cond, ...) \
	do { if (cond) passed++; else { failed++; printf("FAIL: " __VA_ARGS__); printf("\n"); } } while (0)

/* VADER 3.3.2's loop, literally (quadratic) */
static void
but_rule_naive(double *s, size_t n, size_t bi)
{
	for (size_t k = 0; k < n; k++)
	{
		double		x = s[k];
		size_t		j = 0;

		while (s[j] != x)
			j++;
		if (j < bi)
			s[j] = x * 0.5;
		else if (j > bi)
			s[j] = x * 1.5;
	}
}

static void
test_but_rule(void)
{
	static const double pool[] = {0.0, -0.0, 1.9, -1.9, 0.95, 2.85, 3.1, -3.441, 1.425, 0.475, 2.1375};
	int			mismatches = 0;
	int			trials = 0;

	srand(12345);
	for (int t = 0; t < 3000; t++)
	{
		size_t		n = 1 + rand() % (t < 2500 ? 40 : 2000);
		size_t		bi = rand() % n;
		double	   *a = malloc(n * sizeof(double));
		double	   *b = malloc(n * sizeof(double));

		for (size_t i = 0; i < n; i++)
			a[i] = pool[rand() % lengthof(pool)];
		a[bi] = 0.0;			/* "but" itself carries no valence */
		memcpy(b, a, n * sizeof(double));
		but_rule_naive(a, n, bi);
		ScorerButRuleVader(b, n, bi);
		for (size_t i = 0; i < n; i++)
			if (a[i] != b[i] || signbit(a[i]) != signbit(b[i]))
			{
				mismatches++;
				break;
			}
		trials++;
		free(a);
		free(b);
	}
	CHECK(mismatches == 0, "but rule: %d of %d random lists differ from the literal loop", mismatches, trials);
}

/* the learned scorer's punctuation table is TextAsciiPunct() */
static void
test_punct_table(void)
{
	int			bad = 0;

	for (int c = 0; c < 256; c++)
		bad += (TextAsciiPunctTable[c] != 0) != TextAsciiPunct((unsigned char) c);
	CHECK(bad == 0, "TextAsciiPunctTable differs from TextAsciiPunct on %d of 256 bytes", bad);
}

static void
test_round(void)
{
	int			bad = 0;
	char		buf[64];

	srand(777);
	for (int t = 0; t < 2000000; t++)
	{
		double		x;
		int			nd = (t & 1) ? 3 : 4;

		if (t % 4 == 0)			/* exact binary ties and their neighbours */
			x = nextafter((rand() % 20000) / 16.0 / 1000.0, (t & 8) ? 1.0 : -1.0);
		else if (t % 4 == 1)
			x = (rand() % 160000) / 16.0 / 10000.0;
		else
			x = (double) rand() / RAND_MAX * ((t & 2) ? 1.0 : -1.0);
		snprintf(buf, sizeof(buf), "%.*f", nd, x);
		if (ScorerRound(x, nd) != strtod(buf, NULL))
			bad++;
	}
	CHECK(bad == 0, "ScorerRound differs from printf rounding on %d of 2,000,000 values", bad);
}

static void
test_tokenizer_random(void)
{
	const SentimentConfig *cfgs[2] = {SentimentConfigFind("vader"), SentimentConfigFind("en")};
	ScoreWorkspace ws;
	int			bad = 0;
	unsigned char text[300];

	memset(&ws, 0, sizeof(ws));
	srand(4242);
	for (int t = 0; t < 200000; t++)
	{
		size_t		len = rand() % sizeof(text);
		SentimentScores r;
		const SentimentConfig *cfg = cfgs[t & 1];

		for (size_t i = 0; i < len; i++)
		{
			int			k = rand() % 10;

			/* mostly words and spaces, some UTF-8 (valid and broken), some emoji bytes */
			text[i] = k < 6 ? "abc ZN!?'. :)"[rand() % 13] : (unsigned char) (0x80 + rand() % 0x7f);
		}
		ScorerScore(cfg, (const char *) text, len, &ws, &r);
		for (size_t i = 0; i < ws.tokens.ntokens; i++)
			if (ws.tokens.tokens[i].off + ws.tokens.tokens[i].len > ws.tokens.textlen ||
				ws.tokens.tokens[i].len == 0)
				bad++;
		if (!(r.compound >= -1 && r.compound <= 1) || !(r.neg >= 0 && r.neu >= 0 && r.pos >= 0) ||
			(ws.tokens.ntokens > 0 && fabs(r.neg + r.neu + r.pos - 1.0) > 0.0021))
			bad++;
	}
	ScoreWorkspaceFree(&ws);
	CHECK(bad == 0, "tokenizer/scorer on random bytes: %d bad results", bad);
}

static void
test_examples(void)
{
	ScoreWorkspace ws;
	SentimentScores r;
	const SentimentConfig *v = SentimentConfigFind("vader");

	memset(&ws, 0, sizeof(ws));
	/* spec §6.11 worked examples */
	ScorerScore(v, "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 56, &ws, &r);
	CHECK(r.neg == 0.0 && r.neu == 0.294 && r.pos == 0.706 && r.compound == 0.9469,
		  "example 1: %g %g %g %g", r.neg, r.neu, r.pos, r.compound);
	{
		const char *t = "The plot was good, but the characters are uncompelling and the dialog is not great.";

		ScorerScore(v, t, strlen(t), &ws, &r);
		CHECK(r.neg == 0.327 && r.neu == 0.579 && r.pos == 0.094 && r.compound == -0.7042,
			  "example 2: %g %g %g %g", r.neg, r.neu, r.pos, r.compound);
	}
	ScoreWorkspaceFree(&ws);
}

int
main(void)
{
	test_examples();
	test_but_rule();
	test_round();
	test_punct_table();
	test_tokenizer_random();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
