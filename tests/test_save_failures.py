"""A failed write becomes one sentence naming the cause, the folder and what to do."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station_app.save_failures import SaveFailures, not_saved_sentence

FOLDER = Path("/home/ann/.local/state/station-app")


@pytest.mark.parametrize(
    ("number", "cause"),
    [
        (errno.ENOSPC, f"the disk holding {FOLDER} is full; free some space there"),
        (errno.EROFS, f"the disk holding {FOLDER} is read-only; make it writable"),
        (errno.EACCES, f"Station App is not allowed to write to {FOLDER}; change its permissions"),
        (errno.EIO, f"writing to {FOLDER} failed (Input/output error); fix that"),
    ],
)
def test_sentence_names_the_cause_and_the_folder(number: int, cause: str) -> None:
    error = OSError(number, os.strerror(number))
    assert not_saved_sentence(FOLDER, error) == (
        f"Your settings were not saved: {cause}, and they will be saved with your next change."
    )


def test_only_the_first_failure_is_announced(qtbot: QtBot) -> None:
    failures = SaveFailures()
    sentences: list[str] = []
    failures.first_failure.connect(sentences.append)
    failures.report(FOLDER / "state.json", OSError(errno.ENOSPC, "No space left on device"))
    failures.report(FOLDER / "state.json", OSError(errno.ENOSPC, "No space left on device"))
    assert len(sentences) == 1
