"""The stream repair's decisions, with a FakePlayer and a directory answer given directly."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from station_app.net.cancel import CancelToken
from station_app.playback.fake import FakePlayer
from station_app.playback.stream_repair import StreamRepair
from station_app.stations.directory import DirectoryError
from station_app.stations.directory_match import Replacement
from station_app.stations.directory_parse import DirectoryStation
from station_app.stations.model import Station
from station_app.tasks import TaskRunner

WEDW = Station("wedw-fm", "WEDW-FM", "88.5 FM", "Stamford, CT", (), None, "America/New_York")
WPKT = Station("wpkt", "WPKT", "89.1 FM", "Norwich, CT", ("http://127.0.0.1:9/x",), None, "UTC")


def found(url: str) -> DirectoryStation:
    return DirectoryStation(
        uuid="u1",
        name="WEDW 88.5",
        url=url,
        url_resolved=url,
        homepage="",
        favicon="",
        tags=(),
        country="US",
        state="Connecticut",
        codec="MP3",
        bitrate=128,
        hls=False,
        last_check_ok=True,
    )


def build(
    qtbot: QtBot, answer: object, automatic: bool
) -> tuple[FakePlayer, StreamRepair, list[str]]:
    player = FakePlayer()
    asked: list[str] = []

    def find(station: Station, _cancel: CancelToken) -> object:
        asked.append(station.id)
        return answer

    repair = StreamRepair(player, TaskRunner(), find, automatic)  # type: ignore[arg-type]
    return player, repair, asked


def test_offer_is_shown_and_accepting_plays_the_directory_stream(qtbot: QtBot) -> None:
    replacement = Replacement(WEDW, found("http://127.0.0.1:8000/wedw.mp3"))
    player, repair, asked = build(qtbot, replacement, automatic=False)
    player.play(WEDW)
    player.fail_station("WEDW-FM: it has no known stream yet")
    qtbot.waitUntil(lambda: repair.notice is not None and repair.notice.replacement is not None)
    assert asked == ["wedw-fm"]
    assert repair.notice is not None and repair.notice.message.endswith("Use it?")
    assert repair.notice.details.startswith("Stream address: http://")
    repair.accept()
    assert player.requests[-1] == ("play", "wedw-fm")
    assert player.station is not None
    assert player.station.streams == ("http://127.0.0.1:8000/wedw.mp3",)
    assert repair.notice is not None and repair.notice.playing


def test_a_station_is_looked_up_once_per_session(qtbot: QtBot) -> None:
    player, repair, asked = build(qtbot, None, automatic=True)
    player.play(WPKT)
    player.fail_station("WPKT: could not reach 127.0.0.1")
    qtbot.waitUntil(lambda: repair.notice is not None and not repair.notice.busy)
    assert repair.notice is not None
    assert repair.notice.message == "The station directory lists no working stream for WPKT."
    shown = repair.notice
    # The player reports a failure on the spot, and the repair decides on the spot: a
    # second search would show "Looking for…" at once.
    with qtbot.assertNotEmitted(repair.notice_changed):
        player.fail_station("WPKT: could not reach 127.0.0.1")
    assert repair.notice is shown
    assert asked == ["wpkt"]


def test_directory_failure_is_reported_in_a_sentence(qtbot: QtBot) -> None:
    error = DirectoryError("No station directory server answered.")
    player, repair, _asked = build(qtbot, error, automatic=True)
    player.play(WPKT)
    player.fail_station("WPKT: down")
    qtbot.waitUntil(lambda: repair.notice is not None and not repair.notice.busy)
    assert repair.notice is not None
    assert repair.notice.message == (
        "The station directory could not be reached to find another stream for WPKT. "
        "Check the connection, then play it again."
    )
    assert repair.notice.details == "No station directory server answered."


def test_a_search_that_crashes_ends_the_wait_with_a_sentence(qtbot: QtBot) -> None:
    player = FakePlayer()

    def find(_station: Station, _cancel: CancelToken) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    repair = StreamRepair(player, TaskRunner(), find, automatic=True)
    player.play(WPKT)
    player.fail_station("WPKT: down")
    qtbot.waitUntil(lambda: repair.notice is not None and not repair.notice.busy)
    assert repair.notice is not None
    assert repair.notice.message == (
        "No other stream for WPKT could be found: an error inside Station App stopped the search."
    )


def test_switching_station_hides_the_offer(qtbot: QtBot) -> None:
    replacement = Replacement(WEDW, found("http://127.0.0.1:8000/wedw.mp3"))
    player, repair, _asked = build(qtbot, replacement, automatic=False)
    player.play(WEDW)
    player.fail_station("WEDW-FM: it has no known stream yet")
    qtbot.waitUntil(lambda: repair.notice is not None and repair.notice.replacement is not None)
    player.play(WPKT)
    assert repair.notice is None


def test_turning_automatic_repair_on_plays_the_next_find_at_once(qtbot: QtBot) -> None:
    replacement = Replacement(WEDW, found("http://127.0.0.1:8000/wedw.mp3"))
    player, repair, _asked = build(qtbot, replacement, automatic=False)
    repair.set_automatic(True)
    assert repair.automatic
    player.play(WEDW)
    player.fail_station("WEDW-FM: it has no known stream yet")
    qtbot.waitUntil(lambda: repair.notice is not None and repair.notice.playing)
    assert player.station is not None
    assert player.station.streams == ("http://127.0.0.1:8000/wedw.mp3",)
