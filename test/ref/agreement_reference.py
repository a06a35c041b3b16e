#!/usr/bin/python3
"""Agreement and model-quality aggregates of pg_empathy against independent implementations.

Run by test/t/412_agreement_reference.sh.  Usage:
  agreement_reference.py gen DIR      write the deterministic test data to DIR/*.tsv
  agreement_reference.py check DIR    compare DIR/*.out (psql output) with the references
References: sklearn.metrics (cohen_kappa_score, accuracy_score, precision_recall_fscore_support,
f1_score with zero_division=0), statsmodels.stats.inter_rater (cohens_kappa: standard error,
interval, z and p; fleiss_kappa), and Krippendorff's alpha from its coincidence matrix
(Krippendorff 2011), computed here with numpy.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kpi_reference import Compare, main, num, ptol, read  # noqa: E402

LABELS = ["positive", "negative", "neutral", "mixed", "Positive", "négatif", "😀", "two words"]


def gen(d):
    rng = np.random.default_rng(20261202)
    with open(f"{d}/pairs.tsv", "w") as f:
        for g in range(24):
            k = int(rng.integers(2, len(LABELS) + 1))
            labels = LABELS[:k]
            n = int(rng.choice([5, 40, 300, 5000]))
            p = rng.dirichlet(np.ones(k))
            a = rng.choice(k, n, p=p)
            agree = float(rng.uniform(0.2, 0.95))
            b = np.where(rng.uniform(0, 1, n) < agree, a, rng.choice(k, n))
            if g == 23:          # a label only ever predicted: its recall and F1 are 0
                a[0] = k - 1
                b[b == k - 1] = 0
            for x, y in zip(a, b):
                f.write(f"{g}\t{labels[x]}\t{labels[y]}\n")
    with open(f"{d}/panel.tsv", "w") as f:
        for g in range(16):
            k = int(rng.integers(2, 6))
            items = int(rng.choice([3, 30, 400]))
            m = int(rng.integers(2, 7))
            for i in range(items):
                truth = int(rng.integers(0, k))
                mi = m if g % 2 == 0 else int(rng.integers(1, m + 2))   # odd groups: missing ratings
                for _ in range(mi):
                    lab = truth if rng.uniform() < 0.7 else int(rng.integers(0, k))
                    f.write(f"{g}\titem {i}\t{LABELS[lab]}\n")


def check(d):
    from sklearn.metrics import (accuracy_score, cohen_kappa_score, f1_score,
                                 precision_recall_fscore_support)
    from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa

    # groups where both raters always give one label: kappa is undefined (NaN) in the references
    import warnings
    warnings.simplefilter("ignore", RuntimeWarning)

    cmp = Compare()
    pairs = {}
    for g, a, b in read(f"{d}/pairs.tsv"):
        e = pairs.setdefault(int(g), ([], []))
        e[0].append(a)
        e[1].append(b)
    for r in read(f"{d}/kappa.out"):
        g = int(r[0])
        a, b = pairs[g]
        labels = sorted(set(a) | set(b), key=lambda s: s.encode())
        idx = {s: i for i, s in enumerate(labels)}
        table = np.zeros((len(labels), len(labels)))
        for x, y in zip(a, b):
            table[idx[x], idx[y]] += 1
        n, cats, po, pe, kappa, se, lo, hi, z, p = map(num, r[1:])
        f = "cohen_kappa"
        cmp(f, f"g{g} n", n, len(a), 0)
        cmp(f, f"g{g} categories", cats, len(labels), 0)
        cmp(f, f"g{g} kappa (sklearn)", kappa, cohen_kappa_score(a, b))
        sm = cohens_kappa(table)
        cmp(f, f"g{g} kappa (statsmodels)", kappa, sm.kappa)
        cmp(f, f"g{g} observed", po, np.trace(table) / table.sum())
        cmp("kappa_se", f"g{g} se", se, sm.std_kappa)
        cmp("kappa_se", f"g{g} ci_low", lo, sm.kappa_low, scale=1)
        cmp("kappa_se", f"g{g} ci_high", hi, sm.kappa_upp, scale=1)
        cmp("kappa_se", f"g{g} z", z, sm.z_value)
        cmp("kappa_se", f"g{g} p", p, sm.pvalue_two_sided, ptol(sm.pvalue_two_sided))
    for r in read(f"{d}/confusion.out"):
        g = int(r[0])
        pred, actual = pairs[g]
        labels = sorted(set(pred) | set(actual), key=lambda s: s.encode())
        n, k, acc, mp, mr, mf, wf = map(num, r[1:8])
        got_labels = r[8].split("\x1f")
        f = "confusion_matrix"
        cmp(f, f"g{g} n", n, len(pred), 0)
        cmp(f, f"g{g} classes", k, len(labels), 0)
        if got_labels != labels:
            cmp.bad.append(f"confusion_matrix g{g} labels: got {got_labels} want {labels}")
        cmp(f, f"g{g} accuracy", acc, accuracy_score(actual, pred))
        P, R, F, S = precision_recall_fscore_support(actual, pred, labels=labels, zero_division=0)
        cmp(f, f"g{g} macro_precision", mp, P.mean())
        cmp(f, f"g{g} macro_recall", mr, R.mean())
        cmp(f, f"g{g} macro_f1", mf, f1_score(actual, pred, labels=labels, average="macro", zero_division=0))
        cmp(f, f"g{g} weighted_f1", wf, f1_score(actual, pred, labels=labels, average="weighted", zero_division=0))
        for i, field in enumerate(("support", "predicted", "tp", "precision", "recall", "f1")):
            got = [float(v) for v in r[9 + i].split("\x1f")]
            tp = np.array([sum(1 for x, y in zip(pred, actual) if x == y == s) for s in labels])
            want = {"support": S, "predicted": [pred.count(s) for s in labels], "tp": tp,
                    "precision": P, "recall": R, "f1": F}[field]
            for j, (u, w) in enumerate(zip(got, want)):
                cmp("confusion_class", f"g{g} {field}[{labels[j]}]", u, float(w))
    panel = {}
    for g, item, lab in read(f"{d}/panel.tsv"):
        panel.setdefault(int(g), []).append((item, lab))
    for r in read(f"{d}/panel.out"):
        g = int(r[0])
        rows = panel[g]
        items = sorted({i for i, _ in rows})
        cats = sorted({c for _, c in rows})
        t = np.zeros((len(items), len(cats)))
        ii, cc = {s: i for i, s in enumerate(items)}, {s: i for i, s in enumerate(cats)}
        for i, c in rows:
            t[ii[i], cc[c]] += 1
        m = t.sum(1)
        # Krippendorff: coincidence matrix of the pairable items
        pt = t[m >= 2]
        o = sum((np.outer(u, u) - np.diag(u)) / (u.sum() - 1) for u in pt)
        nc = o.sum(0)
        nn = nc.sum()
        off = ~np.eye(len(cats), dtype=bool)
        alpha = 1 - (nn - 1) * o[off].sum() / (np.outer(nc, nc)[off].sum())
        fk = r[1:8]
        ka = list(map(num, r[8:14]))
        cmp("krippendorff", f"g{g} items", ka[0], len(pt), 0)
        cmp("krippendorff", f"g{g} ratings", ka[1], pt.sum(), 0)
        cmp("krippendorff", f"g{g} alpha", ka[5], alpha)
        if len(set(m)) == 1:
            fk = list(map(num, fk))
            cmp("fleiss_kappa", f"g{g} items", fk[0], len(items), 0)
            cmp("fleiss_kappa", f"g{g} raters", fk[2], m[0], 0)
            cmp("fleiss_kappa", f"g{g} kappa", fk[6], fleiss_kappa(t, method="fleiss"))
        elif fk[0] != "unequal":
            cmp.bad.append(f"fleiss_kappa g{g}: unequal ratings per item accepted")
    return cmp.report()


if __name__ == "__main__":
    main(gen, check)
