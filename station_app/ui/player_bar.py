"""The player bar: what is tuned, what is playing, and the controls."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from station_app.config.stations import Station
from station_app.player.base import Player
from station_app.player.state import PlaybackState, PlayerStatus
from station_app.ui.status_text import elapsed_text, status_sentence


def _label(name: str, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PlayerBar(QWidget):
    """Observes a Player and drives it; ticks once a second only while it has a clock to show."""

    def __init__(
        self,
        player: Player,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._clock = clock
        self._listening_since: float | None = None
        self._selected: Station | None = None

        self.station_label = _label("stationName")
        font = QFont(self.station_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.station_label.setFont(font)
        self.place_label = _label("stationPlace")
        self.now_playing_label = _label("nowPlaying", wrap=True)
        self.schedule_area = QVBoxLayout()
        self.schedule_area.setContentsMargins(0, 0, 0, 0)
        self.state_label = _label("playerState", wrap=True)
        self.elapsed_label = _label("elapsed")
        self.elapsed_label.setToolTip("How long this station has been playing")
        # A fixed size: the text changes every second, and a fixed-size label
        # repaints itself without asking the whole window to lay out again.
        metrics = self.elapsed_label.fontMetrics()
        self.elapsed_label.setFixedSize(metrics.horizontalAdvance("00:00:00") + 4, metrics.height())
        self.elapsed_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.play_button = QToolButton()
        self.play_button.setObjectName("playPause")
        self.play_button.setIconSize(self.play_button.iconSize() * 1.6)
        self.play_button.setAutoRaise(True)
        self.play_button.clicked.connect(self._toggle)
        self.mute_button = QToolButton()
        self.mute_button.setObjectName("mute")
        self.mute_button.setCheckable(True)
        self.mute_button.setAutoRaise(True)
        self.mute_button.toggled.connect(player.set_muted)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setObjectName("volume")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setPageStep(10)
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.setMaximumWidth(160)
        self.volume_slider.valueChanged.connect(player.set_volume)

        self._layout()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh_clock)

        player.status_changed.connect(self._on_status)
        player.station_changed.connect(self._on_station)
        player.now_playing_changed.connect(self._on_now_playing)
        player.volume_changed.connect(self._on_volume)
        player.muted_changed.connect(self._on_muted)
        self._on_volume(player.volume)
        self._on_muted(player.muted)
        self._on_station(player.station)
        self._on_now_playing(player.now_playing)
        self._on_status(player.status)

    def _layout(self) -> None:
        heading = QHBoxLayout()
        heading.addWidget(self.station_label)
        heading.addWidget(self.place_label, 1)
        heading.addWidget(self.elapsed_label)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.state_label, 1)
        controls.addWidget(self.mute_button)
        controls.addWidget(self.volume_slider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addWidget(self.now_playing_label)
        layout.addLayout(self.schedule_area)
        layout.addLayout(controls)
        self.place_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.place_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)

    def add_schedule_widget(self, widget: QWidget) -> None:
        """Hosts the On Now / Next Up view under the now-playing line."""
        self.schedule_area.addWidget(widget)

    def set_selected_station(self, station: Station | None) -> None:
        """The station shown while nothing is tuned (the list's selection)."""
        self._selected = station
        self._update_play_enabled()
        if self._player.station is None:
            self._show_station(station)

    # -- player → widgets --------------------------------------------------------------
    @Slot(object)
    def _on_station(self, station: Station | None) -> None:
        self._listening_since = None
        self._show_station(station or self._selected)

    def _show_station(self, station: Station | None) -> None:
        if station is None:
            self.station_label.setText("No station")
            self.place_label.setText("Pick a station below")
        else:
            self.station_label.setText(station.display_name)
            self.place_label.setText(station.city)
        self._refresh_state()

    @Slot(str)
    def _on_now_playing(self, title: str) -> None:
        self.now_playing_label.setText(title)
        self.now_playing_label.setVisible(bool(title))
        self.now_playing_label.setToolTip(f"Now playing: {title}" if title else "")

    @Slot(object)
    def _on_status(self, status: PlayerStatus) -> None:
        state = status.state
        if state is PlaybackState.PLAYING and self._listening_since is None:
            self._listening_since = self._clock()
        elif state in (PlaybackState.IDLE, PlaybackState.PAUSED) or (
            state is PlaybackState.ERROR and status.retry_at is None
        ):
            self._listening_since = None
        needs_tick = self._listening_since is not None or status.retry_at is not None
        if needs_tick and not self._tick.isActive():
            self._tick.start()
        elif not needs_tick:
            self._tick.stop()
        listening = status.is_active
        style = self.style()
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if listening else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(style.standardIcon(icon))
        name = "Pause" if listening else "Play"
        self.play_button.setText(name)
        self.play_button.setAccessibleName(name)
        self.play_button.setToolTip(f"{name} (Space)")
        self._update_play_enabled()
        self._refresh_state()
        self._refresh_clock()

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

    @Slot()
    def _refresh_clock(self) -> None:
        since = self._listening_since
        self.elapsed_label.setText(elapsed_text(self._clock() - since) if since else "")
        self.elapsed_label.setAccessibleName(
            f"Listening for {self.elapsed_label.text()}" if since else "Not listening"
        )
        if self._player.status.retry_at is not None:
            self._refresh_state()

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
