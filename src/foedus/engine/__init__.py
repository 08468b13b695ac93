"""The scenario engine: triggered obligations, the cascade, deterrence, Monte Carlo.

Public API::

    load_scenario, parse_scenario, bundled_scenarios   scenario files
    compile_scenario, triggered_obligations            the deterministic view
    run_scenario, compare_results                      Monte Carlo on common random numbers
    clustered_wilson, paired_difference                95% intervals over clustered draws
    sensitivity                                        Sobol / Morris indices (SALib)
    ReliabilityProvider, BaseRateProvider              where honour probabilities come from

See ``docs/engine.md`` for the model and ``docs/scenarios.md`` for the file format.
"""

from foedus.engine._compile import Compiled, ObligationRow, compile_scenario
from foedus.engine._honour import (
    BaseRateProvider,
    ObligationCovariates,
    ReliabilityProvider,
    default_provider,
    fitted_provider,
)
from foedus.engine._params import DEFAULTS, ParamSpec
from foedus.engine._run import (
    DEFAULT_DRAWS,
    ScenarioResult,
    TriggerResult,
    cascades_per_world,
    clustered_wilson,
    compare_results,
    paired_difference,
    run_scenario,
    wilson,
)
from foedus.engine._scenario import (
    Scenario,
    ScenarioSpec,
    Trigger,
    bundled_scenarios,
    load_scenario,
    parse_scenario,
    resolve_scenario,
)
from foedus.engine._sensitivity import sensitivity
from foedus.engine._trigger import TriggerFinding, triggered_obligations

__all__ = [
    "DEFAULTS",
    "DEFAULT_DRAWS",
    "BaseRateProvider",
    "Compiled",
    "ObligationCovariates",
    "ObligationRow",
    "ParamSpec",
    "ReliabilityProvider",
    "Scenario",
    "ScenarioResult",
    "ScenarioSpec",
    "Trigger",
    "TriggerFinding",
    "TriggerResult",
    "bundled_scenarios",
    "cascades_per_world",
    "clustered_wilson",
    "compare_results",
    "compile_scenario",
    "default_provider",
    "fitted_provider",
    "load_scenario",
    "paired_difference",
    "parse_scenario",
    "resolve_scenario",
    "run_scenario",
    "sensitivity",
    "triggered_obligations",
    "wilson",
]
