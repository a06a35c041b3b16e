#!/usr/bin/env python3
"""Train the learned English scorer ('en') and generate src/model/en_model_data.c.

    python3 tools/train_en.py SHARED_DIR OUT_C     cross-validate, train on everything, write OUT_C
    python3 tools/train_en.py SHARED_DIR --cv       the 5-fold cross-validation alone
    python3 tools/train_en.py SHARED_DIR --exp      an experiment: fold 0 only, plus the figures on
                                                    the development splits (TRAIN_EN_PARAMS='{...}'
                                                    changes settings; TRAIN_EN_CACHE=FILE keeps the
                                                    features between runs)

SHARED_DIR is ../shared (data/train/goemotions, data/train/umsab, data/vader).  Python 3
standard library and numpy only.  Deterministic: the inputs are read in file order, folds and
calibration parts are fixed by item number, and training is full-batch (no random sampling), so
the same inputs give byte-identical weights.

Features come from the C core itself (test/core/featurize.c linked with src/): the script never
re-implements the tokenizer, so training and scoring see exactly the same features.  Training may
scale them per kind (s_word, s_neg, s_pair, s_but: stored in the model's scale[]; a kind of scale 0
is left out) and per hashed bucket (nb: NBSVM-style log-count ratios, folded into the stored
weights), and give every hashed feature of a text of n words the value (10 / n) ** lennorm (the
model's length_power, which src/model/learned.c applies).

Training data:
  goemotions/group/train.tsv   Reddit comments, Apache-2.0; single-label items, the group
                               label mapped to negative / neutral / positive ("ambiguous"
                               dropped), and the items of two groups one of which is
                               "ambiguous" or "neutral", labelled with the other group
                               (w_ge_amb, w_ge_neu; other multi-group items dropped)
  umsab/english/train_*.txt    SemEval-2017 tweets (cardiffnlp/xlm-t, Apache-2.0 repository,
                               research terms of SemEval)
  vader/*_GroundTruth.txt      the four VADER corpora (MIT), human mean ratings cut at +-0.5 into
                               three classes; reported only by 5-fold cross-validation
  test/data/feedback_labelled.tsv  2,063 customer-feedback texts written for pg_empathy,
                               reported only by 5-fold cross-validation
Never read: test/data/feedback_heldout.tsv (held out; test 300 reports it).
Never trained on: goemotions/group/dev.tsv and umsab/english/val_*.txt (development splits:
--exp prints them; the settings were chosen on them, so they are dev figures, not held-out ones).
"""
import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from en_data import (VADER_CORPORA, escape, read_goemotions, read_own, read_umsab,  # noqa: E402
                     read_vader)

FEATURE_BITS = 18   # the featurizer's indexes (the compiled model's hash_bits when it ran)
NKINDS = 7          # LF_WORD, LF_NEGWORD, LF_BIGRAM, LF_CHAR, LF_DENSE, LF_BIAS, LF_AFTERBUT
NEW_KINDS = {6: "s_but"}   # since branch acc5 (0: not in the model)   # since branch acc5 (0: not in the model)
NDENSE = 10
OLD_OWN = 1199      # feedback texts of the learned3 model (reported apart when there are more)
ACC5_OWN = 1877     # feedback texts of the acc5 model (reported apart when there are more)

# chosen by the experiments written down in data/model/en/PROVENANCE.md (--exp: one fold of the
# feedback set and the VADER corpora, and the development splits GoEmotions dev and UMSAB val)
PARAMS = {"l2": 1e-4, "char_scale": 0.0, "w_umsab": 4.0, "w_own": 80.0, "w_vader": 0.5,
          "class_balance": 1.0, "iters": 200, "lr": 0.05, "hash_bits": 18,
          "w_ge_amb": 1.0, "w_ge_neu": 1.0, "s_word": 1.0, "s_neg": 1.0, "s_pair": 1.0, "nb": 0.5,
          "s_but": 1.0, "lennorm": 0.25,
          "topic_l2": 1.0, "topic_scale": 1.0, "topic_pairs": 1.0, "topic_words": 1.0,
          "func_l2": 1.0}
NEW_PARAMS = tuple(NEW_KINDS.values()) + ("lennorm",)   # left out of the C file when 0
# training-only settings (since branch acc6; they change the weights, not the C model format):
# left out of the C file's hyperparameter comment when at their default (1: off)
TOPIC_PARAMS = ("topic_l2", "topic_scale", "topic_pairs", "topic_words", "func_l2")
# experiments: TRAIN_EN_PARAMS='{"char_scale": 0.3}' overrides some (the shipped weights use none)
PARAMS.update(json.loads(os.environ.get("TRAIN_EN_PARAMS", "{}")))


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


def load(shared, dev=False):
    """The training sets (the VADER corpora only when PARAMS["w_vader"] > 0: their figures are
    then reported by cross-validation only); with dev, also the development splits."""
    train = os.path.join(shared, "data", "train")
    data = {
        "goemotions": read_goemotions(os.path.join(train, "goemotions", "group", "train.tsv")),
        "umsab": read_umsab(os.path.join(train, "umsab", "english"), "train"),
        "own": read_own(os.path.join(ROOT, "test", "data", "feedback_labelled.tsv")),
    }
    groups = os.path.join(train, "goemotions", "group", "train.tsv")
    if PARAMS["w_ge_amb"] > 0 or dev:
        data["ge_amb"] = read_goemotions(groups, mixed="ambiguous")
    if PARAMS["w_ge_neu"] > 0 or dev:
        data["ge_neu"] = read_goemotions(groups, mixed="neutral")
    if PARAMS["w_vader"] > 0 or dev:
        data["vader"] = read_vader(os.path.join(shared, "data", "vader"))
    if dev:
        data["ge_dev"] = read_goemotions(os.path.join(train, "goemotions", "group", "dev.tsv"))
        data["um_val"] = read_umsab(os.path.join(train, "umsab", "english"), "val")
        # a development probe of topic words against the sentiment (branch acc6): printed, never
        # trained on
        data["probe"] = read_own(os.path.join(ROOT, "test", "data", "feedback_probe_topics.tsv"))
    return data


# ---------------------------------------------------------------------------
# features, from the C core
# ---------------------------------------------------------------------------

MARK_TOPIC = 1      # featurize --marks bits
MARK_FUNCTION = 2
# function words: the bigram partners that carry no sentiment of their own ("the support",
# "support was"; func_l2)
FUNCTION_WORDS = ("a an the this that these those my your our their his her its i you we they "
                  "he she it me us them is was are were be been being am has have had do does "
                  "did to of for on in at with from by about as and or so if then there here "
                  "will would can could should just very").split()


# 'cx' terms that judge (price words the rule lexicon lacks): never topic terms
EVALUATIVE_TERMS = ("cheap", "cheaper", "expensive", "overcharged", "overpriced", "pricey",
                    "pricier")


def topic_terms():
    """The English one-word terms of the built-in 'cx' aspect set, read from its install part
    (install/pg_empathy/32_aspects_cx.sql: "('en', 'aspect', 'term')" rows)."""
    path = os.path.join(ROOT, "install", "pg_empathy", "32_aspects_cx.sql")
    terms = set(re.findall(r"\('en', '[^']*', '([^' ]+)'\)", open(path, encoding="utf-8").read()))
    if not terms:
        raise SystemExit("train_en: no English 'cx' aspect terms in " + path)
    return sorted(terms)


def neutral_topic_terms(exe):
    """The topic terms without a sentiment of their own: those the rule scorer (the dense
    compound of the featurizer) gives 0 alone ("product", "support"; not "overpriced",
    "delayed", "cheap")."""
    terms = topic_terms()
    out = subprocess.run([exe], input="".join(escape(t) + "\n" for t in terms).encode("utf-8"),
                         check=True, capture_output=True).stdout.decode("utf-8").split("\n")
    keep = []
    for term, line in zip(terms, out):
        compound = [float(item.split(":")[2]) for item in line.split(" ")
                    if item.startswith("4:0:")]
        if not compound or compound[0] == 0:
            keep.append(term)
    return keep


def write_marks(path, exe):
    bits = {w: MARK_FUNCTION for w in FUNCTION_WORDS}
    for w in neutral_topic_terms(exe):
        if w in EVALUATIVE_TERMS:
            continue
        bits[w.lower()] = bits.get(w.lower(), 0) | MARK_TOPIC
    with open(path, "w", encoding="utf-8") as fh:
        for w in sorted(bits):
            fh.write("%s\t%d\n" % (w, bits[w]))


def build_featurizer(workdir):
    srcs = subprocess.run(["bash", os.path.join(ROOT, "tools", "core-sources.sh")],
                          check=True, capture_output=True, text=True).stdout.split()
    cflags = subprocess.run(["bash", os.path.join(ROOT, "tools", "core-sources.sh"), "cflags"],
                            check=True, capture_output=True, text=True).stdout.split()
    libs = subprocess.run(["pkg-config", "--cflags", "--libs", "libutf8proc"],
                          check=True, capture_output=True, text=True).stdout.split()
    exe = os.path.join(workdir, "featurize")
    subprocess.run(["gcc", "-O2", "-ffp-contract=off"] + cflags +
                   [os.path.join(ROOT, "test", "core", "featurize.c"),
                    os.path.join(ROOT, "test", "core", "core_env_libc.c")] + srcs + libs +
                   ["-lm", "-o", exe], check=True)
    return exe


class Features:
    """Sparse rows: (row, weight index, kind, value, marks) arrays plus a dense block; marks
    are the bits of the feature's words (MARK_TOPIC, MARK_FUNCTION; featurize --marks with a
    marks_file, else 0)."""

    def __init__(self, exe, texts, marks_file=None):
        data = "".join(escape(t) + "\n" for t in texts).encode("utf-8")
        out = subprocess.run([exe] + (["--marks", marks_file] if marks_file else []), input=data,
                             check=True, capture_output=True).stdout
        rows, idx, kinds, vals, bits = [], [], [], [], []
        dense = np.zeros((len(texts), NDENSE))
        lines = out.decode("utf-8").split("\n")[:len(texts)]
        for r, line in enumerate(lines):
            for item in line.split(" "):
                parts = item.split(":")
                k, i, v = int(parts[0]), int(parts[1]), float(parts[2])
                if k == 4:
                    dense[r, i] = v
                elif k != 5:
                    rows.append(r)
                    idx.append(i)
                    kinds.append(k)
                    vals.append(v)
                    bits.append(int(parts[3]) if len(parts) > 3 else 0)
        self.n = len(texts)
        self.rows = np.array(rows, dtype=np.int64)
        self.idx = np.array(idx, dtype=np.int64)
        self.kinds = np.array(kinds, dtype=np.int64)
        self.vals = np.array(vals)
        self.marks = np.array(bits, dtype=np.int64)
        self.dense = dense

    def subset(self, sel):
        """The rows in the sorted index array sel, renumbered."""
        f = Features.__new__(Features)
        keep = np.zeros(self.n, dtype=bool)
        keep[sel] = True
        newnum = np.cumsum(keep) - 1
        m = keep[self.rows]
        f.n = len(sel)
        f.rows = newnum[self.rows[m]]
        f.idx, f.kinds, f.vals, f.marks = self.idx[m], self.kinds[m], self.vals[m], self.marks[m]
        f.dense = self.dense[sel]
        return f


# ---------------------------------------------------------------------------
# multinomial logistic regression, full batch Adam
# ---------------------------------------------------------------------------

def kind_scale(params):
    scale = np.ones(NKINDS)
    scale[:4] = params["s_word"], params["s_neg"], params["s_pair"], params["char_scale"]
    for k, name in NEW_KINDS.items():
        scale[k] = params[name]
    return scale


def length_factor(f, power):
    """Per row: (10 / words) ** power, the value of each hashed feature (length_factor() in
    src/model/learned.c; words = the number of tokens, from the dense log(1 + words))."""
    if power == 0:
        return np.ones(f.n)
    words = np.maximum(np.rint(np.expm1(f.dense[:, 6])), 1.0)
    return (10.0 / words) ** power


def new_kinds_used(params):
    return any(params[name] != 0 for name in NEW_KINDS.values())


def bucket(f, params):
    """Weight indexes for a table of 1 << hash_bits: LearnedHashIndex keeps the top bits of the
    hash, so a smaller table's index is the featurizer's index shifted right."""
    return f.idx >> (FEATURE_BITS - params["hash_bits"])


def logits(P, f, xs, idx):
    """(n, 3) logits: negative, neutral, positive."""
    W, D, b = P
    z = b + f.dense @ D
    for k in range(3):
        z[:, k] += np.bincount(f.rows, weights=xs * W[idx, k], minlength=f.n)
    return z


def without_chars(f, params):
    """The same rows without the features of the kinds of scale 0 (character trigrams when
    char_scale is 0): they would get no weight, so leaving them out only saves time."""
    g = Features.__new__(Features)
    keep = kind_scale(params)[f.kinds] != 0
    g.n, g.dense = f.n, f.dense
    g.rows, g.idx, g.kinds, g.vals = f.rows[keep], f.idx[keep], f.kinds[keep], f.vals[keep]
    g.marks = f.marks[keep]
    return g


def nb_scale(idx, y_of_feature, size, power):
    """Per-bucket scale of the feature values (NBSVM, Wang & Manning 2012, for three classes):
    from the number of training occurrences n_k of the bucket in each class, r_k = log of the
    bucket's smoothed share (n_k + 1) / sum_j (n_j + 1) over the class's share of all
    occurrences; the scale is (max_k |r_k| / its mean over used buckets) ** power (1 for
    power 0: no scaling).  Computed on the training rows only; folded into the weights."""
    if power == 0:
        return np.ones(size)
    n = np.stack([np.bincount(idx[y_of_feature == k], minlength=size) for k in range(3)],
                 axis=1).astype(np.float64)
    prior = n.sum(axis=0) / n.sum()
    r = np.abs(np.log((n + 1) / (n + 1).sum(axis=1, keepdims=True) / prior)).max(axis=1)
    used = n.sum(axis=1) > 0
    return np.where(used, r / r[used].mean(), 1.0) ** power


def topic_prior(f, idx, size, params):
    """Per bucket: the L2 multiplier and the fixed value scale (folded into the weights like
    the NB scale) of the topic prior (branch acc6).  A bucket is a topic bucket when at least
    half of its training occurrences are features of a customer-feedback topic term (the
    English one-word terms of the built-in 'cx' aspect set): the word, negated word or after-
    "but" word itself (topic_words 1), and (topic_pairs 1) a word pair with such a term in it; a function-word
    bucket when at least half are word pairs with a function word ("the support", "was
    useless") and it is not a topic bucket.  Their weights must be earned: topic_l2 / func_l2
    times the L2, topic_scale times the value.  All 1: no prior."""
    l2 = np.ones(size)
    scale = np.ones(size)
    if all(params[k] == 1 for k in TOPIC_PARAMS):
        return {"l2": l2, "scale": scale}
    occ = np.bincount(idx, minlength=size)
    is_pair = f.kinds == 2
    topic = (f.marks & MARK_TOPIC) != 0
    if params["topic_pairs"] == 0:
        topic &= ~is_pair
    if params["topic_words"] == 0:
        topic &= is_pair
    func = is_pair & ((f.marks & MARK_FUNCTION) != 0) & ~topic
    t_b = (2 * np.bincount(idx[topic], minlength=size) >= occ) & (occ > 0)
    f_b = (2 * np.bincount(idx[func], minlength=size) >= occ) & (occ > 0) & ~t_b
    l2[t_b] = params["topic_l2"]
    l2[f_b] = params["func_l2"]
    scale[t_b] = params["topic_scale"]
    return {"l2": l2, "scale": scale}


def train(f, y, sw, params):
    f = without_chars(f, params)
    size = 1 << params["hash_bits"]
    idx = bucket(f, params)
    xs = f.vals * kind_scale(params)[f.kinds] * length_factor(f, params["lennorm"])[f.rows]
    nb = nb_scale(idx, y[f.rows], size, params["nb"])
    prior = topic_prior(f, idx, size, params)
    nb = nb * prior["scale"]
    xs = xs * nb[idx]
    l2 = params["l2"] * prior["l2"][:, None]
    P = [np.zeros((size, 3)), np.zeros((NDENSE, 3)), np.zeros(3)]
    m = [np.zeros_like(p) for p in P]
    v = [np.zeros_like(p) for p in P]
    sw = sw / sw.sum()
    Y = np.eye(3)[y]
    lr, b1, b2, eps = params["lr"], 0.9, 0.999, 1e-8
    for it in range(1, params["iters"] + 1):
        z = logits(P, f, xs, idx)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        G = (e / e.sum(axis=1, keepdims=True) - Y) * sw[:, None]
        gW = np.stack([np.bincount(idx, weights=G[f.rows, k] * xs, minlength=size)
                       for k in range(3)], axis=1) + l2 * P[0]
        grads = [gW, f.dense.T @ G, G.sum(axis=0)]
        for k in range(3):
            m[k] = b1 * m[k] + (1 - b1) * grads[k]
            v[k] = b2 * v[k] + (1 - b2) * grads[k] ** 2
            # a weight no training text has keeps a zero gradient and stays exactly 0
            P[k] = P[k] - lr * (m[k] / (1 - b1 ** it)) / (np.sqrt(v[k] / (1 - b2 ** it)) + eps)
    W, D, b = P
    W = W * nb[:, None]     # the NB scale folded into the weights
    # relative to neutral: (positive, negative) per feature
    return {"w": np.stack([W[:, 2] - W[:, 1], W[:, 0] - W[:, 1]], axis=1).astype(np.float32),
            "dense": np.stack([D[:, 2] - D[:, 1], D[:, 0] - D[:, 1]], axis=1),
            "bias": np.array([b[2] - b[1], b[0] - b[1]]), "bits": params["hash_bits"],
            "lennorm": params["lennorm"]}


def model_logits(model, f, scale):
    """(n, 3) logits (negative, neutral = 0, positive), as the C scorer computes them."""
    xs = f.vals * scale[f.kinds] * length_factor(f, model["lennorm"])[f.rows]
    idx = f.idx >> (FEATURE_BITS - model["bits"])
    w = model["w"].astype(np.float64)
    z = np.zeros((f.n, 3))
    z[:, 2] = model["bias"][0] + f.dense @ model["dense"][:, 0] + \
        np.bincount(f.rows, weights=xs * w[idx, 0], minlength=f.n)
    z[:, 0] = model["bias"][1] + f.dense @ model["dense"][:, 1] + \
        np.bincount(f.rows, weights=xs * w[idx, 1], minlength=f.n)
    return z


def predict(model, f, scale):
    """Most probable class (0 negative, 1 neutral, 2 positive), as the C scorer decides."""
    return model_logits(model, f, scale).argmax(axis=1)


def nll(z, y, t):
    z = z / t
    z = z - z.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y]))


def fit_temperature(parts):
    """The temperature t (logits / t) with the least mean negative log-likelihood, each part
    (logits, labels) weighing the same; a grid, so the result is exact and deterministic."""
    grid = [round(0.5 + 0.05 * i, 2) for i in range(71)]     # 0.5 .. 4.0
    return min(grid, key=lambda t: sum(nll(z, y, t) for z, y in parts))


def confidence_report(name, z, y, t, out):
    for label, tt in (("raw", 1.0), ("t=%g" % t, t)):
        e = np.exp((z - z.max(axis=1, keepdims=True)) / tt)
        p = e / e.sum(axis=1, keepdims=True)
        print("  %-22s %-7s mean confidence %.3f, right %.3f, NLL %.4f" %
              (name, label, p.max(axis=1).mean(), np.mean(p.argmax(axis=1) == y), nll(z, y, tt)),
              file=out)


def macro_f1(y, p):
    f1s = []
    for k in range(3):
        tp = np.sum((p == k) & (y == k))
        den = np.sum(p == k) + np.sum(y == k)
        f1s.append(2.0 * tp / den if den else 0.0)
    return float(np.mean(f1s))


# ---------------------------------------------------------------------------
# assembling the training set
# ---------------------------------------------------------------------------

SETS = ("goemotions", "umsab", "own", "vader", "ge_dev", "um_val", "ge_amb", "ge_neu", "probe")


def assemble(data, exe):
    """Features of every text; y the class; src the set; corpus and rating for the VADER items
    (src "vader"; corpus "" and rating 0 elsewhere)."""
    texts, y, src, corpus, rating = [], [], [], [], []
    for name in SETS:
        for item in data.get(name, ()):
            if name == "vader":
                c, t, r, l = item
            else:
                (t, l), c, r = item, "", 0.0
            texts.append(t)
            y.append(l)
            src.append(name)
            corpus.append(c)
            rating.append(r)
    with tempfile.TemporaryDirectory() as tmp:
        marks = os.path.join(tmp, "marks.tsv")
        write_marks(marks, exe)
        f = Features(exe, texts, marks)
    return f, np.array(y), np.array(src), np.array(corpus), np.array(rating)


def weights_for(src, y, params):
    """Per-item weights: each set's weight, times (with class_balance b > 0) the class's
    (share within its set * 3) ** -b, so that b = 1 gives each class of a set the same total."""
    sw = np.ones(len(src))
    sw[src == "umsab"] = params["w_umsab"]
    sw[src == "own"] = params["w_own"]
    sw[src == "vader"] = params["w_vader"]
    sw[src == "ge_amb"] = params["w_ge_amb"]
    sw[src == "ge_neu"] = params["w_ge_neu"]
    b = params["class_balance"]
    if b > 0:
        for name in np.unique(src):
            sel = src == name
            counts = np.bincount(y[sel], minlength=3)
            share = counts / counts.sum()
            sw[sel] *= (np.maximum(share[y[sel]], 1e-9) * 3.0) ** -b
    return sw


def trainable(src, params):
    """Rows that may be trained on: never the development splits; the VADER corpora only when
    they have a weight."""
    ok = (src == "goemotions") | (src == "umsab") | (src == "own")
    for name in ("vader", "ge_amb", "ge_neu"):
        if params["w_" + name] > 0:
            ok |= src == name
    return ok


def compound(z):
    """The C scorer's compound (LearnedCompound) from (n, 3) logits."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    d = p[:, 2] - p[:, 0]
    neutral = (p[:, 1] >= p[:, 2]) & (p[:, 1] >= p[:, 0])
    return np.where(neutral, 0.05 * d, np.sign(d) * (0.05 + 0.95 * np.abs(d)))


def fold_of(n, k=5):
    """Item i of the feedback set is in fold (i * 7) mod k: fixed, interleaves categories."""
    return (np.arange(n) * 7) % k


def calibration_parts(src):
    """Every 10th GoEmotions train item and every 5th UMSAB train item: held out of every
    cross-validation fold, to choose the temperature on texts the fold models never saw."""
    return np.where(src == "goemotions")[0][::10], np.where(src == "umsab")[0][::5]


def pearson(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def held_out_parts(src, k):
    """Fold k of the feedback set and (when trained on) of the VADER corpora."""
    own = np.where(src == "own")[0]
    vad = np.where(src == "vader")[0]
    return own[fold_of(len(own)) == k], vad[fold_of(len(vad)) == k]


def cross_validate(f, y, src, corpus, rating, params, out=sys.stdout, folds=range(5)):
    """5-fold cross-validation on the feedback set and, when trained on, the VADER corpora
    (fold k leaves out feedback fold k and VADER fold k; every fold also leaves out the
    calibration parts of the train splits).  Returns the feedback accuracy, the temperature
    fitted on the out-of-fold feedback logits and fold 0's logits on the calibration parts,
    and the out-of-fold Pearson r of the compound per VADER corpus ({} when not trained on)."""
    own = np.where(src == "own")[0]
    vad = np.where(src == "vader")[0] if params["w_vader"] > 0 else np.zeros(0, dtype=np.int64)
    ge_cal, um_cal = calibration_parts(src)
    scale = kind_scale(params)
    z = np.zeros((f.n, 3))
    done = np.zeros(f.n, dtype=bool)
    ok = trainable(src, params)
    for k in folds:
        h_own, h_vad = held_out_parts(src, k)
        if params["w_vader"] <= 0:
            h_vad = h_vad[:0]
        held = np.concatenate([h_own, h_vad])
        tr = np.setdiff1d(np.where(ok)[0], np.concatenate([held, ge_cal, um_cal]))
        model = train(f.subset(tr), y[tr], weights_for(src[tr], y[tr], params), params)
        z[held] = model_logits(model, f.subset(held), scale)
        done[held] = True
        if k == folds[0] and os.environ.get("TRAIN_EN_DUMP"):
            # experiments: the fold model's logits on the held-out rows and the development
            # splits, for trying bias shifts without training again
            rows = np.where(np.isin(src, ["ge_dev", "um_val"] +
                                    (["vader"] if params["w_vader"] <= 0 else [])))[0]
            rows = np.concatenate([held, rows])
            np.savez(os.environ["TRAIN_EN_DUMP"], z=model_logits(model, f.subset(rows), scale),
                     y=y[rows], src=src[rows], corpus=corpus[rows], rating=rating[rows])
        if k == folds[0]:
            z_ge = model_logits(model, f.subset(ge_cal), scale)
            z_um = model_logits(model, f.subset(um_cal), scale)
            dev = {}
            for name in ("ge_dev", "um_val", "probe"):
                rows = np.where(src == name)[0]
                if len(rows):
                    p = predict(model, f.subset(rows), scale)
                    dev[name] = macro_f1(y[rows], p)
                    dev[name + "_acc"] = float(np.mean(p == y[rows]))
            rows = np.where(src == "vader")[0]
            if params["w_vader"] <= 0 and len(rows):
                c = compound(model_logits(model, f.subset(rows), scale))
                print("VADER corpora (not trained on), Pearson r: " + ", ".join(
                    "%s %.4f" % (n, pearson(c[corpus[rows] == n], rating[rows][corpus[rows] == n]))
                    for n in VADER_CORPORA), file=out)
        print("  fold %d done" % k, file=sys.stderr, flush=True)
    own = own[done[own]]
    pred = z[own].argmax(axis=1)
    acc = float(np.mean(pred == y[own]))
    print("own feedback set, %d-fold cross-validation (folds %s): n=%d accuracy=%.4f macro-F1=%.4f"
          % (5, ",".join(map(str, folds)), len(own), acc, macro_f1(y[own], pred)), file=out)
    all_own = np.where(src == "own")[0]
    for n_old, name in ((OLD_OWN, "learned3"), (ACC5_OWN, "acc5")):
        if len(all_own) > n_old:
            old = own[np.isin(own, all_own[:n_old])]
            print("  of them the first %d texts (the set of %s): n=%d accuracy=%.4f macro-F1=%.4f"
                  % (n_old, name, len(old), np.mean(z[old].argmax(axis=1) == y[old]),
                     macro_f1(y[old], z[old].argmax(axis=1))), file=out)
    rs = {}
    vad = vad[done[vad]]
    if len(vad):
        c = compound(z[vad])
        for name in VADER_CORPORA:
            sel = corpus[vad] == name
            rs[name] = pearson(c[sel], rating[vad][sel])
        print("VADER corpora, out-of-fold Pearson r: " +
              ", ".join("%s %.4f" % (n, rs[n]) for n in VADER_CORPORA), file=out)
    if dev:
        print("development splits (fold %d model): GoEmotions dev macro-F1 %.4f, UMSAB val "
              "macro-F1 %.4f" % (folds[0], dev["ge_dev"], dev["um_val"]), file=out)
        if "probe" in dev:
            print("topic probe (test/data/feedback_probe_topics.tsv, development) fold %d model: "
                  "accuracy %.4f macro-F1 %.4f" % (folds[0], dev["probe_acc"], dev["probe"]),
                  file=out)
    parts = [(z[own], y[own]), (z_ge, y[ge_cal]), (z_um, y[um_cal])]
    t = fit_temperature(parts)
    print("temperature %g (least NLL on the out-of-fold feedback logits and the calibration parts)"
          % t, file=out)
    for name, (zz, yy) in zip(("feedback out-of-fold", "GoEmotions train 1/10", "UMSAB train 1/5"),
                              parts):
        confidence_report(name, zz, yy, t, out)
    return acc, t, rs


# ---------------------------------------------------------------------------
# C output
# ---------------------------------------------------------------------------

def c_double(v):
    return repr(float(v))


def vader_note(counts, rs):
    if not rs:
        return ""
    return (", the four VADER corpora (%d human-rated texts, MIT; ratings cut at +-0.5; "
            "5-fold cross-validated Pearson r %s)" %
            (counts["vader"], ", ".join("%s %.3f" % (n, rs[n]) for n in VADER_CORPORA)))


def emit(model, params, counts, cv, temperature, rs, out_path):
    # the temperature is folded into the weights: logits / t
    model = {"w": model["w"].astype(np.float64) / temperature,
             "dense": model["dense"] / temperature, "bias": model["bias"] / temperature}
    w32 = model["w"].astype("<f4")
    digest = hashlib.sha256()
    digest.update(w32.tobytes())
    hashed = [0, 1, 2, 3] + (list(NEW_KINDS) if new_kinds_used(params) else [])
    for v in list(model["dense"].ravel()) + list(model["bias"]) + list(kind_scale(params)[hashed]):
        digest.update(c_double(v).encode())
    if params["lennorm"]:
        digest.update(c_double(params["lennorm"]).encode())
    sha = digest.hexdigest()
    nz = int(np.count_nonzero(np.any(w32 != 0, axis=1)))
    nb = "; NB log-count-ratio scaling folded into the weights" if params["nb"] else ""
    prov = ("multinomial logistic regression, %d hashed features (%d trained%s), trained by "
            "tools/train_en.py on GoEmotions group "
            "train (%d single-label items and %d items of two groups, one of them ambiguous or "
            "neutral, labelled with the other; Apache-2.0), "
            "UMSAB English train (%d SemEval-2017 tweets; xlm-t repository Apache-2.0, SemEval "
            "terms), pg_empathy feedback set (%d texts, 5-fold cross-validated accuracy %.3f)%s; "
            "logits divided by the temperature %g; weights sha256 %s" %
            (1 << params["hash_bits"], nz, nb, counts["goemotions"],
             counts.get("ge_amb", 0) + counts.get("ge_neu", 0), counts["umsab"], counts["own"], cv,
             vader_note(counts, rs), temperature, sha))
    lines = ["/*",
             " * en_model_data.c",
             " *	  GENERATED by tools/train_en.py -- do not edit; see data/model/en/PROVENANCE.md.",
             " *	  Hyperparameters: " + ", ".join("%s=%g" % (k, params[k]) for k in sorted(params)
                                            if (params[k] or k not in NEW_PARAMS) and
                                            (params[k] != 1 or k not in TOPIC_PARAMS)) +
             ", temperature=%g" % temperature,
             " */",
             '#include "learned.h"',
             "",
             "/* per hashed feature: positive, negative logit weight (neutral is 0) */",
             "static const float en_weights[%d] = {" % (2 << params["hash_bits"])]
    flat = w32.ravel()
    for i in range(0, len(flat), 8):
        lines.append("\t" + ", ".join("%.9gf" % x if x != 0 else "0" for x in flat[i:i + 8]) + ",")
    lines.append("};")
    lines.append("")
    lines.append("const LearnedModel en_model = {")
    lines.append('\t"%s",' % prov)
    lines.append('\t"%s",' % sha)
    lines.append("\t%d, en_weights," % params["hash_bits"])
    lines.append("\t{" + ", ".join(c_double(v) for v in kind_scale(params)[:NKINDS if new_kinds_used(params)
                                                                          else 6]) + "},")
    lines.append("\t{" + ", ".join("{%s, %s}" % (c_double(a), c_double(b))
                                   for a, b in model["dense"]) + "},")
    lines.append("\t{%s, %s}%s" % (c_double(model["bias"][0]), c_double(model["bias"][1]),
                                  ",\n\t" + c_double(params["lennorm"]) if params["lennorm"] else ""))
    lines.append("};")
    lines.append("")
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return sha


def features(shared, dev=False):
    """Load and featurize; TRAIN_EN_CACHE=FILE keeps the result between runs (a cache made
    before a change of the inputs or of the feature code would give wrong weights: delete it)."""
    cache = os.environ.get("TRAIN_EN_CACHE") if dev else None
    if cache and os.path.exists(cache):
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    data = load(shared, dev)
    with tempfile.TemporaryDirectory() as tmp:
        exe = build_featurizer(tmp)
        res = (data,) + assemble(data, exe)
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(res, fh)
    return res


def main():
    args = sys.argv[1:]
    if len(args) != 2:
        raise SystemExit(__doc__)
    shared, what = args
    if what == "--exp":
        # one fold, and the development splits: for choosing settings (PARAMS from
        # TRAIN_EN_PARAMS); prints the figures of the fold-0 model
        _data, f, y, src, corpus, rating = features(shared, dev=True)
        print("params " + json.dumps(PARAMS, sort_keys=True))
        cross_validate(f, y, src, corpus, rating, PARAMS, folds=[0])
        return
    # TRAIN_EN_CACHE: the features of an --exp run with the same inputs (the development splits
    # in it are never trained on); without it, featurize afresh
    data, f, y, src, corpus, rating = features(shared, dev=bool(os.environ.get("TRAIN_EN_CACHE")))
    if what == "--cv":
        acc, t, rs = cross_validate(f, y, src, corpus, rating, PARAMS)
        print("TRAIN_EN_CV_RESULT=%s" % json.dumps([acc, t, rs]))
        return
    if os.environ.get("TRAIN_EN_CV_RESULT"):
        # [accuracy, temperature, r] of an earlier --cv run with the same inputs and parameters
        # (saves the five fold trainings; the output is the same as without it)
        cv, temperature, rs = json.loads(os.environ["TRAIN_EN_CV_RESULT"])
    else:
        cv, temperature, rs = cross_validate(f, y, src, corpus, rating, PARAMS)
    ok = trainable(src, PARAMS)
    model = train(f.subset(np.where(ok)[0]), y[ok], weights_for(src[ok], y[ok], PARAMS), PARAMS)
    counts = {k: len(v) for k, v in data.items()}
    sha = emit(model, PARAMS, counts, cv, temperature, rs, what)
    print("train_en: wrote %s, weights sha256 %s" % (what, sha))


if __name__ == "__main__":
    main()
