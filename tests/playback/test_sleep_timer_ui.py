"""The sleep timer in the window: its menu, and the player bar's button a screen reader reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station_app.playback.fake import FakePlayer
from station_app.playback.sleep_timer import ProgramEnd, SleepTimer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.ui.player_bar import PlayerBar
from station_app.playback.ui.sleep_timer import (
    SleepTimerButton,
    SleepTimerMenu,
    duration_text,
    duration_words,
    sleep_timer_menu,
)
from tests.clock import Clock
from tests.playback.fakes import ManualTimers
from tests.playback.test_player_bar import WNPR, Heard
from tests.playback.test_player_pane import name_of

NOW = datetime(2024, 5, 6, 18, 30, tzinfo=UTC)


@dataclass
class Rig:
    bar: PlayerBar
    button: SleepTimerButton
    timer: SleepTimer
    player: FakePlayer
    timers: ManualTimers
    heard: Heard
    program: list[ProgramEnd | None]


@pytest.fixture
def rig(qtbot: QtBot) -> Rig:
    clock = Clock(100.0)
    timers = ManualTimers(clock)
    player = FakePlayer()
    player.play(WNPR)
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    program: list[ProgramEnd | None] = [None]

    def wall() -> datetime:
        return NOW + timedelta(seconds=clock.now - 100.0)

    timer = SleepTimer(player, lambda: program[0], clock, wall, timers)
    heard = Heard()
    bar = PlayerBar(player, clock, announce=heard)
    button = bar.add_sleep_timer(timer)
    qtbot.addWidget(bar)
    bar.resize(420, 160)
    bar.show()
    qtbot.waitExposed(bar)
    heard.said.clear()
    return Rig(bar, button, timer, player, timers, heard, program)


def menu_of(rig: Rig) -> SleepTimerMenu:
    menu = rig.button.menu()
    assert isinstance(menu, SleepTimerMenu)
    return menu


def test_durations_read_in_whole_minutes_rounded_up() -> None:
    assert duration_text(30 * 60) == "30 min"
    assert duration_text(29 * 60 + 1) == "30 min"
    assert duration_text(5) == "1 min"
    assert duration_text(90 * 60) == "1 h 30 min"
    assert duration_text(60 * 60) == "1 h"
    assert duration_words(90 * 60) == "1 hour 30 minutes"
    assert duration_words(61) == "2 minutes"
    assert duration_words(40) == "1 minute"


def test_the_button_says_the_time_left_and_is_announced_once(rig: Rig) -> None:
    assert name_of(rig.button) == "Sleep timer: off"
    assert rig.button.text() == ""
    menu_of(rig).minute_actions[30].trigger()
    assert rig.timer.minutes == 30
    assert rig.button.text() == "30 min"
    assert name_of(rig.button) == "Sleep timer: Playback stops in 30 minutes"
    assert rig.button.toolTip() == "Playback stops in 30 minutes (Ctrl+T)"
    assert rig.heard.said == ["Sleep timer set. Playback stops in 30 minutes."]
    rig.timers.advance(61)
    assert rig.button.text() == "29 min"
    assert name_of(rig.button) == "Sleep timer: Playback stops in 29 minutes"
    assert len(rig.heard.said) == 1, "the countdown is shown, never spoken"
    menu_of(rig).cancel_action.trigger()
    assert not rig.timer.running
    assert name_of(rig.button) == "Sleep timer: off"
    assert rig.heard.said[1:] == ["Sleep timer cancelled."]


def test_when_it_runs_out_it_says_it_stopped_playback(rig: Rig) -> None:
    rig.timer.start(15)
    rig.timers.advance(15 * 60)
    assert rig.player.status.state is PlaybackState.IDLE
    assert rig.heard.said[1:] == ["The sleep timer stopped playback."]
    assert name_of(rig.button) == "Sleep timer: off"
    rig.timer.start(15)
    rig.timer.cancel()
    assert rig.heard.said[-1] == "Sleep timer cancelled.", "a later cancel is a cancel"


def test_the_menu_checks_the_running_choice_and_names_the_program(rig: Rig) -> None:
    menu = menu_of(rig)
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == [
        "15 minutes",
        "30 minutes",
        "45 minutes",
        "60 minutes",
        "90 minutes",
        "At the &end of this program",
        "&Cancel sleep timer",
    ]
    assert not menu.program_action.isEnabled(), "no end known: nothing to pick"
    assert not menu.cancel_action.isEnabled()
    assert not any(action.isChecked() for action in menu.actions())
    rig.program[0] = ProgramEnd("All Things Considered", NOW + timedelta(minutes=42))
    menu.aboutToShow.emit()  # the menu reads the schedule each time it opens
    assert menu.program_action.text() == "At the &end of All Things Considered"
    assert menu.program_action.isEnabled()
    menu.program_action.trigger()
    assert rig.timer.program == "All Things Considered"
    assert menu.program_action.isChecked() and menu.cancel_action.isEnabled()
    assert rig.heard.said == [
        "Sleep timer set. Playback stops at the end of All Things Considered, in 42 minutes."
    ]
    menu.minute_actions[90].trigger()
    assert menu.minute_actions[90].isChecked() and not menu.program_action.isChecked()
    rig.timer.cancel()
    assert not any(action.isChecked() for action in menu.actions())


def test_every_menu_follows_the_one_timer(rig: Rig, qtbot: QtBot) -> None:
    tray = sleep_timer_menu(rig.timer)
    rig.timer.start(45)
    assert tray.minute_actions[45].isChecked()
    assert menu_of(rig).minute_actions[45].isChecked()
    tray.cancel_action.trigger()
    assert not menu_of(rig).minute_actions[45].isChecked()
    tray.deleteLater()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_ctrl_t_opens_the_menu_on_the_first_choice(rig: Rig, qtbot: QtBot) -> None:
    menu = menu_of(rig)
    seen: list[str] = []

    def look_and_close() -> None:
        active = menu.activeAction()
        seen.append(active.text() if active else "")
        menu.close()

    menu.aboutToShow.connect(lambda: QTimer.singleShot(0, look_and_close))

    def ctrl_t() -> None:
        rig.bar.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is rig.bar)
        qtbot.keyClick(rig.bar, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)

    ctrl_t()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["15 minutes"]
    rig.timer.start(60)
    ctrl_t()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1] == "60 minutes", "opens on the running choice"


def test_at_its_narrowest_the_bar_keeps_a_retrys_countdown_whole_beside_a_running_timer(
    rig: Rig,
) -> None:
    bar = rig.bar
    narrowest = bar.minimumSizeHint().width()
    assert bar.minimumWidth() >= narrowest
    off = bar.minimumWidth()
    rig.timer.start(90)
    bar.layout().activate()
    assert rig.button.text() == "1 h 30 min"
    # Room for the longest time left was kept from the start: nothing widens.
    assert bar.minimumWidth() == off
    assert bar.layout().totalMinimumSize().width() <= off
    bar.resize(off, bar.height())
    rig.player.set_status(
        PlayerStatus(PlaybackState.RECONNECTING, attempt=1, retry_at=rig.timers.clock.now + 30)
    )
    bar.layout().activate()
    assert bar.state_label.text() == "Reconnecting in 30 s…"
    assert not bar.state_label.is_cut_short()
