"""Appending elements to a pack's YAML text, leaving every other byte of the file as it was.

Re-dumping a pack (:func:`foedus.packs.dump_pack`) would drop the file's comments, key order
and line wrapping, so accepted proposals are instead inserted as YAML text: each new element at
the end of its section's list (the section is created at the end of the file if absent), and a
new estimate at the end of its flow's ``estimates`` list. Positions come from PyYAML's node
marks, so comments, quoting and layout of everything else are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from foedus.errors import FoedusError
from foedus.model import Estimate, Frozen
from foedus.packs.dump import plain_yaml_data

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def element_yaml(element: Frozen) -> Any:
    """An element as plain data for YAML (defaults and ``None`` left out, dates kept)."""
    data = element.model_dump(
        mode="python", by_alias=True, exclude_none=True, exclude_defaults=True
    )
    return plain_yaml_data(data)


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes repeated values (a shared date) out instead of as aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_items(items: Sequence[Any]) -> str:
    """Items as a YAML block list at column 0 (no anchors or aliases)."""
    return yaml.dump(list(items), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _items_text(items: Sequence[Any], dash_col: int) -> str:
    body = dump_items(items)
    pad = " " * dash_col
    return "".join(pad + line if line.strip() else line for line in body.splitlines(True))


def _last_content_end(text: str, node: yaml.Node) -> int:
    """Index just after the line holding the last character of ``node``'s content.

    A block collection's end mark lies after any comments that follow it, so the end is taken
    from its last scalar (or flow-style collection) instead.
    """
    while (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and node.value
        and not node.flow_style
    ):
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark.index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    nl = text.find("\n", end)
    return len(text) if nl < 0 else nl + 1


def _dash_col(text: str, item: yaml.Node) -> int:
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    dash = text.rfind("-", line_start, item.start_mark.index)
    if dash < 0:
        raise FoedusError(f"line {item.start_mark.line + 1}: cannot find the list item's dash")
    return dash - line_start


def _mapping_get(node: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def append_elements(
    text: str,
    additions: Sequence[tuple[str, Frozen]],
    estimates: Sequence[tuple[str, Estimate]] = (),
) -> str:
    """``text`` (a pack's YAML) with elements appended to their sections.

    Parameters
    ----------
    text : str
        The pack file's text.
    additions : sequence of (section, element)
        New elements, in order, for ``sources``, ``actors``, ``ties``, ``flows``, ``assessments``…
    estimates : sequence of (flow id, Estimate)
        New estimates for flows defined in this file.

    Returns
    -------
    str
        The new text. Nothing else changes; the caller validates it before writing.

    Raises
    ------
    FoedusError
        When the text is not a YAML mapping, a section is a non-empty flow-style list (``[a, b]``),
        or a flow to extend is not in the file.

    Examples
    --------
    >>> from foedus.model import Source
    >>> s = Source(id="a", kind="web", title="T", date="2024-01-01")
    >>> print(append_elements("id: x  # keep me\\nsources: []\\n", [("sources", s)]), end="")
    id: x  # keep me
    sources:
    - id: a
      kind: web
      title: T
      date: 2024-01-01
    """
    # Edits as (start, stop, new text), applied from the end so that indices stay valid.
    edits: list[tuple[int, int, str]] = []
    root = yaml.compose(text, Loader=_LOADER) if text.strip() else None
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise FoedusError("the pack is not a YAML mapping")
    by_section: dict[str, list[Any]] = {}
    for section, element in additions:
        by_section.setdefault(section, []).append(element_yaml(element))
    tail: list[str] = []
    for section, items in by_section.items():
        node = _mapping_get(root, section) if root is not None else None
        if node is None:
            tail.append(f"{section}:\n" + _items_text(items, 0))
        elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
            at = _last_content_end(text, node.value[-1])
            edits.append((at, at, _items_text(items, _dash_col(text, node.value[-1]))))
        elif isinstance(node, yaml.SequenceNode) and not node.value:
            # `section: []`: replace the empty flow list by a block list.
            start, stop = node.start_mark.index, node.end_mark.index
            while start > 0 and text[start - 1] == " ":
                start -= 1
            edits.append((start, stop, "\n" + _items_text(items, 0).rstrip("\n")))
        else:
            raise FoedusError(
                f"line {node.start_mark.line + 1}: section {section!r} is not a block list; "
                "write it as one item per '- ' line to append to it"
            )
    flows = _mapping_get(root, "flows") if root is not None else None
    grouped: dict[str, list[Any]] = {}
    for flow_id, estimate in estimates:
        grouped.setdefault(flow_id, []).append(element_yaml(estimate))
    for flow_id, new_estimates in grouped.items():
        target = None
        if isinstance(flows, yaml.SequenceNode):
            for item in flows.value:
                id_node = _mapping_get(item, "id")
                if isinstance(id_node, yaml.ScalarNode) and id_node.value == flow_id:
                    target = _mapping_get(item, "estimates")
        if not isinstance(target, yaml.SequenceNode) or not target.value or target.flow_style:
            raise FoedusError(f"flow {flow_id!r} has no block list of estimates in this file")
        at = _last_content_end(text, target.value[-1])
        edits.append((at, at, _items_text(new_estimates, _dash_col(text, target.value[-1]))))
    # Keep the file's line endings: a CRLF file gets CRLF lines.
    nl = "\r\n" if "\r\n" in text else "\n"
    out = text
    for start, stop, new in sorted(edits, key=lambda e: e[0], reverse=True):
        if start == stop and start > 0 and out[start - 1] != "\n":
            new = "\n" + new
        out = out[:start] + new.replace("\n", nl) + out[stop:]
    if tail:
        if out and not out.endswith("\n"):
            out += nl
        out += "".join(tail).replace("\n", nl)
    return out
