"""An unexpected error (a bug) is logged in full and told to the person in one sentence.

The log goes to a file in the state folder; the window says what was being
done, that listening goes on, and where the details are. One message at a
time: an error that repeats does not pile up windows.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from station_app import APP_DISPLAY_NAME

log = logging.getLogger(__name__)

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Where in the code the error happened says what the person was doing.
_DOING = (
    ("station_app.stations", "while changing your stations"),
    ("station_app.stations.ui.add_station", "while adding the station"),
    ("station_app.news", "in the news"),
    ("station_app.news.article", "while opening the article"),
    ("station_app.schedule", "in the schedule"),
    ("station_app.playback", "in the player"),
    ("station_app.desktop", "while talking to the desktop (media keys)"),
)


class _LogFile(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        # A full or read-only disk: the window says settings are not saved, and
        # stderr still has the line; no "Logging error" traceback for each one.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handleError(record)


def log_to_file(path: Path) -> Path:
    """Warnings and errors also go to `path` (kept small: two files of 1 MB)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _LogFile(path, maxBytes=1_000_000, backupCount=1, encoding="utf-8")
    except OSError as error:
        log.warning("Could not open the log file %s: %s", path, error)
        return path
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger().addHandler(handler)
    return path


def what_was_being_done(trace: TracebackType | None) -> str:
    """ "while adding the station", from the innermost frame of the app's own code."""
    doing = ""
    while trace is not None:
        module = str(trace.tb_frame.f_globals.get("__name__", ""))
        for prefix, words in _DOING:
            if module.startswith(prefix):
                doing = words
        trace = trace.tb_next
    return doing


def error_sentence(doing: str, log_file: Path) -> str:
    where = f" {doing}" if doing else ""
    return f"Something went wrong{where}. You can keep listening; the details are in {log_file}."


class ErrorReporter(QObject):
    """Installs itself as the excepthook (main and other threads).

    Signals: reported(str) with the sentence shown, once per error.
    """

    reported = Signal(str)
    _arrived = Signal(str)  # from any thread to the main thread

    def __init__(
        self,
        log_file: Path,
        parent_window: Callable[[], QWidget | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._log_file = log_file
        self._parent_window = parent_window
        self._box: QMessageBox | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        # A bug in a slot must not end the listening session nor show a traceback.
        log.error("Unexpected error", exc_info=(kind, error, trace))
        self._arrived.emit(error_sentence(what_was_being_done(trace), self._log_file))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show(self, sentence: str) -> None:
        self.reported.emit(sentence)
        if self._box is not None:
            return  # one at a time; the log has every one
        box = QMessageBox(self._parent_window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(f"{APP_DISPLAY_NAME}: something went wrong")
        box.setText(sentence)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._box = box
        box.open()

    @Slot()
    def _closed(self) -> None:
        self._box = None
