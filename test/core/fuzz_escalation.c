/*
 * fuzz_escalation.c
 *	  libFuzzer target over the escalation matcher (escalation.c), built with AddressSanitizer
 *	  and UndefinedBehaviorSanitizer by test/t/121_escalation_fuzz.sh.
 *
 * Input: rule lines, then a NUL byte, then the message.  Each rule line is
 * <reason byte><severity byte><phrase>: reason = byte % 10, severity = byte % 4 (0 is an
 * exception phrase); phrases may contain negations, punctuation, emoji, invalid UTF-8.
 * Besides memory errors and undefined behaviour, EscMatch must return exactly what the
 * literal reference matcher (esc_rules.h) returns.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "esc_rules.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static EscHits hits;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, 0, size);
	size_t		rules_len = sep ? (size_t) (sep - data) : 0;
	const uint8_t *msg = sep ? sep + 1 : data;
	size_t		msg_len = size - (size_t) (msg - data);
	TestRules	tr = {0};
	EscHit	   *ref;
	size_t		nref;

	/* the rules, one per line (at most 200) */
	for (size_t p = 0; p < rules_len && tr.nrules < 200;)
	{
		const uint8_t *nl = memchr(data + p, '\n', rules_len - p);
		size_t		end = nl ? (size_t) (nl - data) : rules_len;

		if (end - p >= 3)
			test_rules_add(&tr, (const char *) data + p + 2, end - p - 2,
						   data[p] % ESC_NREASONS, data[p + 1] % 4);
		p = end + 1;
	}
	test_rules_build(&tr);

	test_text_words((const char *) msg, msg_len);
	EscMatch(&tr.set, &test_words, &hits);
	ref = malloc(sizeof(EscHit) * (test_words.n * (tr.nrules + 1) + 1));
	nref = ref_match(&tr.set, &test_words, ref);
	if (hits.n != nref || (nref > 0 && memcmp(hits.v, ref, nref * sizeof(EscHit)) != 0))
		abort();
	for (size_t h = 0; h < hits.n; h++)
		if (hits.v[h].rule >= tr.nrules ||
			hits.v[h].start + tr.set.rules[hits.v[h].rule].nwords > test_words.n ||
			tr.set.rules[hits.v[h].rule].severity == 0)
			abort();
	free(ref);
	test_rules_free(&tr);
	if (hits.cap > 4096)
		EscHitsFree(&hits);
	EscWordsTrim(&test_words);
	TokenListTrim(&test_tokens);
	return 0;
}
