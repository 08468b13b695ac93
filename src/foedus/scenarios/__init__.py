"""The bundled scenario set: YAML files answering the seed's claims (see ``docs/scenarios.md``).

This package holds data only; :mod:`foedus.engine` loads and runs the files.
"""

from __future__ import annotations

from pathlib import Path

BUNDLED_DIR = Path(__file__).parent / "bundled"

#: The order in which ``foedus brief`` runs and reports the bundled scenarios.
ORDER = (
    "prk-limited-strike",
    "prk-invasion",
    "prk-limited-strike-no-pact",
    "prk-invasion-no-pact",
    "prk-invasion-paper-agreement",
    "prk-limited-strike-taiwan-crisis",
    "prk-invasion-us-leadership-change",
    "prk-limited-strike-rok-engagement",
    "prk-invasion-china-reengages",
    "rus-nato-escalation",
)


def bundled_order() -> list[str]:
    """Ids of the bundled scenarios: those in :data:`ORDER` first, then any others by name."""
    present = sorted(p.stem for p in BUNDLED_DIR.glob("*.yaml"))
    return [s for s in ORDER if s in present] + [s for s in present if s not in ORDER]


__all__ = ["BUNDLED_DIR", "ORDER", "bundled_order"]
