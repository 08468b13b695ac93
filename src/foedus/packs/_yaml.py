"""Safe YAML reading that keeps every node's line and column and refuses duplicate keys."""

from __future__ import annotations

import pathlib
from typing import Any

import yaml

from foedus.errors import PackError, Problem

#: A path into a document: keys and list indices, as pydantic reports error locations.
Path = tuple[str | int, ...]
Positions = dict[Path, tuple[int, int]]


# libyaml's parser when present: ~10x faster on large (world) packs, with the same node marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, used only for scalar nodes."""


def load_yaml(text: str, file: str) -> tuple[Any, Positions, list[Problem]]:
    """Parse ``text`` safely.

    Returns
    -------
    data : object
        The document as plain Python objects (``None`` when it could not be parsed).
    positions : dict
        Maps each path in the document to its 1-based ``(line, column)``.
    problems : list of Problem
        Syntax errors and duplicate keys; empty when the document is fine.
    """
    problems: list[Problem] = []
    positions: Positions = {}
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        reason = f"YAML syntax error: {exc.problem or exc}"
        return None, positions, [Problem(file, line, col, "", reason)]
    except yaml.YAMLError as exc:
        return None, positions, [Problem(file, None, None, "", f"YAML error: {exc}")]
    if node is None:
        return None, positions, [Problem(file, 1, 1, "", "the file is empty")]
    constructor = _Constructor()

    def build(n: yaml.Node, path: Path) -> Any:
        positions[path] = (n.start_mark.line + 1, n.start_mark.column + 1)
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    problems.append(_at(file, key_node, path, "merge keys (<<) are not supported"))
                    continue
                try:
                    key = constructor.construct_object(key_node, deep=True)
                except (yaml.YAMLError, ValueError, TypeError, OverflowError):
                    key = None
                if not isinstance(key, str):
                    problems.append(_at(file, key_node, path, "a key must be text"))
                    continue
                if key in out:
                    first = positions.get((*path, key))
                    where = f" (first at line {first[0]})" if first else ""
                    problems.append(_at(file, key_node, (*path, key), f"duplicate key{where}"))
                    continue
                out[key] = build(value_node, (*path, key))
                positions[(*path, key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, (*path, i)) for i, item in enumerate(n.value)]
        try:
            return constructor.construct_object(n, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            # e.g. 2024-13-01 matches YAML's timestamp pattern but is no date
            problems.append(_at(file, n, path, f"bad value {n.value!r}: {exc}"))
            return None

    data = build(node, ())
    return data, positions, problems


def read_yaml_file(
    path: pathlib.Path, chain: tuple[pathlib.Path, ...], max_bytes: int, kind: str
) -> str:
    """The text of a YAML file that another one ``extends``; every failure a :class:`PackError`.

    ``chain`` holds the resolved files already being loaded, so that an ``extends`` cycle is
    reported instead of recursing; ``kind`` ("pack", "scenario") words the size error.
    """
    file = str(path)
    resolved = path.resolve()
    if resolved in chain:
        cycle = " → ".join(str(p) for p in (*chain, resolved))
        raise PackError([Problem(file, None, None, "extends", f"circular extends: {cycle}")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(
            [Problem(file, None, None, "", f"cannot read file: {exc.strerror}")]
        ) from exc
    if len(raw) > max_bytes:
        raise PackError(
            [Problem(file, None, None, "", f"file is larger than {max_bytes} bytes for a {kind}")]
        )
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is tolerated
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PackError([Problem(file, line, None, "", "not UTF-8 text")]) from exc


def format_path(path: Path) -> str:
    """``("ties", 3, "members", 0)`` → ``ties[3].members[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _at(file: str, node: yaml.Node, path: Path, reason: str) -> Problem:
    return Problem(
        file, node.start_mark.line + 1, node.start_mark.column + 1, format_path(path), reason
    )
