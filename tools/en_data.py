"""Labelled English texts for tools/train_en.py and tools/calibrate_confidence.py (stdlib only).

Labels: 0 negative, 1 neutral, 2 positive.
"""
import os

LABELS = {"negative": 0, "neutral": 1, "positive": 2}


def read_goemotions(path, mixed=None):
    """(text, label) for single-label items whose group is negative / neutral / positive
    ("ambiguous" and multi-label items dropped); ids index group/labels.txt.  With mixed, the
    two-group items instead: "ambiguous" (ambiguous + one of negative / neutral / positive,
    labelled with the other group) or "neutral" (neutral + negative or positive, labelled with
    the non-neutral group)."""
    names = open(os.path.join(os.path.dirname(path), "labels.txt"), encoding="utf-8").read().split()
    out = []
    for line in open(path, encoding="utf-8").read().splitlines():
        text, ids, _ = line.split("\t")
        groups = [names[int(i)] for i in ids.split(",")]
        if mixed is None:
            if len(groups) == 1 and groups[0] in LABELS:
                out.append((text, LABELS[groups[0]]))
            continue
        if len(groups) != 2 or mixed not in groups:
            continue
        other = [g for g in groups if g != mixed][0]
        if other in LABELS:
            out.append((text, LABELS[other]))
    return out


def read_umsab(folder, split):
    texts = open(os.path.join(folder, split + "_text.txt"), encoding="utf-8").read().split("\n")
    labels = open(os.path.join(folder, split + "_labels.txt"), encoding="utf-8").read().split()
    return [(t, int(l)) for t, l in zip(texts, labels)]


def read_own(path):
    """test/data/feedback_labelled.tsv: label, category, text (header line first)."""
    out = []
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        label, _category, text = line.split("\t")
        out.append((text, LABELS[label]))
    return out


def escape(text):
    """One line of input for the C drivers (COPY-text escapes)."""
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


VADER_CORPORA = ("tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets")
VADER_CUT = 0.5


def read_vader(folder):
    """The four VADER corpora (human mean ratings, -4 .. 4): (corpus, text, rating, label), the
    label cut at +-VADER_CUT (rating >= 0.5 positive, <= -0.5 negative, else neutral)."""
    out = []
    for name in VADER_CORPORA:
        path = os.path.join(folder, name + "_GroundTruth.txt")
        for line in open(path, encoding="utf-8").read().splitlines():
            _id, rating, text = line.split("\t", 2)
            r = float(rating)
            label = 2 if r >= VADER_CUT else 0 if r <= -VADER_CUT else 1
            out.append((name, text, r, label))
    return out
