/*
 * kpi_hist.c
 *	  Exact, mergeable histograms: finite double key -> two whole counts.
 *
 * outcome_association needs ranks (AUC, Mann-Whitney) and survival_counts
 * needs the rows ordered by time; neither can be kept in a fixed-size state.
 * Both are exact functions of the multiset of (key, class) pairs, so the state
 * is that multiset compressed: one slot per distinct key with a count per
 * class.  Merging two states adds counts key by key, so serial, parallel and
 * rolled-up results are identical to the last bit (the statistics are computed
 * from the sorted keys in the final function, whatever order rows came in).
 *
 * Memory: 24 bytes per slot, at most three quarters of the slots used (so 32
 * to 64 bytes per distinct key; the 20,001 sentiment scores below fit a 768 kB
 * table, which stays in a 1 MB L2 cache where a half-full table of 1.5 MB
 * missed on most rows).  Keys that repeat (sentiment compound scores have at
 * most 20,001 distinct values at four decimals, ratings 5 to 11, tenure in
 * days a few thousand) keep the state small whatever the row count; a key
 * that never repeats costs up to 64 bytes per row, like an ordered-set
 * aggregate's tuplesort.
 *
 * Binary format (parallel aggregation): KPI_HIST_MAGIC, KPI_HIST_VERSION
 * (uint32 each), the number of entries (int64), then the entries sorted by
 * key with no duplicates.  KpiHistDeserialize rejects anything else.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core_env.h"
#include "kpi_hist.h"
#include "kpi_layout.h"

#define HIST_MIN_SLOTS 64
/* more than three quarters of the slots used (linear probing stays short) */
#define HIST_FULL(nkeys, nslots) (4 * (nkeys) > 3 * (nslots))

static uint64_t
hash_key(double key)
{
	uint64_t	h;

	memcpy(&h, &key, sizeof(h));
	return KpiHashMix64(h);
}

void
KpiHistInit(KpiHist *h, const KpiAllocator *mem)
{
	memset(h, 0, sizeof(*h));
	h->mem = *mem;
}

static KpiHistEntry *
find_slot(KpiHistEntry *slots, size_t nslots, double key)
{
	size_t		mask = nslots - 1,
				i = (size_t) hash_key(key) & mask;

	for (;;)
	{
		KpiHistEntry *e = &slots[i];

		if ((e->count[0] == 0 && e->count[1] == 0) || e->key == key)
			return e;
		i = (i + 1) & mask;
	}
}

/* rehash into nslots slots (a power of two that holds every used slot) */
static void
rehash(KpiHist *h, size_t nslots)
{
	size_t		i;
	KpiHistEntry *slots = h->mem.alloc(h->mem.arg, nslots * sizeof(KpiHistEntry));

	for (i = 0; i < h->nslots; i++)
	{
		KpiHistEntry *e = &h->slots[i];

		if (e->count[0] != 0 || e->count[1] != 0)
			*find_slot(slots, nslots, e->key) = *e;
		if ((i & 4095) == 4095)
			CoreCheckInterrupts();
	}
	if (h->slots)
		h->mem.free(h->mem.arg, h->slots);
	h->slots = slots;
	h->nslots = nslots;
}

static void
grow(KpiHist *h)
{
	rehash(h, h->nslots ? h->nslots * 2 : HIST_MIN_SLOTS);
}

/* make room for nkeys distinct keys without growing again */
static void
reserve_keys(KpiHist *h, size_t nkeys)
{
	size_t		nslots = h->nslots ? h->nslots : HIST_MIN_SLOTS;

	while (HIST_FULL(nkeys, nslots))
		nslots *= 2;
	if (nslots > h->nslots)
		rehash(h, nslots);
}

/* count rows of class cls at key, in a slot (the caller checked and counts totals) */
static void
add_to_slot(KpiHist *h, double key, int cls, int64_t count)
{
	KpiHistEntry *e;

	if (key == 0)
		key = 0;				/* -0 and 0 are one key */
	if (HIST_FULL(h->nused + 1, h->nslots))
		grow(h);
	e = find_slot(h->slots, h->nslots, key);
	if (e->count[0] == 0 && e->count[1] == 0)
	{
		e->key = key;
		h->nused++;
	}
	e->count[cls] += count;
}

/*
 * Add count rows of class cls (0 or 1) at a finite key.  Returns false when a
 * class would count more than 2^53 - 1 rows (nothing changed).
 */
bool
KpiHistAdd(KpiHist *h, double key, int cls, int64_t count)
{
	if (count <= 0)
		return true;
	if ((double) h->total[cls] + (double) count > KPI_MAX_COUNT)
		return false;
	add_to_slot(h, key, cls, count);
	h->total[cls] += count;
	return true;
}

/*
 * One row of class cls at a finite key, as KpiHistAdd, but buffered: every
 * KPI_HIST_BATCH rows, KpiHistFlush fetches their slots into the cache
 * together, so the cache misses of a table larger than the cache overlap
 * instead of stalling one row at a time.  The totals count the row at once
 * (so the overflow error comes on the same row); the slots and nused only
 * after KpiHistFlush.
 */
bool
KpiHistPush(KpiHist *h, double key, int cls)
{
	if ((double) h->total[cls] + 1 > KPI_MAX_COUNT)
		return false;
	h->total[cls]++;
	h->pending_key[h->npending] = key;
	h->pending_cls[h->npending] = (unsigned char) cls;
	if (++h->npending == KPI_HIST_BATCH)
		KpiHistFlush(h);
	return true;
}

/* Put the pushed rows in their slots */
void
KpiHistFlush(KpiHist *h)
{
	int			i;

	if (h->npending == 0)
		return;
	/* room for every pending key: no rehash between the prefetch and the use */
	reserve_keys(h, h->nused + (size_t) h->npending);
#if defined(__GNUC__) || defined(__clang__)
	for (i = 0; i < h->npending; i++)
	{
		double		key = h->pending_key[i] == 0 ? 0 : h->pending_key[i];

		__builtin_prefetch(&h->slots[hash_key(key) & (h->nslots - 1)], 1);
	}
#endif
	for (i = 0; i < h->npending; i++)
		add_to_slot(h, h->pending_key[i], h->pending_cls[i], 1);
	h->npending = 0;
}

/* Add every count of other to h.  Returns false on count overflow. */
bool
KpiHistMerge(KpiHist *h, KpiHist *other)
{
	size_t		i;

	KpiHistFlush(h);
	KpiHistFlush(other);

	if ((double) h->total[0] + (double) other->total[0] > KPI_MAX_COUNT ||
		(double) h->total[1] + (double) other->total[1] > KPI_MAX_COUNT)
		return false;
	if (h->nused == 0 && other->nused > 0)
	{
		/* an empty side (the first partial state of a combine): copy the table */
		if (h->slots)
			h->mem.free(h->mem.arg, h->slots);
		h->slots = h->mem.alloc(h->mem.arg, other->nslots * sizeof(KpiHistEntry));
		memcpy(h->slots, other->slots, other->nslots * sizeof(KpiHistEntry));
		h->nslots = other->nslots;
		h->nused = other->nused;
		h->total[0] = other->total[0];
		h->total[1] = other->total[1];
		return true;
	}
	for (i = 0; i < other->nslots; i++)
	{
		const KpiHistEntry *e = &other->slots[i];

		if (e->count[0] != 0 || e->count[1] != 0)
		{
			KpiHistAdd(h, e->key, 0, e->count[0]);
			KpiHistAdd(h, e->key, 1, e->count[1]);
		}
		if ((i & 4095) == 4095)
			CoreCheckInterrupts();
	}
	return true;
}

static int
cmp_entry(const void *a, const void *b)
{
	double		x = ((const KpiHistEntry *) a)->key,
				y = ((const KpiHistEntry *) b)->key;

	return (x > y) - (x < y);
}

/* The used entries sorted by key, in new memory from h's allocator. */
KpiHistEntry *
KpiHistSorted(const KpiHist *h)
{
	KpiHistEntry *out = h->mem.alloc(h->mem.arg, (h->nused ? h->nused : 1) * sizeof(KpiHistEntry));
	size_t		i,
				k = 0;

	for (i = 0; i < h->nslots; i++)
		if (h->slots[i].count[0] != 0 || h->slots[i].count[1] != 0)
			out[k++] = h->slots[i];
	qsort(out, k, sizeof(KpiHistEntry), cmp_entry);
	return out;
}

size_t
KpiHistSerialSize(const KpiHist *h)
{
	return KPI_HIST_HEADER + h->nused * sizeof(KpiHistEntry);
}

void
KpiHistSerialize(const KpiHist *h, unsigned char *out)
{
	uint32_t	magic = KPI_HIST_MAGIC,
				version = KPI_HIST_VERSION;
	int64_t		n = (int64_t) h->nused;
	KpiHistEntry *sorted = KpiHistSorted(h);

	memcpy(out, &magic, 4);
	memcpy(out + 4, &version, 4);
	memcpy(out + 8, &n, 8);
	if (h->nused > 0)
		memcpy(out + KPI_HIST_HEADER, sorted, h->nused * sizeof(KpiHistEntry));
	h->mem.free(h->mem.arg, sorted);
}

/*
 * Entries as a histogram may hold them: finite keys, strictly increasing,
 * whole non-negative counts with at least one row each, class totals at most
 * 2^53 - 1.  NULL when valid, else what is wrong.
 */
const char *
KpiHistCheckEntries(const KpiHistEntry *e, size_t n)
{
	double		total[2] = {0, 0};
	size_t		i;

	for (i = 0; i < n; i++)
	{
		if (!isfinite(e[i].key))
			return "Values must be finite.";
		if (i > 0 && !(e[i].key > e[i - 1].key))
			return "Values must be strictly increasing (one row per distinct value).";
		if (e[i].count[0] < 0 || e[i].count[1] < 0 || (e[i].count[0] == 0 && e[i].count[1] == 0))
			return "Counts must be non-negative and not both zero.";
		total[0] += (double) e[i].count[0];
		total[1] += (double) e[i].count[1];
		if (total[0] > KPI_MAX_COUNT || total[1] > KPI_MAX_COUNT)
			return "Counts must add up to at most 2^53 - 1 rows per class.";
	}
	return NULL;
}

/*
 * Rebuild a histogram (initialised, empty) from KpiHistSerialize output,
 * checking everything.  NULL when valid, else what is wrong.
 */
const char *
KpiHistDeserialize(KpiHist *h, const unsigned char *in, size_t len)
{
	uint32_t	magic,
				version;
	int64_t		n;
	KpiHistEntry *e;
	const char *problem;
	size_t		i;

	if (len < KPI_HIST_HEADER)
		return "The state is too short.";
	memcpy(&magic, in, 4);
	memcpy(&version, in + 4, 4);
	memcpy(&n, in + 8, 8);
	if (magic != KPI_HIST_MAGIC || version != KPI_HIST_VERSION)
		return "The state has the wrong format tag.";
	if (n < 0 || (uint64_t) n > (len - KPI_HIST_HEADER) / sizeof(KpiHistEntry) ||
		len != KPI_HIST_HEADER + (size_t) n * sizeof(KpiHistEntry))
		return "The state length does not match its number of entries.";
	e = h->mem.alloc(h->mem.arg, (n ? n : 1) * sizeof(KpiHistEntry));
	if (n > 0)
		memcpy(e, in + KPI_HIST_HEADER, n * sizeof(KpiHistEntry));
	problem = KpiHistCheckEntries(e, (size_t) n);
	if (problem == NULL)
	{
		reserve_keys(h, (size_t) n);
		for (i = 0; i < (size_t) n; i++)
		{
			KpiHistAdd(h, e[i].key, 0, e[i].count[0]);
			KpiHistAdd(h, e[i].key, 1, e[i].count[1]);
		}
	}
	h->mem.free(h->mem.arg, e);
	return problem;
}
