/*
 * auto_sql.c
 *	  The 'auto' configuration: detect the language of each text, then score it with the
 *	  configuration of that language (configuration name = ISO 639-1 code); 'und' or a
 *	  language without a configuration falls back.
 *
 *	  'auto'         falls back to the configuration named by pg_empathy.fallback_config, so
 *	                 its result depends on a setting (see README: not for expression indexes);
 *	  'auto:<name>'  falls back to <name>: depends on nothing but the text.
 *
 *	  Each name maps to a placeholder SentimentConfig (a copy of its fallback, renamed) that
 *	  SentimentResolve() turns into the real configuration for a given text.
 */
#include "compat.h"

#include "utils/guc.h"
#include "lib/stringinfo.h"

#include "langid.h"
#include "language_sql.h"
#include "pg_empathy.h"

#define AUTO_MAX_CONFIGS 64

static char *fallback_config_name = NULL;
static const SentimentConfig *fallback_config = NULL;

static SentimentConfig auto_guc;	/* 'auto' */
static SentimentConfig auto_named[AUTO_MAX_CONFIGS];	/* 'auto:<SentimentConfigs[i].name>' */
static char auto_names[AUTO_MAX_CONFIGS][64];
static bool auto_ready = false;
/* per detected language, its configuration (NULL if none), looked up once */
static const SentimentConfig *lang_configs[LANGID_NLANG];

const char *const SentimentAutoDescription =
	"routes each text by detect_language() to the configuration of its language (en, fr, es, pt, "
	"de, it, nl, da, sv, pl); a text detected as 'und', or in a language without a configuration, "
	"is scored by the configuration named by the setting pg_empathy.fallback_config (default "
	"'en'), so results depend on that setting; 'auto:<name>' (for example 'auto:en') names its "
	"fallback itself and depends on nothing but the text";
const char *const SentimentAutoProvenance =
	"language detection compiled in (trigram weights derived from franc 6.2.0 profiles, MIT; "
	"Unicode 15.0 Scripts.txt; frequent-word lists of this project); scoring as the chosen "
	"configuration";

static bool
check_fallback_config(char **newval, void **extra, GucSource source)
{
	if (*newval == NULL || SentimentConfigFind(*newval) == NULL)
	{
		StringInfoData names;

		initStringInfo(&names);
		for (int i = 0; i < SentimentConfigCount(); i++)
			appendStringInfo(&names, "%s%s", i ? ", " : "", SentimentConfigAt(i)->name);
		GUC_check_errmsg("unrecognized sentiment configuration \"%s\"", *newval ? *newval : "");
		GUC_check_errhint("Valid configurations are: %s.", names.data);
		return false;
	}
	return true;
}

static void
assign_fallback_config(const char *newval, void *extra)
{
	fallback_config = SentimentConfigFind(newval);
}

void
LanguageInit(void)
{
	DefineCustomStringVariable("pg_empathy.fallback_config",
							   "Sentiment configuration that 'auto' uses when the language is undetermined or has no configuration.",
							   "'auto:<name>' names its fallback itself and ignores this setting.",
							   &fallback_config_name, "en",
							   PGC_USERSET, 0, check_fallback_config, assign_fallback_config, NULL);
}

static void
auto_init(void)
{
	if (auto_ready)
		return;
	Assert(SentimentConfigCount() <= AUTO_MAX_CONFIGS);
	auto_guc = *SentimentConfigFind("en");
	auto_guc.name = "auto";
	for (int i = 0; i < SentimentConfigCount() && i < AUTO_MAX_CONFIGS; i++)
	{
		snprintf(auto_names[i], sizeof(auto_names[i]), "auto:%s", SentimentConfigAt(i)->name);
		auto_named[i] = *SentimentConfigAt(i);
		auto_named[i].name = auto_names[i];
	}
	for (int l = 0; l < LANGID_NLANG; l++)
		lang_configs[l] = SentimentConfigFind(LangidCode(l));
	auto_ready = true;
}

const SentimentConfig *
SentimentAutoFromName(const char *s, size_t len)
{
	if (len < 4 || memcmp(s, "auto", 4) != 0)
		return NULL;
	auto_init();
	if (len == 4)
		return &auto_guc;
	for (int i = 0; i < SentimentConfigCount() && i < AUTO_MAX_CONFIGS; i++)
		if (strlen(auto_names[i]) == len && memcmp(auto_names[i], s, len) == 0)
			return &auto_named[i];
	return NULL;
}

bool
SentimentIsAuto(const SentimentConfig *cfg)
{
	return cfg == &auto_guc ||
		(cfg >= &auto_named[0] && cfg < &auto_named[AUTO_MAX_CONFIGS]);
}

const SentimentConfig *
SentimentResolve(const SentimentConfig *cfg, const char *s, size_t len, AutoChoice *choice)
{
	const SentimentConfig *fallback;
	const SentimentConfig *found = NULL;
	LangidResult r;

	if (!SentimentIsAuto(cfg))
	{
		if (choice)
		{
			choice->detected = NULL;
			choice->language = cfg->language;
			choice->config = cfg;
		}
		return cfg;
	}
	if (cfg == &auto_guc)
		fallback = fallback_config ? fallback_config : SentimentConfigFind("en");
	else
		fallback = SentimentConfigAt((int) (cfg - auto_named));
	LangidDetect(s, len, LANGID_ALL, &r);
	if (r.language != LANGID_UND)
		found = lang_configs[r.language];
	if (choice)
	{
		choice->detected = LangidCode(r.language);
		/* the rules of the detected language apply even when its scoring falls back */
		choice->language = r.language != LANGID_UND ? LangidCode(r.language) : fallback->language;
		choice->config = found ? found : fallback;
	}
	return found ? found : fallback;
}
