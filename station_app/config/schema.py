"""Declared schema of the config files and the one validator that applies it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station_app.config import checks
from station_app.config.problems import ConfigProblem, Severity
from station_app.config.toml_lines import Index, find_line


@dataclass(frozen=True)
class KeySpec:
    """One key: its name, whether it must be there, its default, and its check."""

    name: str
    check: checks.Check
    description: str
    required: bool = False
    default: Any = None


@dataclass(frozen=True)
class TableSpec:
    """A [table] or, with `array`, an [[array of tables]]."""

    name: str
    keys: tuple[KeySpec, ...]
    description: str
    array: bool = False
    required: bool = False
    # What to call one entry in a sentence, e.g. "station" -> "station 2 (wnpr)".
    entry_noun: str = ""
    label_key: str | None = None
    # Arrays of tables inside each entry, e.g. [[stations.schedule]] under [[stations]].
    children: tuple[TableSpec, ...] = ()

    def key(self, name: str) -> KeySpec:
        return next(spec for spec in self.keys if spec.name == name)


@dataclass(frozen=True)
class FileSchema:
    tables: tuple[TableSpec, ...]


@dataclass
class Validation:
    """Problems found, plus a way to place new ones in the file's text."""

    path: Path
    text: str
    problems: list[ConfigProblem] = field(default_factory=list)

    def add(
        self,
        message: str,
        table: str | None = None,
        index: Index = None,
        key: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line = find_line(self.text, table, index, key)
        if line is None and table and "." in table and isinstance(index, tuple):
            # Written inline (`schedule = [{…}]`): point at the parent's key instead.
            parent, child = table.rsplit(".", 1)
            outer = index[:-1] if len(index) > 2 else index[0]
            line = find_line(self.text, parent, outer, child)
        self.problems.append(ConfigProblem(self.path, line, message, severity))


def entry_name(spec: TableSpec, index: int, entry: dict[str, Any]) -> str:
    label = entry.get(spec.label_key) if spec.label_key else None
    base = f"{spec.entry_noun} {index + 1}"
    return f'{base} ("{label}")' if isinstance(label, str) and label else base


def validate(document: dict[str, Any], schema: FileSchema, report: Validation) -> None:
    """Check types, required keys and unknown keys; unknown keys only warn."""
    known = {spec.name for spec in schema.tables}
    for name in document:
        if name not in known:
            report.add(
                f"`{name}` is not a setting Station App knows; it is ignored.",
                table=name if isinstance(document[name], dict) else None,
                key=None if isinstance(document[name], dict) else name,
                severity=Severity.WARNING,
            )
    for spec in schema.tables:
        value = document.get(spec.name)
        if value is None:
            if spec.required:
                report.add(f"the [{spec.name}] section is missing.")
            continue
        if spec.array:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                report.add(f"`{spec.name}` must be written as [[{spec.name}]] sections.")
                continue
            for index, entry in enumerate(value):
                where = entry_name(spec, index, entry)
                _validate_table(entry, spec, spec.name, index, where, report)
        elif not isinstance(value, dict):
            report.add(f"`{spec.name}` must be a [{spec.name}] section.", key=spec.name)
        else:
            _validate_table(value, spec, spec.name, None, f"[{spec.name}]", report)


def _validate_table(
    entry: dict[str, Any],
    spec: TableSpec,
    path: str,
    index: Index,
    where: str,
    report: Validation,
) -> None:
    names = {key.name for key in spec.keys} | {child.name for child in spec.children}
    for name in entry:
        if name not in names:
            report.add(
                f"{where}: `{name}` is not a setting Station App knows; it is ignored.",
                path,
                index,
                name,
                Severity.WARNING,
            )
    for key in spec.keys:
        if key.name not in entry:
            if key.required:
                report.add(f"{where}: `{key.name}` is missing.", path, index)
            continue
        problem = key.check(entry[key.name])
        if problem:
            report.add(f"{where}: `{key.name}` {problem}.", path, index, key.name)
    for child in spec.children:
        _validate_children(entry.get(child.name), child, path, index, where, report)


def _validate_children(
    value: object, child: TableSpec, path: str, index: Index, where: str, report: Validation
) -> None:
    if value is None:
        return
    outer = (index,) if isinstance(index, int) else (index or ())
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        report.add(
            f"{where}: `{child.name}` must be written as [[{path}.{child.name}]] sections.",
            path,
            index,
            child.name,
        )
        return
    for number, item in enumerate(value):
        inner = f"{where}, {entry_name(child, number, item)}"
        _validate_table(item, child, f"{path}.{child.name}", (*outer, number), inner, report)
