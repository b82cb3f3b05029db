"""Choose the stations file in use: the user's when it exists, else the bundled one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from station_app.config.problems import ConfigProblem
from station_app.config.stations import StationsConfig, parse_stations_file


class BundledConfigError(RuntimeError):
    """The stations.toml shipped with the app does not validate: a packaging bug."""


@dataclass(frozen=True)
class ActiveStations:
    """The config the app runs on, and what was wrong with the user's file, if anything.

    `fell_back` is True when the user's file exists but has errors, so the app
    runs on the bundled stations and the user's file is left as it is.
    """

    config: StationsConfig
    problems: list[ConfigProblem]
    user_file: Path
    fell_back: bool

    @property
    def uses_user_file(self) -> bool:
        return self.config.source == self.user_file


def load_active_stations(user_file: Path, bundled_file: Path) -> ActiveStations:
    problems: list[ConfigProblem] = []
    if user_file.exists():
        user = parse_stations_file(user_file)
        problems.extend(user.problems)
        if user.config is not None:
            return ActiveStations(user.config, problems, user_file, fell_back=False)
    bundled = parse_stations_file(bundled_file)
    if bundled.config is None:
        details = "; ".join(p.sentence() for p in bundled.problems)
        raise BundledConfigError(f"The bundled stations file is broken: {details}")
    return ActiveStations(bundled.config, problems, user_file, fell_back=user_file.exists())
