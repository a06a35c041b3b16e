/*
 * fuzz_sentence.c
 *	  libFuzzer target for the sentence and clause splitter (src/meaning/sentence.c): any
 *	  bytes, every language's rules; checks that sentences are non-empty, in order, inside the
 *	  text, never start or end with white space, start and end on code point boundaries (of
 *	  valid UTF-8, which is what the SQL edge passes), and
 *	  that clause cuts fall strictly inside their sentence, in order.  Run by
 *	  test/t/603_sentence_fuzz.sh through tools/fuzz.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "sentence.h"

static const char *const languages[] = {"en", "fr", "es", "pt", "de", "it", "nl", "da", "sv", "pl", "xx"};

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "broken: %s\n", #cond); abort(); } } while (0)

static int
is_ws_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
}

/* whether data is valid UTF-8 (what the SQL edge passes); other bytes must not crash either */
static int
valid_utf8(const uint8_t *data, size_t size)
{
	utf8proc_int32_t cp;

	for (size_t i = 0; i < size;)
	{
		utf8proc_ssize_t n = utf8proc_iterate(data + i, (utf8proc_ssize_t) (size - i), &cp);

		if (n <= 0)
			return 0;
		i += (size_t) n;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static SentSpans spans;
	static ClauseCuts cuts;
	const char *s = (const char *) data;
	const char *lang;
	int			valid = valid_utf8(data, size);

	if (size == 0)
		return 0;
	lang = languages[data[0] % (sizeof(languages) / sizeof(languages[0]))];
	SentenceSplit(s, size, lang, &spans);
	for (size_t i = 0; i < spans.n; i++)
	{
		const SentSpan *sp = &spans.v[i];

		CHECK(sp->start < sp->end);
		CHECK(sp->end <= size);
		CHECK(i == 0 || spans.v[i - 1].end <= sp->start);
		CHECK(!is_ws_byte(data[sp->start]) && !is_ws_byte(data[sp->end - 1]));
		CHECK(!valid || (data[sp->start] & 0xC0) != 0x80);
		CHECK(!valid || sp->end == size || (data[sp->end] & 0xC0) != 0x80);
		ClauseSplit(s, sp->start, sp->end, lang, &cuts);
		for (size_t k = 0; k < cuts.n; k++)
		{
			CHECK(cuts.v[k].pos > sp->start && cuts.v[k].pos < sp->end);
			CHECK(k == 0 || cuts.v[k - 1].pos < cuts.v[k].pos);
			CHECK(cuts.v[k].kind == CLAUSE_SOFT || cuts.v[k].kind == CLAUSE_HARD);
		}
	}
	CHECK(Utf8CharCount(s, size) <= size);
	return 0;
}
