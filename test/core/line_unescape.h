/*
 * line_unescape.h
 *	  The test drivers' input lines: \\, \t, \n and \r escapes as in COPY text format.
 */
#ifndef PGE_LINE_UNESCAPE_H
#define PGE_LINE_UNESCAPE_H

#include <stddef.h>

/* Unescape s[0..len) in place; returns the new length. */
static inline size_t
line_unescape(char *s, size_t len)
{
	size_t		o = 0;

	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == '\\' && i + 1 < len)
		{
			char		c = s[++i];

			s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
		}
		else
			s[o++] = s[i];
	}
	return o;
}

#endif							/* PGE_LINE_UNESCAPE_H */
