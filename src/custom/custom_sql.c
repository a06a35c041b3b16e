/*
 * custom_sql.c
 *	  Custom lexicons in SQL: the published-lexicon table's guard trigger,
 *	  sentiment_lexicon_publish(), and the per-backend cache behind configuration names of
 *	  the form 'name@version' (SentimentCustomFromName, called by SentimentConfigFromText).
 *
 * Design (README "Custom lexicons"): a published version is frozen.  Its row in
 * sentiment_lexicon cannot be updated or deleted (the guard trigger), an edit publishes the
 * next version under a new name, so an expression index or a stored score computed with
 * 'acme@1' stays right for ever and the scoring functions stay IMMUTABLE.  Drafts live in
 * sentiment_lexicon_entry, which nothing scores with.
 *
 * The cache: one CustomLexicon per name, built on first use.  Writes to sentiment_lexicon
 * send a relcache invalidation (the guard trigger); every backend then marks its entries
 * unverified and re-reads the row at the next use: the same content keeps the built table,
 * other content (a rolled-back publish, a re-created extension) builds a new one.  Replaced
 * tables are not freed, because configuration pointers may still be held by a running
 * statement; they are kept for the backend's life (one per replacement, which only a
 * rollback or a re-created extension causes).
 */
#include "compat.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "custom_lexicon.h"
#include "custom_sql.h"
#include "language_sql.h"
#include "sentiment_sql.h"

PG_FUNCTION_INFO_V1(sentiment_lexicon_guard);
PG_FUNCTION_INFO_V1(sentiment_lexicon_publish);

#define NAME_MAX_LEN 48

typedef struct CachedLexicon
{
	struct CachedLexicon *next;
	char		name[72];
	uint64		digest;
	bool		verified;
	CustomLexicon *lex;
} CachedLexicon;

static CachedLexicon *cache = NULL;
static bool callback_registered = false;
static Oid	lexicon_relid = InvalidOid;	/* sentiment_lexicon, once read */
static TokenList scratch;		/* for normalising terms */

/* ---------------------------------------------------------------------------
 * names
 * ------------------------------------------------------------------------- */

/* [a-z][a-z0-9_]{0,47}: a draft's name, the part of a published name before '@' */
static bool
valid_draft_name(const char *s, size_t len)
{
	if (len == 0 || len > NAME_MAX_LEN || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* draft '@' version, the version 1 to 999999999 without leading zeros */
static bool
valid_published_name(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	size_t		vlen;

	if (at == NULL || !valid_draft_name(s, at - s))
		return false;
	vlen = len - (at - s) - 1;
	if (vlen == 0 || vlen > 9 || at[1] == '0')
		return false;
	for (size_t i = 1; i <= vlen; i++)
		if (at[i] < '0' || at[i] > '9')
			return false;
	return true;
}

static void
check_published_name(const char *name)
{
	if (!valid_published_name(name, strlen(name)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid custom lexicon name \"%s\"", name),
				 errdetail("A published custom lexicon is named name@version: a lower-case letter, then up to 47 lower-case letters, digits or underscores, then @ and a version number from 1."),
				 errhint("Publish drafts with sentiment_lexicon_publish(), which names the versions.")));
}

/* the schema of pg_empathy (not relocatable: where its tables are) */
static Oid
extension_schema(void)
{
	Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			nsp = InvalidOid;

	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum("pg_empathy"));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
		nsp = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (!OidIsValid(nsp))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"pg_empathy\" is not installed")));
	return nsp;
}

static const char *
extension_schema_name(void)
{
	return get_namespace_name(extension_schema());
}

/* the built-in configurations a custom lexicon can be based on, for hints */
static char *
base_names(void)
{
	StringInfoData names;

	initStringInfo(&names);
	for (int i = 0; i < SentimentConfigCount(); i++)
		appendStringInfo(&names, "%s%s", i ? ", " : "", SentimentConfigAt(i)->name);
	return names.data;
}

static const SentimentConfig *
base_config(const char *base)
{
	const SentimentConfig *cfg = SentimentConfigFind(base);

	if (cfg == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized base configuration \"%s\" for a custom lexicon", base),
				 errhint("A custom lexicon is based on a built-in configuration: %s.", base_names())));
	return cfg;
}

/* ---------------------------------------------------------------------------
 * building, with errors for every bad entry
 * ------------------------------------------------------------------------- */

static void
report_status(CustomStatus status, const char *name, const SentimentConfig *base,
			  const char *term, double valence)
{
	switch (status)
	{
		case CUSTOM_OK:
			return;
		case CUSTOM_EMPTY_TERM:
			ereport(ERROR,
					(errcode(ERRCODE_ZERO_LENGTH_CHARACTER_STRING),
					 errmsg("custom lexicon \"%s\" has an empty term \"%s\"", name, term),
					 errdetail("A term needs a word once spaces and punctuation at word ends are removed, as the scorer reads text.")));
			break;
		case CUSTOM_VALENCE_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("valence %g of term \"%s\" in custom lexicon \"%s\" is out of range",
							valence, term, name),
					 errdetail("Valences are finite numbers from -4 to 4, the scale of the built-in lexicons.")));
			break;
		case CUSTOM_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("term \"%s\" appears more than once in custom lexicon \"%s\"", term, name),
					 errdetail("Terms are compared as the scorer reads them: lower-cased, punctuation at word ends removed, words separated by one space.")));
			break;
		case CUSTOM_TOO_MANY_WORDS:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("term \"%s\" in custom lexicon \"%s\" has more than %d words",
							term, name, PHRASE_WORDS_MAX)));
			break;
		case CUSTOM_NO_PHRASES:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("term \"%s\" in custom lexicon \"%s\" is a phrase, and configuration \"%s\" has no phrases",
							term, name, base->name),
					 errhint("Phrases can be added to custom lexicons based on en.")));
			break;
		case CUSTOM_EMOJI:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("term \"%s\" in custom lexicon \"%s\" contains an emoji", term, name),
					 errdetail("Emoji are scored by their descriptions, which custom lexicons do not change.")));
			break;
		case CUSTOM_TOO_LONG:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("term \"%.40s...\" in custom lexicon \"%s\" is longer than %d bytes",
							term, name, CUSTOM_TERM_MAX)));
			break;
		case CUSTOM_TOO_MANY_ENTRIES:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("custom lexicon \"%s\" is too large", name),
					 errdetail("A custom lexicon holds at most %d terms, and with its base at most 65535 distinct words.",
							   CUSTOM_MAX_ENTRIES)));
			break;
		case CUSTOM_BOOSTER:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("term \"%s\" in custom lexicon \"%s\" is a booster or dampener of configuration \"%s\"",
							term, name, base->name),
					 errdetail("The scorer reads a booster or dampener only as a scalar on the next sentiment word, never by a valence, so a valence for it would have no effect."),
					 errhint("Remove the term from the draft.")));
			break;
		case CUSTOM_NEGATION:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("term \"%s\" in custom lexicon \"%s\" is a negation of configuration \"%s\"",
							term, name, base->name),
					 errdetail("Under VADER's rules a word with a valence does not modify the words after it, so a valence would stop the negation; a negation has no valence of its own."),
					 errhint("Remove the term from the draft, or base the lexicon on a configuration whose negations keep their role with a valence (fr, de, es, pt, it, nl, da, sv, pl).")));
			break;
	}
}

/* a lexicon row's arrays, read and checked (NULL elements and unequal lengths are errors) */
typedef struct LexiconRow
{
	int			n;
	const char **terms;			/* UTF-8 */
	size_t	   *lens;
	double	   *valences;
	uint64		digest;			/* FNV-1a of base, terms and valences */
} LexiconRow;

static void
read_row(const char *name, const char *base, ArrayType *terms, ArrayType *valences,
		 LexiconRow *row)
{
	Datum	   *tdat,
			   *vdat;
	bool	   *tnull,
			   *vnull;
	int			nt,
				nv;
	uint64		h = UINT64CONST(14695981039346656037);

	if (ARR_NDIM(terms) > 1 || ARR_NDIM(valences) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("terms and valences of custom lexicon \"%s\" must be one-dimensional arrays", name)));
	deconstruct_array(terms, TEXTOID, -1, false, TYPALIGN_INT, &tdat, &tnull, &nt);
	deconstruct_array(valences, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &vdat, &vnull, &nv);
	if (nt != nv)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("custom lexicon \"%s\" has %d terms and %d valences", name, nt, nv),
				 errdetail("Term i has valence i: the arrays must have the same length.")));
	row->n = nt;
	row->terms = palloc(sizeof(char *) * (nt + 1));
	row->lens = palloc(sizeof(size_t) * (nt + 1));
	row->valences = palloc(sizeof(double) * (nt + 1));
	for (const char *p = base; *p; p++)
		h = (h ^ (unsigned char) *p) * UINT64CONST(1099511628211);
	for (int i = 0; i < nt; i++)
	{
		if (tnull[i] || vnull[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("custom lexicon \"%s\" has a null %s at position %d", name,
							tnull[i] ? "term" : "valence", i + 1)));
		row->terms[i] = SentimentTextToUtf8(DatumGetTextPP(tdat[i]), &row->lens[i]);
		row->valences[i] = DatumGetFloat8(vdat[i]);
		h = (h ^ 0xFF) * UINT64CONST(1099511628211);
		for (size_t k = 0; k < row->lens[i]; k++)
			h = (h ^ (unsigned char) row->terms[i][k]) * UINT64CONST(1099511628211);
		for (int k = 0; k < 8; k++)
			h = (h ^ ((unsigned char *) &row->valences[i])[k]) * UINT64CONST(1099511628211);
	}
	row->digest = h;
}

/* build a checked row; every bad entry is an error.  The result is the core's memory. */
static CustomLexicon *
build_row(const char *name, const SentimentConfig *base, const LexiconRow *row)
{
	CustomLexicon *lex;
	size_t		bad;
	CustomStatus status = CustomLexiconBuild(base, name, row->terms, row->lens, row->valences,
											 (size_t) row->n, &scratch, &lex, &bad);

	TokenListTrim(&scratch);
	if (status != CUSTOM_OK)
		report_status(status, name, base,
					  bad < (size_t) row->n ? pnstrdup(row->terms[bad], row->lens[bad]) : "",
					  bad < (size_t) row->n ? row->valences[bad] : 0.0);
	return lex;
}

/* ---------------------------------------------------------------------------
 * the cache
 * ------------------------------------------------------------------------- */

static void
lexicon_relcache_callback(Datum arg, Oid relid)
{
	if (relid != InvalidOid && relid != lexicon_relid)
		return;
	for (CachedLexicon *c = cache; c; c = c->next)
		c->verified = false;
}

/* names of the published versions of draft, for hints ("" if none) */
static char *
versions_of(const char *schema, const char *draft)
{
	StringInfoData q;
	Datum		arg = CStringGetTextDatum(draft);
	Oid			argtype = TEXTOID;
	char	   *result = "";

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pg_catalog.string_agg(name, ', ' ORDER BY pg_catalog.split_part(name, '@', 2)::int)"
					 " FROM %s.sentiment_lexicon WHERE pg_catalog.split_part(name, '@', 1) = $1",
					 quote_identifier(schema));
	if (SPI_execute_with_args(q.data, 1, &argtype, &arg, NULL, true, 1) == SPI_OK_SELECT &&
		SPI_processed == 1)
	{
		char	   *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (v != NULL)
			result = v;
	}
	return result;
}

/*
 * The configuration of a published custom lexicon named s (len bytes, not NUL-terminated),
 * NULL if s is not of the form name@version.  Errors if no such lexicon is published.
 */
const SentimentConfig *
SentimentCustomFromName(const char *s, size_t len)
{
	CachedLexicon *c;
	char	   *name;
	const char *schema;
	StringInfoData q;
	Datum		arg;
	Oid			argtype = TEXTOID;
	int			ret;
	CustomLexicon *lex;
	LexiconRow	row;
	bool		isnull;
	char	   *basename;
	ArrayType  *terms,
			   *valences;

	if (memchr(s, '@', len) == NULL)
		return NULL;
	for (c = cache; c; c = c->next)
		if (c->verified && strlen(c->name) == len && memcmp(c->name, s, len) == 0)
			return &c->lex->cfg;

	name = pnstrdup(s, len);
	if (!valid_published_name(name, len))
		check_published_name(name);
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(lexicon_relcache_callback, (Datum) 0);
		callback_registered = true;
	}

	schema = extension_schema_name();
	lexicon_relid = get_relname_relid("sentiment_lexicon", get_namespace_oid(schema, false));
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT base, terms, valences FROM %s.sentiment_lexicon WHERE name = $1",
					 quote_identifier(schema));
	arg = CStringGetTextDatum(name);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * The latest snapshot, as for the escalation rules: published lexicons are configuration.
	 * A row never changes once committed, so the snapshot only decides whether a version
	 * published a moment ago is seen.  A parallel query (leader or worker) may not take a
	 * new snapshot: it reads with the query's.
	 */
	{
		SPIPlanPtr	plan = SPI_prepare(q.data, 1, &argtype);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		if (IsInParallelMode())
			ret = SPI_execute_plan(plan, &arg, NULL, true, 1);
		else
			ret = SPI_execute_snapshot(plan, &arg, NULL, GetLatestSnapshot(), InvalidSnapshot,
									   true, false, 1);
	}
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
	{
		char	   *draft = pnstrdup(name, strchr(name, '@') - name);
		char	   *versions = versions_of(schema, draft);

		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("custom lexicon \"%s\" does not exist", name),
				 versions[0] ? errhint("Published versions of \"%s\": %s.", draft, versions) :
				 errhint("Publish the draft \"%s\" with sentiment_lexicon_publish('%s', base).", draft, draft)));
	}
	basename = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	terms = DatumGetArrayTypeP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	valences = DatumGetArrayTypeP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));

	/* a cached copy that the invalidation made unverified: keep it if the row is the same */
	for (c = cache; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			break;
	read_row(name, basename, terms, valences, &row);
	if (c != NULL && c->digest == row.digest)
	{
		SPI_finish();
		c->verified = true;
		return &c->lex->cfg;
	}
	lex = build_row(name, base_config(basename), &row);
	SPI_finish();
	if (c != NULL)
	{
		/* other content under the same name: the old table stays allocated (see above) */
		c->name[0] = '\0';
	}
	c = MemoryContextAllocZero(TopMemoryContext, sizeof(CachedLexicon));
	strlcpy(c->name, name, sizeof(c->name));
	c->digest = row.digest;
	c->verified = true;
	c->lex = lex;
	c->next = cache;
	cache = c;
	return &lex->cfg;
}

/* ---------------------------------------------------------------------------
 * sentiment_lexicon's guard trigger
 * ------------------------------------------------------------------------- */

static Datum
column(TriggerData *td, HeapTuple tuple, const char *col, bool *isnull)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	int			attnum = SPI_fnumber(desc, col);

	if (attnum <= 0)
		elog(ERROR, "sentiment_lexicon_guard: table has no column \"%s\"", col);
	return heap_getattr(tuple, attnum, desc, isnull);
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement) on
 * sentiment_lexicon: a new version is checked entry by entry; a published one is frozen.
 */
Datum
sentiment_lexicon_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td;
	HeapTuple	tuple;
	bool		isnull;
	char	   *name;
	char	   *basename;
	LexiconRow	row;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("sentiment_lexicon_guard() was not called by the trigger manager")));
	td = (TriggerData *) fcinfo->context;
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("published custom lexicons cannot be truncated"),
				 errdetail("Indexes and stored scores may have been computed with them.")));
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event))
		elog(ERROR, "sentiment_lexicon_guard: must be fired before, for each row");
	tuple = td->tg_trigtuple;
	name = TextDatumGetCString(column(td, tuple, "name", &isnull));
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("published custom lexicon \"%s\" cannot be %s", name,
						TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? "changed" : "deleted"),
				 errdetail("Indexes and stored scores may have been computed with it; a published version stays as it is."),
				 errhint("Edit the draft in sentiment_lexicon_entry and publish the next version with sentiment_lexicon_publish().")));

	check_published_name(name);
	if (strcmp(name, "auto") == 0 || SentimentConfigFind(name) != NULL)
		check_published_name(name);		/* cannot happen: built-in names have no '@' */
	{
		Datum		b = column(td, tuple, "base", &isnull);

		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("custom lexicon \"%s\" needs a base configuration", name)));
		basename = TextDatumGetCString(b);
	}
	{
		bool		tnull,
					vnull;
		Datum		t = column(td, tuple, "terms", &tnull);
		Datum		v = column(td, tuple, "valences", &vnull);

		if (tnull || vnull)
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("custom lexicon \"%s\" needs terms and valences", name)));
		read_row(name, basename, DatumGetArrayTypeP(t), DatumGetArrayTypeP(v), &row);
		CustomLexiconFree(build_row(name, base_config(basename), &row));
	}
	/* every backend re-checks its cached lexicons (also if this insert rolls back) */
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(tuple);
}

/* ---------------------------------------------------------------------------
 * sentiment_lexicon_publish(lexicon text, base text, comment text) -> text
 * ------------------------------------------------------------------------- */

Datum
sentiment_lexicon_publish(PG_FUNCTION_ARGS)
{
	char	   *draft;
	char	   *base;
	const char *schema;
	StringInfoData q;
	Oid			argtype = TEXTOID;
	Datum		arg;
	int64		version;
	char	   *name;
	bool		isnull;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("sentiment_lexicon_publish needs a draft name and a base configuration")));
	draft = text_to_cstring(PG_GETARG_TEXT_PP(0));
	base = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (!valid_draft_name(draft, strlen(draft)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid custom lexicon draft name \"%s\"", draft),
				 errdetail("A draft name is a lower-case letter, then up to 47 lower-case letters, digits or underscores.")));
	base_config(base);
	schema = quote_identifier(extension_schema_name());

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT COALESCE(pg_catalog.max(pg_catalog.split_part(name, '@', 2)::int8), 0) + 1"
					 " FROM %s.sentiment_lexicon WHERE pg_catalog.split_part(name, '@', 1) = $1", schema);
	arg = CStringGetTextDatum(draft);
	if (SPI_execute_with_args(q.data, 1, &argtype, &arg, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "sentiment_lexicon_publish: version query failed");
	version = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	name = psprintf("%s@" INT64_FORMAT, draft, version);

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "INSERT INTO %s.sentiment_lexicon (name, base, terms, valences, comment)"
					 " SELECT $2, $3, pg_catalog.array_agg(term ORDER BY term COLLATE \"C\"),"
					 " pg_catalog.array_agg(valence ORDER BY term COLLATE \"C\"), $4"
					 " FROM %s.sentiment_lexicon_entry WHERE lexicon = $1 HAVING pg_catalog.count(*) > 0",
					 schema, schema);
	{
		Oid			types[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
		Datum		vals[4];
		char		n4[4] = {' ', ' ', ' ', ' '};

		vals[0] = CStringGetTextDatum(draft);
		vals[1] = CStringGetTextDatum(name);
		vals[2] = CStringGetTextDatum(base);
		if (PG_ARGISNULL(2))
		{
			vals[3] = (Datum) 0;
			n4[3] = 'n';
		}
		else
			vals[3] = PG_GETARG_DATUM(2);
		if (SPI_execute_with_args(q.data, 4, types, vals, n4, false, 0) != SPI_OK_INSERT)
			elog(ERROR, "sentiment_lexicon_publish: insert failed");
	}
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("custom lexicon draft \"%s\" has no entries", draft),
				 errhint("Add entries with INSERT INTO sentiment_lexicon_entry (lexicon, term, valence) VALUES ('%s', 'word', 1.5).", draft)));
	SPI_finish();
	PG_RETURN_TEXT_P(cstring_to_text(name));
}
