/*
 * language_sql.h
 *	  Language detection for other SQL areas ('auto' configuration).
 */
#ifndef PGE_LANGUAGE_SQL_H
#define PGE_LANGUAGE_SQL_H

#include "langid.h"
#include "lexicon.h"

/* what 'auto' chose for one text */
typedef struct AutoChoice
{
	const char *detected;		/* detected language code ('und'), NULL when not 'auto' */
	const char *language;		/* language whose rules apply (escalation) */
	const SentimentConfig *config;	/* configuration that scores the text */
} AutoChoice;

/* 'auto' or 'auto:<config>': the placeholder configuration; NULL for any other name */
extern const SentimentConfig *SentimentAutoFromName(const char *s, size_t len);
extern bool SentimentIsAuto(const SentimentConfig *cfg);

/*
 * The configuration that scores s: cfg itself, or for a placeholder from
 * SentimentAutoFromName the detected language's configuration or the fallback.
 * choice (may be NULL) gets what was detected and chosen.
 */
extern const SentimentConfig *SentimentResolve(const SentimentConfig *cfg, const char *s,
											   size_t len, AutoChoice *choice);

/* the row of 'auto' in sentiment_configs() (name, description, provenance) */
#define SENTIMENT_AUTO_NAME "auto"
extern const char *const SentimentAutoDescription;
extern const char *const SentimentAutoProvenance;

/* "en, fr, ..." for hints */
extern const char *LanguageSupportedList(void);

/* detect among all supported languages */
extern void LanguageDetectUtf8(const char *s, size_t len, LangidResult *r);

#endif							/* PGE_LANGUAGE_SQL_H */
