/*
 * meaning_sql.c
 *	  SQL edge of sentences and aspects (issue 11 items 1 and 2):
 *
 *	  sentiment_sentences(body [, config]) -> SETOF (ord, sentence, start_offset, end_offset,
 *											neg, neu, pos, compound)
 *	  sentiment_aspects(body, aspect_set, config) -> SETOF (aspect, mention, sentence_ord,
 *															compound)
 *	  aspect_terms_changed(): statement trigger on aspect_terms (cache invalidation)
 *
 * The aspect dictionaries are rows of the table aspect_terms in the extension's schema,
 * compiled per (aspect set, language) into the escalation matcher's trie (escalation.c) and
 * cached per backend until a relcache invalidation of the table (sent by the trigger).
 */
#include "compat.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include <ctype.h>
#include <math.h>

#include "core_env.h"
#include "escalation.h"
#include "language_sql.h"
#include "negation.h"
#include "opinion.h"
#include "phrase_rules.h"
#include "scorer.h"
#include "sentence.h"
#include "sentiment_sql.h"

PG_FUNCTION_INFO_V1(sentiment_sentences);
PG_FUNCTION_INFO_V1(sentiment_aspects);
PG_FUNCTION_INFO_V1(aspect_terms_changed);

static SentSpans spans;
static ClauseCuts clause_cuts;

/* UTF-8 bytes back to a text in the server encoding */
static text *
utf8_to_text(const char *s, size_t len)
{
	char	   *conv;

	/* a piece of a text of the database: valid already where no conversion is needed */
	if (GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII)
		return cstring_to_text_with_len(s, (int) len);
	conv = pg_any_to_server(s, (int) len, PG_UTF8);

	if (conv == s)
		return cstring_to_text_with_len(s, (int) len);
	return cstring_to_text(conv);
}

/*
 * Tokens scored so far in one call, against the scorer's cap on the words of one text: a
 * text split into sentences is held to the same limit as sentiment() (54000).
 */
static void
count_tokens(size_t *total, size_t more)
{
	*total += more;
	if (*total > TOKENIZER_MAX_TOKENS)
		CoreTokenLimitExceeded(TOKENIZER_MAX_TOKENS);
}

/*
 * Character offsets: PostgreSQL counts characters of the server encoding, which a
 * conversion to UTF-8 maps one to one onto code points; in SQL_ASCII every byte is a
 * character for substr() and length().
 */
typedef struct CharCursor
{
	size_t		byte;
	size_t		chars;
	bool		bytes_are_chars;
} CharCursor;

static int32
char_offset(CharCursor *cc, const char *s, size_t byte)
{
	Assert(byte >= cc->byte);
	cc->chars += cc->bytes_are_chars ? byte - cc->byte : Utf8CharCount(s + cc->byte, byte - cc->byte);
	cc->byte = byte;
	return (int32) (cc->chars + 1);
}

/*
 * Materialize mode with the caller's expected row type where there is one (a function in
 * FROM): get_call_result_type() would rebuild the descriptor from the OUT parameters at every
 * call, which cost more than splitting and scoring a short text.
 */
static void
init_srf(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, rsinfo && IsA(rsinfo, ReturnSetInfo) && rsinfo->expectedDesc ?
						MAT_SRF_USE_EXPECTED_DESC : 0);
}

/* ---------------------------------------------------------------------------
 * sentiment_sentences(body [, config])
 * ------------------------------------------------------------------------- */

Datum
sentiment_sentences(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const SentimentConfig *cfg = SentimentConfigArg(fcinfo, 1);
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = SentimentTextToUtf8(t, &len);
	ScoreWorkspace *ws = SentimentWorkspace();
	CharCursor	cc = {0, 0, GetDatabaseEncoding() == PG_SQL_ASCII};
	size_t		tokens = 0;

	init_srf(fcinfo);
	/* 'auto' detects the language once, on the whole text */
	cfg = SentimentResolve(cfg, s, len, NULL);
	SentenceSplit(s, len, cfg->language, &spans);
	for (size_t i = 0; i < spans.n; i++)
	{
		const SentSpan *sp = &spans.v[i];
		SentimentScores r;
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, false, false, false, false};

		CHECK_FOR_INTERRUPTS();
		ScorerScore(cfg, s + sp->start, sp->end - sp->start, ws, &r);
		count_tokens(&tokens, ws->tokens.ntokens);
		values[0] = Int32GetDatum((int32) (i + 1));
		values[1] = PointerGetDatum(utf8_to_text(s + sp->start, sp->end - sp->start));
		values[2] = Int32GetDatum(char_offset(&cc, s, sp->start));
		values[3] = Int32GetDatum(char_offset(&cc, s, sp->end));
		values[4] = Float8GetDatum(r.neg);
		values[5] = Float8GetDatum(r.neu);
		values[6] = Float8GetDatum(r.pos);
		values[7] = Float8GetDatum(r.compound);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		pfree(DatumGetPointer(values[1]));
	}
	SentimentWorkspaceTrim();
	if (spans.cap > 4096)
		SentSpansFree(&spans);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------------
 * aspect dictionaries: cache of aspect_terms
 * ------------------------------------------------------------------------- */

typedef struct AspectDict
{
	char	   *aspect_set;
	char	   *language;
	EscRuleSet	rules;			/* EscRule.phrase holds the aspect name */
} AspectDict;

static MemoryContext aspects_cxt = NULL;
static AspectDict *dicts = NULL;
static int	ndicts = 0;
static Oid	aspects_relid = InvalidOid;
static Oid	aspects_schema = InvalidOid;
static bool aspects_loaded = false;
static bool aspects_callback = false;
static uint64 aspects_inval_count = 0;	/* bumped by the relcache callback */
static uint64 aspects_loaded_at = 0;

static PhraseRules terms;		/* the compiled terms of every dictionary */
static EscWords text_words;
static EscHits hits;

static void
aspects_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == aspects_relid)
		aspects_inval_count++;
}

/*
 * The scorer keeps the punctuation of a short word ("ok.", "op."; VADER's rule, which its
 * emoticons need); terms and opinion phrases are words without it.
 */
static void
words_without_punctuation(EscWords *w)
{
	for (size_t i = 0; i < w->n; i++)
	{
		const char *word = w->buf + w->off[i];
		uint32_t	len = w->len[i];

		while (len > 1 && strchr(".,!?;:", word[len - 1]) != NULL)
			len--;
		if (len != w->len[i] && ((unsigned char) word[0] >= 0x80 || isalnum((unsigned char) word[0])))
		{
			w->len[i] = len;
			w->hash[i] = EscWordHash(word, len);
		}
	}
}

/* every word may carry an aspect: the matcher's negation check is for escalation only */
static void
words_without_negation(EscWords *w)
{
	for (size_t i = 0; i < w->n; i++)
		w->flags[i] = (uint8_t) ((w->flags[i] & ~ESCW_NEGATOR) | ESCW_LANG);
}

static void
load_aspects(void)
{
	char	   *nspname = get_namespace_name(aspects_schema);
	Oid			relid = get_relname_relid("aspect_terms", aspects_schema);
	uint64		started = aspects_inval_count;
	const SentimentConfig *tokcfg = SentimentDefaultConfig();
	StringInfoData q;
	SPIPlanPtr	plan;
	int			ret;
	MemoryContext oldcxt;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table \"%s.aspect_terms\" does not exist", nspname),
				 errhint("Reinstall the extension with DROP EXTENSION pg_empathy and CREATE EXTENSION pg_empathy.")));
	if (aspects_cxt == NULL)
		aspects_cxt = AllocSetContextCreate(TopMemoryContext, "pg_empathy aspect terms",
											ALLOCSET_SMALL_SIZES);
	for (int d = 0; d < ndicts; d++)
		EscRuleSetFreeIndex(&dicts[d].rules);
	PhraseRulesFree(&terms);
	MemoryContextReset(aspects_cxt);
	aspects_loaded = false;
	dicts = NULL;
	ndicts = 0;
	aspects_relid = relid;

	/* a user row overrides the built-in row of the same term (false sorts first) */
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT aspect_set, language, aspect, term FROM ("
					 " SELECT DISTINCT ON (aspect_set, language, term) aspect_set, language, aspect, term, enabled"
					 " FROM %s.aspect_terms ORDER BY aspect_set, language, term, builtin) r"
					 " WHERE enabled ORDER BY aspect_set, language, aspect, term",
					 quote_identifier(nspname));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/*
	 * The latest snapshot, as the escalation rules: the terms are configuration.  A parallel
	 * query may not take a new snapshot (leader and workers share one): there the query's
	 * snapshot is used, which sees every edit committed before the query started.
	 */
	plan = SPI_prepare(q.data, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	ret = SPI_execute_snapshot(plan, NULL, NULL,
							   IsInParallelMode() ? InvalidSnapshot : GetLatestSnapshot(),
							   InvalidSnapshot, true, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));

	oldcxt = MemoryContextSwitchTo(aspects_cxt);
	{
		uint64		nrows = SPI_processed;
		size_t	   *first = palloc(sizeof(size_t) * (nrows + 1));

		dicts = palloc0(sizeof(AspectDict) * (nrows ? nrows : 1));
		for (uint64 i = 0; i < nrows; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	td = SPI_tuptable->tupdesc;
			bool		isnull;
			char	   *set = TextDatumGetCString(SPI_getbinval(tup, td, 1, &isnull));
			char	   *lang = TextDatumGetCString(SPI_getbinval(tup, td, 2, &isnull));
			char	   *asp = TextDatumGetCString(SPI_getbinval(tup, td, 3, &isnull));
			text	   *term = DatumGetTextPP(SPI_getbinval(tup, td, 4, &isnull));
			size_t		plen;
			const char *p = SentimentTextToUtf8(term, &plen);

			CHECK_FOR_INTERRUPTS();
			if (ndicts == 0 || strcmp(dicts[ndicts - 1].aspect_set, set) != 0 ||
				strcmp(dicts[ndicts - 1].language, lang) != 0)
			{
				dicts[ndicts].aspect_set = set;
				dicts[ndicts].language = lang;
				first[ndicts++] = terms.nrules;
			}
			/* a term of punctuation only never matches (the table's CHECK keeps them out) */
			PhraseRulesAdd(&terms, tokcfg, lang, p, plen, 0, asp);
		}
		first[ndicts] = terms.nrules;
		PhraseRulesDone(&terms);
		for (int d = 0; d < ndicts; d++)
			PhraseRulesSet(&terms, first[d], first[d + 1] - first[d], &dicts[d].rules);
	}
	MemoryContextSwitchTo(oldcxt);
	SPI_finish();
	aspects_loaded = true;
	aspects_loaded_at = started;
}

/*
 * The dictionary of aspect_set in language: NULL when the set has no term in that language.
 * An aspect set with no enabled term in any language is an error (a typo, most likely).
 */
static const EscRuleSet *
aspect_dict(FunctionCallInfo fcinfo, const char *aspect_set, const char *language)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	bool		known = false;

	if (!aspects_callback)
	{
		CacheRegisterRelcacheCallback(aspects_relcache_callback, (Datum) 0);
		aspects_callback = true;
	}
	if (nsp != aspects_schema)
	{
		aspects_schema = nsp;
		aspects_inval_count++;
	}
	/* edits committed by other backends since our last lock acquisition */
	AcceptInvalidationMessages();
	if (!aspects_loaded || aspects_loaded_at != aspects_inval_count)
		load_aspects();
	for (int d = 0; d < ndicts; d++)
	{
		if (strcmp(dicts[d].aspect_set, aspect_set) != 0)
			continue;
		known = true;
		if (strcmp(dicts[d].language, language) == 0)
			return &dicts[d].rules;
	}
	if (!known)
	{
		StringInfoData names;

		initStringInfo(&names);
		for (int d = 0; d < ndicts; d++)
			if (d == 0 || strcmp(dicts[d].aspect_set, dicts[d - 1].aspect_set) != 0)
				appendStringInfo(&names, "%s%s", names.len ? ", " : "", dicts[d].aspect_set);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized aspect set \"%s\"", aspect_set),
				 errdetail("Table aspect_terms has no enabled term of that aspect set."),
				 names.len ? errhint("Aspect sets with terms are: %s.", names.data) : 0));
	}
	return NULL;
}

/* ---------------------------------------------------------------------------
 * sentiment_aspects(body, aspect_set, config)
 * ------------------------------------------------------------------------- */

typedef struct Mention
{
	const char *aspect;
	text	   *surface;		/* the words as written in the text */
	int32		ord;			/* sentence */
	double		compound;		/* of its clause */
	uint32_t	start;			/* its bytes in the text, when known (end > start) */
	uint32_t	end;
} Mention;

typedef struct Clause
{
	uint32_t	start;
	uint32_t	end;
	int			kind;			/* CLAUSE_* cut before it (0 for the first) */
	double		compound;
	bool		rescore;		/* merged: score the joined text again */
	double		against;		/* the score of a clause before its "but" that was left out */
	int			first;			/* its mentions: mentions[first .. first + n) */
	int			n;
} Clause;

typedef struct AspectCall
{
	const SentimentConfig *cfg;	/* scores the clauses (the lexicon and rules) */
	const char *language;		/* of the terms and the sentence rules */
	const EscRuleSet *dict;
	ScoreWorkspace *ws;
	const char *s;
	size_t		len;
	size_t		tokens;
	Mention    *mentions;		/* of the previous sentence, then of this one */
	int			nmentions;
	int			mentioncap;
	size_t		sentence_tokens;	/* tokens of the current sentence */
	bool		cx;				/* the built-in set 'cx' */
} AspectCall;

/*
 * The tokenizer's text of the clause at byte start of the text, when it is the text itself
 * (or a copy of it): positions in it are positions in the text.  Not where it substituted
 * emoji.
 */
static bool
tokens_are_text(const AspectCall *ac, const TokenList *tl, uint32_t start)
{
	return tl->text == ac->s + start ||
		(start + tl->textlen <= ac->len && memcmp(tl->text, ac->s + start, tl->textlen) == 0);
}

static void
add_mention(AspectCall *ac, const char *aspect, const char *p, size_t len, int64 pos)
{
	Mention    *m;

	if (ac->nmentions == ac->mentioncap)
	{
		ac->mentioncap = ac->mentioncap ? ac->mentioncap * 2 : 16;
		ac->mentions = ac->mentions ? repalloc(ac->mentions, sizeof(Mention) * ac->mentioncap)
			: palloc(sizeof(Mention) * ac->mentioncap);
	}
	m = &ac->mentions[ac->nmentions++];
	m->aspect = aspect;
	m->surface = utf8_to_text(p, len);
	m->compound = 0.0;
	/* pos < 0: no position (emoji substituted) */
	m->start = m->end = 0;
	if (pos >= 0)
	{
		m->start = (uint32_t) pos;
		m->end = (uint32_t) (pos + len);
	}
}

/*
 * The positive valence that the lexicon gives to the words of the aspect terms in the tokens
 * of tl, taken out of ac->ws->valence: "quality", "kvalitet", "calidad", "help desk" and
 * "prix" (a prize) are positive words of the general lexicons, and say nothing of the aspect
 * they name.  (The negative ones, "delay", "fees", "kosten", are what customers complain of, and
 * stay; an opinion word that is also a term, "cher", "caro", gets its opinion valence.)
 */
static double
terms_own_valence(AspectCall *ac, const TokenList *tl)
{
	static uint8_t *saved = NULL;
	static size_t cap = 0;
	double		own = 0.0;

	if (ac->dict == NULL || ac->dict->nrules == 0 || text_words.n == 0)
		return 0.0;
	CoreGrowArray((void **) &saved, &cap, text_words.n, 1, 64);
	memcpy(saved, text_words.flags, text_words.n);
	words_without_negation(&text_words);
	EscMatch(ac->dict, &text_words, &hits);
	memcpy(text_words.flags, saved, text_words.n);
	for (size_t h = 0; h < hits.n; h++)
	{
		uint32_t	a = hits.v[h].start,
					b = a + ac->dict->rules[hits.v[h].rule].nwords;

		for (uint32_t k = a; k < b && k < tl->ntokens; k++)
			if (ac->ws->valence[k] > 0.0)
			{
				own += ac->ws->valence[k];
				ac->ws->valence[k] = 0.0;
			}
	}
	return own;
}

/*
 * The compound score of bytes [start, end) of the text: the configuration's lexicon and rules
 * plus the opinion words it does not rate (opinion.c).  Leaves the clause's tokens in the
 * workspace and its words in text_words.
 */
static double
clause_compound(AspectCall *ac, uint32_t start, uint32_t end)
{
	const TokenList *tl = &ac->ws->tokens;
	double		c = ScorerScoreCompound(ac->cfg, ac->s + start, end - start, ac->ws);
	double		op;
	double		own = 0.0;

	count_tokens(&ac->tokens, tl->ntokens);
	EscWordsFromTokens(tl, &text_words);
	words_without_punctuation(&text_words);
	LanguageNormaliseWords(&text_words, ac->language);
	own = terms_own_valence(ac, tl);
	op = OpinionSum(ac->language, SentimentDefaultConfig(), tl, ac->ws->valence, &text_words, &hits);
	if (op != 0.0 || own != 0.0)
	{
		double		sum = ac->ws->raw_sum - own + op;

		c = ScorerRound(sum / sqrt(sum * sum + 15.0), 4);
	}
	return c;
}

/* score one clause and collect its aspect mentions (longest first, no overlaps) */
static void
read_clause(AspectCall *ac, Clause *c)
{
	const TokenList *tl = &ac->ws->tokens;
	uint32_t	covered = 0;
	bool		same;

	c->compound = clause_compound(ac, c->start, c->end);
	ac->sentence_tokens += tl->ntokens;
	c->first = ac->nmentions;
	c->n = 0;
	c->rescore = false;
	if (ac->dict == NULL || ac->dict->nrules == 0)
		return;
	same = tokens_are_text(ac, tl, c->start);
	words_without_negation(&text_words);
	EscMatch(ac->dict, &text_words, &hits);
	/* hits come by start word, the longest phrase of a start first */
	for (size_t h = 0; h < hits.n; h++)
	{
		const EscRule *rule = &ac->dict->rules[hits.v[h].rule];
		uint32_t	a = hits.v[h].start,
					b = a + rule->nwords;
		const Token *ta = &tl->tokens[a],
				   *tb = &tl->tokens[b - 1];

		if (a < covered)
			continue;
		covered = b;
		add_mention(ac, rule->phrase, tl->text + ta->off, tb->off + tb->len - ta->off,
					same ? (int64) c->start + ta->off : -1);
		c->n++;
	}
}

/*
 * The configuration that scores clauses: the learned layer of a language configuration
 * ('fr', 'de', ...) and the learned English scorer ('en') were trained on whole texts and
 * read a short clause poorly, so clauses get the lexicon and rules alone ('fr-rules',
 * 'en-rules'; a custom lexicon over 'en' its own words with the rules).
 */
static const SentimentConfig *
clause_config(const SentimentConfig *cfg)
{
	char		name[64];
	const SentimentConfig *rules = NULL;

	if (cfg->lang_model != NULL)
	{
		snprintf(name, sizeof(name), "%s-rules", cfg->name);
		rules = SentimentConfigFind(name);
	}
	else if (cfg->model != NULL)
		rules = SentimentConfigRules(cfg);	/* 'en' -> 'en-rules' */
	return rules ? rules : cfg;
}

/*
 * The lateness words of the 'cx' waiting terms: "en retard", "took forever", "atraso" next to a
 * delivery or a refund say how late it is, not that the customer waited in a queue.
 */
static const char *const lateness_terms[] = {
	"delay", "delays", "delayed", "took forever", "retard", "délai", "délais", "retraso",
	"retrasos", "demora", "atraso", "atrasos", "verzögerung", "verspätung", "ritardo", "ritardi",
	"vertraging", "forsinkelse", "forsinket", "försening", "försenad", "opóźnienie",
	"opóźnienia",
	/* waiting for a parcel or a refund is said of the delivery or the return */
	"wait", "waits", "waiting", "waited", "waited for", "attendre", "attendu", "patienter",
	"patienté", "attendions", "attendait", "avons attendu", "ai attendu", "esperar", "esperando",
	"esperamos", "esperé", "esperaba", "esperábamos", "esperei", "esperava", "aguardar",
	"aguardei", "aguardando", "warten", "gewartet", "wartet", "wartete", "warteten", "aspettare",
	"aspettato", "aspettiamo", "aspettavo", "aspettando", "attendere", "ho aspettato",
	"abbiamo aspettato", "wachten", "gewacht", "wachtte", "wachtten", "vente", "ventede", "ventet",
	"vänta", "väntade", "väntat", "czekać", "czekałem", "czekałam", "czekaliśmy", "czekam",
	"czekali", "czekałyśmy", NULL
};

/*
 * The arrival words of the 'cx' delivery terms: "arrived", "llegó", "angekommen" say that a
 * parcel came, but also that a refund, a technician or a reset e-mail did.
 */
static const char *const arrival_terms[] = {
	"arrived", "arrive", "arrives", "arriving", "on its way", "on their way", "arrivé", "arrivée",
	"arrivés", "arrivées", "llegó", "llegaron", "llegado", "llegada", "en camino", "chegou",
	"chegaram", "chegada", "a caminho", "angekommen", "eingetroffen", "unterwegs", "arrivato",
	"arrivata", "arrivati", "arrivate", "arriva", "in arrivo", "aangekomen", "kwam aan", "onderweg",
	"ankom", "kom frem", "kommet frem", "undervejs", "kom fram", "kommit fram", "anlände", "på väg",
	"dotarła", "dotarł", "dotarło", "doszła", "doszło", "przyszła", "przyszło", "w drodze", NULL
};

/* the surface of mention x (its UTF-8 bytes, ASCII-lowered) is one of list */
static bool
mention_is(const AspectCall *ac, const Mention *x, const char *const *list)
{
	char	   *w;
	bool		found = false;

	if (x->end <= x->start)
		return false;
	/* the UTF-8 bytes of the text (the surface is in the database encoding), ASCII-lowered */
	w = pnstrdup(ac->s + x->start, x->end - x->start);
	for (char *c = w; *c; c++)
		*c = pg_ascii_tolower((unsigned char) *c);
	for (int k = 0; list[k] && !found; k++)
		found = strcmp(list[k], w) == 0;
	pfree(w);
	return found;
}

/* one of the first upto mentions is of the sentence of x and of one of the aspects */
static bool
sentence_names(const AspectCall *ac, const Mention *x, int upto, const char *const *aspects)
{
	for (int k = 0; k < upto; k++)
		for (int a = 0; aspects[a]; a++)
			if (ac->mentions[k].ord == x->ord && strcmp(ac->mentions[k].aspect, aspects[a]) == 0)
				return true;
	return false;
}

/* the words of s[from, to), or 99 where a punctuation mark cuts it ("returned, the jacket") */
static int
words_between(const AspectCall *ac, uint32_t from, uint32_t to)
{
	int			words = 0;
	bool		in_word = false;

	for (uint32_t i = from; i < to; i++)
	{
		bool		space = isspace((unsigned char) ac->s[i]) != 0;

		if (ispunct((unsigned char) ac->s[i]) && ac->s[i] != '\'')
			return 99;
		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	return words;
}

/*
 * One of the first upto mentions is of one of the aspects and ends at most within words
 * before mention x, in its sentence and clause.
 */
static bool
named_just_before(const AspectCall *ac, const Mention *x, int upto,
				  const char *const *aspects, int within)
{
	for (int k = 0; k < upto; k++)
	{
		const Mention *r = &ac->mentions[k];

		if (r->ord != x->ord || r->end <= r->start || r->end > x->start)
			continue;
		for (int a = 0; aspects[a]; a++)
			if (strcmp(r->aspect, aspects[a]) == 0 && words_between(ac, r->end, x->start) <= within)
				return true;
	}
	return false;
}

/*
 * The words of the state goods come in ("arrived damaged", "llegó roto", "kam kaputt an"): an
 * arrival word between a product mention and one of them says how the product came, not how it
 * was delivered.
 */
static const char *const condition_terms[] = {
	"damaged", "broken", "cracked", "dented", "scratched", "smashed", "shattered", "chipped",
	"faulty", "defective", "torn", "ripped", "stained", "bent", "cold", "lukewarm", "stale",
	"cassé", "cassée", "abîmé", "abîmée", "endommagé", "endommagée", "rayé", "rayée", "froid",
	"froide", "défectueux", "défectueuse", "roto", "rota", "dañado", "dañada", "rayado", "rayada",
	"frío", "fría", "defectuoso", "defectuosa", "quebrado", "quebrada", "danificado",
	"danificada", "riscado", "riscada", "frio", "fria", "defeituoso", "defeituosa", "kaputt",
	"beschädigt", "zerbrochen", "zerkratzt", "defekt", "kalt", "rotto", "rotta", "danneggiato",
	"danneggiata", "graffiato", "graffiata", "freddo", "fredda", "difettoso", "difettosa",
	"kapot", "beschadigd", "gebroken", "koud", "defect", "ødelagt", "beskadiget", "kold",
	"trasig", "trasigt", "skadad", "skadat", "sönder", "kall", "kallt", "uszkodzony",
	"uszkodzona", "uszkodzone", "zepsuty", "zepsuta", "pęknięty", "pęknięta", "zimny", "zimna",
	NULL
};

/* the word of the text right after mention x, in its clause, is one of list */
static bool
word_after_is(const AspectCall *ac, const Mention *x, const char *const *list)
{
	uint32_t	i = x->end;
	Mention		w;

	if (x->end <= x->start)
		return false;
	while (i < ac->len && isspace((unsigned char) ac->s[i]))
		i++;
	w.start = i;
	while (i < ac->len && !isspace((unsigned char) ac->s[i]) &&
		   !(ispunct((unsigned char) ac->s[i]) && ac->s[i] != '\''))
		i++;
	w.end = i;
	return mention_is(ac, &w, list);
}

/*
 * Mention m of 'cx' is a word of another aspect's event: a lateness word of waiting in a
 * sentence with a delivery or returns mention; an arrival word of delivery after a returns,
 * staff or app mention of its clause, at most four words between ("the refund arrived", "the
 * technician arrived", "the reset e-mail never arrives"), or between a product mention so near
 * and a word of its state ("the vase arrived broken"); a box or packaging in a sentence that
 * names a return (the box a return needs, not a delivery's).
 */
#define ARRIVAL_WITHIN 4

static const char *const packaging_terms[] = {
	"box", "boxes", "packaging", "carton", "emballage", "embalaje", "embalagem", "karton",
	"verpackung", "scatola", "imballaggio", "doos", "verpakking", "förpackning", "opakowanie",
	"opakowania", NULL
};

static bool
lateness_of_other(const AspectCall *ac, int m, int upto)
{
	static const char *const late_of[] = {"delivery", "returns", NULL};
	static const char *const arrival_of[] = {"returns", "staff", "app", NULL};
	static const char *const goods[] = {"product", NULL};
	static const char *const returns[] = {"returns", NULL};
	const Mention *x = &ac->mentions[m];

	if (!ac->cx)
		return false;
	if (strcmp(x->aspect, "waiting") == 0)
		return mention_is(ac, x, lateness_terms) && sentence_names(ac, x, upto, late_of);
	if (strcmp(x->aspect, "delivery") == 0)
	{
		if (mention_is(ac, x, packaging_terms))
			return sentence_names(ac, x, upto, returns);
		return mention_is(ac, x, arrival_terms) &&
			(named_just_before(ac, x, upto, arrival_of, ARRIVAL_WITHIN) ||
			 (named_just_before(ac, x, upto, goods, ARRIVAL_WITHIN) &&
			  word_after_is(ac, x, condition_terms)));
	}
	return false;
}

/*
 * Mention m of 'cx' is a product named as the object of a return, one word at most after the
 * returns mention ("Returning the jacket was a nightmare": the opinion is of the return).
 */
static bool
returned_object(const AspectCall *ac, int m, int upto)
{
	static const char *const returns[] = {"returns", NULL};
	const Mention *x = &ac->mentions[m];

	if (!ac->cx || strcmp(x->aspect, "product") != 0 || x->end <= x->start)
		return false;
	return named_just_before(ac, x, upto, returns, 1);
}

/*
 * The verbs of asking for someone ("I want to speak to a manager", "escalate this to a
 * supervisor"): the staff member named after one is asked for, not rated.
 */
static const char *const request_words[] = {
	"speak", "talk", "escalate", "parler", "hablar", "falar", "sprechen", "parlare", "spreken",
	"tale", "prata", "tala", "rozmawiać", "porozmawiać", NULL
};

#define REQUEST_WITHIN 3

/* mention m of 'cx' is a staff member asked for: a request word, at most three words between */
static bool
asked_for(const AspectCall *ac, int m)
{
	const Mention *x = &ac->mentions[m];
	uint32_t	i = x->start;

	if (!ac->cx || strcmp(x->aspect, "staff") != 0)
		return false;
	for (int words = 0; words <= REQUEST_WITHIN && i > 0; words++)
	{
		uint32_t	end;
		Mention		w;

		while (i > 0 && isspace((unsigned char) ac->s[i - 1]))
			i--;
		end = i;
		while (i > 0 && !isspace((unsigned char) ac->s[i - 1]) &&
			   !(ispunct((unsigned char) ac->s[i - 1]) && ac->s[i - 1] != '\''))
			i--;
		if (i == end)
			return false;		/* a punctuation mark: another clause */
		w.start = i;
		w.end = end;
		if (mention_is(ac, &w, request_words))
			return true;
	}
	return false;
}

/* the rows of the first upto mentions, which are then dropped */
static void
flush_mentions(ReturnSetInfo *rsinfo, AspectCall *ac, int upto)
{
	for (int m = 0; m < upto; m++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		if (lateness_of_other(ac, m, upto) || returned_object(ac, m, upto) || asked_for(ac, m))
		{
			pfree(ac->mentions[m].surface);
			continue;
		}
		values[0] = CStringGetTextDatum(ac->mentions[m].aspect);
		values[1] = PointerGetDatum(ac->mentions[m].surface);
		values[2] = Int32GetDatum(ac->mentions[m].ord);
		values[3] = Float8GetDatum(ac->mentions[m].compound);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		pfree(DatumGetPointer(values[0]));
		pfree(ac->mentions[m].surface);
	}
	memmove(ac->mentions, ac->mentions + upto, sizeof(Mention) * (ac->nmentions - upto));
	ac->nmentions -= upto;
}

/* the coordinating conjunctions of language that start a new clause part ("and", "but") */
static const char *const gap_conjunctions[][6] = {
	{"en", "and", "but", "while", "though", "whereas"},
	{"fr", "et", "mais", "alors", "tandis", NULL},
	{"es", "y", "pero", "aunque", "mientras", NULL},
	{"pt", "e", "mas", "embora", "enquanto", NULL},
	{"de", "und", "aber", "doch", "während", NULL},
	{"it", "e", "ma", "però", "mentre", NULL},
	{"nl", "en", "maar", "terwijl", NULL, NULL},
	{"da", "og", "men", "mens", NULL, NULL},
	{"sv", "och", "men", "medan", NULL, NULL},
	{"pl", "i", "ale", "a", "lecz", NULL},
};

static bool
gap_is_conjunction(const char *language, const char *w, size_t n)
{
	for (size_t l = 0; l < sizeof(gap_conjunctions) / sizeof(gap_conjunctions[0]); l++)
	{
		if (strcmp(gap_conjunctions[l][0], language) != 0)
			continue;
		for (int k = 1; k < 6 && gap_conjunctions[l][k]; k++)
			if (strlen(gap_conjunctions[l][k]) == n && pg_strncasecmp(gap_conjunctions[l][k], w, n) == 0)
				return true;
	}
	return false;
}

/*
 * Where the words between two aspect mentions s[from, to) are cut, so that an opinion goes to
 * the nearer mention ("Great product with awful packaging": "awful" to packaging, "The price
 * is high for the quality": "is high" to price): before a coordinating conjunction of the
 * language or after a comma in the gap ("The price was lower than expected and the team was
 * punctual": "lower than expected" stays whole), the one nearest the middle; else before the
 * middle word of the gap, the first mention keeping the middle one of an odd count.
 */
static uint32_t
gap_middle(const char *language, const char *s, uint32_t from, uint32_t to)
{
	uint32_t	n = 0,
				want,
				k = 0,
				best = to;
	int			best_d = -1;
	bool		in_word = false;

	for (uint32_t i = from; i < to; i++)
	{
		bool		space = isspace((unsigned char) s[i]) != 0;

		if (!space && !in_word)
			n++;
		in_word = !space;
	}
	want = (n + 1) / 2;
	if (want >= n)
		return to;
	/* a conjunction (cut before it) or a word ending in a comma (cut after it) */
	in_word = false;
	for (uint32_t i = from; i < to; i++)
	{
		bool		space = isspace((unsigned char) s[i]) != 0;

		if (!space && !in_word)
		{
			uint32_t	e = i;
			uint32_t	cut = to;
			uint32_t	at = k;

			while (e < to && !isspace((unsigned char) s[e]))
				e++;
			if (k > 0 && gap_is_conjunction(language, s + i, e - i))
				cut = i;
			else if (e > i && s[e - 1] == ',' && k + 1 < n)
			{
				cut = e;
				while (cut < to && isspace((unsigned char) s[cut]))
					cut++;
				at = k + 1;
			}
			if (cut < to)
			{
				int			d = abs((int) at - (int) want);

				if (best_d < 0 || d < best_d)
				{
					best_d = d;
					best = cut;
				}
			}
			k++;
		}
		in_word = !space;
	}
	if (best_d >= 0)
		return best;
	k = 0;
	in_word = false;
	for (uint32_t i = from; i < to; i++)
	{
		bool		space = isspace((unsigned char) s[i]) != 0;

		if (!space && !in_word && k++ == want)
			return i;
		in_word = !space;
	}
	return to;
}

/*
 * The score of bytes [lo, hi) of the text, which hold the n mentions mv, or 0 when all its
 * sentiment comes from the mentions' own words ("la calidad": a lexicon rates "calidad";
 * "expensive" is a price term and an opinion, and keeps the clause's score too).
 */
static double
part_compound(AspectCall *ac, uint32_t lo, uint32_t hi, const Mention *mv, int n)
{
	const TokenList *tl = &ac->ws->tokens;
	double		c = clause_compound(ac, lo, hi);
	if (c == 0.0 || !tokens_are_text(ac, tl, lo))
		return c;
	for (size_t i = 0; i < tl->ntokens; i++)
	{
		uint32_t	b = lo + tl->tokens[i].off;
		bool		own = false;

		for (int m = 0; m < n && !own; m++)
			own = b >= mv[m].start && b < mv[m].end;
		if (own)
			continue;
		if (ac->ws->valence[i] != 0.0)
			return c;
		for (size_t h = 0; h < hits.n; h++)
			if (hits.v[h].start == i)
				return c;
	}
	return 0.0;
}

/*
 * A clause that names two aspects or more ("Great product with awful packaging", "The quality
 * is fine for a ridiculous price"): each run of mentions of one aspect gets the words up to the
 * middle of the gaps to its neighbours, scored alone; a part without sentiment of its own
 * keeps the clause's score.
 */
static void
split_clause(AspectCall *ac, const Clause *c)
{
	Mention    *mv = ac->mentions + c->first;
	int			g = 0;
	uint32_t	lo = c->start;

	for (int m = 1; m < c->n; m++)
		if (mv[m].end <= mv[m].start || mv[m - 1].end > mv[m].start)
			return;				/* a position unknown (emoji substituted) */
	if (c->n < 2 || mv[0].end <= mv[0].start)
		return;
	while (g < c->n)
	{
		int			e = g + 1;
		uint32_t	hi;
		double		part;

		while (e < c->n && strcmp(mv[e].aspect, mv[g].aspect) == 0)
			e++;
		if (g == 0 && e == c->n)
			return;				/* one aspect only */
		hi = e < c->n ? gap_middle(ac->language, ac->s, mv[e - 1].end, mv[e].start) : c->end;
		part = hi > lo ? part_compound(ac, lo, hi, mv + g, e - g) : 0.0;
		for (int m = g; m < e && part != 0.0; m++)
			mv[m].compound = part;
		lo = hi;
		g = e;
	}
}

/*
 * A mention whose clause says nothing of it: next to a contrastive conjunction ("The app is
 * fine, but the checkout page kept timing out") it reads against the clause on the other
 * side, half as strong; else the sentence as a whole is the best guess left.
 */
#define CONTRAST_FACTOR (-0.5)

/* a sentence this short that names no aspect may say what the one before it did not */
#define FOLLOW_UP_TOKENS 5

Datum
sentiment_aspects(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *aspect_set = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const SentimentConfig *cfg = SentimentConfigFromText(PG_GETARG_TEXT_PP(2));
	size_t		len;
	const char *s = SentimentTextToUtf8(t, &len);
	AspectCall	ac;
	AutoChoice	choice;
	Clause	   *clauses = NULL;
	int			clausecap = 0;

	init_srf(fcinfo);
	memset(&ac, 0, sizeof(ac));
	ac.cfg = clause_config(SentimentResolve(cfg, s, len, &choice));
	ac.language = choice.language;
	ac.dict = aspect_dict(fcinfo, aspect_set, ac.language);
	ac.cx = strcmp(aspect_set, "cx") == 0;
	ac.ws = SentimentWorkspace();
	ac.s = s;
	ac.len = len;
	if (ac.dict == NULL)
		return (Datum) 0;		/* the set has no term in this language */

	SentenceSplit(s, len, ac.language, &spans);
	for (size_t si = 0; si < spans.n; si++)
	{
		const SentSpan *sp = &spans.v[si];
		int			nclauses = 0;
		int			out = 0;
		int			prev = ac.nmentions;	/* the previous sentence's mentions */
		double		sentence_compound = 0.0;
		bool		have_sentence = false;

		CHECK_FOR_INTERRUPTS();
		ac.sentence_tokens = 0;
		ClauseSplit(s, sp->start, sp->end, ac.language, &clause_cuts);
		if (clausecap < (int) clause_cuts.n + 1)
		{
			clausecap = (int) clause_cuts.n + 1;
			clauses = clauses ? repalloc(clauses, sizeof(Clause) * clausecap)
				: palloc(sizeof(Clause) * clausecap);
		}
		for (size_t k = 0; k <= clause_cuts.n; k++)
		{
			Clause	   *c = &clauses[nclauses++];

			c->start = k == 0 ? sp->start : clause_cuts.v[k - 1].pos;
			c->end = k < clause_cuts.n ? clause_cuts.v[k].pos : sp->end;
			c->kind = k == 0 ? 0 : clause_cuts.v[k - 1].kind;
			c->against = 0.0;
			read_clause(&ac, c);
		}

		/*
		 * Join clauses back where the cut separated an aspect from what is said about it:
		 * a clause that names no aspect joins the one before it (or, at the start, the one
		 * after); after a comma or "and", a clause without sentiment joins its neighbour
		 * ("Shipping was awful and support never replied": support shares "awful").
		 */
		for (int k = 1; k < nclauses; k++)
		{
			Clause	   *cur = &clauses[out];
			Clause	   *nx = &clauses[k];
			bool		join = nx->n == 0 || cur->n == 0 ||
				(nx->kind == CLAUSE_SOFT && (cur->compound == 0.0 || nx->compound == 0.0));

			/*
			 * "Lovely shop, but the queue was out the door": what comes before a contrastive
			 * conjunction and names no aspect is said of something else; it is left out.
			 */
			if (cur->n == 0 && nx->kind == CLAUSE_HARD && nx->n > 0)
			{
				double		before = cur->rescore ? clause_compound(&ac, cur->start, cur->end) : cur->compound;

				*cur = *nx;
				cur->against = before;
				continue;
			}
			if (join)
			{
				/* mentions of consecutive clauses are consecutive: extend the range */
				if (cur->n == 0)
					cur->first = nx->first;
				cur->n += nx->n;
				cur->end = nx->end;
				cur->rescore = true;
			}
			else
				clauses[++out] = *nx;
		}
		for (int k = 0; k <= out && nclauses > 0; k++)
		{
			Clause	   *c = &clauses[k];

			if (c->rescore)
				c->compound = clause_compound(&ac, c->start, c->end);
			for (int m = c->first; m < c->first + c->n; m++)
			{
				ac.mentions[m].ord = (int32) (si + 1);
				ac.mentions[m].compound = c->compound;
			}
			split_clause(&ac, c);
		}
		for (int k = 0; k <= out; k++)
		{
			Clause	   *c = &clauses[k];
			const Clause *other = NULL;
			bool		other_after = false;
			double		guess;

			if (c->compound != 0.0 || c->n == 0)
				continue;
			/* "..., but the checkout kept timing out": against the other side */
			if (c->against != 0.0)
				guess = CONTRAST_FACTOR * c->against;
			else if (out == 0)
				continue;
			else
			{
				if (k > 0 && c->kind == CLAUSE_HARD && clauses[k - 1].compound != 0.0)
					other = &clauses[k - 1];
				else if (k < out && clauses[k + 1].kind == CLAUSE_HARD && clauses[k + 1].compound != 0.0)
				{
					other = &clauses[k + 1];
					other_after = true;
				}
				if (other != NULL)
					guess = CONTRAST_FACTOR * other->compound;
				else
				{
					/* "The price, well. ...": the sentence as a whole */
					if (!have_sentence)
					{
						sentence_compound = clause_compound(&ac, sp->start, sp->end);
						have_sentence = true;
					}
					guess = sentence_compound;
				}
			}
			for (int m = c->first; m < c->first + c->n; m++)
			{
				bool		same = false;

				if (ac.mentions[m].compound != 0.0)
					continue;

				/*
				 * "Tracking said delivered but nothing arrived": the side after the
				 * conjunction speaks of the same aspect and has the last word on it ("The app
				 * is fine, but the checkout page kept going blank" still reads against)
				 */
				for (int o = other_after ? other->first : 0; other_after && o < other->first + other->n; o++)
					same = same || strcmp(ac.mentions[o].aspect, ac.mentions[m].aspect) == 0;
				ac.mentions[m].compound = ScorerRound(same ? other->compound : guess, 4);
			}
		}

		/*
		 * A short follow-up that names no aspect ("Still waiting for my refund. Not happy.")
		 * gives its score to the previous sentence's mentions that had none.
		 */
		if (ac.nmentions == prev && prev > 0 && ac.sentence_tokens <= FOLLOW_UP_TOKENS)
		{
			bool		neutral = false;

			for (int m = 0; m < prev; m++)
				neutral = neutral || ac.mentions[m].compound == 0.0;
			if (neutral)
			{
				double		follow = clause_compound(&ac, sp->start, sp->end);

				for (int m = 0; m < prev; m++)
					if (ac.mentions[m].compound == 0.0)
						ac.mentions[m].compound = follow;
			}
		}
		flush_mentions(rsinfo, &ac, prev);
	}
	flush_mentions(rsinfo, &ac, ac.nmentions);
	SentimentWorkspaceTrim();
	EscWordsTrim(&text_words);
	if (hits.cap > 4096 || hits.idscap > 4096)
		EscHitsFree(&hits);
	if (spans.cap > 4096)
		SentSpansFree(&spans);
	if (clause_cuts.cap > 4096)
		ClauseCutsFree(&clause_cuts);
	return (Datum) 0;
}

/* statement trigger on aspect_terms: every backend's aspect cache is stale */
Datum
aspect_terms_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("aspect_terms_changed() was not called by the trigger manager")));
	td = (TriggerData *) fcinfo->context;
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
