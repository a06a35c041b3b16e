/*
 * words.c
 *	  A token's word as the learned models read it (see words.h).
 */
#include <stdbool.h>
#include <string.h>

#include "words.h"

static inline bool
is_ascii_punct(unsigned char c)
{
	return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
		(c >= 123 && c <= 126);
}

size_t
TextNormaliseWord(const char *s, size_t len, char *out)
{
	size_t		a = 0,
				b = len,
				o = 0;
	int			p1 = -1,
				p2 = -1;

	while (a < b && is_ascii_punct((unsigned char) s[a]) && s[a] != '@' && s[a] != '#')
		a++;
	while (b > a && is_ascii_punct((unsigned char) s[b - 1]))
		b--;
	if (a == b)
	{
		a = 0;
		b = len;				/* all punctuation (an emoticon): keep it whole */
	}
	if (b - a > 4 && (s[a] == 'h' || s[a] == 'H') && strncmp(s + a + 1, "ttp", 3) == 0)
	{
		memcpy(out, "http", 4);
		return 4;
	}
	if (s[a] == '@' && b - a > 1)
	{
		memcpy(out, "@user", 5);
		return 5;
	}
	/* lower-case and squeeze; p1, p2: the last two bytes written (-1: none yet) */
	for (size_t i = a; i < b; i++)
	{
		int			c = (unsigned char) s[i];

		if ((unsigned) (c - 'A') < 26u)
			c += 'a' - 'A';
		if (c == p1 && c == p2)
			continue;
		out[o++] = (char) c;
		p2 = p1;
		p1 = c;
	}
	/* a number: digits with . , : (a squeezed run is of bytes that were kept, so the written
	 * bytes tell) */
	for (size_t i = 0; i < o; i++)
	{
		char		c = out[i];

		if ((c < '0' || c > '9') && c != '.' && c != ',' && c != ':')
			return o;
	}
	if (o > 0)
	{
		out[0] = '0';
		return 1;
	}
	return o;
}
