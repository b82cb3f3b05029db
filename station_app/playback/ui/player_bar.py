"""The player bar: what is tuned, what is playing, and the controls.

Its lines keep fixed places: long text is cut short on screen and given whole
in the tooltip, the accessible name and, for failures, the Details dialog, so
the bar never changes height and the station list never moves.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QImage,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSpacerItem,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from station_app.playback.base import Player
from station_app.playback.sleep_timer import SleepTimer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.ui.picture import draw_picture
from station_app.playback.ui.sleep_timer import SleepTimerButton, SleepTimerMenu
from station_app.playback.ui.status_text import (
    announcement,
    elapsed_text,
    elapsed_words,
    status_sentence,
)
from station_app.resources import app_icon_file
from station_app.stations.model import Station

Announcer = Callable[[QWidget, str], None]
LONGEST_COUNTDOWN = "Reconnecting in 30 s…"  # retries wait 30 s at most
NARROWEST = 360
Artwork = Callable[[Station], QImage | None]


def announce_politely(widget: QWidget, text: str) -> None:
    """Has screen readers say `text` once, after what they are saying now."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class OneLineLabel(QLabel):
    """A label one line high that cuts long text short with "…" instead of wrapping.

    `text()` (and so the accessible name) stays whole; the tooltip shows it
    whole when it does not fit.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height())
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def is_cut_short(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def _update_tooltip(self) -> None:
        self.setToolTip(self.text() if self.is_cut_short() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        if shown == "…":
            return  # not one letter fits: better nothing than a lone ellipsis
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )


class DetailsDialog(QDialog):
    """What went wrong with each stream, on demand; Escape or Close closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Playback details")
        self.text = QLabel()
        self.text.setObjectName("playerDetails")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def show_details(self, details: str) -> None:
        self.text.setText(details)
        self.text.setAccessibleName(details)
        window = self.parentWidget()
        room = window.window().width() // 2 if window is not None else 520
        self.text.setFixedWidth(min(520, max(280, room)))
        self.adjustSize()
        self.show()
        self.activateWindow()
        self.text.setFocus()


class PlayerBar(QWidget):
    """Observes a Player and drives it; redraws its clock on the player's own tick.

    The station's picture stands before its name, drawn by the bar itself: it
    is decoration, so a screen reader does not meet it.
    """

    def __init__(
        self,
        player: Player,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
        announce: Announcer = announce_politely,
        artwork: Artwork | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._clock = clock
        self._announce = announce
        self._artwork = artwork
        self._last_announced: str | None = None
        self._listening_since: float | None = None
        self._selected: Station | None = None
        self._shown: Station | None = None
        self._fallback_picture = QIcon(str(app_icon_file()))
        self._pictures: dict[object, QPixmap] = {}

        self.station_label = OneLineLabel("stationName")
        font = QFont(self.station_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.station_label.setFont(font)
        self.station_label.setFixedHeight(self.station_label.fontMetrics().height())
        # As wide as the name where there is room; a long name is cut short before the
        # bar asks for more width (the place beside it gives way first).
        self.station_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.place_label = OneLineLabel("stationPlace")
        self.now_playing_label = OneLineLabel("nowPlaying")
        self.schedule_area = QVBoxLayout()
        self.schedule_area.setContentsMargins(0, 0, 0, 0)
        self.state_label = OneLineLabel("playerState")
        # The countdown of a retry stays whole however narrow the bar: the volume
        # slider gives way first.
        self.state_label.setMinimumWidth(
            self.state_label.fontMetrics().horizontalAdvance(LONGEST_COUNTDOWN)
        )
        # Tab order (and the first focus) follow the layout: Play comes first.
        self.play_button = QToolButton()
        self.details_button = QToolButton()
        self.mute_button = QToolButton()
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.details_button.setObjectName("playerDetailsButton")
        self.details_button.setText("Details")
        self.details_button.setToolTip("What went wrong with each stream")
        self.details_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        )
        self.details_button.setAutoRaise(True)
        self.details_button.clicked.connect(self._show_details)
        policy = self.details_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the state line keeps its width
        self.details_button.setSizePolicy(policy)
        self.details_dialog: DetailsDialog | None = None
        self.elapsed_label = _label("elapsed")
        self.elapsed_label.setToolTip("How long this station has been playing")
        self.elapsed_label.setAccessibleName("Not listening")
        # As wide as what it says (nothing while not listening), so the station's
        # place beside it keeps the room; the text changes once a minute at most.
        self.elapsed_label.setFixedSize(0, self.elapsed_label.fontMetrics().height())
        self.elapsed_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.play_button.setObjectName("playPause")
        self.play_button.setIconSize(self.play_button.iconSize() * 1.6)
        self.play_button.setAutoRaise(True)
        self.play_button.clicked.connect(self._toggle)
        self.mute_button.setObjectName("mute")
        self.mute_button.setCheckable(True)
        self.mute_button.setAutoRaise(True)
        self.mute_button.toggled.connect(player.set_muted)
        self.volume_slider.setObjectName("volume")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setPageStep(10)
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.setMaximumWidth(160)
        self.volume_slider.setMinimumWidth(60)
        self.volume_slider.valueChanged.connect(player.set_volume)

        self._whole = self._layout()
        # Narrower than this, On Now / Next Up would lose the program names.
        self.setMinimumWidth(max(NARROWEST, self._whole.totalMinimumSize().width()))
        player.status_changed.connect(self._on_status)
        player.station_changed.connect(self._on_station)
        player.now_playing_changed.connect(self._on_now_playing)
        player.volume_changed.connect(self._on_volume)
        player.muted_changed.connect(self._on_muted)
        player.ticked.connect(self._refresh_clock)
        self._on_volume(player.volume)
        self._on_muted(player.muted)
        self._on_station(player.station)
        self._on_now_playing(player.now_playing)
        self._on_status(player.status)

    def _layout(self) -> QVBoxLayout:
        heading = QHBoxLayout()
        heading.addWidget(self.station_label)
        heading.addWidget(self.place_label, 1)
        heading.addWidget(self.elapsed_label)
        # The picture is as tall as the name and the now-playing line beside it.
        side = QFontMetrics(self.station_label.font()).height() + 4 + self.fontMetrics().height()
        fixed = QSizePolicy.Policy.Fixed
        self.picture_space = QSpacerItem(side, side, fixed, fixed)
        lines = QVBoxLayout()
        lines.setSpacing(4)
        lines.addLayout(heading)
        lines.addWidget(self.now_playing_label)
        top = QHBoxLayout()
        top.addItem(self.picture_space)
        top.addSpacing(10)  # a layout puts no spacing beside a spacer item
        top.addLayout(lines, 1)
        self._controls = controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.state_label, 1)
        controls.addWidget(self.details_button)
        controls.addWidget(self.mute_button)
        controls.addWidget(self.volume_slider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(self.schedule_area)
        layout.addLayout(controls)
        self.place_label.setMinimumHeight(0)
        self.place_label.setMaximumHeight(
            16777215
        )  # as tall as the station's name, text at its foot
        self.place_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.place_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        return layout

    def add_schedule_widget(self, widget: QWidget) -> None:
        """Hosts the On Now / Next Up view under the now-playing line."""
        self.schedule_area.addWidget(widget)

    def add_sleep_timer(
        self, timer: SleepTimer, menu: SleepTimerMenu | None = None
    ) -> SleepTimerButton:
        """Shows the sleep timer (and its time left) beside the volume; Ctrl+T opens `menu`
        (the menu bar's, so one menu serves both), or a menu of its own."""
        button = SleepTimerButton(timer, self._announce, menu)
        self._controls.insertWidget(self._controls.indexOf(self.mute_button), button)
        # Room for the longest time left from the start: the bar never widens (and
        # the window's panes never move) when the timer starts.
        growth = button.widest_width() - button.sizeHint().width()
        widest = self._whole.totalMinimumSize().width() + growth
        self.setMinimumWidth(max(NARROWEST, widest))
        return button

    def set_selected_station(self, station: Station | None) -> None:
        """The station shown while nothing is tuned (the list's selection)."""
        self._selected = station
        self._update_play_enabled()
        if self._player.station is None:
            self._show_station(station)

    def artwork_changed(self) -> None:
        """Pictures arrived: draw the shown station's again."""
        self.update(self.picture_space.geometry())

    def picture(self) -> QImage | None:
        """The picture shown for the station in the bar, or None (the app's icon)."""
        shown = self._shown
        return self._artwork(shown) if shown is not None and self._artwork else None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        box = self.picture_space.geometry()
        if box.isValid() and event.rect().intersects(box):
            painter = QPainter(self)
            draw_picture(painter, box, self.picture(), self._fallback_picture, self._pictures)

    # -- player → widgets --------------------------------------------------------------
    @Slot(object)
    def _on_station(self, station: Station | None) -> None:
        self._listening_since = None
        self._show_station(station or self._selected)

    def _show_station(self, station: Station | None) -> None:
        self._shown = station
        self.update(self.picture_space.geometry())
        if station is None:
            self.station_label.setText("No station")
            self.place_label.setText("Pick a station below")
        else:
            self.station_label.setText(station.display_name)
            self.place_label.setText(station.city)
        self._refresh_state()

    @Slot(str)
    def _on_now_playing(self, title: str) -> None:
        # The line keeps its place when empty, so the bar does not jump when a title comes.
        self.now_playing_label.setText(title)  # its text is its accessible name, as shown
        if title:
            self._say(f"Now playing: {title}")

    @Slot(object)
    def _on_status(self, status: PlayerStatus) -> None:
        if status.state is not PlaybackState.PLAYING:
            self._listening_since = None  # a drop stops the clock; it starts again from zero
        elif self._listening_since is None:
            self._listening_since = self._clock()
        style = self.style()
        if status.is_retrying:
            # One name for the whole outage: stop trying, never "start over".
            name, tip, icon = "Stop", "Stop trying (Space)", QStyle.StandardPixmap.SP_MediaStop
        elif status.is_active:
            name, tip, icon = "Pause", "Pause (Space)", QStyle.StandardPixmap.SP_MediaPause
        else:
            name, tip, icon = "Play", "Play (Space)", QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(style.standardIcon(icon))
        self.play_button.setText(name)
        self.play_button.setAccessibleName(name)
        self.play_button.setToolTip(tip)
        self._update_play_enabled()
        self.details_button.setVisible(bool(status.details))
        self.details_button.setAccessibleDescription("\n".join(status.details))
        if not status.details and self.details_dialog is not None:
            self.details_dialog.hide()
        self._refresh_state()
        self._refresh_clock()
        station = self._player.station
        said = announcement(status, station.call_sign if station else "the station")
        if said is not None:
            self._say(said)

    def _say(self, text: str) -> None:
        if text != self._last_announced:
            self._last_announced = text
            self._announce(self.state_label, text)

    def _update_play_enabled(self) -> None:
        # Enabled as soon as there is something to play: Tab must reach it, Space must play.
        self.play_button.setEnabled(self._player.station is not None or self._selected is not None)

    def _refresh_state(self) -> None:
        status = self._player.status
        station = self._player.station or self._selected
        if status.state is PlaybackState.IDLE and station is not None and not station.streams:
            text = f"{station.call_sign} has no known stream yet."
        else:
            text = status_sentence(status, self._clock())
        self.state_label.setText(text)
        self.state_label.setAccessibleDescription("\n".join(status.details))

    @Slot()
    def _refresh_clock(self) -> None:
        since = self._listening_since
        listened = self._clock() - since if since is not None else 0.0
        text = elapsed_text(listened) if since is not None else ""
        if text != self.elapsed_label.text():  # a repaint a minute, not a second
            self.elapsed_label.setText(text)
            width = self.elapsed_label.fontMetrics().horizontalAdvance(text) + 4 if text else 0
            self.elapsed_label.setFixedWidth(width)
            self.elapsed_label.setAccessibleName(
                f"Listening for {elapsed_words(listened)}" if since is not None else "Not listening"
            )
        if self._player.status.retry_at is not None:
            self._refresh_state()

    @Slot()
    def _show_details(self) -> None:
        details = self._player.status.details
        if not details:
            return
        if self.details_dialog is None:
            self.details_dialog = DetailsDialog(self)
        self.details_dialog.show_details("\n\n".join(details))

    @Slot(int)
    def _on_volume(self, volume: int) -> None:
        if self.volume_slider.value() != volume:
            self.volume_slider.setValue(volume)
        self.volume_slider.setToolTip(f"Volume {volume} % (Ctrl+Up / Ctrl+Down)")

    @Slot(bool)
    def _on_muted(self, muted: bool) -> None:
        self.mute_button.setChecked(muted)
        icon = (
            QStyle.StandardPixmap.SP_MediaVolumeMuted
            if muted
            else QStyle.StandardPixmap.SP_MediaVolume
        )
        self.mute_button.setIcon(self.style().standardIcon(icon))
        name = "Unmute" if muted else "Mute"
        self.mute_button.setAccessibleName(name)
        self.mute_button.setToolTip(name)

    # -- widgets → player --------------------------------------------------------------
    @Slot()
    def _toggle(self) -> None:
        selected = self._selected
        if not self._player.status.is_active and selected not in (None, self._player.station):
            assert selected is not None
            self._player.play(selected)  # a different station was picked while stopped
        else:
            self._player.toggle()

    def toggle(self) -> None:
        """Play/pause as the button does (the Space shortcut and MPRIS use this)."""
        self._toggle()
