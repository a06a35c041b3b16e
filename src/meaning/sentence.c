/*
 * sentence.c
 *	  Sentence and clause boundaries of UTF-8 text (pure C core): see sentence.h.
 *
 * The splitter walks the text once, code point by code point, and records cut positions;
 * sentences are the trimmed pieces between cuts.  Every decision looks at most at the word
 * before a mark and the first character after it, so the work is linear in the text.
 */
#include <string.h>

#include <utf8proc.h>

#include "core_env.h"
#include "sentence.h"
#include "tokenizer.h"

/* ---------------------------------------------------------------------------
 * languages: abbreviations that never end a sentence ("Dr.", "e.g.") and that end one only
 * before a capital ("etc.", "usw."), written lower-case without their last dot
 * ------------------------------------------------------------------------- */

typedef struct LangSplit
{
	const char *language;
	const char *const *keep;	/* never end a sentence */
	const char *const *mayend;	/* end one only before a capital */
	bool		ordinals;		/* "3. Mai": a small number with a dot is an ordinal */
	const char *const *ordinal_before;	/* words before such a number ("am", "vom") */
	const char *const *contrast;	/* contrastive conjunctions (hard clause cut) */
	const char *const *coord;	/* coordinating conjunctions (soft clause cut) */
} LangSplit;

static const char *const keep_common[] = {
	"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "cf", "nr", "ref", "tel",
	"a.k.a", "viz", "mt", "capt", "gen", "sgt", "lt", "col", "rev", "hon", "fig", "ca", NULL
};
static const char *const mayend_common[] = {
	"etc", "approx", "min", "max", "mins", "hrs", "sec", "secs", "inc", "ltd", "co", "corp",
	"pcs", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", NULL
};

static const char *const keep_fr[] = {"ex", "m", "mme", "mlle", "mm", "pr", "ste", "p.ex", "n°", "c.-à-d", "c.à.d", NULL};
static const char *const mayend_fr[] = {"env", "av", "apr", "tél", "j.-c", NULL};
static const char *const keep_es[] = {"sra", "srta", "dra", "d", "dña", "ud", "uds", "vd", "vds", "p.ej", "lic", "ing", "núm", "n°", "nº", NULL};
static const char *const mayend_es[] = {"aprox", "pág", "cía", "ej", NULL};
static const char *const keep_pt[] = {"ex", "sra", "srª", "dra", "profª", "p.ex", "v.exa", "exmo", "exma", "n.º", "nº", NULL};
static const char *const mayend_pt[] = {"aprox", "pág", "lda", "ltda", "cia", NULL};
static const char *const keep_de[] = {"z.b", "d.h", "u.a", "bzw", "ggf", "evtl", "hr", "fr", "str", "s.o", "s.u", "vgl", "inkl", "zzgl", "u.u", "o.ä", "sog", "bspw", "z.t", "ggü", NULL};
static const char *const mayend_de[] = {"usw", "usf", "tsd", "mio", "mrd", "std", NULL};
static const char *const keep_it[] = {"sig", "sigg", "sig.ra", "dott", "dott.ssa", "avv", "ing", "arch", "es", "p.es", "pag", "n", NULL};
static const char *const mayend_it[] = {"ecc", NULL};
static const char *const keep_nl[] = {"dhr", "mevr", "mw", "bijv", "bv", "o.a", "m.b.t", "i.p.v", "t.a.v", "z.s.m", "d.w.z", "ir", "ing", NULL};
static const char *const mayend_nl[] = {"enz", "e.d", "e.a", NULL};
static const char *const keep_da[] = {"dvs", "d.v.s", "kl", "hr", "fru", "f.eks", "bl.a", "mht", "iflg", "inkl", "evt", "pga", NULL};
static const char *const mayend_da[] = {"osv", "mv", "m.m", "kr", NULL};
static const char *const keep_sv[] = {"dvs", "d.v.s", "t.ex", "bl.a", "s.k", "p.g.a", "inkl", "ev", "resp", "kl", "ang", NULL};
static const char *const mayend_sv[] = {"osv", "m.m", "kr", NULL};
static const char *const keep_pl[] = {"np", "tzw", "mgr", "inż", "ul", "tj", "tzn", "godz", "sp", "ww", "wg", "ds", "im", "św", NULL};
static const char *const mayend_pl[] = {"itd", "itp", "zł", "tys", "mln", "mld", "pkt", "proc", NULL};

static const char *const ord_de[] = {"am", "vom", "zum", "bis", "seit", "ab", "den", "dem", "der", "die", "das", "im", "beim", "jeden", "jede", "zur", NULL};
static const char *const ord_da[] = {"den", "d", "fra", "til", "siden", "i", NULL};

static const char *const contrast_en[] = {"but", "however", "although", "though", "whereas", "even though", "except that", "otherwise", "yet", "on the other hand", NULL};
static const char *const coord_en[] = {"and", NULL};
static const char *const contrast_fr[] = {"mais", "cependant", "pourtant", "toutefois", "néanmoins", "alors que", "par contre", "en revanche", "bien que", NULL};
static const char *const coord_fr[] = {"et", NULL};
static const char *const contrast_es[] = {"pero", "sino", "aunque", "sin embargo", "mientras que", "en cambio", NULL};
static const char *const coord_es[] = {"y", "e", NULL};
static const char *const contrast_pt[] = {"mas", "porém", "contudo", "entretanto", "embora", "no entanto", "enquanto", NULL};
static const char *const coord_pt[] = {"e", NULL};
static const char *const contrast_de[] = {"aber", "jedoch", "doch", "obwohl", "sondern", "allerdings", "während", NULL};
static const char *const coord_de[] = {"und", NULL};
static const char *const contrast_it[] = {"ma", "però", "tuttavia", "invece", "mentre", "anche se", "sebbene", NULL};
static const char *const coord_it[] = {"e", "ed", NULL};
static const char *const contrast_nl[] = {"maar", "echter", "hoewel", "terwijl", "daarentegen", NULL};
static const char *const coord_nl[] = {"en", NULL};
static const char *const contrast_da[] = {"men", "dog", "selvom", "mens", "derimod", NULL};
static const char *const coord_da[] = {"og", NULL};
static const char *const contrast_sv[] = {"men", "dock", "fast", "medan", "trots att", "däremot", NULL};
static const char *const coord_sv[] = {"och", NULL};
static const char *const contrast_pl[] = {"ale", "lecz", "jednak", "chociaż", "choć", "natomiast", "ale za to", NULL};
static const char *const coord_pl[] = {"i", "oraz", NULL};

static const LangSplit languages[] = {
	{"en", NULL, NULL, false, NULL, contrast_en, coord_en},
	{"fr", keep_fr, mayend_fr, false, NULL, contrast_fr, coord_fr},
	{"es", keep_es, mayend_es, false, NULL, contrast_es, coord_es},
	{"pt", keep_pt, mayend_pt, false, NULL, contrast_pt, coord_pt},
	{"de", keep_de, mayend_de, true, ord_de, contrast_de, coord_de},
	{"it", keep_it, mayend_it, false, NULL, contrast_it, coord_it},
	{"nl", keep_nl, mayend_nl, false, NULL, contrast_nl, coord_nl},
	{"da", keep_da, mayend_da, true, ord_da, contrast_da, coord_da},
	{"sv", keep_sv, mayend_sv, false, NULL, contrast_sv, coord_sv},
	{"pl", keep_pl, mayend_pl, true, NULL, contrast_pl, coord_pl},
};

static const LangSplit *
find_language(const char *language)
{
	static const LangSplit *last = &languages[0];	/* most calls ask for the same one */

	if (language && strcmp(last->language, language) == 0)
		return last;
	for (size_t i = 0; language && i < sizeof(languages) / sizeof(languages[0]); i++)
		if (strcmp(languages[i].language, language) == 0)
			return last = &languages[i];
	return &languages[0];
}

static inline bool
ascii_alnum(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool
in_list(const char *const *list, const char *w, size_t len)
{
	for (; list && *list; list++)
		if ((*list)[0] == w[0] && strlen(*list) == len && memcmp(*list, w, len) == 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------------------
 * code points
 * ------------------------------------------------------------------------- */

/* the code point at s[i] and its length in *n (an invalid byte reads as U+FFFD, length 1) */
static inline int32_t
decode(const uint8_t *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (s[i] < 0x80)
	{
		*n = 1;
		return s[i];
	}
	k = utf8proc_iterate(s + i, (utf8proc_ssize_t) (len - i), &cp);
	if (k <= 0)
	{
		*n = 1;
		return 0xFFFD;
	}
	*n = (size_t) k;
	return cp;
}

/* start of the code point before byte i (i > 0) */
static inline size_t
prev_start(const uint8_t *s, size_t i)
{
	size_t		j = i - 1;

	while (j > 0 && (s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return j;
}

static inline int32_t
prev_cp(const uint8_t *s, size_t len, size_t i)
{
	size_t		n;

	return i == 0 ? -1 : decode(s, len, prev_start(s, i), &n);
}

static inline bool
is_upper(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static inline bool
is_lower(int32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static inline bool
is_alnum(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) || k == UTF8PROC_CATEGORY_ND ||
		k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC;
}

static inline bool
is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

/* Python's str.isspace(), as the tokenizer splits */
static inline bool
is_space(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
	return TokenizerIsSpace((uint32_t) c);
}

static inline bool
is_newline(int32_t c)
{
	return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* pictographs, dingbats and symbols used as emoji, and the marks that join or modify them */
static inline bool
is_emoji(int32_t c)
{
	return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
		(c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2300 && c <= 0x23FF) ||
		c == 0xFE0F || c == 0x200D || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

/* sentence-ending marks; *kind: 1 dot, 2 ! or ?, 3 ellipsis, 4 CJK (no space needed) */
static inline int
terminator(int32_t c)
{
	switch (c)
	{
		case '.':
			return 1;
		case '!':
		case '?':
		case 0x203C:			/* ‼ */
		case 0x2047:			/* ⁇ */
		case 0x2048:			/* ⁈ */
		case 0x2049:			/* ⁉ */
			return 2;
		case 0x2026:			/* … */
			return 3;
		case 0x3002:			/* 。 */
		case 0xFF01:			/* ！ */
		case 0xFF1F:			/* ？ */
		case 0xFF61:			/* ｡ */
			return 4;
	}
	return 0;
}

/* closing quotes and brackets that stay with the sentence they follow */
static inline bool
is_closer(int32_t c)
{
	return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == 0x201D ||
		c == 0x2019 || c == 0x00BB || c == 0x00AB || c == 0x201C || c == 0x2018 ||
		c == 0x203A || c == 0x2039 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == 0x3011;
}

/* opening quotes, brackets and the Spanish inverted marks that may start a sentence */
static inline bool
is_opener(int32_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x201D ||
		c == 0x201E || c == 0x201A || c == 0x2018 || c == 0x00AB || c == 0x00BB ||
		c == 0x2039 || c == 0x203A || c == 0x00BF || c == 0x00A1 || c == 0x300C || c == 0x300E;
}

/* ---------------------------------------------------------------------------
 * tokens: emoticons, URLs and e-mail addresses
 * ------------------------------------------------------------------------- */

/* end of the white-space-delimited token starting at i */
static size_t
token_end(const uint8_t *s, size_t len, size_t i)
{
	while (i < len)
	{
		size_t		n;
		int32_t		c = decode(s, len, i, &n);

		if (is_space(c))
			break;
		i += n;
	}
	return i;
}

static size_t
token_start(const uint8_t *s, size_t len, size_t i)
{
	while (i > 0)
	{
		size_t		j = prev_start(s, i);
		size_t		n;

		if (is_space(decode(s, len, j, &n)))
			break;
		i = j;
	}
	return i;
}

static bool
is_emoticon(const uint8_t *p, size_t n)
{
	static const char *const fixed[] = {
		"<3", "</3", "^^", "^_^", "^.^", "-_-", "o_O", "O_o", "T_T", ";_;", "xD", "XD", "xP",
		"XP", ":')", ":'(", ":'-(", ":'-)", NULL
	};
	size_t		k = 0;
	bool		nose = false;

	if (in_list(fixed, (const char *) p, n))
		return true;
	if (n < 2 || n > 8 || strchr(":;=", p[0]) == NULL)
		return false;
	k = 1;
	if (strchr("-'^o", p[k]) != NULL)
	{
		nose = true;
		k++;
	}
	if (k == n)
		return nose && p[k - 1] != '-';
	for (; k < n; k++)
		if (strchr(")(DPpOo/\\|][*3$@}{<>cC", p[k]) == NULL)
			return false;
	return true;
}

/* the token around byte i is a URL or an e-mail address */
static bool
in_url(const uint8_t *s, size_t len, size_t i)
{
	size_t		a = token_start(s, len, i);
	size_t		b = token_end(s, len, i);
	bool		at = false;

	if (b - a >= 4 && (memcmp(s + a, "www.", 4) == 0 || memcmp(s + a, "WWW.", 4) == 0))
		return true;
	for (size_t k = a; k < b; k++)
	{
		if (k + 3 <= b && memcmp(s + k, "://", 3) == 0)
			return true;
		if (s[k] == '@' && k > a)
			at = true;
		else if (at && s[k] == '.')
			return true;
	}
	return false;
}

/*
 * End of the emoji and emoticons from byte i (white space between them included, not
 * after them), or i if there is none there.
 */
static size_t
emoji_run_end(const uint8_t *s, size_t len, size_t i)
{
	size_t		end = i;
	size_t		k = i;

	while (k < len)
	{
		size_t		n;
		int32_t		c = decode(s, len, k, &n);

		if (is_emoji(c) || (c >= 0x1F3FB && c <= 0x1F3FF))
		{
			k += n;
			end = k;
		}
		else if (c == ' ' || c == '\t' || c == 0xA0)
			k += n;
		else if ((k == 0 || is_space(prev_cp(s, len, k))) && !is_alnum(c))
		{
			size_t		e = token_end(s, len, k);

			if (!is_emoticon(s + k, e - k))
				break;
			k = e;
			end = e;
		}
		else
			break;
	}
	return end;
}

/* ---------------------------------------------------------------------------
 * the splitter
 * ------------------------------------------------------------------------- */

typedef struct Cuts
{
	uint32_t   *v;
	size_t		n;
	size_t		cap;
} Cuts;

static void
push_cut(Cuts *c, size_t pos)
{
	if (c->n > 0 && c->v[c->n - 1] >= pos)
		return;
	CoreGrowArray((void **) &c->v, &c->cap, c->n + 1, sizeof(uint32_t), 32);
	c->v[c->n++] = (uint32_t) pos;
}

/* skip white space from i; *newlines gets the line breaks skipped ("\r\n" is one) */
static size_t
skip_space(const uint8_t *s, size_t len, size_t i, int *newlines)
{
	*newlines = 0;
	while (i < len)
	{
		size_t		n;
		int32_t		c = decode(s, len, i, &n);

		if (!is_space(c))
			break;
		if (c == 0x2029)
			*newlines += 2;
		else if (is_newline(c) && !(c == '\r' && i + 1 < len && s[i + 1] == '\n'))
			(*newlines)++;
		i += n;
	}
	return i;
}

/* whether the text from byte t reads as a sentence start: openers skipped, then not lower case */
static bool
starts_sentence(const uint8_t *s, size_t len, size_t t, bool capital_only)
{
	while (t < len)
	{
		size_t		n;
		int32_t		c = decode(s, len, t, &n);

		if (c == 0x00BF || c == 0x00A1)
			return true;		/* ¿ ¡ */
		if (!is_opener(c))
			return capital_only ? is_upper(c) : !is_lower(c);
		t += n;
	}
	return true;
}

/* lower-cased copy of the word before byte i (letters, digits, inner dots, apostrophes) */
static size_t
word_before(const uint8_t *s, size_t len, size_t i, char *buf, size_t bufsize, size_t *wstart)
{
	size_t		a = i;
	size_t		o = 0;

	while (a > 0)
	{
		size_t		j = prev_start(s, a);
		size_t		n;
		int32_t		c = decode(s, len, j, &n);

		if (!(is_alnum(c) || c == '.' || c == '\'' || c == '-' || c == 0x00B0 || c == 0x00BA || c == 0x00AA))
			break;
		a = j;
	}
	/* a leading dot or dash is not part of the word (".5", "-Dr") */
	while (a < i && (s[a] == '.' || s[a] == '-'))
		a++;
	*wstart = a;
	for (size_t k = a; k < i;)
	{
		size_t		n;
		int32_t		c = decode(s, len, k, &n);
		uint8_t		tmp[4];
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(c), tmp);

		if (o + (size_t) m >= bufsize)
			return 0;			/* too long to be an abbreviation */
		memcpy(buf + o, tmp, (size_t) m);
		o += (size_t) m;
		k += n;
	}
	buf[o] = '\0';
	return o;
}

/* the word at byte t, lower-cased, is in list */
static bool
word_at_in(const uint8_t *s, size_t len, size_t t, const char *const *list)
{
	char		buf[32];
	size_t		o = 0;

	while (t < len)
	{
		size_t		n;
		int32_t		c = decode(s, len, t, &n);
		uint8_t		tmp[4];
		utf8proc_ssize_t m;

		if (!is_alnum(c))
			break;
		m = utf8proc_encode_char(utf8proc_tolower(c), tmp);
		if (o + (size_t) m >= sizeof(buf))
			return false;
		memcpy(buf + o, tmp, (size_t) m);
		o += (size_t) m;
		t += n;
	}
	return o > 0 && in_list(list, buf, o);
}

static const char *const months_de[] = {"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "jänner", NULL};
static const char *const months_da[] = {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december", NULL};

/*
 * Whether a single dot at byte i (the mark run ends at k, the next sentence would start at
 * t) ends a sentence.
 */
static bool
dot_ends(const uint8_t *s, size_t len, size_t i, size_t t, size_t piece_start,
		 const LangSplit *ls)
{
	char		w[48];
	size_t		ws;
	size_t		wl = word_before(s, len, i, w, sizeof(w), &ws);
	size_t		n;
	int32_t		next = decode(s, len, t, &n);
	bool		all_digits = wl > 0;

	if (wl == 0)
		return true;
	for (size_t k = 0; k < wl; k++)
		all_digits = all_digits && is_digit(w[k]);
	if (all_digits)
	{
		int			nl;

		/* "1. Delivery ..." at the start of a sentence or line: a list number */
		if (skip_space(s, len, piece_start, &nl) >= ws)
			return false;
		if (ls->ordinals && wl <= 2)
		{
			if (is_lower(next))
				return false;
			if (word_at_in(s, len, t, strcmp(ls->language, "da") == 0 ? months_da : months_de))
				return false;
			if (ls->ordinal_before && ws > 0)
			{
				char		pw[48];
				size_t		pws;
				size_t		a = ws;

				while (a > 0 && is_space(prev_cp(s, len, a)))
					a = prev_start(s, a);
				if (a < ws && word_before(s, len, a, pw, sizeof(pw), &pws) > 0 &&
					in_list(ls->ordinal_before, pw, strlen(pw)))
					return false;
			}
		}
		return true;
	}
	/* a single letter: an initial ("J. Smith"), or the first part of a spaced abbreviation
	 * ("z. B.", "p. ex.", "d. h.") when a short word with a dot follows */
	{
		size_t		m;
		int32_t		c = decode(s, len, ws, &m);

		if (ws + m == i && is_upper(c))
			return false;
		if (ws + m == i && is_lower(c))
		{
			size_t		e = t,
						letters = 0;

			while (e < len && is_alnum(decode(s, len, e, &m)) && letters <= 3)
			{
				e += m;
				letters++;
			}
			if (letters >= 1 && letters <= 3 && e < len && s[e] == '.')
				return false;
			/* the second letter of "d. h.", "z. B." */
			if (ws >= 3 && s[ws - 1] == ' ' && s[ws - 2] == '.' &&
				is_alnum(decode(s, len, prev_start(s, ws - 2), &m)) &&
				(prev_start(s, ws - 2) == 0 || !is_alnum(prev_cp(s, len, prev_start(s, ws - 2)))))
				return false;
		}
	}
	/* "No. 5", "Nr. 12" */
	if (is_digit(next) && (in_list((const char *const[]) {"no", "n", "nr", "nº", "n°", "núm", "num", NULL}, w, wl)))
		return false;
	if (in_list(keep_common, w, wl) || in_list(ls->keep, w, wl))
		return false;
	if (in_list(mayend_common, w, wl) || in_list(ls->mayend, w, wl) ||
		(memchr(w, '.', wl) != NULL && !in_url(s, len, i)))
		return starts_sentence(s, len, t, true);
	return true;
}

/*
 * The marks starting at byte i: decide, record a cut, return where to go on.
 */
static size_t
after_marks(const uint8_t *s, size_t len, size_t i, size_t piece_start, const LangSplit *ls,
			Cuts *cuts)
{
	size_t		r = i;
	int			dots = 0;
	bool		excl = false,
				ell = false,
				cjk = false;
	size_t		k,
				t,
				n;
	int			newlines;
	int32_t		next;
	bool		had_closer,
				cut;

	while (r < len)
	{
		int32_t		c = decode(s, len, r, &n);
		int			kind = terminator(c);

		if (kind == 0)
			break;
		if (kind == 1)
			dots++;
		else if (kind == 2)
			excl = true;
		else if (kind == 3)
			ell = true;
		else
			cjk = true;
		r += n;
	}
	if (dots >= 2)
		ell = true;

	/* closing quotes and brackets right after the marks, or French " »" */
	k = r;
	while (k < len && is_closer(decode(s, len, k, &n)))
		k += n;
	if (k + 1 < len && (s[k] == ' ' || (s[k] == 0xC2 && k + 2 < len && s[k + 1] == 0xA0)))
	{
		size_t		sp = s[k] == ' ' ? 1 : 2;
		int32_t		c = decode(s, len, k + sp, &n);

		if ((c == 0x00BB || c == 0x203A) && (k + sp + n >= len || is_space(decode(s, len, k + sp + n, &n))))
		{
			decode(s, len, k + sp, &n);
			k += sp + n;
		}
	}
	had_closer = k > r;

	t = skip_space(s, len, k, &newlines);
	if (t >= len)
		return len;
	next = decode(s, len, t, &n);

	if (t == k)
	{
		/* no space after the marks */
		if (cjk)
		{
			push_cut(cuts, k);
			return k;
		}
		if (in_url(s, len, i))
			return r;
		if ((excl || ell) && (is_upper(next) || next == 0x00BF || next == 0x00A1))
			push_cut(cuts, k);
		else if (dots == 1 && !excl && is_upper(next) && is_lower(prev_cp(s, len, i)) &&
				 i >= 2 && is_alnum(prev_cp(s, len, prev_start(s, i))) &&
				 dot_ends(s, len, i, t, piece_start, ls))
			push_cut(cuts, k);	/* "late.Support" */
		return r;
	}

	/* emoji and emoticons after the marks stay with the sentence when a new one follows */
	{
		size_t		e = emoji_run_end(s, len, t);

		if (e > t)
		{
			int			nl2;
			size_t		t2 = skip_space(s, len, e, &nl2);

			if (t2 >= len || nl2 > 0 || starts_sentence(s, len, t2, false))
			{
				k = e;
				t = t2;
				newlines = nl2;
				if (t >= len)
					return len;
				next = decode(s, len, t, &n);
			}
		}
	}

	if (newlines >= 2 || cjk)
		cut = true;
	else if (excl)
		cut = !(had_closer && is_lower(next));
	else if (ell)
		cut = starts_sentence(s, len, t, false) && !is_lower(next);
	else
		cut = !(had_closer && is_lower(next)) && dot_ends(s, len, i, t, piece_start, ls);
	if (cut)
		push_cut(cuts, k);
	return cut ? t : k;
}

/*
 * The ASCII bytes SentenceSplit() looks at: line breaks, sentence marks and the first
 * characters of emoticons; every other ASCII byte needs no decision.
 */
static const bool ascii_special[128] = {
	['\n'] = true, ['\r'] = true, ['\v'] = true, ['\f'] = true,
	['.'] = true, ['!'] = true, ['?'] = true,
	[':'] = true, [';'] = true, ['='] = true, ['<'] = true, ['^'] = true, ['-'] = true
};

/* the cuts of one call, kept between calls (a text of many sentences gives its array back) */
static Cuts split_cuts;

void
SentenceSplit(const char *text, size_t len, const char *language, SentSpans *out)
{
	const uint8_t *s = (const uint8_t *) text;
	const LangSplit *ls = find_language(language);
	Cuts	   *cuts = &split_cuts;
	size_t		i = 0;
	size_t		steps = 0;
	size_t		prev = 0;
	bool		pending = false;
	size_t		pending_start = 0;

	out->n = 0;
	cuts->n = 0;
	while (i < len)
	{
		size_t		n;
		int32_t		c;
		size_t		piece_start;
		uint8_t		b = s[i];

		if ((++steps & 4095) == 0)
			CoreCheckInterrupts();
		/* most bytes are ASCII with nothing to decide: skip the run at once */
		if (b < 0x80 && !ascii_special[b])
		{
			size_t		stop = len - i > 4096 ? i + 4096 : len;	/* still check interrupts */

			for (i++; i < stop && s[i] < 0x80 && !ascii_special[s[i]]; i++)
				;
			continue;
		}
		c = decode(s, len, i, &n);
		piece_start = cuts->n ? cuts->v[cuts->n - 1] : 0;
		if (is_newline(c))
		{
			int			nl;
			size_t		j = skip_space(s, len, i, &nl);

			if (j >= len)
				break;
			if (nl >= 2 || !is_lower(decode(s, len, j, &n)))
				push_cut(cuts, i);
			i = j > i ? j : i + 1;
			continue;
		}
		if (terminator(c))
		{
			i = after_marks(s, len, i, piece_start, ls, cuts);
			continue;
		}
		if (is_emoji(c) || ((c == ':' || c == ';' || c == '=' || c == '<' || c == '^' || c == '-') &&
							 (i == 0 || is_space(prev_cp(s, len, i))) &&
							 is_emoticon(s + i, token_end(s, len, i) - i)))
		{
			/* emoji or an emoticon without a mark, before a capital: "Love it 😍 Will buy" */
			size_t		e = emoji_run_end(s, len, i);
			int			nl;
			size_t		t;

			if (e <= i)
				e = i + n;
			t = skip_space(s, len, e, &nl);
			if (t < len && t > e && nl == 0 && starts_sentence(s, len, t, true) &&
				terminator(decode(s, len, t, &n)) == 0)
				push_cut(cuts, e);
			i = e;
			continue;
		}
		i += n;
	}

	/* the pieces between cuts, trimmed; a piece without a letter or digit joins its neighbour */
	for (size_t c = 0; c <= cuts->n; c++)
	{
		size_t		a = prev,
					b = c < cuts->n ? cuts->v[c] : len;
		bool		alnum = false;
		int			nl;

		prev = b;
		a = skip_space(s, len, a, &nl);
		while (b > a && is_space(prev_cp(s, len, b)))
			b = prev_start(s, b);
		if (b <= a)
			continue;
		for (size_t k = a; k < b && !alnum;)
		{
			size_t		n;

			alnum = is_alnum(decode(s, len, k, &n));
			k += n;
		}
		if (!alnum && out->n > 0)
		{
			out->v[out->n - 1].end = (uint32_t) b;
			continue;
		}
		if (!alnum)
		{
			if (!pending)
				pending_start = a;
			pending = true;
			continue;
		}
		CoreGrowArray((void **) &out->v, &out->cap, out->n + 1, sizeof(SentSpan), 16);
		out->v[out->n].start = (uint32_t) (pending ? pending_start : a);
		out->v[out->n].end = (uint32_t) b;
		out->n++;
		pending = false;
	}
	if (pending)
	{
		/* nothing but emoji or punctuation: one sentence */
		size_t		b = len;

		while (b > pending_start && is_space(prev_cp(s, len, b)))
			b = prev_start(s, b);
		CoreGrowArray((void **) &out->v, &out->cap, 1, sizeof(SentSpan), 16);
		out->v[0].start = (uint32_t) pending_start;
		out->v[0].end = (uint32_t) b;
		out->n = 1;
	}
	if (cuts->cap > 4096)
	{
		CoreFree(cuts->v);
		cuts->v = NULL;
		cuts->cap = 0;
	}
}

void
SentSpansFree(SentSpans *spans)
{
	CoreFree(spans->v);
	memset(spans, 0, sizeof(*spans));
}

size_t
Utf8CharCount(const char *s, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char) s[i] & 0xC0) != 0x80;
	return n;
}

/* ---------------------------------------------------------------------------
 * clauses
 * ------------------------------------------------------------------------- */

static void
push_clause(ClauseCuts *out, size_t pos, int kind)
{
	if (out->n > 0 && out->v[out->n - 1].pos >= pos)
	{
		if (out->v[out->n - 1].pos == pos && kind > out->v[out->n - 1].kind)
			out->v[out->n - 1].kind = (uint8_t) kind;
		return;
	}
	CoreGrowArray((void **) &out->v, &out->cap, out->n + 1, sizeof(ClauseCut), 16);
	out->v[out->n].pos = (uint32_t) pos;
	out->v[out->n].kind = (uint8_t) kind;
	out->n++;
}

/* the words of phrase (lower case, single spaces) stand at byte i of s, whole words */
static bool
phrase_at(const uint8_t *s, size_t end, size_t i, const char *phrase)
{
	const uint8_t *p = (const uint8_t *) phrase;
	size_t		plen = strlen(phrase);
	size_t		j = 0;

	while (j < plen)
	{
		size_t		n,
					pn;
		int32_t		pc,
					c;

		if (i >= end)
			return false;
		pc = decode(p, plen, j, &pn);
		c = decode(s, end, i, &n);
		if (pc == ' ')
		{
			if (!is_space(c))
				return false;
			while (i < end && is_space(decode(s, end, i, &n)))
				i += n;
			j += pn;
			continue;
		}
		if (utf8proc_tolower(c) != pc)
			return false;
		i += n;
		j += pn;
	}
	if (i < end)
	{
		size_t		n;
		int32_t		c = decode(s, end, i, &n);

		if (is_alnum(c) || c == '\'' || c == 0x2019 || c == '-')
			return false;
	}
	return true;
}

void
ClauseSplit(const char *text, uint32_t start, uint32_t end, const char *language,
			ClauseCuts *out)
{
	const uint8_t *s = (const uint8_t *) text;
	const LangSplit *ls = find_language(language);
	size_t		i = start;
	bool		words_before = false;
	size_t		steps = 0;
	int32_t		last = ' ';		/* the code point before i (a space at the start) */

	out->n = 0;
	while (i < end)
	{
		size_t		n;
		int32_t		c;
		int32_t		before = last;

		/* inside an ASCII word: nothing to decide */
		if (s[i] < 0x80 && last < 0x80 && ascii_alnum(s[i]) && ascii_alnum(last))
		{
			last = s[i++];
			continue;
		}
		c = decode(s, end, i, &n);

		if ((++steps & 4095) == 0)
			CoreCheckInterrupts();
		if (c == ',' || c == ';' || c == ':' || c == 0xFF0C || c == 0x3001)
		{
			int			nl;
			size_t		t = skip_space(s, end, i + n, &nl);

			/* not "1,5" or "10:30" */
			if (!(is_digit(before) && t == i + n && t < end && is_digit(s[t])) && words_before && t < end)
				push_clause(out, t, c == ';' ? CLAUSE_HARD : CLAUSE_SOFT);
			i += n;
			last = c;
			continue;
		}
		if ((c == '-' || c == 0x2013 || c == 0x2014) && is_space(before) && i + n < end &&
			is_space(decode(s, end, i + n, &n)))
		{
			int			nl;
			size_t		t = skip_space(s, end, i + 1, &nl);

			if (words_before && t < end)
				push_clause(out, t, CLAUSE_HARD);
			i = t;
			last = ' ';			/* t follows white space */
			continue;
		}
		if (is_alnum(c) && !is_alnum(before) && before != '\'' && before != 0x2019 && before != '-')
		{
			if (words_before)
			{
				/* a conjunction starting with an ASCII letter starts with this one */
				int			lc = c < 0x80 ? (c | 0x20) : -1;

				for (const char *const *p = ls->contrast; *p; p++)
					if (((unsigned char) (*p)[0] >= 0x80 || (*p)[0] == lc) && phrase_at(s, end, i, *p))
					{
						push_clause(out, i, CLAUSE_HARD);
						break;
					}
				for (const char *const *p = ls->coord; *p; p++)
					if (((unsigned char) (*p)[0] >= 0x80 || (*p)[0] == lc) && phrase_at(s, end, i, *p))
					{
						push_clause(out, i, CLAUSE_SOFT);
						break;
					}
			}
			words_before = true;
		}
		i += n;
		last = c;
	}
	/* a cut right at the end leaves an empty clause: drop it */
	while (out->n > 0 && out->v[out->n - 1].pos >= end)
		out->n--;
}

void
ClauseCutsFree(ClauseCuts *cuts)
{
	CoreFree(cuts->v);
	memset(cuts, 0, sizeof(*cuts));
}
