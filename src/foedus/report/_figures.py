"""Plotly figures of the brief, built from the computed results (no computation of numbers here)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from foedus.model import Pack

if TYPE_CHECKING:
    from foedus.report._brief import ScenarioRun

TIE_STYLE: dict[str, tuple[str, str, str]] = {
    # kind → (colour, dash, legend label)
    "defense_pact": ("#1f5fbf", "solid", "defence pact"),
    "troop_deployment": ("#1f5fbf", "dot", "troop deployment"),
    "security_framework": ("#6a8fd6", "dash", "security framework"),
    "strategic_partnership": ("#2e9e5b", "dash", "strategic partnership"),
    "arms_transfer": ("#d18b00", "dot", "arms transfer"),
    "economic_support": ("#d18b00", "dashdot", "economic support"),
    "rivalry": ("#c0392b", "dash", "rivalry"),
    "war": ("#8b0000", "solid", "war"),
}
LAYOUT = dict(
    template="plotly_white",
    margin=dict(l=60, r=20, t=50, b=50),
    font=dict(family="system-ui, sans-serif", size=12),
)


def architecture_map(pack: Pack) -> go.Figure:
    """The architecture as a network: states placed by theatre, ties styled by kind."""
    states = [a for a in pack.actors if a.kind == "state"]
    groups: dict[str, list[str]] = {}
    for a in states:
        groups.setdefault(a.theatre or "other", []).append(a.id)
    centres = {"europe": (-1.2, 0.0), "global": (0.0, 0.9), "indo_pacific": (1.2, 0.0)}
    pos: dict[str, tuple[float, float]] = {}
    for theatre, ids in groups.items():
        cx, cy = centres.get(theatre, (0.0, -1.0))
        r = 0.0 if len(ids) == 1 else 0.55
        for k, aid in enumerate(sorted(ids)):
            ang = 2 * math.pi * k / max(1, len(ids)) + 0.3
            pos[aid] = (cx + r * math.cos(ang), cy + r * math.sin(ang))
    fig = go.Figure()
    shown: set[str] = set()
    for tie in pack.ties:
        style = TIE_STYLE.get(tie.kind)
        members = [m for m in tie.members if m in pos]
        if style is None or len(members) < 2:
            continue
        colour, dash, label = style
        xs: list[float | None] = []
        ys: list[float | None] = []
        for i, m1 in enumerate(members):
            for m2 in members[i + 1 :]:
                xs += [pos[m1][0], pos[m2][0], None]
                ys += [pos[m1][1], pos[m2][1], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=colour, dash=dash, width=1 + 2 * tie.strength),
                name=label,
                legendgroup=label,
                showlegend=label not in shown,
                hoverinfo="text",
                text=f"{tie.name or tie.id} ({tie.kind})",
            )
        )
        shown.add(label)
    cinc: dict[str, float] = {}
    for st in states:
        value = st.attribute("cinc")
        cinc[st.id] = float(value.value) if value is not None else 0.0
    fig.add_trace(
        go.Scatter(
            x=[pos[a][0] for a in pos],
            y=[pos[a][1] for a in pos],
            mode="markers+text",
            text=list(pos),
            textposition="top center",
            marker=dict(
                size=[12 + 120 * math.sqrt(float(cinc[a])) for a in pos],
                color="#444",
                opacity=0.8,
            ),
            name="state (size ∝ √CINC)",
            hovertext=[f"{a}: CINC {float(cinc[a]):.4f}" for a in pos],
            hoverinfo="text",
        )
    )
    for theatre, (cx, cy) in centres.items():
        if theatre in groups:
            fig.add_annotation(
                x=cx,
                y=cy - 0.8,
                text=theatre.replace("_", "-"),
                showarrow=False,
                font=dict(size=14, color="#777"),
            )
    fig.update_layout(
        **LAYOUT,
        height=520,
        title="The architecture as of the scenarios' date",
        xaxis=dict(visible=False),
        yaxis=dict(visible=False, scaleanchor="x"),
    )
    return fig


def intervention_heatmap(results: dict[str, Any], side: str) -> go.Figure:
    """P(actor joins ``side``) for every scenario × actor."""
    scen = results["scenarios"]
    actors = list(scen[0]["actors"]) if scen else []
    key = "p_join_target" if side == "target" else "p_join_attacker"
    z = [[s["actors"].get(a, {}).get(key, float("nan")) for a in actors] for s in scen]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=actors,
            y=[s["id"] for s in scen],
            zmin=0,
            zmax=1,
            colorscale="Blues" if side == "target" else "Reds",
            text=[[f"{v:.2f}" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate="%{y}<br>%{x}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_layout(
        **LAYOUT,
        height=120 + 34 * len(scen),
        title=f"P(joins the {side}'s side)",
        yaxis=dict(autorange="reversed"),
    )
    return fig


def deterrence_figure(results: dict[str, Any], runs: dict[str, ScenarioRun]) -> go.Figure:
    """P(deterrence holds) with 95% intervals, beside the distribution of the attack's utility."""
    from plotly.subplots import make_subplots

    scen = results["scenarios"]
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.4, 0.6],
        subplot_titles=(
            "P(deterrence holds), 95% interval",
            "attacker's expected utility per world",
        ),
    )
    ids = [s["id"] for s in scen]
    p = [s["deterrence_holds"]["p"] for s in scen]
    lo = [s["deterrence_holds"]["p"] - s["deterrence_holds"]["ci95"][0] for s in scen]
    hi = [s["deterrence_holds"]["ci95"][1] - s["deterrence_holds"]["p"] for s in scen]
    fig.add_trace(
        go.Scatter(
            x=p,
            y=ids,
            mode="markers",
            error_x=dict(type="data", array=hi, arrayminus=lo),
            marker=dict(size=10, color="#1f5fbf"),
            name="P(deterrence holds)",
        ),
        row=1,
        col=1,
    )
    for sid in ids:
        u = runs[sid].utility
        fig.add_trace(
            go.Violin(
                x=u,
                y=[sid] * len(u),
                orientation="h",
                side="positive",
                width=1.6,
                points=False,
                line=dict(width=1, color="#555"),
                fillcolor="rgba(31,95,191,0.35)",
                name=sid,
                showlegend=False,
            ),
            row=1,
            col=2,
        )
    fig.add_vline(x=0, line=dict(color="#c0392b", dash="dash"), row=1, col=2)
    fig.update_xaxes(range=[0, 1], row=1, col=1)
    fig.update_layout(
        **LAYOUT, height=140 + 40 * len(ids), showlegend=False, yaxis=dict(autorange="reversed")
    )
    return fig


def deltas_figure(results: dict[str, Any]) -> go.Figure:
    """Each scenario minus its baseline, on common random numbers, with 95% intervals."""
    comps = results.get("comparisons") or []
    labels = [f"{c['b']} − {c['a']}" for c in comps]
    fig = go.Figure()
    for key, name, colour in (
        ("deterrence_holds", "Δ P(deterrence holds)", "#1f5fbf"),
        ("p_cross_theatre", "Δ P(war spans both theatres)", "#d18b00"),
    ):
        d = [c[key]["diff"] for c in comps]
        fig.add_trace(
            go.Bar(
                x=d,
                y=labels,
                orientation="h",
                name=name,
                marker_color=colour,
                error_x=dict(
                    type="data",
                    array=[c[key]["ci95"][1] - c[key]["diff"] for c in comps],
                    arrayminus=[c[key]["diff"] - c[key]["ci95"][0] for c in comps],
                ),
            )
        )
    fig.update_layout(
        **LAYOUT,
        barmode="group",
        height=160 + 60 * len(labels),
        title="Scenario deltas against their baselines (common random numbers)",
        yaxis=dict(autorange="reversed"),
    )
    return fig


def sensitivity_figure(sens: dict[str, Any]) -> go.Figure:
    """Sobol first-order and total indices of whether deterrence holds."""
    factors = sens["factors"][:15]
    names = [f["name"] for f in factors]
    fig = go.Figure()
    for key, colour in (("ST", "#1f5fbf"), ("S1", "#6a8fd6")):
        if key not in factors[0]:
            continue
        fig.add_trace(
            go.Bar(
                x=[max(0.0, f[key]) for f in factors],
                y=names,
                orientation="h",
                name={"ST": "total index", "S1": "first-order index"}[key],
                marker_color=colour,
                error_x=dict(type="data", array=[f[f"{key}_conf"] for f in factors]),
            )
        )
    fig.update_layout(
        **LAYOUT,
        barmode="group",
        height=160 + 36 * len(names),
        title=(
            f"What drives deterrence in {sens['scenario']} (Sobol indices, {sens['worlds']} worlds)"
        ),
        yaxis=dict(autorange="reversed"),
    )
    return fig


# ------------------------------------------------------------------------------ analyses
def wedge_figure(wedge: dict[str, Any]) -> go.Figure:
    """Drop in P(deterrence holds) for the exposed member when each camp member wavers."""
    rows = wedge["ranking"]
    fig = go.Figure(
        go.Bar(
            x=[r["drop"] for r in rows],
            y=[r["member"] for r in rows],
            orientation="h",
            marker_color="#1f5fbf",
            error_x=dict(type="data", array=[1.959963984540054 * r["drop_se"] for r in rows]),
            hovertemplate="%{y} wavers: drop %{x:.4f}<extra></extra>",
        )
    )
    fig.update_layout(
        **LAYOUT,
        height=140 + 30 * len(rows),
        title=(
            f"Whose wavering lowers P(deterrence holds) for {wedge['exposed']} most "
            f"({wedge['scenario']}, swing {wedge['swing']:g}; 95% paired intervals)"
        ),
        xaxis_title="drop in P(deterrence holds)",
        yaxis=dict(autorange="reversed"),
    )
    return fig


def spread_figure(coupling: dict[str, Any]) -> go.Figure:
    """P(war spreads across theatres) with and without the pact, both directions."""
    entries = coupling.get("spread") or []
    labels = [f"{e['from']} → {e['to']}<br>({e['scenario']})" for e in entries]
    fig = go.Figure()
    for key, name, colour in (
        ("p_with", "with the pact", "#c0392b"),
        ("p_without", "without the pact", "#6a8fd6"),
    ):
        fig.add_trace(go.Bar(x=labels, y=[e[key] for e in entries], name=name, marker_color=colour))
    fig.update_layout(
        **LAYOUT,
        barmode="group",
        height=360,
        title="P(a war started in one theatre draws in a state of the other)",
        yaxis=dict(title="probability", rangemode="tozero"),
    )
    return fig


def sustainment_figure(sus: dict[str, Any]) -> go.Figure:
    """Months of sustainable fire (5%, median, 95%) with all suppliers and without each."""
    horizon = float(sus["horizon_months"])
    rows = sus["scenarios"]
    names = [r["scenario"] for r in rows]

    def val(v: float | None) -> float:
        return horizon if v is None else float(v)

    q50 = [val(r["months"]["q50"]) for r in rows]
    q05 = [val(r["months"]["q05"]) for r in rows]
    q95 = [val(r["months"]["q95"]) for r in rows]
    fig = go.Figure(
        go.Bar(
            x=q50,
            y=names,
            orientation="h",
            marker_color="#d18b00",
            error_x=dict(
                type="data",
                array=[h - m for h, m in zip(q95, q50, strict=True)],
                arrayminus=[m - lo for m, lo in zip(q50, q05, strict=True)],
            ),
            hovertemplate="%{y}: median %{x:.1f} months<extra></extra>",
        )
    )
    fig.add_vline(x=horizon, line=dict(color="#777", dash="dot"))
    fig.update_layout(
        **LAYOUT,
        height=140 + 50 * len(rows),
        title=(
            f"Months of sustainable fire at {sus['intensity_per_day']:,.0f} rounds/day "
            f"(median, 5–95%; the dotted line is the {horizon:g}-month horizon)"
        ),
        xaxis_title="months",
        yaxis=dict(autorange="reversed"),
    )
    return fig


def brokerage_figure(brokerage: dict[str, Any], top: int = 10) -> go.Figure:
    """Betweenness on the positive network, the top actors."""
    rows = [r for r in brokerage["actors"] if r["betweenness"] > 0][:top]
    fig = go.Figure(
        go.Bar(
            x=[r["betweenness"] for r in rows],
            y=[r["actor"] for r in rows],
            orientation="h",
            marker_color="#2e9e5b",
        )
    )
    fig.update_layout(
        **LAYOUT,
        height=140 + 30 * max(1, len(rows)),
        title="Who sits between others: betweenness on the positive network",
        yaxis=dict(autorange="reversed"),
    )
    return fig
