"""A real StationStore over a user's stations.toml, for tests of what edits stations."""

from __future__ import annotations

from pathlib import Path

from station_app.resources import bundled_stations_file
from station_app.stations.editing import StationsEditor
from station_app.stations.stations_file import load_active_stations
from station_app.stations.store import StationStore
from station_app.tasks import TaskRunner


def station_store(user_file: Path, tasks: TaskRunner) -> StationStore:
    bundled = bundled_stations_file()
    editor = StationsEditor(user_file, bundled)
    return StationStore(load_active_stations(user_file, bundled), bundled, tasks, lambda: editor)
