#!/usr/bin/env python3
"""Calibrate sentiment_confidence() for the rule configurations: src/model/confidence_data.c.

    python3 tools/calibrate_confidence.py SHARED_DIR OUT_C

For each rule configuration, score labelled texts with the C core (test/core/score_lines.c),
label them as sentiment_label() does by default (compound >= 0.05 positive, <= -0.05 negative,
else neutral), and measure the share of right labels per side (negative, neutral, positive) and
per |compound| bin ([0.05, 0.25), [0.25, 0.5), [0.5, 0.75), [0.75, 1]).  Each share is smoothed
((right + 1) / (n + 2)), then made non-decreasing in |compound| (pool-adjacent-violators,
weighted by counts): a stronger score is never reported as less sure.

Labelled texts (never the splits reported as held-out accuracy of these configurations, except
where named below):
  'en-rules', 'vader'      GoEmotions group train (single-label items), UMSAB English train,
                           test/data/feedback_labelled.tsv; each source weighted to the same total
  fr es pt de it (+ -rules) UMSAB <language> val (323 tweets; the learned layers of fr..it were
                           trained on train_*, so their train split would flatter them)
  '*' (nl, da, sv, pl, and  the five UMSAB val sets above, each scored with its own default
  any other)               configuration, pooled: no labelled texts in these languages
Python 3 standard library only; deterministic.
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from en_data import escape, read_goemotions, read_own, read_umsab  # noqa: E402
EDGES = [0.05, 0.25, 0.5, 0.75, 1.0000001]
UMSAB_LANG = {"fr": "french", "es": "spanish", "pt": "portuguese", "de": "german", "it": "italian"}


def build_scorer(workdir):
    """score_lines, linked with a neutral calibration table (only the compound is used)."""
    srcs = subprocess.run(["bash", os.path.join(ROOT, "tools", "core-sources.sh")],
                          check=True, capture_output=True, text=True).stdout.split()
    srcs = [s for s in srcs if not s.endswith("/confidence_data.c")]
    cflags = subprocess.run(["bash", os.path.join(ROOT, "tools", "core-sources.sh"), "cflags"],
                            check=True, capture_output=True, text=True).stdout.split()
    libs = subprocess.run(["pkg-config", "--cflags", "--libs", "libutf8proc"],
                          check=True, capture_output=True, text=True).stdout.split()
    table = os.path.join(workdir, "confidence_boot.c")
    with open(table, "w") as fh:
        fh.write('#include "confidence.h"\nconst ConfidenceTable ConfidenceTables[] = '
                 '{{"*", "", 0.5, {{0.1, 0.3, 0.6, 0.9}, {0.1, 0.3, 0.6, 0.9}}, '
                 '{{0.5, 0.5, 0.5, 0.5}, {0.5, 0.5, 0.5, 0.5}}}};\n'
                 'const int NumConfidenceTables = 1;\n')
    exe = os.path.join(workdir, "score_lines")
    subprocess.run(["gcc", "-O2", "-ffp-contract=off"] + cflags +
                   [os.path.join(ROOT, "test", "core", "score_lines.c"),
                    os.path.join(ROOT, "test", "core", "core_env_libc.c"), table] + srcs + libs +
                   ["-lm", "-o", exe], check=True)
    return exe


def compounds(exe, config, texts):
    data = "".join(escape(t) + "\n" for t in texts).encode("utf-8")
    out = subprocess.run([exe, config], input=data, check=True, capture_output=True).stdout
    return [float(line.split("\t")[3]) for line in out.decode().splitlines()]


def side_bin(c):
    """(side, bin): side 0 negative, 1 positive, None neutral."""
    if -0.05 < c < 0.05:
        return None, None
    side = 1 if c > 0 else 0
    a = abs(c)
    for k in range(len(EDGES) - 1):
        if a < EDGES[k + 1]:
            return side, k
    return side, len(EDGES) - 2


class Counts:
    def __init__(self):
        nb = len(EDGES) - 1
        self.n = [[0.0] * nb for _ in range(2)]
        self.right = [[0.0] * nb for _ in range(2)]
        self.sum_abs = [[0.0] * nb for _ in range(2)]
        self.neu_n = 0.0
        self.neu_right = 0.0

    def add(self, comps, labels, weight):
        for c, y in zip(comps, labels):
            side, k = side_bin(c)
            if side is None:
                self.neu_n += weight
                self.neu_right += weight * (y == 1)
            else:
                self.n[side][k] += weight
                self.right[side][k] += weight * (y == (2 if side else 0))
                self.sum_abs[side][k] += weight * abs(c)

    def merge(self, other):
        for s in range(2):
            for k in range(len(EDGES) - 1):
                self.n[s][k] += other.n[s][k]
                self.right[s][k] += other.right[s][k]
                self.sum_abs[s][k] += other.sum_abs[s][k]
        self.neu_n += other.neu_n
        self.neu_right += other.neu_right


def pav(values, weights):
    """Non-decreasing least-squares fit (pool adjacent violators)."""
    blocks = []
    for v, w in zip(values, weights):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            w = w1 + w2
            blocks.append([(v1 * w1 + v2 * w2) / w if w else (v1 + v2) / 2, w, n1 + n2])
    out = []
    for v, _w, n in blocks:
        out += [v] * n
    return out


def table(counts):
    nb = len(EDGES) - 1
    at, right = [], []
    for s in range(2):
        a, r = [], []
        for k in range(nb):
            n = counts.n[s][k]
            mid = (EDGES[k] + min(EDGES[k + 1], 1.0)) / 2
            a.append(round(counts.sum_abs[s][k] / n, 4) if n else mid)
            r.append((counts.right[s][k] + 1) / (n + 2))
        # bin means must increase for the interpolation (a bin without texts takes its middle)
        for k in range(1, nb):
            if a[k] <= a[k - 1]:
                a[k] = a[k - 1] + 1e-4
        at.append(a)
        right.append([round(v, 4) for v in pav(r, [counts.n[s][k] + 2 for k in range(nb)])])
    neutral = round((counts.neu_right + 1) / (counts.neu_n + 2), 4)
    return neutral, at, right


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    shared, out_path = sys.argv[1:]
    train = os.path.join(shared, "data", "train")
    en_sources = [
        ("GoEmotions group train", read_goemotions(os.path.join(train, "goemotions", "group", "train.tsv"))),
        ("UMSAB English train", read_umsab(os.path.join(train, "umsab", "english"), "train")),
        ("feedback_labelled.tsv", read_own(os.path.join(ROOT, "test", "data", "feedback_labelled.tsv"))),
    ]
    tables = []
    with tempfile.TemporaryDirectory() as tmp:
        exe = build_scorer(tmp)
        for cfg in ("en-rules", "vader"):
            counts = Counts()
            for _name, items in en_sources:
                comps = compounds(exe, cfg, [t for t, _ in items])
                counts.add(comps, [l for _, l in items], 1000.0 / len(items))
            tables.append((cfg, "GoEmotions group train, UMSAB English train, feedback_labelled.tsv "
                           "(each weighted to the same total)", counts))
        pooled = Counts()
        for lang, folder in sorted(UMSAB_LANG.items()):
            items = read_umsab(os.path.join(train, "umsab", folder), "val")
            texts, labels = [t for t, _ in items], [l for _, l in items]
            for cfg in (lang, lang + "-rules"):
                counts = Counts()
                counts.add(compounds(exe, cfg, texts), labels, 1.0)
                tables.append((cfg, "UMSAB %s val" % folder, counts))
                if cfg == lang:
                    pooled.merge(counts)
        tables.append(("*", "no labelled texts in the language: UMSAB French, German, Italian, "
                       "Portuguese and Spanish val pooled, each scored with its own configuration",
                       pooled))
    lines = ["/*",
             " * confidence_data.c",
             " *	  GENERATED by tools/calibrate_confidence.py -- do not edit.",
             " *	  sentiment_confidence() of the rule configurations: the share of right",
             " *	  sentiment_label() labels per |compound| bin (see confidence.h).",
             " */",
             '#include "confidence.h"',
             "",
             "const ConfidenceTable ConfidenceTables[] = {"]
    for name, source, counts in tables:
        neutral, at, right = table(counts)
        fmt = lambda xs: "{" + ", ".join(repr(x) for x in xs) + "}"
        lines.append('\t{"%s", "%s", %r,' % (name, source, neutral))
        lines.append("\t\t{%s, %s}," % (fmt(at[0]), fmt(at[1])))
        lines.append("\t\t{%s, %s}}," % (fmt(right[0]), fmt(right[1])))
        print("%-9s neutral %.3f  negative %s  positive %s  (n neutral %.0f)" %
              (name, neutral, right[0], right[1], counts.neu_n))
    lines.append("};")
    lines.append("const int NumConfidenceTables = lengthof(ConfidenceTables);")
    lines.append("")
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()
