"""What a screen reader hears from the player: each change once, politely, no percentages."""

from __future__ import annotations

import time
from collections.abc import Callable

from jeepney import MatchRule
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection

from tests.e2e.atspi import REGISTRY, AtSpiBus
from tests.e2e.conftest import Launch
from tests.e2e.desktop import DEADLINE, Desktop
from tests.e2e.observe import wait_mpris
from tests.e2e.test_playback import started, two_stations
from tests.playback.icecast import IcecastServer

ANNOUNCEMENT = MatchRule(
    type="signal", interface="org.a11y.atspi.Event.Object", member="Announcement"
)


class Announcements:
    """Listens on the AT-SPI bus, as a screen reader does, for the apps' announcements."""

    def __init__(self, atspi: AtSpiBus) -> None:
        self._connection: DBusConnection = atspi.connection
        self._filter = self._connection.filter(ANNOUNCEMENT)
        self._queue = self._filter.__enter__()
        self._connection.send_and_get_reply(message_bus.AddMatch(ANNOUNCEMENT))
        # Apps send only the events some listener has asked the registry for.
        atspi.call(
            REGISTRY,
            "/org/a11y/atspi/registry",
            REGISTRY,
            "RegisterEvent",
            "sass",
            "object:announcement",
            [],
            "",
        )
        self.heard: list[str] = []

    def wait_until(self, heard_enough: Callable[[list[str]], bool], what: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while not heard_enough(self.heard):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never heard {what}; heard {self.heard}")
            try:
                message = self._connection.recv_until_filtered(self._queue, timeout=left)
            except TimeoutError:
                continue
            _detail, _detail1, _detail2, (_signature, said), *_rest = message.body
            self.heard.append(str(said))

    def close(self) -> None:
        self._filter.__exit__(None, None, None)


def test_playing_a_title_a_drop_and_recovery_are_each_announced_once(
    launch: Launch, desktop: Desktop, atspi: AtSpiBus, icecast: IcecastServer
) -> None:
    announcements = Announcements(atspi)
    try:
        # Played once the window is up: the app learns which events a screen reader
        # wants as its accessibility starts, and `--play` may be playing before that.
        started(launch, two_stations(icecast.stream_url))
        desktop.key("space")
        wait_mpris(desktop, "Playing")
        announcements.wait_until(lambda heard: "Playing WLPR" in heard, "Playing WLPR")
        icecast.set_title("Fresh Air")
        announcements.wait_until(lambda heard: "Now playing: Fresh Air" in heard, "the title")
        icecast.stop_source()
        announcements.wait_until(lambda heard: "WLPR dropped; reconnecting" in heard, "the drop")
        icecast.start_source()
        announcements.wait_until(lambda heard: heard.count("Playing WLPR") == 2, "playing again")
    finally:
        announcements.close()
    heard = announcements.heard
    # Once each: the retries of one outage and the buffering steps say nothing more.
    assert heard.count("WLPR dropped; reconnecting") == 1, heard
    assert heard.count("Now playing: Fresh Air") == 1, heard
    assert not [text for text in heard if "%" in text or "Buffering" in text], heard
    assert heard.index("Playing WLPR") < heard.index("Now playing: Fresh Air"), heard
