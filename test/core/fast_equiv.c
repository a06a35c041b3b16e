/*
 * fast_equiv.c
 *	  Test driver (test/t/150_fast_path.sh): the learned scorer's fast path (scoring without
 *	  collecting features: no word copies, the tokenizer's hash reused) must give exactly the
 *	  numbers of its collecting path (sentiment_explain's), bit for bit, and every word's hash
 *	  must be the FNV-1a hash of the word TextNormaliseWord writes.
 *
 *	  fast_equiv < texts        one text per line (\\, \t, \n, \r escapes as COPY text)
 *	  fast_equiv --random N     N texts drawn (fixed seed) from tricky tokens: elongations,
 *	                            case, links, mentions, numbers, punctuation, emoji, non-ASCII
 *
 *	  Prints "texts=<n> tokens=<n> reused=<tokens whose hash came from the tokenizer>
 *	  mismatches=<n>" and exits 1 on any mismatch (the first few are printed).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learned.h"
#include "lexicon.h"
#include "line_unescape.h"
#include "scorer.h"
#include "test_random.h"
#include "tokenizer.h"
#include "words.h"

static const char *const tricky[] = {
	"sooo", "Sooooo", "gooood", "HAPPY!!!", "aaa", "AAA", "aAa", "aAA", "...", "!!!", ":)",
	":-(", ":D", "<3", "@bob", "@", "@@x", "#great", "#", "http://x.co/a", "https://y",
	"HTTP://Z.com", "Http", "http", "httpx", "hTTPs", "12", "1,000", "3.5", "12:30", ".5", "0",
	"1a", "a1", "--", "'n'", "don't", "DON'T", "can\xe2\x80\x99t", "caf\xc3\xa9",
	"CAF\xc3\x89", "\xc3\xbc" "ber", "\xf0\x9f\x98\x80", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	"\xe2\x98\xb9\xef\xb8\x8f", "not", "never", "no", "but", "BUT", "However,", "good", "bad",
	"great.", "terrible,", "kind", "of", "the", "a", "hahaha", "lol", "LOL!!", "??", "?!",
	"...good...", "(great)", "[bad]", "\"nice\"", "'ok'", "-1", "+5", "$10", "10%", "x", "XY",
	"xyyy", "xyYY", "zzz", "yes!!!!", "nooo", "I", "wasn't", "hardly", "keeps", "crashing",
	"still", "waiting", "thanks", "for", "nothing", "a.b.c", "e-mail", "re-do", "..ok", "ok..",
	"!?!?", "@user", "#1", "ok\x01\x01\x01", "\x10" "00", "a\x7f\x7f\x7f", "\\", "tab\there",
	"Kelvin\xe2\x84\xaa", "n\xc3\xa4\xc3\xa4\xc3\xa4", "\xef\xbb\xbf" "bom",
};

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t
next_random(void)
{
	return test_random(&rng);
}

static size_t
random_text(char *buf, size_t cap)
{
	size_t		n = next_random() % 26,
				o = 0;
	static const char *const seps[] = {" ", "  ", "\xc2\xa0", "\t", " "};

	for (size_t k = 0; k < n; k++)
	{
		const char *t = tricky[next_random() % (sizeof(tricky) / sizeof(tricky[0]))];
		int			reps = (next_random() % 10 == 0) ? 2 + next_random() % 2 : 1;
		bool		upper = next_random() % 10 == 0;
		const char *sep = seps[next_random() % 5];

		for (int r = 0; r < reps; r++)
			for (const char *p = t; *p && o + 8 < cap; p++)
				buf[o++] = (char) (upper && *p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		for (const char *p = sep; *p && o + 8 < cap; p++)
			buf[o++] = *p;
	}
	return o;
}

static int	mismatches = 0;

static void
mismatch(const char *what, const char *text, size_t len)
{
	if (++mismatches <= 5)
		fprintf(stderr, "fast_equiv: %s differs for \"%.*s\"\n", what, (int) len, text);
}

static bool
same(double a, double b)
{
	return memcmp(&a, &b, sizeof(double)) == 0;
}

static size_t ntexts = 0,
			ntokens = 0,
			nreused = 0;

static void
check(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	SentimentScores fast,
				slow;
	double		cf,
				cs,
				sf,
				ss;
	char		word[4096];

	sf = LearnedScore(cfg, text, len, ws, &fast, &cf, false);
	/* every word's hash, on the tokens the fast path read */
	for (size_t i = 0; i < ws->tokens.ntokens; i++)
	{
		const Token *t = &ws->tokens.tokens[i];
		bool		reused;
		uint32_t	h = LearnedWordHash(&ws->tokens, i, &reused);
		size_t		wl;

		ntokens++;
		nreused += reused;
		if (t->len + TEXT_WORD_EXTRA > sizeof(word))
			continue;
		wl = TextNormaliseWord(ws->tokens.text + t->off, t->len, word);
		if (h != LexiconHash(word, wl) ||
			TextNormalisedHash(ws->tokens.text + t->off, t->len) != h)
			mismatch("a word's hash", ws->tokens.text + t->off, t->len);
	}
	ss = LearnedScore(cfg, text, len, ws, &slow, &cs, true);
	if (!same(sf, ss) || !same(cf, cs) || !same(fast.neg, slow.neg) ||
		!same(fast.neu, slow.neu) || !same(fast.pos, slow.pos) ||
		!same(fast.compound, slow.compound))
		mismatch("the score", text, len);
	ntexts++;
	ScoreWorkspaceTrim(ws);
}

int
main(int argc, char **argv)
{
	const SentimentConfig *cfg = SentimentConfigFind("en");
	ScoreWorkspace ws;

	if (cfg == NULL || cfg->model == NULL)
	{
		fprintf(stderr, "fast_equiv: no learned 'en' configuration\n");
		return 2;
	}
	memset(&ws, 0, sizeof(ws));
	if (argc == 3 && strcmp(argv[1], "--random") == 0)
	{
		long		n = atol(argv[2]);
		char		buf[8192];

		for (long k = 0; k < n; k++)
		{
			size_t		len = random_text(buf, sizeof(buf));

			check(cfg, buf, len, &ws);
		}
	}
	else
	{
		char	   *line = NULL;
		size_t		cap = 0;
		ssize_t		len;

		while ((len = read_text_line(&line, &cap, stdin)) >= 0)
			check(cfg, line, (size_t) len, &ws);
		free(line);
	}
	ScoreWorkspaceFree(&ws);
	printf("texts=%zu tokens=%zu reused=%zu mismatches=%d\n", ntexts, ntokens, nreused,
		   mismatches);
	return mismatches ? 1 : 0;
}
