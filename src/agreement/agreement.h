/*
 * agreement.h
 *	  Pure C core of the agreement and model-quality aggregates (cohen_kappa,
 *	  confusion_matrix, fleiss_kappa, krippendorff_alpha): an exact, mergeable
 *	  table of counts of label pairs; formulas in agreement.c.
 */
#ifndef PGE_AGREEMENT_H
#define PGE_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kpi_hist.h"			/* KpiAllocator */

/*
 * Counts of (a, b) pairs of strings: (rater 1's label, rater 2's label),
 * (predicted, actual) or (item, label).  Strings are interned once.
 */
typedef struct AgrTable
{
	/* interned strings: bytes in one buffer, offsets and lengths by id */
	char	   *bytes;
	size_t		nbytes;
	size_t		bytes_cap;
	uint64_t   *str_off;		/* offset << 24 | length: ids 0 .. nstr-1 */
	uint32_t	nstr;
	uint32_t	str_cap;
	uint32_t   *str_slots;		/* hash of strings: id + 1, 0 = empty */
	uint32_t	nstr_slots;
	/* pair counts */
	uint64_t   *pair_key;		/* a << 32 | b */
	int64_t    *pair_count;		/* 0 = empty slot */
	size_t		npair_slots;
	size_t		npairs;
	int64_t		total;
	KpiAllocator mem;
} AgrTable;

/* the longest label or item key, in bytes */
#define AGR_MAX_STRING	((1 << 24) - 1)
/* at most this many distinct strings in one group */
#define AGR_MAX_STRINGS	10000000

typedef enum AgrAddResult
{
	AGR_OK = 0,
	AGR_TOO_LONG,				/* a string beyond AGR_MAX_STRING bytes */
	AGR_TOO_MANY,				/* more than AGR_MAX_STRINGS distinct strings */
	AGR_OVERFLOW				/* more than 2^53 - 1 rows */
} AgrAddResult;

extern void AgrInit(AgrTable *t, const KpiAllocator *mem);
extern AgrAddResult AgrAdd(AgrTable *t, const char *a, size_t alen, const char *b, size_t blen,
						   int64_t count);
extern AgrAddResult AgrMerge(AgrTable *t, const AgrTable *other);
extern size_t AgrSerialSize(const AgrTable *t);
extern void AgrSerialize(const AgrTable *t, unsigned char *out);
extern const char *AgrDeserialize(AgrTable *t, const unsigned char *in, size_t len);
extern const char *AgrString(const AgrTable *t, uint32_t id, size_t *len);

/* NaN marks an undefined figure */
typedef struct AgrKappa
{
	double		n;
	double		categories;
	double		observed;		/* share of rows where a = b */
	double		expected;		/* chance agreement from the marginals */
	double		kappa;
	double		std_error;		/* Fleiss, Cohen & Everitt (1969), as statsmodels */
	double		ci_low;
	double		ci_high;
	double		z;				/* kappa / SE under H0: kappa = 0 */
	double		p_value;
} AgrKappa;

extern void AgrCohenKappa(const AgrTable *t, AgrKappa *r);

/* per class of a confusion matrix (labels in byte order) */
typedef struct AgrClass
{
	uint32_t	label;			/* string id */
	double		support;		/* actual count */
	double		predicted;
	double		true_positives;
	double		precision;
	double		recall;
	double		f1;
} AgrClass;

typedef struct AgrConfusion
{
	double		n;
	double		classes;
	double		accuracy;
	double		macro_precision;
	double		macro_recall;
	double		macro_f1;
	double		weighted_f1;
	AgrClass   *cls;			/* classes entries, from the table's allocator */
} AgrConfusion;

extern void AgrConfusionMatrix(const AgrTable *t, AgrConfusion *r);

typedef struct AgrPanel
{
	double		items;			/* items with at least 2 ratings (all items for Fleiss) */
	double		ratings;		/* ratings of those items */
	double		categories;
	double		raters_per_item;	/* Fleiss: m; NaN for Krippendorff if it varies */
	double		observed;		/* Fleiss: mean P_i; Krippendorff: 1 - D_o */
	double		expected;		/* Fleiss: P_e; Krippendorff: 1 - D_e */
	double		value;			/* kappa or alpha */
} AgrPanel;

/* false when items have different numbers of ratings (Fleiss needs one m) */
extern bool AgrFleissKappa(const AgrTable *t, AgrPanel *r);
extern void AgrKrippendorffAlpha(const AgrTable *t, AgrPanel *r);

#endif							/* PGE_AGREEMENT_H */
