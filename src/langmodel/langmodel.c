/*
 * langmodel.c
 *	  The learned layer of the language configurations (pure C, see langmodel.h).
 */
#include <math.h>
#include <string.h>

#include <utf8proc.h>

#include "core_env.h"
#include "langmodel.h"

/* salts the hash of a word inside a negation's scope ("nicht gut" -> "gut" negated) */
#define LM_NEG_SALT		0x01
/* words after a negation that are marked as negated (unless a clause ends first) */
#define LM_NEG_SCOPE	3

/* the state of word_hash() */
typedef struct WordHash
{
	uint32_t	h;				/* FNV-1a so far (see LEXICON_HASH_STEP) */
	size_t		bytes;			/* UTF-8 bytes hashed */
	int32_t		prev;			/* the last code point seen */
	int			run;			/* how many times in a row it came */
} WordHash;

/* add code point c to the hash; false when the word is full (LM_WORD_MAX bytes) */
static inline bool
word_hash_add(WordHash *w, int32_t c)
{
	if (c >= '0' && c <= '9')
	{
		if (w->prev == '0')
			return true;		/* a digit run hashes as one '0' */
		c = '0';
	}
	w->run = (c == w->prev) ? w->run + 1 : 1;
	w->prev = c;
	if (w->run > 2)
		return true;			/* "sooooo" -> "soo" */
	if (w->bytes + 4 > LM_WORD_MAX)
		return false;
	if (c < 0x80)
	{
		w->h = LEXICON_HASH_STEP(w->h, c);
		w->bytes++;
	}
	else
	{
		utf8proc_uint8_t b[4];
		utf8proc_ssize_t n = utf8proc_encode_char(c, b);

		for (utf8proc_ssize_t k = 0; k < n; k++)
			w->h = LEXICON_HASH_STEP(w->h, b[k]);
		w->bytes += (size_t) n;
	}
	return true;
}

/*
 * The hash of the normalised form of token i (its first LM_WORD_MAX bytes): lower-cased and
 * case-folded, accents stripped, digit runs as one '0', letters repeated more than twice
 * kept twice ("sooooo" -> "soo"), a leading '#' dropped, every "@name" as "@" and every link
 * as "http".  Hashed as it is produced: no buffer, and ASCII takes no Unicode look-up.
 */
static uint32_t
word_hash(const TokenList *tl, size_t i)
{
	const unsigned char *s = (const unsigned char *) tl->text + tl->tokens[i].off;
	size_t		len = tl->tokens[i].len,
				k = 0;
	WordHash	w = {LEXICON_HASH_INIT, 0, -1, 0};

	if (len > 0 && s[0] == '@')
		return LexiconHash("@", 1);
	if (len >= 4 && (memcmp(s, "http", 4) == 0 || memcmp(s, "www.", 4) == 0))
		return LexiconHash("http", 4);
	if (len > 1 && s[0] == '#')
		k = 1;
	while (k < len)
	{
		utf8proc_int32_t cp,
					cps[4];
		utf8proc_ssize_t ncp,
					m;
		int			last = 0;

		if (s[k] < 0x80)
		{
			unsigned char c = s[k++];

			if (!word_hash_add(&w, (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c))
				break;
			continue;
		}
		m = utf8proc_iterate(s + k, len - k > 4 ? 4 : (utf8proc_ssize_t) (len - k), &cp);
		if (m <= 0)
		{
			cp = 0xFFFD;		/* an invalid byte: a code point of its own */
			m = 1;
		}
		k += (size_t) m;
		ncp = utf8proc_decompose_char(cp, cps, 4, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
									  UTF8PROC_STRIPMARK, &last);
		if (ncp < 0 || ncp > 4)
		{
			cps[0] = cp;
			ncp = 1;
		}
		for (utf8proc_ssize_t j = 0; j < ncp; j++)
			if (!word_hash_add(&w, cps[j]))
				return w.h;
	}
	return w.h;
}

static bool
is_negator(const Token *t)
{
	return (t->lexflags & LEX_NEGATE) || (t->flags & TOK_NEGATOR);
}

/*
 * Dense features (index: value):
 *	0 bias; 1, 2 the positive and negative part of the lexicon compound; 3, 4 the lexicon's
 *	class is positive, negative (±0.05); 5, 6 the sums of the positive and negative word
 *	valences /4 (emoji apart); 7, 8 the same for emoji; 9 a negation flipped a word; 10 a '!';
 *	11 a '?'; 12 log(1 + number of words) / 4; 13 some but not all words are ALL CAPS.
 * Then one feature per word, LM_DENSE + bucket of its normalised form (salted inside the
 * scope of a negation).
 */
static inline __attribute__((always_inline)) void
features(const ScoreWorkspace *ws, double c, LangModelEmit emit, void *arg)
{
	const TokenList *tl = &ws->tokens;
	double		pos = 0.0,
				neg = 0.0,
				epos = 0.0,
				eneg = 0.0;
	bool		negated = false;
	int			scope = 0;

	/* the compound as the lexicon-only configuration returns it (the driver sees that) */
	c = ScorerRound(c, 4);

	for (size_t i = 0; i < tl->ntokens; i++)
	{
		double		v = ws->valence[i];
		bool		emoji = (tl->tokens[i].flags & TOK_EMOJI) != 0;
		uint32_t	h = word_hash(tl, i);

		if (v > 0)
			*(emoji ? &epos : &pos) += v;
		else if (v < 0)
			*(emoji ? &eneg : &neg) -= v;
		if (ws->rules[i] & RULE_NEGATION)
			negated = true;

		if (scope > 0)
		{
			h = LEXICON_HASH_STEP(h, LM_NEG_SALT);
			scope--;
		}
		if (is_negator(&tl->tokens[i]))
			scope = LM_NEG_SCOPE;
		if (tl->tokens[i].flags & TOK_CLAUSE_END)
			scope = 0;
		emit(arg, LM_DENSE + (h & (LM_BUCKETS - 1)), 1.0);
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	emit(arg, 0, 1.0);
	emit(arg, 1, fmax(c, 0.0));
	emit(arg, 2, fmax(-c, 0.0));
	emit(arg, 3, c >= 0.05);
	emit(arg, 4, c <= -0.05);
	emit(arg, 5, pos / 4.0);
	emit(arg, 6, neg / 4.0);
	emit(arg, 7, epos / 4.0);
	emit(arg, 8, eneg / 4.0);
	emit(arg, 9, negated);
	emit(arg, 10, tl->n_exclaim > 0);
	emit(arg, 11, tl->n_question > 0);
	emit(arg, 12, log1p((double) tl->ntokens) / 4.0);
	emit(arg, 13, tl->cap_differential);
}

void
LangModelFeatures(const ScoreWorkspace *ws, double c, LangModelEmit emit, void *arg)
{
	features(ws, c, emit, arg);
}

typedef struct Scores
{
	const float *weights;
	double		z[LM_CLASSES];
} Scores;

/* inlined into features() by LangModelCompound: no call through a pointer per word */
static inline void
add_feature(void *arg, uint32_t feature, double value)
{
	Scores	   *s = (Scores *) arg;
	/* the three weights of a feature are adjacent: one cache line per word */
	const float *w = s->weights + (size_t) feature * LM_CLASSES;

	if (value != 0.0)
		for (int c = 0; c < LM_CLASSES; c++)
			s->z[c] += w[c] * value;
}

static int
lexicon_class(double c)
{
	return c >= 0.05 ? 2 : (c <= -0.05 ? 0 : 1);
}

double
LangModelCompound(const LangModel *m, const ScoreWorkspace *ws, double lexicon_compound)
{
	Scores		s = {m->weights, {0.0, 0.0, 0.0}};
	double		p[LM_CLASSES];
	double		zmax,
				sum = 0.0,
				d;
	int			best = 0,
				lex = lexicon_class(ScorerRound(lexicon_compound, 4));
	const TokenList *tl = &ws->tokens;
	size_t		i = 0;

	/*
	 * A text of emoji alone has no word of the language for the model to read: it keeps the
	 * lexicon's score, which rates emoji the same in every language (test/t/342)
	 */
	while (i < tl->ntokens && (tl->tokens[i].flags & TOK_EMOJI))
		i++;
	if (i == tl->ntokens)
		return lexicon_compound;

	features(ws, lexicon_compound, add_feature, &s);
	zmax = fmax(s.z[0], fmax(s.z[1], s.z[2]));
	for (int c = 0; c < LM_CLASSES; c++)
	{
		p[c] = exp(s.z[c] - zmax);
		sum += p[c];
		if (s.z[c] > s.z[best])
			best = c;
	}
	if (best == lex || (p[best] - p[lex]) / sum < m->gate)
		return lexicon_compound;
	d = (p[2] - p[0]) / sum;
	if (best == 1)
		return 0.049 * d;
	if (best == 2)
		return 0.05 + 0.95 * fmax(d, 0.0);
	return -(0.05 + 0.95 * fmax(-d, 0.0));
}
