/*
 * negation.c
 *	  Per-language word normalisation for the escalation matcher (pure C core).
 *
 * The matcher (escalation.c) marks English negations; for the words of a message (or of a
 * rule) in another language, LanguageNormaliseWords():
 *  - marks that language's negations instead, so that Portuguese "no" ("in the") does not
 *    negate and French "pas" does; a word starting with an elided negation ("n'ai", "n'est")
 *    counts as one;
 *  - in German, Dutch, Danish and Swedish, where the negation follows the verb ("Ich kündige
 *    nicht", "Det haster ikke"), also negates the word right before a negation in the same
 *    clause (by marking the word before that one, the matcher looking back three words);
 *  - in French and Italian, strips elided articles and pronouns ("l'avocat" -> "avocat",
 *    "un'intossicazione" -> "intossicazione"), so rules match with or without them.
 */
#include <string.h>

#include "escalation.h"
#include "negation.h"

typedef struct LangNegators
{
	const char *language;
	const char *const *words;
	const char *elided;			/* prefix that makes any word a negation, or NULL */
	bool		post_verbal;	/* a negation also negates the word before it */
	const char *const *strip;	/* elided prefixes to strip, or NULL */
} LangNegators;

#define ESCW_LISTNEG 0x80		/* scratch: a negation word of the list */

static const char *const neg_fr[] = {"ne", "pas", "jamais", "aucun", "aucune", "rien", "ni", "non", "nullement", NULL};
static const char *const neg_es[] = {"no", "nunca", "ni", "tampoco", "jamás", "jamas", "nada", "ningún", "ninguna", "ninguno", "ningun", NULL};
static const char *const neg_pt[] = {"não", "nao", "nunca", "nem", "jamais", "nenhum", "nenhuma", "nada", NULL};
static const char *const neg_de[] = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "weder", NULL};
static const char *const neg_it[] = {"non", "mai", "né", "nessun", "nessuno", "nessuna", "niente", "nemmeno", "neanche", "neppure", NULL};
static const char *const neg_nl[] = {"niet", "geen", "nooit", "noch", "niets", "nergens", NULL};
static const char *const neg_da[] = {"ikke", "ingen", "intet", "aldrig", "hverken", NULL};
static const char *const neg_sv[] = {"inte", "ej", "ingen", "inga", "inget", "aldrig", "varken", NULL};
static const char *const neg_pl[] = {"nie", "nigdy", "żaden", "żadna", "żadne", "żadnego", "ani", NULL};

static const char *const strip_fr[] = {"l'", "d'", "j'", "m'", "t'", "s'", "n'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", NULL};
static const char *const strip_it[] = {"l'", "d'", "un'", "dell'", "all'", "nell'", "sull'", "dall'", "quell'", "c'", "n'", "s'", "m'", "t'", "v'", NULL};

static const LangNegators negators[] = {
	{"fr", neg_fr, "n'", false, strip_fr}, {"es", neg_es, NULL, false, NULL},
	{"pt", neg_pt, NULL, false, NULL}, {"de", neg_de, NULL, true, NULL},
	{"it", neg_it, NULL, false, strip_it}, {"nl", neg_nl, NULL, true, NULL},
	{"da", neg_da, NULL, true, NULL}, {"sv", neg_sv, NULL, true, NULL},
	{"pl", neg_pl, NULL, false, NULL}
};

static bool
in_list(const char *const *list, const char *w, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, w, len) == 0)
			return true;
	return false;
}

/*
 * The list of a language, or NULL.  Asked once per message: the languages are two-letter
 * codes, so two bytes are compared instead of nine strings.
 */
static const LangNegators *
negators_for(const char *language)
{
	if (language[0] == '\0' || language[1] == '\0' || language[2] != '\0')
		return NULL;
	for (size_t i = 0; i < sizeof(negators) / sizeof(negators[0]); i++)
		if (negators[i].language[0] == language[0] && negators[i].language[1] == language[1])
			return &negators[i];
	return NULL;
}

void
LanguageNormaliseWords(EscWords *w, const char *language)
{
	const LangNegators *ln = negators_for(language);

	if (ln == NULL)
		return;					/* English, or no list: the matcher's own */
	for (size_t i = 0; i < w->n; i++)
	{
		const char *word = w->buf + w->off[i];
		size_t		len = w->len[i];
		bool		neg = in_list(ln->words, word, len) ||
			(ln->elided && len > strlen(ln->elided) &&
			 memcmp(word, ln->elided, strlen(ln->elided)) == 0);

		w->flags[i] = (uint8_t) ((w->flags[i] & ~ESCW_NEGATOR) | ESCW_LANG |
								 (neg ? ESCW_NEGATOR | ESCW_LISTNEG : 0));
		for (const char *const *p = ln->strip; p && *p; p++)
		{
			size_t		pl = strlen(*p);

			if (len > pl && memcmp(word, *p, pl) == 0)
			{
				w->off[i] += (uint32_t) pl;
				w->len[i] -= (uint32_t) pl;
				w->hash[i] = EscWordHash(w->buf + w->off[i], w->len[i]);
				break;
			}
		}
	}
	/* "X nicht": negate X by marking the word before it (same clause) */
	for (size_t i = 2; ln->post_verbal && i < w->n; i++)
		if ((w->flags[i] & ESCW_LISTNEG) &&
			!(w->flags[i - 2] & ESCW_CLAUSE_END) && !(w->flags[i - 1] & ESCW_CLAUSE_END))
			w->flags[i - 2] |= ESCW_NEGATOR;
	for (size_t i = 0; i < w->n; i++)
		w->flags[i] &= (uint8_t) ~ESCW_LISTNEG;
}
