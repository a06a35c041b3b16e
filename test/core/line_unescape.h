/*
 * line_unescape.h
 *	  The test drivers' input lines: \\, \t, \n and \r escapes as in COPY text format.
 */
#ifndef PGE_LINE_UNESCAPE_H
#define PGE_LINE_UNESCAPE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

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

/*
 * Read the next text from f into *line (getline's buffer): the line without its newline,
 * unescaped.  Returns its length, or -1 at the end.
 */
static inline ssize_t
read_text_line(char **line, size_t *cap, FILE *f)
{
	ssize_t		len = getline(line, cap, f);

	if (len < 0)
		return -1;
	if (len > 0 && (*line)[len - 1] == '\n')
		len--;
	return (ssize_t) line_unescape(*line, (size_t) len);
}

#endif							/* PGE_LINE_UNESCAPE_H */
