"""The player bar and station list, driven through a FakePlayer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.station_list_model import DetailRole
from station_app.playback.ui.player_pane import PlayerPane
from station_app.stations.model import Station
from tests.clock import Clock

STATIONS = (
    Station("wnpr", "WNPR", "90.5 FM", "Meriden, CT", ("http://127.0.0.1:9/a",), None, "UTC"),
    Station("wedw-fm", "WEDW-FM", "88.5 FM", "Stamford, CT", (), None, "UTC"),
    Station(
        "wpkt",
        "WPKT",
        "89.1 FM",
        "Norwich, CT",
        ("http://127.0.0.1:9/b",),
        None,
        "UTC",
        simulcast_of="wnpr",
    ),
)


@pytest.fixture
def clock() -> Clock:
    return Clock(100.0)


@pytest.fixture
def pane(qtbot: QtBot, clock: Clock) -> Iterator[tuple[PlayerPane, FakePlayer]]:
    player = FakePlayer()
    widget = PlayerPane(player, STATIONS, clock)
    qtbot.addWidget(widget)
    widget.resize(420, 500)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget, player


def name_of(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def list_item_names(pane: PlayerPane) -> list[str]:
    interface = QAccessible.queryAccessibleInterface(pane.list)
    assert interface is not None
    names = []
    for i in range(interface.childCount()):
        child = interface.child(i)
        if child is not None and child.role() == QAccessible.Role.ListItem:
            names.append(child.text(QAccessible.Text.Name))
    return names


def test_station_list_reads_every_station_to_a_screen_reader(
    pane: tuple[PlayerPane, FakePlayer],
) -> None:
    widget, _player = pane
    assert list_item_names(widget) == [
        "WNPR, 90.5 FM, Meriden, CT",
        "WEDW-FM, 88.5 FM, Stamford, CT, no known stream yet",
        "WPKT, 89.1 FM, Norwich, CT, simulcast of WNPR",
    ]
    second_lines = [widget.model.index(row).data(DetailRole) for row in range(3)]
    assert second_lines == [
        "Meriden, CT",
        "Stamford, CT · no known stream yet",
        "Norwich, CT · simulcast of WNPR",
    ]


def test_enter_tunes_the_selected_station_and_marks_it(
    qtbot: QtBot, pane: tuple[PlayerPane, FakePlayer]
) -> None:
    widget, player = pane
    widget.list.setFocus()
    widget.select_station("wpkt")
    qtbot.keyClick(widget.list, Qt.Key.Key_Return)
    assert player.requests[-1] == ("play", "wpkt")
    assert list_item_names(widget)[2] == "WPKT, 89.1 FM, Norwich, CT, simulcast of WNPR, tuned in"
    assert widget.bar.station_label.text() == "WPKT 89.1 FM"
    assert name_of(widget.bar.state_label) == "Connecting…"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (PlayerStatus(PlaybackState.BUFFERING, 45), "Buffering 45 %"),
        (PlayerStatus(PlaybackState.PLAYING), "Playing"),
        (
            PlayerStatus(PlaybackState.RECONNECTING, attempt=2, retry_at=104.0, message="x"),
            "Reconnecting in 4 s…",
        ),
        (
            PlayerStatus(PlaybackState.ERROR, message="WNPR: the stream at http://x/ answered 404"),
            "WNPR: the stream at http://x/ answered 404.",
        ),
        (
            PlayerStatus(PlaybackState.ERROR, retry_at=130.0, message="WNPR: could not reach x"),
            "Trying again in 30 s. WNPR: could not reach x.",
        ),
    ],
)
def test_state_line_says_what_the_player_is_doing(
    pane: tuple[PlayerPane, FakePlayer], status: PlayerStatus, expected: str
) -> None:
    widget, player = pane
    player.play(STATIONS[0])
    player.set_status(status)
    assert widget.bar.state_label.text() == expected
    assert name_of(widget.bar.state_label) == expected


def test_reconnect_countdown_and_listening_clock_tick(
    pane: tuple[PlayerPane, FakePlayer], clock: Clock
) -> None:
    widget, player = pane
    player.play(STATIONS[0])
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    assert widget.bar.elapsed_label.text() == "<1 min"
    assert name_of(widget.bar.elapsed_label) == "Listening for less than a minute"
    clock.now += 3600 + 75
    player.ticked.emit()  # the player's one timer drives the bar's clock
    assert widget.bar.elapsed_label.text() == "1 h 01 min"
    assert name_of(widget.bar.elapsed_label) == "Listening for 1 hour 1 minute"
    player.set_status(PlayerStatus(PlaybackState.RECONNECTING, attempt=1, retry_at=clock.now + 2))
    assert widget.bar.elapsed_label.text() == ""  # a drop stops the clock
    clock.now += 1
    player.ticked.emit()
    assert widget.bar.state_label.text() == "Reconnecting in 1 s…"
    player.stop()
    assert widget.bar.elapsed_label.text() == ""
    assert name_of(widget.bar.elapsed_label) == "Not listening"
    assert widget.bar.findChildren(QTimer) == []  # an idle bar runs no timers of its own


def test_now_playing_title_is_shown_and_readable(pane: tuple[PlayerPane, FakePlayer]) -> None:
    widget, player = pane
    player.play(STATIONS[0])
    assert widget.bar.now_playing_label.text() == ""
    player.set_now_playing("All Things Considered")
    assert widget.bar.now_playing_label.text() == "All Things Considered"
    assert name_of(widget.bar.now_playing_label) == "All Things Considered"


def test_keyboard_controls(qtbot: QtBot, pane: tuple[PlayerPane, FakePlayer]) -> None:
    widget, player = pane
    widget.list.setFocus()
    qtbot.keyClick(widget.list, Qt.Key.Key_Space)
    assert player.requests[-1] == ("play", "wnpr")
    qtbot.keyClick(widget.list, Qt.Key.Key_Space)
    assert player.requests[-1] == ("pause", None)
    qtbot.keyClick(widget.list, Qt.Key.Key_Space)
    assert player.requests[-1] == ("resume", None)
    start = player.volume
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert player.volume == start + 5
    assert widget.bar.volume_slider.value() == start + 5
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert player.volume == start - 5
    qtbot.keyClick(widget.list, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert player.requests[-1] == ("play", "wpkt")
    qtbot.keyClick(widget.list, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert player.muted
    assert name_of(widget.bar.mute_button) == "Unmute"


def test_buttons_have_names_that_follow_the_state(pane: tuple[PlayerPane, FakePlayer]) -> None:
    widget, player = pane
    assert name_of(widget.bar.play_button) == "Play"
    player.play(STATIONS[0])
    assert name_of(widget.bar.play_button) == "Pause"
    assert name_of(widget.bar.volume_slider) == "Volume"
    assert name_of(widget.bar.mute_button) == "Mute"


def test_selecting_a_station_without_stream_says_so_before_playing(
    pane: tuple[PlayerPane, FakePlayer],
) -> None:
    widget, player = pane
    widget.select_station("wedw-fm")
    assert widget.bar.station_label.text() == "WEDW-FM 88.5 FM"
    assert widget.bar.state_label.text() == "WEDW-FM has no known stream yet."
    player.play(STATIONS[1])
    player.fail_station("WEDW-FM: it has no known stream yet")
    assert widget.bar.state_label.text() == "WEDW-FM: it has no known stream yet."


def test_play_works_as_soon_as_a_station_is_selected(
    qtbot: QtBot, pane: tuple[PlayerPane, FakePlayer]
) -> None:
    widget, player = pane
    assert not widget.bar.play_button.isEnabled()  # nothing to play yet
    widget.select_station("wnpr")  # as the window does at start, before any player change
    assert widget.bar.play_button.isEnabled()
    widget.bar.play_button.click()
    assert player.requests[-1] == ("play", "wnpr")
