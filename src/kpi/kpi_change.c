/*
 * kpi_change.c
 *	  change_point: the most likely single shift of the mean in a series
 *	  ordered in time, by the CUSUM statistic, with an asymptotic p-value.
 *
 * Method.  The rows are sorted by time (rows at the same time by value, so
 * the result does not depend on the input order).  With ybar the mean and s
 * the sample standard deviation of all n values, S_k = sum_{i<=k} (y_i - ybar)
 * for k = 1 .. n-1; the change point is the k with the largest |S_k| (the
 * first one on ties), which is the least-squares split of the series into two
 * segments weighted as CUSUM weights them.  The statistic is
 * D = max |S_k| / (s sqrt(n)).  Under "no change" (independent rows, one mean,
 * one variance) S_{floor(nt)} / (s sqrt(n)) tends to a Brownian bridge, so D
 * tends to the Kolmogorov distribution:
 * P(D > d) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 d^2)
 *          = 1 - sqrt(2 pi) / d sum_{j>=1} exp(-(2j-1)^2 pi^2 / (8 d^2)),
 * the second form used for d < 1 where the first converges slowly.
 *
 * Validity: the p-value is asymptotic (fine from about 30 rows; with fewer,
 * conservative or liberal by a few percentage points), assumes independent
 * rows (autocorrelated daily KPIs give too small p-values: aggregate to
 * weeks, or read the p-value as a screening score), and tests for one shift
 * of the mean; s includes the shift itself, which makes the test
 * conservative when there is a large change.  Several changes: split at the
 * change point and test each part again (binary segmentation).
 *
 * State: every (time, value) pair, 16 bytes per row, merged by appending;
 * the final function sorts (change_point_serialize too, so that a parallel
 * plan's workers share the sorting).  Binary format: KPI_SERIES_MAGIC,
 * KPI_SERIES_VERSION (uint32 each), n (int64), then n pairs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core_env.h"
#include "kpi_change.h"
#include "kpi_layout.h"

void
KpiSeriesInit(KpiSeries *s, const KpiAllocator *mem)
{
	memset(s, 0, sizeof(*s));
	s->mem = *mem;
	s->in_order = true;
}

/* the order of the rows: by time, rows at the same time by value */
static inline bool
point_less(const KpiPoint *a, const KpiPoint *b)
{
	return a->t < b->t || (a->t == b->t && a->y < b->y);
}

/* memory for n rows, not zeroed when the allocator can */
static KpiPoint *
alloc_rows(KpiSeries *s, size_t n)
{
	if (s->mem.resize)
		return s->mem.resize(s->mem.arg, NULL, n * sizeof(KpiPoint));
	return s->mem.alloc(s->mem.arg, n * sizeof(KpiPoint));
}

static void
reserve(KpiSeries *s, size_t need)
{
	KpiPoint   *p;
	size_t		cap;

	if (need <= s->cap)
		return;
	cap = CoreGrowCapacity(s->cap, need, 64);
	if (s->borrowed)
	{
		/* take a copy of the borrowed rows */
		p = alloc_rows(s, cap);
		if (s->n > 0)
			memcpy(p, s->borrowed, s->n * sizeof(KpiPoint));
		s->borrowed = NULL;
	}
	else if (s->p && s->mem.resize)
		p = s->mem.resize(s->mem.arg, s->p, cap * sizeof(KpiPoint));
	else
	{
		p = alloc_rows(s, cap);
		if (s->n > 0)
			memcpy(p, s->p, s->n * sizeof(KpiPoint));
		if (s->p)
			s->mem.free(s->mem.arg, s->p);
	}
	s->p = p;
	s->cap = cap;
}

void
KpiSeriesAdd(KpiSeries *s, int64_t t, double y)
{
	KpiPoint   *q;

	reserve(s, s->n + 1);
	q = &s->p[s->n];
	q->t = t;
	q->y = y == 0 ? 0 : y;		/* -0 sorts and prints as 0 */
	/* rows scanned in time order need no sorting, nor a pass to find that out */
	if (s->n > 0 && point_less(q, q - 1))
		s->in_order = false;
	s->n++;
}

/* the rows in memory the series owns (a borrowed series copies them) */
static void
own_rows(KpiSeries *s)
{
	if (s->borrowed)
		reserve(s, s->n + 1);
}

/* where the rows are, owned or borrowed */
static const void *
rows_of(const KpiSeries *s)
{
	return s->borrowed ? (const void *) s->borrowed : (const void *) s->p;
}

void
KpiSeriesMerge(KpiSeries *s, const KpiSeries *other)
{
	if (other->n == 0)
		return;
	own_rows(s);
	reserve(s, s->n + other->n);
	memcpy(s->p + s->n, rows_of(other), other->n * sizeof(KpiPoint));
	s->n += other->n;
	s->in_order = false;		/* unknown: KpiSeriesSort checks */
}

size_t
KpiSeriesSerialSize(const KpiSeries *s)
{
	return KPI_SERIES_HEADER + s->n * sizeof(KpiPoint);
}

void
KpiSeriesSerialize(const KpiSeries *s, unsigned char *out)
{
	uint32_t	magic = KPI_SERIES_MAGIC,
				version = KPI_SERIES_VERSION;
	int64_t		n = (int64_t) s->n;

	memcpy(out, &magic, 4);
	memcpy(out + 4, &version, 4);
	memcpy(out + 8, &n, 8);
	if (s->n > 0)
		memcpy(out + KPI_SERIES_HEADER, rows_of(s), s->n * sizeof(KpiPoint));
}

/*
 * Check KpiSeriesSerialize output and make s (initialised, empty) a view of
 * its rows without copying them: s borrows in, which must outlive it unless
 * a function that writes s (adding, merging into it, sorting) takes a copy
 * first.  Merging a view into another series copies the rows once.  NULL when
 * valid, else what is wrong.
 */
const char *
KpiSeriesView(KpiSeries *s, const unsigned char *in, size_t len)
{
	uint32_t	magic,
				version;
	int64_t		n;
	size_t		i;

	if (len < KPI_SERIES_HEADER)
		return "The state is too short.";
	memcpy(&magic, in, 4);
	memcpy(&version, in + 4, 4);
	memcpy(&n, in + 8, 8);
	if (magic != KPI_SERIES_MAGIC || version != KPI_SERIES_VERSION)
		return "The state has the wrong format tag.";
	if (n < 0 || (uint64_t) n > (len - KPI_SERIES_HEADER) / sizeof(KpiPoint) ||
		len != KPI_SERIES_HEADER + (size_t) n * sizeof(KpiPoint))
		return "The state length does not match its number of rows.";
	for (i = 0; i < (size_t) n; i++)
	{
		double		y;

		/* the rows may be unaligned (a bytea's data) */
		memcpy(&y, in + KPI_SERIES_HEADER + i * sizeof(KpiPoint) + offsetof(KpiPoint, y), sizeof(y));
		if (!(fabs(y) <= 1e150))
			return "Values must be finite and at most 1e150 in magnitude.";
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	s->borrowed = in + KPI_SERIES_HEADER;
	s->n = (size_t) n;
	s->in_order = false;		/* unknown: KpiSeriesSort checks */
	return NULL;
}

/* Rebuild a series (initialised, empty); NULL when valid, else what is wrong */
const char *
KpiSeriesDeserialize(KpiSeries *s, const unsigned char *in, size_t len)
{
	const char *problem = KpiSeriesView(s, in, len);

	if (problem == NULL)
		own_rows(s);
	return problem;
}

/* merge the sorted a[0..na) and b[0..nb) into out */
static void
merge_runs(const KpiPoint *a, size_t na, const KpiPoint *b, size_t nb, KpiPoint *out)
{
	size_t		i = 0,
				j = 0,
				k = 0;

	while (i < na && j < nb)
	{
		out[k++] = point_less(&b[j], &a[i]) ? b[j++] : a[i++];
		if ((k & 65535) == 0)
			CoreCheckInterrupts();
	}
	if (i < na)
		memcpy(out + k, a + i, (na - i) * sizeof(KpiPoint));
	if (j < nb)
		memcpy(out + k, b + j, (nb - j) * sizeof(KpiPoint));
}

#define SORT_MIN_RUN 32

/*
 * Sort the rows by (time, value), in place.  A natural merge sort: the rows
 * are cut into ascending runs (short ones extended to SORT_MIN_RUN rows by
 * insertion), then neighbouring runs are merged until one is left.  Rows
 * scanned in time order are one run and cost one pass; a parallel plan's
 * combined state is one sorted run per worker (change_point_serialize sorts).
 * Rows that compare equal are equal in both fields, so any correct sort gives
 * the same array, bit for bit, as the qsort this replaces.
 */
void
KpiSeriesSort(KpiSeries *s)
{
	KpiPoint   *p,
			   *src,
			   *dst,
			   *tmp;
	size_t		n = s->n,
				i = 0,
				nruns = 0,
			   *ends;

	own_rows(s);
	p = s->p;
	if (n < 2 || s->in_order)
	{
		s->in_order = true;
		return;
	}
	/* one ascending run (rows in time order): nothing to do */
	for (i = 1; i < n && !point_less(&p[i], &p[i - 1]); i++)
		if ((i & 65535) == 0)
			CoreCheckInterrupts();
	s->in_order = true;
	if (i == n)
		return;

	ends = s->mem.alloc(s->mem.arg, (n / SORT_MIN_RUN + 2) * sizeof(size_t));
	for (i = 0; i < n;)
	{
		size_t		j = i + 1,
					end;

		while (j < n && !point_less(&p[j], &p[j - 1]))
			j++;
		end = j;
		if (end - i < SORT_MIN_RUN)
		{
			end = i + SORT_MIN_RUN < n ? i + SORT_MIN_RUN : n;
			for (; j < end; j++)
			{
				KpiPoint	x = p[j];
				size_t		m = j;

				while (m > i && point_less(&x, &p[m - 1]))
				{
					p[m] = p[m - 1];
					m--;
				}
				p[m] = x;
			}
		}
		ends[nruns++] = end;
		i = end;
		CoreCheckInterrupts();
	}

	tmp = alloc_rows(s, n);
	src = p;
	dst = tmp;
	while (nruns > 1)
	{
		size_t		r,
					out = 0,
					start = 0;

		for (r = 0; r + 1 < nruns; r += 2)
		{
			size_t		mid = ends[r],
						end = ends[r + 1];

			if (point_less(&src[mid], &src[mid - 1]))
				merge_runs(src + start, mid - start, src + mid, end - mid, dst + start);
			else
				memcpy(dst + start, src + start, (end - start) * sizeof(KpiPoint));
			ends[out++] = end;
			start = end;
			CoreCheckInterrupts();
		}
		if (r < nruns)
		{
			memcpy(dst + start, src + start, (ends[r] - start) * sizeof(KpiPoint));
			ends[out++] = ends[r];
		}
		nruns = out;
		tmp = src;
		src = dst;
		dst = tmp;
	}
	/* the sorted rows become the series' array (n rows: full) */
	s->mem.free(s->mem.arg, dst);
	s->mem.free(s->mem.arg, ends);
	s->p = src;
	if (src != p)
		s->cap = n;
}

/* P(K > d) for the Kolmogorov distribution (sup of a Brownian bridge's |B|) */
double
KpiKolmogorovSf(double d)
{
	double		sum = 0;
	int			j;

	if (!(d > 0))
		return 1.0;
	if (d < 1.0)
	{
		double		a = M_PI * M_PI / (8 * d * d);

		if (d < 0.04)
			return 1.0;			/* the cdf is below 1e-300 */
		for (j = 1; j <= 40; j++)
		{
			double		term = exp(-(double) (2 * j - 1) * (2 * j - 1) * a);

			sum += term;
			if (term < 1e-17 * sum)
				break;
		}
		return 1.0 - sqrt(2 * M_PI) / d * sum;
	}
	for (j = 1; j <= 100; j++)
	{
		double		term = exp(-2.0 * j * j * d * d);

		sum += (j % 2 ? term : -term);
		if (term < 1e-17 * fabs(sum))
			break;
	}
	return fmin(1.0, fmax(0.0, 2 * sum));
}

/* Sorts the series in place, then finds the change point */
void
KpiChangePoint(KpiSeries *s, KpiChangeResult *r)
{
	size_t		n = s->n,
				i,
				best = 0;
	double		sum = 0,
				comp = 0,
				mean,
				ss = 0,
				cusum = 0,
				maxabs = -1,
				before = 0,
				before_c = 0,
				after = 0,
				after_c = 0;

	r->n = (double) n;
	r->change_t = 0;
	r->n_before = r->n_after = 0;
	r->mean_before = r->mean_after = r->statistic = r->p_value = NAN;
	if (n == 0)
		return;
	KpiSeriesSort(s);
	for (i = 0; i < n; i++)
		KpiCompensatedAdd(&sum, &comp, s->p[i].y);
	mean = (sum + comp) / (double) n;
	for (i = 0; i < n; i++)
	{
		double		d = s->p[i].y - mean;

		ss += d * d;
		if (i + 1 < n)
		{
			cusum += d;
			if (fabs(cusum) > maxabs)
			{
				maxabs = fabs(cusum);
				best = i + 1;
			}
		}
		if ((i & 65535) == 65535)
			CoreCheckInterrupts();
	}
	if (n < 2 || !(ss > 0))
		return;					/* one row, or one value: no change to find */
	for (i = 0; i < n; i++)
	{
		if (i < best)
			KpiCompensatedAdd(&before, &before_c, s->p[i].y);
		else
			KpiCompensatedAdd(&after, &after_c, s->p[i].y);
	}
	r->n_before = (double) best;
	r->n_after = (double) (n - best);
	r->change_t = s->p[best].t;
	r->mean_before = (before + before_c) / (double) best;
	r->mean_after = (after + after_c) / (double) (n - best);
	r->statistic = maxabs / (sqrt(ss / (double) (n - 1)) * sqrt((double) n));
	r->p_value = KpiKolmogorovSf(r->statistic);
}
