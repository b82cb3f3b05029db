"""Find the line of a table or key in TOML text, for error messages.

tomllib gives values without positions; this scans the text the parser has
already accepted, so it only has to understand headers and `key =` lines.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def _header_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def find_line(text: str, table: str | None, index: int | None, key: str | None) -> int | None:
    """The 1-based line of `key` in `table` (the `index`-th one for [[arrays]]).

    `table` None means the top level. Without `key`, or when the key is absent,
    the table's header line is returned, so a missing key still points at its table.
    """
    current: str | None = None
    current_index = -1
    counts: dict[str, int] = {}
    header_line: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            name = _header_name(header.group(2))
            if header.group(1) == "[[":
                counts[name] = counts.get(name, -1) + 1
                current_index = counts[name]
            else:
                current_index = -1
            current = name
            if name == table and (index is None or current_index == index):
                header_line = number
            continue
        if current != table or (index is not None and current_index != index):
            continue
        if key is None:
            continue
        match = _KEY.match(line)
        if match and match.group(1).strip("\"'") == key:
            return number
    return header_line
