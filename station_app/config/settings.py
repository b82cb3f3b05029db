"""settings.toml: optional player and news preferences."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from station_app.config import checks
from station_app.config.problems import ConfigProblem, has_errors
from station_app.config.schema import FileSchema, KeySpec, TableSpec, Validation, validate
from station_app.config.toml_file import read_toml

PLAYER = TableSpec(
    "player",
    (
        KeySpec("vlc_options", checks.text_list, "Extra libVLC options.", default=[]),
        KeySpec(
            "network_caching_ms",
            checks.whole_number(0, 60_000),
            "How much of the stream libVLC buffers, in milliseconds.",
            default=1000,
        ),
        KeySpec(
            "auto_repair_streams",
            checks.boolean,
            "When every stream of a station fails, play the station directory's stream "
            "at once instead of offering it.",
            default=False,
        ),
    ),
    "Playback.",
)
NEWS = TableSpec(
    "news",
    (
        KeySpec(
            "refresh_minutes",
            checks.whole_number(1, 24 * 60),
            "How often the news panel refreshes by itself.",
            default=10,
        ),
    ),
    "The news panel.",
)
DIRECTORY = TableSpec(
    "directory",
    (
        KeySpec(
            "server",
            checks.http_url,
            "A radio-browser.info server to ask (a mirror of your own, say) instead of "
            "finding one; the address before /json.",
            default="",
        ),
    ),
    "The station directory used by Add station and to repair dead streams.",
)
SETTINGS_SCHEMA = FileSchema((PLAYER, NEWS, DIRECTORY))


@dataclass(frozen=True)
class Settings:
    vlc_options: tuple[str, ...] = ()
    network_caching_ms: int = PLAYER.key("network_caching_ms").default
    news_refresh_minutes: int = NEWS.key("refresh_minutes").default
    auto_repair_streams: bool = PLAYER.key("auto_repair_streams").default
    directory_server: str = DIRECTORY.key("server").default


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
    player = toml.document.get("player", {})
    news = toml.document.get("news", {})
    directory = toml.document.get("directory", {})
    settings = Settings(
        vlc_options=tuple(player.get("vlc_options", ())),
        network_caching_ms=player.get("network_caching_ms", Settings.network_caching_ms),
        news_refresh_minutes=news.get("refresh_minutes", Settings.news_refresh_minutes),
        auto_repair_streams=player.get("auto_repair_streams", Settings.auto_repair_streams),
        directory_server=directory.get("server", Settings.directory_server).rstrip("/"),
    )
    return SettingsResult(settings, report.problems)
