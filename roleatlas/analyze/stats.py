"""The statistics behind every figure: intervals, quantiles, tests and similarity.

Pure functions over plain Python numbers, so each can be checked against a direct computation.

- ``wilson_interval``: Wilson score interval for a proportion (z = 1.96 for 95%).
- ``quantile``: linear interpolation between order statistics, Hyndman & Fan type 7 — the same
  as DuckDB ``quantile_cont`` and numpy's default ``np.quantile``.
- ``bootstrap_median_ci``: percentile bootstrap interval of the median. Instead of materialising
  each resample, it draws the resample's order statistics directly: the k-th smallest of n
  uniform draws is Beta(k, n + 1 − k), and floor(n·U) maps iid uniforms onto iid resampled
  positions monotonically, so the k-th smallest resampled position is floor(n·U₍ₖ₎). This is the
  ordinary nonparametric bootstrap in distribution, at O(1) per resample instead of O(n log n).
- ``cluster_bootstrap_medians``: the bootstrap for a sample with exact repeats: the distinct
  answer patterns are resampled with replacement, each carrying all its repeats, and the type-7
  median of the expanded resample is taken (Davison & Hinkley 1997, §3.8, resampling clusters).
- ``fisher_exact``: two-sided Fisher's exact test of a 2×2 table (sum of hypergeometric
  probabilities no larger than the observed one), valid at any count.
- ``log_odds_dirichlet``: weighted log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words", §3.5), z-scored.
- ``two_proportion_z``: pooled two-proportion z-test, two-sided; ``benjamini_hochberg`` adjusts
  a family of p-values (false discovery rate).
- ``weighted_jaccard``: Σ min(aᵢ, bᵢ) / Σ max(aᵢ, bᵢ) over the union of keys.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate

Z95 = 1.959963984540054
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20240601


def wilson_interval(count: int, n: int, *, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for ``count`` successes out of ``n``; ``None`` when n = 0."""
    if n <= 0:
        return None
    p = count / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    lo = 0.0 if count == 0 else max(0.0, centre - half)
    hi = 1.0 if count == n else min(1.0, centre + half)
    return lo, hi


def quantile(sorted_values: Sequence[float], q: float) -> float | None:
    """Type-7 quantile of already sorted values (linear interpolation); ``None`` when empty."""
    n = len(sorted_values)
    if n == 0:
        return None
    h = (n - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, n - 1)
    return float(sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo]))


def describe(values: Iterable[float]) -> dict[str, float | int | None]:
    """n, p10, p25, p50, p75, p90 and mean of a sample (type-7 quantiles)."""
    xs = sorted(float(v) for v in values if v is not None)
    out: dict[str, float | int | None] = {"n": len(xs)}
    for name, q in (("p10", 0.1), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p90", 0.9)):
        out[name] = quantile(xs, q)
    out["mean"] = sum(xs) / len(xs) if xs else None
    return out


def describe_counts(counts: Iterable[tuple[float, int]]) -> dict[str, float | int | None]:
    """``describe`` of a sample given as ``(value, count)`` pairs, without expanding it.

    Quantiles pick the same order statistics as ``describe``. The mean is the same float as
    ``describe``'s left-to-right sum when every value is an integer below 2**53 (then every
    partial sum is exact, whatever the order); otherwise the sum is replayed value by value.
    """
    pairs = sorted((float(v), int(c)) for v, c in counts if v is not None and c > 0)
    n = sum(c for _, c in pairs)
    ends = list(accumulate(c for _, c in pairs))

    def at(i: int) -> float:
        return pairs[bisect_right(ends, i)][0]

    out: dict[str, float | int | None] = {"n": n}
    for name, q in (("p10", 0.1), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p90", 0.9)):
        if not n:
            out[name] = None
            continue
        h = (n - 1) * q
        lo = math.floor(h)
        hi = min(lo + 1, n - 1)
        x_lo, x_hi = at(lo), at(hi)
        out[name] = float(x_lo + (h - lo) * (x_hi - x_lo))
    if not n:
        out["mean"] = None
    elif all(v.is_integer() and abs(v) * n < 2**53 for v, _ in pairs):
        out["mean"] = float(sum(int(v) * c for v, c in pairs)) / n
    else:
        total = 0.0
        for v, c in pairs:
            for _ in range(c):
                total += v
        out["mean"] = total / n
    return out


def bootstrap_medians(
    sorted_values: Sequence[float],
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    rng: random.Random,
) -> list[float]:
    """Medians (type 7) of ``resamples`` bootstrap resamples of a sorted sample."""
    n = len(sorted_values)
    if n == 0:
        return []
    h = (n - 1) * 0.5
    k = math.floor(h)  # 0-based order statistic; the median is x(k) + frac * (x(k+1) - x(k))
    frac = h - k
    out = []
    for _ in range(resamples):
        u_k = rng.betavariate(k + 1, n - k)
        idx_k = min(int(n * u_k), n - 1)
        if frac == 0 or n == 1:
            out.append(float(sorted_values[idx_k]))
            continue
        # the next order statistic: the smallest of the n - k - 1 uniforms above u_k
        u_next = u_k + (1 - u_k) * rng.betavariate(1, n - k - 1)
        idx_next = min(int(n * u_next), n - 1)
        lo, hi = sorted_values[idx_k], sorted_values[idx_next]
        out.append(float(lo + frac * (hi - lo)))
    return out


def cluster_bootstrap_medians(
    patterns: Sequence[tuple[float, int]],
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> list[float]:
    """Medians (type 7) of ``resamples`` cluster-bootstrap resamples.

    ``patterns``: the distinct answers as ``(value, repeats)``, sorted by value. Each resample
    draws as many patterns as there are, with replacement; a drawn pattern brings all its
    repeats, so the resample's size varies with the repeats drawn.
    """
    import numpy as np

    m = len(patterns)
    if m == 0:
        return []
    values = np.array([float(v) for v, _ in patterns])
    weights = np.array([int(c) for _, c in patterns], dtype=np.int64)
    rng = np.random.default_rng(seed)
    out: list[float] = []
    batch = max(1, min(resamples, 2_000_000 // m))
    done = 0
    while done < resamples:
        r = min(batch, resamples - done)
        draws = rng.integers(0, m, size=(r, m))
        flat = (draws + (np.arange(r) * m)[:, None]).ravel()
        counts = np.bincount(flat, minlength=r * m).reshape(r, m)
        cum = np.cumsum(counts * weights, axis=1)
        total = cum[:, -1]
        h = (total - 1) / 2
        k = np.floor(h).astype(np.int64)
        frac = h - k
        # the pattern holding the k-th (0-based) and the next order statistic of each resample
        lo = (cum <= k[:, None]).sum(axis=1)
        hi = (cum <= np.minimum(k + 1, total - 1)[:, None]).sum(axis=1)
        med = values[lo] + frac * (values[hi] - values[lo])
        out.extend(float(x) for x in med)
        done += r
    return out


def fisher_exact(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided Fisher's exact p of ``x1`` of ``n1`` vs ``x2`` of ``n2``."""
    if n1 <= 0 or n2 <= 0:
        return 1.0
    k, n = x1 + x2, n1 + n2
    lo, hi = max(0, k - n2), min(k, n1)

    def logp(a: int) -> float:
        return (
            math.lgamma(n1 + 1) - math.lgamma(a + 1) - math.lgamma(n1 - a + 1)
            + math.lgamma(n2 + 1) - math.lgamma(k - a + 1) - math.lgamma(n2 - k + a + 1)
            - math.lgamma(n + 1) + math.lgamma(k + 1) + math.lgamma(n - k + 1)
        )  # fmt: skip

    observed = logp(x1)
    total = 0.0
    for a in range(lo, hi + 1):
        lp = logp(a)
        if lp <= observed + 1e-7:
            total += math.exp(lp)
    return min(1.0, total)


def bootstrap_median_ci(
    values: Iterable[float],
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the median; deterministic for a given seed."""
    xs = sorted(float(v) for v in values)
    if not xs:
        return None
    meds = sorted(bootstrap_medians(xs, resamples=resamples, rng=random.Random(seed)))
    alpha = (1 - level) / 2
    return quantile(meds, alpha), quantile(meds, 1 - alpha)  # type: ignore[return-value]


def bootstrap_median_diff_ci(
    a: Iterable[float],
    b: Iterable[float],
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of median(b) − median(a), resampling each side alone."""
    xa, xb = sorted(float(v) for v in a), sorted(float(v) for v in b)
    if not xa or not xb:
        return None
    rng = random.Random(seed)
    ma = bootstrap_medians(xa, resamples=resamples, rng=rng)
    mb = bootstrap_medians(xb, resamples=resamples, rng=rng)
    diffs = sorted(y - x for x, y in zip(ma, mb, strict=True))
    alpha = (1 - level) / 2
    return quantile(diffs, alpha), quantile(diffs, 1 - alpha)  # type: ignore[return-value]


def log_odds_dirichlet(
    counts_i: Mapping[str, float],
    counts_j: Mapping[str, float],
    prior: Mapping[str, float],
    *,
    prior_total: float = 1000.0,
) -> dict[str, tuple[float, float]]:
    """Weighted log-odds of each word in group i vs group j, with an informative prior.

    ``prior`` holds background counts (e.g. all postings); they are rescaled so the prior's
    total pseudo-count is ``prior_total``. Returns ``{word: (delta, z)}`` where ``delta`` is the
    log-odds ratio (positive: more typical of i) and ``z = delta / sqrt(var)``.
    """
    prior_sum = sum(prior.values())
    if prior_sum <= 0:
        return {}
    alpha = {w: prior_total * c / prior_sum for w, c in prior.items() if c > 0}
    a0 = sum(alpha.values())
    n_i = sum(counts_i.values())
    n_j = sum(counts_j.values())
    out = {}
    for w, a_w in alpha.items():
        y_i = counts_i.get(w, 0.0)
        y_j = counts_j.get(w, 0.0)
        l_i = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
        l_j = math.log((y_j + a_w) / (n_j + a0 - y_j - a_w))
        delta = l_i - l_j
        var = 1 / (y_i + a_w) + 1 / (y_j + a_w)
        out[w] = (delta, delta / math.sqrt(var))
    return out


def two_proportion_z(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """Pooled two-proportion z-test: ``(z, two-sided p)``; z > 0 when x2/n2 > x1/n1."""
    if n1 <= 0 or n2 <= 0:
        return 0.0, 1.0
    p = (x1 + x2) / (n1 + n2)
    se = math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0, 1.0
    z = (x2 / n2 - x1 / n1) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def benjamini_hochberg(pvalues: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the input order."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, pvalues[i] * m / rank)
        q[i] = running
    return q


def weighted_jaccard(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Σ min / Σ max over the union of keys; 0 when both are empty."""
    keys = set(a) | set(b)
    num = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    den = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return num / den if den > 0 else 0.0


def share(count: int, n: int, **extra: object) -> dict[str, object]:
    """A share figure: count, n, share and Wilson 95% interval (fractions, 4 decimals)."""
    ci = wilson_interval(count, n)
    return {
        **extra,
        "count": int(count),
        "n": int(n),
        "share": round(count / n, 4) if n else None,
        "ci": [round(ci[0], 4), round(ci[1], 4)] if ci else None,
    }
