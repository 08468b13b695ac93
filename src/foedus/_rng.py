"""The one way foedus makes random number generators."""

from __future__ import annotations

import numpy as np

DEFAULT_SEED = 20240619  # the day the Russia–DPRK treaty was signed


def make_rng(seed: int | np.random.Generator | None = None) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator`.

    Parameters
    ----------
    seed : int, Generator or None
        An existing generator is returned as is; ``None`` uses :data:`DEFAULT_SEED` so that
        every run is reproducible unless a seed is chosen on purpose.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(DEFAULT_SEED if seed is None else seed)
