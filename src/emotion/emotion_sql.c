/*
 * emotion_sql.c
 *	  SQL-callable emotion functions: thin fmgr wrappers over emotion.c.
 *
 *	  emotion(text [, config]), emotion_label(text [, config]),
 *	  emotion_explain(text [, config]), emotion_configs()
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
#include "utils/memutils.h"

#include "emotion.h"
#include "language_sql.h"
#include "sentiment_sql.h"

PG_FUNCTION_INFO_V1(emotion_text);
PG_FUNCTION_INFO_V1(emotion_label_text);
PG_FUNCTION_INFO_V1(emotion_explain);
PG_FUNCTION_INFO_V1(emotion_configs);

/*
 * One tokenisation and feature workspace per backend, reused from row to row and trimmed
 * after large inputs and failed calls, as the scorer's (sentiment_sql.c).
 */
static TokenList tokens;
static EmotionWorkspace workspace;
static bool callbacks = false;

static void
trim(void)
{
	TokenListTrim(&tokens);
	EmotionWorkspaceTrim(&workspace);
}

static void
xact_abort(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
		trim();
}

static void
subxact_abort(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid,
			  void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		trim();
}

/*
 * Whether cfg tokenises as 'en' does, which the emotion model was trained on: 'en', the
 * other English configurations with its options and emoji, and custom lexicons over them.
 */
static bool
has_emotions(const SentimentConfig *cfg, const SentimentConfig *en)
{
	return cfg == en || (strcmp(cfg->language, "en") == 0 && cfg->options == en->options &&
						 cfg->emoji == en->emoji && !SentimentIsAuto(cfg));
}

/* the configuration of the call; one without an emotion model is an error */
static const SentimentConfig *
emotion_config(FunctionCallInfo fcinfo)
{
	const SentimentConfig *en = SentimentDefaultConfig();
	const SentimentConfig *cfg;

	if (PG_NARGS() < 2)
		return en;
	cfg = SentimentConfigFromText(PG_GETARG_TEXT_PP(1));
	if (!has_emotions(cfg, en))
	{
		StringInfoData names;

		initStringInfo(&names);
		for (int i = 0; i < SentimentConfigCount(); i++)
			if (has_emotions(SentimentConfigAt(i), en))
				appendStringInfo(&names, "%s%s", names.len ? ", " : "", SentimentConfigAt(i)->name);
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("sentiment configuration \"%s\" has no emotion model", cfg->name),
				 errdetail("Emotions are trained on English text."),
				 errhint("Configurations with emotions: %s, and custom lexicons based on them.", names.data)));
	}
	return cfg;
}

/* tokenise the first argument; *s and *len get its UTF-8 */
static void
prepare(FunctionCallInfo fcinfo, const char **s, size_t *len)
{
	const SentimentConfig *cfg = emotion_config(fcinfo);

	if (!callbacks)
	{
		RegisterXactCallback(xact_abort, NULL);
		RegisterSubXactCallback(subxact_abort, NULL);
		callbacks = true;
	}
	*s = SentimentTextToUtf8(PG_GETARG_TEXT_PP(0), len);
	TokenizerRun(cfg, *s, *len, &tokens);
}

static void
score(FunctionCallInfo fcinfo, double probs[EMO_CLASSES])
{
	const char *s;
	size_t		len;

	prepare(fcinfo, &s, &len);
	EmotionScore(&EmotionModelEn, &tokens, s, len, &workspace, probs);
	trim();
}

Datum
emotion_text(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	double		probs[EMO_CLASSES];
	Datum		values[EMO_CLASSES];
	bool		nulls[EMO_CLASSES] = {0};

	/* the result descriptor is looked up once per call site, not once per row */
	if (tupdesc == NULL)
	{
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "emotion: return type must be a row type");
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	score(fcinfo, probs);
	for (int c = 0; c < EMO_CLASSES; c++)
		values[c] = Float8GetDatum(probs[c]);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

Datum
emotion_label_text(PG_FUNCTION_ARGS)
{
	double		probs[EMO_CLASSES];

	score(fcinfo, probs);
	PG_RETURN_TEXT_P(cstring_to_text(EmotionNames[EmotionArgmax(probs)]));
}

/* ---------------------------------------------------------------------------
 * emotion_explain(text [, config]) -> SETOF (ord, feature, value, anger, ..., neutral)
 * ------------------------------------------------------------------------- */

typedef struct ExplainState
{
	ReturnSetInfo *rsinfo;
	MemoryContext rowcxt;
	int32		ord;
} ExplainState;

static const char *
kind_name(char kind)
{
	switch (kind)
	{
		case EMO_KIND_WORD:
			return "word";
		case EMO_KIND_NEGATED:
			return "negated";
		case EMO_KIND_BIGRAM:
			return "bigram";
		case EMO_KIND_EMOJI_WORD:
			return "emoji_word";
		case EMO_KIND_EMOJI:
			return "emoji";
		case EMO_KIND_MARK:
			return "mark";
		case EMO_KIND_CUE:
			return "cue";
		case EMO_KIND_PRIOR:
			return "cue_prior";
	}
	return "feature";
}

static void
explain_row(ExplainState *st, const char *name, size_t namelen, const char *kind,
			double value, const float *w)
{
	Datum		values[3 + EMO_CLASSES];
	bool		nulls[3 + EMO_CLASSES] = {0};
	MemoryContext old = MemoryContextSwitchTo(st->rowcxt);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s:", kind);
	appendBinaryStringInfo(&buf, name, (int) namelen);
	values[0] = Int32GetDatum(st->ord);
	values[1] = CStringGetTextDatum(pg_any_to_server(buf.data, buf.len, PG_UTF8));
	values[2] = Float8GetDatum(value);
	for (int c = 0; c < EMO_CLASSES; c++)
		values[3 + c] = Float8GetDatum((double) w[c] * value);
	MemoryContextSwitchTo(old);
	tuplestore_putvalues(st->rsinfo->setResult, st->rsinfo->setDesc, values, nulls);
	MemoryContextReset(st->rowcxt);
}

static void
explain_feature(void *arg, const char *key, size_t keylen, double value, int64_t index)
{
	ExplainState *st = (ExplainState *) arg;

	st->ord++;
	if (index < 0)
		return;					/* not in the model: contributes nothing */
	explain_row(st, key + 1, keylen - 1, kind_name(key[0]), value,
				EmotionFeatureWeights(&EmotionModelEn, index));
	if ((st->ord & 65535) == 0)
		CHECK_FOR_INTERRUPTS();
}

Datum
emotion_explain(PG_FUNCTION_ARGS)
{
	ExplainState st;
	const char *s;
	size_t		len;

	InitMaterializedSRF(fcinfo, 0);
	st.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	st.rowcxt = AllocSetContextCreate(CurrentMemoryContext, "emotion_explain row",
									  ALLOCSET_SMALL_SIZES);
	st.ord = 0;
	explain_row(&st, "", 0, "bias", 1.0, EmotionModelEn.bias);
	prepare(fcinfo, &s, &len);
	EmotionFeatures(&EmotionModelEn, &tokens, s, len, &workspace, explain_feature, &st);
	trim();
	MemoryContextDelete(st.rowcxt);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------------
 * emotion_configs() -> SETOF (name, language, classes, features, provenance, version)
 * ------------------------------------------------------------------------- */

Datum
emotion_configs(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[6];
	bool		nulls[6] = {0};
	Datum		classes[EMO_CLASSES];
	char		version[128];

	InitMaterializedSRF(fcinfo, 0);
	for (int c = 0; c < EMO_CLASSES; c++)
		classes[c] = CStringGetTextDatum(EmotionNames[c]);
	snprintf(version, sizeof(version), "pg_empathy %s, emotion model sha256 %.12s",
			 EXTVERSION, EmotionModelEn.digest);
	values[0] = CStringGetTextDatum("en");
	values[1] = CStringGetTextDatum("en");
	values[2] = PointerGetDatum(construct_array(classes, EMO_CLASSES, TEXTOID, -1, false,
												TYPALIGN_INT));
	values[3] = Int32GetDatum((int32) EmotionModelEn.nfeatures);
	values[4] = CStringGetTextDatum(EmotionModelEn.provenance);
	values[5] = CStringGetTextDatum(version);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}
