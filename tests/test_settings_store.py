"""The settings store: one owner of the settings in force, saves and reloads in the background."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station_app.config.settings import Settings, load_settings
from station_app.config.settings_editing import SettingsNotSaved, SettingsSaved, SettingsSaveResult
from station_app.settings_store import SettingsStore
from station_app.tasks import TaskRunner


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def store_of(path: Path, tasks: TaskRunner) -> SettingsStore:
    return SettingsStore(load_settings(path), path, tasks)


def save(qtbot: QtBot, store: SettingsStore, wanted: Settings) -> SettingsSaveResult:
    results: list[SettingsSaveResult] = []
    store.save(wanted, results.append)
    qtbot.waitUntil(lambda: bool(results))
    return results[0]


def test_a_save_changes_the_settings_in_force_and_says_so_once(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[news]\nrefresh_minutes = 5\n")
    store = store_of(path, tasks)
    seen: list[Settings] = []
    store.changed.connect(seen.append)
    wanted = replace(store.settings, news_refresh_minutes=3)
    result = save(qtbot, store, wanted)
    assert isinstance(result, SettingsSaved)
    assert store.settings == wanted
    assert seen == [wanted]
    assert load_settings(path).settings == wanted
    result = save(qtbot, store, wanted)  # the same again: nothing new is in force
    assert isinstance(result, SettingsSaved)
    assert seen == [wanted]


def test_a_refused_save_changes_nothing(qtbot: QtBot, tmp_path: Path, tasks: TaskRunner) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[news]\nrefresh_minutes = 5\n")
    store = store_of(path, tasks)
    seen: list[Settings] = []
    store.changed.connect(seen.append)
    result = save(qtbot, store, replace(store.settings, news_refresh_minutes=0))
    assert isinstance(result, SettingsNotSaved)
    assert store.settings.news_refresh_minutes == 5
    assert seen == []


def test_a_reload_takes_a_file_fixed_by_hand(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[news]\nrefresh_minutes = 0\n")
    store = store_of(path, tasks)
    assert store.broken
    assert store.settings == Settings()
    path.write_text("[news]\nrefresh_minutes = 2\n")
    seen: list[Settings] = []
    store.changed.connect(seen.append)
    with qtbot.waitSignal(store.changed):
        store.reload()
    assert not store.broken and store.problems == []
    assert seen == [Settings(news_refresh_minutes=2)]
