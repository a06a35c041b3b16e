/*
 * negation.c
 *	  Negation words per language for the escalation matcher (pure C core).
 *
 * The matcher (escalation.c) marks English negations; for a message matched with the rules
 * of another language, LanguageMarkNegators() marks that language's negations instead, so
 * that Portuguese "no" ("in the") does not negate and French "pas" does.  A word ending in
 * an elided negation ("n'", French) counts as one ("n'ai", "n'est").  Ability negations are
 * left out as in English ("ne peux pas" still negates through "ne"/"pas": French has no
 * separate ability form).
 */
#include <string.h>

#include "escalation.h"
#include "negation.h"

typedef struct LangNegators
{
	const char *language;
	const char *const *words;
	const char *elided;			/* prefix that makes any word a negation, or NULL */
} LangNegators;

static const char *const neg_fr[] = {"ne", "pas", "jamais", "aucun", "aucune", "rien", "ni", "non", "nullement", NULL};
static const char *const neg_es[] = {"no", "nunca", "ni", "tampoco", "jamás", "jamas", "nada", "ningún", "ninguna", "ninguno", "ningun", NULL};
static const char *const neg_pt[] = {"não", "nao", "nunca", "nem", "jamais", "nenhum", "nenhuma", "nada", NULL};
static const char *const neg_de[] = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "weder", NULL};
static const char *const neg_it[] = {"non", "mai", "né", "nessun", "nessuno", "nessuna", "niente", "nemmeno", "neanche", "neppure", NULL};
static const char *const neg_nl[] = {"niet", "geen", "nooit", "noch", "niets", "nergens", NULL};
static const char *const neg_da[] = {"ikke", "ingen", "intet", "aldrig", "hverken", NULL};
static const char *const neg_sv[] = {"inte", "ej", "ingen", "inga", "inget", "aldrig", "varken", NULL};
static const char *const neg_pl[] = {"nie", "nigdy", "żaden", "żadna", "żadne", "żadnego", "ani", NULL};

static const LangNegators negators[] = {
	{"fr", neg_fr, "n'"}, {"es", neg_es, NULL}, {"pt", neg_pt, NULL}, {"de", neg_de, NULL},
	{"it", neg_it, NULL}, {"nl", neg_nl, NULL}, {"da", neg_da, NULL}, {"sv", neg_sv, NULL},
	{"pl", neg_pl, NULL}
};

static bool
in_list(const char *const *list, const char *w, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, w, len) == 0)
			return true;
	return false;
}

void
LanguageMarkNegators(EscWords *w, const char *language)
{
	const LangNegators *ln = NULL;

	for (size_t i = 0; i < sizeof(negators) / sizeof(negators[0]); i++)
		if (strcmp(negators[i].language, language) == 0)
			ln = &negators[i];
	if (ln == NULL)
		return;					/* English, or no list: the matcher's own */
	for (size_t i = 0; i < w->n; i++)
	{
		const char *word = w->buf + w->off[i];
		size_t		len = w->len[i];
		bool		neg = in_list(ln->words, word, len) ||
			(ln->elided && len > strlen(ln->elided) &&
			 memcmp(word, ln->elided, strlen(ln->elided)) == 0);

		w->flags[i] = (uint8_t) ((w->flags[i] & ~ESCW_NEGATOR) | (neg ? ESCW_NEGATOR : 0));
	}
}
