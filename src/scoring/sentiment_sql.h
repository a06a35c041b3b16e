/*
 * sentiment_sql.h
 *	  Helpers of the SQL scoring edge that other SQL areas (escalation, KPIs) reuse.
 */
#ifndef PGE_SENTIMENT_FUNCTIONS_H
#define PGE_SENTIMENT_FUNCTIONS_H

#include "fmgr.h"

#include "lexicon.h"
#include "scorer.h"

/* config by name; unknown name -> ERROR 22023 listing the valid names */
extern const SentimentConfig *SentimentConfigFromText(text *name);
extern const SentimentConfig *SentimentDefaultConfig(void);
/* the configuration argument argno of a call, or the default when the call has fewer */
extern const SentimentConfig *SentimentConfigArg(FunctionCallInfo fcinfo, int argno);

/* the text's bytes as UTF-8 (in place in a UTF-8 database, else converted) */
extern const char *SentimentTextToUtf8(text *t, size_t *len);

/* score UTF-8 text with the backend's reusable workspace */
extern void SentimentScoreUtf8(const SentimentConfig *cfg, const char *s, size_t len,
							   SentimentScores *out);

/* the same, compound only, leaving the text's tokens in *tokens until the next scoring call */
extern double SentimentScoreUtf8Tokens(const SentimentConfig *cfg, const char *s, size_t len,
									   const TokenList **tokens);
/* the backend's workspace (trimmed on abort); call SentimentWorkspaceTrim() after use */
extern ScoreWorkspace *SentimentWorkspace(void);
/* give back the workspace's buffers if the last text was unusually large */
extern void SentimentWorkspaceTrim(void);

#endif							/* PGE_SENTIMENT_FUNCTIONS_H */
