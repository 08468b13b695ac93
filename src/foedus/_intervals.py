"""95% intervals for Monte Carlo shares whose draws are clustered by world.

The scenario engine draws ``G`` *worlds* (one draw of every uncertain input each) and ``K``
cascades inside each world, ``N = G·K`` draws in all, stored world after world (draws
``g·K … g·K + K − 1`` belong to world ``g``). Draws of one world share their inputs, so they are
positively correlated and a share of all ``N`` draws carries less information than ``N``
independent trials. Every interval of the engine and of the analyses built on it comes from the
per-world means, through the two functions of this module:

* :func:`clustered_wilson` — a proportion: the Wilson score interval with Kish's effective
  sample size ``n_eff = N / deff``, where the design effect ``deff = K · s²_w / (p(1 − p))`` is
  estimated from the sample variance ``s²_w`` of the ``G`` per-world means (the cluster-robust
  variance of the share, divided by the binomial one; Kish 1965, *Survey Sampling*, ch. 5;
  Korn & Graubard 1998, *Survey Methodology* 24(2), use the same effective sample size in
  intervals for proportions from clustered surveys). Since the draws of a world are independent
  given the world, ``1 ≤ deff ≤ K``; the estimate is clipped to that range, so the interval is
  never narrower than Wilson on ``N`` nor wider than Wilson on ``G``.
* :func:`paired_difference` — a difference of two runs on common random numbers: the mean
  per-world paired difference, with the standard error of the ``G`` per-world differences and a
  normal 95% interval.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = [
    "Z95",
    "ClusteredShare",
    "clustered_wilson",
    "paired_difference",
    "wilson",
    "wilson_bounds",
    "world_means",
]

#: The 97.5% quantile of the standard normal distribution.
Z95 = 1.959963984540054

FloatArray = npt.NDArray[np.float64]


def wilson_bounds(p: npt.ArrayLike, n: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Wilson score 95% bounds of proportions ``p`` from ``n`` trials (arrays broadcast).

    ``n`` may be fractional (an effective sample size); ``n ≤ 0`` gives ``(0, 1)``.

    Examples
    --------
    >>> lo, hi = wilson_bounds([0.5, 0.0], 100)
    >>> [round(float(x), 4) for x in lo], [round(float(x), 4) for x in hi]
    ([0.4038, 0.0], [0.5962, 0.037])
    """
    pp = np.asarray(p, dtype=np.float64)
    nn = np.asarray(n, dtype=np.float64)
    pp, nn = np.broadcast_arrays(pp, nn)
    ok = nn > 0
    safe = np.where(ok, nn, 1.0)
    z2 = Z95 * Z95
    denom = 1.0 + z2 / safe
    centre = (pp + z2 / (2.0 * safe)) / denom
    half = Z95 * np.sqrt(np.clip(pp * (1.0 - pp), 0.0, None) / safe + z2 / (4.0 * safe**2)) / denom
    lo = np.where(ok, np.clip(centre - half, 0.0, 1.0), 0.0)
    hi = np.where(ok, np.clip(centre + half, 0.0, 1.0), 1.0)
    return lo, hi


def wilson(p: float, n: float) -> tuple[float, float]:
    """Wilson score 95% interval of a proportion ``p`` from ``n`` independent trials.

    Examples
    --------
    >>> [round(x, 4) for x in wilson(0.5, 100)]
    [0.4038, 0.5962]
    """
    lo, hi = wilson_bounds(p, n)
    return float(lo), float(hi)


def _layout(n_draws: int, worlds: int) -> int:
    if worlds <= 0 or n_draws % worlds:
        raise ValueError(f"{n_draws} draws cannot be split into {worlds} worlds of equal size")
    return n_draws // worlds


def world_means(x: npt.ArrayLike, worlds: int) -> FloatArray:
    """Per-world means of draws ``x`` (axis 0: ``worlds × K`` draws, world after world).

    Parameters
    ----------
    x : array-like of shape (N, ...)
        0/1 indicators or values per draw; further axes are kept.
    worlds : int
        ``G``; must divide ``N``.

    Returns
    -------
    ndarray of shape (G, ...)

    Examples
    --------
    >>> world_means([1, 0, 1, 1, 0, 0], worlds=3).tolist()
    [0.5, 1.0, 0.0]
    """
    a = np.asarray(x)
    k = _layout(a.shape[0], worlds)
    return np.asarray(a.reshape(worlds, k, *a.shape[1:]).mean(axis=1, dtype=np.float64))


class ClusteredShare(NamedTuple):
    """Shares with their cluster-robust Wilson 95% bounds (arrays of one shape)."""

    p: FloatArray
    lo: FloatArray
    hi: FloatArray
    deff: FloatArray  # Kish design effect, in [1, K]
    n_eff: FloatArray  # N / deff


def clustered_wilson(x: npt.ArrayLike, worlds: int) -> ClusteredShare:
    """Shares of draws ``x`` with Wilson 95% intervals on Kish's effective sample size.

    Parameters
    ----------
    x : array-like of shape (N, ...)
        0/1 indicators per draw, ``worlds`` worlds of ``K = N / worlds`` draws each, world after
        world; further axes (e.g. states) are treated separately, all at once.
    worlds : int
        ``G``. With ``worlds == N`` (one draw per world) this is plain Wilson on ``N``.

    Returns
    -------
    ClusteredShare
        ``p`` (share of all draws), ``lo``, ``hi``, ``deff`` and ``n_eff``, each of shape
        ``x.shape[1:]``. ``deff = K·s²_w / (p(1 − p))`` clipped to ``[1, K]``, with ``s²_w`` the
        sample variance (ddof 1) of the per-world means; when ``p`` is 0 or 1 the design effect
        cannot be estimated and the worst case ``K`` is used (Wilson on ``G``).

    Examples
    --------
    >>> import numpy as np
    >>> same = np.repeat([1, 0, 0, 1], 5)  # 4 worlds of 5 identical draws
    >>> r = clustered_wilson(same, worlds=4)
    >>> float(r.p), float(r.deff), float(r.n_eff)
    (0.5, 5.0, 4.0)
    """
    a = np.asarray(x)
    n_draws = a.shape[0]
    k = _layout(n_draws, worlds)
    means = world_means(a, worlds)
    p = np.asarray(a.mean(axis=0, dtype=np.float64))  # = means.mean(axis=0), without rounding
    pq = p * (1.0 - p)
    if worlds > 1 and k > 1:
        var_w = means.var(axis=0, ddof=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = np.where(pq > 0, k * var_w / np.where(pq > 0, pq, 1.0), float(k))
        deff = np.clip(raw, 1.0, float(k))
    else:
        deff = np.full_like(p, float(k))
    n_eff = n_draws / deff
    lo, hi = wilson_bounds(p, n_eff)
    return ClusteredShare(p=p, lo=lo, hi=hi, deff=deff, n_eff=n_eff)


def paired_difference(
    xa: npt.ArrayLike, xb: npt.ArrayLike, worlds: int | None = None
) -> dict[str, Any]:
    """``B − A`` on common random numbers, with a cluster-robust paired 95% interval.

    Parameters
    ----------
    xa, xb : array-like of shape (N,)
        Per-draw values of two runs that share their random numbers draw for draw.
    worlds : int, optional
        ``G`` (must divide ``N``); default ``N`` (every draw its own world).

    Returns
    -------
    dict
        ``diff`` (mean difference), ``ci95`` (normal interval ``diff ± 1.96·se``), ``se`` (the
        standard deviation of the ``G`` per-world differences over √G) and ``se_independent``
        (the cluster-robust standard error two independent runs of ``G`` worlds would have).

    Examples
    --------
    >>> d = paired_difference([0, 0, 1, 1], [1, 1, 1, 1], worlds=2)
    >>> d["diff"], d["se"], d["se_independent"]
    (0.5, 0.5, 0.5)
    """
    a = np.asarray(xa, dtype=np.float64)
    b = np.asarray(xb, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError("both runs must have the same draws")
    g = a.shape[0] if worlds is None else worlds
    ma, mb = world_means(a, g), world_means(b, g)
    d = mb - ma
    mean = float((b - a).mean()) if g else float("nan")
    if g > 1:
        se = float(d.std(ddof=1) / math.sqrt(g))
        se_ind = float(math.sqrt((ma.var(ddof=1) + mb.var(ddof=1)) / g))
    else:
        se = se_ind = float("nan")
    return {
        "diff": mean,
        "ci95": [mean - Z95 * se, mean + Z95 * se],
        "se": se,
        "se_independent": se_ind,
        "worlds": g,
    }
