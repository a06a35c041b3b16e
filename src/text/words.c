/*
 * words.c
 *	  A token's word as the learned models read it (see words.h).
 */
#include <stdbool.h>
#include <string.h>

#include "lexicon.h"
#include "words.h"

/* TextAsciiPunct(c) for every byte (a look-up instead of four range tests; 0 from 128 on) */
const uint8_t TextAsciiPunctTable[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0,
};

/*
 * The bytes s[*a .. *b) TextNormaliseWord reads: stripped of ASCII punctuation (a leading
 * '@' or '#' stays), or all of s when nothing else is left (an emoticon).
 */
static inline void
word_bounds(const char *s, size_t len, size_t *pa, size_t *pb)
{
	size_t		a = 0,
				b = len;

	while (a < b && TextAsciiPunct((unsigned char) s[a]) && s[a] != '@' && s[a] != '#')
		a++;
	while (b > a && TextAsciiPunct((unsigned char) s[b - 1]))
		b--;
	if (a == b)
	{
		a = 0;
		b = len;				/* all punctuation (an emoticon): keep it whole */
	}
	*pa = a;
	*pb = b;
}

/* a link ("http..." and more) */
static inline bool
is_link(const char *s, size_t a, size_t b)
{
	return b - a > 4 && (s[a] == 'h' || s[a] == 'H') && strncmp(s + a + 1, "ttp", 3) == 0;
}

/* a mention ("@" and more) */
static inline bool
is_mention(const char *s, size_t a, size_t b)
{
	return s[a] == '@' && b - a > 1;
}

static inline bool
is_number_byte(int c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':';
}

/*
 * The word of s[a .. b): ASCII lower-cased, runs of three or more equal bytes squeezed to
 * two.  Writes the bytes to out (unless NULL), their LexiconHash() to *hash (unless NULL);
 * returns how many, *number: all of them are digits or . , :
 */
static inline size_t
squeeze(const char *s, size_t a, size_t b, char *out, uint32_t *hash, bool *number)
{
	size_t		o = 0;
	int			p1 = -1,		/* the last two bytes written (-1: none yet) */
				p2 = -1;
	uint32_t	h = LEXICON_HASH_INIT;
	bool		num = true;

	for (size_t i = a; i < b; i++)
	{
		int			c = (unsigned char) s[i];

		if ((unsigned) (c - 'A') < 26u)
			c += 'a' - 'A';
		if (c == p1 && c == p2)
			continue;
		if (out)
			out[o] = (char) c;
		if (hash)
			h = LEXICON_HASH_STEP(h, c);
		num = num && is_number_byte(c);
		o++;
		p2 = p1;
		p1 = c;
	}
	if (hash)
		*hash = h;
	*number = num;
	return o;
}

size_t
TextNormaliseWord(const char *s, size_t len, char *out)
{
	size_t		a,
				b,
				o;
	bool		number;

	word_bounds(s, len, &a, &b);
	if (is_link(s, a, b))
	{
		memcpy(out, "http", 4);
		return 4;
	}
	if (is_mention(s, a, b))
	{
		memcpy(out, "@user", 5);
		return 5;
	}
	o = squeeze(s, a, b, out, NULL, &number);
	/* a number: digits with . , : (a squeezed run is of bytes that were kept) */
	if (number && o > 0)
	{
		out[0] = '0';
		return 1;
	}
	return o;
}

uint32_t
TextNormalisedHash(const char *s, size_t len)
{
	size_t		a,
				b,
				o;
	bool		number;
	uint32_t	h;

	word_bounds(s, len, &a, &b);
	if (is_link(s, a, b))
		return LexiconHash("http", 4);
	if (is_mention(s, a, b))
		return LexiconHash("@user", 5);
	o = squeeze(s, a, b, NULL, &h, &number);
	return (number && o > 0) ? LexiconHash("0", 1) : h;
}
