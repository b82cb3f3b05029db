"""Changes to settings.toml made through Preferences: checked, atomic, comments kept.

Only the settings the person changed are written, into the file as it is on
the disk now: comments, layout, unknown keys and hand edits made meanwhile
stay. The result is checked exactly as the app will load it before it is
written atomically, with the previous version kept as settings.toml.bak. A
file that does not load as it is (broken TOML, a wrong value) is never
overwritten: the person fixes it by hand first. File I/O: call it from a
background task. The TOML editor loads with the first save, not at start-up.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station_app.config.atomic import write_atomic
from station_app.config.problems import ConfigProblem
from station_app.config.regular_file import CONFIG_FILE_LIMIT, RefusedFileError, read_regular_file
from station_app.config.settings import (
    DeclaredSetting,
    Settings,
    SettingsResult,
    declared_settings,
    load_settings,
)

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

# The first lines of a settings.toml that Preferences makes.
NEW_FILE_HEADER = "Station App settings, written by Preferences; see the README for each setting."


@dataclass(frozen=True)
class SettingsSaved:
    """The change was written; `result` is the file as the app now loads it."""

    result: SettingsResult
    message: str


@dataclass(frozen=True)
class SettingsNotSaved:
    """Nothing was written; `message` says why and what to do.

    `broken` says the file on the disk has problems of its own, so the person
    must fix it by hand (and may want to open it).
    """

    message: str
    broken: bool = False


SettingsSaveResult = SettingsSaved | SettingsNotSaved


def toml_value(setting: DeclaredSetting, value: Any) -> Any:
    """A setting's value as settings.toml holds it (a tuple of texts is a list)."""
    return list(value) if isinstance(value, tuple) else value


def leaves_out(setting: DeclaredSetting, value: Any) -> bool:
    """Whether `value` is written by leaving the key out: the default that the check
    itself refuses, such as "no server of my own" (an empty address)."""
    return (
        value == setting.default and setting.declared.check(toml_value(setting, value)) is not None
    )


class SettingsEditor:
    """Writes the changes made in Preferences to settings.toml (one save at a time)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def save(self, base: Settings, wanted: Settings) -> SettingsSaveResult:
        """Writes the settings where `wanted` differs from `base` (what Preferences showed)."""
        changes = [
            (one, getattr(wanted, one.name))
            for one in declared_settings()
            if getattr(wanted, one.name) != getattr(base, one.name)
        ]
        with self._lock:
            document = self._read()
            if isinstance(document, SettingsNotSaved):
                return document
            for setting, value in changes:
                _set(document, setting, value)
            import tomlkit

            data = tomlkit.dumps(document).encode("utf-8")
            checked = self._check(data)
            if isinstance(checked, SettingsNotSaved):
                return checked
            try:
                write_atomic(self.path, data, keep_backup=True)
            except OSError as error:
                reason = (error.strerror or str(error)).rstrip(".")
                return SettingsNotSaved(
                    f"Could not save {self.path}: {reason}. Nothing was changed."
                )
            return SettingsSaved(checked, f"Saved your settings in {self.path}.")

    def _read(self) -> TOMLDocument | SettingsNotSaved:
        import tomlkit
        from tomlkit.exceptions import TOMLKitError

        if not self.path.exists():
            document = tomlkit.document()
            document.add(tomlkit.comment(NEW_FILE_HEADER))
            document.add(tomlkit.nl())
            return document
        # Read as the app reads it: a file the app would not use is not written over.
        loaded = load_settings(self.path)
        errors = [problem for problem in loaded.problems if problem.is_error]
        if errors:
            return SettingsNotSaved(_broken_sentence(errors[0]), broken=True)
        try:
            text = read_regular_file(self.path, CONFIG_FILE_LIMIT).decode("utf-8")
            return tomlkit.parse(text)
        except (OSError, RefusedFileError, UnicodeDecodeError, TOMLKitError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            return SettingsNotSaved(
                f"Could not read {self.path} to change it ({reason}). Nothing was changed.",
                broken=True,
            )

    def _check(self, data: bytes) -> SettingsResult | SettingsNotSaved:
        # Loaded exactly as the app loads it, so a file that would not load is never written.
        with tempfile.TemporaryDirectory(prefix="station-app-check-") as folder:
            candidate = Path(folder) / self.path.name
            candidate.write_bytes(data)
            loaded = load_settings(candidate)
        problems = [replace(problem, path=self.path) for problem in loaded.problems]
        errors = [problem for problem in problems if problem.is_error]
        if errors:
            return SettingsNotSaved(
                f"The settings were not saved, because the file would not load: "
                f"{_plain(errors[0].sentence())}"
            )
        return SettingsResult(loaded.settings, problems)


def _set(document: TOMLDocument, setting: DeclaredSetting, value: Any) -> None:
    """Sets (or, for a default written by leaving it out, removes) one key; comments stay."""
    import tomlkit

    declared = setting.declared
    table = document.get(declared.table)
    if leaves_out(setting, value):
        if table is not None and declared.key in table:
            del table[declared.key]
        return
    if table is None:
        table = tomlkit.table()
        document.add(declared.table, table)
    item = toml_value(setting, value)
    if isinstance(item, list):
        array = tomlkit.array()
        array.extend(item)
        item = array
    table[declared.key] = item


def _broken_sentence(problem: ConfigProblem) -> str:
    return (
        f"{_plain(problem.sentence())} Station App leaves the file as it is: fix it by hand, "
        "then save again."
    )


def _plain(sentence: str) -> str:
    """Config sentences mark keys as `code`; a window shows them in quotes instead."""
    parts = sentence.split("`")
    return "".join(part if index % 2 == 0 else f"“{part}”" for index, part in enumerate(parts))
