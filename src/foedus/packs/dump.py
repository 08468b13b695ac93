"""Writing packs back to YAML (load → dump → load gives the same pack)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from foedus._io import atomic_write_text
from foedus.model import Pack


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """The pack as plain JSON-compatible data, without fields left at their defaults."""
    return pack.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


def plain_yaml_data(value: Any) -> Any:
    """``value`` with tuples as lists (YAML has none); dates stay dates, written unquoted."""
    if isinstance(value, dict):
        return {k: plain_yaml_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_yaml_data(v) for v in value]
    return value


def dump_pack(pack: Pack) -> str:
    """The pack as YAML text."""
    data = plain_yaml_data(
        pack.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    )
    data.setdefault("foedus", pack.foedus)
    ordered = {"foedus": data.pop("foedus"), **data}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)


def write_pack(pack: Pack, path: str | Path) -> Path:
    """Write the pack's YAML to ``path`` atomically."""
    return atomic_write_text(path, dump_pack(pack))
