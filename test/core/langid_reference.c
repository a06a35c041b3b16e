/*
 * langid_reference.c
 *	  The language detector as it was before the one-pass scan (commit feb4834), kept
 *	  verbatim as the reference that test/core/langid_equiv.c compares LangidDetect with:
 *	  the faster scan must give the same result (language, confidence to the last bit,
 *	  script, runner-up, letters) for every text, so that detect_language() stays IMMUTABLE
 *	  across the change.  Only the entry point is renamed (LangidDetectReference) and the
 *	  functions shared with langid.c are left out.
 */
#include <math.h>
#include <string.h>

#include <utf8proc.h>

#include "core_env.h"
#include "langid.h"

#define SEP			0			/* word separator in the code-point buffer */

/* 16 lanes of 16-bit trigram-weight sums; 16 weights of at most 2,047 fit in a lane */
typedef int16_t LangidLanes __attribute__((vector_size(32)));
#define LANGID_FLUSH 16
#define APOS		'\''

static int
script_of(uint32_t cp)
{
	int			lo = 0,
				hi = LangidNumScriptRanges - 1;

	if (cp < 0x80)
		return LANGID_SCRIPT_LATIN;		/* only letters get here */
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (cp < LangidScriptRanges[mid].first)
			hi = mid - 1;
		else if (cp > LangidScriptRanges[mid].last)
			lo = mid + 1;
		else
			return LangidScriptRanges[mid].script;
	}
	return LANGID_SCRIPT_NONE;
}

static bool
is_letter(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	switch (utf8proc_category(cp))
	{
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
			return true;
		default:
			return false;
	}
}

static inline bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* bytes to skip for a URL or @mention starting at s[i] (at a word start), else 0 */
static size_t
skip_token(const char *s, size_t i, size_t len)
{
	static const char *const prefixes[] = {"http://", "https://", "www."};
	size_t		j = i;
	bool		skip = s[i] == '@';

	for (int p = 0; !skip && p < 3; p++)
	{
		size_t		pl = strlen(prefixes[p]);

		skip = len - i >= pl && strncmp(s + i, prefixes[p], pl) == 0;
	}
	if (!skip)
		return 0;
	while (j < len && !is_space((unsigned char) s[j]))
		j++;
	return j - i;
}

static const LangidTrigram *
trigram_lookup(uint64_t key)
{
	uint32_t	mask = (1u << LangidTrigramBits) - 1;
	uint32_t	h = (uint32_t) ((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - LangidTrigramBits));

	for (;;)
	{
		const LangidTrigram *t = &LangidTrigrams[h];

		if (t->key == key)
			return t;
		if (t->key == 0)
			return NULL;
		h = (h + 1) & mask;
	}
}

static uint16_t
word_langs(const char *w, size_t len)
{
	uint32_t	mask = (1u << LangidWordBits) - 1;
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t) w[i]) * 16777619u;
	for (h &= mask;; h = (h + 1) & mask)
	{
		const LangidWord *e = &LangidWords[h];

		if (e->len == 0)
			return 0;
		if (e->len == len && memcmp(LangidWordPool + e->off, w, len) == 0)
			return e->langs;
	}
}

/* count a frequent word (w, wl bytes) for the languages it belongs to */
static inline void
count_word(const char *w, size_t wl, int *hits, int *nwords)
{
	uint16_t	langs;

	(*nwords)++;
	if (wl == 0 || wl > 60 || (langs = word_langs(w, wl)) == 0)
		return;
	for (int l = 0; l < LANGID_NLANG; l++)
		hits[l] += (langs >> l) & 1;
}

void
LangidDetectReference(const char *s, size_t len, uint32_t candidates, LangidResult *out)
{
	uint32_t	buf[LANGID_MAX_CHARS + 2];
	int			n = 0;
	int			latin = 0;
	int			script_count[8];	/* other scripts, the first 8 seen */
	uint8_t		scripts_seen[8];
	int			nscripts_seen = 0;
	int			letters = 0;
	int32_t		acc[LANGID_NLANG] = {0};
	int			hits[LANGID_NLANG] = {0};
	int			ntri = 0,
				nwords = 0;
	char		word[64];
	size_t		wl = 0;
	double		score[LANGID_NLANG];
	int			best = LANGID_UND,
				second = LANGID_UND;
	size_t		i = 0;
	bool		at_start = true;	/* after whitespace: a URL or @mention may start */

	memset(out, 0, sizeof(*out));
	out->language = out->runner_up = LANGID_UND;
	out->script = LANGID_SCRIPT_NONE;
	if (len > LANGID_MAX_BYTES)
		len = LANGID_MAX_BYTES;

	/* 1. letters, lower-cased, one SEP between words (apostrophes inside words kept); words */
	buf[n++] = SEP;
	while (i < len && n < LANGID_MAX_CHARS)
	{
		unsigned char b = (unsigned char) s[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (at_start && (b == '@' || b == 'h' || b == 'w') && (k = (utf8proc_ssize_t) skip_token(s, i, len)) > 0)
		{
			i += k;
			continue;
		}
		if (b < 0x80)
		{
			cp = b;
			k = 1;
			at_start = is_space(b);
		}
		else
		{
			at_start = false;
			if ((k = utf8proc_iterate((const utf8proc_uint8_t *) s + i,
									  (utf8proc_ssize_t) (len - i), &cp)) <= 0)
			{
				cp = ' ';
				k = 1;
			}
		}
		i += k;
		if (is_letter(cp))
		{
			uint32_t	lc;

			letters++;
			if (cp < 0x80)
			{
				latin++;
				lc = (uint32_t) (cp | 0x20);
				if (wl < sizeof(word) - 4)
					word[wl] = (char) lc;
				wl++;
			}
			else
			{
				int			sc = script_of((uint32_t) cp);
				int			j;

				if (sc == LANGID_SCRIPT_LATIN)
					latin++;
				else if (sc != LANGID_SCRIPT_NONE)
				{
					for (j = 0; j < nscripts_seen && scripts_seen[j] != sc; j++)
						;
					if (j == nscripts_seen && j < 8)
					{
						scripts_seen[nscripts_seen++] = (uint8_t) sc;
						script_count[j] = 0;
					}
					if (j < 8)
						script_count[j]++;
				}
				lc = (uint32_t) utf8proc_tolower(cp);
				if (wl < sizeof(word) - 4)
					wl += utf8proc_encode_char((utf8proc_int32_t) lc, (utf8proc_uint8_t *) word + wl);
				else
					wl += 4;
			}
			buf[n++] = lc;
		}
		else if ((cp == APOS || cp == 0x2019) && buf[n - 1] != SEP && buf[n - 1] != APOS)
		{
			buf[n++] = APOS;
			if (wl < sizeof(word) - 4)
				word[wl] = '\'';
			wl++;
		}
		else if (buf[n - 1] != SEP)
		{
			if (buf[n - 1] == APOS)
				wl--;			/* a trailing apostrophe is not part of the word */
			count_word(word, wl, hits, &nwords);
			wl = 0;
			buf[n++] = SEP;
		}
	}
	if (buf[n - 1] != SEP)
	{
		if (buf[n - 1] == APOS)
			wl--;
		count_word(word, wl, hits, &nwords);
		buf[n++] = SEP;
	}
	out->letters = letters;

	/* 2. main script (Latin wins a tie) and length */
	if (latin > 0)
		out->script = LANGID_SCRIPT_LATIN;
	for (int j = 0, bestc = latin; j < nscripts_seen; j++)
		if (script_count[j] > bestc ||
			(script_count[j] == bestc && out->script != LANGID_SCRIPT_LATIN &&
			 scripts_seen[j] < out->script))
		{
			bestc = script_count[j];
			out->script = scripts_seen[j];
		}
	if (letters < LANGID_MIN_LETTERS || out->script != LANGID_SCRIPT_LATIN)
		return;

	/* 3. trigrams of " word word ... " (apostrophes read as spaces) */
	{
		uint32_t	p2 = 0,
					p1 = 0;
		int			m = 0;

		/*
		 * The weights are summed 16 bits wide, 16 lanes at a time (one or two vector adds),
		 * and moved to the 32-bit sums every LANGID_FLUSH hits, before a lane can overflow:
		 * the same integers as a plain loop, several times fewer instructions.
		 */
		LangidLanes acc16 = {0};
		int			pending = 0;

		for (int j = 0; j < n; j++)
		{
			uint32_t	c = (buf[j] == SEP || buf[j] == APOS) ? ' ' : buf[j];
			const LangidTrigram *t;

			if (c == ' ' && m > 0 && p1 == ' ')
				continue;
			if (m >= 2)
			{
				ntri++;
				if ((t = trigram_lookup(((uint64_t) p2 << 42) | ((uint64_t) p1 << 21) | c)) != NULL)
				{
					LangidLanes w = {0};

					memcpy(&w, t->weight, sizeof(t->weight));
					acc16 += w;
					if (++pending == LANGID_FLUSH)
					{
						for (int l = 0; l < LANGID_NLANG; l++)
							acc[l] += acc16[l];
						acc16 = (LangidLanes) {0};
						pending = 0;
					}
				}
			}
			p2 = p1;
			p1 = c;
			m++;
		}
		for (int l = 0; l < LANGID_NLANG; l++)
			acc[l] += acc16[l];
	}

	/* 4. scores, best two, confidence */
	for (int l = 0; l < LANGID_NLANG; l++)
	{
		if (!(candidates & (1u << l)))
			continue;
		score[l] = (ntri ? (double) acc[l] / ((double) ntri * LangidTrigramMaxWeight) : 0.0) +
			LANGID_WORD_WEIGHT * (nwords ? (double) hits[l] / nwords : 0.0);
		if (best == LANGID_UND || score[l] > score[best])
		{
			second = best;
			best = l;
		}
		else if (second == LANGID_UND || score[l] > score[second])
			second = l;
	}
	if (best == LANGID_UND)
		return;
	{
		double		z = 0.0;

		for (int l = 0; l < LANGID_NLANG; l++)
			if ((candidates & (1u << l)) && l != best)
			{
				double		d = LANGID_TEMPERATURE * (score[l] - score[best]);

				if (d > -30.0)	/* exp(-30) does not change the sum */
					z += exp(d);
			}
		out->confidence = 1.0 / (1.0 + z);
	}
	if (out->confidence < LANGID_MIN_CONFIDENCE)
	{
		out->runner_up = best;
		return;
	}
	out->language = best;
	out->runner_up = second;
}

