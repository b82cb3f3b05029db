"""Context-menu actions for a station in the station list: edit, remove, move up and down.

The station list (built by app.py) asks `station_context_actions` for the
actions of the station under the cursor. Every change goes through the
StationStore, so the whole app follows it at once; a failure is shown as its
sentence (or handed to `on_error`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from station_app.stations.changes import EditResult, EditSaved
from station_app.stations.model import Station
from station_app.stations.store import StationStore
from station_app.stations.ui.station_edit_dialog import StationEditDialog


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

    # Dialogs open without a nested event loop: an action (a click, or a screen
    # reader's DoAction) returns at once, and the answer arrives as a signal.
    def edit() -> None:
        dialog = StationEditDialog(station, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            store.edit_station(
                station.id,
                dialog.call_sign.text(),
                dialog.frequency.text(),
                dialog.city.text(),
                dialog.stream_list(),
                dialog.schedule.text(),
                done=report,
            )

        dialog.accepted.connect(save)
        dialog.open()

    def remove() -> None:
        ask_removal(
            parent,
            station,
            store.user_file.name,
            lambda: store.remove_station(station.id, done=report),
        )

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


class StationMenu(QMenu):
    """The Station menu: edit, remove or move the selected station.

    The same menu is the station list's context menu, so while it is open a
    screen reader finds it in the window's tree, under the menu bar.
    """

    def __init__(
        self,
        selected: Callable[[], Station | None],
        store: StationStore,
        dialog_parent: QWidget,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("S&tation", parent)
        self._selected = selected
        self._store = store
        self._dialog_parent = dialog_parent
        self.aboutToShow.connect(self.refill)
        store.changed.connect(lambda _config: self.refill())
        self.refill()

    def refill(self) -> None:
        """Actions for the station selected now (done each time the menu opens)."""
        self.clear()
        station = self._selected()
        if station is None:
            for text in ("&Edit…", "&Remove…", "Move &up", "Move &down"):
                self.addAction(text).setEnabled(False)
            return
        for action in station_context_actions(self._dialog_parent, station, self._store):
            action.setParent(self)
            self.addAction(action)


def ask_removal(
    parent: QWidget, station: Station, file_name: str, remove: Callable[[], None]
) -> QMessageBox:
    """Asks with buttons that say what they do: Remove, or Cancel (the default)."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"Remove {station.display_name}?")
    box.setText(f"Remove {station.display_name} from your stations?")
    box.setInformativeText(f"The previous version of {file_name} is kept as {file_name}.bak.")
    remove_button = box.addButton("&Remove", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)

    def answered() -> None:
        if box.clickedButton() is remove_button:
            remove()

    box.finished.connect(answered)
    box.open()
    return box
