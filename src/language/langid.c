/*
 * langid.c
 *	  Language detection (pure C core): see langid.h.
 *
 * Method (chosen by measurement, README "Language detection"):
 *  1. Read the start of the text (LANGID_MAX_BYTES); skip URLs ("http://", "https://",
 *     "www.") and @mentions; keep letters lower-cased, one separator between words and the
 *     apostrophes inside words.
 *  2. Count the letters per Unicode script.  Fewer than LANGID_MIN_LETTERS letters, or a
 *     main script other than Latin: 'und' (the script says which).
 *  3. Per candidate language L: t(L) = the mean over the text's character trigrams (words
 *     padded with one space, as franc does) of the trigram's weight in L's franc profile,
 *     log(300 + 50) - log(rank + 50), scaled to [0, 1]; w(L) = the share of the text's words
 *     that are frequent words of L.  score(L) = t(L) + LANGID_WORD_WEIGHT * w(L).
 *  4. confidence = softmax share of the best score at LANGID_TEMPERATURE; below
 *     LANGID_MIN_CONFIDENCE: 'und' with the best language as runner-up.
 * Only integer sums and a fixed order of floating-point operations: the same text gives
 * the same answer on the same build.
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

/*
 * ASCII trigrams (letters a-z and the space) by direct index, (a * 27 + b) * 27 + c with
 * ' ' = 0 and a-z = 1..26: 1 + their slot in LangidTrigrams, 0 if the model lacks them.
 * Built once per process from LangidTrigrams (39 kB); most trigrams of the supported
 * languages are ASCII, and this saves their hash probes.  Other trigrams are looked up in
 * LangidTrigrams itself.
 */
#define ASCII_TRI	(27 * 27 * 27)
static uint16_t ascii_trigram[ASCII_TRI];
static bool latin_fast = false;	/* letters U+00C0..U+024F are all script Latin */
static bool tables_ready = false;

static inline int
tri_code(uint32_t c)
{
	return c == ' ' ? 0 : (c >= 'a' && c <= 'z') ? (int) (c - 'a' + 1) : -1;
}

static void
prepare_tables(void)
{
	uint32_t	size = 1u << LangidTrigramBits;

	memset(ascii_trigram, 0, sizeof(ascii_trigram));
	for (uint32_t h = 0; h < size; h++)
	{
		uint64_t	key = LangidTrigrams[h].key;
		int			a = tri_code((uint32_t) (key >> 42)),
					b = tri_code((uint32_t) (key >> 21) & 0x1FFFFF),
					c = tri_code((uint32_t) key & 0x1FFFFF);

		if (key != 0 && a >= 0 && b >= 0 && c >= 0)
			ascii_trigram[(a * 27 + b) * 27 + c] = (uint16_t) (h + 1);
	}
	latin_fast = true;
	for (uint32_t cp = 0xC0; cp < 0x250; cp++)
		if (is_letter((utf8proc_int32_t) cp) && script_of(cp) != LANGID_SCRIPT_LATIN)
			latin_fast = false;
	tables_ready = true;
}

/* ASCII byte classes for the scan */
#define AC_SEP		0			/* a separator (digit, punctuation, control) */
#define AC_SPACE	1			/* a separator that starts a word (is_space) */
#define AC_LETTER	2			/* A-Z, a-z */
#define AC_APOS		3			/* ' */
#define AC_SKIP		4			/* flag: '@', 'h', 'w' may start a URL or @mention */

static const uint8_t ascii_class[128] = {
	[' '] = AC_SPACE,['\t'] = AC_SPACE,['\n'] = AC_SPACE,['\r'] = AC_SPACE,['\f'] = AC_SPACE,
	['\v'] = AC_SPACE,
	['A'... 'Z'] = AC_LETTER,['a'... 'g'] = AC_LETTER,['h'] = AC_LETTER | AC_SKIP,
	['i'... 'v'] = AC_LETTER,['w'] = AC_LETTER | AC_SKIP,['x'... 'z'] = AC_LETTER,
	['\''] = AC_APOS,['@'] = AC_SKIP,
};

/*
 * The scan's state.  Step 1 of the method keeps a buffer of lower-cased letters with one
 * SEP between words and APOS inside them; step 3 reads it as trigrams.  Both happen here in
 * one pass: each character that step 1 would append is fed at once to the trigram window
 * (SEP and APOS read as a space, runs of spaces collapsed), so the buffer itself is not kept,
 * only its length n (for LANGID_MAX_CHARS) and its last character.
 */
typedef struct Scan
{
	int			n;				/* characters step 1 has appended */
	uint32_t	last;			/* the last of them */
	/* trigram window over the spaced stream */
	uint32_t	p2,
				p1;
	int			i2,
				i1;				/* their tri_code() */
	int			m;				/* characters in the stream so far */
	int			ntri;
	LangidLanes acc16;			/* 16-bit lane sums, flushed into acc */
	int			pending;
	int32_t		acc[LANGID_NLANG];
} Scan;

static inline __attribute__((always_inline)) void
add_weights(Scan *st, const LangidTrigram *t)
{
	LangidLanes w = {0};

	memcpy(&w, t->weight, sizeof(t->weight));
	st->acc16 += w;
	if (++st->pending == LANGID_FLUSH)
	{
		for (int l = 0; l < LANGID_NLANG; l++)
			st->acc[l] += st->acc16[l];
		st->acc16 = (LangidLanes) {0};
		st->pending = 0;
	}
}

/* append character x (a lower-cased letter, SEP or APOS) */
static inline __attribute__((always_inline)) void
feed(Scan *st, uint32_t x)
{
	uint32_t	c = (x == SEP || x == APOS) ? ' ' : x;
	int			ic;

	st->n++;
	st->last = x;
	if (c == ' ' && st->m > 0 && st->p1 == ' ')
		return;
	ic = tri_code(c);
	if (st->m >= 2)
	{
		st->ntri++;
		if ((st->i2 | st->i1 | ic) >= 0)
		{
			uint16_t	slot = ascii_trigram[(st->i2 * 27 + st->i1) * 27 + ic];

			if (slot != 0)
				add_weights(st, &LangidTrigrams[slot - 1]);
		}
		else
		{
			const LangidTrigram *t = trigram_lookup(((uint64_t) st->p2 << 42) |
													((uint64_t) st->p1 << 21) | c);

			if (t != NULL)
				add_weights(st, t);
		}
	}
	st->p2 = st->p1;
	st->i2 = st->i1;
	st->p1 = c;
	st->i1 = ic;
	st->m++;
}

void
LangidDetect(const char *s, size_t len, uint32_t candidates, LangidResult *out)
{
	Scan		st;
	int			latin = 0;
	int			script_count[8];	/* other scripts, the first 8 seen */
	uint8_t		scripts_seen[8];
	int			nscripts_seen = 0;
	int			letters = 0;
	int			hits[LANGID_NLANG] = {0};
	int			nwords = 0;
	char		word[64];
	size_t		wl = 0;
	double		score[LANGID_NLANG];
	int			best = LANGID_UND,
				second = LANGID_UND;
	size_t		i = 0;
	bool		at_start = true;	/* after whitespace: a URL or @mention may start */

	if (!tables_ready)
		prepare_tables();
	memset(out, 0, sizeof(*out));
	out->language = out->runner_up = LANGID_UND;
	out->script = LANGID_SCRIPT_NONE;
	if (len > LANGID_MAX_BYTES)
		len = LANGID_MAX_BYTES;

	memset(&st, 0, sizeof(st));
	st.i2 = st.i1 = -1;

	/* 1. letters, lower-cased, one SEP between words (apostrophes inside words kept); words */
	feed(&st, SEP);
	while (i < len && st.n < LANGID_MAX_CHARS)
	{
		unsigned char b = (unsigned char) s[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		uint32_t	lc;

		if (b < 0x80)
		{
			uint8_t		cls = ascii_class[b];

			if (at_start && (cls & AC_SKIP) && (k = (utf8proc_ssize_t) skip_token(s, i, len)) > 0)
			{
				i += k;
				continue;
			}
			i++;
			cls &= ~AC_SKIP;
			at_start = cls == AC_SPACE;
			if (cls == AC_LETTER)
			{
				/*
				 * A run of ASCII letters, the common case, in a loop of its own: no URL
				 * check inside a word, and the trigram window's state in registers.
				 */
				uint32_t	p2 = st.p2,
							p1 = st.p1;
				int			i2 = st.i2,
							i1 = st.i1;
				int			run = 0;

				for (;;)
				{
					int			ic;

					lc = (uint32_t) (b | 0x20);
					if (wl < sizeof(word) - 4)
						word[wl] = (char) lc;
					wl++;
					run++;
					ic = (int) (lc - 'a' + 1);
					if (st.m + run >= 3)	/* the window is full (st.m >= 2 in feed()) */
					{
						st.ntri++;
						if ((i2 | i1) >= 0)
						{
							uint16_t	slot = ascii_trigram[(i2 * 27 + i1) * 27 + ic];

							if (slot != 0)
								add_weights(&st, &LangidTrigrams[slot - 1]);
						}
						else
						{
							const LangidTrigram *t = trigram_lookup(((uint64_t) p2 << 42) |
																	((uint64_t) p1 << 21) | lc);

							if (t != NULL)
								add_weights(&st, t);
						}
					}
					p2 = p1;
					i2 = i1;
					p1 = lc;
					i1 = ic;
					if (i >= len || st.n + run >= LANGID_MAX_CHARS ||
						(b = (unsigned char) s[i]) >= 0x80 || ascii_class[b] != AC_LETTER)
						break;
					i++;
				}
				letters += run;
				latin += run;
				st.n += run;
				st.m += run;
				st.last = lc;
				st.p2 = p2;
				st.p1 = p1;
				st.i2 = i2;
				st.i1 = i1;
				continue;
			}
			cp = b;
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
			i += k;
			if (is_letter(cp))
			{
				int			sc = (latin_fast && cp >= 0xC0 && cp < 0x250) ? LANGID_SCRIPT_LATIN
					: script_of((uint32_t) cp);
				int			j;

				letters++;
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
				feed(&st, lc);
				continue;
			}
		}
		/* not a letter */
		if ((cp == APOS || cp == 0x2019) && st.last != SEP && st.last != APOS)
		{
			feed(&st, APOS);
			if (wl < sizeof(word) - 4)
				word[wl] = '\'';
			wl++;
		}
		else if (st.last != SEP)
		{
			if (st.last == APOS)
				wl--;			/* a trailing apostrophe is not part of the word */
			count_word(word, wl, hits, &nwords);
			wl = 0;
			feed(&st, SEP);
		}
	}
	if (st.last != SEP)
	{
		if (st.last == APOS)
			wl--;
		count_word(word, wl, hits, &nwords);
		feed(&st, SEP);
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

	/* 3. the trigram sums (fed during the scan) */
	for (int l = 0; l < LANGID_NLANG; l++)
		st.acc[l] += st.acc16[l];

	/* 4. scores, best two, confidence */
	for (int l = 0; l < LANGID_NLANG; l++)
	{
		if (!(candidates & (1u << l)))
			continue;
		score[l] = (st.ntri ? (double) st.acc[l] / ((double) st.ntri * LangidTrigramMaxWeight) : 0.0) +
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

int
LangidFromCode(const char *code, size_t len)
{
	for (int l = 0; l < LANGID_NLANG; l++)
		if (strlen(LangidCodes[l]) == len && memcmp(LangidCodes[l], code, len) == 0)
			return l;
	return LANGID_UND;
}

const char *
LangidCode(int language)
{
	return language == LANGID_UND ? "und" : LangidCodes[language];
}
