"""``foedus calibrate``: fit and cross-validate the alliance-reliability model.

``foedus bench calibrate`` times the same work (loading with covariates, the bootstrap fit, the
cross-validation).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.table import Table

from foedus.cli._common import JsonOption, console, print_json

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data directory holding alliance-reliability/ (and ATOP, NMC, democracy, COW "
        "majors for the covariates); default $FOEDUS_DATA.",
    ),
]

# Used when the covariate datasets are not in the data directory: the features the
# reliability file carries itself (era, membership and obligation types).
FILE_ONLY_FEATURES = (
    "post1945",
    "multilateral",
    "defense",
    "offense",
    "neutrality",
    "nonaggression_only",
)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add ``calibrate`` to ``app`` and its benchmark to ``bench_app``."""
    app.command("calibrate")(calibrate)
    bench_app.command("calibrate")(bench_calibrate)


def _data_root(data: Path | None) -> Path:
    from foedus.errors import DataNotFoundError
    from foedus.paths import data_dir

    root = data_dir(data)
    if root is None:
        raise DataNotFoundError("no data directory: pass --data DIR or set FOEDUS_DATA")
    if not root.is_dir():
        raise DataNotFoundError(f"data directory {root} does not exist")
    return root


def _warn(message: str) -> None:
    Console(stderr=True, highlight=False).print(f"[yellow]warning:[/] {message}")


def _tables(root: Path, evaluate: Path | None) -> tuple[Any, Any | None, tuple[str, ...]]:
    """The fitting table (and the evaluation table) with covariates when they can be joined."""
    from foedus.data.reliability import reliability_table
    from foedus.engine.reliability import DEFAULT_FEATURES
    from foedus.errors import DataNotFoundError

    try:
        fit_t = reliability_table(root)
        eval_t = reliability_table(root, path=evaluate) if evaluate is not None else None
        return fit_t, eval_t, DEFAULT_FEATURES
    except DataNotFoundError as exc:
        if "berkemeier" in str(exc).lower() or (evaluate is not None and not evaluate.is_file()):
            raise
        _warn(
            f"covariates unavailable ({exc}); fitting on the reliability file's own columns "
            f"({', '.join(FILE_ONLY_FEATURES)})"
        )
    fit_t = reliability_table(root, covariates=False)
    eval_t = reliability_table(root, path=evaluate, covariates=False) if evaluate else None
    return fit_t, eval_t, FILE_ONLY_FEATURES


def _diagram_lines(diagram: Any, width: int = 30) -> list[str]:
    """A text reliability diagram: one line per bin, observed rate as a bar, forecast as |."""
    lines = [f"{'forecast bin':<13}{'n':>4}  {'mean p':>6}  {'observed':>8}  0{' ' * (width - 2)}1"]
    for b in diagram.to_dict():
        bar = [" "] * width
        if b["n"]:
            filled = round(b["observed"] * width)
            bar[:filled] = ["█"] * filled
            mark = min(width - 1, int(b["mean_predicted"] * width))
            bar[mark] = "|"
            mp, ob = f"{b['mean_predicted']:.2f}", f"{b['observed']:.2f}"
        else:
            mp = ob = "–"
        label = f"{b['lower']:.1f}–{b['upper']:.1f}"
        lines.append(f"{label:<13}{b['n']:>4}  {mp:>6}  {ob:>8}  {''.join(bar)}")
    lines.append(
        "(bar: observed honour rate; |: mean forecast — a calibrated model puts | at the bar's end)"
    )
    return lines


def calibrate(
    data: DataOpt = None,
    evaluate: Annotated[
        Path | None,
        typer.Option(
            "--evaluate",
            help="Score the fitted model on this file (Berkemeier–Fuhrmann format) instead of "
            "cross-validating.",
        ),
    ] = None,
    folds: Annotated[
        int | None,
        typer.Option("--folds", help="Grouped folds (default: leave one war out)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of folds and bootstrap.")] = 0,
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", help="Bootstrap replicates for coefficient intervals.")
    ] = 1000,
    bins: Annotated[int, typer.Option("--bins", help="Bins of the reliability diagram.")] = 5,
    json_out: JsonOption = False,
) -> None:
    """Fit the alliance-reliability model; report grouped-CV Brier score, log loss, calibration.

    With --evaluate FILE, fit on the data directory's reliability file and score that file's
    performance opportunities; the base rate is the honour rate of the fitting data.
    """
    from foedus.engine import reliability as rel
    from foedus.errors import DataFormatError

    root = _data_root(data)
    fit_t, eval_t, features = _tables(root, evaluate)
    for name, frame in (("fitting data", fit_t), ("--evaluate file", eval_t)):
        if frame is not None and len(frame) == 0:
            src = frame.attrs.get("source", {}).get("path", name)
            raise DataFormatError(src, f"the {name} holds no performance opportunities")
    if fit_t["honoured"].nunique() < 2:
        src = fit_t.attrs.get("source", {}).get("path", "fitting data")
        raise DataFormatError(src, "every performance opportunity has the same outcome")
    x = rel.design_matrix(fit_t, features)
    y = fit_t["honoured"].to_numpy()
    groups = fit_t["warid"].to_numpy()

    if eval_t is not None:
        model = rel.ReliabilityModel(features=features, n_bootstrap=0).fit(x, y, groups)
        ev = rel.evaluate(
            model, rel.design_matrix(eval_t, features), eval_t["honoured"].to_numpy(), n_bins=bins
        )
        if json_out:
            print_json(
                {
                    "brier_model": round(ev.brier_model, 6),
                    "brier_base_rate": round(ev.brier_base_rate, 6),
                    "n": ev.n,
                }
            )
            return
        t = Table(title=f"Reliability model scored on {evaluate}")
        t.add_column("measure")
        t.add_column("model", justify="right")
        t.add_column(f"base rate {ev.base_rate:.3f}", justify="right")
        t.add_row("Brier score", f"{ev.brier_model:.4f}", f"{ev.brier_base_rate:.4f}")
        t.add_row("log loss", f"{ev.log_loss_model:.4f}", f"{ev.log_loss_base_rate:.4f}")
        t.add_row("Brier skill", f"{ev.brier_skill:.1%}", "0%")
        console.print(t)
        console.print(
            f"{ev.n} performance opportunities; fitted on {model.n_samples_} "
            f"opportunities in {model.n_groups_} wars"
        )
        for line in _diagram_lines(ev.diagram):
            console.print(line)
        return

    model = rel.ReliabilityModel(features=features, n_bootstrap=bootstrap, random_state=seed)
    model.fit(x, y, groups)
    cv = rel.cross_validate(model, x, y, groups, n_splits=folds, seed=seed, n_bins=bins)
    coefs: dict[str, dict[str, Any]] = {}
    draws = model.coef_draws_
    for j, name in enumerate(model.feature_names_in_):
        row: dict[str, Any] = {"coef": round(float(model.coef_[j]), 6)}
        if draws.shape[0]:
            lo, hi = np.quantile(draws[:, j], [0.025, 0.975])
            row["ci95"] = [round(float(lo), 6), round(float(hi), 6)]
        coefs[name] = row
    result = {
        "cross_validation": cv.to_dict(),
        "scheme": "leave one war out" if folds is None else f"{folds} grouped folds",
        "model": {
            "features": list(model.feature_names_in_),
            "alpha": model.alpha,
            "intercept": round(model.intercept_, 6),
            "coefficients": coefs,
            "bootstrap": int(draws.shape[0]),
        },
        "data": {
            "file": fit_t.attrs.get("source", {}).get("file"),
            "opportunities": len(fit_t),
            "honoured": int(y.sum()),
            "wars": int(np.unique(groups).size),
            "honour_rate_before_1945": _rate(y, ~fit_t["post1945"].to_numpy(dtype=bool)),
            "honour_rate_after_1945": _rate(y, fit_t["post1945"].to_numpy(dtype=bool)),
        },
    }
    if json_out:
        print_json(result)
        return
    d: dict[str, Any] = result["data"]  # type: ignore[assignment]
    console.print(
        f"[bold]Alliance reliability[/]: {d['opportunities']} performance opportunities in "
        f"{d['wars']} wars, {d['honoured']} honoured (base rate {cv.base_rate:.3f}; before 1945 "
        f"{d['honour_rate_before_1945']:.2f}, after {d['honour_rate_after_1945']:.2f})"
    )
    t = Table(title=f"Grouped cross-validation ({result['scheme']}, {cv.n_folds} folds)")
    t.add_column("measure")
    t.add_column("model", justify="right")
    t.add_column("fold base rate", justify="right")
    t.add_column("pooled base rate", justify="right")
    t.add_row(
        "Brier score",
        f"{cv.brier_model:.4f}",
        f"{cv.brier_base:.4f}",
        f"{cv.brier_pooled_base:.4f}",
    )
    t.add_row("Brier skill", "", f"{cv.brier_skill:.1%}", f"{cv.brier_skill_pooled:.1%}")
    t.add_row("log loss", f"{cv.log_loss_model:.4f}", f"{cv.log_loss_base:.4f}", "")
    console.print(t)
    c = Table(
        title=f"Coefficients (log-odds of honouring; ridge α={model.alpha:g}; "
        f"95% war-bootstrap interval, {draws.shape[0]} replicates)"
    )
    c.add_column("feature")
    c.add_column("coef", justify="right")
    c.add_column("95% interval", justify="right")
    c.add_row("(intercept)", f"{model.intercept_:+.3f}", "")
    for name, row in coefs.items():
        ci = row.get("ci95")
        c.add_row(name, f"{row['coef']:+.3f}", f"[{ci[0]:+.2f}, {ci[1]:+.2f}]" if ci else "")
    console.print(c)
    console.print("Reliability diagram (out-of-fold forecasts):")
    for line in _diagram_lines(cv.diagram):
        console.print(line)


def _rate(y: np.ndarray, mask: np.ndarray) -> float:
    return round(float(y[mask].mean()), 6) if mask.any() else float("nan")


def bench_calibrate(
    data: DataOpt = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Bootstrap replicates.")] = 1000,
    folds: Annotated[int | None, typer.Option("--folds")] = None,
    repeat: Annotated[int, typer.Option("--repeat", help="Repetitions of fit and CV.")] = 3,
    json_out: JsonOption = False,
) -> None:
    """Time loading (with covariates), the bootstrap fit and the grouped cross-validation."""
    import resource

    from foedus.engine.reliability import ReliabilityModel, cross_validate, design_matrix

    root = _data_root(data)
    t0 = time.perf_counter()
    fit_t, _, features = _tables(root, None)
    t_load = time.perf_counter() - t0
    x = design_matrix(fit_t, features)
    y = fit_t["honoured"].to_numpy()
    g = fit_t["warid"].to_numpy()
    fit_s, cv_s = [], []
    for r in range(max(1, repeat)):
        t0 = time.perf_counter()
        m = ReliabilityModel(features=features, n_bootstrap=bootstrap, random_state=r).fit(x, y, g)
        fit_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        cross_validate(m, x, y, g, n_splits=folds, seed=r)
        cv_s.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mib = peak / 1024 if sys.platform != "darwin" else peak / 2**20
    out = {
        "opportunities": len(fit_t),
        "features": len(features),
        "bootstrap": bootstrap,
        "load_s": round(t_load, 4),
        "fit_s_best": round(min(fit_s), 4),
        "cv_s_best": round(min(cv_s), 4),
        "cv_folds": folds or int(np.unique(g).size),
        "bootstrap_fits_per_s": round(bootstrap / min(fit_s), 1) if bootstrap else None,
        "peak_rss_mib": round(peak_mib, 1),
    }
    if json_out:
        print_json(out)
        return
    t = Table(title="foedus bench calibrate")
    t.add_column("measure")
    t.add_column("value", justify="right")
    for k, v in out.items():
        t.add_row(k, str(v))
    console.print(t)
