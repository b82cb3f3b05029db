"""The sleep timer's menu and its control in the player bar.

`sleep_timer_menu` builds the menu the window's menu bar, the player bar's
button and the tray each show; every copy follows the one SleepTimer.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from station_app.playback.sleep_timer import SLEEP_MINUTES, SleepTimer

SHORTCUT = "Ctrl+T"
LONGEST_PROGRAM_NAME = 40  # longer names are cut short in the menu


def duration_text(seconds: float) -> str:
    """ "30 min", "1 h 30 min": whole minutes, rounded up, so it changes once a minute."""
    hours, minutes = divmod(max(1, math.ceil(seconds / 60)), 60)
    if hours:
        return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def duration_words(seconds: float) -> str:
    """The same for a screen reader: "1 hour 30 minutes"."""
    hours, minutes = divmod(max(1, math.ceil(seconds / 60)), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def stops_sentence(timer: SleepTimer) -> str:
    """ "Playback stops in 30 minutes", or at the end of which program; "" when off."""
    remaining = timer.remaining()
    if remaining is None:
        return ""
    words = duration_words(remaining)
    if timer.program:
        return f"Playback stops at the end of {timer.program}, in {words}"
    return f"Playback stops in {words}"


def _short(name: str) -> str:
    if len(name) <= LONGEST_PROGRAM_NAME:
        return name
    return name[: LONGEST_PROGRAM_NAME - 1].rstrip() + "…"


class SleepTimerMenu(QMenu):
    """15 to 90 minutes, the end of the program on now, and Cancel.

    The running choice is checked; the menu reads the timer (and the program
    on now) afresh each time it opens and whenever the timer changes.
    """

    def __init__(self, timer: SleepTimer, parent: QWidget | None = None) -> None:
        super().__init__("Sleep &timer", parent)
        self.setAccessibleName("Sleep timer")
        self._timer = timer
        self._choices = QActionGroup(self)
        # One choice at most, and none while the timer is off.
        self._choices.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.minute_actions: dict[int, QAction] = {}
        for minutes in SLEEP_MINUTES:
            action = self._choice(f"{minutes} minutes")
            action.triggered.connect(lambda _checked=False, m=minutes: timer.start(m))
            self.minute_actions[minutes] = action
        self.program_action = self._choice("At the end of this program")
        self.program_action.triggered.connect(self._until_program_end)
        self.addSeparator()
        self.cancel_action = self.addAction("&Cancel sleep timer")
        self.cancel_action.triggered.connect(timer.cancel)
        self.aboutToShow.connect(self.refresh)
        timer.changed.connect(self.refresh)
        self.refresh()

    def _choice(self, text: str) -> QAction:
        action = self.addAction(text)
        action.setCheckable(True)
        self._choices.addAction(action)
        return action

    @Slot()
    def refresh(self) -> None:
        """Shows the timer as it is now: the checked choice, the program's name, Cancel."""
        timer = self._timer
        for minutes, action in self.minute_actions.items():
            action.setChecked(timer.running and timer.minutes == minutes)
        end = timer.program_end()
        program = self.program_action
        if timer.program is not None:
            program.setText(f"At the &end of {_short(timer.program)}")
        elif end is not None:
            program.setText(f"At the &end of {_short(end.program)}")
        else:
            program.setText("At the &end of this program")
        program.setEnabled(end is not None or timer.program is not None)
        program.setToolTip("" if program.isEnabled() else "The schedule says no end for it")
        program.setChecked(timer.running and timer.program is not None)
        self.cancel_action.setEnabled(timer.running)

    @Slot()
    def highlight_choice(self) -> None:
        """Puts the keyboard on the running choice, or on the first one."""
        chosen = self._choices.checkedAction() or self.minute_actions[SLEEP_MINUTES[0]]
        self.setActiveAction(chosen)

    @Slot()
    def _until_program_end(self) -> None:
        if not self._timer.start_until_program_end():
            self.refresh()  # the program ended meanwhile: the choice goes


def sleep_timer_menu(timer: SleepTimer, parent: QWidget | None = None) -> SleepTimerMenu:
    """A Sleep timer menu for `timer`, for a menu bar, a button or the tray."""
    return SleepTimerMenu(timer, parent)


Announcer = Callable[[QWidget, str], None]


class SleepTimerButton(QToolButton):
    """The player bar's sleep timer: a moon, and the time left while it runs.

    It opens `menu` (also on Ctrl+T anywhere in the window);
    its name says the time left, and a screen reader hears once when the
    timer starts, is cancelled or stops playback.
    """

    def __init__(
        self, timer: SleepTimer, announce: Announcer, menu: SleepTimerMenu | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("sleepTimer")
        self._timer = timer
        self._announce = announce
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The menu bar's own menu where there is one: while open, a screen reader
        # finds it in the window's tree, under the menu bar (a popup of its own is not).
        self.setMenu(menu or sleep_timer_menu(timer, self))
        self.setIcon(moon_icon(self.palette(), self.iconSize()))
        self._running = False
        self._ending = False
        shortcut = QShortcut(QKeySequence(SHORTCUT), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.open_menu)
        timer.changed.connect(self._on_changed)
        timer.ended.connect(self._on_ended)
        timer.ticked.connect(self._refresh)
        self._refresh()

    @Slot()
    def open_menu(self) -> None:
        """Opens the menu from the keyboard, on the running choice (or the first)."""
        menu = self.menu()
        assert isinstance(menu, SleepTimerMenu)
        # Once the menu shows (showMenu runs it until it closes).
        QTimer.singleShot(0, menu, menu.highlight_choice)
        self.showMenu()

    @Slot()
    def _on_changed(self) -> None:
        self._refresh()
        running, was_running, ending = self._timer.running, self._running, self._ending
        self._running, self._ending = running, False
        if running:
            self._announce(self, f"Sleep timer set. {stops_sentence(self._timer)}.")
        elif was_running and not ending:
            self._announce(self, "Sleep timer cancelled.")

    @Slot()
    def _on_ended(self) -> None:
        self._ending = True  # `changed` follows at once: say "stopped", not "cancelled"
        self._announce(self, "The sleep timer stopped playback.")

    @Slot()
    def _refresh(self) -> None:
        timer = self._timer
        remaining = timer.remaining()
        if remaining is None:
            text, name = "", "Sleep timer: off"
            tip = f"Sleep timer ({SHORTCUT})"
            style = Qt.ToolButtonStyle.ToolButtonIconOnly
        else:
            text = duration_text(remaining)
            name = f"Sleep timer: {stops_sentence(timer)}"
            tip = f"{stops_sentence(timer)} ({SHORTCUT})"
            style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if text != self.text() or name != self.accessibleName():  # once a minute, not a second
            self.setText(text)
            self.setAccessibleName(name)
            self.setToolTip(tip)
            self.setToolButtonStyle(style)

    def widest_width(self) -> int:
        """How wide the button grows: the longest time left beside the moon."""
        shown, style = self.text(), self.toolButtonStyle()
        self.setText(duration_text(max(SLEEP_MINUTES) * 60))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        width = self.sizeHint().width()
        self.setText(shown)
        self.setToolButtonStyle(style)
        return width

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light or dark: the moon follows
            self.setIcon(moon_icon(self.palette(), self.iconSize()))


def moon_icon(palette: QPalette, size: QSize) -> QIcon:
    """A crescent moon in the palette's text colour, drawn sharp at 1x and 2x."""
    icon = QIcon()
    for scale in (1, 2):
        side = max(size.width(), size.height()) * scale
        pixmap = QPixmap(side, side)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        disc = QPainterPath()
        margin = side * 0.12
        disc.addEllipse(QRectF(margin, margin, side - 2 * margin, side - 2 * margin))
        bite = QPainterPath()
        radius = (side - 2 * margin) / 2 * 0.9
        bite.addEllipse(QPointF(side * 0.66, side * 0.36), radius, radius)
        painter.fillPath(disc.subtracted(bite), palette.color(QPalette.ColorRole.WindowText))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon
