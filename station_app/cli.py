"""The command line: options, and the commands that need no window."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from station_app import APP_NAME, __version__
from station_app.config.problems import ConfigProblem, Severity, has_errors
from station_app.config.settings import load_settings
from station_app.config.toml_file import TomlText, read_toml
from station_app.config.toml_lines import find_line
from station_app.paths import AppPaths
from station_app.resources import bundled_stations_file
from station_app.stations.stations_file import load_active_stations, parse_stations_file

EXIT_OK = 0
EXIT_CONFIG_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Listen to your public radio station and read its news.",
        epilog="Config: $XDG_CONFIG_HOME/station-app/stations.toml and settings.toml.",
    )
    parser.add_argument("--play", metavar="ID", help="start playing the station with this id")
    parser.add_argument(
        "--list-stations",
        action="store_true",
        help="print each station (id, call sign, frequency, city) and exit",
    )
    parser.add_argument(
        "--check-config",
        action="store_true",
        help="check stations.toml and settings.toml; exit 2 when they have errors",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _print_problems(problems: list[ConfigProblem], stream: TextIO) -> None:
    for problem in problems:
        print(problem.sentence(), file=stream)


def list_stations(paths: AppPaths, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """One station a line; the user's file when it exists, else the bundled one."""
    active = load_active_stations(paths.stations_file, bundled_stations_file())
    if active.fell_back:
        _print_problems(active.problems, err)
        print(f"{paths.stations_file} has errors; fix it to list your stations.", file=err)
        return EXIT_CONFIG_ERROR
    for station in active.config.stations:
        columns = [station.id, station.call_sign, station.frequency, station.city]
        print("\t".join(columns), file=out)
    return EXIT_OK


def check_config(paths: AppPaths, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Validate the user's files (or the bundled stations when there is none)."""
    stations_file = paths.stations_file if paths.stations_file.exists() else bundled_stations_file()
    problems = list(parse_stations_file(stations_file).problems)
    settings = load_settings(paths.settings_file)
    problems.extend(settings.problems)
    if settings.settings.vlc_options:
        problems.extend(_check_vlc_options(paths.settings_file, settings.settings.vlc_options))
    _print_problems(problems, err)
    if has_errors(problems):
        count = sum(1 for p in problems if p.is_error)
        print(f"{count} error{'s' if count != 1 else ''} found.", file=err)
        return EXIT_CONFIG_ERROR
    checked = [str(stations_file)]
    if paths.settings_file.exists():
        checked.append(str(paths.settings_file))
    print(f"OK: {', '.join(checked)}", file=out)
    return EXIT_OK


def _check_vlc_options(settings_file: Path, options: tuple[str, ...]) -> list[ConfigProblem]:
    """libVLC's verdict on [player] vlc_options, which otherwise comes only at Play."""
    toml = read_toml(settings_file)
    text = toml.text if isinstance(toml, TomlText) else ""
    line = find_line(text, "player", None, "vlc_options")
    try:
        from station_app.playback.vlc_backend import refused_options
    except (ImportError, OSError):
        message = "`vlc_options` could not be checked, because VLC (libVLC) is not installed."
        return [ConfigProblem(settings_file, line, message, Severity.WARNING)]
    with _stderr_silenced():  # libVLC prints its own complaint there
        refused = refused_options(options)
    if not refused:
        return []
    names = ", ".join(f"`{option}`" for option in refused)
    which, them = ("this option", "it") if len(refused) == 1 else ("these options", "them")
    return [
        ConfigProblem(
            settings_file,
            line,
            f"`vlc_options`: libVLC does not know {which}: {names}; "
            f"remove or correct {them} (`vlc --help` lists the options).",
        )
    ]


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
