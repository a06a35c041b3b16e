/*
 * kpi_fast_test.c
 *	  The faster code paths of the KPI aggregates against the general ones they replace
 *	  (test/t/414_kpi_fast_paths.sh):
 *	  - the CES state check in integers (kpi_state.c) against the long double / fmod check it
 *	    replaced, copied here, on states built from rows and on perturbed and hostile ones;
 *	  - change_point's natural merge sort (KpiSeriesSort) against qsort on sorted, reversed,
 *	    random, tied and run-structured inputs, with and without an in-place resize;
 *	    change_point on shuffled rows against the same rows sorted first;
 *	  - a series viewed in a serialized buffer (KpiSeriesView, unaligned) merged, sorted and
 *	    serialized against a copied one;
 *	  - the histogram's buffered rows (KpiHistPush, KpiHistFlush), its copy of an empty side's
 *	    merge and the presized deserialize against adding row by row.
 *	  Prints "N passed, N failed" and the number of cases per part.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi_change.h"
#include "kpi_hist.h"
#include "kpi_layout.h"
#include "test_random.h"

static int	passed,
			failed;
static uint64_t rng = 0x2545f4914f6cdd1dULL;

#define CHECK(cond, ...) \
	do { if (cond) passed++; else { failed++; printf("FAIL: " __VA_ARGS__); printf("\n"); } } while (0)

static void *
t_alloc(void *arg, size_t size)
{
	void	   *p = calloc(1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

static void
t_free(void *arg, void *p)
{
	free(p);
}

static void *
t_resize(void *arg, void *p, size_t size)
{
	void	   *q = realloc(p, size ? size : 1);

	if (!q)
		abort();
	return q;
}

static const KpiAllocator plain = {t_alloc, t_free, NULL, NULL};
static const KpiAllocator resizing = {t_alloc, t_free, NULL, t_resize};

/* ---- CES state check: the version before 0.2.0's integer rewrite, verbatim ---- */

static bool
ref_is_count(double v)
{
	return v >= 0.0 && v <= KPI_MAX_COUNT && v == floor(v);
}

static bool
ref_is_scale(double v)
{
	return v == 0.0 || v == 5.0 || v == 7.0 || v == 10.0;
}

static bool
ref_cauchy_schwarz(double n, double sum, double sumsq)
{
	unsigned __int128 lhs = (unsigned __int128) (unsigned long long) n * (unsigned long long) sumsq;
	unsigned __int128 rhs = (unsigned __int128) (unsigned long long) sum * (unsigned long long) sum;

	return lhs >= rhs;
}

static const char *
ref_ces_problem(const double *v)
{
	double		n = v[KPI_N],
				s = v[CES_SCALE],
				sum = v[CES_SUM],
				sq = v[CES_SUMSQ];

	if (v[KPI_TAG] != 3103.0)
		return "The state has the wrong format tag.";
	if (!ref_is_count(n))
		return "The row count must be a non-negative whole number.";
	if (!ref_is_scale(s) || (n > 0 && s == 0))
		return "The scale must be 5, 7 or 10 (0 before the first row).";
	if (!ref_is_count(sum) || !ref_is_count(sq))
		return "The sums must be whole numbers between 0 and 2^53 - 1.";
	if (n == 0)
		return (sum == 0 && sq == 0) ? NULL : "An empty state must have zero sums.";
	if (sum < n || (long double) sum > (long double) s * n)
		return "The sum of scores must lie between n and n times the scale.";
	if (sq < sum || (long double) sq > (long double) (s + 1) * sum - (long double) s * n ||
		fmod(sq - sum, 2.0) != 0 ||
		!ref_cauchy_schwarz(n, sum, sq))
		return "The sum of squares is not consistent with n scores on the scale and their sum.";
	return NULL;
}

static int	ces_cases,
			ces_valid;

static void
ces_compare(const double *v)
{
	const char *a = ref_ces_problem(v),
			   *b = KpiStateProblem(v, CES_STATE_LEN, KPI_CES);

	ces_cases++;
	ces_valid += a == NULL;
	CHECK((a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0),
		  "CES state {%.17g, %.17g, %.17g, %.17g, %.17g}: before \"%s\", now \"%s\"",
		  v[0], v[1], v[2], v[3], v[4], a ? a : "valid", b ? b : "valid");
}

static void
test_ces(void)
{
	static const double scales[] = {0, 5, 7, 10, 6, -5};
	static const double deltas[] = {0, 1, -1, 2, -2, 3, 0.5, -0.5, 1e-9};
	static const double big[] = {0, 1, 2, 3, 9007199254740991.0, 9007199254740990.0,
	9007199254740992.0, 4503599627370496.0, 900719925474099.0, 1e16, -1, NAN, INFINITY};
	int			i,
				j,
				k,
				f;

	/* states of real rows, then every field nudged */
	for (i = 0; i < 3000; i++)
	{
		int			scale = (int) scales[1 + test_random(&rng) % 3],
					n = (int) (test_random(&rng) % (i < 1500 ? 8 : 200));
		double		v[CES_STATE_LEN] = {3103.0, 0, scale, 0, 0};

		if (n == 0 && test_random(&rng) % 2)
			v[CES_SCALE] = 0;
		for (j = 0; j < n; j++)
		{
			int			x = 1 + (int) (test_random(&rng) % scale);

			v[KPI_N] += 1;
			v[CES_SUM] += x;
			v[CES_SUMSQ] += (double) x * x;
		}
		ces_compare(v);
		for (f = KPI_N; f < CES_STATE_LEN; f++)
			for (k = 1; k < (int) (sizeof(deltas) / sizeof(deltas[0])); k++)
			{
				double		w[CES_STATE_LEN];

				memcpy(w, v, sizeof(w));
				w[f] += deltas[k];
				ces_compare(w);
			}
		for (k = 0; k < (int) (sizeof(scales) / sizeof(scales[0])); k++)
		{
			double		w[CES_STATE_LEN];

			memcpy(w, v, sizeof(w));
			w[CES_SCALE] = scales[k];
			ces_compare(w);
		}
	}
	/* near and beyond 2^53, not whole, not finite, and all-extreme combinations */
	for (i = 0; i < (int) (sizeof(big) / sizeof(big[0])); i++)
		for (j = 0; j < (int) (sizeof(big) / sizeof(big[0])); j++)
			for (k = 0; k < (int) (sizeof(big) / sizeof(big[0])); k++)
				for (f = 1; f < 4; f++)
				{
					double		v[CES_STATE_LEN] = {3103.0, big[i], scales[f], big[j], big[k]};

					ces_compare(v);
				}
	/* the largest consistent states: n rows of the top score, and of score 1 */
	for (f = 1; f < 4; f++)
	{
		double		n = floor(KPI_MAX_COUNT / (scales[f] * scales[f])),
					v[CES_STATE_LEN] = {3103.0, n, scales[f], n * scales[f], n * scales[f] * scales[f]},
					w[CES_STATE_LEN] = {3103.0, KPI_MAX_COUNT, scales[f], KPI_MAX_COUNT, KPI_MAX_COUNT};

		ces_compare(v);
		ces_compare(w);
		v[CES_SUMSQ] += 2;
		ces_compare(v);
		w[CES_SUM] -= 1;
		ces_compare(w);
	}
}

/* ---- change_point: the sort ---- */

static int
ref_cmp(const void *a, const void *b)
{
	const KpiPoint *p = a,
			   *q = b;

	if (p->t != q->t)
		return p->t < q->t ? -1 : 1;
	return (p->y > q->y) - (p->y < q->y);
}

static int	sort_cases;

/* rows[0..n) of a pattern */
static void
make_rows(KpiPoint *r, size_t n, int pattern)
{
	size_t		i,
				run = 1 + test_random(&rng) % 5000;

	for (i = 0; i < n; i++)
	{
		int64_t		t;
		double		y = ((double) (int) (test_random(&rng) % 20001) - 10000) / 10000.0;

		switch (pattern)
		{
			case 0:				/* in time order */
				t = (int64_t) i * 3000000;
				break;
			case 1:				/* reversed */
				t = (int64_t) (n - i) * 1000;
				break;
			case 2:				/* random */
				t = (int64_t) test_random(&rng) * 1000 - ((int64_t) 1 << 40);
				break;
			case 3:				/* few distinct times: ties broken by value */
				t = test_random(&rng) % 4;
				break;
			case 4:				/* all equal */
				t = 7;
				y = 0.5;
				break;
			case 5:				/* sorted runs, as a parallel plan's workers give */
				t = (int64_t) (i % run) * 1000 + (int64_t) (i / run);
				break;
			case 6:				/* sorted, one row out of place at the end */
				t = i + 1 < n ? (int64_t) i : -1;
				break;
			default:			/* sawtooth of short runs */
				t = (int64_t) (i % 37) - (int64_t) (i % 5);
				break;
		}
		r[i].t = t;
		r[i].y = y == 0 ? 0 : y;
	}
}

static void
series_of(KpiSeries *s, const KpiPoint *r, size_t n, const KpiAllocator *mem)
{
	size_t		i;

	KpiSeriesInit(s, mem);
	for (i = 0; i < n; i++)
		KpiSeriesAdd(s, r[i].t, r[i].y);
}

static void
test_sort(void)
{
	static const size_t sizes[] = {0, 1, 2, 3, 31, 32, 33, 63, 64, 65, 100, 1000, 4097, 100000};
	size_t		z;
	int			pattern;

	for (z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
		for (pattern = 0; pattern < 8; pattern++)
		{
			size_t		n = sizes[z];
			KpiPoint   *r = t_alloc(NULL, n * sizeof(KpiPoint)),
					   *ref = t_alloc(NULL, n * sizeof(KpiPoint));
			KpiSeries	a,
						b;
			KpiChangeResult ra,
						rb;

			make_rows(r, n, pattern);
			memcpy(ref, r, n * sizeof(KpiPoint));
			qsort(ref, n, sizeof(KpiPoint), ref_cmp);

			series_of(&a, r, n, &plain);
			series_of(&b, r, n, &resizing);
			KpiSeriesSort(&a);
			KpiSeriesSort(&b);
			sort_cases += 2;
			CHECK(a.n == n && (n == 0 || memcmp(a.p, ref, n * sizeof(KpiPoint)) == 0),
				  "sort of %zu rows, pattern %d, differs from qsort", n, pattern);
			CHECK(b.n == n && (n == 0 || memcmp(b.p, ref, n * sizeof(KpiPoint)) == 0),
				  "sort of %zu rows, pattern %d (resize), differs from qsort", n, pattern);
			free(a.p);
			free(b.p);

			/* change_point of the rows as they came against the rows sorted first */
			series_of(&a, r, n, &plain);
			series_of(&b, ref, n, &plain);
			KpiChangePoint(&a, &ra);
			KpiChangePoint(&b, &rb);
			sort_cases++;
			CHECK(memcmp(&ra, &rb, sizeof(ra)) == 0 ||
				  (isnan(ra.statistic) && isnan(rb.statistic) && ra.n == rb.n),
				  "change_point of %zu rows, pattern %d, depends on the input order", n, pattern);
			free(a.p);
			free(b.p);
			free(r);
			free(ref);
		}
}

/* ---- change_point: a view of a serialized state ---- */

static int	view_cases;

static void
test_view(void)
{
	static const size_t sizes[] = {0, 1, 5, 64, 65, 1000, 30000};
	size_t		z;

	for (z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
	{
		size_t		n = sizes[z],
					len;
		KpiPoint   *r = t_alloc(NULL, (n + 1) * sizeof(KpiPoint));
		KpiSeries	src,
					view,
					copy,
					merged,
					direct,
					empty;
		unsigned char *buf,
				   *keep;
		const char *problem;

		make_rows(r, n, 2);
		series_of(&src, r, n, &plain);
		len = KpiSeriesSerialSize(&src);
		/* one byte in: the rows are not 8-byte aligned, like a bytea's data */
		buf = t_alloc(NULL, len + 1);
		KpiSeriesSerialize(&src, buf + 1);
		keep = t_alloc(NULL, len + 1);
		memcpy(keep, buf, len + 1);

		KpiSeriesInit(&view, &resizing);
		problem = KpiSeriesView(&view, buf + 1, len);
		CHECK(problem == NULL && view.n == n, "view of %zu rows refused: %s", n, problem ? problem : "");
		KpiSeriesInit(&copy, &plain);
		problem = KpiSeriesDeserialize(&copy, buf + 1, len);
		CHECK(problem == NULL && copy.n == n && copy.borrowed == NULL,
			  "deserialize of %zu rows refused", n);

		/* merged into an empty and into a non-empty series: as if the rows were added */
		KpiSeriesInit(&empty, &resizing);
		KpiSeriesMerge(&empty, &view);
		series_of(&merged, r, n / 2, &resizing);
		KpiSeriesMerge(&merged, &view);
		series_of(&direct, r, n / 2, &plain);
		{
			size_t		i;

			for (i = 0; i < n; i++)
				KpiSeriesAdd(&direct, r[i].t, r[i].y);
		}
		KpiSeriesSort(&merged);
		KpiSeriesSort(&direct);
		KpiSeriesSort(&empty);
		KpiSeriesSort(&copy);
		view_cases += 3;
		CHECK(merged.n == direct.n && (n == 0 || memcmp(merged.p, direct.p, direct.n * sizeof(KpiPoint)) == 0),
			  "merging a view of %zu rows differs from adding them", n);
		CHECK(empty.n == n && (n == 0 || memcmp(empty.p, copy.p, n * sizeof(KpiPoint)) == 0),
			  "merging a view of %zu rows into an empty series differs from deserializing", n);
		CHECK(memcmp(buf, keep, len + 1) == 0, "merging a view of %zu rows changed its buffer", n);

		/* a view sorted (takes a copy) and serialized again */
		if (n > 0)
		{
			KpiSeries	v2;
			unsigned char *out = t_alloc(NULL, len);

			KpiSeriesInit(&v2, &plain);
			KpiSeriesView(&v2, buf + 1, len);
			KpiSeriesSerialize(&v2, out);
			view_cases += 3;
			CHECK(memcmp(out, buf + 1, len) == 0, "serializing a view of %zu rows changed it", n);
			KpiSeriesSort(&v2);
			CHECK(v2.borrowed == NULL && v2.n == n && memcmp(v2.p, copy.p, n * sizeof(KpiPoint)) == 0,
				  "sorting a view of %zu rows", n);
			CHECK(memcmp(buf, keep, len + 1) == 0, "sorting a view of %zu rows changed its buffer", n);
			free(v2.p);
			free(out);
		}
		free(src.p);
		free(copy.p);
		free(merged.p);
		free(direct.p);
		free(empty.p);
		free(buf);
		free(keep);
		free(r);
	}
}

/* ---- outcome_association / survival_counts: histogram merge and deserialize ---- */

static int	hist_cases;

static bool
same_hist(const KpiHist *a, const KpiHist *b)
{
	KpiHistEntry *ea,
			   *eb;
	bool		same;

	if (a->nused != b->nused || a->total[0] != b->total[0] || a->total[1] != b->total[1])
		return false;
	ea = KpiHistSorted(a);
	eb = KpiHistSorted(b);
	same = memcmp(ea, eb, a->nused * sizeof(KpiHistEntry)) == 0;
	free(ea);
	free(eb);
	return same;
}

static void
test_hist(void)
{
	static const int sizes[] = {0, 1, 40, 1000, 50000};
	int			z,
				keys;

	for (z = 0; z < (int) (sizeof(sizes) / sizeof(sizes[0])); z++)
		for (keys = 1; keys <= 100000; keys *= 10)
		{
			int			n = sizes[z],
						i;
			KpiHist		part[3],
						pushed[3],
						direct,
						merged,
						merged_pushed,
						back;
			unsigned char *buf;
			size_t		len;

			KpiHistInit(&direct, &plain);
			for (i = 0; i < 3; i++)
			{
				KpiHistInit(&part[i], &plain);
				KpiHistInit(&pushed[i], &plain);
			}
			for (i = 0; i < n; i++)
			{
				double		x = (double) (int) (test_random(&rng) % keys) / 7.0 - 3;
				int			cls = test_random(&rng) % 3 == 0,
							p = test_random(&rng) % 3;

				if (i % 5 == 0)
					x = -0.0 * x;	/* -0 and 0 are one key, pushed or added */
				KpiHistAdd(&direct, x, cls, 1);
				KpiHistAdd(&part[p], x, cls, 1);
				KpiHistPush(&pushed[p], x, cls);
			}
			/* rows pushed (buffered, prefetched) against rows added: merged unflushed, flushed */
			KpiHistInit(&merged_pushed, &plain);
			for (i = 0; i < 3; i++)
				KpiHistMerge(&merged_pushed, &pushed[i]);
			hist_cases++;
			CHECK(same_hist(&merged_pushed, &direct), "rows pushed (%d over %d keys) differ from rows added", n, keys);
			for (i = 0; i < 3; i++)
			{
				KpiHistFlush(&pushed[i]);
				hist_cases++;
				CHECK(pushed[i].npending == 0 && same_hist(&pushed[i], &part[i]),
					  "rows pushed and flushed (%d over %d keys) differ from rows added", n, keys);
			}
			/* the first merge copies the table, the next ones add key by key */
			KpiHistInit(&merged, &plain);
			for (i = 0; i < 3; i++)
				KpiHistMerge(&merged, &part[i]);
			hist_cases++;
			CHECK(same_hist(&merged, &direct), "merge of %d rows over %d keys differs from adding them", n, keys);

			/* deserialize (presized table) */
			len = KpiHistSerialSize(&direct);
			buf = t_alloc(NULL, len);
			KpiHistSerialize(&direct, buf);
			KpiHistInit(&back, &plain);
			hist_cases++;
			CHECK(KpiHistDeserialize(&back, buf, len) == NULL && same_hist(&back, &direct) &&
				  (back.nused == 0 || 4 * back.nused <= 3 * back.nslots),
				  "round trip of %d rows over %d keys", n, keys);
			/* and adding after the copy or the presized rebuild still works */
			KpiHistAdd(&merged, 1e6, 1, 2);
			KpiHistAdd(&back, 1e6, 1, 2);
			KpiHistAdd(&direct, 1e6, 1, 2);
			hist_cases++;
			CHECK(same_hist(&merged, &direct) && same_hist(&back, &direct),
				  "adding after a merge or a deserialize (%d rows, %d keys)", n, keys);
			free(buf);
			free(direct.slots);
			free(merged.slots);
			free(merged_pushed.slots);
			free(back.slots);
			for (i = 0; i < 3; i++)
			{
				free(part[i].slots);
				free(pushed[i].slots);
			}
		}
}

int
main(void)
{
	test_ces();
	test_sort();
	test_view();
	test_hist();
	printf("CES state checks: %d states (%d valid) judged as before; change_point sort: %d cases; "
		   "views: %d; histogram merge/deserialize: %d\n",
		   ces_cases, ces_valid, sort_cases, view_cases, hist_cases);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
