"""The day view: a station's programs for one day, the one on now marked, links opened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QHideEvent, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from station_app.net.web_address import is_web_url
from station_app.schedule.day_model import DayRole, ScheduleDayModel
from station_app.schedule.service import ScheduleService
from station_app.schedule.view import LoadPhase
from station_app.ui.accessibility.focus_look import show_focus
from station_app.ui.accessibility.item_views import offer_press_action
from station_app.ui.accessibility.tab_order import follow_layout
from station_app.ui.screen_fit import resize_within_screen

UrlOpener = Callable[[str], None]
ROW_PADDING = 4  # above and below each program's two lines, so the rows read apart


def open_in_browser(url: str) -> None:
    """Opens an http(s) address in the system browser; anything else is refused."""
    if is_web_url(url):
        QDesktopServices.openUrl(QUrl(url))


class _PaddedRows(QStyledItemDelegate):
    """Each row a little taller than its text; the text stays centred in it."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index) + QSize(0, 2 * ROW_PADDING)


class _ProgramList(QListView):
    """Enter opens the current program's page (Return is the dialog's otherwise)."""

    def __init__(self, open_current: Callable[[], None]) -> None:
        super().__init__()
        self._open_current = open_current

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_current()
            event.accept()
            return
        super().keyPressEvent(event)


class ScheduleDayDialog(QDialog):
    """Today's (or another day's) programs; keyboard: arrows, Enter, Alt+P / Alt+N / Alt+T."""

    def __init__(
        self,
        service: ScheduleService,
        listener_zone: tzinfo | None = None,
        open_url: UrlOpener = open_in_browser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDay")
        self._service = service
        self._open_url = open_url
        # The list takes the focus once it has rows: the day may still be loading.
        self._focus_list_on_rows = False
        self.model = ScheduleDayModel(service, listener_zone, self)
        self.title_label = QLabel()
        self.title_label.setObjectName("dayTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        style = self.style()
        self.previous_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "&Previous day"
        )
        self.today_button = QPushButton("&Today")
        self.next_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), "&Next day"
        )
        # The arrow points where the button goes: after "Next day", as it is before "Previous".
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setAutoDefault(False)
        self.previous_button.clicked.connect(self.model.previous_day)
        self.today_button.clicked.connect(self.model.show_today)
        self.next_button.clicked.connect(self.model.next_day)

        self.list = _ProgramList(self.open_current)
        offer_press_action(self.list, self._activated, "Open the program's page")
        show_focus(self.list)
        self.list.setObjectName("programs")
        self.list.setModel(self.model)
        self.list.setItemDelegate(_PaddedRows(self.list))
        self.list.setAccessibleName("Programs")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # activated: double-click, or a single click where the desktop is set up so.
        self.list.activated.connect(self._activated)
        self.message_label = QLabel()
        self.message_label.setObjectName("dayMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.message_label)
        self.note_label = QLabel()
        self.note_label.setObjectName("dayNote")
        self.note_label.setWordWrap(True)
        self.note_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.open_button = QPushButton("&Open program page")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._layout(buttons)
        follow_layout(self)

        self.model.state_changed.connect(self._refresh)
        self.model.modelReset.connect(self._select_on_now)
        self.list.selectionModel().currentChanged.connect(self._update_open_button)
        resize_within_screen(self, 520, 560)
        self._refresh()

    def _layout(self, buttons: QDialogButtonBox) -> None:
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.today_button)
        navigation.addWidget(self.next_button)
        navigation.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(navigation)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_active(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_active(False)

    def show_today(self) -> None:
        self._focus_list_on_rows = True
        self.model.show_today()
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        model = self.model
        station = model.station
        name = station.call_sign if station else "Schedule"
        self.setWindowTitle(f"{name} schedule")
        title = model.title()
        self.title_label.setText(f"{name}: {title}" if title else name)
        self.title_label.setAccessibleName(self.title_label.text())
        message = {
            LoadPhase.NONE: "This station has no schedule.",
            LoadPhase.LOADING: "Loading the programs…",
            LoadPhase.FAILED: f"{model.message}\nTry again later, or pick another day.",
            LoadPhase.READY: "No programs are listed for this day.",
        }[model.phase]
        has_rows = model.rowCount() > 0
        self.message_label.setText("" if has_rows else message)
        self.message_label.setAccessibleName(self.message_label.text())
        self.stack.setCurrentWidget(self.list if has_rows else self.message_label)
        if has_rows and self._focus_list_on_rows:
            self._focus_list_on_rows = False
            self.list.setFocus()
        # One zone for the day and its times, named: the station's day is its own.
        note = f"Times in {model.zone_name()}"
        note += "." if model.is_listeners_zone() else ", the station's time."
        if model.stale and model.message:
            note = f"Not up to date: {model.message} {note}"
        self.note_label.setText(note)
        self.note_label.setAccessibleName(note)
        navigable = model.day is not None
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setEnabled(navigable)
        self._update_open_button()

    @Slot()
    def _select_on_now(self) -> None:
        row = self.model.on_now_row if self.model.on_now_row >= 0 else 0
        if self.model.rowCount() > 0:
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    @Slot()
    def _update_open_button(self) -> None:
        link = self.list.currentIndex().data(DayRole.LINK)
        self.open_button.setEnabled(bool(link))
        self.open_button.setToolTip(f"Open {link}" if link else "This program has no page")

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        link = index.data(DayRole.LINK)
        if link:
            self._open_url(link)

    @Slot()
    def open_current(self) -> None:
        self._activated(self.list.currentIndex())
