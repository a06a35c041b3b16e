/*
 * sentiment_sql.c
 *	  SQL-callable scoring functions: thin fmgr wrappers over scorer.c / tokenizer.c.
 *
 *	  sentiment(text [, config]), sentiment_score(text [, config]), sentiment_label(...),
 *	  sentiment_explain(text [, config]), sentiment_tokens(text [, config]),
 *	  sentiment_configs()
 */
#include "compat.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "confidence.h"
#include "custom_sql.h"
#include "language_sql.h"
#include "learned.h"
#include "lexicon.h"
#include "scorer.h"
#include "sentiment_sql.h"

PG_FUNCTION_INFO_V1(sentiment_text);
PG_FUNCTION_INFO_V1(sentiment_text_config);
PG_FUNCTION_INFO_V1(sentiment_score_text);
PG_FUNCTION_INFO_V1(sentiment_score_text_config);
PG_FUNCTION_INFO_V1(sentiment_label);
PG_FUNCTION_INFO_V1(sentiment_explain);
PG_FUNCTION_INFO_V1(sentiment_tokens);
PG_FUNCTION_INFO_V1(sentiment_configs);
PG_FUNCTION_INFO_V1(sentiment_confidence);
PG_FUNCTION_INFO_V1(sentiment_coverage);

#define DEFAULT_CONFIG "en"

/*
 * One workspace per backend, reused from row to row.  Its buffers are given back after an
 * unusually large input (ScoreWorkspaceTrim after each call) and also when a call is
 * cancelled or fails half-way: the (sub)transaction abort callbacks trim it.
 */
static ScoreWorkspace workspace;
static bool workspace_callbacks = false;

static void
workspace_xact_abort(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
		ScoreWorkspaceTrim(&workspace);
}

static void
workspace_subxact_abort(SubXactEvent event, SubTransactionId mySubid,
						SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		ScoreWorkspaceTrim(&workspace);
}

/*
 * the workspace, with its abort callbacks registered on first use.  Every call starts with the
 * tokenizer's keep_words off: a caller that wants the words (SentimentScoreUtf8Tokens) sets it
 * after this, and a call that failed with it on (an ERROR jumps past the reset) must not leave
 * it on for the next one.
 */
static ScoreWorkspace *
get_workspace(void)
{
	if (!workspace_callbacks)
	{
		RegisterXactCallback(workspace_xact_abort, NULL);
		RegisterSubXactCallback(workspace_subxact_abort, NULL);
		workspace_callbacks = true;
	}
	workspace.tokens.keep_words = false;
	return &workspace;
}

/*
 * A text that is only scored takes the tokenizer's plain path, which does not copy its words
 * (test/t/341_keep_words_reset.sh watches for this message after a failed escalation call)
 */
static inline void
check_words_not_kept(void)
{
	if (workspace.tokens.words_valid)
		elog(DEBUG1, "pg_empathy: the tokenizer kept the words of a text that was only scored");
}

/* ---------------------------------------------------------------------------
 * helpers shared with other SQL areas (sentiment_sql.h)
 * ------------------------------------------------------------------------- */

const SentimentConfig *
SentimentConfigFromText(text *name)
{
	const char *s = VARDATA_ANY(name);
	int			len = VARSIZE_ANY_EXHDR(name);
	const SentimentConfig *autocfg = SentimentAutoFromName(s, len);

	if (autocfg)
		return autocfg;
	/* built-in names have no '@': a published custom lexicon's name skips the list */
	for (int i = (len > 0 && memchr(s, '@', len) == NULL) ? 0 : SentimentConfigCount();
		 i < SentimentConfigCount(); i++)
	{
		const SentimentConfig *cfg = SentimentConfigAt(i);

		if (cfg->name[0] == s[0] && (int) strlen(cfg->name) == len && memcmp(cfg->name, s, len) == 0)
			return cfg;
	}
	/* hook: 'name@version', a published custom lexicon (src/custom) */
	if ((autocfg = SentimentCustomFromName(s, len)) != NULL)
		return autocfg;
	{
		StringInfoData names;

		/* the learned scorer was 'en-learned' in 0.2.0 development builds */
		bool		renamed = (len == 10 && memcmp(s, "en-learned", 10) == 0);

		initStringInfo(&names);
		for (int i = 0; i < SentimentConfigCount(); i++)
			appendStringInfo(&names, "%s%s", i ? ", " : "", SentimentConfigAt(i)->name);
		appendStringInfoString(&names, ", auto, auto:<configuration>");
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized sentiment configuration \"%s\"", text_to_cstring(name)),
				 renamed ? errdetail("The learned English scorer is the default configuration 'en'; the rule-based one is 'en-rules'.") : 0,
				 errhint("Valid configurations are: %s.", names.data)));
	}
	return NULL;				/* keep compiler quiet */
}

const SentimentConfig *
SentimentDefaultConfig(void)
{
	static const SentimentConfig *cfg = NULL;

	if (cfg == NULL)
		cfg = SentimentConfigFind(DEFAULT_CONFIG);
	return cfg;
}

/*
 * The core reads UTF-8.  In a UTF-8 database the text is used in place; other server
 * encodings are converted (every encoding converts to UTF-8); in SQL_ASCII, where the
 * server does not know the encoding, the bytes must be valid UTF-8.
 */
const char *
SentimentTextToUtf8(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8)
	{
		*len = n;
		return s;
	}
	if (enc == PG_SQL_ASCII)
	{
		if (pg_verify_mbstr_len(PG_UTF8, s, n, true) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("text to score is not valid UTF-8"),
					 errdetail("The database encoding is SQL_ASCII, so pg_empathy reads text as UTF-8."),
					 errhint("Use a database with a declared encoding, or convert the text with convert_from().")));
		*len = n;
		return s;
	}
	{
		const char *conv = (const char *) pg_do_encoding_conversion((unsigned char *) s, n,
																	  enc, PG_UTF8);

		/* a converted copy is NUL-terminated (text holds no NUL); else it is the input */
		*len = (conv == s) ? (size_t) n : strlen(conv);
		return conv;
	}
}

/* Score UTF-8 text with the backend's workspace. */
void
SentimentScoreUtf8(const SentimentConfig *cfg, const char *s, size_t len, SentimentScores *out)
{
	ScorerScore(SentimentResolve(cfg, s, len, NULL), s, len, get_workspace(), out);
	check_words_not_kept();
	ScoreWorkspaceTrim(&workspace);
}

/*
 * The compound score of UTF-8 text, leaving its tokens in *tokens for the caller (the
 * escalation rules match on them instead of tokenising again).  They stay valid until the
 * next scoring call; the caller calls SentimentWorkspaceTrim() when done with them.
 */
double
SentimentScoreUtf8Tokens(const SentimentConfig *cfg, const char *s, size_t len,
						 const TokenList **tokens)
{
	double		compound;

	/* the callers match words too: the tokenizer keeps them lower-cased */
	cfg = SentimentResolve(cfg, s, len, NULL);
	get_workspace()->tokens.keep_words = true;
	compound = ScorerScoreCompound(cfg, s, len, &workspace);
	workspace.tokens.keep_words = false;
	*tokens = &workspace.tokens;
	return compound;
}

/* the backend's scoring workspace, for SQL areas that call the scorer themselves */
ScoreWorkspace *
SentimentWorkspace(void)
{
	return get_workspace();
}

void
SentimentWorkspaceTrim(void)
{
	ScoreWorkspaceTrim(&workspace);
}

/* ---------------------------------------------------------------------------
 * sentiment(text [, config]) -> sentiment
 * ------------------------------------------------------------------------- */

static Datum
sentiment_datum(FunctionCallInfo fcinfo, const SentimentScores *r)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	/* the result descriptor is looked up once per call site, not once per row */
	if (tupdesc == NULL)
	{
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "sentiment: return type must be a row type");
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	values[0] = Float8GetDatum(r->neg);
	values[1] = Float8GetDatum(r->neu);
	values[2] = Float8GetDatum(r->pos);
	values[3] = Float8GetDatum(r->compound);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

static void
score_arg(FunctionCallInfo fcinfo, const SentimentConfig *cfg, SentimentScores *r)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = SentimentTextToUtf8(t, &len);

	SentimentScoreUtf8(cfg, s, len, r);
}

Datum
sentiment_text(PG_FUNCTION_ARGS)
{
	SentimentScores r;

	score_arg(fcinfo, SentimentDefaultConfig(), &r);
	return sentiment_datum(fcinfo, &r);
}

Datum
sentiment_text_config(PG_FUNCTION_ARGS)
{
	SentimentScores r;

	score_arg(fcinfo, SentimentConfigFromText(PG_GETARG_TEXT_PP(1)), &r);
	return sentiment_datum(fcinfo, &r);
}

static float8
score_compound_arg(FunctionCallInfo fcinfo, const SentimentConfig *cfg)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = SentimentTextToUtf8(t, &len);
	float8		compound = ScorerScoreCompound(SentimentResolve(cfg, s, len, NULL), s, len,
												   get_workspace());

	check_words_not_kept();
	ScoreWorkspaceTrim(&workspace);
	return compound;
}

Datum
sentiment_score_text(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(score_compound_arg(fcinfo, SentimentDefaultConfig()));
}

Datum
sentiment_score_text_config(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(score_compound_arg(fcinfo, SentimentConfigFromText(PG_GETARG_TEXT_PP(1))));
}

/* ---------------------------------------------------------------------------
 * sentiment_label(score, neg_threshold, pos_threshold) -> text
 * ------------------------------------------------------------------------- */

Datum
sentiment_label(PG_FUNCTION_ARGS)
{
	float8		score = PG_GETARG_FLOAT8(0);
	float8		neg = PG_GETARG_FLOAT8(1);
	float8		pos = PG_GETARG_FLOAT8(2);

	if (isnan(score))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sentiment score must not be NaN")));
	if (isnan(neg) || isnan(pos) || neg > pos)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid sentiment label thresholds: negative %g, positive %g", neg, pos),
				 errdetail("The negative threshold must be a number not greater than the positive threshold.")));
	if (score >= pos)
		PG_RETURN_TEXT_P(cstring_to_text("positive"));
	if (score <= neg)
		PG_RETURN_TEXT_P(cstring_to_text("negative"));
	PG_RETURN_TEXT_P(cstring_to_text("neutral"));
}

/* ---------------------------------------------------------------------------
 * sentiment_explain(text [, config]) -> SETOF (ord, token, lexicon_valence, valence, rules)
 * ------------------------------------------------------------------------- */

static text *
utf8_to_text(const char *s, size_t len)
{
	char	   *conv = pg_any_to_server(s, (int) len, PG_UTF8);

	if (conv == s)
		return cstring_to_text_with_len(s, (int) len);
	return cstring_to_text(conv);
}

static Datum
rules_array(uint32_t rules)
{
	Datum		elems[RULE_COUNT];
	int			n = 0;

	for (int b = 0; b < RULE_COUNT; b++)
		if (rules & (1u << b))
			elems[n++] = PointerGetDatum(cstring_to_text(ScorerRuleNames[b]));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

const SentimentConfig *
SentimentConfigArg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() > argno)
		return SentimentConfigFromText(PG_GETARG_TEXT_PP(argno));
	return SentimentDefaultConfig();
}

static int
feature_cmp(const void *a, const void *b)
{
	double		x = fabs(((const LearnedFeature *) a)->contribution);
	double		y = fabs(((const LearnedFeature *) b)->contribution);

	return (x < y) - (x > y);
}

/*
 * A learned configuration: one row per feature occurrence, largest |contribution| first;
 * lexicon_valence is the feature's value, valence its contribution to the polarity score
 * (the contributions add up to it), rules its kind.
 */
static void
learned_explain(ReturnSetInfo *rsinfo, const SentimentConfig *cfg, const char *s, size_t len)
{
	LearnedWorkspace *lw;
	char		name[128];
	int32		ord = 0;
	MemoryContext rowcxt,
				oldcxt;

	LearnedScore(cfg, s, len, get_workspace(), NULL, NULL, true);
	lw = workspace.learned;
	qsort(lw->feat, lw->nfeat, sizeof(LearnedFeature), feature_cmp);
	/* each row's texts and array are built in a context reset after the row is stored */
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "sentiment_explain row",
								   ALLOCSET_SMALL_SIZES);
	for (size_t i = 0; i < lw->nfeat; i++)
	{
		const LearnedFeature *f = &lw->feat[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		Datum		kind;
		size_t		n;

		if (f->value == 0.0)
			continue;			/* a rule output that is off contributes nothing */
		oldcxt = MemoryContextSwitchTo(rowcxt);
		kind = PointerGetDatum(cstring_to_text(LearnedKindNames[f->kind]));
		n = LearnedFeatureName(lw, f, name, sizeof(name));
		values[0] = Int32GetDatum((int32) ++ord);
		values[1] = PointerGetDatum(utf8_to_text(name, n < sizeof(name) ? n : sizeof(name) - 1));
		values[2] = Float8GetDatum(f->value);
		values[3] = Float8GetDatum(f->contribution);
		values[4] = PointerGetDatum(construct_array(&kind, 1, TEXTOID, -1, false, TYPALIGN_INT));
		MemoryContextSwitchTo(oldcxt);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(rowcxt);
		if ((i & 4095) == 4095)
			CHECK_FOR_INTERRUPTS();
	}
	MemoryContextDelete(rowcxt);
	ScoreWorkspaceTrim(&workspace);
}

Datum
sentiment_explain(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const SentimentConfig *cfg = SentimentConfigArg(fcinfo, 1);
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = SentimentTextToUtf8(t, &len);
	SentimentScores r;
	TokenList  *tl = &workspace.tokens;
	MemoryContext rowcxt,
				oldcxt;
	AutoChoice	choice;

	InitMaterializedSRF(fcinfo, 0);
	cfg = SentimentResolve(cfg, s, len, &choice);
	if (choice.detected)
	{
		/* 'auto': a first row (ord 0) names the detected language and the configuration used */
		Datum		values[5];
		bool		nulls[5] = {false, false, true, false, false};
		Datum		rules[2];

		rules[0] = CStringGetTextDatum("auto");
		rules[1] = CStringGetTextDatum(cfg->name);
		values[0] = Int32GetDatum(0);
		values[1] = CStringGetTextDatum(choice.detected);
		values[3] = Float8GetDatum(0.0);
		values[4] = PointerGetDatum(construct_array(rules, 2, TEXTOID, -1, false, TYPALIGN_INT));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	if (cfg->model)
	{
		learned_explain(rsinfo, cfg, s, len);
		return (Datum) 0;
	}
	ScorerScore(cfg, s, len, get_workspace(), &r);

	/* each row's text and array are built in a context reset after the row is stored */
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "sentiment_explain row",
								   ALLOCSET_SMALL_SIZES);
	for (size_t i = 0; i < tl->ntokens; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		uint32_t	rules = workspace.rules[i];
		const Token *tok = &tl->tokens[i];

		/* tokens that carry sentiment, or carried it before a rule cancelled it */
		if (!(rules & (RULE_LEXICON | RULE_IDIOM)) ||
			(workspace.base[i] == 0.0 && workspace.valence[i] == 0.0))
			continue;
		oldcxt = MemoryContextSwitchTo(rowcxt);
		values[0] = Int32GetDatum((int32) (i + 1));
		values[1] = PointerGetDatum(utf8_to_text(tl->text + tok->off, tok->len));
		values[2] = Float8GetDatum(workspace.base[i]);
		values[3] = Float8GetDatum(workspace.valence[i]);
		values[4] = rules_array(rules);
		MemoryContextSwitchTo(oldcxt);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(rowcxt);
		if ((i & 65535) == 65535)
			CHECK_FOR_INTERRUPTS();
	}
	MemoryContextDelete(rowcxt);
	if (workspace.punct_amplifier != 0.0)
	{
		Datum		values[5];
		bool		nulls[5] = {false, true, true, false, false};
		StringInfoData marks;
		int			ex = tl->n_exclaim > 4 ? 4 : tl->n_exclaim;

		initStringInfo(&marks);
		for (int k = 0; k < ex; k++)
			appendStringInfoChar(&marks, '!');
		if (tl->n_question > 1)
			for (int k = 0; k < tl->n_question && k < 4; k++)
				appendStringInfoChar(&marks, '?');
		values[0] = Int32GetDatum((int32) (tl->ntokens + 1));
		values[1] = PointerGetDatum(cstring_to_text(marks.data));
		nulls[1] = false;
		values[3] = Float8GetDatum(workspace.punct_amplifier);
		values[4] = rules_array(RULE_PUNCTUATION);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	ScoreWorkspaceTrim(&workspace);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------------
 * sentiment_tokens(text [, config]) -> text[]   (what the tokenizer sees)
 * ------------------------------------------------------------------------- */

/*
 * The tokens as a text[] built in one piece: in a UTF-8 database each token is copied once,
 * straight into the array (no Datum per token first), so the call needs the text, the
 * tokenizer's 32 bytes per token and the result.  Other encodings convert token by token.
 */
static ArrayType *
tokens_array_utf8(const TokenList *tl)
{
	size_t		nbytes = ARR_OVERHEAD_NONULLS(1);
	ArrayType  *a;
	char	   *p;
	int			n = (int) tl->ntokens;

	for (size_t i = 0; i < tl->ntokens; i++)
		nbytes += INTALIGN(VARHDRSZ + tl->tokens[i].len);
	if (nbytes > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sentiment_tokens result would be %zu bytes, more than the maximum of %zu",
						nbytes, (size_t) MaxAllocSize),
				 errhint("Split the text, for example by paragraph, and tokenise the parts.")));
	a = palloc0(nbytes);
	SET_VARSIZE(a, nbytes);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = TEXTOID;
	ARR_DIMS(a)[0] = n;
	ARR_LBOUND(a)[0] = 1;
	p = ARR_DATA_PTR(a);
	for (size_t i = 0; i < tl->ntokens; i++)
	{
		const Token *tok = &tl->tokens[i];

		SET_VARSIZE(p, VARHDRSZ + tok->len);
		memcpy(VARDATA(p), tl->text + tok->off, tok->len);
		p += INTALIGN(VARHDRSZ + tok->len);
		if ((i & 65535) == 65535)
			CHECK_FOR_INTERRUPTS();
	}
	return a;
}

Datum
sentiment_tokens(PG_FUNCTION_ARGS)
{
	const SentimentConfig *cfg = SentimentConfigArg(fcinfo, 1);
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = SentimentTextToUtf8(t, &len);
	TokenList  *tl = &get_workspace()->tokens;
	ArrayType  *result;

	TokenizerRun(SentimentResolve(cfg, s, len, NULL), s, len, tl);
	if (tl->ntokens == 0)
		result = construct_empty_array(TEXTOID);
	else if (GetDatabaseEncoding() == PG_UTF8)
		result = tokens_array_utf8(tl);
	else
	{
		Datum	   *elems = palloc(sizeof(Datum) * tl->ntokens);

		for (size_t i = 0; i < tl->ntokens; i++)
		{
			elems[i] = PointerGetDatum(utf8_to_text(tl->text + tl->tokens[i].off, tl->tokens[i].len));
			if ((i & 65535) == 65535)
				CHECK_FOR_INTERRUPTS();
		}
		result = construct_array(elems, (int) tl->ntokens, TEXTOID, -1, false, TYPALIGN_INT);
	}
	ScoreWorkspaceTrim(&workspace);
	PG_RETURN_ARRAYTYPE_P(result);
}

/* ---------------------------------------------------------------------------
 * sentiment_configs() -> SETOF (name, language, description, provenance, version, tier)
 * ------------------------------------------------------------------------- */

Datum
sentiment_configs(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char		version[128];
	char		version_i18n[128];

	InitMaterializedSRF(fcinfo, 0);
	snprintf(version_i18n, sizeof(version_i18n), "pg_empathy %s, lexicon data sha256 %.12s",
			 EXTVERSION, lexicon_i18n_digest);
	for (int i = 0; i < SentimentConfigCount(); i++)
	{
		const SentimentConfig *cfg = SentimentConfigAt(i);
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		snprintf(version, sizeof(version), "pg_empathy %s, lexicon data sha256 %.12s%s%.12s",
				 EXTVERSION, lexicon_data_digest, cfg->model ? ", weights sha256 " : "",
				 cfg->model ? cfg->model->sha256 : "");
		values[0] = CStringGetTextDatum(cfg->name);
		values[1] = CStringGetTextDatum(cfg->language);
		values[2] = CStringGetTextDatum(cfg->description);
		values[3] = cfg->model ?
			CStringGetTextDatum(psprintf("%s; %s", cfg->provenance, cfg->model->provenance)) :
			CStringGetTextDatum(cfg->provenance);
		values[4] = CStringGetTextDatum(i < NumSentimentConfigs ? version : version_i18n);
		values[5] = CStringGetTextDatum(cfg->tier ? cfg->tier : "curated");
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	{
		/* 'auto': no language and no tier of its own (those of the configuration it picks) */
		Datum		values[6] = {0};
		bool		nulls[6] = {false, true, false, false, false, true};

		snprintf(version, sizeof(version), "pg_empathy %s, language model sha256 %.12s",
				 EXTVERSION, langid_data_digest);
		values[0] = CStringGetTextDatum(SENTIMENT_AUTO_NAME);
		values[2] = CStringGetTextDatum(SentimentAutoDescription);
		values[3] = CStringGetTextDatum(SentimentAutoProvenance);
		values[4] = CStringGetTextDatum(version);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------------
 * sentiment_confidence(text [, config]), sentiment_coverage(text [, config]) -> float8
 * ------------------------------------------------------------------------- */

static float8
confidence_or_coverage(FunctionCallInfo fcinfo, bool coverage)
{
	const SentimentConfig *cfg = SentimentConfigArg(fcinfo, 1);
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = SentimentTextToUtf8(t, &len);
	float8		result;

	cfg = SentimentResolve(cfg, s, len, NULL);
	result = coverage ? ScoreCoverage(cfg, s, len, get_workspace()) :
		ScoreConfidence(cfg, s, len, get_workspace());
	ScoreWorkspaceTrim(&workspace);
	return result;
}

Datum
sentiment_confidence(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(confidence_or_coverage(fcinfo, false));
}

Datum
sentiment_coverage(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(confidence_or_coverage(fcinfo, true));
}
