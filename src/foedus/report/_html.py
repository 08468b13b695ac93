"""Render the brief's HTML: a Jinja2 template shipped with the package, Plotly inlined.

The page is self-contained: the plotly.js bundle of the installed plotly package is embedded
once, so the report opens offline and needs no network.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from foedus.engine import DEFAULTS
from foedus.packs import load_pack
from foedus.report import _figures as figs

if TYPE_CHECKING:
    from foedus.report._brief import ScenarioRun

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle of the installed plotly package."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: "–" if v is None else f"{100 * float(v):.1f}%"
    env.tests["contains"] = lambda seq, item: item in seq
    env.filters["num"] = lambda v, d=3: "–" if v is None else f"{float(v):.{d}f}"
    return env


def _div(fig: Any, div_id: str) -> str:
    return str(
        fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=div_id,
            config={"displaylogo": False, "responsive": True},
        )
    )


def render_report(results: dict[str, Any], runs: dict[str, ScenarioRun]) -> str:
    """The report as one HTML string."""
    scen = results["scenarios"]
    pack_id = scen[0]["deterrence_holds"]["provenance"]["pack"] if scen else None
    pack = load_pack(pack_id) if pack_id else None
    as_of = scen[0]["as_of"] if scen else None
    view = pack.as_of(as_of) if pack is not None and as_of else pack
    figures = {}
    if view is not None:
        figures["map"] = _div(figs.architecture_map(view), "fig-map")
    if scen:
        figures["join_target"] = _div(figs.intervention_heatmap(results, "target"), "fig-jt")
        figures["join_attacker"] = _div(figs.intervention_heatmap(results, "attacker"), "fig-ja")
        figures["deterrence"] = _div(figs.deterrence_figure(results, runs), "fig-det")
    if results.get("comparisons"):
        figures["deltas"] = _div(figs.deltas_figure(results), "fig-deltas")
    if results.get("sensitivity"):
        figures["sensitivity"] = _div(figs.sensitivity_figure(results["sensitivity"]), "fig-sens")
    analyses = results.get("analyses")
    if analyses:
        figures["wedge"] = _div(figs.wedge_figure(analyses["wedge"]), "fig-wedge")
        if analyses["coupling"].get("spread"):
            figures["spread"] = _div(figs.spread_figure(analyses["coupling"]), "fig-spread")
        figures["sustainment"] = _div(figs.sustainment_figure(analyses["sustainment"]), "fig-sus")
        figures["brokerage"] = _div(figs.brokerage_figure(analyses["brokerage"]), "fig-brok")
    claims = {c.id: c.summary for c in pack.claims} if pack is not None else {}
    sources = []
    if view is not None:
        cited = {s for sc in scen for ob in sc["obligations"] for s in ob["sources"]}
        sources = [s for s in view.sources if s.id in cited or s.kind == "dataset"]
    reliability = scen[0]["deterrence_holds"]["provenance"]["reliability"] if scen else {}
    template = _env().get_template("brief.html.j2")
    return template.render(
        results=results,
        scenarios=scen,
        figures=figures,
        plotly_js=plotly_js(),
        claims=claims,
        deltas={c["b"]: c for c in results.get("comparisons") or []},
        sources=sources,
        parameters=list(DEFAULTS.values()),
        reliability=reliability,
        pack=pack,
        analyses=analyses,
    )
