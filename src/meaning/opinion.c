/*
 * opinion.c
 *	  Customer-experience opinion words for aspect clauses (pure C core): see opinion.h.
 */
#include <string.h>

#include "escalation.h"
#include "opinion.h"
#include "phrase_rules.h"

typedef struct Opinion
{
	const char *phrase;
	double		valence;
} Opinion;

#define NEG (-1.8)
#define POS 1.6
#define MILD_NEG (-1.0)
#define MILD_POS 1.0
#define TOO_MUCH (-2.5)			/* "too expensive": stronger than the word alone */

static const Opinion op_en[] = {
	{"too expensive", TOO_MUCH}, {"too slow", TOO_MUCH}, 
	{"slow", NEG}, {"slowly", NEG}, {"late", NEG}, {"crash", NEG}, {"crashes", NEG},
	{"crashing", NEG}, {"crashed", NEG}, {"broken", NEG}, {"broke", NEG}, {"damaged", NEG},
	{"lost", NEG}, {"delayed", NEG}, {"cracked", NEG}, {"loose", NEG}, {"faulty", NEG},
	{"defective", NEG}, {"leaking", NEG}, {"overpriced", NEG}, {"expensive", NEG},
	{"pricey", NEG}, {"overcharged", NEG}, {"impossible", NEG}, {"never arrived", NEG},
	{"never came", NEG}, {"never replied", NEG}, {"never answered", NEG}, {"took forever", NEG},
	{"hung up", NEG}, {"stopped working", NEG}, {"does not work", NEG}, {"doesn't work", NEG},
	{"did not work", NEG}, {"didn't work", NEG}, {"not working", NEG}, {"rip off", NEG},
	{"rip-off", NEG}, {"waste of money", NEG}, {"for hours", MILD_NEG}, {"weeks", MILD_NEG},
	{"over an hour", MILD_NEG}, {"dies", NEG}, {"tore", NEG}, {"won't let me", NEG},
	{"fast", POS}, {"quick", POS}, {"quickly", POS}, {"early", POS}, {"on time", POS},
	{"smooth", POS}, {"smoothly", POS}, {"seamless", POS}, {"intuitive", POS},
	{"efficient", POS}, {"responsive", POS}, {"reasonable", POS}, {"affordable", POS},
	{"hassle-free", POS}, {"without any hassle", POS}, {"no problem", POS},
	{"no problems", POS}, {"no issues", POS}, {"no complaints", POS}, {"works perfectly", POS},
	{"in full", MILD_POS}, {"ok", MILD_POS}, {"okay", MILD_POS}, {"fair", MILD_POS},
	{NULL, 0}
};
static const Opinion op_fr[] = {
	{"trop cher", TOO_MUCH}, {"trop chère", TOO_MUCH}, 
	{"lent", NEG}, {"lente", NEG}, {"en retard", NEG}, {"retard", NEG}, {"cassé", NEG},
	{"cassée", NEG}, {"abîmé", NEG}, {"abîmée", NEG}, {"endommagé", NEG}, {"perdu", NEG},
	{"plante", NEG}, {"bugue", NEG}, {"cher", NEG}, {"chère", NEG}, {"interminable", NEG},
	{"jamais répondu", NEG}, {"jamais reçu", NEG}, {"un mois", MILD_NEG},
	{"rapide", POS}, {"vite", POS}, {"facile", POS}, {"gratuit", POS}, {"gratuite", POS},
	{"efficace", POS}, {"raisonnable", POS}, {"impeccable", POS}, {"pratique", POS},
	{NULL, 0}
};
static const Opinion op_es[] = {
	{"demasiado caro", TOO_MUCH}, {"demasiado cara", TOO_MUCH}, 
	{"lento", NEG}, {"lenta", NEG}, {"tarde", NEG}, {"retraso", NEG}, {"roto", NEG},
	{"rota", NEG}, {"dañado", NEG}, {"dañada", NEG}, {"perdido", NEG}, {"se cierra", NEG},
	{"caro", NEG}, {"cara", NEG}, {"eterna", NEG}, {"eterno", NEG}, {"un mes", MILD_NEG},
	{"nunca llegó", NEG}, {"nunca respondió", NEG},
	{"rápido", POS}, {"rápida", POS}, {"fácil", POS}, {"gratis", POS}, {"eficaz", POS},
	{"práctica", POS}, {"práctico", POS},
	{NULL, 0}
};
static const Opinion op_pt[] = {
	{"caro demais", TOO_MUCH}, {"muito caro", TOO_MUCH}, 
	{"lento", NEG}, {"lenta", NEG}, {"atrasado", NEG}, {"atrasada", NEG}, {"atraso", NEG},
	{"danificado", NEG}, {"danificada", NEG}, {"quebrado", NEG}, {"trava", NEG},
	{"travou", NEG}, {"caro", NEG}, {"cara", NEG}, {"demorou", MILD_NEG},
	{"um mês", MILD_NEG}, {"nunca chegou", NEG}, {"nunca respondeu", NEG},
	{"rápido", POS}, {"rápida", POS}, {"fácil", POS}, {"grátis", POS}, {"eficiente", POS},
	{"prático", POS}, {"prática", POS},
	{NULL, 0}
};
static const Opinion op_de[] = {
	{"zu teuer", TOO_MUCH}, {"zu langsam", TOO_MUCH}, 
	{"langsam", NEG}, {"spät", NEG}, {"zu spät", NEG}, {"verspätet", NEG}, {"kaputt", NEG},
	{"beschädigt", NEG}, {"stürzt", NEG}, {"abstürzt", NEG}, {"teuer", NEG},
	{"katastrophe", NEG}, {"einen monat", MILD_NEG}, {"nie angekommen", NEG},
	{"nie geantwortet", NEG}, {"aufgelegt", NEG},
	{"schnell", POS}, {"schnelle", POS}, {"schneller", POS}, {"einfach", MILD_POS},
	{"einfache", POS}, {"kostenlos", POS}, {"günstig", POS}, {"hilfsbereit", POS},
	{"fair", POS}, {"fairer", POS}, {"empfehlenswert", POS}, {"praktisch", POS},
	{NULL, 0}
};
static const Opinion op_it[] = {
	{"troppo caro", TOO_MUCH}, {"troppo cara", TOO_MUCH}, 
	{"lento", NEG}, {"lenta", NEG}, {"in ritardo", NEG}, {"ritardo", NEG}, {"rotto", NEG},
	{"rotta", NEG}, {"danneggiato", NEG}, {"si blocca", NEG}, {"caro", NEG}, {"cara", NEG},
	{"infinita", NEG}, {"un mese", MILD_NEG}, {"mai arrivato", NEG}, {"mai risposto", NEG},
	{"riattaccato", NEG},
	{"veloce", POS}, {"facile", POS}, {"gratuita", POS}, {"gratuito", POS},
	{"efficiente", POS}, {"onesto", POS}, {"pratica", POS}, {"pratico", POS},
	{NULL, 0}
};
static const Opinion op_nl[] = {
	{"te duur", TOO_MUCH}, {"te traag", TOO_MUCH}, 
	{"traag", NEG}, {"te laat", NEG}, {"kapot", NEG}, {"beschadigd", NEG}, {"crasht", NEG},
	{"duur", NEG}, {"een maand", MILD_NEG}, {"nooit aangekomen", NEG},
	{"nooit gereageerd", NEG}, {"hing op", NEG},
	{"snel", POS}, {"snelle", POS}, {"makkelijk", POS}, {"gratis", POS}, {"eerlijk", POS},
	{"eerlijke", POS}, {"behulpzaam", POS}, {"aanrader", POS}, {"handig", POS},
	{NULL, 0}
};
static const Opinion op_da[] = {
	{"for dyrt", TOO_MUCH}, {"for dyr", TOO_MUCH}, 
	{"langsom", NEG}, {"for sent", NEG}, {"forsinket", NEG}, {"i stykker", NEG},
	{"beskadiget", NEG}, {"går ned", NEG}, {"dyr", NEG}, {"dyrt", NEG}, {"besværlig", NEG},
	{"en måned", MILD_NEG}, {"svarede aldrig", NEG}, {"lagde på", NEG},
	{"hurtig", POS}, {"nem", POS}, {"gratis", POS}, {"hjælpsom", POS}, {"fair", POS},
	{"praktisk", POS},
	{NULL, 0}
};
static const Opinion op_sv[] = {
	{"för dyrt", TOO_MUCH}, {"för dyr", TOO_MUCH}, 
	{"långsam", NEG}, {"för sent", NEG}, {"försenad", NEG}, {"trasig", NEG}, {"skadat", NEG},
	{"skadad", NEG}, {"kraschar", NEG}, {"dyr", NEG}, {"dyrt", NEG}, {"krånglig", NEG},
	{"en månad", MILD_NEG}, {"svarade aldrig", NEG}, {"lade på", NEG},
	{"snabb", POS}, {"enkel", POS}, {"gratis", POS}, {"hjälpsam", POS}, {"rimligt", POS},
	{"rimlig", POS}, {"rekommenderas", POS}, {"smidig", POS},
	{NULL, 0}
};
static const Opinion op_pl[] = {
	{"za drogo", TOO_MUCH}, {"za drogi", TOO_MUCH}, 
	{"wolna", NEG}, {"wolny", NEG}, {"wolno", NEG}, {"spóźniona", NEG}, {"opóźnienie", NEG},
	{"uszkodzona", NEG}, {"uszkodzony", NEG}, {"zepsuty", NEG}, {"zawiesza", NEG},
	{"drogo", NEG}, {"skomplikowana", NEG}, {"koszmarne", NEG}, {"miesiąc", MILD_NEG},
	{"nigdy nie odpowiedziała", NEG}, {"rozłączył", NEG},
	{"szybka", POS}, {"szybki", POS}, {"szybko", POS}, {"łatwy", POS}, {"darmowa", POS},
	{"uczciwa", POS}, {"pomocny", POS}, {"polecam", POS}, {"wygodna", POS},
	{NULL, 0}
};

typedef struct OpinionLang
{
	const char *language;
	const Opinion *list;
	bool		built;
	PhraseRules phrases;		/* built on first use, kept for the session */
	EscRuleSet	rules;
} OpinionLang;

static OpinionLang langs[] = {
	{"en", op_en}, {"fr", op_fr}, {"es", op_es}, {"pt", op_pt}, {"de", op_de},
	{"it", op_it}, {"nl", op_nl}, {"da", op_da}, {"sv", op_sv}, {"pl", op_pl}
};

static OpinionLang *
find_lang(const char *language)
{
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strcmp(langs[i].language, language) == 0)
			return &langs[i];
	return NULL;
}

static void
build(OpinionLang *ol, const SentimentConfig *cfg)
{
	for (size_t i = 0; ol->list[i].phrase; i++)
		PhraseRulesAdd(&ol->phrases, cfg, ol->language, ol->list[i].phrase,
					   strlen(ol->list[i].phrase), (uint16_t) i, ol->list[i].phrase);
	PhraseRulesDone(&ol->phrases);
	PhraseRulesSet(&ol->phrases, 0, ol->phrases.nrules, &ol->rules);
	ol->built = true;
}

const EscRuleSet *
OpinionRules(const char *language, const SentimentConfig *cfg)
{
	static const EscRuleSet empty = {NULL, 0, NULL, NULL};
	OpinionLang *ol = find_lang(language);

	if (ol == NULL)
		return &empty;
	if (!ol->built)
		build(ol, cfg);
	return &ol->rules;
}

double
OpinionValence(const char *language, unsigned reason)
{
	OpinionLang *ol = find_lang(language);

	return ol ? ol->list[reason].valence : 0.0;
}

double
OpinionSum(const char *language, const SentimentConfig *cfg, const TokenList *tl,
		   const double *valence, const EscWords *w, EscHits *hits)
{
	const EscRuleSet *rs = OpinionRules(language, cfg);
	double		sum = 0.0;
	uint32_t	covered = 0;

	if (rs->nrules == 0)
		return 0.0;
	EscMatch(rs, w, hits);
	for (size_t h = 0; h < hits->n; h++)
	{
		const EscRule *r = &rs->rules[hits->v[h].rule];
		uint32_t	a = hits->v[h].start;

		if (a < covered)
			continue;			/* inside a longer phrase already counted */
		covered = a + r->nwords;
		/* a single word the lexicon rates is the scorer's already */
		if (r->nwords == 1 && a < tl->ntokens && (tl->tokens[a].lexflags & LEX_VALENCE))
			continue;
		/* a phrase replaces what the scorer made of its words ("demasiado caro") */
		for (uint32_t k = a; r->nwords > 1 && k < a + r->nwords && k < tl->ntokens; k++)
			sum -= valence[k];
		sum += OpinionValence(language, r->reason);
	}
	return sum;
}
