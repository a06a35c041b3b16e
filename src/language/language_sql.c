/*
 * language_sql.c
 *	  SQL edge of language detection:
 *	  detect_language(text [, text[]]) -> text,
 *	  language_detection(text [, text[]]) -> (language, confidence, script, runner_up).
 */
#include "compat.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "langid.h"
#include "language_sql.h"
#include "sentiment_sql.h"

PG_FUNCTION_INFO_V1(detect_language);
PG_FUNCTION_INFO_V1(language_detection);

/* candidates text[] -> bit set; an unknown code, a NULL or an empty array is an error */
static uint32_t
candidates_arg(ArrayType *arr)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	uint32_t	set = 0;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("candidates must be a one-dimensional array")));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		text	   *t;
		int			l;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("candidate languages must not be NULL")));
		t = DatumGetTextPP(elems[i]);
		l = LangidFromCode(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		if (l == LANGID_UND)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unsupported candidate language \"%s\"", text_to_cstring(t)),
					 errhint("Supported languages are: %s.", LanguageSupportedList())));
		set |= 1u << l;
	}
	if (set == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("candidates must name at least one language"),
				 errhint("Supported languages are: %s.", LanguageSupportedList())));
	return set;
}

const char *
LanguageSupportedList(void)
{
	static char list[LANGID_NLANG * 4 + 1];

	if (list[0] == '\0')
		for (int l = 0; l < LANGID_NLANG; l++)
		{
			if (l > 0)
				strcat(list, ", ");
			strcat(list, LangidCodes[l]);
		}
	return list;
}

void
LanguageDetectUtf8(const char *s, size_t len, LangidResult *r)
{
	LangidDetect(s, len, LANGID_ALL, r);
}

static void
detect_args(FunctionCallInfo fcinfo, LangidResult *r)
{
	uint32_t	cand = PG_NARGS() > 1 ? candidates_arg(PG_GETARG_ARRAYTYPE_P(1)) : LANGID_ALL;
	size_t		len;
	const char *s = SentimentTextToUtf8(PG_GETARG_TEXT_PP(0), &len);

	LangidDetect(s, len, cand, r);
}

Datum
detect_language(PG_FUNCTION_ARGS)
{
	LangidResult r;

	detect_args(fcinfo, &r);
	PG_RETURN_TEXT_P(cstring_to_text(LangidCode(r.language)));
}

Datum
language_detection(PG_FUNCTION_ARGS)
{
	LangidResult r;
	TupleDesc	td;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	detect_args(fcinfo, &r);
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "language_detection: return type must be a row type");
	td = BlessTupleDesc(td);
	values[0] = CStringGetTextDatum(LangidCode(r.language));
	values[1] = Float8GetDatum(r.confidence);
	values[2] = CStringGetTextDatum(r.script < 0 ? "Zyyy" : LangidScriptNames[r.script]);
	if (r.runner_up == LANGID_UND)
		nulls[3] = true;
	else
		values[3] = CStringGetTextDatum(LangidCode(r.runner_up));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}
