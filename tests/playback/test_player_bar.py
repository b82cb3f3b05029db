"""The player bar through what a person sees and a screen reader gets, over a FakePlayer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.ui.player_bar import PlayerBar, announce_politely
from station_app.playback.ui.player_pane import PlayerPane
from station_app.stations.model import Station
from tests.clock import Clock
from tests.playback.test_player_pane import name_of

WNPR = Station("wnpr", "WNPR", "90.5 FM", "Meriden, CT", ("http://127.0.0.1:9/a",), None, "UTC")
LONG = (
    "WNPR: none of its 3 streams plays, and this sentence goes on well past the width of a "
    "narrow window so that it cannot fit on one line"
)


@dataclass
class Heard:
    said: list[str] = field(default_factory=list)

    def __call__(self, _widget: QWidget, text: str) -> None:
        self.said.append(text)


@pytest.fixture
def bar(qtbot: QtBot) -> Iterator[tuple[PlayerBar, FakePlayer, Heard, Clock]]:
    player = FakePlayer()
    clock = Clock(100.0)
    heard = Heard()
    widget = PlayerBar(player, clock, announce=heard)
    qtbot.addWidget(widget)
    widget.resize(380, 160)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget, player, heard, clock


def failing(clock: Clock, attempt: int = 1, details: tuple[str, ...] = ()) -> PlayerStatus:
    return PlayerStatus(
        PlaybackState.ERROR,
        attempt=attempt,
        retry_at=clock.now + 4,
        message="WNPR: the connection was refused",
        details=details,
    )


def retry_cycle(player: FakePlayer, clock: Clock, attempt: int) -> list[PlayerStatus]:
    """What a failing station goes through on one retry."""
    waiting = failing(clock, attempt)
    trying = PlayerStatus(
        PlaybackState.ERROR, attempt=attempt, retry_at=clock.now, message=waiting.message
    )
    return [waiting, trying]


def test_a_failing_station_offers_stop_with_one_name_through_every_retry(
    bar: tuple[PlayerBar, FakePlayer, Heard, Clock],
) -> None:
    widget, player, _heard, clock = bar
    player.play(WNPR)
    names = set()
    for attempt in (1, 2, 3):
        for status in retry_cycle(player, clock, attempt):
            player.set_status(status)
            names.add(name_of(widget.play_button))
    assert names == {"Stop"}
    assert widget.play_button.toolTip() == "Stop trying (Space)"


def test_clicking_stop_while_failing_stops_instead_of_starting_over(
    qtbot: QtBot, bar: tuple[PlayerBar, FakePlayer, Heard, Clock]
) -> None:
    widget, player, _heard, clock = bar
    player.play(WNPR)
    player.set_status(failing(clock))
    qtbot.mouseClick(widget.play_button, Qt.MouseButton.LeftButton)
    assert player.requests[-1] == ("stop", None)
    assert player.status.state is PlaybackState.IDLE
    assert name_of(widget.play_button) == "Play"


def test_space_while_failing_stops_trying(qtbot: QtBot) -> None:
    clock = Clock(100.0)
    player = FakePlayer()
    pane = PlayerPane(player, (WNPR,), clock)
    qtbot.addWidget(pane)
    with qtbot.waitActive(pane):
        pane.show()
    player.play(WNPR)
    player.set_status(failing(clock))
    pane.list.setFocus()
    qtbot.keyClick(pane.list, Qt.Key.Key_Space)
    assert player.requests[-1] == ("stop", None)
    assert player.requests.count(("play", "wnpr")) == 1


def test_the_state_line_keeps_one_line_and_the_bar_its_height(
    bar: tuple[PlayerBar, FakePlayer, Heard, Clock],
) -> None:
    widget, player, _heard, clock = bar
    player.play(WNPR)
    heights = set()
    line_heights = set()
    for status in (
        PlayerStatus(PlaybackState.CONNECTING),
        PlayerStatus(PlaybackState.BUFFERING, 45),
        PlayerStatus(PlaybackState.PLAYING),
        PlayerStatus(PlaybackState.RECONNECTING, attempt=1, retry_at=clock.now + 19),
        PlayerStatus(PlaybackState.ERROR, attempt=2, retry_at=clock.now + 19, message=LONG),
        PlayerStatus(PlaybackState.ERROR, message=LONG),
    ):
        player.set_status(status)
        player.set_now_playing("A very long stream title " * 6 if status.attempt else "")
        widget.layout().activate()
        heights.add(widget.sizeHint().height())
        line_heights.add(widget.state_label.height())
    assert len(heights) == 1
    assert line_heights == {widget.state_label.fontMetrics().height()}
    label = widget.state_label
    assert label.is_cut_short()
    assert label.toolTip() == f"{LONG}."  # the whole sentence on demand
    assert name_of(label) == f"{LONG}."
    player.set_status(
        PlayerStatus(PlaybackState.ERROR, attempt=2, retry_at=clock.now + 19, message=LONG)
    )
    assert (
        label.fontMetrics()
        .elidedText(label.text(), Qt.TextElideMode.ElideRight, label.width())
        .startswith("Trying again in 19 s.")
    )  # what changes every second stays in sight


def test_each_streams_reason_is_in_the_details(
    qtbot: QtBot, bar: tuple[PlayerBar, FakePlayer, Heard, Clock]
) -> None:
    widget, player, _heard, clock = bar
    player.play(WNPR)
    assert not widget.details_button.isVisible()
    details = ("Stream 1: Could not reach a: refused.", "Stream 2: b answered 404.")
    player.set_status(failing(clock, details=details))
    assert widget.details_button.isVisible()
    qtbot.mouseClick(widget.details_button, Qt.MouseButton.LeftButton)
    dialog = widget.details_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.text.text() == "\n\n".join(details)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    assert not widget.details_button.isVisible()


def test_state_changes_are_announced_once_each_and_never_per_percent_or_second(
    bar: tuple[PlayerBar, FakePlayer, Heard, Clock],
) -> None:
    widget, player, heard, clock = bar
    player.play(WNPR)
    for percent in range(0, 100, 5):
        player.set_status(PlayerStatus(PlaybackState.BUFFERING, percent))
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    for _ in range(5):
        clock.now += 1
        player.ticked.emit()
    player.set_now_playing("Fresh Air")
    player.set_now_playing("")  # a drop clears the title: nothing to say about that
    for attempt in (1, 2, 3):
        player.set_status(
            PlayerStatus(PlaybackState.RECONNECTING, attempt=attempt, retry_at=clock.now + attempt)
        )
        player.set_status(
            PlayerStatus(PlaybackState.RECONNECTING, attempt=attempt, retry_at=clock.now)
        )
        clock.now += 1
        player.ticked.emit()
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    for attempt in (1, 2):
        for status in retry_cycle(player, clock, attempt):
            player.set_status(status)
    assert heard.said == [
        "Connecting to WNPR",
        "Playing WNPR",
        "Now playing: Fresh Air",
        "WNPR dropped; reconnecting",
        "Playing WNPR",
        "WNPR: the connection was refused. Trying again",
    ]
    assert widget.state_label.text() == "Trying again now. WNPR: the connection was refused."


def test_the_real_announcement_reaches_qt_without_error(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    announce_politely(widget, "Playing WNPR")


def test_tab_order_starts_at_play_so_the_first_space_plays(
    bar: tuple[PlayerBar, FakePlayer, Heard, Clock],
) -> None:
    widget, _player, _heard, _clock = bar
    focusable = []
    current = widget.nextInFocusChain()
    while current is not widget and len(focusable) < 10:
        if current.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isAncestorOf(current):
            focusable.append(current.objectName())
        current = current.nextInFocusChain()
    assert focusable[:4] == ["playPause", "playerDetailsButton", "mute", "volume"]


def test_the_listening_clock_repaints_once_a_minute_not_every_tick(
    bar: tuple[PlayerBar, FakePlayer, Heard, Clock],
) -> None:
    widget, player, _heard, clock = bar
    player.play(WNPR)
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    changes: list[str] = []
    original = widget.elapsed_label.setText
    widget.elapsed_label.setText = lambda text: (changes.append(text), original(text))  # type: ignore[method-assign]
    for _ in range(125):
        clock.now += 1
        player.ticked.emit()
    assert changes == ["1 min", "2 min"]


def test_the_stations_place_has_the_room_the_listening_clock_does_not_use(
    bar: tuple[PlayerBar, FakePlayer, Heard, Clock],
) -> None:
    widget, player, _heard, clock = bar
    wrli = Station(
        "wrli", "WRLI-FM", "91.3 FM", "Southampton, NY", ("http://127.0.0.1:9/b",), None, "UTC"
    )
    widget.resize(widget.minimumWidth(), widget.height())
    widget.set_selected_station(wrli)
    widget.layout().activate()
    assert widget.place_label.text() == "Southampton, NY"
    assert not widget.place_label.is_cut_short()  # not listening: no clock at all
    player.play(wrli)
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    clock.now += 61
    player.ticked.emit()
    widget.layout().activate()
    elapsed = widget.elapsed_label
    assert elapsed.text() == "1 min"
    assert elapsed.width() == elapsed.fontMetrics().horizontalAdvance("1 min") + 4


def test_a_long_station_name_is_cut_short_with_an_ellipsis_and_never_widens_the_bar(
    bar: tuple[PlayerBar, FakePlayer, Heard, Clock],
) -> None:
    widget, player, _heard, _clock = bar
    short_width = widget.minimumSizeHint().width()
    long = Station(
        "lpr", "Loopback Public Radio Jazz", "89.9 FM", "Riverside, CT", ("http://127.0.0.1:9/c",),
        None, "UTC",
    )  # fmt: skip
    player.play(long)
    widget.resize(widget.minimumWidth(), widget.height())
    widget.layout().activate()
    label = widget.station_label
    assert label.text() == "Loopback Public Radio Jazz 89.9 FM"
    assert widget.minimumSizeHint().width() == short_width  # the window's panes stay put
    assert label.geometry().right() < widget.width()
    assert label.is_cut_short() and label.toolTip() == label.text()
    player.play(WNPR)
    widget.layout().activate()
    assert not label.is_cut_short() and label.width() >= label.sizeHint().width()
