"""The played titles: written down as they come, bounded, kept across runs, cleared on request."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from station_app.config.regular_file import STATE_FILE_LIMIT
from station_app.playback.fake import FakePlayer
from station_app.playback.played_titles import (
    LONGEST_TITLE,
    MAX_TITLES,
    SAVE_DELAY,
    PlayedTitles,
)
from station_app.playback.played_titles_model import PlayedTitlesModel, TitleRole, played_at_text
from station_app.stations.model import Station
from tests.clock import Clock
from tests.playback.fakes import ManualTimers

WLPR = Station("wlpr", "WLPR", "89.9 FM", "Loopback", ("http://127.0.0.1:9/a",), None, "UTC")
WTWO = Station("wtwo", "WTWO", "91.1 FM", "Loopback", ("http://127.0.0.1:9/b",), None, "UTC")
START = datetime(2024, 5, 6, 22, 30, tzinfo=UTC)
CHICAGO = ZoneInfo("America/Chicago")


class Rig:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.clock = Clock(0.0)
        self.timers = ManualTimers(self.clock)
        self.failures: list[tuple[Path, OSError]] = []
        self.titles = self.open()

    def now(self) -> datetime:
        return START + timedelta(seconds=self.clock.now)

    def open(self) -> PlayedTitles:
        """The list as a new run of the app finds it."""
        return PlayedTitles(
            self.path,
            clock=self.now,
            on_write_error=lambda path, error: self.failures.append((path, error)),
            timers=self.timers,
        )

    def play(self, title: str, station: Station = WLPR, after: float = 180.0) -> None:
        self.timers.advance(after)
        self.titles.record(title, station)


@pytest.fixture
def rig(tmp_path: Path, qtbot: QtBot) -> Rig:
    return Rig(tmp_path / "state" / "played-titles.json")


def names(titles: PlayedTitles) -> list[str]:
    return [entry.title for entry in titles.titles]


def test_titles_are_listed_newest_first_with_time_and_station(rig: Rig) -> None:
    rig.play("Miles Davis - So What")
    rig.play("Nina Simone - Feeling Good", WTWO)
    first, second = rig.titles.titles
    assert first.title == "Nina Simone - Feeling Good"
    assert (first.station_id, first.station_name) == ("wtwo", "WTWO 91.1 FM")
    assert first.at == START + timedelta(seconds=360)
    assert second.title == "Miles Davis - So What" and second.station_id == "wlpr"


def test_a_title_sent_again_is_not_a_new_play(rig: Rig) -> None:
    rig.play("So What")
    rig.play("So What")  # a reconnect sends the same title again
    assert names(rig.titles) == ["So What"]
    rig.play("So What", WTWO)  # another station playing it is another play
    rig.play("Blue in Green")
    rig.play("So What")
    assert names(rig.titles) == ["So What", "Blue in Green", "So What", "So What"]


def test_spaces_are_tidied_and_long_titles_cut(rig: Rig) -> None:
    rig.play("  Kind   of\tBlue  ")
    rig.play("x" * 2000)
    rig.play("   ")
    long, short = rig.titles.titles
    assert short.title == "Kind of Blue"
    assert len(long.title) == LONGEST_TITLE and long.title.endswith("…")


def test_the_list_keeps_the_newest_five_hundred(rig: Rig, qtbot: QtBot) -> None:
    model = PlayedTitlesModel(rig.titles, clock=rig.now)
    for number in range(MAX_TITLES):
        rig.play(f"Song {number}", after=1)
    assert model.rowCount() == MAX_TITLES
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    rig.play("Song new", after=1)
    assert inserted == [(0, 0)] and removed == [(MAX_TITLES, MAX_TITLES)]
    assert len(rig.titles.titles) == MAX_TITLES == model.rowCount()
    assert model.index(0).data() == "Song new"
    assert model.index(MAX_TITLES - 1).data() == "Song 1", "the oldest went"
    rig.titles.flush()
    assert len(rig.open().titles) == MAX_TITLES


def test_kept_across_runs_written_once_a_burst_settles(rig: Rig) -> None:
    rig.play("Café Tacvba — Déjà vu")
    rig.play("Blue in Green", after=0.5)
    assert not rig.path.exists(), "not written at every change"
    rig.timers.advance(SAVE_DELAY)
    assert rig.path.exists()
    again = rig.open()
    assert names(again) == ["Blue in Green", "Café Tacvba — Déjà vu"]
    assert again.titles[1].at == START + timedelta(seconds=180)
    document = json.loads(rig.path.read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert document["titles"][1] == {
        "title": "Café Tacvba — Déjà vu",
        "station": "wlpr",
        "station_name": "WLPR 89.9 FM",
        "at": "2024-05-06T22:33:00+00:00",
    }
    leftovers = [p.name for p in rig.path.parent.iterdir() if p.name != rig.path.name]
    assert leftovers == [], "no temporary files left behind"


def test_flush_at_exit_writes_what_is_pending(rig: Rig) -> None:
    rig.play("So What")
    rig.titles.flush()
    assert names(rig.open()) == ["So What"]
    assert rig.timers.active() == []


def test_clear_empties_the_list_and_the_file_at_once(rig: Rig, qtbot: QtBot) -> None:
    rig.play("So What")
    rig.titles.flush()
    model = PlayedTitlesModel(rig.titles, clock=rig.now)
    with qtbot.waitSignal(model.modelReset):
        rig.titles.clear()
    assert model.rowCount() == 0 and rig.titles.titles == ()
    assert names(rig.open()) == [], "cleared on disk, not in a moment"


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[1, 2, 3]",
        b'{"titles": "nope"}',
        b"\xff\xfe garbage",
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_a_damaged_file_means_an_empty_list(
    rig: Rig, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    rig.path.parent.mkdir(parents=True)
    rig.path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert rig.open().titles == ()


def test_entries_that_are_not_titles_are_left_out(rig: Rig) -> None:
    good = {"title": "So What", "station": "wlpr", "station_name": "WLPR", "at": START.isoformat()}
    rig.path.parent.mkdir(parents=True)
    entries = [
        good,
        {**good, "title": 5},
        {**good, "at": "yesterday"},
        {**good, "at": "2024-05-06T22:30:00"},  # no zone: no moment
        {**good, "title": "  "},
        "So What",
    ]
    rig.path.write_text(json.dumps({"version": 1, "titles": entries}), encoding="utf-8")
    assert names(rig.open()) == ["So What"]


def test_a_huge_file_or_a_pipe_is_refused(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    rig.path.parent.mkdir(parents=True)
    rig.path.write_bytes(b" " * (STATE_FILE_LIMIT + 1))
    with caplog.at_level(logging.WARNING):
        assert rig.open().titles == ()
    assert "larger than" in caplog.text
    rig.path.unlink()
    os.mkfifo(rig.path)
    assert rig.open().titles == ()  # at once: nobody writes to that pipe


def test_a_failed_write_is_reported(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    rig.path.parent.write_text("a file where the folder should be")
    rig.play("So What")
    with caplog.at_level(logging.WARNING):
        rig.titles.flush()
    assert [path for path, _error in rig.failures] == [rig.path]
    assert names(rig.titles) == ["So What"], "still listed for this run"


def test_it_follows_what_the_player_plays(rig: Rig) -> None:
    player = FakePlayer()
    rig.titles.follow(player)
    player.set_now_playing("Before any station")  # nothing tuned: nothing to say where
    player.play(WLPR)
    player.set_now_playing("So What")
    player.set_now_playing("")
    player.set_now_playing("So What")
    player.play(WTWO)
    player.set_now_playing("Take Five")
    assert [(t.title, t.station_id) for t in rig.titles.titles] == [
        ("Take Five", "wtwo"),
        ("So What", "wlpr"),
    ]


def test_times_read_as_today_yesterday_a_weekday_or_a_date() -> None:
    now = datetime(2024, 5, 8, 15, 0, tzinfo=CHICAGO)

    def text(moment: datetime) -> str:
        return played_at_text(moment, now, CHICAGO)

    assert text(now.replace(hour=9, minute=5)) == "9:05 AM"
    assert text(now.replace(hour=0, minute=0)) == "12:00 AM"
    assert text(now - timedelta(days=1)) == "Yesterday 3:00 PM"
    assert text(now - timedelta(days=3)) == "Sun 3:00 PM"
    assert text(now - timedelta(days=30)) == "Apr 8 3:00 PM"
    assert text(datetime(2023, 12, 31, 23, 0, tzinfo=CHICAGO)) == "Dec 31, 2023 11:00 PM"
    # The listener's day, not UTC's: 9 PM in Chicago is already tomorrow in UTC.
    late = datetime(2024, 5, 8, 21, 0, tzinfo=CHICAGO).astimezone(UTC)
    assert played_at_text(late, now.replace(hour=23), CHICAGO) == "9:00 PM"


def test_the_model_gives_a_screen_reader_the_whole_row(rig: Rig, qtbot: QtBot) -> None:
    model = PlayedTitlesModel(rig.titles, clock=rig.now, zone=CHICAGO)
    rig.play("So What")
    index = model.index(0)
    assert index.data() == "So What"
    assert index.data(TitleRole.TIME_TEXT) == "5:33 PM"
    assert index.data(TitleRole.STATION) == "WLPR 89.9 FM"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "So What, WLPR 89.9 FM, 5:33 PM"
    assert model.rowCount(index) == 0 and model.data(QModelIndex()) is None
