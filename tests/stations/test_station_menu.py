"""Station list context-menu actions: edit, remove, move; all through the station store."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from station_app.resources import bundled_stations_file
from station_app.stations.model import StationsConfig
from station_app.stations.stations_file import parse_stations_file
from station_app.stations.store import StationStore
from station_app.stations.ui.station_edit_dialog import StationEditDialog
from station_app.stations.ui.station_menu import station_context_actions
from station_app.tasks import TaskRunner
from tests.stores import station_store


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def bundled() -> StationsConfig:
    config = parse_stations_file(bundled_stations_file()).config
    assert config is not None
    return config


def when_modal(act: Callable[[QWidget], None]) -> None:
    """Acts on the next modal window once it is open (exec() blocks the test meanwhile)."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, poll)
        else:
            act(modal)

    QTimer.singleShot(0, poll)


def watched(store: StationStore) -> list[StationsConfig]:
    changed: list[StationsConfig] = []
    store.changed.connect(changed.append)
    return changed


def ids(path: Path) -> list[str]:
    return [s["id"] for s in tomllib.loads(path.read_text(encoding="utf-8"))["stations"]]


def test_actions_name_themselves_and_disable_impossible_moves(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner, bundled: StationsConfig
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    store = station_store(tmp_path / "stations.toml", tasks)
    first = station_context_actions(parent, bundled.stations[0], store)
    last = station_context_actions(parent, bundled.stations[-1], store)
    assert [a.text() for a in first] == ["&Edit…", "&Remove…", "Move &up", "Move &down"]
    assert [a.isEnabled() for a in first] == [True, True, False, True]
    assert [a.isEnabled() for a in last] == [True, True, True, False]


def test_move_down_writes_the_users_file_and_reports_the_new_config(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner, bundled: StationsConfig
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    user_file = tmp_path / "stations.toml"
    store = station_store(user_file, tasks)
    changed = watched(store)
    actions = station_context_actions(parent, bundled.stations[0], store)
    actions[3].trigger()
    qtbot.waitUntil(lambda: bool(changed), timeout=5000)
    assert [s.id for s in changed[0].stations] == ["wedw-fm", "wnpr", "wpkt", "wrli-fm"]
    assert ids(user_file) == ["wedw-fm", "wnpr", "wpkt", "wrli-fm"]


def test_remove_asks_first_and_failure_is_a_sentence(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner, bundled: StationsConfig
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    user_file = tmp_path / "stations.toml"
    store = station_store(user_file, tasks)
    changed = watched(store)
    errors: list[str] = []
    wpkt = bundled.stations[2]
    actions = station_context_actions(parent, wpkt, store, errors.append)
    asked: list[list[str]] = []

    def answer(button: str) -> Callable[[QWidget], None]:
        def act(modal: QWidget) -> None:
            assert isinstance(modal, QMessageBox)
            buttons = [b.text() for b in modal.buttons()]
            asked.append([modal.text(), modal.informativeText(), *sorted(buttons)])
            assert modal.defaultButton().text() == "Cancel"
            next(b for b in modal.buttons() if b.text() == button).click()

        return act

    when_modal(answer("Cancel"))
    actions[1].trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == [
        [
            "Remove WPKT 89.1 FM from your stations?",
            "The previous version of stations.toml is kept as stations.toml.bak.",
            "&Remove",
            "Cancel",
        ]
    ]
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    assert not user_file.exists()
    when_modal(answer("&Remove"))
    actions[1].trigger()
    qtbot.waitUntil(lambda: bool(changed), timeout=5000)
    assert "wpkt" not in ids(user_file)
    assert "wpkt" not in [s.id for s in store.stations]
    when_modal(answer("&Remove"))
    actions[1].trigger()  # the same station again: it is gone now
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [f'No station has the id "wpkt" in {user_file}.']


def test_edit_dialog_refuses_what_would_not_load_and_saves_in_one_write(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner, bundled: StationsConfig
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    user_file = tmp_path / "stations.toml"
    store = station_store(user_file, tasks)
    changed = watched(store)
    wedw = bundled.stations[1]
    seen: list[str] = []

    def fill(modal: QWidget) -> None:
        assert isinstance(modal, StationEditDialog)
        modal.call_sign.setText("")
        seen.append(modal.problem.text())
        seen.append(str(modal.save_button.isEnabled()))
        modal.call_sign.setText("WEDW")
        modal.streams.setPlainText("http://wedw.example.org/live\nnot a url\n")
        seen.append(modal.problem.text())
        modal.streams.setPlainText("http://wedw.example.org/live\n\nhttp://b.example.org/x.pls")
        modal.frequency.setText("")
        seen.append(str(modal.save_button.isEnabled()))
        modal.save_button.click()

    when_modal(fill)
    actions = station_context_actions(parent, wedw, store)
    actions[0].trigger()
    qtbot.waitUntil(lambda: bool(changed), timeout=5000)
    assert seen == [
        "The call sign must not be empty.",
        "False",
        "Stream 2 is not an http(s) address: not a url",
        "True",
    ]
    saved = changed[0].station("wedw-fm")
    assert saved is not None
    assert (saved.call_sign, saved.frequency, saved.city) == ("WEDW", "", "Stamford, CT")
    assert saved.streams == ("http://wedw.example.org/live", "http://b.example.org/x.pls")
    text = user_file.read_text(encoding="utf-8")
    assert "# WEDW-FM, WPKT and WRLI-FM are repeaters of the Connecticut Public Radio" in text
    assert not user_file.with_name("stations.toml.bak").exists()  # one write from the bundled copy
