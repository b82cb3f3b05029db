"""The assembled window shows On Now / Next Up for the tuned station, and MPRIS falls back to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from station_app.app import build_services, build_window
from station_app.net.fetcher import Fetcher
from station_app.paths import AppPaths
from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.ui.player_pane import PlayerPane
from tests.schedule.composer_server import ComposerServer, composer_entry


def test_window_shows_the_schedule_of_the_selected_station(
    qtbot: QtBot, composer: ComposerServer, user_config_dir: Path
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    zone = "America/New_York"
    composer.set_now(
        "ucs1",
        composer_entry(zone, now - timedelta(minutes=10), 60, "Where We Live", ("Catherine Shen",)),
        [composer_entry(zone, now + timedelta(minutes=50), 60, "All Things Considered")],
    )
    (user_config_dir / "stations.toml").write_text(
        '[network]\nname = "Test Public Radio"\n\n[[stations]]\nid = "wtst"\n'
        'call_sign = "WTST"\nstreams = ["http://127.0.0.1:9/live.mp3"]\n'
        f'schedule_url = "{composer.base("ucs1")}"\ntimezone = "{zone}"\n'
    )
    # Schedules go through a real fetcher; only the news side is offline here.
    services = build_services(AppPaths.from_environment(), FakePlayer(), Fetcher(None))
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()

    def texts() -> str:
        return " | ".join(label.text() for label in window.findChildren(QLabel))

    qtbot.waitUntil(lambda: "Where We Live" in texts(), timeout=5000)
    assert "Catherine Shen" in texts()
    assert "All Things Considered" in texts()
    assert services.schedule.current_program_name == "Where We Live"
    services.schedule.stop()
    services.tasks.shutdown()


def test_a_failing_station_keeps_its_own_programme_on_the_strip(
    qtbot: QtBot, user_config_dir: Path
) -> None:
    def station(station_id: str, program: str) -> str:
        return (
            f'[[stations]]\nid = "{station_id}"\ncall_sign = "{station_id.upper()}"\n'
            'streams = ["http://127.0.0.1:9/live.mp3"]\ntimezone = "UTC"\n\n'
            + "".join(
                f'[[stations.schedule]]\ndays = "daily"\nstart = "{start}"\nend = "{end}"\n'
                f'program = "{program}"\n\n'
                for start, end in (("00:00", "12:00"), ("12:00", "24:00"))
            )
        )

    (user_config_dir / "stations.toml").write_text(
        '[network]\nname = "Test Public Radio"\nwebsite = "http://127.0.0.1:9/"\n\n'
        + station("waaa", "A Show")
        + station("wbbb", "B Show")
    )
    player = FakePlayer()
    services = build_services(AppPaths.from_environment(), player, Fetcher(None))
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()
    stations = services.stations.config.stations
    player.play(stations[1])
    qtbot.waitUntil(lambda: services.schedule.current_program_name == "B Show", timeout=5000)
    player.set_status(PlayerStatus(PlaybackState.ERROR, attempt=1, retry_at=1e12, message="x"))
    pane = window.splitter.widget(0)
    assert isinstance(pane, PlayerPane)
    pane.select_station("waaa")  # the person looks at another station while WBBB fails
    assert services.schedule.current_program_name == "B Show"
    player.set_status(PlayerStatus(PlaybackState.ERROR, message="WBBB: a web page"))  # for good
    pane.select_station("waaa")
    assert services.schedule.current_program_name == "B Show"
    player.stop()  # stopped: the strip follows the selection again
    qtbot.waitUntil(lambda: services.schedule.current_program_name == "A Show", timeout=5000)
    services.schedule.stop()
    services.tasks.shutdown()
