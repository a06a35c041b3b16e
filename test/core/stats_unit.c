/*
 * stats_unit.c
 *	  Tests of the pure C cores of the internal-state aggregates that SQL cannot reach: the
 *	  deserialize functions of the exact histogram (outcome_association, survival_counts), the
 *	  series (change_point) and the label-pair table (agreement aggregates) on round trips,
 *	  every truncation and random byte flips (an error string or a valid state, never a crash:
 *	  run under valgrind by test/t/413_stats_core.sh), merging in either order, and the
 *	  Kolmogorov tail against scipy.stats.kstwobign.  Prints "N passed, N failed".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "kpi_change.h"
#include "kpi_hist.h"

static int	passed,
			failed;

#define CHECK(cond, ...) \
	do { if (cond) passed++; else { failed++; printf("FAIL: " __VA_ARGS__); printf("\n"); } } while (0)

static void *
test_alloc(void *arg, size_t size)
{
	void	   *p = calloc(1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

static void
test_free(void *arg, void *p)
{
	free(p);
}

static const KpiAllocator mem = {test_alloc, test_free, NULL, NULL};

static void
hist_free(KpiHist *h)
{
	free(h->slots);
}

static void
series_free(KpiSeries *s)
{
	free(s->p);
}

static void
table_free(AgrTable *t)
{
	free(t->bytes);
	free(t->str_off);
	free(t->str_slots);
	free(t->pair_key);
	free(t->pair_count);
}

/* every prefix and 2000 random byte flips of a serialized state: error or valid, no crash */
typedef const char *(*Deserializer) (void *state, const unsigned char *in, size_t len);

static const char *
hist_deser(void *state, const unsigned char *in, size_t len)
{
	KpiHist		h;
	const char *p;

	KpiHistInit(&h, &mem);
	p = KpiHistDeserialize(&h, in, len);
	hist_free(&h);
	return p;
}

static const char *
series_deser(void *state, const unsigned char *in, size_t len)
{
	KpiSeries	s;
	const char *p;

	KpiSeriesInit(&s, &mem);
	p = KpiSeriesDeserialize(&s, in, len);
	series_free(&s);
	return p;
}

static const char *
table_deser(void *state, const unsigned char *in, size_t len)
{
	AgrTable	t;
	const char *p;

	AgrInit(&t, &mem);
	p = AgrDeserialize(&t, in, len);
	if (p == NULL)
	{
		/* a valid state must also give figures without trouble */
		AgrKappa	k;
		AgrConfusion c;
		AgrPanel	pn;

		AgrCohenKappa(&t, &k);
		AgrConfusionMatrix(&t, &c);
		free(c.cls);
		AgrFleissKappa(&t, &pn);
		AgrKrippendorffAlpha(&t, &pn);
	}
	table_free(&t);
	return p;
}

static void
hostile(const char *what, Deserializer f, const unsigned char *buf, size_t len)
{
	unsigned char *copy = malloc(len + 1);
	int			prefix_errors = 0,
				flips = 0;

	for (size_t n = 0; n < len; n++)
	{
		memcpy(copy, buf, n);
		if (f(NULL, copy, n) != NULL)
			prefix_errors++;
	}
	CHECK(prefix_errors == (int) len, "%s: %d of %zu truncated states accepted", what,
		  (int) len - prefix_errors, len);
	CHECK(f(NULL, buf, len) == NULL, "%s: the intact state is refused", what);
	srand(4242);
	for (int i = 0; i < 2000; i++)
	{
		memcpy(copy, buf, len);
		copy[rand() % len] ^= (unsigned char) (1 + rand() % 255);
		if (f(NULL, copy, len) != NULL)
			flips++;
	}
	printf("%s: %zu bytes, every truncation refused, %d of 2000 byte flips refused\n", what, len, flips);
	free(copy);
}

static void
test_hist(void)
{
	KpiHist		a,
				b,
				ab,
				ba,
				back;
	unsigned char *buf;
	size_t		len;
	KpiHistEntry *e1,
			   *e2;

	KpiHistInit(&a, &mem);
	KpiHistInit(&b, &mem);
	srand(7);
	for (int i = 0; i < 5000; i++)
	{
		KpiHistAdd(&a, (rand() % 401 - 200) / 100.0, rand() % 2, 1);
		KpiHistAdd(&b, (rand() % 4001 - 2000) / 1000.0, rand() % 2, 1);
	}
	KpiHistAdd(&a, -0.0, 1, 1);
	KpiHistInit(&ab, &mem);
	KpiHistInit(&ba, &mem);
	KpiHistMerge(&ab, &a);
	KpiHistMerge(&ab, &b);
	KpiHistMerge(&ba, &b);
	KpiHistMerge(&ba, &a);
	e1 = KpiHistSorted(&ab);
	e2 = KpiHistSorted(&ba);
	CHECK(ab.nused == ba.nused && memcmp(e1, e2, ab.nused * sizeof(KpiHistEntry)) == 0,
		  "histogram merge depends on the order");
	CHECK(ab.total[0] + ab.total[1] == 10001, "histogram merge lost rows");
	len = KpiHistSerialSize(&ab);
	buf = malloc(len);
	KpiHistSerialize(&ab, buf);
	KpiHistInit(&back, &mem);
	CHECK(KpiHistDeserialize(&back, buf, len) == NULL, "histogram round trip refused");
	free(e2);
	e2 = KpiHistSorted(&back);
	CHECK(back.nused == ab.nused && memcmp(e1, e2, ab.nused * sizeof(KpiHistEntry)) == 0,
		  "histogram round trip changed the entries");
	free(buf);
	/* a small state for the hostile inputs (every truncation is quadratic in its size) */
	hist_free(&back);
	KpiHistInit(&back, &mem);
	for (int i = 0; i < 60; i++)
		KpiHistAdd(&back, i % 20 - 7.5, i % 3 == 0, 1 + i % 4);
	len = KpiHistSerialSize(&back);
	buf = malloc(len);
	KpiHistSerialize(&back, buf);
	hostile("histogram", hist_deser, buf, len);
	free(buf);
	free(e1);
	free(e2);
	hist_free(&a);
	hist_free(&b);
	hist_free(&ab);
	hist_free(&ba);
	hist_free(&back);
}

static void
test_series(void)
{
	KpiSeries	s,
				back;
	unsigned char *buf;
	size_t		len;
	KpiChangeResult r1,
				r2;

	KpiSeriesInit(&s, &mem);
	for (int i = 0; i < 300; i++)
		KpiSeriesAdd(&s, (int64_t) ((i * 7919) % 300) * 1000000, sin(i) + ((i * 7919) % 300 > 200 ? 1 : 0));
	len = KpiSeriesSerialSize(&s);
	buf = malloc(len);
	KpiSeriesSerialize(&s, buf);
	KpiSeriesInit(&back, &mem);
	CHECK(KpiSeriesDeserialize(&back, buf, len) == NULL, "series round trip refused");
	KpiChangePoint(&s, &r1);
	KpiChangePoint(&back, &r2);
	CHECK(memcmp(&r1, &r2, sizeof(r1)) == 0, "series round trip changed the change point");
	CHECK(r1.n_before == 201 && r1.p_value < 1e-6, "change point of a shift after row 201: %g (p %g)",
		  r1.n_before, r1.p_value);
	hostile("series", series_deser, buf, len);
	free(buf);
	series_free(&s);
	series_free(&back);
}

static void
test_table(void)
{
	static const char *labels[] = {"positive", "negative", "neutral", "", "négatif", "😀"};
	AgrTable	a,
				b,
				ab,
				ba;
	unsigned char *buf;
	size_t		len;
	AgrKappa	k1,
				k2;
	AgrPanel	p1,
				p2;

	AgrInit(&a, &mem);
	AgrInit(&b, &mem);
	srand(11);
	for (int i = 0; i < 3000; i++)
	{
		const char *x = labels[rand() % 6],
				   *y = labels[rand() % 6];
		AgrTable   *t = i % 3 ? &a : &b;

		AgrAdd(t, x, strlen(x), y, strlen(y), 1);
	}
	AgrInit(&ab, &mem);
	AgrInit(&ba, &mem);
	AgrMerge(&ab, &a);
	AgrMerge(&ab, &b);
	AgrMerge(&ba, &b);
	AgrMerge(&ba, &a);
	AgrCohenKappa(&ab, &k1);
	AgrCohenKappa(&ba, &k2);
	CHECK(memcmp(&k1, &k2, sizeof(k1)) == 0, "cohen_kappa depends on the merge order");
	AgrKrippendorffAlpha(&ab, &p1);
	AgrKrippendorffAlpha(&ba, &p2);
	CHECK(memcmp(&p1, &p2, sizeof(p1)) == 0, "krippendorff_alpha depends on the merge order");
	CHECK(ab.total == 3000, "label table merge lost rows");
	len = AgrSerialSize(&ab);
	buf = malloc(len);
	AgrSerialize(&ab, buf);
	hostile("label pairs", table_deser, buf, len);
	free(buf);
	table_free(&a);
	table_free(&b);
	table_free(&ab);
	table_free(&ba);
}

static void
test_kolmogorov(void)
{
	/* scipy.stats.kstwobign.sf */
	static const double want[][2] = {
		{0.3, 0.9999906941986655}, {0.5, 0.9639452436648751}, {0.8, 0.5441424115741981},
		{0.99, 0.2808738392255489}, {1.0, 0.26999967167735456}, {1.01, 0.25943416909359746},
		{1.36, 0.049485876755377876}, {2.0, 0.0006709252557796953}, {3.0, 3.045995948942526e-08},
		{5.0, 3.8574996959278356e-22}};
	double		worst = 0;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
	{
		double		got = KpiKolmogorovSf(want[i][0]),
					rel = fabs(got - want[i][1]) / want[i][1];

		worst = fmax(worst, rel);
		CHECK(rel < 1e-12, "Kolmogorov sf(%g) = %.17g, scipy %.17g", want[i][0], got, want[i][1]);
	}
	CHECK(KpiKolmogorovSf(0) == 1 && KpiKolmogorovSf(0.01) == 1, "Kolmogorov sf near 0");
	printf("Kolmogorov tail: largest relative difference to scipy %.2g\n", worst);
}

int
main(void)
{
	test_kolmogorov();
	test_hist();
	test_series();
	test_table();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
