"""Context-menu actions for a station in the station list: edit, remove, move up and down.

The station list (built by app.py) asks `station_context_actions` for the
actions of the station under the cursor. Every change goes through the
StationsEditor in a background task; `on_changed(config)` follows on the main
thread with the user's file as it now loads, and a failure is shown as its
sentence (or handed to `on_error`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from station_app.config.editing import EditResult, EditSaved, StationsEditor
from station_app.config.stations import Station, StationsConfig
from station_app.fetch.cancel import CancelToken
from station_app.tasks import TaskRunner
from station_app.ui.station_edit_dialog import StationEditDialog


def station_context_actions(
    parent: QWidget,
    station: Station,
    stations: tuple[Station, ...],
    editor: StationsEditor,
    tasks: TaskRunner,
    on_changed: Callable[[StationsConfig], None],
    on_error: Callable[[str], None] | None = None,
) -> list[QAction]:
    """Edit…, Remove…, Move up, Move down for `station` (its place among `stations`)."""

    def report(message: str) -> None:
        if on_error is not None:
            on_error(message)
        else:
            QMessageBox.warning(parent, "Station not changed", message)

    def run(change: Callable[[], EditResult]) -> None:
        def work(_cancel: CancelToken) -> EditResult:
            return change()

        def done(result: EditResult) -> None:
            if isinstance(result, EditSaved):
                on_changed(result.config)
            else:
                report(result.message)

        # Not keyed: edits are never cancelled by a newer one; the editor runs them in turn.
        tasks.submit(work, done)

    def edit() -> None:
        dialog = StationEditDialog(station, parent)
        if dialog.exec() != StationEditDialog.DialogCode.Accepted:
            return
        call_sign, frequency = dialog.call_sign.text(), dialog.frequency.text()
        city, streams, schedule = dialog.city.text(), dialog.stream_list(), dialog.schedule.text()
        run(lambda: editor.edit_station(station.id, call_sign, frequency, city, streams, schedule))

    def remove() -> None:
        answer = QMessageBox.question(
            parent,
            f"Remove {station.display_name}?",
            f"Remove {station.display_name} from your stations? The previous version of "
            f"{editor.user_file.name} is kept as {editor.user_file.name}.bak.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            run(lambda: editor.remove_station(station.id))

    ids = [s.id for s in stations]
    index = ids.index(station.id) if station.id in ids else -1
    actions: list[tuple[str, Callable[[], None], bool]] = [
        ("&Edit…", edit, True),
        ("&Remove…", remove, len(stations) > 1),
        ("Move &up", lambda: run(lambda: editor.move_station(station.id, -1)), index > 0),
        (
            "Move &down",
            lambda: run(lambda: editor.move_station(station.id, +1)),
            0 <= index < len(stations) - 1,
        ),
    ]
    made: list[QAction] = []
    for text, handler, enabled in actions:
        action = QAction(text, parent)
        action.setEnabled(enabled)
        action.triggered.connect(lambda _checked=False, h=handler: h())
        made.append(action)
    return made
