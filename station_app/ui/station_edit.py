"""Context-menu actions for a station in the station list: edit, remove, move up and down.

The station list (built by app.py) asks `station_context_actions` for the
actions of the station under the cursor. Every change goes through the
StationStore, so the whole app follows it at once; a failure is shown as its
sentence (or handed to `on_error`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from station_app.config.editing import EditResult, EditSaved
from station_app.config.stations import Station
from station_app.models.station_store import StationStore
from station_app.ui.station_edit_dialog import StationEditDialog


def station_context_actions(
    parent: QWidget,
    station: Station,
    store: StationStore,
    on_error: Callable[[str], None] | None = None,
) -> list[QAction]:
    """Edit…, Remove…, Move up, Move down for `station` (its place among the store's)."""

    def report(result: EditResult) -> None:
        if isinstance(result, EditSaved):
            return
        if on_error is not None:
            on_error(result.message)
        else:
            QMessageBox.warning(parent, "Station not changed", result.message)

    def edit() -> None:
        dialog = StationEditDialog(station, parent)
        if dialog.exec() != StationEditDialog.DialogCode.Accepted:
            return
        store.edit_station(
            station.id,
            dialog.call_sign.text(),
            dialog.frequency.text(),
            dialog.city.text(),
            dialog.stream_list(),
            dialog.schedule.text(),
            done=report,
        )

    def remove() -> None:
        if confirm_removal(parent, station, store.user_file.name):
            store.remove_station(station.id, done=report)

    stations = store.stations
    ids = [s.id for s in stations]
    index = ids.index(station.id) if station.id in ids else -1
    actions: list[tuple[str, Callable[[], None], bool]] = [
        ("&Edit…", edit, True),
        ("&Remove…", remove, len(stations) > 1),
        ("Move &up", lambda: store.move_station(station.id, -1, done=report), index > 0),
        (
            "Move &down",
            lambda: store.move_station(station.id, +1, done=report),
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


def confirm_removal(parent: QWidget, station: Station, file_name: str) -> bool:
    """Asks with buttons that say what they do: Remove, or Cancel (the default)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"Remove {station.display_name}?")
    box.setText(f"Remove {station.display_name} from your stations?")
    box.setInformativeText(f"The previous version of {file_name} is kept as {file_name}.bak.")
    remove = box.addButton("&Remove", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is remove
