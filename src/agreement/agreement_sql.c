/*
 * agreement_sql.c
 *	  cohen_kappa, confusion_matrix, fleiss_kappa and krippendorff_alpha
 *	  aggregates over two text columns.  One state (agreement.c, pure C)
 *	  counts the pairs; the final functions differ.
 */
#include "compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "agreement.h"
#include "kpi_hist_sql.h"
#include "kpi_state.h"

static AgrTable *
new_table(MemoryContext cxt)
{
	AgrTable   *t = MemoryContextAllocZero(cxt, sizeof(AgrTable));
	KpiAllocator mem = KpiContextAllocator(cxt);

	AgrInit(t, &mem);
	return t;
}

static void
check_add(AgrAddResult r, const char *caller)
{
	switch (r)
	{
		case AGR_OK:
			break;
		case AGR_TOO_LONG:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("label for %s is too long", caller),
					 errdetail("Labels and item keys are limited to %d bytes.", AGR_MAX_STRING)));
			break;
		case AGR_TOO_MANY:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many distinct labels for %s", caller),
					 errdetail("One group may hold at most %d distinct labels and item keys.", AGR_MAX_STRINGS)));
			break;
		case AGR_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value out of range in %s", caller),
					 errdetail("Row counts of an aggregate are limited to 2^53 - 1.")));
			break;
	}
}

/* agreement_accum(internal, text, text) returns internal: count one pair */
PG_FUNCTION_INFO_V1(agreement_accum);
Datum
agreement_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "agreement_accum");
	AgrTable   *t = PG_ARGISNULL(0) ? new_table(aggcxt) : (AgrTable *) PG_GETARG_POINTER(0);
	text	   *a,
			   *b;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(t);
	a = PG_GETARG_TEXT_PP(1);
	b = PG_GETARG_TEXT_PP(2);
	check_add(AgrAdd(t, VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), 1),
			  "agreement_accum");
	PG_RETURN_POINTER(t);
}

/* agreement_combine(internal, internal) returns internal */
PG_FUNCTION_INFO_V1(agreement_combine);
Datum
agreement_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "agreement_combine");
	AgrTable   *t;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0));
	t = PG_ARGISNULL(0) ? new_table(aggcxt) : (AgrTable *) PG_GETARG_POINTER(0);
	check_add(AgrMerge(t, (AgrTable *) PG_GETARG_POINTER(1)), "agreement_combine");
	PG_RETURN_POINTER(t);
}

/* agreement_serialize(internal) returns bytea */
PG_FUNCTION_INFO_V1(agreement_serialize);
Datum
agreement_serialize(PG_FUNCTION_ARGS)
{
	AgrTable   *t;
	bytea	   *out;

	KpiAggContext(fcinfo, "agreement_serialize");
	t = (AgrTable *) PG_GETARG_POINTER(0);
	out = KpiSerialBytea(AgrSerialSize(t));
	AgrSerialize(t, (unsigned char *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

/* agreement_deserialize(bytea, internal) returns internal */
PG_FUNCTION_INFO_V1(agreement_deserialize);
Datum
agreement_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = KpiAggContext(fcinfo, "agreement_deserialize");
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	AgrTable   *t = new_table(aggcxt);

	KpiCheckDeserialized(AgrDeserialize(t, (const unsigned char *) VARDATA_ANY(in),
										VARSIZE_ANY_EXHDR(in)), "agreement_deserialize");
	PG_RETURN_POINTER(t);
}

/* the state of a final function, or NULL when no row was counted */
static AgrTable *
final_state(FunctionCallInfo fcinfo)
{
	AgrTable   *t;

	if (PG_ARGISNULL(0))
		return NULL;
	t = (AgrTable *) PG_GETARG_POINTER(0);
	return t->total > 0 ? t : NULL;
}

/* float8 fields from f[] into values[first..], NULL for NaN */
static void
put_floats(Datum *values, bool *nulls, int first, const double *f, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		values[first + i] = Float8GetDatum(f[i]);
		nulls[first + i] = isnan(f[i]);
	}
}

/* cohen_kappa_final(internal) returns cohen_kappa_result */
PG_FUNCTION_INFO_V1(cohen_kappa_final);
Datum
cohen_kappa_final(PG_FUNCTION_ARGS)
{
	AgrTable   *t = final_state(fcinfo);
	AgrKappa	r;
	Datum		values[10];
	bool		nulls[10] = {0};

	if (t == NULL)
		PG_RETURN_NULL();
	AgrCohenKappa(t, &r);
	values[0] = Int64GetDatum((int64) r.n);
	values[1] = Int32GetDatum((int32) r.categories);
	put_floats(values, nulls, 2, (double[]) {r.observed, r.expected, r.kappa, r.std_error,
				r.ci_low, r.ci_high, r.z, r.p_value}, 8);
	return KpiMakeComposite(fcinfo, values, nulls);
}

static ArrayType *
float_array(const AgrClass *c, int k, size_t offset)
{
	Datum	   *d = palloc(sizeof(Datum) * (k > 0 ? k : 1));
	int			i;

	for (i = 0; i < k; i++)
		d[i] = Float8GetDatum(*(const double *) ((const char *) &c[i] + offset));
	return construct_array(d, k, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

static ArrayType *
count_array(const AgrClass *c, int k, size_t offset)
{
	Datum	   *d = palloc(sizeof(Datum) * (k > 0 ? k : 1));
	int			i;

	for (i = 0; i < k; i++)
		d[i] = Int64GetDatum((int64) *(const double *) ((const char *) &c[i] + offset));
	return construct_array(d, k, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* confusion_matrix_final(internal) returns confusion_matrix_result */
PG_FUNCTION_INFO_V1(confusion_matrix_final);
Datum
confusion_matrix_final(PG_FUNCTION_ARGS)
{
	AgrTable   *t = final_state(fcinfo);
	AgrConfusion r;
	Datum		values[14];
	bool		nulls[14] = {0};
	Datum	   *labels;
	int			k,
				i;

	if (t == NULL)
		PG_RETURN_NULL();
	AgrConfusionMatrix(t, &r);
	k = (int) r.classes;
	values[0] = Int64GetDatum((int64) r.n);
	values[1] = Int32GetDatum(k);
	put_floats(values, nulls, 2, (double[]) {r.accuracy, r.macro_precision, r.macro_recall,
				r.macro_f1, r.weighted_f1}, 5);
	labels = palloc(sizeof(Datum) * (k > 0 ? k : 1));
	for (i = 0; i < k; i++)
	{
		size_t		len;
		const char *s = AgrString(t, r.cls[i].label, &len);

		labels[i] = PointerGetDatum(cstring_to_text_with_len(s, (int) len));
	}
	values[7] = PointerGetDatum(construct_array(labels, k, TEXTOID, -1, false, TYPALIGN_INT));
	values[8] = PointerGetDatum(count_array(r.cls, k, offsetof(AgrClass, support)));
	values[9] = PointerGetDatum(count_array(r.cls, k, offsetof(AgrClass, predicted)));
	values[10] = PointerGetDatum(count_array(r.cls, k, offsetof(AgrClass, true_positives)));
	values[11] = PointerGetDatum(float_array(r.cls, k, offsetof(AgrClass, precision)));
	values[12] = PointerGetDatum(float_array(r.cls, k, offsetof(AgrClass, recall)));
	values[13] = PointerGetDatum(float_array(r.cls, k, offsetof(AgrClass, f1)));
	t->mem.free(t->mem.arg, r.cls);
	return KpiMakeComposite(fcinfo, values, nulls);
}

/* fleiss_kappa_final(internal) returns fleiss_kappa_result */
PG_FUNCTION_INFO_V1(fleiss_kappa_final);
Datum
fleiss_kappa_final(PG_FUNCTION_ARGS)
{
	AgrTable   *t = final_state(fcinfo);
	AgrPanel	r;
	Datum		values[7];
	bool		nulls[7] = {0};

	if (t == NULL)
		PG_RETURN_NULL();
	if (!AgrFleissKappa(t, &r))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fleiss_kappa needs the same number of ratings for every item"),
				 errhint("Use krippendorff_alpha, which allows items with missing ratings.")));
	values[0] = Int64GetDatum((int64) r.items);
	values[1] = Int64GetDatum((int64) r.ratings);
	values[2] = Int32GetDatum((int32) r.raters_per_item);
	values[3] = Int32GetDatum((int32) r.categories);
	put_floats(values, nulls, 4, (double[]) {r.observed, r.expected, r.value}, 3);
	return KpiMakeComposite(fcinfo, values, nulls);
}

/* krippendorff_alpha_final(internal) returns krippendorff_alpha_result */
PG_FUNCTION_INFO_V1(krippendorff_alpha_final);
Datum
krippendorff_alpha_final(PG_FUNCTION_ARGS)
{
	AgrTable   *t = final_state(fcinfo);
	AgrPanel	r;
	Datum		values[6];
	bool		nulls[6] = {0};

	if (t == NULL)
		PG_RETURN_NULL();
	AgrKrippendorffAlpha(t, &r);
	values[0] = Int64GetDatum((int64) r.items);
	values[1] = Int64GetDatum((int64) r.ratings);
	values[2] = Int32GetDatum((int32) r.categories);
	put_floats(values, nulls, 3, (double[]) {r.observed, r.expected, r.value}, 3);
	return KpiMakeComposite(fcinfo, values, nulls);
}
