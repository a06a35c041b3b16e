/*
 * escalation_sql.c
 *	  SQL edge of the escalation area:
 *	  escalation_check(text [, config [, negative_threshold]]),
 *	  the conversation_escalation(...) aggregate, escalation_trigger([column [, config]]),
 *	  escalation_rules_changed() and the per-backend rules cache.
 *
 * Rules cache: the enabled rows of escalation_rules, tokenised once per backend into one
 * EscRuleSet per language, in a memory context under TopMemoryContext.  The statement
 * trigger escalation_rules_changed() on the table sends a relcache invalidation for it;
 * EscalationRelcacheCallback counts those, and the cache is rebuilt on next use when the
 * count moved.  The editing backend sees its own edits from its next command (also inside
 * a transaction, and after a rollback the undo invalidation is processed too); other
 * backends see them from their next transaction after the commit.
 */
#include "compat.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "catalog/pg_collation.h"
#include "access/relation.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"

#include "escalation.h"
#include "escalation_sql.h"
#include "language_sql.h"
#include "negation.h"
#include "sentiment_sql.h"

#include <math.h>

PG_FUNCTION_INFO_V1(escalation_check);
PG_FUNCTION_INFO_V1(escalation_conv_trans);
PG_FUNCTION_INFO_V1(escalation_conv_final);
PG_FUNCTION_INFO_V1(escalation_trigger);
PG_FUNCTION_INFO_V1(escalation_rules_changed);

/* a customer message is "negative" for the run length at the scorer's label threshold */
#define NEGATIVE_LABEL (-0.05)
/* two sentences are "the same" at this word-set similarity, with at least 3 content words */
#define REPEAT_SIMILARITY 0.6
#define REPEAT_MIN_WORDS 3
/* how many earlier sentences per author a conversation remembers for repeats */
#define REPEAT_HISTORY 64

/* ---------------------------------------------------------------------------
 * rules cache
 * ------------------------------------------------------------------------- */

typedef struct LangRules
{
	char	   *language;
	EscRuleSet	set;
} LangRules;

static MemoryContext rules_cxt = NULL;
static LangRules *rules_langs = NULL;
static int	rules_nlangs = 0;
static Oid	rules_relid = InvalidOid;
static bool rules_loaded = false;
static uint64 rules_inval_count = 0;	/* bumped by the relcache callback */
static uint64 rules_loaded_at = 0;	/* rules_inval_count when the cache was built */

/* this file's own tokenizer output and words: the scorer's workspace is not touched */
static TokenList esc_tokens;
static EscWords esc_words;
static EscHits esc_hits;

void
EscalationRelcacheCallback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == rules_relid)
		rules_inval_count++;
}

/*
 * The extension's schema: where the calling function lives (pg_empathy is not
 * relocatable, so every one of its functions is there).  Set at each SQL entry point.
 */
static Oid	esc_schema = InvalidOid;

static void
set_schema(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	if (nsp != esc_schema)
	{
		esc_schema = nsp;
		rules_inval_count++;	/* another schema: another rules table */
	}
}

static Oid
extension_schema(void)
{
	Assert(OidIsValid(esc_schema));
	return esc_schema;
}

static void
load_rules(void)
{
	Oid			nsp = extension_schema();
	char	   *nspname = get_namespace_name(nsp);
	Oid			relid = get_relname_relid("escalation_rules", nsp);
	uint64		started = rules_inval_count;
	StringInfoData q;
	MemoryContext oldcxt;
	const SentimentConfig *tokcfg = SentimentDefaultConfig();
	int			ret;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table \"%s.escalation_rules\" does not exist", nspname),
				 errhint("Reinstall the extension with DROP EXTENSION pg_empathy and CREATE EXTENSION pg_empathy.")));

	if (rules_cxt == NULL)
		rules_cxt = AllocSetContextCreate(TopMemoryContext, "pg_empathy escalation rules",
										  ALLOCSET_SMALL_SIZES);
	MemoryContextReset(rules_cxt);
	rules_loaded = false;
	rules_langs = NULL;
	rules_nlangs = 0;
	rules_relid = relid;

	/* a user row overrides the built-in row of the same phrase (false sorts first) */
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT language, reason, phrase, severity FROM ("
					 " SELECT DISTINCT ON (language, reason, phrase) language, reason, phrase, severity, enabled"
					 " FROM %s.escalation_rules ORDER BY language, reason, phrase, builtin) r"
					 " WHERE enabled ORDER BY language, reason, phrase",
					 quote_identifier(nspname));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute(q.data, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));

	oldcxt = MemoryContextSwitchTo(rules_cxt);
	{
		uint64		nrows = SPI_processed;
		size_t		nwords_total = 0;
		size_t		wcap = 64;
		const char **words = palloc(sizeof(char *) * wcap);
		uint32	   *wordlens = palloc(sizeof(uint32) * wcap);
		EscRule    *rules = palloc(sizeof(EscRule) * (nrows ? nrows : 1));
		size_t		nrules = 0;
		char	   *curlang = NULL;
		size_t		langstart = 0;

		rules_langs = palloc(sizeof(LangRules) * (nrows ? nrows : 1));

		for (uint64 i = 0; i < nrows; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	td = SPI_tuptable->tupdesc;
			bool		isnull;
			char	   *lang = TextDatumGetCString(SPI_getbinval(tup, td, 1, &isnull));
			char	   *reason = TextDatumGetCString(SPI_getbinval(tup, td, 2, &isnull));
			text	   *phrase = DatumGetTextPP(SPI_getbinval(tup, td, 3, &isnull));
			int			severity = DatumGetInt32(SPI_getbinval(tup, td, 4, &isnull));
			int			code = EscReasonFromName(reason, strlen(reason));
			size_t		plen;
			const char *p = SentimentTextToUtf8(phrase, &plen);

			CHECK_FOR_INTERRUPTS();
			if (code < 0)		/* the table's CHECK constraint makes this impossible */
				elog(ERROR, "unknown reason code \"%s\" in escalation_rules", reason);

			if (curlang == NULL || strcmp(curlang, lang) != 0)
			{
				if (curlang != NULL)
				{
					rules_langs[rules_nlangs].language = curlang;
					rules_langs[rules_nlangs].set.rules = rules + langstart;
					rules_langs[rules_nlangs].set.nrules = nrules - langstart;
					rules_nlangs++;
				}
				curlang = lang;
				langstart = nrules;
			}

			TokenizerRun(tokcfg, p, plen, &esc_tokens);
			EscWordsFromTokens(&esc_tokens, &esc_words);
			LanguageNormaliseWords(&esc_words, lang);
			TokenListTrim(&esc_tokens);
			if (esc_words.n == 0)
				continue;		/* a phrase of punctuation only never matches */

			if (nwords_total + esc_words.n > wcap)
			{
				while (nwords_total + esc_words.n > wcap)
					wcap *= 2;
				words = repalloc(words, sizeof(char *) * wcap);
				wordlens = repalloc(wordlens, sizeof(uint32) * wcap);
			}
			rules[nrules].reason = (uint16) code;
			rules[nrules].severity = (int16) severity;
			rules[nrules].nwords = (uint32) esc_words.n;
			rules[nrules].first = (uint32) nwords_total;
			rules[nrules].phrase = text_to_cstring(phrase);
			for (size_t k = 0; k < esc_words.n; k++)
			{
				words[nwords_total] = pnstrdup(esc_words.buf + esc_words.off[k], esc_words.len[k]);
				wordlens[nwords_total] = esc_words.len[k];
				nwords_total++;
			}
			nrules++;
		}
		if (curlang != NULL)
		{
			rules_langs[rules_nlangs].language = curlang;
			rules_langs[rules_nlangs].set.rules = rules + langstart;
			rules_langs[rules_nlangs].set.nrules = nrules - langstart;
			rules_nlangs++;
		}
		for (int l = 0; l < rules_nlangs; l++)
		{
			rules_langs[l].set.words = words;
			rules_langs[l].set.wordlens = wordlens;
			EscRuleSetSort(&rules_langs[l].set);
		}
	}
	MemoryContextSwitchTo(oldcxt);
	SPI_finish();
	EscWordsTrim(&esc_words);

	/* an invalidation that arrived while loading leaves the cache to be rebuilt next time */
	rules_loaded = true;
	rules_loaded_at = started;
}

static const EscRuleSet *
rules_for_language(const char *language)
{
	static const EscRuleSet empty = {NULL, 0, NULL, NULL};

	if (!rules_loaded || rules_loaded_at != rules_inval_count)
		load_rules();
	for (int l = 0; l < rules_nlangs; l++)
		if (strcmp(rules_langs[l].language, language) == 0)
			return &rules_langs[l].set;
	return &empty;
}

/* ---------------------------------------------------------------------------
 * one message
 * ------------------------------------------------------------------------- */

typedef struct Matched
{
	int			reason;
	char	   *what;
} Matched;

typedef struct EscResult
{
	const char *language;		/* language whose rules were applied */
	double		sentiment;
	int			sev[ESC_NREASONS];	/* 0 = did not fire */
	Matched    *matched;
	int			nmatched;
	int			matchedcap;
} EscResult;

static void
result_init(EscResult *r)
{
	memset(r, 0, sizeof(*r));
}

/* record that reason fired at severity, with what (copied into the current context) */
static void
result_add(EscResult *r, int reason, int severity, const char *what)
{
	if (severity > r->sev[reason])
		r->sev[reason] = severity;
	for (int i = 0; i < r->nmatched; i++)
		if (r->matched[i].reason == reason && strcmp(r->matched[i].what, what) == 0)
			return;
	if (r->nmatched == r->matchedcap)
	{
		r->matchedcap = r->matchedcap ? r->matchedcap * 2 : 8;
		r->matched = r->matched ? repalloc(r->matched, sizeof(Matched) * r->matchedcap)
			: palloc(sizeof(Matched) * r->matchedcap);
	}
	r->matched[r->nmatched].reason = reason;
	r->matched[r->nmatched].what = pstrdup(what);
	r->nmatched++;
}

/*
 * Phrase rules of language on s (cfg scores s; for 'auto' the language may have no
 * configuration of its own: then its words are split like the rules, by the default
 * configuration); leaves the message's words in esc_words for the caller (the aggregate
 * hashes them).
 */
static void
match_phrases(const SentimentConfig *cfg, const char *language, const char *s, size_t len,
			  EscResult *r)
{
	const EscRuleSet *rs = rules_for_language(language);

	TokenizerRun(strcmp(cfg->language, language) == 0 ? cfg : SentimentDefaultConfig(), s, len,
				 &esc_tokens);
	EscWordsFromTokens(&esc_tokens, &esc_words);
	LanguageNormaliseWords(&esc_words, language);
	r->language = language;
	TokenListTrim(&esc_tokens);
	EscMatch(rs, &esc_words, &esc_hits);
	for (size_t i = 0; i < esc_hits.n; i++)
	{
		const EscRule *rule = &rs->rules[esc_hits.v[i].rule];

		result_add(r, rule->reason, rule->severity, rule->phrase);
		if ((i & 4095) == 4095)
			CHECK_FOR_INTERRUPTS();
	}
	if (esc_hits.cap > 4096 || esc_hits.covercap > 4096)
		EscHitsFree(&esc_hits);
}

static double
score_message(const SentimentConfig *cfg, const char *s, size_t len)
{
	SentimentScores sc;

	SentimentScoreUtf8(cfg, s, len, &sc);
	return sc.compound;
}

static void
check_negative(EscResult *r, double sentiment, double threshold)
{
	if (sentiment <= threshold)
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "sentiment %.2f <= %.2f", sentiment, threshold);
		result_add(r, ESC_NEGATIVE_SENTIMENT, 1, buf);
	}
}

static void
check_text(const SentimentConfig *cfg, text *msg, double neg_threshold, EscResult *r)
{
	size_t		len;
	const char *s = SentimentTextToUtf8(msg, &len);
	AutoChoice	choice;

	cfg = SentimentResolve(cfg, s, len, &choice);
	r->sentiment = score_message(cfg, s, len);
	check_negative(r, r->sentiment, neg_threshold);
	match_phrases(cfg, choice.language, s, len, r);
	EscWordsTrim(&esc_words);
}

static int
result_severity(const EscResult *r)
{
	int			sev = 0;

	for (int i = 0; i < ESC_NREASONS; i++)
		if (r->sev[i] > sev)
			sev = r->sev[i];
	return sev;
}

static ArrayType *
reasons_array(const EscResult *r)
{
	Datum		elems[ESC_NREASONS];
	int			n = 0;

	for (int i = 0; i < ESC_NREASONS; i++)
		if (r->sev[i] > 0)
			elems[n++] = CStringGetTextDatum(EscReasonNames[i]);
	return construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* matched[] grouped in reason order, in order of appearance within a reason */
static ArrayType *
matched_array(const EscResult *r)
{
	Datum	   *elems = palloc(sizeof(Datum) * (r->nmatched ? r->nmatched : 1));
	int			n = 0;

	for (int reason = 0; reason < ESC_NREASONS; reason++)
		for (int i = 0; i < r->nmatched; i++)
			if (r->matched[i].reason == reason)
				elems[n++] = CStringGetTextDatum(r->matched[i].what);
	return construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* fill the five common fields escalate, severity, reasons, matched, sentiment */
static void
result_fields(const EscResult *r, bool has_sentiment, Datum *values, bool *nulls)
{
	int			sev = result_severity(r);

	values[0] = BoolGetDatum(sev >= esc_min_severity);
	values[1] = Int32GetDatum(sev);
	values[2] = PointerGetDatum(reasons_array(r));
	values[3] = PointerGetDatum(matched_array(r));
	values[4] = Float8GetDatum(r->sentiment);
	nulls[0] = nulls[1] = nulls[2] = nulls[3] = false;
	nulls[4] = !has_sentiment;
}

static TupleDesc
result_tupdesc(FunctionCallInfo fcinfo, int natts)
{
	TupleDesc	td;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (td->natts != natts)
		elog(ERROR, "return type has %d columns, expected %d", td->natts, natts);
	return BlessTupleDesc(td);
}

static double
negative_threshold_arg(double v)
{
	if (isnan(v) || v < -1.0 || v > 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("negative_threshold must be between -1 and 1"),
				 errdetail("The value given was %g.", v)));
	return v;
}

/* escalation_check(message text [, config text [, negative_threshold float8]]) -> escalation */
Datum
escalation_check(PG_FUNCTION_ARGS)
{
	text	   *msg = PG_GETARG_TEXT_PP(0);
	const SentimentConfig *cfg = PG_NARGS() > 1 ? SentimentConfigFromText(PG_GETARG_TEXT_PP(1))
		: SentimentDefaultConfig();
	double		neg = PG_NARGS() > 2 ? negative_threshold_arg(PG_GETARG_FLOAT8(2))
		: esc_negative_threshold;
	TupleDesc	td = result_tupdesc(fcinfo, 5);
	EscResult	r;
	Datum		values[5];
	bool		nulls[5];

	set_schema(fcinfo);
	result_init(&r);
	check_text(cfg, msg, neg, &r);
	result_fields(&r, true, values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}

/* ---------------------------------------------------------------------------
 * conversation_escalation(message [, author [, config, negative_threshold,
 *						   drop_threshold, repeat_threshold]]) ORDER BY sent_at
 * ------------------------------------------------------------------------- */

typedef struct Seen
{
	uint32	   *h;				/* word hashes of an earlier message */
	int			nh;
	int			count;			/* times this message had been said, itself included */
} Seen;

typedef struct ConvState
{
	const SentimentConfig *cfg;
	double		neg_threshold;
	double		drop_threshold;
	int			repeat_threshold;

	int			messages;
	int			customer_messages;
	double		first;
	double		last;
	double		min;
	double		largest_drop;
	int			run;
	int			longest_run;
	EscResult	r;				/* reasons and matched[] so far (in the aggregate context) */

	Seen		seen[2][REPEAT_HISTORY];	/* [0] customer, [1] bot: recent sentences, ring buffers */
	int			nseen[2];
	int			max_repeat[2];
} ConvState;

enum
{
	AUTHOR_CUSTOMER, AUTHOR_AGENT, AUTHOR_BOT
};

static int
author_arg(text *a)
{
	char	   *s = text_to_cstring(a);
	int			res;

	if (strcmp(s, "customer") == 0)
		res = AUTHOR_CUSTOMER;
	else if (strcmp(s, "agent") == 0)
		res = AUTHOR_AGENT;
	else if (strcmp(s, "bot") == 0)
		res = AUTHOR_BOT;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized author \"%s\"", s),
				 errhint("Valid authors are customer, agent and bot; NULL counts as customer.")));
	pfree(s);
	return res;
}

/*
 * Count the sentences of this message (clauses ending in . ! ? etc.; the whole message if
 * it has none) against the earlier sentences of the same author, and remember them.
 * Returns the most times any of its sentences has now been said.  "How do I reset my
 * router?" asked again inside a longer message still counts.
 */
static int
note_repeat(ConvState *st, int who, MemoryContext aggcxt)
{
	uint32	   *h = palloc(sizeof(uint32) * (esc_words.n ? esc_words.n : 1));
	int			best = 1;
	size_t		from = 0;

	for (size_t i = 0; i < esc_words.n; i++)
	{
		int			nh;
		int			count = 1;
		int			n = st->nseen[who];
		Seen	   *slot;

		if (!(esc_words.flags[i] & ESCW_CLAUSE_END) && i + 1 < esc_words.n)
			continue;
		nh = (int) EscWordHashes(&esc_words, from, i + 1, h);
		from = i + 1;
		if (nh < REPEAT_MIN_WORDS)
			continue;
		for (int k = 0; k < n && k < REPEAT_HISTORY; k++)
		{
			Seen	   *s = &st->seen[who][k];

			if (s->count + 1 > count && EscJaccard(h, nh, s->h, s->nh) >= REPEAT_SIMILARITY)
				count = s->count + 1;
		}
		slot = &st->seen[who][n % REPEAT_HISTORY];
		if (slot->h)
			pfree(slot->h);
		slot->h = MemoryContextAlloc(aggcxt, sizeof(uint32) * nh);
		memcpy(slot->h, h, sizeof(uint32) * nh);
		slot->nh = nh;
		slot->count = count;
		st->nseen[who]++;
		if (count > best)
			best = count;
		CHECK_FOR_INTERRUPTS();
	}
	pfree(h);
	if (best > st->max_repeat[who])
		st->max_repeat[who] = best;
	return best;
}

Datum
escalation_conv_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MemoryContext oldcxt;
	ConvState  *st;
	text	   *msg;
	int			who = AUTHOR_CUSTOMER;
	size_t		len;
	const char *s;
	double		sentiment;
	const SentimentConfig *cfg;
	AutoChoice	choice;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "aggregate function called in non-aggregate context");
	set_schema(fcinfo);

	st = PG_ARGISNULL(0) ? NULL : (ConvState *) PG_GETARG_POINTER(0);
	if (st == NULL)
	{
		st = MemoryContextAllocZero(aggcxt, sizeof(ConvState));
		st->cfg = SentimentDefaultConfig();
		st->neg_threshold = esc_negative_threshold;
		st->drop_threshold = esc_drop_threshold;
		st->repeat_threshold = esc_repeat_threshold;
		if (PG_NARGS() > 3)
		{
			/* the settings of the first row hold for the whole conversation */
			if (PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5) || PG_ARGISNULL(6))
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("config and thresholds of conversation_escalation must not be null")));
			st->cfg = SentimentConfigFromText(PG_GETARG_TEXT_PP(3));
			st->neg_threshold = negative_threshold_arg(PG_GETARG_FLOAT8(4));
			st->drop_threshold = PG_GETARG_FLOAT8(5);
			if (isnan(st->drop_threshold) || st->drop_threshold < 0.0 || st->drop_threshold > 2.0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("drop_threshold must be between 0 and 2"),
						 errdetail("The value given was %g.", st->drop_threshold)));
			st->repeat_threshold = PG_GETARG_INT32(6);
			if (st->repeat_threshold < 2)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("repeat_threshold must be at least 2"),
						 errdetail("The value given was %d.", st->repeat_threshold)));
		}
	}

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);	/* a NULL message is not a message */
	msg = PG_GETARG_TEXT_PP(1);
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
		who = author_arg(PG_GETARG_TEXT_PP(2));

	st->messages++;
	s = SentimentTextToUtf8(msg, &len);

	if (who == AUTHOR_BOT)
	{
		TokenizerRun(st->cfg, s, len, &esc_tokens);
		EscWordsFromTokens(&esc_tokens, &esc_words);
		TokenListTrim(&esc_tokens);
		if (note_repeat(st, 1, aggcxt) >= st->repeat_threshold)
		{
			oldcxt = MemoryContextSwitchTo(aggcxt);
			result_add(&st->r, ESC_AI_FAILURE, 2, "bot repeated itself");
			MemoryContextSwitchTo(oldcxt);
		}
		EscWordsTrim(&esc_words);
		PG_RETURN_POINTER(st);
	}
	if (who == AUTHOR_AGENT)
		PG_RETURN_POINTER(st);	/* agents' words neither escalate nor count as the customer's */

	/* the customer ('auto' detects the language of each message) */
	cfg = SentimentResolve(st->cfg, s, len, &choice);
	sentiment = score_message(cfg, s, len);
	st->customer_messages++;
	if (st->customer_messages == 1)
		st->first = st->min = sentiment;
	st->last = sentiment;
	if (sentiment < st->min)
		st->min = sentiment;
	if (st->first - sentiment > st->largest_drop)
		st->largest_drop = st->first - sentiment;
	if (sentiment <= NEGATIVE_LABEL)
	{
		st->run++;
		if (st->run > st->longest_run)
			st->longest_run = st->run;
	}
	else
		st->run = 0;

	oldcxt = MemoryContextSwitchTo(aggcxt);
	match_phrases(cfg, choice.language, s, len, &st->r);
	MemoryContextSwitchTo(oldcxt);
	if (note_repeat(st, 0, aggcxt) >= st->repeat_threshold)
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "said the same thing %d times", st->repeat_threshold);
		oldcxt = MemoryContextSwitchTo(aggcxt);
		result_add(&st->r, ESC_REPEAT_CONTACT, 2, buf);
		MemoryContextSwitchTo(oldcxt);
	}
	EscWordsTrim(&esc_words);
	PG_RETURN_POINTER(st);
}

Datum
escalation_conv_final(PG_FUNCTION_ARGS)
{
	ConvState  *st;
	EscResult	r;
	TupleDesc	td;
	Datum		values[12];
	bool		nulls[12];
	bool		has_customer;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "aggregate function called in non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (ConvState *) PG_GETARG_POINTER(0);
	td = result_tupdesc(fcinfo, 12);
	has_customer = st->customer_messages > 0;

	/* the state stays read-only (window use): work on a copy of its reasons */
	r = st->r;
	r.matched = palloc(sizeof(Matched) * (st->r.nmatched + 2));
	memcpy(r.matched, st->r.matched, sizeof(Matched) * st->r.nmatched);
	r.matchedcap = st->r.nmatched + 2;
	r.sentiment = st->last;
	if (has_customer)
		check_negative(&r, st->last, st->neg_threshold);
	if (has_customer && st->largest_drop >= st->drop_threshold && st->drop_threshold > 0.0)
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "sentiment dropped %.2f >= %.2f", st->largest_drop,
				 st->drop_threshold);
		result_add(&r, ESC_SENTIMENT_DROP, 2, buf);
	}

	result_fields(&r, has_customer, values, nulls);
	values[5] = Int32GetDatum(st->messages);
	values[6] = Int32GetDatum(st->customer_messages);
	values[7] = Float8GetDatum(st->first);
	values[8] = Float8GetDatum(st->last);
	values[9] = Float8GetDatum(st->min);
	values[10] = Float8GetDatum(st->largest_drop);
	values[11] = Int32GetDatum(st->longest_run);
	for (int i = 5; i < 12; i++)
		nulls[i] = false;
	nulls[7] = nulls[8] = nulls[9] = nulls[10] = !has_customer;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}

/* ---------------------------------------------------------------------------
 * escalation_trigger([column [, config]]): AFTER INSERT OR UPDATE ... FOR EACH ROW
 * ------------------------------------------------------------------------- */

static SPIPlanPtr enqueue_plan = NULL;
static Oid	enqueue_plan_nsp = InvalidOid;

static SPIPlanPtr
get_enqueue_plan(void)
{
	Oid			nsp = extension_schema();

	if (enqueue_plan == NULL || enqueue_plan_nsp != nsp)
	{
		StringInfoData q;
		Oid			argtypes[8] = {REGCLASSOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
		TEXTARRAYOID, INT4OID, FLOAT8OID, TEXTOID};
		const char *s = quote_identifier(get_namespace_name(nsp));
		SPIPlanPtr	plan;

		/*
		 * One open entry per source row: a re-escalation of a row whose entry is not yet
		 * resolved refreshes that entry.  (xmax = 0 tells an insert from an update.)
		 */
		initStringInfo(&q);
		appendStringInfo(&q,
						 "WITH item AS ("
						 " INSERT INTO %s.escalation_queue AS q"
						 "  (source, row_key, reasons, matched, severity, sentiment, language)"
						 " VALUES ($1, pg_catalog.jsonb_object($2, $3), $4, $5, $6, $7, $8)"
						 " ON CONFLICT (source, row_key) WHERE status <> 'resolved' DO UPDATE"
						 " SET reasons = excluded.reasons, matched = excluded.matched,"
						 "  severity = excluded.severity, sentiment = excluded.sentiment,"
						 "  language = excluded.language, updated_at = pg_catalog.now()"
						 " RETURNING q.id, q.row_key, q.severity, q.reasons, q.xmax = 0 AS inserted)"
						 " SELECT pg_catalog.pg_notify('pg_empathy_escalation',"
						 "  pg_catalog.json_build_object('id', id, 'event',"
						 "   CASE WHEN inserted THEN 'new' ELSE 'updated' END,"
						 "   'source', $1::pg_catalog.text, 'row_key', row_key,"
						 "   'severity', severity, 'reasons', reasons)::pg_catalog.text)"
						 " FROM item",
						 s);
		plan = SPI_prepare(q.data, 8, argtypes);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		if (enqueue_plan)
			SPI_freeplan(enqueue_plan);
		enqueue_plan = plan;
		enqueue_plan_nsp = nsp;
	}
	return enqueue_plan;
}

static ArrayType *
cstring_array(char **v, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * (n ? n : 1));

	for (int i = 0; i < n; i++)
		d[i] = CStringGetTextDatum(v[i]);
	return construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT);
}

Datum
escalation_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *td;
	Relation	rel;
	TupleDesc	tupdesc;
	const char *colname;
	const char *relname;
	int			attnum;
	Oid			atttype;
	const SentimentConfig *cfg;
	HeapTuple	tuple;
	Datum		value;
	bool		isnull;
	Oid			pkoid;
	char	  **keynames;
	char	  **keyvalues;
	int			nkeys;
	EscResult	r;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("escalation_trigger() was not called by the trigger manager"),
				 errhint("Use it in CREATE TRIGGER ... AFTER INSERT OR UPDATE ... FOR EACH ROW EXECUTE FUNCTION escalation_trigger('column').")));
	td = (TriggerData *) fcinfo->context;
	set_schema(fcinfo);
	rel = td->tg_relation;
	relname = RelationGetRelationName(rel);
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("escalation_trigger() must be fired AFTER INSERT OR UPDATE FOR EACH ROW"),
				 errdetail("Trigger \"%s\" on table \"%s\" is defined otherwise.",
						   td->tg_trigger->tgname, relname)));
	if (td->tg_trigger->tgnargs < 1 || td->tg_trigger->tgnargs > 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("escalation_trigger() takes a column name and an optional configuration name"),
				 errdetail("Trigger \"%s\" on table \"%s\" passes %d arguments.",
						   td->tg_trigger->tgname, relname, td->tg_trigger->tgnargs),
				 errhint("Use EXECUTE FUNCTION escalation_trigger('body').")));

	tupdesc = RelationGetDescr(rel);
	colname = td->tg_trigger->tgargs[0];
	attnum = SPI_fnumber(tupdesc, colname);
	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist", colname, relname),
				 errdetail("Trigger \"%s\" names it as the text column to check.",
						   td->tg_trigger->tgname)));
	atttype = getBaseType(TupleDescAttr(tupdesc, attnum - 1)->atttypid);
	if (atttype != TEXTOID && atttype != VARCHAROID && atttype != BPCHAROID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" is of type %s, not text",
						colname, relname, format_type_be(TupleDescAttr(tupdesc, attnum - 1)->atttypid)),
				 errdetail("Trigger \"%s\" names it as the text column to check.",
						   td->tg_trigger->tgname)));
	cfg = td->tg_trigger->tgnargs > 1
		? SentimentConfigFromText(cstring_to_text(td->tg_trigger->tgargs[1]))
		: SentimentDefaultConfig();
	pkoid = RelationGetPrimaryKeyIndex(rel);
	if (!OidIsValid(pkoid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("relation \"%s\" has no primary key", relname),
				 errdetail("escalation_trigger() identifies the escalated row in the queue by its primary key."),
				 errhint("Add a primary key to the table.")));

	tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	value = SPI_getbinval(tuple, tupdesc, attnum, &isnull);
	if (isnull)
		return PointerGetDatum(NULL);
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		bool		oldnull;
		Datum		old = SPI_getbinval(td->tg_trigtuple, tupdesc, attnum, &oldnull);

		if (!oldnull && DatumGetBool(DirectFunctionCall2Coll(texteq, DEFAULT_COLLATION_OID,
															 old, value)))
			return PointerGetDatum(NULL);	/* the text did not change */
	}

	result_init(&r);
	check_text(cfg, DatumGetTextPP(value), esc_negative_threshold, &r);
	if (result_severity(&r) < esc_min_severity)
		return PointerGetDatum(NULL);

	/* the row's primary key as column name -> text value */
	{
		Relation	idx = index_open(pkoid, AccessShareLock);

		nkeys = idx->rd_index->indnkeyatts;
		keynames = palloc(sizeof(char *) * nkeys);
		keyvalues = palloc(sizeof(char *) * nkeys);
		for (int i = 0; i < nkeys; i++)
		{
			int			k = idx->rd_index->indkey.values[i];

			keynames[i] = NameStr(TupleDescAttr(tupdesc, k - 1)->attname);
			keyvalues[i] = SPI_getvalue(tuple, tupdesc, k);
		}
		index_close(idx, AccessShareLock);
	}

	{
		Datum		args[8];
		char		nulls[8] = "        ";
		int			ret;
		int			sev = result_severity(&r);
		char	  **reasons = palloc(sizeof(char *) * ESC_NREASONS);
		int			nreasons = 0;

		for (int i = 0; i < ESC_NREASONS; i++)
			if (r.sev[i] > 0)
				reasons[nreasons++] = (char *) EscReasonNames[i];

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		args[0] = ObjectIdGetDatum(RelationGetRelid(rel));
		args[1] = PointerGetDatum(cstring_array(keynames, nkeys));
		args[2] = PointerGetDatum(cstring_array(keyvalues, nkeys));
		args[3] = PointerGetDatum(cstring_array(reasons, nreasons));
		args[4] = PointerGetDatum(matched_array(&r));
		args[5] = Int32GetDatum(sev);
		args[6] = Float8GetDatum(r.sentiment);
		args[7] = CStringGetTextDatum(r.language);
		ret = SPI_execute_plan(get_enqueue_plan(), args, nulls, false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "escalation_trigger: enqueue failed: %s", SPI_result_code_string(ret));
		SPI_finish();
	}
	return PointerGetDatum(NULL);
}

/* statement trigger on escalation_rules: every backend's rules cache is stale */
Datum
escalation_rules_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("escalation_rules_changed() was not called by the trigger manager")));
	td = (TriggerData *) fcinfo->context;
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
