"""The statistics against direct computations and published values."""

from __future__ import annotations

import math
import random

import pytest

from roleatlas.analyze import stats


def test_wilson_known_value() -> None:
    # Wilson 95% for 81/263 (Wikipedia / Newcombe 1998 style check): 0.2553 .. 0.3662
    lo, hi = stats.wilson_interval(81, 263)
    assert lo == pytest.approx(0.2553, abs=5e-4)
    assert hi == pytest.approx(0.3662, abs=5e-4)
    # Newcombe (1998) example: 15/148 -> 0.0624 .. 0.1605
    lo, hi = stats.wilson_interval(15, 148)
    assert lo == pytest.approx(0.0624, abs=5e-4)
    assert hi == pytest.approx(0.1605, abs=5e-4)


def test_wilson_edges() -> None:
    assert stats.wilson_interval(0, 0) is None
    lo, hi = stats.wilson_interval(0, 10)
    assert lo == 0.0 and 0.2 < hi < 0.35
    lo, hi = stats.wilson_interval(10, 10)
    assert hi == 1.0 and 0.65 < lo < 0.8


def test_quantile_is_type_7() -> None:
    np = pytest.importorskip("numpy")
    rng = random.Random(1)
    for n in (1, 2, 3, 10, 101):
        xs = sorted(rng.uniform(0, 100) for _ in range(n))
        for q in (0.1, 0.25, 0.5, 0.75, 0.9):
            assert stats.quantile(xs, q) == pytest.approx(float(np.quantile(xs, q)))
    assert stats.quantile([], 0.5) is None


def test_bootstrap_median_ci_matches_resampling() -> None:
    np = pytest.importorskip("numpy")
    rng = random.Random(7)
    xs = [round(rng.lognormvariate(11.5, 0.4), -3) for _ in range(301)]
    lo, hi = stats.bootstrap_median_ci(xs, resamples=4000)
    gen = np.random.default_rng(3)
    arr = np.array(xs)
    meds = np.median(arr[gen.integers(0, len(xs), (4000, len(xs)))], axis=1)
    ref_lo, ref_hi = np.quantile(meds, [0.025, 0.975])
    spread = ref_hi - ref_lo
    assert lo == pytest.approx(ref_lo, abs=0.15 * spread)
    assert hi == pytest.approx(ref_hi, abs=0.15 * spread)
    assert lo <= stats.quantile(sorted(xs), 0.5) <= hi
    # deterministic
    assert stats.bootstrap_median_ci(xs) == stats.bootstrap_median_ci(xs)


def test_bootstrap_even_n_and_tiny() -> None:
    assert stats.bootstrap_median_ci([5.0]) == (5.0, 5.0)
    lo, hi = stats.bootstrap_median_ci([1.0, 2.0, 3.0, 4.0])
    assert 1.0 <= lo <= 2.5 <= hi <= 4.0
    assert stats.bootstrap_median_ci([]) is None


def test_median_difference_interval_covers_shift() -> None:
    rng = random.Random(11)
    a = [rng.gauss(100, 10) for _ in range(400)]
    b = [x + 20 for x in a]
    lo, hi = stats.bootstrap_median_diff_ci(a, b)
    assert lo < 20 < hi


def test_log_odds_sanity() -> None:
    # a word used far more in group i is distinctive for i; a word used equally is not
    counts_i = {"pytorch": 40, "sql": 50, "excel": 5}
    counts_j = {"pytorch": 10, "sql": 500, "excel": 300}
    prior = {w: counts_i.get(w, 0) + counts_j.get(w, 0) for w in set(counts_i) | set(counts_j)}
    out = stats.log_odds_dirichlet(counts_i, counts_j, prior)
    assert out["pytorch"][1] > 1.96
    assert out["excel"][1] < -1.96
    assert out["pytorch"][0] > out["sql"][0] > out["excel"][0]
    # symmetric: swapping the groups flips the sign
    flipped = stats.log_odds_dirichlet(counts_j, counts_i, prior)
    assert flipped["pytorch"][0] == pytest.approx(-out["pytorch"][0])


def test_two_proportion_z_direct() -> None:
    z, p = stats.two_proportion_z(30, 100, 50, 100)
    pool = 0.4
    se = math.sqrt(pool * (1 - pool) * (2 / 100))
    assert z == pytest.approx(0.2 / se)
    assert p == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    assert 0.003 < p < 0.006


def test_benjamini_hochberg() -> None:
    q = stats.benjamini_hochberg([0.01, 0.04, 0.03, 0.005])
    # sorted: .005(4) .01(1) .03(3) .04(2) -> .02 .02 .04 .04
    assert q == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_weighted_jaccard() -> None:
    assert stats.weighted_jaccard({"a": 0.5, "b": 0.5}, {"a": 0.5, "b": 0.5}) == 1.0
    assert stats.weighted_jaccard({"a": 1.0}, {"b": 1.0}) == 0.0
    assert stats.weighted_jaccard({"a": 0.6, "b": 0.2}, {"a": 0.3, "c": 0.4}) == pytest.approx(
        0.3 / (0.6 + 0.2 + 0.4)
    )
    assert stats.weighted_jaccard({}, {}) == 0.0
