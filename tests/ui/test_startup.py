"""The window starts on bundled stations when the user's file is broken, and says so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from station_app.app import build_services, build_window
from station_app.net.fetcher import Fetcher
from station_app.paths import AppPaths
from station_app.playback.fake import FakePlayer
from station_app.playback.ui.player_pane import PlayerPane
from station_app.ui.config_notice import ConfigNotice


def accessible_name(widget: object) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)  # type: ignore[arg-type]
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def test_broken_user_file_starts_on_bundled_stations_and_is_untouched(
    offline_fetcher: Fetcher, qtbot: QtBot, user_config_dir: Path
) -> None:
    path = user_config_dir / "stations.toml"
    broken = b'[network]\nname = "Mine"\n\n[[stations]]\nid = "x y"\ncall_sign = "X"\n'
    path.write_bytes(broken)
    services = build_services(AppPaths.from_environment(), FakePlayer(), offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Connecticut Public — Station App"
    notice = window.findChild(ConfigNotice)
    assert notice is not None and notice.isVisible()
    text = accessible_name(notice.message)
    assert f"{path} has problems, so Station App is using its bundled" in text
    assert "• Line 5:" in text and text.count(str(path)) == 1
    assert "• Line 4:" in text  # `streams` is missing from that station
    assert path.read_bytes() == broken
    services.tasks.shutdown()


def test_clean_start_shows_no_notice(offline_fetcher: Fetcher, qtbot: QtBot) -> None:
    services = build_services(AppPaths.from_environment(), FakePlayer(), offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()
    assert window.findChild(ConfigNotice) is None
    labels = [accessible_name(label) for label in window.findChildren(QLabel)]
    assert labels  # the panes are readable, not silent
    services.tasks.shutdown()


def test_notice_can_be_dismissed_from_the_keyboard(
    offline_fetcher: Fetcher, qtbot: QtBot, user_config_dir: Path
) -> None:
    (user_config_dir / "settings.toml").write_text("[news]\nrefresh_minutes = 0\n")
    services = build_services(AppPaths.from_environment(), FakePlayer(), offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()
    notice = window.findChild(ConfigNotice)
    assert notice is not None
    text = accessible_name(notice.message)
    assert "settings.toml has problems" in text and "• Line 2:" in text
    button = notice.dismiss
    assert accessible_name(button) == "Dismiss configuration warning"
    button.setFocus()
    qtbot.keyClick(button, " ")
    assert not notice.isVisible()
    services.tasks.shutdown()


def test_volume_mute_and_last_station_are_remembered(
    offline_fetcher: Fetcher, qtbot: QtBot
) -> None:
    paths = AppPaths.from_environment()
    first = build_services(paths, FakePlayer(), offline_fetcher)
    window = build_window(first)
    qtbot.addWidget(window)
    first.player.set_volume(35)
    first.player.set_muted(True)
    station = first.stations.config.station("wpkt")
    assert station is not None
    first.player.play(station)
    window.close()
    first.tasks.shutdown()

    second = build_services(paths, FakePlayer(), offline_fetcher)
    window = build_window(second)
    qtbot.addWidget(window)
    assert second.player.volume == 35
    assert second.player.muted
    pane = window.splitter.widget(0)
    assert isinstance(pane, PlayerPane)
    assert pane.list.selected_station() == station
    assert pane.bar.station_label.text() == "WPKT 89.1 FM"
    second.tasks.shutdown()


def test_offline_first_start_on_bundled_stations_settles_on_a_clear_news_state(
    offline_fetcher: Fetcher, qtbot: QtBot
) -> None:
    services = build_services(AppPaths.from_environment(), FakePlayer(), offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not services.tasks.busy, timeout=10_000)
    texts = " ".join(label.text() for label in window.splitter.widget(1).findChildren(QLabel))
    # Said once and calmly: what is missing, why, and what can be done in the window.
    assert "No news feeds yet" in texts
    assert (
        "Connecticut Public has no news feeds set up. Station App could not reach "
        "ctpublic.org to look for them.\n\nLook on ctpublic.org again, or add a news "
        "feed's address." in texts
    )
    assert texts.count("could not") == 1
    services.tasks.shutdown()


def test_notice_reads_plainly_and_reload_takes_the_fixed_file(
    offline_fetcher: Fetcher, qtbot: QtBot, user_config_dir: Path
) -> None:
    path = user_config_dir / "stations.toml"
    path.write_text('[network]\nname = "Mine"\n\n[[stations]]\nid = "x y"\ncall_sign = "X"\n')
    services = build_services(AppPaths.from_environment(), FakePlayer(), offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()
    notice = window.findChild(ConfigNotice)
    assert notice is not None and notice.isVisible()
    text = accessible_name(notice.message)
    assert "`" not in text and "“streams” is missing" in text
    assert text.splitlines()[0].endswith("fix it, then press Reload.")
    assert notice.open_button.isVisible() and notice.open_button.toolTip() == str(path)
    path.write_text(
        '[network]\nname = "Mine"\n\n[[stations]]\nid = "wmin"\ncall_sign = "WMIN"\n'
        'streams = ["http://127.0.0.1:9/live"]\n'
    )
    notice.reload_button.click()
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=5000)
    pane = window.splitter.widget(0)
    assert isinstance(pane, PlayerPane)
    assert [s.id for s in pane.model.stations] == ["wmin"]
    assert window.windowTitle() == "Mine — Station App"
    services.tasks.shutdown()


def test_a_window_saved_on_a_bigger_screen_is_fitted_to_this_one(
    offline_fetcher: Fetcher, qtbot: QtBot
) -> None:
    paths = AppPaths.from_environment()
    first = build_services(paths, FakePlayer(), offline_fetcher)
    window = build_window(first)
    qtbot.addWidget(window)
    window.setGeometry(0, 0, 2200, 1400)  # as saved on a 2560x1440 screen
    window.close()
    first.tasks.shutdown()

    second = build_services(paths, FakePlayer(), offline_fetcher)
    window = build_window(second)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    assert screen.contains(window.geometry().topLeft())
    second.tasks.shutdown()
