"""Loading packs: YAML → validated, immutable :class:`~foedus.model.Pack`, whole or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foedus.errors import PackError, Problem
from foedus.model import SECTIONS, Pack
from foedus.packs._yaml import Positions, format_path, load_yaml, read_yaml_file
from foedus.packs.checks import check_pack

BUNDLED_DIR = Path(__file__).parent / "bundled"
DEFAULT_PACK = "putin-kim-2024"
MAX_PACK_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class _Origin:
    file: str
    positions: Positions
    index: int


def bundled_packs() -> list[str]:
    """Names of the packs shipped with foedus."""
    return sorted(p.stem for p in BUNDLED_DIR.glob("*.yaml"))


def resolve_pack(name_or_path: str | Path, base_dir: Path | None = None) -> Path:
    """The file of a bundled pack name, or ``name_or_path`` itself (relative to ``base_dir``)."""
    text = str(name_or_path)
    candidate = Path(text)
    if base_dir is not None and not candidate.is_absolute():
        candidate = base_dir / candidate
    if candidate.is_file():
        return candidate
    bundled = BUNDLED_DIR / f"{text}.yaml"
    if "/" not in text and "\\" not in text and bundled.is_file():
        return bundled
    names = ", ".join(bundled_packs())
    raise PackError(
        [Problem(text, None, None, "", f"no such pack file or bundled pack (bundled: {names})")]
    )


def load_pack(name_or_path: str | Path = DEFAULT_PACK) -> Pack:
    """Load and validate a pack, bundled by name or from a YAML file.

    Every problem found is reported at once in a :class:`~foedus.errors.PackError`, each with
    its file, line, column, field path and reason; nothing is returned unless the whole pack
    (and every pack it extends) is valid.

    Parameters
    ----------
    name_or_path : str or Path
        A bundled pack's name (see :func:`bundled_packs`) or a path to a YAML file.

    Examples
    --------
    >>> from foedus import load_pack
    >>> pack = load_pack("putin-kim-2024")
    >>> pack.actor("PRK").cow_code
    731
    """
    pack, _ = _load(resolve_pack(name_or_path), ())
    return pack


def parse_pack(text: str, file: str = "<string>", base_dir: Path | None = None) -> Pack:
    """Validate a pack given as YAML text (``extends`` is resolved against ``base_dir``)."""
    pack, _ = _parse(text, file, base_dir or Path.cwd(), ())
    return pack


def _load(path: Path, chain: tuple[Path, ...]) -> tuple[Pack, dict[str, _Origin]]:
    text = read_yaml_file(path, chain, MAX_PACK_BYTES, "pack")
    return _parse(text, str(path), path.parent, (*chain, path.resolve()))


def _parse(
    text: str, file: str, base_dir: Path, chain: tuple[Path, ...]
) -> tuple[Pack, dict[str, _Origin]]:
    if "\x00" in text:
        raise PackError([Problem(file, None, None, "", "binary data (NUL bytes), not a YAML pack")])
    data, positions, problems = load_yaml(text, file)
    if problems:
        raise PackError(problems)
    if not isinstance(data, dict):
        raise PackError([Problem(file, 1, 1, "", "a pack must be a mapping of fields")])

    problems.extend(_structure_problems(data, positions, file))
    if problems:
        # Still check the references of the entries that are well-formed, so that one run
        # reports every problem, not only the first layer of them.
        partial = _valid_entries(data)
        if partial is not None and not partial.extends:
            for section, element_id, subpath, reason in check_pack(partial):
                index = _index_of(data, section, element_id)
                path = (section, index, *subpath) if index is not None else (section,)
                problems.append(_problem(file, positions, path, reason, element_id))
        raise PackError(_dedupe(problems))
    own = Pack.model_validate(data)

    origins: dict[str, _Origin] = {}
    for section in SECTIONS:
        for index, item in enumerate(getattr(own, section)):
            origins.setdefault(item.id, _Origin(file, positions, index))
            origins[f"{section}:{item.id}"] = _Origin(file, positions, index)

    pack = own
    if own.extends:
        try:
            parent_path = resolve_pack(own.extends, base_dir)
        except PackError as exc:
            raise PackError(
                [_problem(file, positions, ("extends",), p.reason) for p in exc.problems]
            ) from None
        parent, parent_origins = _load(parent_path, chain)
        pack = _merge(parent, own)
        for key, origin in parent_origins.items():
            origins.setdefault(key, origin)
        unknown = [i for i, rid in enumerate(own.remove) if rid not in _ids(parent)]
        for i in unknown:
            problems.append(
                _problem(
                    file,
                    positions,
                    ("remove", i),
                    f"{own.remove[i]!r} is not an element of {own.extends!r}",
                )
            )
    elif own.remove:
        problems.append(_problem(file, positions, ("remove",), "remove needs extends"))

    for section, element_id, subpath, reason in check_pack(pack):
        origin = origins.get(f"{section}:{element_id}", _Origin(file, positions, -1))
        path = (section, origin.index, *subpath) if origin.index >= 0 else (section,)
        problems.append(_problem(origin.file, origin.positions, path, reason, element_id))
    if problems:
        raise PackError(_dedupe(problems))
    return pack, origins


def _valid_entries(data: dict[str, Any]) -> Pack | None:
    """A pack of only the entries of ``data`` that validate on their own (None if impossible)."""
    head = {k: v for k, v in data.items() if k not in SECTIONS}
    try:
        pack = Pack.model_validate(head)
    except ValidationError:
        return None
    update: dict[str, Any] = {}
    for section in SECTIONS:
        item_type = Pack.model_fields[section].annotation.__args__[0]  # type: ignore[union-attr]
        good = []
        entries = data.get(section)
        for entry in entries if isinstance(entries, list) else []:
            try:
                good.append(item_type.model_validate(entry))
            except ValidationError:
                continue
        update[section] = tuple(good)
    return pack.model_copy(update=update)


def _index_of(data: dict[str, Any], section: str, element_id: str) -> int | None:
    entries = data.get(section)
    if isinstance(entries, list):
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("id") == element_id:
                return i
    return None


def _ids(pack: Pack) -> set[str]:
    return {item.id for section in SECTIONS for item in getattr(pack, section)}


def _merge(parent: Pack, child: Pack) -> Pack:
    """``child`` on top of ``parent``: child entries replace same-id ones; ``remove`` drops."""
    update: dict[str, Any] = {}
    dropped = set(child.remove)
    for section in SECTIONS:
        mine = getattr(child, section)
        replaced = {item.id for item in mine} | dropped
        update[section] = (
            *(item for item in getattr(parent, section) if item.id not in replaced),
            *mine,
        )
    fields = child.model_dump(exclude=set(SECTIONS), exclude_unset=True)
    update.update({k: getattr(child, k) for k in fields})
    return parent.model_copy(update=update)


def _structure_problems(data: dict[str, Any], positions: Positions, file: str) -> list[Problem]:
    try:
        Pack.model_validate(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            reason = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
            if reason.startswith("Value error, "):
                reason = reason[len("Value error, ") :]
            element = _element_id(data, loc)
            out.append(_problem(file, positions, loc, reason, element))
        return out
    return []


def _element_id(data: dict[str, Any], loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] in SECTIONS and isinstance(loc[1], int):
        entries = data.get(loc[0])
        if (
            isinstance(entries, list)
            and loc[1] < len(entries)
            and isinstance(entries[loc[1]], dict)
        ):
            value = entries[loc[1]].get("id")
            return str(value) if value is not None else None
    return None


def _problem(
    file: str, positions: Positions, path: tuple[Any, ...], reason: str, element: str | None = None
) -> Problem:
    # The deepest part of the path that exists in the file gives the position.
    where = None
    for cut in range(len(path), -1, -1):
        where = positions.get(tuple(path[:cut]))
        if where is not None:
            break
    field = format_path(tuple(p for p in path if isinstance(p, str | int)))
    if element:
        field = f"{field} (id {element})"
    line, col = where if where else (None, None)
    return Problem(file, line, col, field, reason)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
