/*
 * emotion.c
 *	  Emotion features and scores (see emotion.h), pure C.
 */
#include <math.h>
#include <string.h>

#include "core_env.h"
#include "emotion.h"
#include "lexicon_words.h"
#include "words.h"

const char *const EmotionNames[EMO_CLASSES] = {
	"anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"
};

/* EmotionWorkspace.wflags */
#define EMW_NEGATED		0x01	/* in a negation's scope */
#define EMW_EMOJI		0x02	/* from an emoji's description */
#define EMW_BREAK		0x04	/* a clause ends after it: no bigram with the next word */

static void
build_words(const TokenList *tl, EmotionWorkspace *ws)
{
	size_t		n = tl->ntokens;
	size_t		pos = 0;
	bool		scope = false;

	CoreGrowArray((void **) &ws->buf, &ws->bufcap, tl->textlen + (TEXT_WORD_EXTRA + 1) * n + 8,
				  1, 256);
	if (n > ws->wcap)
	{
		size_t		cap = CoreGrowCapacity(ws->wcap, n, 64);

		ws->woff = CoreRealloc(ws->woff, cap * sizeof(uint32_t));
		ws->wlen = CoreRealloc(ws->wlen, cap * sizeof(uint16_t));
		ws->wflags = CoreRealloc(ws->wflags, cap);
		ws->wcap = cap;
	}
	for (size_t i = 0; i < n; i++)
	{
		const Token *t = &tl->tokens[i];
		size_t		len = TextNormaliseWord(tl->text + t->off, t->len, ws->buf + pos);
		uint8_t		f = 0;

		if (len > EMO_KEY_MAX)
			len = 0;			/* no feature for a run-on "word" */
		ws->woff[i] = (uint32_t) pos;
		ws->wlen[i] = (uint16_t) len;
		if (scope && !TextTokenNegates(t))
			f |= EMW_NEGATED;
		if (t->flags & TOK_EMOJI)
			f |= EMW_EMOJI;
		pos += len;
		ws->buf[pos++] = '\0';
		scope = TextScopeAfter(t, scope);
		if (t->flags & TOK_CLAUSE_END)
			f |= EMW_BREAK;
		ws->wflags[i] = f;
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
}

/*
 * A slot holds the top 16 bits of its key's hash next to the feature index + 1, as the
 * lexicon tables do: most keys of a text are not in the model (unseen words, most bigrams),
 * and the tag turns them away without loading another key.
 */
int64_t
EmotionFeatureIndex(const EmotionModel *m, const char *key, size_t keylen)
{
	uint32_t	hash = LexiconHash(key, keylen);
	uint32_t	h = hash & m->mask;

	for (;;)
	{
		uint32_t	slot = m->slots[h];
		const char *k;

		if (slot == 0)
			return -1;
		if (SLOT_TAG(slot) == HASH_TAG(hash))
		{
			k = m->keys + m->keyoff[SLOT_INDEX(slot)];
			if (strncmp(k, key, keylen) == 0 && k[keylen] == '\0')
				return (int64_t) SLOT_INDEX(slot);
		}
		h = (h + 1) & m->mask;
	}
}

static void
emit(const EmotionModel *m, EmotionWorkspace *ws, size_t keylen, double value,
	 EmotionFeatureFn fn, void *arg)
{
	fn(arg, ws->key, keylen, value, EmotionFeatureIndex(m, ws->key, keylen));
}

static size_t
make_key(EmotionWorkspace *ws, char kind, const char *a, size_t alen, const char *b, size_t blen)
{
	size_t		k = 0;

	ws->key[k++] = kind;
	memcpy(ws->key + k, a, alen);
	k += alen;
	if (b)
	{
		ws->key[k++] = ' ';
		memcpy(ws->key + k, b, blen);
		k += blen;
	}
	return k;
}

/*
 * Words of strong emotion, written for pg_empathy (no emotion lexicon's data): unambiguous
 * words that GoEmotions' train split has too rarely for their weights to decide a short text.
 * Grouped by class; scanned only for a word whose length and first letter a cue word has
 * (cue_letters).
 */
typedef struct EmotionCueWord
{
	const char *word;
	uint8_t		cls;
} EmotionCueWord;

static const EmotionCueWord cue_words[] = {
	{"furious", EMO_ANGER}, {"livid", EMO_ANGER}, {"outraged", EMO_ANGER},
	{"enraged", EMO_ANGER}, {"infuriated", EMO_ANGER}, {"infuriating", EMO_ANGER},
	{"irate", EMO_ANGER}, {"fuming", EMO_ANGER}, {"seething", EMO_ANGER},
	{"incensed", EMO_ANGER}, {"pissed", EMO_ANGER},
	{"disgusted", EMO_DISGUST}, {"disgusting", EMO_DISGUST}, {"revolting", EMO_DISGUST},
	{"repulsive", EMO_DISGUST}, {"nauseating", EMO_DISGUST}, {"repugnant", EMO_DISGUST},
	{"terrified", EMO_FEAR}, {"petrified", EMO_FEAR}, {"frightened", EMO_FEAR},
	{"panicking", EMO_FEAR}, {"panicked", EMO_FEAR},
	{"heartbroken", EMO_SADNESS}, {"devastated", EMO_SADNESS}, {"grieving", EMO_SADNESS},
	{"miserable", EMO_SADNESS},
	{"overjoyed", EMO_JOY}, {"ecstatic", EMO_JOY}, {"thrilled", EMO_JOY},
	{"astonished", EMO_SURPRISE}, {"astounded", EMO_SURPRISE}, {"flabbergasted", EMO_SURPRISE},
	{"gobsmacked", EMO_SURPRISE},
	{NULL, 0}
};

#define CUE_MIN_LEN 5
#define CUE_MAX_LEN 13

/*
 * Bit b of cue_letters[len] is set when a cue word of that length starts with 'a' + b: most
 * words of a text are turned away by one load and a shift.
 */
static uint32_t cue_letters[CUE_MAX_LEN + 1];
static bool cue_letters_built = false;

static int
cue_word_class(const char *w, size_t len)
{
	unsigned	first = (unsigned char) w[0] - 'a';

	if (len < CUE_MIN_LEN || len > CUE_MAX_LEN || first >= 26)
		return -1;
	if (!cue_letters_built)
	{
		for (const EmotionCueWord *c = cue_words; c->word; c++)
			cue_letters[strlen(c->word)] |= (uint32_t) 1 << (c->word[0] - 'a');
		cue_letters_built = true;
	}
	if (!(cue_letters[len] & ((uint32_t) 1 << first)))
		return -1;
	for (const EmotionCueWord *c = cue_words; c->word; c++)
		if (c->word[0] == w[0] && strncmp(c->word, w, len) == 0 && c->word[len] == '\0')
			return c->cls;
	return -1;
}

/* one-hot rows of EMO_CUE_WEIGHT: the weights of the cue features */
static const float cue_weights[EMO_CLASSES][EMO_CLASSES] = {
	{EMO_CUE_WEIGHT, 0, 0, 0, 0, 0, 0}, {0, EMO_CUE_WEIGHT, 0, 0, 0, 0, 0},
	{0, 0, EMO_CUE_WEIGHT, 0, 0, 0, 0}, {0, 0, 0, EMO_CUE_WEIGHT, 0, 0, 0},
	{0, 0, 0, 0, EMO_CUE_WEIGHT, 0, 0}, {0, 0, 0, 0, 0, EMO_CUE_WEIGHT, 0},
	{0, 0, 0, 0, 0, 0, EMO_CUE_WEIGHT}
};

const float *
EmotionFeatureWeights(const EmotionModel *m, int64_t index)
{
	/*
	 * The prior lift of an emoji's class (EMO_KIND_PRIOR): bias[neutral] - bias[class] for
	 * its class, from the model's biases (none in a model without weights, as the training
	 * driver's).  The row is valid until the next call.
	 */
	static float prior_row[EMO_CLASSES];

	if (index >= (int64_t) m->nfeatures + EMO_CLASSES)
	{
		int			c = (int) (index - m->nfeatures - EMO_CLASSES);
		float		gap = m->bias ? m->bias[EMO_NEUTRAL] - m->bias[c] : 0.0f;

		memset(prior_row, 0, sizeof(prior_row));
		prior_row[c] = gap > 0.0f ? gap : 0.0f;
		return prior_row;
	}
	if (index >= (int64_t) m->nfeatures)
		return cue_weights[index - m->nfeatures];
	return m->weights + (size_t) index * EMO_CLASSES;
}

static void
emit_cue(const EmotionModel *m, EmotionWorkspace *ws, int cls, double value,
		 EmotionFeatureFn fn, void *arg)
{
	const char *name = EmotionNames[cls];

	fn(arg, ws->key, make_key(ws, EMO_KIND_CUE, name, strlen(name), NULL, 0), value,
	   (int64_t) m->nfeatures + cls);
}

static const EmotionEmoji *
find_emoji(const EmotionModel *m, uint32_t cp)
{
	uint32_t	lo = 0,
				hi = m->nemoji;

	while (lo < hi)
	{
		uint32_t	mid = (lo + hi) / 2;

		if (m->emoji[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < m->nemoji && m->emoji[lo].cp == cp) ? &m->emoji[lo] : NULL;
}

/* emoji of the lexicon in the raw text (4-byte and 3-byte UTF-8 sequences) */
static void
emoji_features(const EmotionModel *m, const char *text, size_t len, size_t words,
			   EmotionWorkspace *ws, EmotionFeatureFn fn, void *arg)
{
	const unsigned char *s = (const unsigned char *) text;
	unsigned	classes = 0;	/* bit c: an emoji cue of class c */

	for (size_t i = 0; i < len; i++)
	{
		uint32_t	cp;
		const EmotionEmoji *e;

		if (s[i] >= 0xF0 && s[i] < 0xF5 && i + 3 < len)
			cp = ((uint32_t) (s[i] & 0x07) << 18) | ((uint32_t) (s[i + 1] & 0x3F) << 12) |
				((uint32_t) (s[i + 2] & 0x3F) << 6) | (uint32_t) (s[i + 3] & 0x3F);
		else if (s[i] >= 0xE2 && s[i] < 0xF0 && i + 2 < len)
			cp = ((uint32_t) (s[i] & 0x0F) << 12) | ((uint32_t) (s[i + 1] & 0x3F) << 6) |
				(uint32_t) (s[i + 2] & 0x3F);
		else
			continue;
		if ((e = find_emoji(m, cp)) != NULL)
		{
			const char *name = EmotionNames[e->cls];

			emit(m, ws, make_key(ws, EMO_KIND_EMOJI, name, strlen(name), NULL, 0), e->value,
				 fn, arg);
			emit_cue(m, ws, e->cls, e->value, fn, arg);
			classes |= 1u << e->cls;
		}
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	for (int c = 0; c < EMO_CLASSES; c++)
	{
		/* the share of the lift: 1, or EMO_PRIOR_WORDS / words (4 digits, as shown) */
		double		share = words <= EMO_PRIOR_WORDS ? 1.0 :
			round(10000.0 * EMO_PRIOR_WORDS / (double) words) / 10000.0;
		const char *name = EmotionNames[c];

		if (classes & (1u << c))
			fn(arg, ws->key, make_key(ws, EMO_KIND_PRIOR, name, strlen(name), NULL, 0), share,
			   (int64_t) m->nfeatures + EMO_CLASSES + c);
	}
}

void
EmotionFeatures(const EmotionModel *m, const TokenList *tl, const char *text, size_t len,
				EmotionWorkspace *ws, EmotionFeatureFn fn, void *arg)
{
	size_t		n = tl->ntokens;
	size_t		words = 0;		/* not from an emoji's description */
	bool		caps = false;

	build_words(tl, ws);
	for (size_t i = 0; i < n; i++)
	{
		const char *w = ws->buf + ws->woff[i];
		size_t		wl = ws->wlen[i];
		uint8_t		f = ws->wflags[i];
		char		kind;

		if (wl == 0)
			continue;
		words += !(f & EMW_EMOJI);
		kind = (f & EMW_EMOJI) ? EMO_KIND_EMOJI_WORD :
			(f & EMW_NEGATED) ? EMO_KIND_NEGATED : EMO_KIND_WORD;
		emit(m, ws, make_key(ws, kind, w, wl, NULL, 0), 1.0, fn, arg);
		if (kind == EMO_KIND_WORD)
		{
			int			cls = cue_word_class(w, wl);

			if (cls >= 0)
				emit_cue(m, ws, cls, EMO_CUE_WORD_VALUE, fn, arg);
		}
		if (i + 1 < n && !(f & (EMW_EMOJI | EMW_BREAK)) && ws->wlen[i + 1] > 0 &&
			!(ws->wflags[i + 1] & EMW_EMOJI))
			emit(m, ws, make_key(ws, EMO_KIND_BIGRAM, w, wl, ws->buf + ws->woff[i + 1],
								 ws->wlen[i + 1]), 1.0, fn, arg);
		if ((tl->tokens[i].flags & TOK_UPPER) && tl->tokens[i].len >= 3 && !(f & EMW_EMOJI))
			caps = true;
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	if (tl->n_exclaim > 0)
		emit(m, ws, make_key(ws, EMO_KIND_MARK, "!", 1, NULL, 0), 1.0, fn, arg);
	if (tl->n_question > 0)
		emit(m, ws, make_key(ws, EMO_KIND_MARK, "?", 1, NULL, 0), 1.0, fn, arg);
	if (caps)
		emit(m, ws, make_key(ws, EMO_KIND_MARK, "CAPS", 4, NULL, 0), 1.0, fn, arg);
	emoji_features(m, text, len, words, ws, fn, arg);
}

typedef struct ScoreAcc
{
	const EmotionModel *m;
	double		z[EMO_CLASSES];
} ScoreAcc;

static void
accumulate(void *arg, const char *key, size_t keylen, double value, int64_t index)
{
	ScoreAcc   *acc = (ScoreAcc *) arg;
	const float *w;

	if (index < 0)
		return;
	w = EmotionFeatureWeights(acc->m, index);
	for (int c = 0; c < EMO_CLASSES; c++)
		acc->z[c] += (double) w[c] * value;
}

void
EmotionScore(const EmotionModel *m, const TokenList *tl, const char *text, size_t len,
			 EmotionWorkspace *ws, double probs[EMO_CLASSES])
{
	ScoreAcc	acc;
	double		zmax,
				sum = 0.0;

	acc.m = m;
	for (int c = 0; c < EMO_CLASSES; c++)
		acc.z[c] = m->bias[c];
	EmotionFeatures(m, tl, text, len, ws, accumulate, &acc);
	zmax = acc.z[0];
	for (int c = 1; c < EMO_CLASSES; c++)
		if (acc.z[c] > zmax)
			zmax = acc.z[c];
	for (int c = 0; c < EMO_CLASSES; c++)
	{
		probs[c] = exp(acc.z[c] - zmax);
		sum += probs[c];
	}
	for (int c = 0; c < EMO_CLASSES; c++)
		probs[c] /= sum;
}

int
EmotionArgmax(const double probs[EMO_CLASSES])
{
	int			best = EMO_NEUTRAL;

	for (int c = 0; c < EMO_CLASSES; c++)
		if (probs[c] > probs[best])
			best = c;
	return best;
}

void
EmotionWorkspaceTrim(EmotionWorkspace *ws)
{
	if (ws->bufcap > 1024 * 1024 || ws->wcap > 65536)
		EmotionWorkspaceFree(ws);
}

void
EmotionWorkspaceFree(EmotionWorkspace *ws)
{
	CoreFree(ws->buf);
	CoreFree(ws->woff);
	CoreFree(ws->wlen);
	CoreFree(ws->wflags);
	ws->buf = NULL;
	ws->woff = NULL;
	ws->wlen = NULL;
	ws->wflags = NULL;
	ws->bufcap = ws->wcap = 0;
}
