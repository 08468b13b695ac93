"""Penalised logistic regression by Newton's method, for many weightings at once.

The reliability model's point fit and every bootstrap replicate are the same problem with
different case weights: replicate *b* minimises

.. math::

    L_b(\\beta) = \\sum_i w_{bi}\\,[\\log(1 + e^{z_i}) - y_i z_i]
                 + \\tfrac{\\alpha}{2} \\sum_{j \\ge 1} \\beta_j^2,
    \\qquad z_i = \\beta_0 + x_i^\\top \\beta_{1:},

so all replicates are solved together: gradients ``(B, k)`` and Hessians ``(B, k, k)`` come from
single ``einsum`` expressions and one batched ``numpy.linalg.solve`` per Newton step, with a
vectorised step-halving line search. No Python loop runs over replicates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

# Added to the Hessian diagonal so that an unpenalised fit on separable data, or a replicate that
# drew a single outcome, stays solvable; far below any penalty used in practice.
_JITTER = 1e-9


@dataclass(frozen=True)
class BatchFit:
    """Result of :func:`fit_logistic_batch`.

    Attributes
    ----------
    beta : ndarray, shape (B, k + 1)
        Intercept first, then the ``k`` coefficients.
    converged : ndarray of bool, shape (B,)
    n_iter : int
        Newton iterations run.
    """

    beta: np.ndarray
    converged: np.ndarray
    n_iter: int


def penalised_nll(
    beta: np.ndarray, xc: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float
) -> np.ndarray:
    """Objective of every replicate: ``beta`` (B, k+1), ``xc`` (n, k+1) with a ones column."""
    z = beta @ xc.T  # (B, n)
    # logaddexp(0, z) is log(1 + e^z) without overflow for large |z|.
    nll = np.einsum("bn,bn->b", w, np.logaddexp(0.0, z) - y[None, :] * z)
    return nll + 0.5 * alpha * np.einsum("bk,bk->b", beta[:, 1:], beta[:, 1:])


def fit_logistic_batch(
    x: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    alpha: float,
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
) -> BatchFit:
    """Fit ``B`` ridge-penalised logistic regressions that differ only in their case weights.

    Parameters
    ----------
    x : ndarray, shape (n, k)
        Features (the caller standardises them; the intercept is added here, unpenalised).
    y : ndarray, shape (n,)
        Outcomes in {0, 1}.
    weights : ndarray, shape (B, n)
        Non-negative case weights (bootstrap counts; a row of ones is the plain fit).
    alpha : float
        Ridge penalty on the coefficients (not the intercept).
    max_iter : int
        Newton iterations at most.
    tol : float
        Convergence when the largest Newton step component is below ``tol``.

    Returns
    -------
    BatchFit
    """
    n, k = x.shape
    xc = np.hstack([np.ones((n, 1)), x])
    b_count = weights.shape[0]
    beta = np.zeros((b_count, k + 1))
    pen = np.full(k + 1, alpha, dtype=float)
    pen[0] = 0.0
    eye = np.eye(k + 1)
    converged = np.zeros(b_count, dtype=bool)
    obj = penalised_nll(beta, xc, y, weights, alpha)
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - Newton iterations, not draws
        p = expit(beta @ xc.T)  # (B, n)
        grad = np.einsum("bn,nk->bk", weights * (p - y[None, :]), xc) + pen * beta
        curv = weights * p * (1.0 - p)
        hess = np.einsum("bn,ni,nj->bij", curv, xc, xc) + (pen + _JITTER) * eye
        step = np.linalg.solve(hess, grad[..., None])[..., 0]
        step[converged] = 0.0
        # Step halving, all replicates at once: shrink only those whose objective rose.
        t = np.ones(b_count)
        new = beta - t[:, None] * step
        new_obj = penalised_nll(new, xc, y, weights, alpha)
        for _ in range(40):
            worse = new_obj > obj + 1e-12 * (1.0 + np.abs(obj))
            if not worse.any():
                break
            t = np.where(worse, t / 2.0, t)
            new = beta - t[:, None] * step
            new_obj = penalised_nll(new, xc, y, weights, alpha)
        beta, obj = new, new_obj
        converged |= np.max(np.abs(t[:, None] * step), axis=1) < tol
        if converged.all():
            break
    return BatchFit(beta=beta, converged=converged, n_iter=it)
