"""The Add station dialog against a fake directory and local home pages on loopback."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher
from station_app.stations.adding import DirectorySearchModel, WebsiteCheckModel
from station_app.stations.directory import DirectoryClient
from station_app.stations.model import Station, StationsConfig
from station_app.stations.stations_file import parse_stations_file
from station_app.stations.ui.add_station import AddStationDialog
from station_app.tasks import TaskRunner
from tests.servers import crashing_session
from tests.stations.fake_directory import FakeDirectory, entry
from tests.stores import station_store

PAGES = Path(__file__).parent / "pages"


def loaded(user_file: Path) -> StationsConfig:
    config = parse_stations_file(user_file).config
    assert config is not None
    return config


def accessible_text(widget: object) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)  # type: ignore[arg-type]
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "stations.toml"


@pytest.fixture
def fake(content_server: HTTPServer) -> FakeDirectory:
    base = f"http://127.0.0.1:{content_server.port}"
    return FakeDirectory(
        content_server,
        [
            entry("WNPR Connecticut Public Radio 90.5", base + "/live", state="Connecticut"),
            entry("WNPR News", base + "/news.m3u8", codec="AAC", bitrate=64, hls=1),
        ],
    )


def make_dialog(
    qtbot: QtBot,
    fetcher: Fetcher,
    tasks: TaskRunner,
    user_file: Path,
    directory_base: str,
    previews: list[Station],
) -> AddStationDialog:
    directory = DirectoryClient(
        fetcher, directory_base + "/none", (directory_base,), lambda s: None
    )
    store = station_store(user_file, tasks)
    dialog = AddStationDialog(
        DirectorySearchModel(lambda: directory, tasks, store, previews.append),
        WebsiteCheckModel(fetcher, tasks, store),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_typing_searches_once_after_a_pause_and_lists_results(
    qtbot: QtBot, fetcher: Fetcher, tasks: TaskRunner, user_file: Path, fake: FakeDirectory
) -> None:
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, fake.base, [])
    tab = dialog.search_tab
    assert accessible_text(tab.status) == "Type a station's name or call sign, for example WNPR."
    assert not tab.add_button.isEnabled() and not tab.listen_button.isEnabled()
    qtbot.keyClicks(tab.query, "WNPR")
    assert accessible_text(tab.status) == "Searching the directory for “WNPR”…"
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert [search.get("name") for search in fake.searches] == ["WNPR"]
    assert accessible_text(tab.status) == (
        "2 stations found for “WNPR”. Pick one to listen to or add."
    )
    model = tab.model
    row = [model.index(0, column).data() for column in range(4)]
    assert row == [
        "WNPR Connecticut Public Radio 90.5",
        "Connecticut, United States",  # the directory says "The United States Of America"
        "MP3 128 kbps",
        "OK",
    ]
    assert model.index(1, 2).data() == "AAC HLS 64 kbps"
    assert tab.add_button.isEnabled() and tab.listen_button.isEnabled()


def test_listen_previews_without_adding_and_add_writes_the_users_file(
    qtbot: QtBot, fetcher: Fetcher, tasks: TaskRunner, user_file: Path, fake: FakeDirectory
) -> None:
    previews: list[Station] = []
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, fake.base, previews)
    tab = dialog.search_tab
    qtbot.keyClicks(tab.query, "WNPR")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    qtbot.mouseClick(tab.listen_button, Qt.MouseButton.LeftButton)
    assert [(p.call_sign, p.frequency, p.streams) for p in previews] == [
        ("WNPR", "90.5 FM", (fake.base + "/live",))
    ]
    assert not user_file.exists()
    with qtbot.waitSignal(dialog.station_added, timeout=5000) as added_signal:
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        assert not tab.add_button.isEnabled()  # a second press cannot add it again
    assert added_signal.args == ["wnpr-2"]
    added = loaded(user_file).stations[-1]
    assert (added.id, added.call_sign, added.streams) == ("wnpr-2", "WNPR", (fake.base + "/live",))
    saved = tomllib.loads(user_file.read_text(encoding="utf-8"))
    assert saved["stations"][-1]["city"] == "Connecticut"
    assert accessible_text(tab.status) == f"Added WNPR to your stations ({user_file})."
    assert not dialog.isVisible()  # done: the dialog closes


def test_no_match_and_dead_directory_have_their_own_states(
    qtbot: QtBot,
    fetcher: Fetcher,
    tasks: TaskRunner,
    user_file: Path,
    fake: FakeDirectory,
    dead_url: str,
) -> None:
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, fake.base, [])
    tab = dialog.search_tab
    qtbot.keyClicks(tab.query, "empty")
    qtbot.waitUntil(
        lambda: "No station in the directory matches" in tab.status.text(), timeout=5000
    )
    assert tab.list_area.currentWidget() is tab.list_area.hint
    assert tab.list_area.hint.text() == "No matching stations."

    offline = make_dialog(qtbot, fetcher, tasks, user_file, dead_url, [])
    offline.search_tab.query.setText("WNPR")
    status = offline.search_tab.status
    qtbot.waitUntil(
        lambda: (
            accessible_text(status)
            == "The station directory could not be reached. Check the connection and try again."
        ),
        timeout=8000,
    )
    assert offline.search_tab.list_area.hint.text() == "The directory could not be searched."
    # What each server said waits behind Details, one press away.
    assert status.details.isVisibleTo(offline) and not status.details.text.isVisibleTo(offline)
    status.details.button.click()
    assert status.details.text.isVisibleTo(offline)
    assert status.details.text.text().startswith(
        "Asked the one server of radio-browser.info; the last said: Could not reach 127.0.0.1"
    )


def test_enter_on_a_result_previews_it_from_the_keyboard(
    qtbot: QtBot, fetcher: Fetcher, tasks: TaskRunner, user_file: Path, fake: FakeDirectory
) -> None:
    previews: list[Station] = []
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, fake.base, previews)
    tab = dialog.search_tab
    qtbot.keyClicks(tab.query, "WNPR")
    qtbot.keyClick(tab.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    tab.results.setFocus()
    qtbot.keyClick(tab.results, Qt.Key.Key_Down)
    qtbot.keyClick(tab.results, Qt.Key.Key_Return)
    assert [p.streams for p in previews] == [(fake.base + "/news.m3u8",)]


def test_website_findings_are_listed_with_sources_probed_and_added(
    qtbot: QtBot,
    fetcher: Fetcher,
    tasks: TaskRunner,
    user_file: Path,
    content_server: HTTPServer,
    mp3_bytes: bytes,
    dead_url: str,
) -> None:
    content_server.expect_request("/").respond_with_data(
        (PAGES / "grove_home.html").read_bytes(), content_type="text/html"
    )
    content_server.expect_request("/live").respond_with_data(mp3_bytes, content_type="audio/mpeg")
    content_server.expect_request("/listen.pls").respond_with_data(
        "[playlist]\nFile1=/gone\n", content_type="audio/x-scpls"
    )
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, dead_url, [])
    tab = dialog.website_tab
    dialog.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.address, content_server.url_for("/"))
    qtbot.keyClick(tab.address, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.findings.topLevelItemCount() == 4, timeout=8000)
    rows = []
    for index in range(4):
        item = tab.findings.topLevelItem(index)
        assert item is not None
        rows.append([item.text(column) for column in range(4)])
    base = content_server.url_for("/").rstrip("/")
    assert rows == [
        ["Stream", base + "/listen.pls", "Link to a .pls file", "Unreachable"],
        ["Stream", base + "/live", "Listen button on the page", "MP3 audio"],
        [
            "Schedule",
            "https://api.composer.nprstations.org/v1/widget/5187f5dfe1c8c8c8d8b0a1b2",
            "The page's player",
            "Program schedule",
        ],
        ["News feed", base + "/news.rss", "Announced by the page", "Connecticut Public News"],
    ]
    assert accessible_text(tab.status) == (
        "1 of 2 streams found sent audio. "
        "Tick what to keep, check the name, then press Add station."
    )
    assert accessible_text(tab.details).startswith(f"The playlist at {base}/listen.pls lists 1")
    assert tab.call_sign.text() == "Connecticut Public"
    tab.call_sign.setText("WNPR")
    tab.frequency.setText("90.5 FM")
    with qtbot.waitSignal(dialog.station_added, timeout=5000):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        assert not tab.add_button.isEnabled()
    config = loaded(user_file)
    added = config.stations[-1]
    assert added.streams == (base + "/live",)
    assert added.schedule_url.endswith("/widget/5187f5dfe1c8c8c8d8b0a1b2")
    assert [(f.title, f.url) for f in config.feeds] == [
        ("Connecticut Public News", base + "/news.rss")
    ]
    assert "# Station App: the bundled station list" in user_file.read_text(encoding="utf-8")


def test_website_with_nothing_to_find_and_bad_address_say_so(
    qtbot: QtBot,
    fetcher: Fetcher,
    tasks: TaskRunner,
    user_file: Path,
    content_server: HTTPServer,
    dead_url: str,
) -> None:
    content_server.expect_request("/blog").respond_with_data(
        (PAGES / "nothing.html").read_bytes(), content_type="text/html"
    )
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, dead_url, [])
    tab = dialog.website_tab
    tab.address.setText("not an address")
    tab.look()
    assert accessible_text(tab.status) == (
        "That is not a web address; paste one like https://www.example.org."
    )
    tab.address.setText(content_server.url_for("/blog"))
    tab.look()
    qtbot.waitUntil(lambda: "Nothing usable was found" in tab.status.text(), timeout=5000)
    assert tab.list_area.hint.text() == "Nothing usable was found."
    assert not tab.add_button.isEnabled()


def test_results_are_readable_by_a_screen_reader(
    qtbot: QtBot, fetcher: Fetcher, tasks: TaskRunner, user_file: Path, fake: FakeDirectory
) -> None:
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, fake.base, [])
    tab = dialog.search_tab
    qtbot.keyClicks(tab.query, "WNPR")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    view = QAccessible.queryAccessibleInterface(tab.results)
    assert view is not None
    assert view.text(QAccessible.Text.Name) == "Stations found in the directory"
    texts = set()
    for index in range(view.childCount()):
        child = view.child(index)
        if child is not None:
            texts.add(child.text(QAccessible.Text.Name))
    assert {"WNPR Connecticut Public Radio 90.5", "MP3 128 kbps", "OK", "Last check"} <= texts


def test_a_website_check_that_crashes_gives_the_look_button_back(
    qtbot: QtBot, tasks: TaskRunner, user_file: Path, dead_url: str
) -> None:
    fetcher = Fetcher(None, session_factory=crashing_session)
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, dead_url, [])
    tab = dialog.website_tab
    tab.address.setText(f"{dead_url}/crash")
    tab.look()
    assert not tab.look_button.isEnabled()
    qtbot.waitUntil(tab.look_button.isEnabled, timeout=10_000)
    assert accessible_text(tab.status) == (
        f"{dead_url}/crash could not be checked: something went wrong inside Station App."
    )


def test_a_directory_search_that_crashes_says_so(
    qtbot: QtBot, tasks: TaskRunner, user_file: Path, dead_url: str
) -> None:
    fetcher = Fetcher(None, session_factory=crashing_session)
    dialog = make_dialog(qtbot, fetcher, tasks, user_file, f"{dead_url}/crash", [])
    tab = dialog.search_tab
    tab.query.setText("WNPR")
    qtbot.waitUntil(
        lambda: (
            accessible_text(tab.status) == "The station directory could not be searched: "
            "something went wrong inside Station App. Try again."
        ),
        timeout=10_000,
    )
    assert tab.list_area.hint.text() == "The directory could not be searched."
