/*
 * agreement.c
 *	  Agreement between raters and quality of a classifier, from an exact,
 *	  mergeable table of label-pair counts.
 *
 * State: every distinct string (label, or item key) is interned once; the
 * table counts (a, b) pairs of string ids.  Merging adds counts pair by pair
 * (through the strings, since two states number them differently), and the
 * final functions compute everything from the counts in label order, so
 * serial, parallel and merged results are identical.  Memory: the distinct
 * strings plus 8 bytes of hash per string, and 32 to 64 bytes per distinct
 * pair (16 per slot, at most half full): a 10-label confusion matrix is under
 * 7 kB whatever the row count; a panel table keyed by item grows with the
 * items (about 100 bytes per item and label).
 *
 * Labels are compared byte for byte (case matters: 'Positive' <> 'positive')
 * and sorted in byte order (code point order for UTF-8, as Python sorts).
 *
 * cohen_kappa(a, b): with p_ij the share of rows where a = i and b = j, r_i and
 * c_j the marginal shares of a and b, p_o = sum p_ii, p_e = sum r_i c_i,
 * kappa = (p_o - p_e) / (1 - p_e).  Large-sample variance of Fleiss, Cohen and
 * Everitt (1969), as statsmodels.stats.inter_rater.cohens_kappa:
 *   var = (sum_i p_ii (1 - (r_i + c_i)(1 - kappa))^2
 *          + (1 - kappa)^2 sum_{i<>j} p_ij (c_i + r_j)^2
 *          - (kappa - p_e (1 - kappa))^2) / ((1 - p_e)^2 n),
 * interval kappa -+ 1.959964 sqrt(var); the test of kappa = 0 uses the
 * variance under H0, (p_e + p_e^2 - sum_i r_i c_i (r_i + c_i)) / ((1 - p_e)^2 n).
 *
 * confusion_matrix(predicted, actual): per class precision = TP / predicted,
 * recall = TP / actual, F1 = 2 P R / (P + R), each 0 when its denominator is
 * 0 (sklearn's zero_division=0); macro averages are plain means over the
 * classes (every label seen as predicted or actual), weighted F1 weights by
 * the actual counts, accuracy = sum TP / n.
 *
 * fleiss_kappa(item, label): every item rated m >= 2 times; with n_ij the
 * ratings of item i in category j, P_i = (sum_j n_ij^2 - m) / (m (m - 1)),
 * p_j = sum_i n_ij / (N m), kappa = (mean P_i - sum p_j^2) / (1 - sum p_j^2)
 * (Fleiss 1971, statsmodels fleiss_kappa).
 *
 * krippendorff_alpha(item, label), nominal: items with one rating are not
 * pairable and left out; with m_u the ratings of item u, n = sum m_u, n_c the
 * ratings in category c, D_o = sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1) / n,
 * D_e = (n^2 - sum_c n_c^2) / (n (n - 1)), alpha = 1 - D_o / D_e
 * (Krippendorff 2011, "Computing Krippendorff's alpha-reliability").
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "core_env.h"
#include "kpi_layout.h"
#include "kpi_stats.h"

#define AGR_MAGIC	0x50474541u	/* "PGEA" */
#define AGR_VERSION	1u
#define AGR_HEADER	24			/* magic, version, nstr (uint32 each), pad, npairs (int64) */

static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 31;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 29;
	return h;
}

void
AgrInit(AgrTable *t, const KpiAllocator *mem)
{
	memset(t, 0, sizeof(*t));
	t->mem = *mem;
}

static void *
grow_copy(AgrTable *t, void *old, size_t old_size, size_t new_size)
{
	void	   *p = t->mem.alloc(t->mem.arg, new_size);

	if (old)
	{
		memcpy(p, old, old_size);
		t->mem.free(t->mem.arg, old);
	}
	return p;
}

const char *
AgrString(const AgrTable *t, uint32_t id, size_t *len)
{
	*len = (size_t) (t->str_off[id] & 0xffffff);
	return t->bytes + (t->str_off[id] >> 24);
}

static uint32_t *
find_str_slot(const AgrTable *t, uint32_t *slots, uint32_t nslots, const char *s, size_t len)
{
	uint32_t	mask = nslots - 1,
				i = (uint32_t) hash_bytes(s, len) & mask;

	for (;;)
	{
		uint32_t	id1 = slots[i];

		if (id1 == 0)
			return &slots[i];
		else
		{
			size_t		l;
			const char *o = AgrString(t, id1 - 1, &l);

			if (l == len && memcmp(o, s, len) == 0)
				return &slots[i];
		}
		i = (i + 1) & mask;
	}
}

/* the id of a string, added if new; AGR_OK or an error */
static AgrAddResult
intern(AgrTable *t, const char *s, size_t len, uint32_t *id)
{
	uint32_t   *slot;

	if (len > AGR_MAX_STRING)
		return AGR_TOO_LONG;
	if (t->nstr_slots > 0)
	{
		slot = find_str_slot(t, t->str_slots, t->nstr_slots, s, len);
		if (*slot != 0)
		{
			*id = *slot - 1;
			return AGR_OK;
		}
	}
	if (t->nstr >= AGR_MAX_STRINGS)
		return AGR_TOO_MANY;
	if (2 * ((size_t) t->nstr + 1) > t->nstr_slots)
	{
		uint32_t	n = t->nstr_slots ? t->nstr_slots * 2 : 64,
				   *slots = t->mem.alloc(t->mem.arg, (size_t) n * sizeof(uint32_t)),
					i;

		for (i = 0; i < t->nstr; i++)
		{
			size_t		l;
			const char *o = AgrString(t, i, &l);

			*find_str_slot(t, slots, n, o, l) = i + 1;
		}
		if (t->str_slots)
			t->mem.free(t->mem.arg, t->str_slots);
		t->str_slots = slots;
		t->nstr_slots = n;
	}
	if (t->nstr == t->str_cap)
	{
		uint32_t	cap = t->str_cap ? t->str_cap * 2 : 32;

		t->str_off = grow_copy(t, t->str_off, t->nstr * sizeof(uint64_t), cap * sizeof(uint64_t));
		t->str_cap = cap;
	}
	if (t->nbytes + len > t->bytes_cap)
	{
		size_t		cap = CoreGrowCapacity(t->bytes_cap, t->nbytes + len, 256);

		t->bytes = grow_copy(t, t->bytes, t->nbytes, cap);
		t->bytes_cap = cap;
	}
	if (len > 0)
		memcpy(t->bytes + t->nbytes, s, len);
	t->str_off[t->nstr] = ((uint64_t) t->nbytes << 24) | len;
	t->nbytes += len;
	*id = t->nstr++;
	*find_str_slot(t, t->str_slots, t->nstr_slots, s, len) = *id + 1;
	return AGR_OK;
}

static size_t
find_pair_slot(const uint64_t *keys, const int64_t *counts, size_t nslots, uint64_t key)
{
	size_t		mask = nslots - 1,
				i = (size_t) KpiHashMix64(key) & mask;

	while (counts[i] != 0 && keys[i] != key)
		i = (i + 1) & mask;
	return i;
}

/* add count to the pair (a, b) of string ids; the caller checks the total */
static void
add_pair(AgrTable *t, uint32_t a, uint32_t b, int64_t count)
{
	uint64_t	key = ((uint64_t) a << 32) | b;
	size_t		i;

	if (2 * (t->npairs + 1) > t->npair_slots)
	{
		size_t		n = t->npair_slots ? t->npair_slots * 2 : 64,
					j;
		uint64_t   *keys = t->mem.alloc(t->mem.arg, n * sizeof(uint64_t));
		int64_t    *counts = t->mem.alloc(t->mem.arg, n * sizeof(int64_t));

		for (j = 0; j < t->npair_slots; j++)
			if (t->pair_count[j] != 0)
			{
				size_t		k = find_pair_slot(keys, counts, n, t->pair_key[j]);

				keys[k] = t->pair_key[j];
				counts[k] = t->pair_count[j];
			}
		if (t->pair_key)
		{
			t->mem.free(t->mem.arg, t->pair_key);
			t->mem.free(t->mem.arg, t->pair_count);
		}
		t->pair_key = keys;
		t->pair_count = counts;
		t->npair_slots = n;
	}
	i = find_pair_slot(t->pair_key, t->pair_count, t->npair_slots, key);
	if (t->pair_count[i] == 0)
	{
		t->pair_key[i] = key;
		t->npairs++;
	}
	t->pair_count[i] += count;
	t->total += count;
}

AgrAddResult
AgrAdd(AgrTable *t, const char *a, size_t alen, const char *b, size_t blen, int64_t count)
{
	uint32_t	ia,
				ib;
	AgrAddResult r;

	if ((double) t->total + (double) count > KPI_MAX_COUNT)
		return AGR_OVERFLOW;
	if ((r = intern(t, a, alen, &ia)) != AGR_OK || (r = intern(t, b, blen, &ib)) != AGR_OK)
		return r;
	add_pair(t, ia, ib, count);
	return AGR_OK;
}

AgrAddResult
AgrMerge(AgrTable *t, const AgrTable *other)
{
	uint32_t   *map;
	size_t		i;
	AgrAddResult r = AGR_OK;

	if (other->total == 0)
		return AGR_OK;
	if ((double) t->total + (double) other->total > KPI_MAX_COUNT)
		return AGR_OVERFLOW;
	map = t->mem.alloc(t->mem.arg, (size_t) other->nstr * sizeof(uint32_t) + 1);
	for (i = 0; i < other->nstr && r == AGR_OK; i++)
	{
		size_t		len;
		const char *s = AgrString(other, (uint32_t) i, &len);

		r = intern(t, s, len, &map[i]);
	}
	for (i = 0; i < other->npair_slots && r == AGR_OK; i++)
	{
		if (other->pair_count[i] != 0)
			add_pair(t, map[other->pair_key[i] >> 32], map[other->pair_key[i] & 0xffffffff],
					 other->pair_count[i]);
		if ((i & 4095) == 4095)
			CoreCheckInterrupts();
	}
	t->mem.free(t->mem.arg, map);
	return r;
}

size_t
AgrSerialSize(const AgrTable *t)
{
	return AGR_HEADER + (size_t) t->nstr * 4 + t->nbytes + t->npairs * 16;
}

void
AgrSerialize(const AgrTable *t, unsigned char *out)
{
	uint32_t	head[4] = {AGR_MAGIC, AGR_VERSION, t->nstr, 0};
	int64_t		npairs = (int64_t) t->npairs;
	unsigned char *p = out + AGR_HEADER;
	size_t		i;

	memcpy(out, head, 16);
	memcpy(out + 16, &npairs, 8);
	for (i = 0; i < t->nstr; i++)
	{
		size_t		len;
		const char *s = AgrString(t, (uint32_t) i, &len);
		uint32_t	l = (uint32_t) len;

		memcpy(p, &l, 4);
		memcpy(p + 4, s, len);
		p += 4 + len;
	}
	for (i = 0; i < t->npair_slots; i++)
		if (t->pair_count[i] != 0)
		{
			memcpy(p, &t->pair_key[i], 8);
			memcpy(p + 8, &t->pair_count[i], 8);
			p += 16;
		}
}

/* Rebuild a table (initialised, empty); NULL when valid, else what is wrong */
const char *
AgrDeserialize(AgrTable *t, const unsigned char *in, size_t len)
{
	uint32_t	head[4];
	int64_t		npairs,
				i;
	const unsigned char *p = in + AGR_HEADER,
			   *end = in + len;

	if (len < AGR_HEADER)
		return "The state is too short.";
	memcpy(head, in, 16);
	memcpy(&npairs, in + 16, 8);
	if (head[0] != AGR_MAGIC || head[1] != AGR_VERSION || head[3] != 0)
		return "The state has the wrong format tag.";
	if (head[2] > AGR_MAX_STRINGS || npairs < 0 || (uint64_t) npairs > len / 16)
		return "The state's counts of strings or pairs are out of range.";
	for (i = 0; i < head[2]; i++)
	{
		uint32_t	l,
					id;

		if (end - p < 4)
			return "The state is truncated.";
		memcpy(&l, p, 4);
		if (l > AGR_MAX_STRING || (size_t) (end - p - 4) < l)
			return "The state is truncated.";
		if (intern(t, (const char *) p + 4, l, &id) != AGR_OK || id != (uint32_t) i)
			return "The state repeats a string.";
		p += 4 + l;
	}
	if ((size_t) (end - p) != (size_t) npairs * 16)
		return "The state length does not match its number of pairs.";
	for (i = 0; i < npairs; i++, p += 16)
	{
		uint64_t	key;
		int64_t		count;
		size_t		slot;

		memcpy(&key, p, 8);
		memcpy(&count, p + 8, 8);
		if ((key >> 32) >= head[2] || (key & 0xffffffff) >= head[2])
			return "A pair names a string the state does not have.";
		if (count <= 0 || (double) t->total + (double) count > KPI_MAX_COUNT)
			return "Pair counts must be positive and add up to at most 2^53 - 1.";
		if (t->npair_slots > 0)
		{
			slot = find_pair_slot(t->pair_key, t->pair_count, t->npair_slots, key);
			if (t->pair_count[slot] != 0)
				return "The state repeats a pair.";
		}
		add_pair(t, (uint32_t) (key >> 32), (uint32_t) (key & 0xffffffff), count);
	}
	return NULL;
}

static const AgrTable *sort_table;

static int
cmp_ids(uint32_t x, uint32_t y)
{
	size_t		lx,
				ly;
	const char *sx = AgrString(sort_table, x, &lx);
	const char *sy = AgrString(sort_table, y, &ly);
	int			c = memcmp(sx, sy, lx < ly ? lx : ly);

	return c != 0 ? c : (lx > ly) - (lx < ly);
}

static int
cmp_id(const void *x, const void *y)
{
	return cmp_ids(*(const uint32_t *) x, *(const uint32_t *) y);
}

static int
cmp_label(const void *x, const void *y)
{
	return cmp_ids(((const AgrClass *) x)->label, ((const AgrClass *) y)->label);
}

/*
 * The string ids in byte order of their strings.  Every sum below runs in
 * this order (or in pair order by it), never in hash order, so a state's
 * result does not depend on how its strings were numbered: serial, parallel
 * and merged states give the same bits.
 */
static uint32_t *
sorted_ids(const AgrTable *t)
{
	uint32_t   *ids = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(uint32_t));
	uint32_t	i;

	for (i = 0; i < t->nstr; i++)
		ids[i] = i;
	sort_table = t;
	qsort(ids, t->nstr, sizeof(uint32_t), cmp_id);
	sort_table = NULL;
	return ids;
}

typedef struct AgrPair
{
	uint32_t	a;				/* string ids */
	uint32_t	b;
	uint32_t	ra;				/* their ranks in byte order */
	uint32_t	rb;
	double		count;
} AgrPair;

static int
cmp_pair(const void *x, const void *y)
{
	const AgrPair *p = x,
			   *q = y;

	if (p->ra != q->ra)
		return p->ra < q->ra ? -1 : 1;
	return (p->rb > q->rb) - (p->rb < q->rb);
}

/* the pairs sorted by the byte order of (a, b) */
static AgrPair *
sorted_pairs(const AgrTable *t, const uint32_t *ids)
{
	uint32_t   *rank = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(uint32_t));
	AgrPair    *pairs = t->mem.alloc(t->mem.arg, (t->npairs + 1) * sizeof(AgrPair));
	size_t		i,
				k = 0;

	for (i = 0; i < t->nstr; i++)
		rank[ids[i]] = (uint32_t) i;
	for (i = 0; i < t->npair_slots; i++)
		if (t->pair_count[i] != 0)
		{
			AgrPair    *p = &pairs[k++];

			p->a = (uint32_t) (t->pair_key[i] >> 32);
			p->b = (uint32_t) (t->pair_key[i] & 0xffffffff);
			p->ra = rank[p->a];
			p->rb = rank[p->b];
			p->count = (double) t->pair_count[i];
		}
	qsort(pairs, k, sizeof(AgrPair), cmp_pair);
	t->mem.free(t->mem.arg, rank);
	return pairs;
}

/* per string id: how often it is the first and the second of a pair (exact: whole numbers) */
static void
marginals(const AgrTable *t, double **first, double **second)
{
	size_t		i;

	*first = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(double));
	*second = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(double));
	for (i = 0; i < t->npair_slots; i++)
		if (t->pair_count[i] != 0)
		{
			(*first)[t->pair_key[i] >> 32] += (double) t->pair_count[i];
			(*second)[t->pair_key[i] & 0xffffffff] += (double) t->pair_count[i];
		}
}

void
AgrCohenKappa(const AgrTable *t, AgrKappa *r)
{
	double	   *row,
			   *col,
				n = (double) t->total,
				po = 0,
				pe = 0,
				k,
				ta = 0,
				tb = 0,
				v0 = 0,
				var;
	uint32_t   *ids;
	AgrPair    *pairs;
	size_t		i;

	r->n = n;
	r->categories = t->nstr;
	r->observed = r->expected = r->kappa = r->std_error = NAN;
	r->ci_low = r->ci_high = r->z = r->p_value = NAN;
	if (n == 0)
		return;
	marginals(t, &row, &col);
	ids = sorted_ids(t);
	pairs = sorted_pairs(t, ids);
	for (i = 0; i < t->nstr; i++)
	{
		uint32_t	c = ids[i];

		row[c] /= n;
		col[c] /= n;
		pe += row[c] * col[c];
		v0 += row[c] * col[c] * (row[c] + col[c]);
	}
	for (i = 0; i < t->npairs; i++)
		if (pairs[i].a == pairs[i].b)
			po += pairs[i].count / n;
	r->observed = po;
	r->expected = pe;
	if (!(pe < 1))
		goto done;				/* both raters always give the same single label */
	k = (po - pe) / (1 - pe);
	r->kappa = k;
	for (i = 0; i < t->npairs; i++)
	{
		uint32_t	a = pairs[i].a,
					b = pairs[i].b;
		double		p = pairs[i].count / n;

		if (a == b)
		{
			double		d = 1 - (row[a] + col[a]) * (1 - k);

			ta += p * d * d;
		}
		else
			tb += p * (col[a] + row[b]) * (col[a] + row[b]);
		if ((i & 4095) == 4095)
			CoreCheckInterrupts();
	}
	var = (ta + (1 - k) * (1 - k) * tb - (k - pe * (1 - k)) * (k - pe * (1 - k))) /
		((1 - pe) * (1 - pe) * n);
	v0 = (pe + pe * pe - v0) / ((1 - pe) * (1 - pe) * n);
	if (var >= 0)
	{
		r->std_error = sqrt(var);
		r->ci_low = k - KPI_Z95 * r->std_error;
		r->ci_high = k + KPI_Z95 * r->std_error;
	}
	if (v0 > 0)
	{
		r->z = k / sqrt(v0);
		r->p_value = KpiNormalTwoSidedP(r->z);
	}
done:
	t->mem.free(t->mem.arg, row);
	t->mem.free(t->mem.arg, col);
	t->mem.free(t->mem.arg, ids);
	t->mem.free(t->mem.arg, pairs);
}

void
AgrConfusionMatrix(const AgrTable *t, AgrConfusion *r)
{
	double	   *pred,
			   *actual,
			   *tp,
				n = (double) t->total,
				correct = 0;
	size_t		i,
				k = 0;

	memset(r, 0, sizeof(*r));
	r->n = n;
	r->accuracy = r->macro_precision = r->macro_recall = r->macro_f1 = r->weighted_f1 = NAN;
	r->cls = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(AgrClass));
	if (n == 0)
		return;
	marginals(t, &pred, &actual);
	tp = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(double));
	for (i = 0; i < t->npair_slots; i++)
		if (t->pair_count[i] != 0 && (t->pair_key[i] >> 32) == (t->pair_key[i] & 0xffffffff))
			tp[t->pair_key[i] >> 32] += (double) t->pair_count[i];
	for (i = 0; i < t->nstr; i++)
	{
		AgrClass   *c = &r->cls[k++];

		c->label = (uint32_t) i;
		c->support = actual[i];
		c->predicted = pred[i];
		c->true_positives = tp[i];
		c->precision = pred[i] > 0 ? tp[i] / pred[i] : 0;
		c->recall = actual[i] > 0 ? tp[i] / actual[i] : 0;
		c->f1 = c->precision + c->recall > 0 ?
			2 * c->precision * c->recall / (c->precision + c->recall) : 0;
		correct += tp[i];
	}
	sort_table = t;
	qsort(r->cls, k, sizeof(AgrClass), cmp_label);
	sort_table = NULL;
	r->classes = (double) k;
	r->accuracy = correct / n;
	r->macro_precision = r->macro_recall = r->macro_f1 = r->weighted_f1 = 0;
	for (i = 0; i < k; i++)
	{
		r->macro_precision += r->cls[i].precision;
		r->macro_recall += r->cls[i].recall;
		r->macro_f1 += r->cls[i].f1;
		r->weighted_f1 += r->cls[i].f1 * r->cls[i].support;
	}
	r->macro_precision /= (double) k;
	r->macro_recall /= (double) k;
	r->macro_f1 /= (double) k;
	r->weighted_f1 /= n;
	t->mem.free(t->mem.arg, pred);
	t->mem.free(t->mem.arg, actual);
	t->mem.free(t->mem.arg, tp);
}

/*
 * Per item (first string of the pair) the number of ratings m and the sum of
 * squared category counts; per label (second string) its ratings, counting
 * only items with at least min_m ratings.
 */
static void
panel_sums(const AgrTable *t, double **m, double **sq, double **lab, double min_m)
{
	size_t		i;

	*m = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(double));
	*sq = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(double));
	*lab = t->mem.alloc(t->mem.arg, ((size_t) t->nstr + 1) * sizeof(double));
	for (i = 0; i < t->npair_slots; i++)
		if (t->pair_count[i] != 0)
		{
			double		c = (double) t->pair_count[i];

			(*m)[t->pair_key[i] >> 32] += c;
			(*sq)[t->pair_key[i] >> 32] += c * c;
		}
	for (i = 0; i < t->npair_slots; i++)
		if (t->pair_count[i] != 0 && (*m)[t->pair_key[i] >> 32] >= min_m)
			(*lab)[t->pair_key[i] & 0xffffffff] += (double) t->pair_count[i];
}

static void
panel_free(const AgrTable *t, double *m, double *sq, double *lab)
{
	t->mem.free(t->mem.arg, m);
	t->mem.free(t->mem.arg, sq);
	t->mem.free(t->mem.arg, lab);
}

bool
AgrFleissKappa(const AgrTable *t, AgrPanel *r)
{
	double	   *m,
			   *sq,
			   *lab,
				mm = -1,
				items = 0,
				sum_p = 0,
				pe = 0,
				ratings = 0;
	uint32_t   *ids;
	size_t		i;
	bool		ok = true;

	r->items = r->ratings = r->categories = 0;
	r->raters_per_item = r->observed = r->expected = r->value = NAN;
	panel_sums(t, &m, &sq, &lab, 0);
	ids = sorted_ids(t);
	for (i = 0; i < t->nstr; i++)
		if (m[i] > 0)
		{
			if (mm >= 0 && m[i] != mm)
				ok = false;
			mm = m[i];
			items++;
			ratings += m[i];
		}
	if (ok && items > 0 && mm >= 2)
	{
		for (i = 0; i < t->nstr; i++)
		{
			uint32_t	c = ids[i];

			if (m[c] > 0)
				sum_p += (sq[c] - mm) / (mm * (mm - 1));
			if (lab[c] > 0)
			{
				double		p = lab[c] / (items * mm);

				pe += p * p;
				r->categories++;
			}
		}
		r->items = items;
		r->ratings = ratings;
		r->raters_per_item = mm;
		r->observed = sum_p / items;
		r->expected = pe;
		if (pe < 1)
			r->value = (r->observed - pe) / (1 - pe);
	}
	else if (ok)
	{
		r->items = items;
		r->ratings = ratings;
		r->raters_per_item = mm;
	}
	panel_free(t, m, sq, lab);
	t->mem.free(t->mem.arg, ids);
	return ok;
}

void
AgrKrippendorffAlpha(const AgrTable *t, AgrPanel *r)
{
	double	   *m,
			   *sq,
			   *lab,
				n = 0,
				items = 0,
				dobs = 0,
				sumsq = 0,
				mm = -1;
	uint32_t   *ids;
	size_t		i;
	bool		same = true;

	r->items = r->ratings = r->categories = 0;
	r->raters_per_item = r->observed = r->expected = r->value = NAN;
	panel_sums(t, &m, &sq, &lab, 2);
	ids = sorted_ids(t);
	for (i = 0; i < t->nstr; i++)
	{
		uint32_t	c = ids[i];

		if (m[c] >= 2)
		{
			n += m[c];
			items++;
			dobs += (m[c] * m[c] - sq[c]) / (m[c] - 1);
			if (mm >= 0 && m[c] != mm)
				same = false;
			mm = m[c];
		}
		if (lab[c] > 0)
		{
			sumsq += lab[c] * lab[c];
			r->categories++;
		}
	}
	r->items = items;
	r->ratings = n;
	if (items > 0 && same)
		r->raters_per_item = mm;
	if (n >= 2)
	{
		double		d_o = dobs / n,
					d_e = (n * n - sumsq) / (n * (n - 1));

		r->observed = 1 - d_o;
		r->expected = 1 - d_e;
		if (d_e > 0)
			r->value = 1 - d_o / d_e;
	}
	panel_free(t, m, sq, lab);
	t->mem.free(t->mem.arg, ids);
}
