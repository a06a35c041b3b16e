/*
 * tokenizer.c
 *	  UTF-8 text -> tokens with their lexicon entries (pure C; Unicode data from utf8proc).
 *
 * The input is valid UTF-8 (the SQL edge converts and verifies it); an invalid byte is
 * still handled safely, as one code point of its own.
 *
 * ASCII input, by far the common case, is tokenized in place without copying: the text is
 * only copied when emoji substitution has to rewrite it.
 */
#include <string.h>

#include <utf8proc.h>

#include "core_env.h"
#include "lexicon_words.h"
#include "tokenizer.h"

#define INTERRUPT_EVERY	65536	/* tokens (or bytes) between cancel checks */

/*
 * The fast paths for common tokens (see add_plain_token); built with PGE_GENERAL_PATHS_ONLY,
 * every token takes the general path (test/t/151_fast_paths.sh compares both builds).
 */
#ifdef PGE_GENERAL_PATHS_ONLY
#define FAST_PATHS 0
#else
#define FAST_PATHS 1
#endif

/* ---------------------------------------------------------------------------
 * small UTF-8 and character-class helpers
 * ------------------------------------------------------------------------- */

/* Decode the code point at s[0..len); returns its byte length (>= 1). */
static inline int
decode_cp(const unsigned char *s, size_t len, uint32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	if (s[0] < 0x80)
	{
		*cp = s[0];
		return 1;
	}
	n = utf8proc_iterate(s, len > 4 ? 4 : (utf8proc_ssize_t) len, &c);
	if (n <= 0)
	{
		*cp = 0xFFFD;			/* invalid byte: a code point of its own */
		return 1;
	}
	*cp = (uint32_t) c;
	return (int) n;
}

bool
TokenizerIsSpace(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
	return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
		cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* whitespace test at s[0..len): returns the byte length of the space, or 0 */
static inline int
space_len(const unsigned char *s, size_t len)
{
	uint32_t	cp;
	int			n;

	if (s[0] < 0x80)
		return ((s[0] >= 0x09 && s[0] <= 0x0D) || (s[0] >= 0x1C && s[0] <= 0x20)) ? 1 : 0;
	/* all non-ASCII spaces start with 0xC2, 0xE1, 0xE2 or 0xE3 */
	if (s[0] != 0xC2 && s[0] != 0xE1 && s[0] != 0xE2 && s[0] != 0xE3)
		return 0;
	n = decode_cp(s, len, &cp);
	return TokenizerIsSpace(cp) ? n : 0;
}

/*
 * Is s[0..len) all ASCII?  Eight bytes at a time: every text is checked, and this is the
 * switch between the copy-free ASCII path and emoji substitution.
 */
static inline bool
is_ascii(const unsigned char *s, size_t len)
{
	uint64_t	acc = 0;
	size_t		i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64_t	w;

		memcpy(&w, s + i, 8);	/* unaligned load */
		acc |= w;
	}
	for (; i < len; i++)
		acc |= s[i];
	return (acc & UINT64_C(0x8080808080808080)) == 0;
}

/* Python string.punctuation */
static const bool ascii_punct[128] = {
	['!'] = 1,['"'] = 1,['#'] = 1,['$'] = 1,['%'] = 1,['&'] = 1,['\''] = 1,['('] = 1,
	[')'] = 1,['*'] = 1,['+'] = 1,[','] = 1,['-'] = 1,['.'] = 1,['/'] = 1,[':'] = 1,
	[';'] = 1,['<'] = 1,['='] = 1,['>'] = 1,['?'] = 1,['@'] = 1,['['] = 1,['\\'] = 1,
	[']'] = 1,['^'] = 1,['_'] = 1,['`'] = 1,['{'] = 1,['|'] = 1,['}'] = 1,['~'] = 1,
};

/*
 * One table look-up per byte for the ASCII fast paths: while splitting, the classes of a
 * token's bytes are OR-ed together, so that an ASCII token needs no further pass to know
 * whether it is ALL CAPS, may contain "n't", or is pure ASCII (code points = bytes).
 */
#define CC_SPACE	0x01		/* Python str.isspace() */
#define CC_UPPER	0x02		/* A-Z */
#define CC_LOWER	0x04		/* a-z */
#define CC_APOS		0x08		/* ' (for "n't") */
#define CC_HIGH		0x10		/* a byte >= 0x80 (some non-ASCII code point) */
#define CC_PUNCT	0x20		/* Python string.punctuation (ascii_punct[]) */
#define CC_EMPH		0x40		/* ! or ? (counted for punctuation emphasis) */
#define CC_CLAUSE	0x80		/* , . ; : ! ? (a token ending in one ends a clause) */

static const uint8_t char_class[256] = {
	[0x09] = CC_SPACE,[0x0A] = CC_SPACE,[0x0B] = CC_SPACE,[0x0C] = CC_SPACE,[0x0D] = CC_SPACE,
	[0x1C] = CC_SPACE,[0x1D] = CC_SPACE,[0x1E] = CC_SPACE,[0x1F] = CC_SPACE,[0x20] = CC_SPACE,
	['!'] = CC_PUNCT | CC_EMPH | CC_CLAUSE,['"'... '&'] = CC_PUNCT,['\''] = CC_APOS | CC_PUNCT,
	['('... '+'] = CC_PUNCT,[','] = CC_PUNCT | CC_CLAUSE,['-'] = CC_PUNCT,
	['.'] = CC_PUNCT | CC_CLAUSE,['/'] = CC_PUNCT,[':'... ';'] = CC_PUNCT | CC_CLAUSE,
	['<'... '>'] = CC_PUNCT,['?'] = CC_PUNCT | CC_EMPH | CC_CLAUSE,
	['@'] = CC_PUNCT,['['... '`'] = CC_PUNCT,['{'... '~'] = CC_PUNCT,
	['A'... 'Z'] = CC_UPPER,
	['a'... 'z'] = CC_LOWER,
	[0x80 ... 0xFF] = CC_HIGH,
};

/*
 * Python's Other_Uppercase / Other_Lowercase code points that are not Lu / Ll: str.isupper()
 * uses the derived Uppercase and Lowercase properties, utf8proc only gives the category.
 */
static bool
other_lowercase(uint32_t cp)
{
	return cp == 0xAA || cp == 0xBA || (cp >= 0x2B0 && cp <= 0x2B8) || cp == 0x2C0 ||
		cp == 0x2C1 || (cp >= 0x2E0 && cp <= 0x2E4) || cp == 0x345 || cp == 0x37A ||
		(cp >= 0x1D2C && cp <= 0x1D6A) || cp == 0x1D78 || (cp >= 0x1D9B && cp <= 0x1DBF) ||
		cp == 0x2071 || cp == 0x207F || (cp >= 0x2090 && cp <= 0x209C) ||
		(cp >= 0x2170 && cp <= 0x217F) || (cp >= 0x24D0 && cp <= 0x24E9) ||
		(cp >= 0x2C7C && cp <= 0x2C7D) || (cp >= 0xA69C && cp <= 0xA69D) || cp == 0xA770 ||
		(cp >= 0xA7F8 && cp <= 0xA7F9) || (cp >= 0xAB5C && cp <= 0xAB5F);
}

static bool
other_uppercase(uint32_t cp)
{
	return (cp >= 0x2160 && cp <= 0x216F) || (cp >= 0x24B6 && cp <= 0x24CF) ||
		(cp >= 0x1F130 && cp <= 0x1F149) || (cp >= 0x1F150 && cp <= 0x1F169) ||
		(cp >= 0x1F170 && cp <= 0x1F189);
}

/* Python str.isupper(): no lower- or titlecase character and at least one uppercase one */
static bool
token_isupper(const unsigned char *s, size_t len)
{
	bool		cased = false;
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	cp;

		if (s[i] < 0x80)
		{
			if (s[i] >= 'a' && s[i] <= 'z')
				return false;
			if (s[i] >= 'A' && s[i] <= 'Z')
				cased = true;
			i++;
			continue;
		}
		i += decode_cp(s + i, len - i, &cp);
		switch (utf8proc_category((utf8proc_int32_t) cp))
		{
			case UTF8PROC_CATEGORY_LL:
			case UTF8PROC_CATEGORY_LT:
				return false;
			case UTF8PROC_CATEGORY_LU:
				cased = true;
				break;
			default:
				if (other_lowercase(cp))
					return false;
				if (other_uppercase(cp))
					cased = true;
				break;
		}
	}
	return cased;
}

/* ---------------------------------------------------------------------------
 * buffers
 * ------------------------------------------------------------------------- */

static inline void
ensure_buf(TokenList *list, size_t need)
{
	CoreGrowArray((void **) &list->buf, &list->bufcap, need, 1, 256);
}

static inline void
ensure_lower(TokenList *list, size_t need)
{
	CoreGrowArray((void **) &list->lower, &list->lowercap, need, 1, 64);
}

static inline void
ensure_tokens(TokenList *list, size_t need)
{
	if (need > TOKENIZER_MAX_TOKENS)
		CoreTokenLimitExceeded(TOKENIZER_MAX_TOKENS);
	CoreGrowArray((void **) &list->tokens, &list->tokcap, need, sizeof(Token), 64);
}

static void
add_emoji_span(TokenList *list, size_t start, size_t end)
{
	if (list->nemoji_spans >= TOKENIZER_MAX_TOKENS)
		CoreTokenLimitExceeded(TOKENIZER_MAX_TOKENS);
	CoreGrowArray((void **) &list->emoji_spans, &list->emoji_spancap, list->nemoji_spans + 1,
				  2 * sizeof(uint32_t), 16);
	list->emoji_spans[2 * list->nemoji_spans] = (uint32_t) start;
	list->emoji_spans[2 * list->nemoji_spans + 1] = (uint32_t) end;
	list->nemoji_spans++;
}

/* ---------------------------------------------------------------------------
 * step 1: emoji substitution
 * ------------------------------------------------------------------------- */

/* VADER 3.3.2: one code point at a time, no space after a description */
static size_t
substitute_emoji_vader(const SentimentConfig *cfg, const unsigned char *s, size_t len,
					   TokenList *list)
{
	size_t		out = 0;
	bool		prev_space = true;
	size_t		i = 0;

	/* a description is at most ~100 bytes for a 4-byte code point */
	ensure_buf(list, len + 64);
	while (i < len)
	{
		uint32_t	cp;
		int			n = decode_cp(s + i, len - i, &cp);
		const EmojiEntry *e = NULL;

		if (cp >= 0x80)
			e = EmojiLookup(cfg->emoji, (const char *) s + i, n);
		if (e)
		{
			ensure_buf(list, out + e->desclen + 1 + (len - i) + 64);
			if (!prev_space)
				list->buf[out++] = ' ';
			memcpy(list->buf + out, EmojiEntryDesc(cfg->emoji, e), e->desclen);
			add_emoji_span(list, out, out + e->desclen);
			out += e->desclen;
			prev_space = false;
		}
		else
		{
			memcpy(list->buf + out, s + i, n);
			out += n;
			prev_space = (cp == ' ');
		}
		i += n;
		if ((i & (INTERRUPT_EVERY - 1)) < (size_t) n)
			CoreCheckInterrupts();
	}
	return out;
}

static inline bool
is_variation_selector(uint32_t cp)
{
	return cp == 0xFE0F || cp == 0xFE0E;
}

static inline bool
is_skin_tone(uint32_t cp)
{
	return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

/*
 * Look an emoji grapheme cluster up (variation selectors removed): without skin-tone
 * modifiers, then as it is, then the part before the first zero-width joiner, then its first
 * code point alone.
 */
static const EmojiEntry *
lookup_cluster(const SentimentConfig *cfg, const unsigned char *s, size_t len)
{
	unsigned char key[64];
	size_t		klen = 0,
				notone = 0,
				firstcp = 0,
				before_zwj = 0;
	bool		has_tone = false,
				has_zwj = false;
	const EmojiEntry *e;
	size_t		i = 0;
	unsigned char key2[64];

	if (len > sizeof(key))
		return NULL;
	while (i < len)
	{
		uint32_t	cp;
		int			n = decode_cp(s + i, len - i, &cp);

		if (i == 0)
			firstcp = n;
		if (!is_variation_selector(cp))
		{
			memcpy(key + klen, s + i, n);
			klen += n;
			if (is_skin_tone(cp))
				has_tone = true;
			else
			{
				memcpy(key2 + notone, s + i, n);
				notone += n;
			}
			if (cp == 0x200D && !has_zwj)
			{
				has_zwj = true;
				before_zwj = notone - n;
			}
		}
		i += n;
	}
	/* the skin tone adds only neutral words ("medium skin tone"): prefer the plain emoji */
	if (has_tone && (e = EmojiLookup(cfg->emoji, (const char *) key2, notone)) != NULL)
		return e;
	if ((e = EmojiLookup(cfg->emoji, (const char *) key, klen)) != NULL)
		return e;
	if (has_zwj && before_zwj > 0 &&
		(e = EmojiLookup(cfg->emoji, (const char *) key2, before_zwj)) != NULL)
		return e;
	if (firstcp < len)
		return EmojiLookup(cfg->emoji, (const char *) s, firstcp);
	return NULL;
}

/*
 * s[j..] starts with a character of U+00C0..U+024F (the accented letters of the Latin
 * scripts, and × ÷): two UTF-8 bytes, C3 80 .. C9 8F
 */
static inline bool
latin_at(const unsigned char *s, size_t j, size_t len)
{
	return j + 1 < len && s[j] >= 0xC3 && s[j] <= 0xC9 && (s[j + 1] & 0xC0) == 0x80 &&
		(s[j] != 0xC9 || s[j + 1] <= 0x8F);
}

/*
 * The Latin fast paths of substitute_emoji_clusters() hold for an emoji table when no ASCII
 * character and no character of U+00C0..U+024F is an emoji of it, and those characters are
 * all of grapheme-break class Other (so none joins the character before it: a cluster of
 * one of them followed by ASCII or another of them is that one character, and it is not
 * replaced).  Checked once per table (there are two or three).
 */
static bool
latin_fast_ok(const EmojiTable *table)
{
	static const EmojiTable *checked[4];
	static bool ok[4];
	static int	nchecked = 0;
	bool		good = true;

	for (int k = 0; k < nchecked; k++)
		if (checked[k] == table)
			return ok[k];
	for (uint32_t cp = 0; cp < 0x250 && good; cp = (cp == 0x7F ? 0xC0 : cp + 1))
	{
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t) cp, u);

		good = EmojiLookup(table, (const char *) u, n) == NULL &&
			(cp < 0x80 || utf8proc_get_property((utf8proc_int32_t) cp)->boundclass == UTF8PROC_BOUNDCLASS_OTHER);
	}
	if (nchecked < 4)
	{
		checked[nchecked] = table;
		ok[nchecked++] = good;
	}
	return good;
}

/* 'en': per grapheme cluster, description spaced on both sides */
static size_t
substitute_emoji_clusters(const SentimentConfig *cfg, const unsigned char *s, size_t len,
						  TokenList *list)
{
	size_t		out = 0;
	size_t		i = 0;
	size_t		checked = 0;
	bool		latin = latin_fast_ok(cfg->emoji);

	ensure_buf(list, len + 64);
	while (i < len)
	{
		size_t		start = i;
		uint32_t	cp;
		utf8proc_int32_t state = 0;
		const EmojiEntry *e;
		int			n;

		/*
		 * two ASCII characters in a row never join into one grapheme (bar CR LF), nor an
		 * ASCII or accented Latin character and an accented Latin one (latin_fast_ok)
		 */
		if (s[i] < 0x80 && (i + 1 == len || s[i + 1] < 0x80 || (latin && latin_at(s, i + 1, len))))
		{
			list->buf[out++] = s[i++];
			continue;
		}
		if (latin && latin_at(s, i, len) &&
			(i + 2 == len || s[i + 2] < 0x80 || latin_at(s, i + 2, len)))
		{
			list->buf[out++] = s[i++];
			list->buf[out++] = s[i++];
			continue;
		}
		n = decode_cp(s + i, len - i, &cp);
		i += n;
		while (i < len)
		{
			uint32_t	next;
			int			m = decode_cp(s + i, len - i, &next);

			if (utf8proc_grapheme_break_stateful((utf8proc_int32_t) cp, (utf8proc_int32_t) next, &state))
				break;
			cp = next;
			i += m;
		}
		e = lookup_cluster(cfg, s + start, i - start);
		if (e)
		{
			ensure_buf(list, out + e->desclen + 2 + (len - i) + 64);
			if (out > 0 && list->buf[out - 1] != ' ')
				list->buf[out++] = ' ';
			memcpy(list->buf + out, EmojiEntryDesc(cfg->emoji, e), e->desclen);
			add_emoji_span(list, out, out + e->desclen);
			out += e->desclen;
			list->buf[out++] = ' ';
		}
		else
		{
			memcpy(list->buf + out, s + start, i - start);
			out += i - start;
		}
		if (i - checked >= INTERRUPT_EVERY)
		{
			CoreCheckInterrupts();
			checked = i;
		}
	}
	return out;
}

/* ---------------------------------------------------------------------------
 * steps 2-4: split, strip, look up
 * ------------------------------------------------------------------------- */

/*
 * Lower-case a token into list->lower for the look-up.  VADER uses Python's str.lower(),
 * and every key is ASCII, so only ASCII letters and U+212A KELVIN SIGN (-> "k") can make a
 * key match; 'en' lower-cases all of Unicode and reads U+2019 as an apostrophe.
 */
static size_t
lower_token(const SentimentConfig *cfg, const unsigned char *s, size_t len, TokenList *list,
			bool *has_upper_ascii, uint32_t *hash)
{
	size_t		out = 0;
	size_t		i = 0;
	bool		upper = false;
	uint32_t	h = LEXICON_HASH_INIT;

	/*
	 * Lower-casing can lengthen a character (U+023A, 2 bytes, becomes U+2C65, 3 bytes): at most
	 * twice its bytes, and invalid bytes are copied as they are.  3x leaves room to spare.
	 */
	ensure_lower(list, len * 3 + 8);

	/*
	 * ASCII prefix (usually the whole token): lower-case and hash the look-up key in the
	 * same pass, instead of hashing it again in LexiconLookup.
	 */
	while (i < len && s[i] < 0x80)
	{
		unsigned char c = s[i++];

		if (c >= 'A' && c <= 'Z')
		{
			c += 'a' - 'A';
			upper = true;
		}
		list->lower[out++] = (char) c;
		h = LEXICON_HASH_STEP(h, c);
	}
	if (i == len)
	{
		*has_upper_ascii = upper;
		*hash = h;
		return out;
	}

	while (i < len)
	{
		uint32_t	cp;
		int			n;

		if (s[i] < 0x80)
		{
			unsigned char c = s[i++];

			if (c >= 'A' && c <= 'Z')
			{
				c += 'a' - 'A';
				upper = true;
			}
			list->lower[out++] = (char) c;
			continue;
		}
		n = decode_cp(s + i, len - i, &cp);
		if (cp == 0x212A)
			list->lower[out++] = 'k';
		else if (cp == 0x2019 && (cfg->options & SC_CURLY_APOSTROPHE))
			list->lower[out++] = '\'';
		else if ((cfg->options & SC_UNICODE_LOWER) && !(cp == 0xFFFD && n == 1))
		{
			utf8proc_int32_t lc = utf8proc_tolower((utf8proc_int32_t) cp);
			utf8proc_ssize_t m = utf8proc_encode_char(lc, (utf8proc_uint8_t *) list->lower + out);

			out += m;
		}
		else
		{
			memcpy(list->lower + out, s + i, n);
			out += n;
		}
		i += n;
	}
	*has_upper_ascii = upper;
	*hash = LexiconHash(list->lower, out);
	return out;
}

static bool
contains_nt(const char *s, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++)
		if (s[i] == 'n' && s[i + 1] == '\'' && s[i + 2] == 't')
			return true;
	return false;
}

static bool
has_ascii_punct(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x80 && ascii_punct[s[i]])
			return true;
	return false;
}

/* code points in s[0..len) */
static size_t
count_cps(const unsigned char *s, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		n += (s[i] & 0xC0) != 0x80;
	return n;
}

/* ---------------------------------------------------------------------------
 * language configurations: look-ups for words the lexicon does not have as they are
 * ------------------------------------------------------------------------- */

#define FOLD_MAX 256			/* longer tokens are not folded (no word is that long) */
#define COMPOUND_MAX 64			/* longer tokens are not split into compound parts */

/*
 * Accents off (utf8proc DECOMPOSE | STRIPMARK per code point, as tools/gen_lexicon_i18n.py
 * folds the lexicon keys): "très" -> "tres".  Returns the folded length, or 0 when the
 * result would not fit.
 */
static size_t
fold_accents(const char *w, size_t len, char *out)
{
	size_t		o = 0;
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	cp;
		int			n = decode_cp((const unsigned char *) w + i, len - i, &cp);
		utf8proc_int32_t parts[8];
		int			last_boundclass = 0;
		utf8proc_ssize_t np;

		i += n;
		if (cp < 0x80)
		{
			if (o + 1 > FOLD_MAX)
				return 0;
			out[o++] = (char) cp;
			continue;
		}
		np = utf8proc_decompose_char((utf8proc_int32_t) cp, parts, lengthof(parts),
									 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &last_boundclass);
		if (np < 0 || np > (utf8proc_ssize_t) lengthof(parts))
			return 0;
		for (utf8proc_ssize_t k = 0; k < np; k++)
		{
			if (o + 4 > FOLD_MAX)
				return 0;
			o += utf8proc_encode_char(parts[k], (utf8proc_uint8_t *) out + o);
		}
	}
	return o;
}

static inline bool
has_valence(const LexEntry *e)
{
	return e != NULL && (e->flags & LEX_VALENCE);
}

/*
 * A language configuration's rule strings, prepared once per process: lengths measured, the
 * endings split at '>', and the (first byte, length) pairs of the lexicon's negation and
 * booster words, so that the look-ups below skip strlen/strchr and most compound probes.
 * The answers are those of the strings themselves.
 */
typedef struct Affix
{
	const char *s;
	uint32_t	len;
	bool		suffix;			/* neg_prefixes: "-los" is a suffix, stored without its '-' */
} Affix;

typedef struct Ending
{
	const char *from;			/* points into the rule string "from>to" */
	uint32_t	flen;
	const char *to;
	uint32_t	tlen;
} Ending;

typedef struct Prepared
{
	const SentimentConfig *cfg;	/* made from this configuration (or an equal copy of it) */

	/*
	 * A Bloom filter over the lexicon's keys (two bits per key in one 64-bit word, 8 bits
	 * of filter per key or more): most look-ups of the language rules are for forms the
	 * lexicon lacks, and the filter, 4-16 kB per language, answers most of them from the
	 * cache instead of a probe into the lexicon's slots (32-128 kB per language, a likely
	 * cache miss each).
	 */
	uint64_t   *bloom;
	uint32_t	bloom_bits;		/* log2 of its size in 64-bit words */

	int			nelisions,
				nneg_elisions,
				nneg_prefixes,
				nendings;
	Affix	   *elisions;
	Affix	   *neg_elisions;
	Affix	   *neg_prefixes;
	Ending	   *endings;
	/* bit min(len, 63) of rule_lenmask[first byte]: a negation or booster word has them */
	uint64_t	rule_lenmask[256];
	struct LangCacheEntry *cache;	/* lookup_language's answers, made on first use */
} Prepared;

/*
 * The answers of lookup_language (accents, elisions, affixes, endings, compounds: several
 * look-ups for each word the lexicon lacks, the function words of every text) for the words
 * met lately, direct-mapped by the word's hash, per prepared configuration.  An entry holds
 * the whole word, so a hit is the answer the look-ups would give.
 */
#define LANG_CACHE_BITS 11
#define LANG_CACHE_WORD 23		/* longer words are not kept */

typedef struct LangCacheEntry
{
	uint32_t	hash;			/* LexiconHash() of the word */
	uint32_t	flags;			/* the TOK_* flags lookup_language set */
	const LexEntry *e;			/* its answer */
	uint8_t		len;			/* 0: empty */
	char		word[LANG_CACHE_WORD];
} LangCacheEntry;

#define PREP_LEN_BIT(len) ((uint64_t) 1 << ((len) < 63 ? (len) : 63))

/*
 * The filter's two bits for a key's LexiconHash(), both in the same 64-bit word (one memory
 * access per look-up): the word from the hash's top bits after a multiply, the bits from
 * two 6-bit fields after another
 */
static inline uint32_t
bloom_word(const Prepared *p, uint32_t hash)
{
	return (uint32_t) (hash * 0x9E3779B1u) >> (32 - p->bloom_bits);
}

static inline uint64_t
bloom_mask(uint32_t hash)
{
	uint32_t	x = (hash ^ (hash >> 15)) * 0x85EBCA6Bu;

	return ((uint64_t) 1 << (x >> 26)) | ((uint64_t) 1 << ((x >> 20) & 63));
}

/* the key with this hash may be in the lexicon (false: it is not) */
static inline bool
bloom_maybe(const Prepared *p, uint32_t hash)
{
	uint64_t	m = bloom_mask(hash);

	return (p->bloom[bloom_word(p, hash)] & m) == m;
}

/* made on first use, kept for the life of the process: one per LanguageConfigs entry, then
 * any other configuration with language rules (copies such as the 'auto' placeholders) */
static Prepared **prepared = NULL;
static Prepared **prepared_other = NULL;
static size_t nprepared_other = 0;

/* the strings of list (suffixes: "-los" in neg_prefixes) */
static Affix *
prepare_affixes(const char *const *list, bool suffixes, int *n)
{
	Affix	   *out;
	int			k = 0;

	*n = 0;
	while (list && list[*n])
		(*n)++;
	out = CoreAlloc((*n + 1) * sizeof(Affix));
	for (; k < *n; k++)
	{
		out[k].suffix = suffixes && list[k][0] == '-';
		out[k].s = list[k] + out[k].suffix;
		out[k].len = (uint32_t) strlen(out[k].s);
	}
	return out;
}

static Prepared *
prepare_new(const SentimentConfig *cfg)
{
	Prepared   *p = CoreAlloc(sizeof(Prepared));

	memset(p, 0, sizeof(*p));
	p->cfg = cfg;
	p->elisions = prepare_affixes(cfg->elisions, false, &p->nelisions);
	p->neg_elisions = prepare_affixes(cfg->neg_elisions, false, &p->nneg_elisions);
	p->neg_prefixes = prepare_affixes(cfg->neg_prefixes, true, &p->nneg_prefixes);
	while (cfg->endings && cfg->endings[p->nendings])
		p->nendings++;
	p->endings = CoreAlloc((p->nendings + 1) * sizeof(Ending));
	for (int k = 0; k < p->nendings; k++)
	{
		const char *gt = strchr(cfg->endings[k], '>');

		p->endings[k].from = cfg->endings[k];
		p->endings[k].flen = (uint32_t) (gt - cfg->endings[k]);
		p->endings[k].to = gt + 1;
		p->endings[k].tlen = (uint32_t) strlen(gt + 1);
	}
	/* 64-bit words, at least 8 bits per key */
	p->bloom_bits = 3;
	while (p->bloom_bits < 26 && ((size_t) 64 << p->bloom_bits) < (size_t) cfg->words->nentries * 8)
		p->bloom_bits++;
	p->bloom = CoreAlloc(sizeof(uint64_t) << p->bloom_bits);
	memset(p->bloom, 0, sizeof(uint64_t) << p->bloom_bits);
	for (uint32_t k = 0; k < cfg->words->nentries; k++)
	{
		const LexEntry *e = &cfg->words->entries[k];
		uint32_t	hash = LexiconHash(cfg->words->strings + e->word, e->len);

		p->bloom[bloom_word(p, hash)] |= bloom_mask(hash);
		if ((e->flags & (LEX_NEGATE | LEX_BOOSTER)) && e->len > 0)
			p->rule_lenmask[(unsigned char) cfg->words->strings[e->word]] |= PREP_LEN_BIT(e->len);
	}
	return p;
}

/* cfg and p->cfg have the same rules (a copy of a configuration) */
static bool
same_rules(const SentimentConfig *cfg, const Prepared *p)
{
	return cfg->words == p->cfg->words && cfg->elisions == p->cfg->elisions &&
		cfg->neg_elisions == p->cfg->neg_elisions &&
		cfg->neg_prefixes == p->cfg->neg_prefixes && cfg->endings == p->cfg->endings;
}

static const Prepared *prepare_slow(const SentimentConfig *cfg);

/*
 * index of cfg in LanguageConfigs, or -1 for another configuration (a custom lexicon's copy
 * lives in the heap: compare addresses as integers, pointer subtraction across objects is
 * undefined and could land on a built-in's index)
 */
static inline ptrdiff_t
language_index(const SentimentConfig *cfg)
{
	uintptr_t	a = (uintptr_t) cfg,
				lo = (uintptr_t) LanguageConfigs,
				hi = (uintptr_t) (LanguageConfigs + NumLanguageConfigs);

	if (a < lo || a >= hi || (a - lo) % sizeof(SentimentConfig) != 0)
		return -1;
	return (ptrdiff_t) ((a - lo) / sizeof(SentimentConfig));
}

/* the prepared rules of cfg */
static inline const Prepared *
prepare(const SentimentConfig *cfg)
{
	ptrdiff_t	i = language_index(cfg);

	if (prepared != NULL && i >= 0 && prepared[i] != NULL)
		return prepared[i];
	return prepare_slow(cfg);
}

static const Prepared *
prepare_slow(const SentimentConfig *cfg)
{
	ptrdiff_t	i = language_index(cfg);
	Prepared   *p;

	if (i >= 0 && i < NumLanguageConfigs)
	{
		if (prepared == NULL)
		{
			prepared = CoreAlloc((size_t) NumLanguageConfigs * sizeof(Prepared *));
			memset(prepared, 0, (size_t) NumLanguageConfigs * sizeof(Prepared *));
		}
		if (prepared[i] == NULL)
			prepared[i] = prepare_new(cfg);
		return prepared[i];
	}
	for (size_t k = 0; k < nprepared_other; k++)
		if (same_rules(cfg, prepared_other[k]))
			return prepared_other[k];
	p = prepare_new(cfg);
	prepared_other = CoreRealloc(prepared_other, (nprepared_other + 1) * sizeof(Prepared *));
	prepared_other[nprepared_other++] = p;
	return p;
}

void
TokenizerForgetConfig(const SentimentConfig *cfg)
{
	size_t		k = 0;

	while (k < nprepared_other)
	{
		Prepared   *p = prepared_other[k];

		if (p->cfg != cfg && p->cfg->words != cfg->words)
		{
			k++;
			continue;
		}
		CoreFree(p->elisions);
		CoreFree(p->neg_elisions);
		CoreFree(p->neg_prefixes);
		CoreFree(p->endings);
		CoreFree(p->bloom);
		if (p->cache)
			CoreFree(p->cache);
		CoreFree(p);
		prepared_other[k] = prepared_other[--nprepared_other];
	}
}

/* some negation or booster word of cfg may be w[0..len) (false: none is) */
static inline bool
maybe_rule_word(const Prepared *p, const char *w, size_t len)
{
	return len == 0 || (p->rule_lenmask[(unsigned char) w[0]] & PREP_LEN_BIT(len));
}

/* LexiconLookup in cfg->words, the filter asked first */
static inline const LexEntry *
lex_find(const SentimentConfig *cfg, const Prepared *p, const char *w, size_t len)
{
	uint32_t	hash = LexiconHash(w, len);

	if (!bloom_maybe(p, hash))
		return NULL;
	return LexiconLookupHashed(cfg->words, w, len, hash);
}

/*
 * The lexicon form of a word by the language's inflection endings ("a>o": "pésima" ->
 * "pésimo", "slechte" -> "slecht"), for a word the lexicon does not have as it is.
 */
static const LexEntry *
lookup_endings(const SentimentConfig *cfg, const Prepared *p, const char *w, size_t len)
{
	char		buf[FOLD_MAX];
	const LexEntry *e;

	for (int k = 0; k < p->nendings; k++)
	{
		const Ending *en = &p->endings[k];

		if (len > en->flen + 2 && len - en->flen + en->tlen <= sizeof(buf) &&
			LexiconKeysEqual(w + len - en->flen, en->from, en->flen))
		{
			memcpy(buf, w, len - en->flen);
			memcpy(buf + len - en->flen, en->to, en->tlen);
			e = lex_find(cfg, p, buf, len - en->flen + en->tlen);
			if (has_valence(e))
				return e;
		}
	}
	return NULL;
}

/* A word, or failing that its lexicon form by the language's inflection endings. */
static const LexEntry *
lookup_word(const SentimentConfig *cfg, const Prepared *p, const char *w, size_t len)
{
	const LexEntry *e = lex_find(cfg, p, w, len);

	if (e != NULL || cfg->endings == NULL)
		return e;
	return lookup_endings(cfg, p, w, len);
}

/*
 * w[0..len) is a word of the language: in the lexicon (rule words too), among its compound
 * parts (neutral nouns and stems of feedback, tools/gen_lexicon_i18n.py), or one of these by
 * an inflection ending ("pakete" -> "paket")
 */
static bool
known_word(const SentimentConfig *cfg, const Prepared *pr, const char *w, size_t len)
{
	char		buf[COMPOUND_MAX + 8];

	if (len == 0 || len > COMPOUND_MAX)
		return false;
	if (lex_find(cfg, pr, w, len) != NULL ||
		(cfg->compound_parts && LexiconLookup(cfg->compound_parts, w, len) != NULL))
		return true;
	for (int k = 0; k < pr->nendings; k++)
	{
		const Ending *en = &pr->endings[k];
		size_t		blen = len - en->flen + en->tlen;

		if (len > en->flen + 2 && blen <= sizeof(buf) &&
			LexiconKeysEqual(w + len - en->flen, en->from, en->flen))
		{
			memcpy(buf, w, len - en->flen);
			memcpy(buf + len - en->flen, en->to, en->tlen);
			if (lex_find(cfg, pr, buf, blen) != NULL ||
				(cfg->compound_parts && LexiconLookup(cfg->compound_parts, buf, blen) != NULL))
				return true;
		}
	}
	return false;
}

/* a one-letter linking element between the parts of a compound ("Bestellung|s|problem") */
static inline bool
is_linking(char c)
{
	return c == 's' || c == 'n' || c == 'e' || c == 'a' || c == 'o' || c == 'u';
}

/*
 * The front part w[0..len) of a compound is a word, possibly with a linking element
 * ("Liefer|zeit", "Kunden|service", "Bestellungs|problem": German -s-, -n-, -en-, -es-, -er-,
 * -e-; Dutch and Scandinavian -s-, -e-, -a-)
 */
static bool
known_front(const SentimentConfig *cfg, const Prepared *pr, const char *w, size_t len)
{
	if (len < 3)
		return false;
	if (known_word(cfg, pr, w, len))
		return true;
	if (len >= 4 && is_linking(w[len - 1]) && known_word(cfg, pr, w, len - 1))
		return true;
	return len >= 5 && w[len - 2] == 'e' && (w[len - 1] == 'n' || w[len - 1] == 's' ||
											 w[len - 1] == 'r') &&
		known_word(cfg, pr, w, len - 2);
}

/*
 * A compound whose head (last part) is a lexicon word: "Servicekatastrophe", "jättebra",
 * "nicht-funktionierend".  The part in front may negate ("nicht", a negation word) or boost
 * ("super", a booster word) the head.  The longest head of at least 4 bytes wins, or of 3
 * when a rule word stands in front ("jättebra").  Failing that, a lexicon word in front of a
 * neutral head ("Scheißladen"), of at least 5 bytes.
 *
 * Both parts must be words: a lexicon word at the end counts only behind a known front
 * (not "Öster|reich", "Frank|reich"), a lexicon word in front only before a known head (not
 * "Beste|llnummer", "Reich|weite"); known are the lexicon's words and the language's compound
 * parts (known_word).  Hyphens mark the parts, so there the last part is taken as it is.
 */
static const LexEntry *
lookup_compound(const SentimentConfig *cfg, const Prepared *pr, const char *w, size_t len,
				uint32_t *flags)
{
	const char *hyphen;
	const LexEntry *e;

	/* real compounds are short; a long run of letters is not worth len^2 look-ups */
	if (len > COMPOUND_MAX)
		return NULL;
	hyphen = memchr(w, '-', len);
	if (hyphen != NULL)
	{
		const char *last = w + len;

		while (last > hyphen && last[-1] != '-')
			last--;
		e = lookup_word(cfg, pr, last, w + len - last);
		if (has_valence(e))
		{
			const LexEntry *front = lex_find(cfg, pr, w, hyphen - w);

			if (front != NULL && (front->flags & LEX_NEGATE))
				*flags |= TOK_SELF_NEG;
			return e;
		}
		return NULL;
	}
	/* a known word in its own right is not a compound of others ("Frankrijk", "Österreich") */
	if (len < 8 || (cfg->compound_parts && LexiconLookup(cfg->compound_parts, w, len) != NULL))
		return NULL;
	for (size_t p = 2; p + 3 <= len; p++)
	{
		const LexEntry *front;

		if ((w[p] & 0xC0) == 0x80)
			continue;			/* not at a code point boundary */
		e = lex_find(cfg, pr, w + p, len - p);
		front = NULL;
		if (!has_valence(e))
		{
			/*
			 * an inflected head only behind a rule word: "superslechte", "nichtgute" (no
			 * negation or booster word has w[0..p)'s first byte and length: no need to look)
			 */
			if (!maybe_rule_word(pr, w, p))
				continue;
			front = lex_find(cfg, pr, w, p);
			if (front == NULL || !(front->flags & (LEX_NEGATE | LEX_BOOSTER)))
				continue;
			e = lookup_word(cfg, pr, w + p, len - p);
			if (!has_valence(e))
				continue;
		}
		if (front == NULL)
			front = lex_find(cfg, pr, w, p);
		if (front == NULL && p > 3 && w[p - 1] == 's')	/* German linking s */
			front = lex_find(cfg, pr, w, p - 1);
		if (front != NULL && (front->flags & LEX_NEGATE))
			*flags |= TOK_SELF_NEG;
		else if (front != NULL && (front->flags & LEX_BOOSTER) && front->booster > 0)
			*flags |= TOK_SELF_BOOST;
		else if (len - p < 4)
			continue;
		else if (front == NULL && !known_front(cfg, pr, w, p))
			continue;
		return e;
	}
	for (size_t p = len - 3; p >= 5; p--)
	{
		if ((w[p] & 0xC0) == 0x80)
			continue;
		e = lex_find(cfg, pr, w, p);
		if (has_valence(e) &&
			(known_word(cfg, pr, w + p, len - p) ||
			 (len - p > 4 && is_linking(w[p]) && known_word(cfg, pr, w + p + 1, len - p - 1))))
			return e;
	}
	return NULL;
}

/* w[0..len) starts with affix a (and is longer) */
static inline bool
has_affix_prefix(const char *w, size_t len, const Affix *a)
{
	return len > a->len && LexiconKeysEqual(w, a->s, a->len);
}

/*
 * The entry of a word that the lexicon does not have as it is (add_token looked it up): accents
 * folded, an elision stripped ("l'amour", "dell'albergo"; "n'aime" also negates), a negating
 * prefix or suffix ("unfreundlich", "niedobry"; "-los": "problemlos"), a compound part
 * (LO_COMPOUNDS).  Sets TOK_NEGATOR, TOK_SELF_NEG or TOK_SELF_BOOST in *flags.
 */
static const LexEntry *
lookup_language(const SentimentConfig *cfg, const char *w, size_t len, uint32_t *flags)
{
	const LexEntry *e;
	char		folded[FOLD_MAX];
	bool		ascii = is_ascii((const unsigned char *) w, len);
	const Prepared *pr = prepare(cfg);

	if (!ascii && (cfg->lang_options & LO_FOLD))
	{
		size_t		flen = fold_accents(w, len, folded);

		if (flen > 0 && flen != len)
		{
			if ((e = lex_find(cfg, pr, folded, flen)) != NULL)
				return e;
			w = folded;
			len = flen;
		}
	}
	if (memchr(w, '\'', len) != NULL)
	{
		for (int k = 0; k < pr->nneg_elisions; k++)
			if (has_affix_prefix(w, len, &pr->neg_elisions[k]))
			{
				*flags |= TOK_NEGATOR;
				return lookup_word(cfg, pr, w + pr->neg_elisions[k].len, len - pr->neg_elisions[k].len);
			}
		for (int k = 0; k < pr->nelisions; k++)
			if (has_affix_prefix(w, len, &pr->elisions[k]))
				return lookup_word(cfg, pr, w + pr->elisions[k].len, len - pr->elisions[k].len);
	}
	for (int k = 0; k < pr->nneg_prefixes; k++)
	{
		const Affix *a = &pr->neg_prefixes[k];

		if (a->suffix)
		{
			/* a negating suffix: "problem|los", "sorgen|frei" */
			if (len >= a->len + 4 && LexiconKeysEqual(w + len - a->len, a->s, a->len) &&
				has_valence(e = lookup_word(cfg, pr, w, len - a->len)))
			{
				*flags |= TOK_SELF_NEG;
				return e;
			}
		}
		else if (len >= a->len + 4 && has_affix_prefix(w, len, a) &&
				 has_valence(e = lookup_word(cfg, pr, w + a->len, len - a->len)))
		{
			*flags |= TOK_SELF_NEG;
			return e;
		}
	}
	/* w itself (as lower-cased, or folded) was looked up already and is not in the lexicon */
	if (cfg->endings != NULL && (e = lookup_endings(cfg, pr, w, len)) != NULL)
		return e;
	if (cfg->lang_options & LO_COMPOUNDS)
		return lookup_compound(cfg, pr, w, len, flags);
	return NULL;
}

/* lookup_language through the cache of its answers; hash is LexiconHash(w, len) */
static const LexEntry *
lookup_language_cached(const SentimentConfig *cfg, const char *w, size_t len, uint32_t hash,
					   uint32_t *flags)
{
	Prepared   *pr = (Prepared *) prepare(cfg);
	LangCacheEntry *c;
	uint32_t	added = 0;
	const LexEntry *e;

	if (len == 0 || len > LANG_CACHE_WORD)
		return lookup_language(cfg, w, len, flags);
	if (pr->cache == NULL)
	{
		pr->cache = CoreAlloc(sizeof(LangCacheEntry) << LANG_CACHE_BITS);
		memset(pr->cache, 0, sizeof(LangCacheEntry) << LANG_CACHE_BITS);
	}
	c = &pr->cache[(hash * 0x9E3779B1u) >> (32 - LANG_CACHE_BITS)];
	if (c->len == len && c->hash == hash && LexiconKeysEqual(c->word, w, len))
	{
		*flags |= c->flags;
		return c->e;
	}
	e = lookup_language(cfg, w, len, &added);
	c->hash = hash;
	c->flags = added;
	c->e = e;
	c->len = (uint8_t) len;
	memcpy(c->word, w, len);
	*flags |= added;
	return e;
}

/* keep_words: append the lower-cased token (key, llen bytes, hash) to the words */
static void
keep_word(TokenList *list, const char *key, size_t llen, uint32_t hash)
{
	size_t		i = list->ntokens - 1;

	CoreGrowArray((void **) &list->words, &list->wordscap, list->wordslen + llen + 1, 1, 256);
	if (list->ntokens > list->wordcap)
	{
		size_t		cap = CoreGrowCapacity(list->wordcap, list->ntokens, 64);

		list->word_off = CoreRealloc(list->word_off, cap * sizeof(uint32_t));
		list->word_len = CoreRealloc(list->word_len, cap * sizeof(uint32_t));
		list->word_hash = CoreRealloc(list->word_hash, cap * sizeof(uint32_t));
		list->wordcap = cap;
	}
	memcpy(list->words + list->wordslen, key, llen);
	list->word_off[i] = (uint32_t) list->wordslen;
	list->word_len[i] = (uint32_t) llen;
	list->word_hash[i] = hash;
	list->wordslen += llen;
	list->words[list->wordslen++] = '\0';
}

/*
 * The common token, ASCII letters, digits and control bytes without an upper-case letter,
 * in text without emoji (add_token's case for classes without CC_PUNCT, CC_UPPER and CC_HIGH):
 * nothing to strip, no clause end, not ALL CAPS, no "n't", and the token is its own look-up
 * key.  test/t/151_fast_paths.sh checks it against add_token.
 */
static inline void
add_plain_token(const SentimentConfig *cfg, TokenList *list, const unsigned char *text,
				size_t start, size_t end, uint8_t classes)
{
	const char *key = (const char *) text + start;
	size_t		len = end - start;
	uint32_t	hash = LexiconHash(key, len);
	const LexEntry *lex;
	Token	   *t;

	ensure_tokens(list, list->ntokens + 1);
	t = &list->tokens[list->ntokens++];
	t->off = (uint32_t) start;
	t->len = (uint32_t) len;
	t->flags = (classes & CC_LOWER) ? TOK_ASCII_WORD : 0;
	t->hash = hash;
	if ((cfg->lang_options & LO_RULES) && !bloom_maybe(prepare(cfg), hash))
		lex = NULL;
	else
		lex = LexiconProbe(cfg->words, key, len, hash);
	if (list->words_valid)
		keep_word(list, key, len, hash);
	if (lex == NULL && (cfg->lang_options & LO_RULES))
		lex = lookup_language_cached(cfg, key, len, hash, &t->flags);
	t->lex = lex;
	t->word_id = lex ? lex->word_id : 0;
	t->lexflags = lex ? lex->flags : 0;
}

/*
 * text[start, end) is one whitespace-separated token; classes is the OR of char_class[] over
 * its bytes.  Returns whether the token is ALL CAPS (TOK_UPPER).
 */
static bool
add_token(const SentimentConfig *cfg, TokenList *list, const unsigned char *text,
		  size_t start, size_t end, uint8_t classes)
{
	size_t		a = start,
				b = end;
	size_t		llen;
	bool		upper_ascii;
	uint32_t	hash;
	bool		ascii = !(classes & CC_HIGH);
	const LexEntry *lex;
	Token	   *t;
	bool		keep_original;
	const char *key;			/* the look-up key: list->lower, or the token itself */

	/* strip ASCII punctuation from both ends (classes: is there any?) */
	if (classes & CC_PUNCT)
	{
		while (a < b && text[a] < 0x80 && ascii_punct[text[a]])
			a++;
		while (b > a && text[b - 1] < 0x80 && ascii_punct[text[b - 1]])
			b--;
	}

	/*
	 * VADER keeps the original token when two or fewer code points would remain; when
	 * stripping removed nothing, both outcomes keep the same bytes.  So does the 'en' check
	 * below: skipping it saves two look-ups for every unpunctuated short word ("I", "is",
	 * "to", ...), a third of the tokens in typical text.
	 */
	keep_original = (a != start || b != end) &&
		((a == b) || ((ascii ? b - a : count_cps(text + a, b - a)) <= 2));
	if (keep_original && a != b && (cfg->options & SC_STRIP_SHORT))
	{
		/*
		 * 'en': "no." and "so," are still the words "no" and "so".  Only words that rules
		 * name (negations, boosters, "no", "but", ...) are stripped: two-letter chat
		 * entries such as "xp" or "l" would otherwise fire on "(windows xp)" or "l.".
		 */
		llen = lower_token(cfg, text + a, b - a, list, &upper_ascii, &hash);
		lex = LexiconLookupHashed(cfg->words, list->lower, llen, hash);
		if (lex != NULL && (lex->word_id != 0 || (lex->flags & (LEX_NEGATE | LEX_BOOSTER))))
		{
			const LexEntry *whole;

			llen = lower_token(cfg, text + start, end - start, list, &upper_ascii, &hash);
			whole = LexiconLookupHashed(cfg->words, list->lower, llen, hash);
			keep_original = (whole != NULL && (whole->flags & LEX_VALENCE));
		}
	}
	if (keep_original)
	{
		a = start;
		b = end;
	}

	ensure_tokens(list, list->ntokens + 1);
	t = &list->tokens[list->ntokens++];
	t->off = (uint32_t) a;
	t->len = (uint32_t) (b - a);
	t->flags = 0;
	if (end > start && (char_class[text[end - 1]] & CC_CLAUSE))
		t->flags |= TOK_CLAUSE_END;

	if (list->nemoji_spans > 0)
	{
		/* tokens come in text order, so one cursor walks the spans */
		size_t		abs_a = a + list->text_shift,
					abs_b = b + list->text_shift;

		while (list->emoji_cursor < list->nemoji_spans &&
			   list->emoji_spans[2 * list->emoji_cursor + 1] <= abs_a)
			list->emoji_cursor++;
		if (list->emoji_cursor < list->nemoji_spans &&
			list->emoji_spans[2 * list->emoji_cursor] < abs_b)
			t->flags |= TOK_EMOJI;
	}

	if (ascii && !(classes & CC_UPPER))
	{
		/* already its own key (stripping removes no letters) */
		key = (const char *) text + a;
		llen = b - a;
		hash = LexiconHash(key, llen);
		upper_ascii = false;
		if (classes & CC_LOWER)
			t->flags |= TOK_ASCII_WORD;
	}
	else if (FAST_PATHS && ascii)
	{
		/*
		 * ASCII with an upper-case letter (stripping removes none): lower_token's ASCII
		 * loop, the case told by char_class (CC_UPPER << 4 is the 0x20 of the lower case)
		 */
		char	   *lower;
		uint32_t	h = LEXICON_HASH_INIT;

		llen = b - a;
		ensure_lower(list, llen);
		lower = list->lower;
		for (size_t k = 0; k < llen; k++)
		{
			unsigned char c = text[a + k];

			c |= (char_class[c] & CC_UPPER) << 4;
			lower[k] = (char) c;
			h = LEXICON_HASH_STEP(h, c);
		}
		hash = h;
		upper_ascii = true;
		key = lower;
		t->flags |= TOK_ASCII_WORD;
	}
	else
	{
		llen = lower_token(cfg, text + a, b - a, list, &upper_ascii, &hash);
		key = list->lower;
		if (ascii)
			t->flags |= TOK_ASCII_WORD;	/* with an upper-case letter */
	}
	t->hash = hash;
	if ((t->flags & TOK_EMOJI) && cfg->emoji_words)
		/* language configurations: emoji descriptions are English, rated as in 'en' */
		lex = LexiconLookupHashed(cfg->emoji_words, key, llen, hash);
	else if ((cfg->lang_options & LO_RULES) && !bloom_maybe(prepare(cfg), hash))
		lex = NULL;				/* not in the lexicon, as its filter tells */
	else
		lex = LexiconProbe(cfg->words, key, llen, hash);
	if ((cfg->options & SC_CASED_EMOTICONS) && upper_ascii && (classes & CC_PUNCT) &&
		has_ascii_punct(text + a, b - a))
	{
		/* ":D" has its own rating; VADER 3.3.2 can only reach ":d" */
		const LexEntry *exact = LexiconLookup(cfg->words, (const char *) text + a, b - a);

		if (exact != NULL)
			lex = exact;
	}
	if (list->words_valid)
		keep_word(list, key, llen, hash);
	if (lex == NULL && (cfg->lang_options & LO_RULES) && !(t->flags & TOK_EMOJI))
		lex = lookup_language_cached(cfg, key, llen, hash, &t->flags);
	t->lex = lex;
	t->word_id = lex ? lex->word_id : 0;
	t->lexflags = lex ? lex->flags : 0;
	/*
	 * Stripping removes only uncased punctuation, so the classes of the whole token tell
	 * an ASCII token's case; non-ASCII tokens need the Unicode properties.
	 */
	if (ascii ? ((classes & CC_UPPER) && !(classes & CC_LOWER)) : token_isupper(text + a, b - a))
		t->flags |= TOK_UPPER;
	/* "n't" needs an apostrophe (in 'en' also U+2019, a non-ASCII one) */
	if ((classes & (CC_APOS | CC_HIGH)) && contains_nt(key, llen))
		t->flags |= TOK_NT;
	return (t->flags & TOK_UPPER) != 0;
}

void
TokenizerRun(const SentimentConfig *cfg, const char *input, size_t len, TokenList *list)
{
	const unsigned char *s = (const unsigned char *) input;
	const unsigned char *text;
	size_t		textlen;
	bool		ascii = true;
	size_t		i,
				start,
				end,
				guard;
	size_t		nupper = 0;
	int			nex = 0,
				nq = 0;

	list->ntokens = 0;
	list->nemoji_spans = 0;
	list->emoji_cursor = 0;
	list->text_shift = 0;
	list->wordslen = 0;
	list->words_valid = list->keep_words &&
		(cfg->options & (SC_UNICODE_LOWER | SC_CURLY_APOSTROPHE)) == (SC_UNICODE_LOWER | SC_CURLY_APOSTROPHE);

	ascii = is_ascii(s, len);

	/* step 1: emoji (only non-ASCII text can contain any) */
	if (ascii)
	{
		text = s;
		textlen = len;
	}
	else
	{
		if (cfg->options & SC_EMOJI_CLUSTERS)
			textlen = substitute_emoji_clusters(cfg, s, len, list);
		else
			textlen = substitute_emoji_vader(cfg, s, len, list);
		text = (const unsigned char *) list->buf;
	}

	/* strip leading and trailing whitespace */
	start = 0;
	end = textlen;
	while (start < end)
	{
		int			n = space_len(text + start, end - start);

		if (n == 0)
			break;
		start += n;
	}
	while (end > start)
	{
		/* step back one code point */
		size_t		p = end - 1;

		while (p > start && (text[p] & 0xC0) == 0x80)
			p--;
		if (space_len(text + p, end - p) == (int) (end - p))
			end = p;
		else
			break;
	}
	list->text_shift = start;
	list->text = (const char *) text + start;
	list->textlen = end - start;
	text = text + start;
	textlen = end - start;

	/*
	 * step 2: split on whitespace runs.  Every byte of text that is not whitespace is in a
	 * token, so the ! and ? of the punctuation emphasis (counted over the whole text, emoji
	 * descriptions included) are counted in the tokens that have any.
	 *
	 * A token's bytes are scanned until a byte that is a space or not ASCII (the common bytes
	 * take one table look-up and one test); before "guard", the position after the last such
	 * byte of the text, the scan needs no end-of-text test.
	 */
	guard = textlen;
	while (guard > 0 && !(char_class[text[guard - 1]] & (CC_SPACE | CC_HIGH)))
		guard--;
	i = 0;
	while (i < textlen)
	{
		size_t		tstart,
					tend;
		uint8_t		classes = 0;
		uint8_t		cc = 0;

		/* ASCII bytes are classified by table; space_len() decodes the rest */
		while (i < textlen)
		{
			int			n;

			cc = char_class[text[i]];
			if (cc & CC_SPACE)
			{
				i++;
				continue;
			}
			if (!(cc & CC_HIGH) || (n = space_len(text + i, textlen - i)) == 0)
				break;
			i += n;
		}
		if (i >= textlen)
			break;
		tstart = i;
		for (;;)
		{
			if (FAST_PATHS && i < guard)
			{
				while (!((cc = char_class[text[i]]) & (CC_SPACE | CC_HIGH)))
				{
					classes |= cc;
					i++;
				}
			}
			else
			{
				while (i < textlen && !((cc = char_class[text[i]]) & (CC_SPACE | CC_HIGH)))
				{
					classes |= cc;
					i++;
				}
				if (i >= textlen)
					break;
			}
			/* a space ends the token; a non-ASCII byte that starts none belongs to it */
			if ((cc & CC_SPACE) || space_len(text + i, textlen - i) > 0)
				break;
			classes |= cc;
			i++;
		}
		tend = i;
		if (i < textlen && (cc & CC_SPACE))
			i++;				/* the ASCII space that ended the token */
		if (classes & CC_EMPH)
		{
			for (size_t k = tstart; k < tend; k++)
			{
				nex += text[k] == '!';
				nq += text[k] == '?';
			}
		}
		if (FAST_PATHS && !(classes & (CC_PUNCT | CC_UPPER | CC_HIGH)) && list->nemoji_spans == 0)
			add_plain_token(cfg, list, text, tstart, tend, classes);
		else
			nupper += add_token(cfg, list, text, tstart, tend, classes);
		if ((list->ntokens & (INTERRUPT_EVERY - 1)) == 0)
			CoreCheckInterrupts();
	}
	list->n_exclaim = nex;
	list->n_question = nq;
	list->cap_differential = nupper > 0 && nupper < list->ntokens;
}

/*
 * Token i's look-up key, as the tokenizer looked it up (lower-cased for cfg), in
 * list->lower until the next call; custom lexicons key their words the same way.
 */
const char *
TokenizerLowerKey(const SentimentConfig *cfg, TokenList *list, size_t i, size_t *len)
{
	bool		upper;
	uint32_t	hash;

	*len = lower_token(cfg, (const unsigned char *) list->text + list->tokens[i].off,
					   list->tokens[i].len, list, &upper, &hash);
	return list->lower;
}

/* Give back buffers that an unusually large input made large. */
void
TokenListTrim(TokenList *list)
{
	if (list->bufcap > 1024 * 1024)
	{
		CoreFree(list->buf);
		list->buf = NULL;
		list->bufcap = 0;
	}
	if (list->tokcap > 65536)
	{
		CoreFree(list->tokens);
		list->tokens = NULL;
		list->tokcap = 0;
	}
	if (list->lowercap > 65536)
	{
		CoreFree(list->lower);
		list->lower = NULL;
		list->lowercap = 0;
	}
	if (list->wordscap > 1024 * 1024 || list->wordcap > 65536)
	{
		CoreFree(list->words);
		CoreFree(list->word_off);
		CoreFree(list->word_len);
		CoreFree(list->word_hash);
		list->words = NULL;
		list->word_off = list->word_len = list->word_hash = NULL;
		list->wordscap = list->wordcap = list->wordslen = 0;
	}
	if (list->emoji_spancap > 65536)
	{
		CoreFree(list->emoji_spans);
		list->emoji_spans = NULL;
		list->emoji_spancap = 0;
		list->nemoji_spans = 0;
	}
}

void
TokenListFree(TokenList *list)
{
	CoreFree(list->buf);
	CoreFree(list->tokens);
	CoreFree(list->lower);
	CoreFree(list->emoji_spans);
	CoreFree(list->words);
	CoreFree(list->word_off);
	CoreFree(list->word_len);
	CoreFree(list->word_hash);
	memset(list, 0, sizeof(*list));
}
