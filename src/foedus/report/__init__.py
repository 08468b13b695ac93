"""Reports: the self-contained HTML brief and its ``results.json``.

Compute first (:func:`compute_brief`), render second (:func:`write_brief`).
"""

from foedus.report._brief import (
    DEFAULT_BRIEF_DRAWS,
    ScenarioRun,
    compare_runs,
    compute_brief,
    write_brief,
)
from foedus.report._html import render_report

__all__ = [
    "DEFAULT_BRIEF_DRAWS",
    "ScenarioRun",
    "compare_runs",
    "compute_brief",
    "render_report",
    "write_brief",
]
