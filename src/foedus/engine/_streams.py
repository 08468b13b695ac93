"""Keyed random streams: common random numbers across scenarios.

Each random input of the engine (a parameter, an obligation's honour draw, a pair's strike draw)
gets its own generator, keyed by the run's seed and by the *names* of the entities it belongs
to, never by their position in an array. Two scenarios that share an obligation therefore share
its draws even when one of them adds or removes other ties — the basis of the common random
numbers that make scenario differences precise.
"""

from __future__ import annotations

import hashlib

import numpy as np

from foedus._rng import make_rng


def stream_seed(seed: int, *key: str) -> int:
    """A 63-bit integer seed derived from ``seed`` and the key parts (stable across runs)."""
    h = hashlib.blake2b(digest_size=8)
    h.update(str(int(seed)).encode())
    for part in key:
        h.update(b"\x1f")
        h.update(part.encode())
    return int.from_bytes(h.digest(), "little") >> 1


def stream(seed: int, *key: str) -> np.random.Generator:
    """The generator for the random input named by ``key`` under ``seed``.

    Examples
    --------
    >>> a = stream(1, "param", "gamma").random(3)
    >>> b = stream(1, "param", "gamma").random(3)
    >>> bool((a == b).all())
    True
    """
    return make_rng(stream_seed(seed, *key))


def uniforms(seed: int, n: int, *key: str) -> np.ndarray:
    """``n`` float32 uniforms in [0, 1) for the input named by ``key``."""
    return stream(seed, *key).random(n, dtype=np.float32)
