/*
 * kpi_hist.h
 *	  Pure C core of the exact, mergeable histograms behind outcome_association
 *	  and survival_counts: a hash table from a finite double key (an x value,
 *	  a survival time) to two whole counts (negatives and positives, censored
 *	  and events).  See kpi_hist.c for the layout, memory and binary format.
 */
#ifndef PGE_KPI_HIST_H
#define PGE_KPI_HIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* memory for a histogram: the SQL edge passes the aggregate's memory context */
typedef struct KpiAllocator
{
	void	   *(*alloc) (void *arg, size_t size);	/* zeroed memory; never NULL */
	void		(*free) (void *arg, void *ptr);
	void	   *arg;
	/*
	 * optional (NULL: alloc, copy, free): grow ptr to size keeping its bytes,
	 * or with ptr NULL allocate; the new bytes are not zeroed
	 */
	void	   *(*resize) (void *arg, void *ptr, size_t size);
} KpiAllocator;

typedef struct KpiHistEntry
{
	double		key;			/* finite; -0 is stored as 0 */
	int64_t		count[2];		/* both >= 0, not both 0 in a used slot */
} KpiHistEntry;

/* rows a transition function buffers before it looks their slots up (KpiHistPush) */
#define KPI_HIST_BATCH 32

typedef struct KpiHist
{
	KpiHistEntry *slots;		/* open addressing, linear probing */
	size_t		nslots;			/* a power of two (0 before the first row) */
	size_t		nused;			/* distinct keys (without the pending rows) */
	int64_t		total[2];		/* rows per class (with the pending rows) */
	KpiAllocator mem;
	/* rows pushed but not yet in a slot: KpiHistFlush before reading slots or nused */
	int			npending;
	unsigned char pending_cls[KPI_HIST_BATCH];
	double		pending_key[KPI_HIST_BATCH];
} KpiHist;

/* binary format (serialize / deserialize, also the value of survival_counts) */
#define KPI_HIST_MAGIC		0x50474548u	/* "PGEH" */
#define KPI_HIST_VERSION	1u
#define KPI_HIST_HEADER		16			/* magic, version (uint32 each), nentries (int64) */

/* splitmix64's finaliser: a well-mixed 64-bit hash of a 64-bit key */
static inline uint64_t
KpiHashMix64(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

extern void KpiHistInit(KpiHist *h, const KpiAllocator *mem);
extern bool KpiHistAdd(KpiHist *h, double key, int cls, int64_t count);
extern bool KpiHistPush(KpiHist *h, double key, int cls);
extern void KpiHistFlush(KpiHist *h);
extern bool KpiHistMerge(KpiHist *h, KpiHist *other);
/* these read a flushed histogram (KpiHistFlush after KpiHistPush) */
extern KpiHistEntry *KpiHistSorted(const KpiHist *h);
extern size_t KpiHistSerialSize(const KpiHist *h);
extern void KpiHistSerialize(const KpiHist *h, unsigned char *out);
extern const char *KpiHistDeserialize(KpiHist *h, const unsigned char *in, size_t len);
extern const char *KpiHistCheckEntries(const KpiHistEntry *e, size_t n);

#endif							/* PGE_KPI_HIST_H */
