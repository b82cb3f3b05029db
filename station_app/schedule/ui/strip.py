"""On Now / Next Up for the player bar, with a progress hint and a way to the day view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QSize, Qt, QTimer, Slot
from PySide6.QtGui import (
    QFont,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from station_app.schedule.service import ScheduleService
from station_app.schedule.ui.day_view import ScheduleDayDialog, UrlOpener, open_in_browser
from station_app.schedule.view import (
    LoadPhase,
    next_up_text,
    on_now_text,
    progress,
    status_text,
)

# The progress hint moves by the minute; nothing here ticks faster.
PROGRESS_TICK_MS = 60_000


class ElidedLabel(QLabel):
    """One line that ends in "…" when too narrow; the full text stays its text and tooltip.

    With `two_lines`, a line too long for its width is split instead: the name on
    the first line, its time (`tail`, ", until 10:00 AM") on the second, so a
    program's name stays readable in a narrow window.
    """

    def __init__(self, name: str, two_lines: bool = False) -> None:
        super().__init__()
        self.tail = ""  # an end of the text kept whole when shortening (", until 10:00 AM")
        self.two_lines = two_lines
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(two_lines)
        self.setSizePolicy(policy)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.heightForWidth(self.width()))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.heightForWidth(self.width()))

    def hasHeightForWidth(self) -> bool:
        return self.two_lines

    def heightForWidth(self, width: int) -> int:
        line = self.fontMetrics().height()
        return 2 * line + 2 if self._split(width) else line + 2

    def _split(self, width: int) -> bool:
        margins = self.contentsMargins()
        room = width - margins.left() - margins.right()
        text = self.text()
        tail = self.tail if self.tail and text.endswith(self.tail) else ""
        return self.two_lines and bool(tail) and self.fontMetrics().horizontalAdvance(text) > room

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect()
        text, metrics = self.text(), self.fontMetrics()
        tail = self.tail if self.tail and text.endswith(self.tail) else ""
        if self._split(self.width()):
            head = metrics.elidedText(
                text[: len(text) - len(tail)], Qt.TextElideMode.ElideRight, area.width()
            )
            text = f"{head}\n{tail.lstrip(', ')}"
        elif metrics.horizontalAdvance(text) > area.width():
            head_width = area.width() - metrics.horizontalAdvance(tail)
            head = metrics.elidedText(
                text[: len(text) - len(tail)], Qt.TextElideMode.ElideRight, head_width
            )
            text = (
                head + tail
                if head
                else metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
            )
        self.style().drawItemText(
            painter,
            area,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            self.palette(),
            self.isEnabled(),
            text,
            self.foregroundRole(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.two_lines and self.height() != self.heightForWidth(self.width()):
            self.updateGeometry()


KeepFound = Callable[[Callable[[str], None]], None]


class ScheduleStrip(QWidget):
    """Shows the service's view; hidden when the station has no schedule at all.

    A schedule found on the network's website says so, and `keep_found` (when
    given) writes it into stations.toml with one click; it reports back a sentence.
    """

    def __init__(
        self,
        service: ScheduleService,
        listener_zone: tzinfo | None = None,
        open_url: UrlOpener = open_in_browser,
        parent: QWidget | None = None,
        keep_found: KeepFound | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._zone = listener_zone
        self._open_url = open_url
        self._keep_found = keep_found
        self._kept_message = ""
        self._dialog: ScheduleDayDialog | None = None
        self.on_now_label = ElidedLabel("onNow", two_lines=True)
        self.next_up_label = ElidedLabel("nextUp", two_lines=True)
        self.status_label = ElidedLabel("scheduleStatus")
        small = QFont(self.status_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.status_label.setFont(small)
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("programProgress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(4)
        self.progress_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.day_button = QToolButton()
        self.day_button.setObjectName("openDaySchedule")
        self.day_button.setText("Day schedule…")
        self.day_button.setToolTip("Today's programs for this station")
        self.day_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.day_button.clicked.connect(self.open_day_view)
        self.keep_button = QToolButton()
        self.keep_button.setObjectName("keepFoundSchedule")
        self.keep_button.setText("Keep")
        self.keep_button.setAccessibleName("Keep this schedule in my stations")
        self.keep_button.setToolTip("Write this schedule's address into your stations.toml")
        self.keep_button.clicked.connect(self._keep)
        self.keep_button.hide()
        self._layout()
        self._tick = QTimer(self)
        self._tick.setInterval(PROGRESS_TICK_MS)
        self._tick.timeout.connect(self._refresh)
        service.changed.connect(self._refresh)
        service.station_changed.connect(self._forget_kept)
        self._refresh()

    def _layout(self) -> None:
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(2)
        texts.addWidget(self.on_now_label)
        texts.addWidget(self.progress_bar)
        texts.addWidget(self.next_up_label)
        texts.addWidget(self.status_label)
        # The buttons in a column of their own: Keep under the day's schedule, level
        # with the line that says where the schedule was found.
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.day_button, 0, Qt.AlignmentFlag.AlignRight)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addLayout(texts, 1)
        layout.addLayout(buttons)

    @Slot()
    def _refresh(self) -> None:
        view = self._service.view
        hidden = view.phase is LoadPhase.NONE
        # Never shown on its own: without a parent, showing would open a window.
        if hidden or self.parentWidget() is not None:
            self.setHidden(hidden)
        now = self._service.now()
        self._show(self.on_now_label, on_now_text(view, now, self._zone))
        self._show(self.next_up_label, next_up_text(view, now, self._zone))
        self.on_now_label.tail = self._tail(self.on_now_label.text(), ", until ")
        self.next_up_label.tail = self._tail(self.next_up_label.text(), " at ")
        for label in (self.on_now_label, self.next_up_label):
            label.updateGeometry()  # one line or two, for the new text
        status = status_text(view, now, self._zone)
        station = self._service.station
        found_on = station.schedule_found_on if station is not None and not hidden else ""
        if not status and self._kept_message:
            status = self._kept_message
        elif found_on:
            status = (
                f"{status} (found on {found_on})" if status else f"Schedule found on {found_on}"
            )
        self._show(self.status_label, status)
        self.keep_button.setVisible(bool(found_on) and self._keep_found is not None)
        if view.stale and view.message and status:
            self.status_label.setAccessibleName(f"{status}. {view.message}")
            self.status_label.setToolTip(view.message)
        role = QPalette.ColorRole.PlaceholderText if view.stale else QPalette.ColorRole.WindowText
        for label in (self.on_now_label, self.next_up_label):
            label.setForegroundRole(role)
        entry = view.on_now
        self.progress_bar.setVisible(entry is not None)
        if entry is not None:
            self.progress_bar.setValue(round(progress(entry, now) * 100))
            self.progress_bar.setAccessibleName(f"Progress through {entry.program}")
        self.day_button.setEnabled(view.phase is not LoadPhase.NONE)
        ticking = entry is not None and self.isVisible()
        if ticking and not self._tick.isActive():
            self._tick.start()
        elif not ticking:
            self._tick.stop()

    @Slot(object)
    def _forget_kept(self, _station: object) -> None:
        self._kept_message = ""

    @Slot()
    def _keep(self) -> None:
        if self._keep_found is None:
            return
        self.keep_button.setEnabled(False)

        def kept(message: str) -> None:
            self.keep_button.setEnabled(True)
            self._kept_message = message
            self._refresh()

        self._keep_found(kept)

    @staticmethod
    def _tail(text: str, marker: str) -> str:
        at = text.rfind(marker)
        return text[at:] if at >= 0 else ""

    @staticmethod
    def _show(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setToolTip(text)  # the whole line, when it had to be shortened
        # A screen reader reads the changing sentence, not a fixed name.
        label.setAccessibleName(text)
        label.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._tick.stop()

    @Slot()
    def open_day_view(self) -> ScheduleDayDialog:
        """Opens (or raises) the day view on today's programs."""
        if self._dialog is None:
            self._dialog = ScheduleDayDialog(self._service, self._zone, self._open_url, self)
        self._dialog.show_today()
        self._dialog.show()
        self._dialog.raise_()
        self._dialog.activateWindow()
        return self._dialog
