#!/usr/bin/python3
"""Outcome, retention and change statistics of pg_empathy against independent implementations.

Run by test/t/410_outcome_reference.sh.  Usage:
  outcome_reference.py gen DIR        write the deterministic test data to DIR/*.tsv
  outcome_reference.py check DIR      compare DIR/*.out (psql output) with the references
References: sklearn.metrics.roc_auc_score (AUC), DeLong's variance by the midrank algorithm of
Sun & Xu (2014) on scipy.stats.rankdata, scipy.stats.mannwhitneyu (asymptotic), pointbiserialr,
statsmodels Logit (odds ratio, Wald interval and p-value), statsmodels SurvfuncRight (Kaplan-Meier,
Greenwood; the log-log interval is computed here from SurvfuncRight's standard error), and for
change_point numpy's cumulative sums with scipy.stats.kstwobign (Kolmogorov distribution).
Prints one line per family with the largest relative difference and exits 1 on any miss.
"""
import math
import os
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kpi_reference import Compare, main, num, ptol, read  # noqa: E402

Z95 = stats.norm.ppf(0.975)


def gen(d):
    rng = np.random.default_rng(20261201)
    with open(f"{d}/assoc.tsv", "w") as f:
        for g in range(36):
            n = int(rng.choice([6, 25, 200, 3000]))
            kind = g % 4
            if kind == 0:        # continuous
                x = rng.normal(0, 1, n)
            elif kind == 1:      # compound-like, four decimals (ties)
                x = np.clip(rng.normal(0.1, 0.5, n), -1, 1).round(4)
            elif kind == 2:      # one decimal: heavy ties
                x = np.clip(rng.normal(0, 0.5, n), -1, 1).round(1)
            else:                # NPS answers 0..10
                x = rng.integers(0, 11, n).astype(float)
            b = float(rng.choice([0, 0.5, 2]))
            p = 1 / (1 + np.exp(-(float(rng.normal(0, 1)) + b * (x - x.mean()) / (x.std() + 1e-9))))
            y = rng.uniform(0, 1, n) < p
            if y.all() or not y.any():
                y[0] = not y[0]
            if g == 34:          # separated classes: no odds ratio
                y = x > np.median(x)
            for a, e in zip(x, y):
                f.write(f"{g}\t{a!r}\t{'t' if e else 'f'}\n")
    with open(f"{d}/surv.tsv", "w") as f:
        for g in range(20):
            n = int(rng.choice([5, 40, 500, 4000]))
            t = rng.exponential(float(rng.choice([30, 365])), n)
            if g % 2 == 0:
                t = np.ceil(t)   # whole days: ties
            e = rng.uniform(0, 1, n) < float(rng.choice([0.3, 0.7, 1.0]))
            for a, b in zip(t, e):
                f.write(f"{g}\t{a!r}\t{'t' if b else 'f'}\n")
    with open(f"{d}/change.tsv", "w") as f:
        for g in range(30):
            n = int(rng.choice([3, 12, 60, 400, 5000]))
            # whole seconds, some repeated (rows at the same time sort by value), shuffled
            t = 1.7e9 + rng.integers(0, n * 2, n) * 3600.0
            y = rng.normal(0, 1, n)
            shift = float(rng.choice([0, 0, 0.3, 1.0]))
            y[t > np.quantile(t, rng.uniform(0.2, 0.8))] += shift
            if g % 5 == 4:
                y = np.clip(y / 3, -1, 1).round(2)
            for a, b in zip(t, y):
                f.write(f"{g}\t{a:.0f}\t{b!r}\n")


def delong(x, y):
    """AUC and DeLong standard error, fast midrank algorithm (Sun & Xu 2014)."""
    pos, neg = x[y], x[~y]
    m, n = len(pos), len(neg)
    tx, ty = stats.rankdata(pos), stats.rankdata(neg)
    tz = stats.rankdata(np.concatenate([pos, neg]))
    auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
    v10 = (tz[:m] - tx) / n
    v01 = 1 - (tz[m:] - ty) / m
    se = math.sqrt(v10.var(ddof=1) / m + v01.var(ddof=1) / n) if m > 1 and n > 1 else None
    return auc, se


def check(d):
    import statsmodels.api as sm
    from sklearn.metrics import roc_auc_score
    from statsmodels.duration.survfunc import SurvfuncRight

    cmp = Compare()

    data = {}
    for g, x, y in read(f"{d}/assoc.tsv"):
        e = data.setdefault(int(g), ([], []))
        e[0].append(float(x))
        e[1].append(y == "t")
    for r in read(f"{d}/assoc.out"):
        g = int(r[0])
        x, y = np.array(data[g][0]), np.array(data[g][1])
        got = dict(zip(["n", "pos", "mpos", "mneg", "auc", "se", "lo", "hi", "p", "r", "rlo", "rhi", "rp",
                        "or", "orlo", "orhi", "orp"], map(num, r[1:])))
        f = "outcome_assoc"
        cmp(f, f"g{g} n", got["n"], len(x), 0)
        cmp(f, f"g{g} positives", got["pos"], int(y.sum()), 0)
        cmp(f, f"g{g} mean_positive", got["mpos"], x[y].mean())
        cmp(f, f"g{g} mean_negative", got["mneg"], x[~y].mean())
        cmp("auc", f"g{g} auc", got["auc"], roc_auc_score(y, x))
        auc, se = delong(x, y)
        cmp("auc", f"g{g} auc (ranks)", got["auc"], auc)
        cmp("auc_delong", f"g{g} se", got["se"], se)
        if se is not None:
            cmp("auc_delong", f"g{g} ci_low", got["lo"], max(0.0, auc - Z95 * se), scale=1)
            cmp("auc_delong", f"g{g} ci_high", got["hi"], min(1.0, auc + Z95 * se), scale=1)
        mw = stats.mannwhitneyu(x[y], x[~y], method="asymptotic")
        cmp("mann_whitney", f"g{g} p", got["p"], mw.pvalue, ptol(mw.pvalue))
        pb = stats.pointbiserialr(y, x)
        cmp("point_biserial", f"g{g} r", got["r"], pb.statistic)
        cmp("point_biserial", f"g{g} p", got["rp"], pb.pvalue, ptol(pb.pvalue))
        n = len(x)
        zr, h = math.atanh(pb.statistic), Z95 / math.sqrt(n - 3)
        cmp("point_biserial", f"g{g} ci_low", got["rlo"], math.tanh(zr - h), scale=1)
        cmp("point_biserial", f"g{g} ci_high", got["rhi"], math.tanh(zr + h), scale=1)
        separated = x[y].min() >= x[~y].max() or x[~y].min() >= x[y].max()
        if separated:
            cmp("logit", f"g{g} separated: no odds ratio", got["or"], None)
            continue
        m = sm.Logit(y.astype(float), sm.add_constant(x)).fit(disp=0, method="newton", tol=1e-14, maxiter=200)
        b, seb = m.params[1], m.bse[1]
        # statsmodels' Hessian and our grouped one differ in summation order: 1e-9 relative
        cmp("logit", f"g{g} odds_ratio", got["or"], math.exp(b))
        cmp("logit", f"g{g} or ci_low", got["orlo"], math.exp(b - Z95 * seb))
        cmp("logit", f"g{g} or ci_high", got["orhi"], math.exp(b + Z95 * seb))
        cmp("logit", f"g{g} or p", got["orp"], m.pvalues[1], ptol(m.pvalues[1]))

    surv = {}
    for g, t, e in read(f"{d}/surv.tsv"):
        s = surv.setdefault(int(g), ([], []))
        s[0].append(float(t))
        s[1].append(e == "t")
    km = {}
    for r in read(f"{d}/km.out"):
        km.setdefault(int(r[0]), []).append(list(map(num, r[1:])))
    for g, (t, e) in surv.items():
        t, e = np.array(t), np.array(e)
        rows = km[g]
        times = np.unique(t)
        f = "kaplan_meier"
        cmp(f, f"g{g} rows", len(rows), len(times), 0)
        sf = SurvfuncRight(t, e.astype(float))
        at = {tt: (p, s_, nr, ne) for tt, p, s_, nr, ne in
              zip(sf.surv_times, sf.surv_prob, sf.surv_prob_se, sf.n_risk, sf.n_events)}
        for row, tt in zip(rows, times):
            time, n_risk, events, censored, surv_p, se, lo, hi = row
            cmp(f, f"g{g} t={tt} time", time, tt)
            cmp(f, f"g{g} t={tt} at_risk", n_risk, int((t >= tt).sum()), 0)
            cmp(f, f"g{g} t={tt} censored", censored, int(((t == tt) & ~e).sum()), 0)
            if tt not in at:
                cmp(f, f"g{g} t={tt} events", events, 0, 0)
                continue
            p, s_, nr, ne = at[tt]
            cmp(f, f"g{g} t={tt} events", events, ne, 0)
            cmp(f, f"g{g} t={tt} survival", surv_p, p)
            if p == 0:
                cmp("km_greenwood", f"g{g} t={tt} se at 0", se, None)
                continue
            cmp("km_greenwood", f"g{g} t={tt} se", se, s_)
            if p < 1:
                hw = Z95 * s_ / (p * abs(math.log(p)))
                cmp("km_loglog", f"g{g} t={tt} ci_low", lo, p ** math.exp(hw))
                cmp("km_loglog", f"g{g} t={tt} ci_high", hi, p ** math.exp(-hw))

    series = {}
    for g, t, y in read(f"{d}/change.tsv"):
        e = series.setdefault(int(g), ([], []))
        e[0].append(float(t))
        e[1].append(float(y))
    for r in read(f"{d}/change.out"):
        g = int(r[0])
        t, y = np.array(series[g][0]), np.array(series[g][1])
        order = np.lexsort((y, t))
        t, y = t[order], y[order]
        n = len(y)
        cs = np.cumsum(y - y.mean())[:-1]
        k = int(np.argmax(np.abs(cs))) + 1
        stat = abs(cs[k - 1]) / (y.std(ddof=1) * math.sqrt(n))
        n_, ct, nb, na, mb, ma, shift, st, p = map(num, r[1:])
        f = "change_point"
        cmp(f, f"g{g} n", n_, n, 0)
        cmp(f, f"g{g} change time", ct, t[k], 0)
        cmp(f, f"g{g} n_before", nb, k, 0)
        cmp(f, f"g{g} n_after", na, n - k, 0)
        cmp(f, f"g{g} mean_before", mb, y[:k].mean())
        cmp(f, f"g{g} mean_after", ma, y[k:].mean())
        cmp(f, f"g{g} shift", shift, y[k:].mean() - y[:k].mean())
        cmp(f, f"g{g} statistic", st, stat)
        want = stats.kstwobign.sf(stat)
        cmp("change_kolmogorov", f"g{g} p", p, want, ptol(want))
    return cmp.report()


if __name__ == "__main__":
    main(gen, check)
