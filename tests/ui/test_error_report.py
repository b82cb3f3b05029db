"""An unexpected error is logged to a file and told in one sentence, never as a traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from station_app.stations.ui.add_station_text import summary
from station_app.ui.error_report import ErrorReporter, log_to_file


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before = list(root.handlers)
    path = log_to_file(tmp_path / "state" / "station-app.log")
    yield path
    for handler in root.handlers[len(before) :]:
        handler.close()
        root.removeHandler(handler)


def crash_while_adding() -> None:
    summary(None)  # type: ignore[arg-type]  # a bug inside the Add station dialog's code


def test_a_bug_is_logged_and_said_in_one_sentence_once(qtbot: QtBot, log_file: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    reporter = ErrorReporter(log_file, lambda: window)
    said: list[str] = []
    reporter.reported.connect(said.append)
    for _ in range(2):
        try:
            crash_while_adding()
        except AttributeError:
            reporter.handle(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(said) == 2, timeout=5000)
    sentence = (
        "Something went wrong while adding the station. You can keep listening; "
        f"the details are in {log_file}."
    )
    assert said == [sentence, sentence]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert [box.text() for box in boxes if box.isVisible()] == [sentence]  # one, not two
    logged = log_file.read_text(encoding="utf-8")
    assert logged.count("ERROR station_app.ui.error_report: Unexpected error") == 2
    assert "Traceback" in logged and "add_station_text.py" in logged
    for box in boxes:
        box.close()
