#!/usr/bin/env python3
"""Train the English emotion model (src/emotion/) and generate its C tables.

    tools/train_emotion.py train SHARED_DIR     train, choose settings by CV, write the model
    tools/train_emotion.py generate             data/model/emotion/model.tsv -> emotion_data.c

Training data: GoEmotions, Ekman grouping (SHARED_DIR/data/train/goemotions/ekman, Apache-2.0,
monologg/GoEmotions-pytorch @ b75f9d3): train.tsv only.  The dev split is used once, at the
end, to report macro-F1 over the 7 classes on its single-label items (held out: nothing is
chosen on it).  Emoji: data/model/emotion/emoji_classes.tsv (emoji-emotion 3.0.1, MIT, with
pg_empathy's emotion per emoji).

Features are computed by the C core itself (test/build/emotion_features, built here from
src/emotion/emotion.c and the 'en' tokenizer), so training and scoring see the same features.
Model: multinomial logistic regression (softmax) on feature counts, L2 penalty, class
weights (n / (7 n_c)) ** alpha against the imbalance (macro-F1 weighs every class alike;
alpha = 0.5 is fixed beforehand, the shared machine made a wider grid too slow);
multi-label items give each of their labels an equal share.  Optimiser: full-batch L-BFGS
from zero weights (100 iterations at most), so the result is deterministic.  The L2 penalty
is chosen by 3-fold cross-validation on train (folds from a fixed seed over the items sorted
by comment id), macro-F1 on the held-out fold's single-label items.  Needs python3 and
python3-numpy (Debian's /usr/bin/python3).
"""
import hashlib
import os
import random
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = ["anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"]
K = len(CLASSES)
SEED = 20261130
MIN_DF = 3                      # features seen in fewer train texts are dropped
L2_GRID = (1e-4, 3e-4)
ALPHA_GRID = (0.5,)
FOLDS = 3
ITERATIONS = 100
MODEL_DIR = os.path.join(ROOT, "data/model/emotion")
EMOJI_TSV = os.path.join(MODEL_DIR, "emoji_classes.tsv")
MODEL_TSV = os.path.join(MODEL_DIR, "model.tsv")
OUT_C = os.path.join(ROOT, "src/emotion/emotion_data.c")
CUE_WEIGHT = 2.0                # EMO_CUE_WEIGHT of src/emotion/emotion.h: cue features ('c' keys)
                                # are not trained, they add CUE_WEIGHT x value to their class


def sha256_file(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def read_emoji():
    """(code point, class index, value) sorted by code point, as emotion.c expects."""
    rows = []
    for line in open(EMOJI_TSV, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        emoji, name, polarity, cls = line.rstrip("\n").split("\t")
        if cls == "-":
            continue
        cp = emoji.replace("\ufe0f", "")
        if len(cp) != 1:
            raise SystemExit("emoji %s (%s) is not one code point" % (emoji, name))
        rows.append((ord(cp), CLASSES.index(cls), max(abs(int(polarity)), 1) / 5.0, name))
    return sorted(rows)


def build_driver():
    def run(*args):
        return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout.split()
    cflags = run(os.path.join(ROOT, "tools/core-sources.sh"), "cflags")
    sources = [s for s in run(os.path.join(ROOT, "tools/core-sources.sh"))
               if not s.endswith("/emotion_data.c")]
    libs = run("pkg-config", "--libs", "libutf8proc")
    out = os.path.join(ROOT, "test/build/emotion_features")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(["gcc", "-O2", "-ffp-contract=off"] + cflags +
                   ["-o", out, os.path.join(ROOT, "test/core/emotion_features.c"),
                    os.path.join(ROOT, "test/core/core_env_libc.c")] + sources + libs + ["-lm"],
                   check=True)
    return out


def features(driver, emoji_path, texts):
    out = subprocess.run([driver, emoji_path], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    rows = []
    for line in out[:len(texts)]:
        f = {}
        parts = line.split("\t") if line else []
        for k, v in zip(parts[0::2], parts[1::2]):
            f[k] = f.get(k, 0.0) + float(v)
        rows.append(f)
    return rows


def load(shared, split):
    path = os.path.join(shared, "data/train/goemotions/ekman", split + ".tsv")
    items = []
    for line in open(path, encoding="utf-8"):
        text, ids, cid = line.rstrip("\n").split("\t")
        items.append((cid, text, [int(x) for x in ids.split(",")]))
    items.sort()
    return items, path


def labels_to_targets(label_lists):
    # labels.txt order: anger disgust fear joy neutral sadness surprise -> CLASSES order
    remap = [0, 1, 2, 3, 6, 4, 5]
    y = np.zeros((len(label_lists), K))
    for i, ls in enumerate(label_lists):
        for lab in ls:
            y[i, remap[lab]] += 1.0 / len(ls)
    return y


class Matrix:
    """Sparse rows (CSR) with the two products training needs."""

    def __init__(self, rows, vocab):
        ptr, cols, vals = [0], [], []
        for f in rows:
            for k, v in f.items():
                j = vocab.get(k)
                if j is not None:
                    cols.append(j)
                    vals.append(v)
            ptr.append(len(cols))
        self.ptr = np.array(ptr, dtype=np.int64)
        self.cols = np.array(cols, dtype=np.int64)
        self.vals = np.array(vals, dtype=np.float64)
        self.rowidx = np.repeat(np.arange(len(rows)), np.diff(self.ptr))
        self.n = len(rows)
        self.d = len(vocab)
        self._index()

    def _index(self):
        # entries grouped by column, for the transposed product
        self.order = np.argsort(self.cols, kind="stable")
        used = np.flatnonzero(np.bincount(self.cols, minlength=self.d))
        self.used = used
        starts = np.searchsorted(self.cols[self.order], used)
        self.col_starts = starts
        nonempty = np.flatnonzero(np.diff(self.ptr))
        self.nonempty = nonempty
        self.row_starts = self.ptr[nonempty]

    def subset(self, idx):
        m = Matrix.__new__(Matrix)
        lens = np.diff(self.ptr)[idx]
        m.ptr = np.concatenate([[0], np.cumsum(lens)])
        take = np.concatenate([np.arange(self.ptr[i], self.ptr[i + 1]) for i in idx]) \
            if len(idx) else np.zeros(0, dtype=np.int64)
        m.cols, m.vals = self.cols[take], self.vals[take]
        m.rowidx = np.repeat(np.arange(len(idx)), lens)
        m.n, m.d = len(idx), self.d
        m._index()
        return m

    def dot(self, w):           # (n x d) (d x K)
        z = np.zeros((self.n, w.shape[1]))
        if len(self.cols):
            contrib = w[self.cols] * self.vals[:, None]
            z[self.nonempty] = np.add.reduceat(contrib, self.row_starts, axis=0)
        return z

    def tdot(self, g):          # (d x n) (n x K)
        out = np.zeros((self.d, g.shape[1]))
        if len(self.cols):
            contrib = (g[self.rowidx] * self.vals[:, None])[self.order]
            out[self.used] = np.add.reduceat(contrib, self.col_starts, axis=0)
        return out


def loss_grad(theta, x, y, s, l2):
    d = x.d
    w = theta[:d * K].reshape(d, K)
    b = theta[d * K:]
    z = x.dot(w) + b
    z -= z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    total = s.sum()
    loss = -(s[:, None] * y * logp).sum() / total + 0.5 * l2 * (w * w).sum()
    g = (np.exp(logp) * y.sum(axis=1, keepdims=True) - y) * s[:, None] / total
    gw = x.tdot(g) + l2 * w
    return loss, np.concatenate([gw.ravel(), g.sum(axis=0)])


def lbfgs(f, theta, iterations, memory=10):
    loss, grad = f(theta)
    hist = []
    for _ in range(iterations):
        q = grad.copy()
        alphas = []
        for s_, y_, rho in reversed(hist):
            a = rho * s_.dot(q)
            alphas.append(a)
            q -= a * y_
        if hist:
            s_, y_, _ = hist[-1]
            q *= s_.dot(y_) / y_.dot(y_)
        for (s_, y_, rho), a in zip(hist, reversed(alphas)):
            q += s_ * (a - rho * y_.dot(q))
        direction = -q
        slope = grad.dot(direction)
        if slope >= 0:
            direction, slope, hist = -grad, -grad.dot(grad), []
        step = 1.0
        while True:
            new = theta + step * direction
            nloss, ngrad = f(new)
            if nloss <= loss + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s_, y_ = new - theta, ngrad - grad
        if s_.dot(y_) > 1e-12:
            hist.append((s_, y_, 1.0 / s_.dot(y_)))
            hist = hist[-memory:]
        converged = abs(loss - nloss) < 1e-9 * max(1.0, abs(loss))
        theta, loss, grad = new, nloss, ngrad
        if converged:
            break
    return theta


def train(x, y, l2, alpha):
    counts = y.sum(axis=0)
    cw = (y.shape[0] / (K * counts)) ** alpha
    s = y.dot(cw)
    theta = lbfgs(lambda t: loss_grad(t, x, y, s, l2), np.zeros(x.d * K + K), ITERATIONS)
    return theta[:x.d * K].reshape(x.d, K), theta[x.d * K:]


def macro_f1(pred, gold):
    f = []
    for k in range(K):
        tp = int(((pred == k) & (gold == k)).sum())
        fp = int(((pred == k) & (gold != k)).sum())
        fn = int(((pred != k) & (gold == k)).sum())
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f) / K


def cue_offsets(rows):
    """The fixed logits of the cue features of each row (EmotionFeatureWeights)."""
    z = np.zeros((len(rows), 2 * K))    # the cue logits, then the prior-lift shares
    for i, f in enumerate(rows):
        for k, v in f.items():
            if k.startswith("c"):
                z[i, CLASSES.index(k[1:])] += CUE_WEIGHT * v
            elif k.startswith("p"):
                # an emoji's prior lift (EMO_KIND_PRIOR): v is its share, the lift is
                # b[neutral] - b[class] (EmotionFeatureWeights), added in predict()
                z[i, K + CLASSES.index(k[1:])] += v
    return z


def predict(x, w, b, cues=None):
    z = x.dot(w) + b
    if cues is not None:
        z = z + cues[:, :K] + cues[:, K:] * np.maximum(b[CLASSES.index("neutral")] - b, 0.0)
    # ties go to neutral, then to the earlier class (EmotionArgmax)
    order = [6, 0, 1, 2, 3, 4, 5]
    return np.array(order)[np.argmax(z[:, order], axis=1)]


def single_label(y):
    mask = (y.max(axis=1) == 1.0)
    return mask, np.argmax(y, axis=1)


def do_train(shared):
    driver = build_driver()
    emoji = read_emoji()
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as tf:
        for cp, cls, value, _ in emoji:
            tf.write("%d\t%d\t%.9g\n" % (cp, cls, value))
        emoji_path = tf.name
    train_items, train_path = load(shared, "train")
    dev_items, dev_path = load(shared, "dev")
    train_rows = features(driver, emoji_path, [t for _, t, _ in train_items])
    dev_rows = features(driver, emoji_path, [t for _, t, _ in dev_items])
    os.unlink(emoji_path)
    df = {}
    for f in train_rows:
        for k in f:
            df[k] = df.get(k, 0) + 1
    keys = sorted(k for k, n in df.items() if n >= MIN_DF and not k.startswith(("c", "p")))
    vocab = {k: i for i, k in enumerate(keys)}
    x = Matrix(train_rows, vocab)
    y = labels_to_targets([ls for _, _, ls in train_items])
    cues = cue_offsets(train_rows)
    print("train: %d texts, %d features (document frequency >= %d)" % (x.n, x.d, MIN_DF))

    order = list(range(x.n))
    random.Random(SEED).shuffle(order)
    folds = [sorted(order[i::FOLDS]) for i in range(FOLDS)]
    best = None
    for l2 in L2_GRID:
        for alpha in ALPHA_GRID:
            scores = []
            for k in range(FOLDS):
                held = np.array(folds[k])
                fit = np.array(sorted(set(range(x.n)) - set(folds[k])))
                w, b = train(x.subset(fit), y[fit], l2, alpha)
                mask, gold = single_label(y[held])
                pred = predict(x.subset(held), w, b, cues[held])
                scores.append(macro_f1(pred[mask], gold[mask]))
            cv = sum(scores) / FOLDS
            print("l2 %g alpha %g: CV macro-F1 %.4f" % (l2, alpha, cv), flush=True)
            if best is None or cv > best[0]:
                best = (cv, l2, alpha)
    cv, l2, alpha = best
    w, b = train(x, y, l2, alpha)
    xd = Matrix(dev_rows, vocab)
    yd = labels_to_targets([ls for _, _, ls in dev_items])
    mask, gold = single_label(yd)
    dev_f1 = macro_f1(predict(xd, w, b, cue_offsets(dev_rows))[mask], gold[mask])
    print("chosen l2 %g alpha %g (CV on train %.4f); dev macro-F1 %.4f on %d single-label items"
          % (l2, alpha, cv, dev_f1, int(mask.sum())))
    with open(MODEL_TSV, "w", encoding="utf-8") as out:
        out.write("# pg_empathy English emotion model, written by tools/train_emotion.py train\n")
        out.write("# source: GoEmotions Ekman train.tsv (%d comments; Apache-2.0; "
                  "monologg/GoEmotions-pytorch @ b75f9d3, data/ekman/train.tsv, sha256 %s)\n"
                  % (x.n, sha256_file(train_path)))
        out.write("# emoji: emoji_classes.tsv (emoji-emotion 3.0.1, MIT; sha256 %s)\n"
                  % sha256_file(EMOJI_TSV))
        out.write("# softmax regression, %d features (document frequency >= %d), L2 %g, "
                  "class weight exponent %g, chosen by %d-fold CV on train (macro-F1 %.4f); "
                  "dev macro-F1 %.4f on %d single-label items (held out: dev.tsv sha256 %s)\n"
                  % (x.d, MIN_DF, l2, alpha, FOLDS, cv, dev_f1, int(mask.sum()),
                     sha256_file(dev_path)))
        out.write("# key<TAB>" + "<TAB>".join(CLASSES) + " (key: kind byte + text; "
                  "'' is the bias)\n")
        out.write("\t" + "\t".join("%.6g" % v for v in b) + "\n")
        for key in keys:
            row = w[vocab[key]]
            out.write(key + "\t" + "\t".join("%.6g" % v for v in row) + "\n")
    print("wrote %s" % os.path.relpath(MODEL_TSV, ROOT))


def c_string(s):
    out = []
    for byte in s.encode("utf-8"):
        c = chr(byte)
        if c in '\\"?':
            out.append("\\" + c)
        elif 32 <= byte < 127:
            out.append(c)
        else:
            out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'


def fnv1a(data):
    h = 2166136261
    for byte in data:
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def c_float(v):
    s = "%.6g" % v
    if not any(ch in s for ch in ".e"):
        s += ".0"
    return s + "f"


def do_generate():
    lines = open(MODEL_TSV, encoding="utf-8").read().split("\n")
    provenance = [l[2:] for l in lines if l.startswith("# ")][:4]
    body = [l for l in lines if l and not l.startswith("#")]
    bias = [float(v) for v in body[0].split("\t")[1:]]
    feats = []
    for l in body[1:]:
        parts = l.split("\t")
        feats.append((parts[0], [float(v) for v in parts[1:]]))
    emoji = read_emoji()
    digest = hashlib.sha256(open(MODEL_TSV, "rb").read() + open(EMOJI_TSV, "rb").read())
    n = len(feats)
    if n >= 0xFFFF:
        raise SystemExit("%d features: a slot holds at most 65534" % n)
    size = 1
    while size < 4 * n:         # load factor <= 1/4: short probes for absent keys
        size *= 2
    slots = [0] * size
    for i, (key, _) in enumerate(feats):
        hash_ = fnv1a(key.encode("utf-8"))
        h = hash_ & (size - 1)
        while slots[h]:
            h = (h + 1) & (size - 1)
        slots[h] = ((hash_ >> 16) << 16) | (i + 1)
    out = ["/*",
           " * emotion_data.c",
           " *\t  GENERATED by tools/train_emotion.py from data/model/emotion/ -- do not edit;",
           " *\t  run `make update-emotion` (or tools/train_emotion.py train ../shared to retrain).",
           " *",
           " * " + provenance[1] if len(provenance) > 1 else " *",
           " * sha256 of model.tsv and emoji_classes.tsv: " + digest.hexdigest(),
           " */",
           '#include "emotion.h"', ""]
    offsets, pos = [], 0
    out.append("static const char emotion_keys[] =")
    for key, _ in feats:
        offsets.append(pos)
        pos += len(key.encode("utf-8")) + 1
        out.append("\t%s \"\\0\"" % c_string(key))
    out.append("\t;")
    out.append("")
    out.append("static const uint32_t emotion_keyoff[%d] = {" % max(n, 1))
    for i in range(0, n, 12):
        out.append("\t" + ", ".join(str(o) for o in offsets[i:i + 12]) + ",")
    out.append("};")
    out.append("")
    out.append("static const uint32_t emotion_slots[%d] = {" % size)
    for i in range(0, size, 16):
        out.append("\t" + ", ".join(str(s) for s in slots[i:i + 16]) + ",")
    out.append("};")
    out.append("")
    out.append("/* %s */" % " ".join(CLASSES))
    out.append("static const float emotion_weights[%d] = {" % (max(n, 1) * K))
    for key, row in feats:
        out.append("\t" + ", ".join(c_float(v) for v in row) + ",")
    out.append("};")
    out.append("")
    out.append("static const float emotion_bias[%d] = {%s};"
               % (K, ", ".join(c_float(v) for v in bias)))
    out.append("")
    out.append("static const EmotionEmoji emotion_emoji[%d] = {" % len(emoji))
    for cp, cls, value, name in emoji:
        out.append("\t{0x%X, %d, %.9g},\t/* %s: %s */" % (cp, cls, value, name, CLASSES[cls]))
    out.append("};")
    out.append("")
    prov = "; ".join(provenance[1:4]).replace('"', "'")
    out.append("const EmotionModel EmotionModelEn = {")
    out.append("\t%d, emotion_slots, %d, emotion_keyoff, emotion_keys, emotion_weights," % (n, size - 1))
    out.append("\temotion_bias, emotion_emoji, %d," % len(emoji))
    out.append("\t%s," % c_string(prov))
    out.append('\t"%s"' % digest.hexdigest())
    out.append("};")
    open(OUT_C, "w", encoding="utf-8").write("\n".join(out) + "\n")
    print("wrote %s (%d features, %d emoji)" % (os.path.relpath(OUT_C, ROOT), n, len(emoji)))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "train":
        do_train(sys.argv[2])
        do_generate()
    elif len(sys.argv) == 2 and sys.argv[1] == "generate":
        do_generate()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
