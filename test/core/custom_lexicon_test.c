/*
 * custom_lexicon_test.c
 *	  Stand-alone test of custom_lexicon.c over every built-in configuration:
 *	  - a lexicon of words the base lacks keeps every base entry (same flags, ids, valences) and
 *	    scores every input line exactly as the base does;
 *	  - overrides, neutralised words (0) and phrases change what they should and nothing else;
 *	  - every bad input gives its status and the index of the offending term;
 *	  - a 10,000-entry lexicon builds, and its words are all found.
 *	Prints one "ok"/"FAIL" line per check and a summary; exit 1 on any failure.
 *
 *	  custom_lexicon_test < texts      (one text per line, for the equivalence check)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "custom_lexicon.h"
#include "scorer.h"

static int	failures = 0;
static int	checks = 0;

static void
check(bool ok, const char *what, const char *cfg)
{
	checks++;
	if (!ok)
	{
		failures++;
		printf("FAIL: %s (%s)\n", what, cfg);
	}
}

static CustomLexicon *
build(const SentimentConfig *base, const char *const *terms, const double *vals, size_t n,
	  TokenList *tl, CustomStatus *status, size_t *bad)
{
	size_t		lens[64];
	CustomLexicon *lex;

	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(terms[i]);
	*status = CustomLexiconBuild(base, "test@1", terms, lens, vals, n, tl, &lex, bad);
	return lex;
}

static double
score(const SentimentConfig *cfg, const char *text, ScoreWorkspace *ws)
{
	return ScorerScoreCompound(cfg, text, strlen(text), ws);
}

int
main(void)
{
	char	  **lines = NULL;
	size_t		nlines = 0,
				cap = 0;
	char	   *line = NULL;
	size_t		lcap = 0;
	ssize_t		len;
	TokenList	tl;
	ScoreWorkspace ws;
	size_t		scored = 0;

	memset(&tl, 0, sizeof(tl));
	memset(&ws, 0, sizeof(ws));
	while ((len = getline(&line, &lcap, stdin)) >= 0)
	{
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (nlines == cap)
		{
			cap = cap ? 2 * cap : 1024;
			lines = realloc(lines, cap * sizeof(char *));
		}
		lines[nlines++] = strdup(line);
	}

	for (int c = 0; c < SentimentConfigCount(); c++)
	{
		const SentimentConfig *base = SentimentConfigAt(c);
		static const char *const fresh[] = {"zqxjkv", "qqwweerr", "blorptastic"};
		static const double fresh_v[] = {1.5, -2.0, 3.0};
		CustomStatus st;
		size_t		bad;
		CustomLexicon *lex = build(base, fresh, fresh_v, 3, &tl, &st, &bad);
		bool		same = true;

		check(st == CUSTOM_OK && lex != NULL, "a lexicon of new words builds", base->name);
		if (lex == NULL)
			continue;
		check(lex->words.nentries == base->words->nentries + 3, "base entries + 3", base->name);
		for (uint32_t i = 0; i < base->words->nentries && same; i++)
		{
			const LexEntry *b = &base->words->entries[i];
			const LexEntry *m = LexiconLookup(&lex->words, LexEntryWord(base->words, b), b->len);

			same = m != NULL && m->flags == b->flags && m->word_id == b->word_id &&
				m->valence == b->valence && m->booster == b->booster;
		}
		check(same, "every base entry found unchanged in the merged table", base->name);
		for (int k = 0; k < 3; k++)
		{
			const LexEntry *m = LexiconLookup(&lex->words, fresh[k], strlen(fresh[k]));

			check(m != NULL && m->valence == fresh_v[k] && (m->flags & LEX_VALENCE),
				  "a new word is in the merged table", base->name);
		}
		same = true;
		for (size_t i = 0; i < nlines; i++)
		{
			double		a = score(base, lines[i], &ws);
			double		b = score(&lex->cfg, lines[i], &ws);

			if (a != b)
			{
				if (same)
					printf("  differs: %s: %.4f vs %.4f\n", lines[i], a, b);
				same = false;
			}
			scored++;
		}
		check(same, "texts without custom words score as in the base", base->name);
		/* with a learned layer (fr es pt de it) or model (en) the lexicon score is one input */
		check(base->lang_model || base->model ? score(&lex->cfg, "blorptastic", &ws) > score(base, "blorptastic", &ws)
			  : (score(&lex->cfg, "blorptastic", &ws) > 0 && score(base, "blorptastic", &ws) == 0),
			  "a new word scores", base->name);
		CustomLexiconFree(lex);
	}

	/* 'en-rules': overrides, 0, phrases */
	{
		const SentimentConfig *en = SentimentConfigFind("en-rules");
		static const char *const terms[] = {"Great", "PENDING", "kiss of death", "top notch", "love"};
		static const double vals[] = {0.0, -1.5, 1.0, 2.5, -2.0};
		CustomStatus st;
		size_t		bad;
		CustomLexicon *lex = build(en, terms, vals, 5, &tl, &st, &bad);

		check(st == CUSTOM_OK, "en-rules: overrides and phrases build", "en-rules");
		if (lex)
		{
			check(score(&lex->cfg, "great", &ws) == 0 && score(en, "great", &ws) > 0,
				  "valence 0 neutralises a word", "en-rules");
			check(score(&lex->cfg, "it is pending", &ws) < 0, "a new word, case folded", "en-rules");
			check(score(&lex->cfg, "the kiss of death", &ws) > 0 && score(en, "the kiss of death", &ws) < 0,
				  "a built-in phrase re-rated", "en-rules");
			check(score(&lex->cfg, "top notch", &ws) > score(en, "top notch", &ws),
				  "a new phrase", "en-rules");
			check(score(&lex->cfg, "I love it", &ws) < 0, "an override changes the sign", "en-rules");
			check(score(&lex->cfg, "I don't love it", &ws) > 0, "the base's negation applies", "en-rules");
			check(lex->cfg.nphrases == en->nphrases + 1, "one phrase added, one re-rated", "en-rules");
			CustomLexiconFree(lex);
		}
	}

	/* over the learned 'en': the custom words reach the model through its rule features, which
	 * come from the lexicon's own rules configuration (not the built-in 'en-rules') */
	{
		const SentimentConfig *en = SentimentConfigFind("en");
		const SentimentConfig *rules = SentimentConfigFind("en-rules");
		static const char *const terms[] = {"PENDING", "love"};
		static const double vals[] = {-3.0, -3.0};
		CustomStatus st;
		size_t		bad;
		CustomLexicon *lex = build(en, terms, vals, 2, &tl, &st, &bad);

		check(st == CUSTOM_OK, "en: a custom lexicon builds", "en");
		if (lex)
		{
			check(en->rules == rules && SentimentConfigRules(en) == rules,
				  "the rule features of 'en' come from 'en-rules'", "en");
			check(lex->cfg.model == en->model && lex->cfg.rules == &lex->rules_cfg &&
				  lex->rules_cfg.model == NULL && lex->rules_cfg.words == lex->cfg.words,
				  "the lexicon's rules configuration has its words and no model", "en");
			check(score(&lex->cfg, "it is pending", &ws) < score(en, "it is pending", &ws),
				  "a new negative word lowers the learned score", "en");
			check(score(lex->cfg.rules, "it is pending", &ws) < 0 &&
				  score(rules, "it is pending", &ws) == 0,
				  "its rules configuration scores the new word", "en");
			check(score(&lex->cfg, "I love it", &ws) < score(en, "I love it", &ws),
				  "an override lowers the learned score", "en");
			check(score(&lex->cfg, "the parcel arrived", &ws) == score(en, "the parcel arrived", &ws),
				  "texts without custom words score as in 'en'", "en");
			CustomLexiconFree(lex);
		}
	}

	/* bad input */
	{
		static const struct
		{
			const char *base;
			const char *terms[3];
			double		vals[3];
			int			n;
			CustomStatus status;
			size_t		bad;
		}			cases[] = {
			{"en", {"ok", "   "}, {1, 1}, 2, CUSTOM_EMPTY_TERM, 1},
			{"en", {"ok", "x"}, {1, 4.5}, 2, CUSTOM_VALENCE_RANGE, 1},
			{"en", {"ok", "x"}, {1, -1.0 / 0.0}, 2, CUSTOM_VALENCE_RANGE, 1},
			{"en", {"Wow", "x", "wow!"}, {1, 1, 2}, 3, CUSTOM_DUPLICATE, 2},
			{"en", {"a b c d e"}, {1}, 1, CUSTOM_TOO_MANY_WORDS, 0},
			{"fr", {"x", "tres bien"}, {1, 1}, 2, CUSTOM_NO_PHRASES, 1},
			{"vader", {"top notch"}, {1}, 1, CUSTOM_NO_PHRASES, 0},
			{"en", {"love \xf0\x9f\x98\x80"}, {1}, 1, CUSTOM_EMOJI, 0},
			{"en", {"ok", "Very"}, {1, 2}, 2, CUSTOM_BOOSTER, 1},
			{"en", {"barely"}, {0}, 1, CUSTOM_BOOSTER, 0},
			{"de", {"gut", "sehr"}, {1, 1}, 2, CUSTOM_BOOSTER, 1},
			{"en", {"ok", "Never"}, {1, -1}, 2, CUSTOM_NEGATION, 1},
			{"vader", {"not"}, {0}, 1, CUSTOM_NEGATION, 0},
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			CustomStatus st;
			size_t		bad = 99;
			CustomLexicon *lex = build(SentimentConfigFind(cases[i].base), cases[i].terms,
									   cases[i].vals, cases[i].n, &tl, &st, &bad);
			char		what[128];

			snprintf(what, sizeof(what), "bad case %zu: status %d (want %d), term %zu (want %zu)",
					 i + 1, (int) st, (int) cases[i].status, bad, cases[i].bad);
			check(st == cases[i].status && bad == cases[i].bad && lex == NULL, what, cases[i].base);
		}
	}

	/*
	 * rule words over every base: each booster or dampener is refused (the scorer gives it no
	 * valence), and each negation of a VADER-rule base (a valence would end its role); each
	 * negation of a language base and each contrastive word takes a valence that changes its
	 * score, and a negation of a language base still negates the next word
	 */
	for (int c = 0; c < SentimentConfigCount(); c++)
	{
		const SentimentConfig *base = SentimentConfigAt(c);
		size_t		nboost = 0,
					refused = 0,
					nrole = 0,
					moved = 0;

		for (uint32_t i = 0; i < base->words->nentries; i++)
		{
			const LexEntry *e = &base->words->entries[i];
			const char *w = LexEntryWord(base->words, e);
			const char *const terms[1] = {w};
			const double v[1] = {3.0};
			CustomStatus st;
			size_t		bad;
			CustomLexicon *lex;

			if (!(e->flags & (LEX_BOOSTER | LEX_NEGATE | LEX_CONTRAST)))
				continue;
			lex = build(base, terms, v, 1, &tl, &st, &bad);
			if (e->flags & LEX_BOOSTER)
			{
				nboost++;
				refused += st == CUSTOM_BOOSTER && lex == NULL;
			}
			else if ((e->flags & LEX_NEGATE) && !(base->lang_options & LO_RULES))
			{
				nboost++;
				refused += st == CUSTOM_NEGATION && lex == NULL;
			}
			else
			{
				nrole++;
				moved += lex != NULL && score(&lex->cfg, w, &ws) != score(base, w, &ws);
			}
			CustomLexiconFree(lex);
		}
		check(nboost > 0 && refused == nboost, "every booster, dampener (and VADER-rule negation) refused", base->name);
		check((base->lang_options & LO_RULES) ? nrole > 0 && moved == nrole : nrole == moved,
			  "every other negation and contrastive word re-rated", base->name);
	}

	/* a negation of a language base with a valence: scored, and it still negates */
	{
		const SentimentConfig *fr = SentimentConfigFind("fr-rules");
		static const char *const terms[] = {"pas"};
		static const double vals[] = {-0.5};
		CustomStatus st;
		size_t		bad;
		CustomLexicon *lex = build(fr, terms, vals, 1, &tl, &st, &bad);

		check(st == CUSTOM_OK, "fr-rules: a negation takes a valence", "fr-rules");
		if (lex)
		{
			check(score(&lex->cfg, "pas", &ws) < 0 && score(fr, "pas", &ws) == 0,
				  "the negation's valence counts", "fr-rules");
			check(score(&lex->cfg, "pas bon", &ws) < score(fr, "pas bon", &ws) &&
				  score(&lex->cfg, "pas bon", &ws) < score(&lex->cfg, "pas", &ws),
				  "the negation still negates", "fr-rules");
			CustomLexiconFree(lex);
		}
	}

		/* 10,000 entries, and more than the limit */
	{
		const SentimentConfig *en = SentimentConfigFind("en");
		size_t		n = CUSTOM_MAX_ENTRIES + 1;
		char	  **terms = malloc(n * sizeof(char *));
		size_t	   *lens = malloc(n * sizeof(size_t));
		double	   *vals = malloc(n * sizeof(double));
		CustomLexicon *lex;
		size_t		bad;
		CustomStatus st;
		clock_t		t0;
		bool		found = true;

		for (size_t i = 0; i < n; i++)
		{
			char		buf[32];

			snprintf(buf, sizeof(buf), "sku%zu", i);
			terms[i] = strdup(buf);
			lens[i] = strlen(buf);
			vals[i] = (double) ((int) (i % 9) - 4) * 0.5;
		}
		t0 = clock();
		st = CustomLexiconBuild(en, "big@1", (const char *const *) terms, lens, vals, 10000, &tl,
								&lex, &bad);
		printf("10,000-entry lexicon built in %.1f ms (CPU)\n",
			   1000.0 * (double) (clock() - t0) / CLOCKS_PER_SEC);
		check(st == CUSTOM_OK, "10,000 entries build", "en");
		if (lex)
		{
			for (size_t i = 0; i < 10000 && found; i++)
			{
				const LexEntry *e = LexiconLookup(&lex->words, terms[i], lens[i]);

				found = e != NULL && e->valence == vals[i] &&
					((e->flags & LEX_VALENCE) != 0) == (vals[i] != 0.0);
			}
			check(found, "all 10,000 words found with their valences", "en");
			CustomLexiconFree(lex);
		}
		st = CustomLexiconBuild(en, "big@1", (const char *const *) terms, lens, vals, n, &tl,
								&lex, &bad);
		check(st == CUSTOM_TOO_MANY_ENTRIES && lex == NULL, "50,001 entries refused", "en");
		for (size_t i = 0; i < n; i++)
			free(terms[i]);
		free(terms);
		free(lens);
		free(vals);
	}

	TokenListFree(&tl);
	ScoreWorkspaceFree(&ws);
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	free(line);
	printf("custom lexicon core: %d checks, %d failed, %zu texts scored against %d bases\n",
		   checks, failures, scored, SentimentConfigCount());
	return failures ? 1 : 0;
}
