"""The published JSON Schema of the pack format."""

from __future__ import annotations

from typing import Any

from foedus.model import Pack

SCHEMA_ID = "https://foedus.invalid/schema/pack-1.json"


def pack_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that pack files follow.

    Cross-references (ids that must exist, spans within texts) are beyond JSON Schema; the
    loader checks them too.
    """
    schema = Pack.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
