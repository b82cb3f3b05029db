"""settings.toml: the person's preferences, each declared once.

Every setting is one field of `Settings`: its type and default are the
field's, its place in the file ([table] and key), its check and its
description ride along in the field's metadata. The file's schema, the
validation, the typed values and the README's table all come from that one
declaration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from station_app.config import checks
from station_app.config.problems import ConfigProblem, has_errors
from station_app.config.schema import FileSchema, KeySpec, TableSpec, Validation, validate
from station_app.config.toml_file import read_toml

# The tables of settings.toml, in the order the README and the file list them.
TABLES = {
    "player": "Playback.",
    "news": "The news panel.",
    "directory": "The station directory used by Add station and to repair dead streams.",
    "schedule": "On Now, Next Up and the day's programs.",
    "desktop": "The tray icon and desktop notifications.",
}
# What Preferences calls each table (a table missing here is called by its name).
TABLE_TITLES = {
    "player": "Playback",
    "news": "News",
    "directory": "Station directory",
    "schedule": "Schedule",
    "desktop": "Desktop",
}


@dataclass(frozen=True)
class Declared:
    """Where a setting lives in settings.toml, how it is checked, and what it means."""

    table: str
    key: str
    check: checks.Check
    description: str
    # Turns the value read from TOML into the field's type (a list into a tuple, say).
    convert: Callable[[Any], Any] | None = None
    # What Preferences calls it, in a few plain words, and the unit of a number.
    label: str = ""
    unit: str = ""
    # Whether the running app takes a change at once (someone follows
    # SettingsStore.changed) or only the next time it starts.
    applies_at_once: bool = False

    @property
    def shown_label(self) -> str:
        return self.label or self.key.replace("_", " ").capitalize()


def setting(
    table: str,
    key: str,
    check: checks.Check,
    description: str,
    default: Any,
    convert: Callable[[Any], Any] | None = None,
    *,
    label: str = "",
    unit: str = "",
    applies_at_once: bool = False,
) -> Any:
    """One field of Settings, declared with everything about it."""
    declared = Declared(table, key, check, description, convert, label, unit, applies_at_once)
    return field(default=default, metadata={"declared": declared})


def _server(value: str) -> str:
    return value.rstrip("/")


@dataclass(frozen=True)
class Settings:
    """The settings in force; defaults for what the file leaves out."""

    vlc_options: tuple[str, ...] = setting(
        "player",
        "vlc_options",
        checks.text_list,
        "Extra libVLC options.",
        (),
        tuple,
        label="Extra player options",
    )
    network_caching_ms: int = setting(
        "player",
        "network_caching_ms",
        checks.whole_number(0, 60_000),
        "How much of the stream libVLC buffers, in milliseconds.",
        1000,
        label="Stream buffer",
        unit="ms",
    )
    auto_repair_streams: bool = setting(
        "player",
        "auto_repair_streams",
        checks.boolean,
        "When every stream of a station fails, play the station directory's stream at once "
        "instead of offering it.",
        False,
        label="Repair dead stations automatically",
        applies_at_once=True,
    )
    news_refresh_minutes: int = setting(
        "news",
        "refresh_minutes",
        checks.whole_number(1, 24 * 60),
        "How often the news panel refreshes by itself, in minutes.",
        10,
        label="Refresh the news every",
        unit="minutes",
        applies_at_once=True,
    )
    directory_server: str = setting(
        "directory",
        "server",
        checks.http_url,
        "A radio-browser.info server to ask (a mirror of your own, say) instead of finding "
        "one; the address before /json.",
        "",
        _server,
        label="Station directory server",
        applies_at_once=True,
    )
    composer_server: str = setting(
        "schedule",
        "composer_server",
        checks.http_url,
        "The NPR Composer server to ask for the schedules that station websites name (a "
        "mirror of your own, say); the address before /v1.",
        "https://api.composer.nprstations.org",
        _server,
        label="Schedule server",
    )
    tray: bool = setting(
        "desktop",
        "tray",
        checks.boolean,
        "Show an icon in the system tray (when the desktop has one); closing the window "
        "while playing then keeps playing there.",
        True,
        label="Keep playing in the system tray when the window closes",
    )
    notify_programs: bool = setting(
        "desktop",
        "notify_programs",
        checks.boolean,
        "Notify when a new program starts on the station playing (never while the window "
        "is in front).",
        True,
        label="Tell me when a new program starts",
        applies_at_once=True,
    )
    notify_titles: bool = setting(
        "desktop",
        "notify_titles",
        checks.boolean,
        "Notify when the stream's title changes, such as each new song.",
        False,
        label="Tell me when the stream's title changes",
        applies_at_once=True,
    )


@dataclass(frozen=True)
class DeclaredSetting:
    """One setting as declared: its field in Settings, its place, check, meaning, default."""

    name: str
    declared: Declared
    default: Any


def declared_settings() -> list[DeclaredSetting]:
    """Every setting, in declaration order."""
    return [
        DeclaredSetting(item.name, item.metadata["declared"], item.default)
        for item in fields(Settings)
    ]


def _schema() -> FileSchema:
    tables = []
    for table, description in TABLES.items():
        keys = tuple(
            KeySpec(
                one.declared.key,
                one.declared.check,
                one.declared.description,
                default=one.default,
            )
            for one in declared_settings()
            if one.declared.table == table
        )
        tables.append(TableSpec(table, keys, description))
    return FileSchema(tuple(tables))


SETTINGS_SCHEMA = _schema()


@dataclass(frozen=True)
class SettingsResult:
    settings: Settings
    problems: list[ConfigProblem]


def load_settings(path: Path) -> SettingsResult:
    """The user's settings; defaults when the file is absent or has errors."""
    if not path.exists():
        return SettingsResult(Settings(), [])
    toml = read_toml(path)
    if isinstance(toml, ConfigProblem):
        return SettingsResult(Settings(), [toml])
    report = Validation(path, toml.text)
    validate(toml.document, SETTINGS_SCHEMA, report)
    if has_errors(report.problems):
        return SettingsResult(Settings(), report.problems)
    values: dict[str, Any] = {}
    for one in declared_settings():
        table = toml.document.get(one.declared.table, {})
        if one.declared.key in table:
            value = table[one.declared.key]
            convert = one.declared.convert
            values[one.name] = convert(value) if convert is not None else value
    return SettingsResult(Settings(**values), report.problems)


def settings_table() -> str:
    """The README's table of settings, made from the declaration."""

    def shown(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, tuple):
            return "[]" if not value else repr(list(value))
        if isinstance(value, str):
            return f'"{value}"'
        return str(value)

    lines = ["| Setting | Default | What it does |", "|---|---|---|"]
    for one in declared_settings():
        name = f"`[{one.declared.table}] {one.declared.key}`"
        default = f"`{shown(one.default)}`" if one.default != "" else "none"
        lines.append(f"| {name} | {default} | {one.declared.description} |")
    return "\n".join(lines)
