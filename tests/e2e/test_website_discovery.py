"""A station known only by its website and a stream: the schedule and the news come from the site.

A Grove-like home page on loopback (a header player naming its Composer id and
stream in data attributes, a feed announced with <link rel="alternate">, the
site's name and icon) is all the app is told about; On Now / Next Up and the
headlines appear, say where they were found, survive a restart without a
network, and the page is not read again within a day. Pages with nothing
usable leave the app as it was, with a sentence that says where it looked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer

from tests.e2e.configs import LoopbackConfig, StationEntry
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import wait_mpris
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import NEXT_UP, ON_NOW, STORIES, StationSite, schedule_around_now
from tests.playback.icecast import IcecastServer
from tests.schedule.composer_server import ComposerServer
from tests.servers import loopback_server

UCS_ID = "5187f5dfe1c8c8c8d8b0a1b2"


def grove_home(stream_url: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>News, Radio, TV | Loopback Public</title>"
        '<meta property="og:site_name" content="Loopback Public">'
        '<meta property="og:image" content="/brand.png">'
        '<link rel="icon" href="/favicon.png" sizes="32x32">'
        '<link rel="alternate" type="application/rss+xml" title="Loopback News" '
        'href="/news.rss"></head><body><header class="Page-header">'
        f'<div class="PH-player" data-stream-ucsid="{UCS_ID}" data-stream-name="WLPR">'
        f'<button data-stream-url="{stream_url}">Listen Live</button></div></header>'
        "<main><p>Stories…</p></main></body></html>"
    )


@pytest.fixture
def website() -> Iterator[HTTPServer]:
    """The network's website, apart from the feed's server: it can fail on its own."""
    with loopback_server() as server:
        yield server


def configure(app: RunningApp, stream: str, home: str, composer: ComposerServer) -> str:
    """A station with only a stream, a network with only a website; returns the file's text."""
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (stream,)),), website=home)
    config.write(app)
    settings = app.config_dir / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + f'\n[schedule]\ncomposer_server = "http://127.0.0.1:{composer.port}"\n',
        encoding="utf-8",
    )
    return app.stations_file.read_text(encoding="utf-8")


def home_reads(website: HTTPServer) -> int:
    return sum(1 for request, _ in website.log if request.path == "/")


def test_schedule_and_news_come_from_the_website_and_survive_an_offline_restart(
    launch: Launch,
    desktop: Desktop,
    website: HTTPServer,
    site: StationSite,
    icecast: IcecastServer,
    composer: ComposerServer,
) -> None:
    schedule_around_now(composer, UCS_ID, datetime.now(UTC), "http://127.0.0.1:9")
    website.expect_request("/").respond_with_data(
        grove_home(icecast.stream_url), content_type="text/html; charset=utf-8"
    )
    # The feed the home page names lives on the website; its stories are the site's.
    website.expect_request("/news.rss").respond_with_handler(site._feed)
    first = launch()
    written = configure(first, icecast.stream_url, website.url_for("/"), composer)
    first.start()
    window = first.window()

    window.find("label", lambda text: text.startswith(f"On Now: {ON_NOW}"))
    window.find("label", lambda text: text.startswith(f"Next Up: {NEXT_UP}"))
    window.find("label", "Schedule found on 127.0.0.1")
    headlines = window.find("list", "Headlines")
    for story in STORIES:
        headlines.find("list item", lambda name, s=story: name.startswith(s.headline))
    window.find("label", "Feeds found on 127.0.0.1")
    assert home_reads(website) == 1
    # Used at once, never by rewriting the person's file.
    assert first.stations_file.read_text(encoding="utf-8") == written
    remembered = json.loads((first.state_dir / "website.json").read_text(encoding="utf-8"))
    assert remembered["schedule_url"] == f"http://127.0.0.1:{composer.port}/v1/widget/{UCS_ID}"
    desktop.key("ctrl+q")
    assert first.wait_exit() == 0

    # The next start, without a network: the same schedule and headlines, from what was kept.
    second = launch(home=first.home, offline=True)
    second.start()
    window = second.window()
    window.find("label", lambda text: text.startswith(f"On Now: {ON_NOW}"))
    window.find("label", lambda text: "(found on 127.0.0.1)" in text)
    headlines = window.find("list", "Headlines")
    headlines.find("list item", lambda name: name.startswith(STORIES[0].headline))
    desktop.key("ctrl+q")
    assert second.wait_exit() == 0

    # Back online within the day: the page is not read again, and Keep writes it down.
    third = launch(home=first.home)
    third.start()
    window = third.window()
    window.find("label", lambda text: text.startswith(f"On Now: {ON_NOW}"))
    assert home_reads(website) == 1
    window.find("push button", "Keep this schedule in my stations").do("Press")
    wait_for(
        lambda: f"/v1/widget/{UCS_ID}" in third.stations_file.read_text(encoding="utf-8"),
        "the schedule written into stations.toml",
    )
    kept = third.stations_file.read_text(encoding="utf-8")
    assert "# Stations of the end-to-end test" in kept  # the person's comment stays
    assert f'url = "{website.url_for("/news.rss")}"' in kept
    window.find("label", lambda text: text.startswith("Kept what was found on 127.0.0.1"))


@pytest.mark.parametrize("page", ["nothing", "not-html", "missing", "loop", "huge"])
def test_a_website_with_nothing_usable_leaves_the_app_as_it_was_with_a_sentence(
    launch: Launch,
    desktop: Desktop,
    website: HTTPServer,
    icecast: IcecastServer,
    composer: ComposerServer,
    page: str,
) -> None:
    home = website.url_for("/")
    if page == "nothing":
        website.expect_request("/").respond_with_data(
            "<html><head><title>A blog</title></head><body>Hello</body></html>",
            content_type="text/html",
        )
    elif page == "not-html":
        website.expect_request("/").respond_with_data(
            b"\x89PNG\r\n\x1a\n", content_type="image/png"
        )
    elif page == "missing":
        website.expect_request("/").respond_with_data("Not here", status=404)
    elif page == "loop":
        website.expect_request("/").respond_with_data("", status=302, headers={"Location": home})
    else:
        website.expect_request("/").respond_with_data(
            b"<html><body>" + b"<p>words</p>" * 1_000_000, content_type="text/html"
        )
    app = launch()
    written = configure(app, icecast.stream_url, home, composer)
    app.start()
    window = app.window()
    said = window.find(
        "label",
        lambda text: (
            "Looked on" in text or "could not be read" in text or "could not reach" in text
        ),
    )
    assert "127.0.0.1" in said.name
    window.find("push button", "Add a feed address…")
    # Nothing changed: the file, the station list, no schedule strip.
    assert app.stations_file.read_text(encoding="utf-8") == written
    window.find("list item", lambda name: name.startswith("WLPR"))
    assert not window.find_all("label", lambda text: text.startswith("On Now:"), showing=True)
    # And the player still plays.
    desktop.key("space")
    wait_mpris(desktop, "Playing")
