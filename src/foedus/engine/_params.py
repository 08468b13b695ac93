"""The engine's named parameters: every uncertain input, its range and where the range comes from.

A parameter is either fixed (``low == high``) or uniform on ``[low, high]``, or triangular when a
``central`` value is given. Scenario files override any of them by name. Each parameter carries
its provenance so that every number the engine prints can name the assumptions behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from foedus.engine._streams import stream

Basis = Literal["literature", "data", "assumption", "seed"]


@dataclass(frozen=True)
class ParamSpec:
    """One named input of the engine.

    Parameters
    ----------
    name : str
    low, high : float
        The range; equal for a fixed value.
    central : float, optional
        Mode of a triangular distribution; uniform when None.
    description : str
    basis : {"literature", "data", "assumption", "seed"}
        What the range rests on: a published figure, a dataset, foedus's own assumption, or
        the seed article's judgement as quantified by foedus.
    source : str
        The reference (author year) or the reason for the assumption.
    """

    name: str
    low: float
    high: float
    central: float | None
    description: str
    basis: Basis
    source: str

    @property
    def fixed(self) -> bool:
        """Whether the parameter has no spread."""
        return self.low == self.high

    @property
    def mean(self) -> float:
        """Mean of the distribution."""
        if self.central is None:
            return (self.low + self.high) / 2.0
        return (self.low + self.high + self.central) / 3.0

    def sample(self, n: int, seed: int) -> np.ndarray:
        """``n`` draws (float64), reproducible: the stream is keyed by the parameter's name."""
        if self.fixed:
            return np.full(n, self.low)
        u = stream(seed, "param", self.name).random(n)
        return self.ppf(u)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Quantile function: map uniforms in [0, 1] to values (used by the sensitivity designs)."""
        lo, hi = self.low, self.high
        if self.fixed:
            return np.full(np.shape(u), lo)
        if self.central is None:
            return lo + (hi - lo) * np.asarray(u)
        c = (self.central - lo) / (hi - lo)
        u = np.asarray(u)
        left = lo + np.sqrt(u * (hi - lo) * (self.central - lo))
        right = hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - self.central))
        return np.where(u < c, left, right)

    def with_range(self, low: float, high: float, central: float | None = None) -> ParamSpec:
        """A copy with a new range, marked as a scenario override."""
        return ParamSpec(
            self.name,
            low,
            high,
            central,
            self.description,
            "assumption",
            f"scenario override (default: {self.source})",
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "low": self.low,
            "high": self.high,
            "central": self.central,
            "description": self.description,
            "basis": self.basis,
            "source": self.source,
        }


def _p(
    name: str,
    low: float,
    high: float,
    description: str,
    basis: Basis,
    source: str,
    central: float | None = None,
) -> ParamSpec:
    return ParamSpec(name, low, high, central, description, basis, source)


#: Default parameters. Ranges marked ``assumption`` are foedus's and say why in ``source``.
DEFAULTS: dict[str, ParamSpec] = {
    p.name: p
    for p in (
        _p(
            "gamma",
            0.6,
            1.6,
            "decisiveness exponent of the contest success function capability^γ / Σ capability^γ",
            "literature",
            "Tullock 1980 contest (γ = 1); Hirshleifer 1989 on the decisiveness of conflict; "
            "range is foedus's",
            central=1.0,
        ),
        _p(
            "projection_global",
            0.5,
            0.9,
            "share of a global power's capability it can bring to a regional theatre",
            "literature",
            "Boulding 1962 loss-of-strength gradient; range is foedus's assumption",
        ),
        _p(
            "projection_distant",
            0.1,
            0.4,
            "share of a power's capability it can bring to a theatre other than its own",
            "literature",
            "Boulding 1962 loss-of-strength gradient; range is foedus's assumption",
        ),
        _p(
            "value_limited_strike",
            0.1,
            0.4,
            "attacker's value of a successful limited strike (a full victory is worth about 1)",
            "assumption",
            "foedus: a limited strike seeks a limited gain (stability–instability paradox, "
            "Snyder 1965)",
        ),
        _p(
            "cost_limited_strike",
            0.02,
            0.12,
            "attacker's expected cost of a limited strike, on the same scale",
            "assumption",
            "foedus: limited strikes are chosen because they are cheap",
        ),
        _p(
            "value_invasion",
            0.6,
            1.0,
            "attacker's value of winning a full invasion",
            "assumption",
            "foedus: normalisation (a full victory is worth about 1)",
        ),
        _p(
            "cost_invasion",
            0.25,
            0.6,
            "attacker's expected cost of a full invasion",
            "assumption",
            "foedus: a major war is costly even when won",
        ),
        _p(
            "value_blockade",
            0.2,
            0.5,
            "attacker's value of a successful blockade",
            "assumption",
            "foedus: coercion short of invasion",
        ),
        _p(
            "cost_blockade",
            0.05,
            0.25,
            "attacker's expected cost of a blockade",
            "assumption",
            "foedus",
        ),
        _p(
            "retaliation_limited_strike",
            0.4,
            0.9,
            "probability that the target strikes back at the attacker's territory after a "
            "limited strike",
            "assumption",
            "foedus: ROK declared policy of immediate punishment; range is foedus's",
        ),
        _p(
            "retaliation_invasion",
            0.8,
            1.0,
            "probability that an invaded target strikes the attacker's territory",
            "assumption",
            "foedus: an invaded state fights back",
        ),
        _p(
            "retaliation_blockade",
            0.2,
            0.6,
            "probability that a blockaded target strikes the attacker's territory",
            "assumption",
            "foedus",
        ),
        _p(
            "strike",
            0.2,
            0.6,
            "probability that a belligerent strikes the territory of a given enemy belligerent",
            "assumption",
            "foedus: spread mechanism behind chain-ganging (Christensen & Snyder 1990)",
        ),
        _p(
            "tripwire_limited_strike",
            0.05,
            0.3,
            "probability that forces a third state deploys on the target are hit by a "
            "limited strike",
            "assumption",
            "foedus: tripwire forces (Schelling 1966); a limited strike can avoid them",
        ),
        _p(
            "tripwire_invasion",
            0.8,
            1.0,
            "probability that forces deployed on an invaded state are hit",
            "assumption",
            "foedus: tripwire forces (Schelling 1966)",
        ),
        _p(
            "tripwire_blockade",
            0.1,
            0.4,
            "probability that forces deployed on a blockaded state are hit",
            "assumption",
            "foedus",
        ),
        _p(
            "struck_joins",
            0.7,
            1.0,
            "probability that a state whose own forces are struck joins the war against the "
            "striker",
            "assumption",
            "foedus: self-defence; tripwires work because of it",
        ),
        _p(
            "sympathy",
            0.0,
            0.04,
            "per-round hazard of joining a side, per unit strength of positive ties to its "
            "belligerents",
            "assumption",
            "foedus: small by design; most third parties stay out (Leeds 2003)",
        ),
        _p(
            "opportunism",
            0.0,
            0.02,
            "per-round hazard of joining a side, per unit strength of negative ties to the "
            "other side's belligerents",
            "assumption",
            "foedus: small by design",
        ),
        _p(
            "initiator_logit",
            -1.2,
            -0.2,
            "shift of the log-odds of honouring a defence obligation owed to the state that "
            "started the war",
            "literature",
            "Leeds 2003 (defensive pacts are written for defence); Johnson & Leeds 2011; "
            "range is foedus's",
        ),
        _p(
            "engagement_retaliation_logit",
            -2.0,
            -0.5,
            "shift of the log-odds that a government oriented to engagement retaliates",
            "assumption",
            "foedus quantification of the seed's C20 (a left-leaning ROK government)",
        ),
        _p(
            "engagement_reliability_logit",
            -1.0,
            0.0,
            "shift of the log-odds that a government oriented to engagement honours its "
            "obligations",
            "assumption",
            "foedus quantification of the seed's C20",
        ),
    )
}

#: Parameters that vary per world in the Monte Carlo and in the sensitivity analysis.
UNCERTAIN_KINDS = ("limited_strike", "invasion", "blockade")


def resolve_params(overrides: dict[str, tuple[float, float, float | None]]) -> dict[str, ParamSpec]:
    """The default parameters with ``overrides`` (name → (low, high, central)) applied."""
    out = dict(DEFAULTS)
    for name, (low, high, central) in overrides.items():
        base = out.get(name)
        if base is None:
            raise KeyError(name)
        out[name] = base.with_range(low, high, central)
    return out
