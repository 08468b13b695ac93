"""Domain types of foedus: immutable, typed, validated; they import nothing else of ours.

The package re-exports every public type; the implementation lives in one module per concept.
"""

from foedus.model._base import Citation, Frozen, ProbabilityRange, Range
from foedus.model.actor import Actor, AttributeValue, Office
from foedus.model.assessment import Assessment, Effect
from foedus.model.claim import Claim, Parameter
from foedus.model.event import Event
from foedus.model.flow import UNITS, Estimate, Flow, Quantity
from foedus.model.pack import FORMAT_VERSION, SECTIONS, Pack
from foedus.model.source import Source
from foedus.model.tie import DEFAULT_SIGN, DIRECTED_KINDS, Conditions, Obligation, Tie

__all__ = [
    "DEFAULT_SIGN",
    "DIRECTED_KINDS",
    "FORMAT_VERSION",
    "SECTIONS",
    "UNITS",
    "Actor",
    "Assessment",
    "AttributeValue",
    "Citation",
    "Claim",
    "Conditions",
    "Effect",
    "Estimate",
    "Event",
    "Flow",
    "Frozen",
    "Obligation",
    "Office",
    "Pack",
    "Parameter",
    "ProbabilityRange",
    "Quantity",
    "Range",
    "Source",
    "Tie",
]
