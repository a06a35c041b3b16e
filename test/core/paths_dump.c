/*
 * paths_dump.c
 *	  Test driver (test/t/151_fast_paths.sh): prints everything the tokenizer and the rule
 *	  scorer produce for each text, so that a build with the fast paths for common tokens
 *	  (the default) can be compared with a build where every token takes the general path
 *	  (-DPGE_GENERAL_PATHS_ONLY).
 *
 *	  paths_dump CONFIG < texts    one text per line (\\, \t, \n, \r escapes as COPY text);
 *	                               per text one line: the rule scores (a learned
 *	                               configuration's rule features; %a, exact), the emphasis
 *	                               counts, each token's offset, length, flags, hash, word id,
 *	                               lexicon flags and entry, each token's valence, rules and
 *	                               base value, the configuration's compound (sentiment_score)
 *	                               and the words kept for the escalation matcher
 *	  paths_dump --random N        prints N texts drawn (fixed seed) from tokens that take
 *	                               each path: lower case, capitalised, ALL CAPS, digits,
 *	                               punctuation, ! and ?, control bytes, emoji, non-ASCII
 *	                               letters and spaces, "n't", phrases, boosters, negations
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line_unescape.h"
#include "scorer.h"
#include "test_random.h"
#include "tokenizer.h"

static const char *const pieces[] = {
	"good", "Good", "GOOD", "bad", "Bad", "BAD", "great", "terrible", "not", "NOT", "Not",
	"never", "no", "No", "but", "But", "BUT", "very", "VERY", "really", "kind", "of", "sort",
	"just", "enough", "so", "this", "least", "at", "without", "doubt", "or", "nor", "the",
	"a", "I", "i", "is", "was", "service", "the app", "keeps crashing", "still waiting",
	"on hold for", "thanks for nothing", "no complaints", "no problem", "hardly", "barely",
	"don't", "DON'T", "Don't", "isn't", "can\xe2\x80\x99t", "wasn't", "12", "1,000", "3.5",
	"5", "x1", "A1", "a", "b2b", "good.", "bad,", "great!", "awful?", "ok;", "fine:", "no.",
	"so,", "(great)", "\"nice\"", "'ok'", "...", "!!!", "??", "?!", "!", "?", ":)", ":(",
	":D", ":-)", "<3", "lol", "LOL", "haha", "Sooo", "goooood", "@bob", "#great",
	"http://x.co/a", "HTTP://Y.com", "ok\x01", "\x01", "\x7f", "a\x7f", "\x1b" "x",
	"caf\xc3\xa9", "CAF\xc3\x89", "\xc3\xbc" "ber", "gef\xc3\xa4llt", "tr\xc3\xa8s",
	"n'est", "l'amour", "unfreundlich", "problemlos", "nicht", "pas", "bien", "mal", "bueno",
	"malo", "buono", "goed", "slecht", "bra", "d\xc3\xa5lig", "dobry", "\xf0\x9f\x98\x80",
	"\xf0\x9f\x98\xa1", "\xf0\x9f\x91\x8d", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	"\xe2\x9d\xa4\xef\xb8\x8f", "x\xf0\x9f\x98\x80y", "Kelvin\xe2\x84\xaa", "\xef\xbb\xbf" "bom",
	"\xc3", "\xe2\x80", "\xff",
};

static const char *const seps[] = {
	" ", " ", " ", " ", "  ", "\t", "\xc2\xa0", "\xe2\x80\x83", "\xe3\x80\x80", "\x0b", "\x1c",
};

static uint64_t rng = 0x2545F4914F6CDD1Du;

static uint32_t
next_random(void)
{
	return test_random(&rng);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void
print_random(long n)
{
	for (long k = 0; k < n; k++)
	{
		int			len = (int) (next_random() % 24);

		if (next_random() % 8 == 0)
			fputs(seps[next_random() % COUNT(seps)], stdout);
		for (int w = 0; w < len; w++)
		{
			if (w > 0)
				fputs(seps[next_random() % COUNT(seps)], stdout);
			fputs(pieces[next_random() % COUNT(pieces)], stdout);
		}
		if (next_random() % 8 == 0)
			fputs(seps[next_random() % COUNT(seps)], stdout);
		putchar('\n');
	}
}

static void
dump(const SentimentConfig *cfg, const char *text, size_t len, ScoreWorkspace *ws)
{
	SentimentScores r;
	TokenList  *tl = &ws->tokens;
	const SentimentConfig *rules = SentimentConfigRules(cfg);	/* 'en': its rule features */

	ScorerScoreRules(rules, text, len, ws, &r);
	printf("%a %a %a %a %a %a|%d %d %d %zu|", r.neg, r.neu, r.pos, r.compound,
		   ws->raw_sum, ws->punct_amplifier, tl->n_exclaim, tl->n_question,
		   (int) tl->cap_differential, tl->ntokens);
	for (size_t k = 0; k < tl->ntokens; k++)
	{
		const Token *t = &tl->tokens[k];

		printf(" %u:%u:%x:%x:%u:%x", t->off, t->len, t->flags, t->hash, t->word_id,
			   t->lexflags);
		if (t->lex)
			printf(":%u:%x:%u:%a:%a", t->lex->len, t->lex->flags, t->lex->word_id,
				   t->lex->valence, t->lex->booster);
		printf("=%a:%x:%a", ws->valence[k], ws->rules[k], ws->base[k]);
	}
	printf("|%a|", ScorerScoreCompound(cfg, text, len, ws));
	tl->keep_words = true;
	TokenizerRun(rules, text, len, tl);
	tl->keep_words = false;
	if (tl->words_valid)
		for (size_t k = 0; k < tl->ntokens; k++)
			printf(" %s:%x", tl->words + tl->word_off[k], tl->word_hash[k]);
	putchar('\n');
}

int
main(int argc, char **argv)
{
	const SentimentConfig *cfg;
	ScoreWorkspace ws;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;

	if (argc == 3 && strcmp(argv[1], "--random") == 0)
	{
		print_random(atol(argv[2]));
		return 0;
	}
	if (argc != 2 || (cfg = SentimentConfigFind(argv[1])) == NULL)
	{
		fprintf(stderr, "usage: paths_dump CONFIG < texts | paths_dump --random N\n");
		return 2;
	}
	memset(&ws, 0, sizeof(ws));
	while ((len = read_text_line(&line, &cap, stdin)) >= 0)
		dump(cfg, line, (size_t) len, &ws);
	ScoreWorkspaceFree(&ws);
	free(line);
	return 0;
}
