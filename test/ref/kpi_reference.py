#!/usr/bin/python3
"""KPI statistics of pg_empathy against independent implementations (scipy, statsmodels).

Run by test/t/401_kpi_reference.sh.  Usage:
  kpi_reference.py gen DIR        write the deterministic test data to DIR/*.tsv
  kpi_reference.py check DIR      compare DIR/*.out (psql output) with the references
Prints one line per family with the largest relative difference and exits 1 on any miss.
"""
import csv
import math
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

TOL = 1e-9
EPOCH = np.datetime64("1970-01-01T00:00:00", "us")


def rel(a, b):
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return 0.0 if (a is None) == (b is None or math.isnan(b)) else float("inf")
    return abs(a - b) / max(abs(b), 1e-300) if abs(b) > 1e-12 else abs(a - b)


def ptol(p):
    """Documented tolerance for p-values: 1e-9 relative down to p = 1e-6; below, where the
    continued fraction of the incomplete beta function and scipy's algorithm differ in the
    last digits of a tail probability, 1e-7 relative (far below any decision threshold)."""
    return TOL if p >= 1e-6 else 1e-7


class Compare:
    """cmp(family, what, got, want[, tol, scale]) records the largest relative difference per
    family and every miss; scale: compare |got - want| relative to scale instead of |want|
    (interval bounds, which are differences of the estimate and the half-width, can be near 0).
    None stands for NULL and matches only None or NaN."""

    def __init__(self):
        self.worst = {}
        self.bad = []

    def __call__(self, family, what, got, want, tol=TOL, scale=None):
        r = rel(got, want) if scale is None or got is None or want is None else abs(got - want) / scale
        self.worst[family] = max(self.worst.get(family, 0.0), r)
        if not r <= tol:
            self.bad.append(f"{family} {what}: got {got} want {want} (rel {r:.3g})")

    def report(self):
        """print one line per family and the first misses; the exit status"""
        for fam in sorted(self.worst):
            print(f"{fam:16s} max relative difference {self.worst[fam]:.2e}")
        for b in self.bad[:20]:
            print("MISS", b)
        return 1 if self.bad else 0


def gen(d):
    rng = np.random.default_rng(20261130)
    # trends: 40 groups of 3..400 rows, times spread over 2 hours .. 3 years, varied slopes
    with open(f"{d}/trend.tsv", "w") as f:
        for g in range(40):
            n = int(rng.integers(3, 400))
            span = float(rng.choice([7200, 86400 * 30, 86400 * 1100]))
            start = int(rng.integers(1.5e9, 1.8e9))
            t = np.sort(start + rng.uniform(0, span, n)).round(6)
            y = rng.normal(0, 1, n) + float(rng.normal(0, 2)) * (t - start) / span
            if g % 10 == 0:
                y = np.clip(y / 4, -1, 1)          # compound-like values
            for ti, yi in zip(t, y):
                f.write(f"{g}\t{ti:.6f}\t{yi!r}\n")
    # means (sentiment in [-1, 1], CES 1..7) and proportions, 30 pairs of groups each
    with open(f"{d}/means.tsv", "w") as f:
        for g in range(60):
            n = int(rng.integers(2, 300))
            x = np.clip(rng.normal(rng.uniform(-0.5, 0.5), 0.4, n), -1, 1)
            c = rng.integers(1, 8, n)
            k = rng.integers(1, 6, n)
            for a, b, e in zip(x, c, k):
                f.write(f"{g}\t{a!r}\t{b}\t{e}\n")
    # control charts: 10 series of 5..200 values, some with a shift
    with open(f"{d}/control.tsv", "w") as f:
        for g in range(10):
            n = int(rng.integers(5, 200))
            x = rng.normal(rng.uniform(-5, 5), rng.uniform(0.1, 3), n)
            x[n // 2:] += float(rng.choice([0, 0, 2]))
            for i, v in enumerate(x):
                f.write(f"{g}\t{i}\t{v!r}\n")
    # p-values for multiple testing
    with open(f"{d}/pvals.tsv", "w") as f:
        for g in range(20):
            m = int(rng.integers(1, 60))
            p = rng.uniform(0, 1, m) ** float(rng.choice([1, 3, 8]))
            f.write(f"{g}\t{{{','.join(repr(float(v)) for v in p)}}}\n")


def read(path):
    with open(path) as f:
        return [r for r in csv.reader(f, delimiter="\t")]


def num(s):
    return None if s == "" else float(s)


def check(d):
    cmp = Compare()

    # trend
    rows = read(f"{d}/trend.tsv")
    data = {}
    for g, t, y in rows:
        data.setdefault(int(g), ([], []))
        data[int(g)][0].append(float(t))
        data[int(g)][1].append(float(y))
    for r in read(f"{d}/trend.out"):
        g = int(r[0])
        t = np.array(data[g][0]) / 86400.0          # days since 1970
        y = np.array(data[g][1])
        lr = stats.linregress(t, y)
        n = len(t)
        tc = stats.t.ppf(0.975, n - 2)
        n_, slope, icpt, se, lo, hi, p, r2 = int(r[1]), *map(num, r[2:])
        cmp("kpi_trend", f"g{g} n", n_, n, 0)
        cmp("kpi_trend", f"g{g} slope", slope, lr.slope)
        cmp("kpi_trend", f"g{g} stderr", se, lr.stderr)
        hw = max(abs(lr.slope), tc * lr.stderr)
        cmp("kpi_trend", f"g{g} ci_low", lo, lr.slope - tc * lr.stderr, scale=hw)
        cmp("kpi_trend", f"g{g} ci_high", hi, lr.slope + tc * lr.stderr, scale=hw)
        cmp("kpi_trend", f"g{g} p", p, lr.pvalue, ptol(lr.pvalue))
        cmp("kpi_trend", f"g{g} r2", r2, lr.rvalue ** 2)
        # the intercept at 1970 extrapolates far: compare relative to |slope| * mean days
        cmp("kpi_trend", f"g{g} intercept", icpt, lr.intercept,
            1e-9 * max(1.0, abs(lr.slope) * t.mean() / max(abs(lr.intercept), 1e-300)))

    # sentiment and CES means, Welch tests, CSAT Wilson and pooled z
    m = {}
    for g, x, c, k in read(f"{d}/means.tsv"):
        e = m.setdefault(int(g), ([], [], []))
        e[0].append(float(x)); e[1].append(int(c)); e[2].append(int(k))
    for r in read(f"{d}/means.out"):
        g = int(r[0])
        x, c, k = (np.array(v, dtype=float) for v in m[g])
        n = len(x)
        for fam, v, vals in (("sentiment_stats", x, r[1:5]), ("ces_stats", c, r[5:9])):
            mean, sd, lo, hi = map(num, vals)
            cmp(fam, f"g{g} mean", mean, v.mean())
            cmp(fam, f"g{g} sd", sd, v.std(ddof=1))
            ilo, ihi = stats.t.interval(0.95, n - 1, loc=v.mean(), scale=stats.sem(v))
            hw = max(abs(v.mean()), ihi - v.mean())
            cmp(fam, f"g{g} ci_low", lo, ilo, scale=hw)
            cmp(fam, f"g{g} ci_high", hi, ihi, scale=hw)
        sat = int((k >= 4).sum())
        csat, lo, hi = map(num, r[9:12])
        wl, wh = proportion_confint(sat, n, alpha=0.05, method="wilson")
        cmp("csat_stats", f"g{g} csat", csat, 100.0 * sat / n)
        cmp("csat_stats", f"g{g} wilson low", lo, 100 * wl)
        cmp("csat_stats", f"g{g} wilson high", hi, 100 * wh)
    for r in read(f"{d}/diffs.out"):
        a, b = int(r[0]), int(r[1])
        for fam, col, vals in (("sentiment_diff", 0, r[2:5]), ("ces_diff", 1, r[5:8])):
            va = np.array(m[a][col], dtype=float)
            vb = np.array(m[b][col], dtype=float)
            tt = stats.ttest_ind(vb, va, equal_var=False)
            stat, p, df = map(num, vals)
            cmp(fam, f"{a}-{b} t", stat, tt.statistic)
            cmp(fam, f"{a}-{b} p", p, tt.pvalue, ptol(tt.pvalue))
            sa, sb = va.var(ddof=1) / len(va), vb.var(ddof=1) / len(vb)
            cmp(fam, f"{a}-{b} df", df, (sa + sb) ** 2 / (sa ** 2 / (len(va) - 1) + sb ** 2 / (len(vb) - 1)))
        ka, kb = (int((np.array(m[i][2]) >= 4).sum()) for i in (a, b))
        na, nb = len(m[a][2]), len(m[b][2])
        z, p = map(num, r[8:10])
        if z is not None:
            zz, pp = proportions_ztest([kb, ka], [nb, na])
            cmp("csat_diff", f"{a}-{b} z", z, zz)
            cmp("csat_diff", f"{a}-{b} p", p, pp, ptol(pp))

    # multiple testing
    pv = {int(g): [float(v) for v in s.strip("{}").split(",")] for g, s in read(f"{d}/pvals.tsv")}
    for r in read(f"{d}/pvals.out"):
        g, method = int(r[0]), r[1]
        got = [float(v) for v in r[2].strip("{}").split(",")]
        want = multipletests(pv[g], method={"bh": "fdr_bh", "holm": "holm", "bonferroni": "bonferroni"}[method])[1]
        for i, (u, w) in enumerate(zip(got, want)):
            cmp("p_adjust", f"{method} g{g}[{i}]", u, w, 1e-12)

    # control charts vs pandas: ewm(alpha, adjust=False), expanding mean/std of earlier rows
    import pandas as pd
    ctl = {}
    for g, i, v in read(f"{d}/control.tsv"):
        ctl.setdefault(int(g), []).append(float(v))
    lam, width = 0.25, 2.7
    for r in read(f"{d}/control.out"):
        g, i = int(r[0]), int(r[1])
        x = pd.Series(ctl[g])
        ew = x.ewm(alpha=lam, adjust=False).mean()
        center = x.expanding().mean().shift(1)
        sigma = x.expanding().std(ddof=1).shift(1)
        ewma, lo, hi = map(num, r[2:5])
        n = i + 1
        cmp("kpi_control", f"g{g}[{i}] ewma", ewma, float(ew[i]))
        if n >= 3 and sigma[i] > 0:
            half = width * sigma[i] * math.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * n)))
            cmp("kpi_control", f"g{g}[{i}] lower", lo, center[i] - half, scale=max(abs(center[i]), half))
            cmp("kpi_control", f"g{g}[{i}] upper", hi, center[i] + half, scale=max(abs(center[i]), half))
        else:
            cmp("kpi_control", f"g{g}[{i}] no limits", lo, None)

    return cmp.report()


def main(gen, check):
    if sys.argv[1] == "gen":
        gen(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2]))


if __name__ == "__main__":
    main(gen, check)
