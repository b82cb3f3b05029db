"""The network's website, read at most once a day, fills what stations.toml leaves out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.cancel import NEVER_CANCELLED
from station_app.net.fetcher import Fetcher
from station_app.resources import bundled_stations_file
from station_app.stations.changes import EditResult, EditSaved
from station_app.stations.discovery import (
    WebsiteDiscovery,
    WebsiteFindings,
    apply_findings,
    read_website,
)
from station_app.stations.editing import StationsEditor
from station_app.stations.model import Feed, Network, Station, StationsConfig
from station_app.stations.stations_file import load_active_stations, parse_stations_file
from station_app.stations.store import StationStore
from station_app.tasks import TaskRunner
from tests.clock import Clock

PAGES = Path(__file__).parent / "pages"
COMPOSER = "http://127.0.0.1:9"  # never asked here: only the address is made from it
DAY = 24 * 60 * 60


def station(station_id: str, streams: tuple[str, ...] = (), **values: object) -> Station:
    fields: dict[str, object] = {
        "call_sign": station_id.upper(),
        "frequency": "",
        "city": "",
        "schedule_url": None,
        "timezone": "UTC",
    }
    return Station(id=station_id, streams=streams, **{**fields, **values})  # type: ignore[arg-type]


def config(website: str, *stations: Station, feeds: tuple[Feed, ...] = ()) -> StationsConfig:
    return StationsConfig(Network("Test Radio", website), feeds, stations, Path("stations.toml"))


def serve_home(server: HTTPServer, page: str = "grove_home.html") -> str:
    server.expect_request("/").respond_with_data(
        (PAGES / page).read_bytes(), content_type="text/html; charset=utf-8"
    )
    return server.url_for("/")


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_the_home_page_names_schedule_feeds_name_picture_and_player(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    home = serve_home(content_server)
    found = read_website(fetcher, home, 1000.0, NEVER_CANCELLED, COMPOSER)
    base = home.rstrip("/")
    assert found == WebsiteFindings(
        website=home,
        checked_at=1000.0,
        schedule_url=f"{COMPOSER}/v1/widget/5187f5dfe1c8c8c8d8b0a1b2",
        feeds=(Feed("Connecticut Public News", f"{base}/news.rss", "127.0.0.1", home),),
        site_title="Connecticut Public",
        icon_url=f"{base}/img/brand-1200.png",
        streams=(f"{base}/listen.pls", f"{base}/live"),
    )
    assert found.site == "127.0.0.1" and found.problem == ""


@pytest.mark.parametrize(
    ("answer", "sentence"),
    [
        ("nothing", "Looked on {home} for a schedule, news feeds and a logo, and found none."),
        ("json", "Looked on {home} for a schedule, news feeds and a logo, and found none."),
        ("missing", "The website 127.0.0.1 could not be read. "),
        ("loop", "The website 127.0.0.1 could not be read. "),
        ("huge", "The website 127.0.0.1 could not be read. "),
    ],
)
def test_a_page_with_nothing_usable_says_where_it_looked(
    content_server: HTTPServer, fetcher: Fetcher, answer: str, sentence: str
) -> None:
    home = content_server.url_for("/")
    if answer == "nothing":
        serve_home(content_server, "nothing.html")
    elif answer == "json":
        content_server.expect_request("/").respond_with_json({"not": "a page"})
    elif answer == "missing":
        content_server.expect_request("/").respond_with_data("gone", status=404)
    elif answer == "loop":
        content_server.expect_request("/").respond_with_data(
            "", status=302, headers={"Location": home}
        )
    else:
        content_server.expect_request("/").respond_with_data(
            b"<html><body>" + b"x" * (9 * 1024 * 1024), content_type="text/html"
        )
    found = read_website(fetcher, home, 5.0, NEVER_CANCELLED, COMPOSER)
    assert not found.found_anything
    assert found.problem.startswith(sentence.format(home=home))


def test_findings_are_remembered_and_the_page_is_read_once_a_day(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, tmp_path: Path
) -> None:
    home = serve_home(content_server)
    clock = Clock(10_000.0)
    remembered = tmp_path / "state" / "website.json"
    first = WebsiteDiscovery(fetcher, tasks, remembered, clock, composer_server=COMPOSER)
    with qtbot.waitSignal(first.changed, check_params_cb=lambda: not first.checking):
        first.check(home)
    assert first.findings is not None and first.findings.schedule_url
    assert json.loads(remembered.read_text())["website"] == home
    requests = len(content_server.log)

    # The next start knows it at once, and does not read the page again within a day.
    clock.now += DAY - 60
    second = WebsiteDiscovery(fetcher, tasks, remembered, clock, composer_server=COMPOSER)
    assert second.findings == first.findings
    second.check(home)
    assert not second.checking and len(content_server.log) == requests

    # A day on, it is read again; a reading that fails keeps what was found, and says why.
    clock.now += 120
    content_server.clear()
    content_server.expect_request("/").respond_with_data("down", status=503)
    with qtbot.waitSignal(second.changed, check_params_cb=lambda: not second.checking):
        second.check(home)
    assert second.findings is not None
    assert second.findings.schedule_url == first.findings.schedule_url
    assert second.findings.problem.startswith("The website 127.0.0.1 could not be read.")
    assert second.findings.checked_at == clock.now


def test_a_damaged_findings_file_is_ignored(
    fetcher: Fetcher, tasks: TaskRunner, tmp_path: Path
) -> None:
    remembered = tmp_path / "website.json"
    for text in ("{", "[1, 2]", '{"website": 5}', "[" * 100_000):
        remembered.write_text(text)
        assert WebsiteDiscovery(fetcher, tasks, remembered).findings is None


def findings(**values: object) -> WebsiteFindings:
    defaults: dict[str, object] = {
        "website": "https://radio.example/",
        "checked_at": 0.0,
        "schedule_url": "https://composer.example/v1/widget/abc",
        "feeds": (Feed("News", "https://radio.example/news.rss", "radio.example"),),
        "streams": ("https://cdn.example/live.mp3?session=1",),
    }
    return WebsiteFindings(**{**defaults, **values})  # type: ignore[arg-type]


def test_findings_fill_only_what_stations_toml_leaves_out() -> None:
    flagship = station("wabc", ("https://cdn.example/other.mp3",))
    player = station("wxyz", ("https://cdn.example/live.mp3",))
    repeater = station("wrep", ("https://cdn.example/live.mp3",), simulcast_of="wxyz")
    own = station("wown", schedule_url="https://mine.example/v1/widget/x")
    filled = apply_findings(
        config("https://radio.example/", flagship, player, repeater, own), findings()
    )
    by_id = {s.id: s for s in filled.stations}
    # The schedule belongs to the station whose stream the website's player plays ...
    assert by_id["wxyz"].schedule_url == "https://composer.example/v1/widget/abc"
    assert by_id["wxyz"].schedule_found_on == "radio.example"
    # ... its simulcast shows it too; others keep what they have, or nothing.
    assert by_id["wrep"].schedule_url == by_id["wxyz"].schedule_url
    assert by_id["wabc"].schedule_url is None
    assert by_id["wown"].schedule_url == "https://mine.example/v1/widget/x"
    assert by_id["wown"].schedule_found_on == ""
    assert filled.feeds == findings().feeds

    # Configured feeds win; findings for another website are not used at all.
    own_feeds = (Feed("Mine", "https://radio.example/mine.rss"),)
    kept = apply_findings(config("https://radio.example/", flagship, feeds=own_feeds), findings())
    assert kept.feeds == own_feeds
    elsewhere = config("https://other.example/", flagship)
    assert apply_findings(elsewhere, findings()) == elsewhere


def test_without_a_matching_player_the_first_station_of_its_own_gets_the_schedule() -> None:
    repeater = station("wrep", simulcast_of="wabc")
    flagship = station("wabc", ("https://elsewhere.example/a.mp3",))
    filled = apply_findings(config("https://radio.example/", repeater, flagship), findings())
    assert [s.schedule_url for s in filled.stations] == [findings().schedule_url] * 2


def test_the_store_uses_findings_at_once_and_keeps_them_in_stations_toml_with_one_call(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, tmp_path: Path
) -> None:
    home = serve_home(content_server)
    user_file = tmp_path / "config" / "stations.toml"
    user_file.parent.mkdir()
    user_file.write_text(
        f'[network]\nname = "Test Radio"\nwebsite = "{home}"\n\n'
        f'[[stations]]\nid = "wtst"\ncall_sign = "WTST"\nstreams = ["{home}live"]\n',
        encoding="utf-8",
    )
    bundled = bundled_stations_file()
    discovery = WebsiteDiscovery(
        fetcher, tasks, tmp_path / "state" / "website.json", composer_server=COMPOSER
    )
    editor = StationsEditor(user_file, bundled)
    store = StationStore(
        load_active_stations(user_file, bundled), bundled, tasks, lambda: editor, discovery
    )
    assert store.config.feeds == () and store.stations[0].schedule_url is None
    with qtbot.waitSignal(store.changed, timeout=5000) as changed:
        store.check_website()
    filled = changed.args[0]
    assert filled is store.config
    assert filled.stations[0].schedule_url == f"{COMPOSER}/v1/widget/5187f5dfe1c8c8c8d8b0a1b2"
    assert filled.stations[0].schedule_found_on == "127.0.0.1"
    assert [(feed.url, feed.found_on) for feed in filled.feeds] == [
        (f"{home}news.rss", "127.0.0.1")
    ]

    results: list[EditResult] = []
    with qtbot.waitSignal(store.changed, timeout=5000):
        store.keep_findings(done=results.append)
    assert isinstance(results[0], EditSaved)
    assert results[0].message.startswith("Kept what was found on 127.0.0.1 in your stations")
    written = parse_stations_file(user_file).config
    assert written is not None
    assert written.stations[0].schedule_url == filled.stations[0].schedule_url
    assert [feed.url for feed in written.feeds] == [f"{home}news.rss"]
    # Now they are the station's own: nothing says "found on" any more.
    assert store.stations[0].schedule_found_on == "" and store.feeds[0].found_on == ""
