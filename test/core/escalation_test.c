/*
 * escalation_test.c
 *	  Tests of the escalation matcher core (escalation.c):
 *	  - EscMatch equals the literal reference matcher (esc_rules.h) on random rule sets and
 *	    messages over a small vocabulary (shared prefixes, repeats, negations, exceptions);
 *	  - 100,000 rules sharing their first word and an 80 KB message: the matcher's work
 *	    (EscMatchSteps: word look-ups and trie steps) stays linear in the message, where
 *	    0.1.0 compared every rule of that first word at every word (11.3 s);
 *	  - an empty message and an empty rule set (0.1.0: memset(NULL, 0, 0)).
 *	Prints "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc_rules.h"

static int	passed,
			failed;

#define CHECK(cond, ...) \
	do { if (cond) passed++; else { failed++; printf("FAIL: " __VA_ARGS__); printf("\n"); } } while (0)

static const char *const vocab[] = {
	"refund", "now", "cancel", "my", "account", "not", "human", "resources", "talk", "to", "a",
	"lawyer", "fire", "never", "going", "Refund", "NOW!", "to,", "isn't", "legal"
};
#define NVOCAB (sizeof(vocab) / sizeof(vocab[0]))

static size_t
random_text(char *buf, int maxwords)
{
	size_t		n = 0;
	int			words = rand() % (maxwords + 1);

	for (int i = 0; i < words; i++)
		n += (size_t) sprintf(buf + n, "%s%s", i ? " " : "", vocab[rand() % NVOCAB]);
	buf[n] = '\0';
	return n;
}

static void
test_against_reference(void)
{
	EscHits		hits = {0};
	EscHit	   *ref = malloc(sizeof(EscHit) * 200000);
	int			mismatches = 0,
				total_hits = 0;

	srand(4242);
	for (int t = 0; t < 2000; t++)
	{
		TestRules	tr = {0};
		char		buf[4096];
		int			nrules = rand() % 40;
		size_t		len,
					nref;

		for (int r = 0; r < nrules; r++)
		{
			len = random_text(buf, 4);
			test_rules_add(&tr, buf, len, rand() % ESC_NREASONS, rand() % 4);
		}
		test_rules_build(&tr);
		for (int m = 0; m < 5; m++)
		{
			len = random_text(buf, 60);
			test_text_words(buf, len);
			EscMatch(&tr.set, &test_words, &hits);
			nref = ref_match(&tr.set, &test_words, ref);
			total_hits += (int) nref;
			if (hits.n != nref ||
				(nref > 0 && memcmp(hits.v, ref, nref * sizeof(EscHit)) != 0))
			{
				if (mismatches++ < 3)
					printf("mismatch: %zu hits, reference %zu, message \"%s\"\n", hits.n, nref, buf);
			}
		}
		test_rules_free(&tr);
	}
	CHECK(mismatches == 0, "EscMatch differs from the reference matcher in %d of 10000 messages", mismatches);
	CHECK(total_hits > 1000, "the random sets match too rarely to test anything (%d hits)", total_hits);
	printf("10000 random messages on 2000 random rule sets: %d firing matches, %d mismatches\n",
		   total_hits, mismatches);
	EscHitsFree(&hits);
	free(ref);
}

static void
test_shared_first_word(void)
{
	TestRules	tr = {0};
	EscHits		hits = {0};
	char		buf[64];
	char	   *msg;
	size_t		len = 0;
	uint64_t	steps;

	for (int r = 0; r < 100000; r++)
	{
		int			n = snprintf(buf, sizeof(buf), "refund w%d", r);

		test_rules_add(&tr, buf, (size_t) n, 3, 2);
	}
	test_rules_build(&tr);
	msg = malloc(81000);
	while (len < 80000)
		len += (size_t) sprintf(msg + len, "refund refund w%d now ", (int) (len % 7) * 9999);
	test_text_words(msg, len);
	steps = EscMatchSteps;
	EscMatch(&tr.set, &test_words, &hits);
	steps = EscMatchSteps - steps;
	/* per word: one look-up and at most two trie steps (no phrase has more than 2 words) */
	CHECK(steps <= 3 * test_words.n,
		  "100,000 rules sharing a first word: %llu steps for %zu words (bound %zu)",
		  (unsigned long long) steps, test_words.n, 3 * test_words.n);
	CHECK(hits.n > 0 && hits.n < test_words.n, "%zu hits", hits.n);
	printf("100,000 rules sharing a first word, 80 KB message of %zu words: %llu steps (bound %zu), %zu hits\n",
		   test_words.n, (unsigned long long) steps, 3 * test_words.n, hits.n);
	free(msg);
	EscHitsFree(&hits);
	test_rules_free(&tr);
}

static void
test_empty(void)
{
	TestRules	tr = {0};
	EscHits		hits = {0};

	test_rules_add(&tr, "refund", 6, 3, 2);
	test_rules_build(&tr);
	test_text_words("", 0);
	EscMatch(&tr.set, &test_words, &hits);
	CHECK(hits.n == 0 && hits.cover == NULL, "empty message: %zu hits", hits.n);
	test_text_words("  ...  ", 7);
	EscMatch(&tr.set, &test_words, &hits);
	CHECK(hits.n == 0, "punctuation-only message: %zu hits", hits.n);
	test_rules_free(&tr);
	test_rules_build(&tr);
	test_text_words("refund now", 10);
	EscMatch(&tr.set, &test_words, &hits);
	CHECK(hits.n == 0, "empty rule set: %zu hits", hits.n);
	test_rules_free(&tr);
	EscHitsFree(&hits);
}

int
main(void)
{
	test_against_reference();
	test_shared_first_word();
	test_empty();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
