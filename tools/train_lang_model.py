#!/usr/bin/env python3
"""Train the learned layer of a language configuration (src/langmodel/langmodel.c).

    tools/train_lang_model.py SHARED_DIR LANG...    e.g.  tools/train_lang_model.py ../shared fr de

For each language the features of every text are computed by the C scorer itself
(test/build/lang_features, built by this script, on the lexicon-only configuration
'<lang>-rules'): LangModelFeatures() in langmodel.c, i.e. the lexicon compound and class,
valence sums, emoji, negation, '!', '?', length, caps and 4,096 hashed normalised words
(negation scope marked).  A multinomial logistic regression is trained with AdaGrad (fixed
seed and folds, so the weights are reproducible) on umsab/<language>/train_* and on the
customer-feedback texts written for pg_empathy (test/data/languages/<lang>.tsv), these
weighted by a chosen factor (0 leaves them out).

Every setting is chosen by 5-fold cross-validation, never on val_*:
 1. AdaGrad learning rate, epochs and L2 penalty: the best CV macro-F1 on the train tweets
    alone;
 2. the feedback weight and the gate (LangModel.gate: the model's class replaces the
    lexicon's only when its probability is that much higher): the best sum of the tweets' CV
    macro-F1 and the feedback texts' CV accuracy, the same five folds held out of both.
The feedback figure reported is that CV accuracy (the texts are training data of the shipped
model, so their in-sample figure printed by the test suite is not a held-out one).  val_* is
scored once, at the end, and reported as not used for selection.  The model is written to
data/<lang>/lang_model.txt with its provenance line; then run `make update-lexicon`.
"""
import math
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANG_DIRS = {"fr": "french", "de": "german", "it": "italian", "pt": "portuguese",
             "es": "spanish"}
DENSE = 14
BUCKETS = 4096
FEATURES = DENSE + BUCKETS
EPOCHS = (1, 2, 3, 5, 10, 20)
L2 = (1e-4, 1e-3, 1e-2, 1e-1)
LEARNING_RATES = (0.1, 0.03)
FEEDBACK_WEIGHTS = (0, 1, 3, 10)
GATES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0)
FOLDS = 5
SEED = 20261130
LABELS = {"negative": 0, "neutral": 1, "positive": 2}


def build_driver():
    cflags = subprocess.run([os.path.join(ROOT, "tools/core-sources.sh"), "cflags"],
                            capture_output=True, text=True, check=True).stdout.split()
    sources = subprocess.run([os.path.join(ROOT, "tools/core-sources.sh")],
                             capture_output=True, text=True, check=True).stdout.split()
    libs = subprocess.run(["pkg-config", "--libs", "libutf8proc"], capture_output=True,
                          text=True, check=True).stdout.split()
    out = os.path.join(ROOT, "test/build/lang_features")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(["gcc", "-O2", "-ffp-contract=off"] + cflags +
                   ["-o", out, os.path.join(ROOT, "test/core/lang_features.c"),
                    os.path.join(ROOT, "test/core/core_env_libc.c")] + sources + libs + ["-lm"],
                   check=True)
    return out


def features(driver, config, texts):
    """(features [(index, value)], lexicon compound) per text, from the C driver."""
    out = subprocess.run([driver, config], input="\n".join(texts) + "\n", capture_output=True,
                         text=True, check=True).stdout.split("\n")
    rows = []
    for line in out[:len(texts)]:
        compound, feats = line.split("\t")
        f = {}
        for kv in feats.split():
            k, v = kv.split(":")
            f[int(k)] = f.get(int(k), 0.0) + float(v)
        rows.append((list(f.items()), float(compound)))
    return rows


def load_umsab(shared, lang, split, driver, config):
    d = os.path.join(shared, "data/train/umsab", LANG_DIRS[lang])
    texts = open(os.path.join(d, split + "_text.txt"), encoding="utf-8").read().split("\n")
    labels = [int(x) for x in open(os.path.join(d, split + "_labels.txt")).read().split()]
    return features(driver, config, texts[:len(labels)]), labels


def load_feedback(lang, driver, config):
    lines = open(os.path.join(ROOT, "test/data/languages", lang + ".tsv"),
                 encoding="utf-8").read().splitlines()[1:]
    pairs = [line.split("\t", 1) for line in lines if line.strip()]
    return features(driver, config, [t for _, t in pairs]), [LABELS[l] for l, _ in pairs]


def probs(w, feats):
    z = [sum(w[c][k] * v for k, v in feats) for c in range(3)]
    m = max(z)
    e = [math.exp(x - m) for x in z]
    s = sum(e)
    return [x / s for x in e]


def lexicon_class(c):
    return 2 if c >= 0.05 else (0 if c <= -0.05 else 1)


def gated(p, compound, gate):
    """The class LangModelCompound() picks (langmodel.c)."""
    best = max(range(3), key=lambda c: p[c])
    lex = lexicon_class(compound)
    if best == lex or p[best] - p[lex] < gate:
        return lex
    return best


def macro_f1(pred, gold):
    f = []
    for k in range(3):
        tp = sum(1 for p, g in zip(pred, gold) if p == k and g == k)
        fp = sum(1 for p, g in zip(pred, gold) if p == k and g != k)
        fn = sum(1 for p, g in zip(pred, gold) if p != k and g == k)
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f) / 3


def accuracy(pred, gold):
    return sum(1 for p, g in zip(pred, gold) if p == g) / len(gold)


def train(rows, labels, rate, l2, checkpoints, weights=None):
    """AdaGrad, each row's loss times its weight (default 1); yields (epochs, weights) at
    each checkpoint (the weights are not copied)."""
    w = [[0.0] * FEATURES for _ in range(3)]
    g2 = [[1e-8] * FEATURES for _ in range(3)]
    order = list(range(len(rows)))
    rnd = random.Random(SEED)
    for epoch in range(1, max(checkpoints) + 1):
        rnd.shuffle(order)
        for i in order:
            feats = rows[i][0]
            p = probs(w, feats)
            for c in range(3):
                err = p[c] - (1.0 if labels[i] == c else 0.0)
                if weights is not None:
                    err *= weights[i]
                wc, gc = w[c], g2[c]
                for k, v in feats:
                    g = err * v + l2 * wc[k]
                    gc[k] += g * g
                    wc[k] -= rate * g / math.sqrt(gc[k])
        if epoch in checkpoints:
            yield epoch, w


def folds(n, k):
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def cross_validate(rows, labels):
    """{(rate, epochs, l2): [p per train row, out of fold]}"""
    out = {}
    for fold in folds(len(rows), FOLDS):
        held = set(fold)
        tr = [i for i in range(len(rows)) if i not in held]
        for rate in LEARNING_RATES:
            for l2 in L2:
                for epochs, w in train([rows[i] for i in tr], [labels[i] for i in tr], rate, l2,
                                       EPOCHS):
                    ps = out.setdefault((rate, epochs, l2), [None] * len(rows))
                    for i in fold:
                        ps[i] = probs(w, rows[i][0])
    return out


def cross_validate_joint(rows, labels, fb_rows, fb_labels, rate, epochs, l2, fw):
    """Out-of-fold probabilities of every tweet and every feedback text: fold k holds out the
    k-th fifth of both; the rest trains, the feedback texts weighted fw (0: left out)."""
    tf, ff = folds(len(rows), FOLDS), folds(len(fb_rows), FOLDS)
    pt, pf = [None] * len(rows), [None] * len(fb_rows)
    for k in range(FOLDS):
        ht, hf = set(tf[k]), set(ff[k])
        tr = [(rows[i], labels[i], 1.0) for i in range(len(rows)) if i not in ht]
        if fw:
            tr += [(fb_rows[i], fb_labels[i], fw) for i in range(len(fb_rows)) if i not in hf]
        _, w = next(iter(train([r for r, _, _ in tr], [l for _, l, _ in tr], rate, l2, (epochs,),
                               [x for _, _, x in tr])))
        for i in tf[k]:
            pt[i] = probs(w, rows[i][0])
        for i in ff[k]:
            pf[i] = probs(w, fb_rows[i][0])
    return pt, pf


def main():
    if len(sys.argv) < 3:
        raise SystemExit("usage: train_lang_model.py SHARED_DIR LANG...")
    shared = sys.argv[1]
    driver = build_driver()
    for lang in sys.argv[2:]:
        config = lang + "-rules"
        if subprocess.run([driver, config], input="", capture_output=True).returncode != 0:
            raise SystemExit("%s: needs the lexicon-only configuration %s" % (lang, config))
        rows, labels = load_umsab(shared, lang, "train", driver, config)
        fb_rows, fb_labels = load_feedback(lang, driver, config)
        # 1. learning rate, epochs and L2: the best CV macro-F1 on the train tweets alone
        cv = cross_validate(rows, labels)
        scores = {}
        for key, ps in sorted(cv.items()):
            scores[key] = macro_f1([max(range(3), key=lambda c: p[c]) for p in ps], labels)
            print("%s rate %g epochs %d l2 %g: train CV macro-F1 %.3f" % (lang, *key, scores[key]))
        rate, epochs, l2 = max(scores, key=lambda s: (scores[s], s[0], -s[1], s[2]))
        # 2. the weight of the feedback texts and the gate: the best sum of the tweets' CV
        # macro-F1 and the feedback texts' CV accuracy (the same five folds over both)
        fb_lex = sum(1 for r, g in zip(fb_rows, fb_labels) if lexicon_class(r[1]) == g)
        tw_lex = macro_f1([lexicon_class(r[1]) for r in rows], labels)
        grid = {}
        for fw in FEEDBACK_WEIGHTS:
            pt, pf = cross_validate_joint(rows, labels, fb_rows, fb_labels, rate, epochs, l2, fw)
            for gate in GATES:
                tw = macro_f1([gated(p, r[1], gate) for p, r in zip(pt, rows)], labels)
                fb = sum(1 for p, r, g in zip(pf, fb_rows, fb_labels) if gated(p, r[1], gate) == g)
                grid[(fw, gate)] = (tw, fb)
                print("%s feedback weight %g gate %.1f: train CV macro-F1 %.3f, feedback CV %d/%d"
                      % (lang, fw, gate, tw, fb, len(fb_rows)))
        fw, gate = max(grid, key=lambda k: (grid[k][0] + grid[k][1] / len(fb_rows), -k[0], -k[1]))
        tw, fb = grid[(fw, gate)]
        # 3. the model: all train tweets and all feedback texts; val scored once
        tr_rows = rows + (fb_rows if fw else [])
        tr_labels = labels + (fb_labels if fw else [])
        tr_weights = [1.0] * len(rows) + ([float(fw)] * len(fb_rows) if fw else [])
        w = [list(r) for r in
             next(iter(train(tr_rows, tr_labels, rate, l2, (epochs,), tr_weights)))[1]]
        val_rows, val_labels = load_umsab(shared, lang, "val", driver, config)
        val_lex = macro_f1([lexicon_class(c) for _, c in val_rows], val_labels)
        val = macro_f1([gated(probs(w, f), c, gate) for f, c in val_rows], val_labels)
        summary = ("AdaGrad rate %g, %d epochs, L2 %g, feedback weight %g and gate %g chosen by 5-fold "
                   "cross-validation on train_* and test/data/languages/%s.tsv: train CV macro-F1 "
                   "%.3f (lexicon alone %.3f), feedback CV %d/%d right (lexicon alone %d/%d); "
                   "val macro-F1 %.3f (not used for selection; lexicon alone %.3f)" %
                   (rate, epochs, l2, fw, gate, lang, tw, tw_lex, fb, len(fb_rows), fb_lex,
                    len(fb_rows), val, val_lex))
        print("%s: %s" % (lang, summary))
        path = os.path.join(ROOT, "data", lang, "lang_model.txt")
        with open(path, "w", encoding="utf-8") as out:
            out.write("# learned layer: logistic regression (lexicon compound, class and valence "
                      "sums, emoji, negation, '!', '?', length, caps, 4096 hashed normalised "
                      "words with negation scope) trained by tools/train_lang_model.py on UMSAB "
                      "%s train_* (%d tweets; cardiffnlp/xlm-t@874214d, Apache-2.0, source "
                      "datasets' research terms)%s; %s\n" %
                      (LANG_DIRS[lang], len(rows), " and the %d texts of test/data/languages/%s.tsv "
                       "(written for pg_empathy)" % (len(fb_rows), lang) if fw else "", summary))
            out.write("gate %g\n" % gate)
            for c in range(3):
                out.write(" ".join("%.6g" % x for x in w[c]) + "\n")
        print("%s: wrote %s" % (lang, os.path.relpath(path, ROOT)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
