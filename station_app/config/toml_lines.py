"""Find the line of a table or key in TOML text, for error messages.

tomllib gives values without positions; this scans the text the parser has
already accepted, so it only has to understand headers and `key =` lines.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")

Index = int | tuple[int, ...] | None


def _header_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def _array_path(table: str, index: Index, counts: dict[str, int]) -> bool:
    """Whether the [[array]] entries open now are the ones `index` names.

    For a nested array such as "stations.schedule", `index` is (station, entry);
    an int names only the innermost array's entry.
    """
    if index is None:
        return True
    if isinstance(index, int):
        return counts.get(table) == index
    parts = table.split(".")
    names = [".".join(parts[: depth + 1]) for depth in range(len(parts))][-len(index) :]
    return all(counts.get(name) == wanted for name, wanted in zip(names, index, strict=True))


def find_line(text: str, table: str | None, index: Index, key: str | None) -> int | None:
    """The 1-based line of `key` in `table` (the `index`-th one for [[arrays]]).

    `table` None means the top level. Without `key`, or when the key is absent,
    the table's header line is returned, so a missing key still points at its table.
    Nested arrays ("stations.schedule") count their entries within their parent entry.
    """
    current: str | None = None
    in_entry = index is None
    counts: dict[str, int] = {}
    header_line: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            name = _header_name(header.group(2))
            if header.group(1) == "[[":
                counts[name] = counts.get(name, -1) + 1
                # A new [[parent]] starts its children's count afresh.
                for child in [other for other in counts if other.startswith(f"{name}.")]:
                    del counts[child]
            current = name
            in_entry = name == table and (
                index is None or (header.group(1) == "[[" and _array_path(name, index, counts))
            )
            if in_entry:
                header_line = number
            continue
        if current != table or not in_entry or key is None:
            continue
        match = _KEY.match(line)
        if match and match.group(1).strip("\"'") == key:
            return number
    return header_line
