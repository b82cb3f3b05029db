"""What the app reaches in the end-to-end tests, all on loopback.

One HTTP server plays the station's website (home page, news feed, articles)
and the radio-browser.info directory; a Composer server plays the schedule.
Every address in their answers points back at loopback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from email.utils import format_datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.schedule.composer_server import ComposerServer, composer_entry
from tests.stations.fake_directory import FakeDirectory, entry

SITE_NAME = "Loopback Public Radio"
STATION_ZONE = "America/New_York"


@dataclass(frozen=True)
class Story:
    slug: str
    headline: str
    summary: str
    paragraphs: tuple[str, ...]
    section: str = "What people said"


STORIES = (
    Story(
        "bridge",
        "River bridge reopens after two years of repairs",
        "The old river bridge carries traffic again from Monday.",
        (
            "The old river bridge reopened on Monday after two years of repairs, "
            "and the first buses crossed it at six in the morning.",
            "Engineers replaced the deck and repainted the steel, and the town says "
            "the work finished under budget.",
        ),
    ),
    Story(
        "library",
        "Town library extends its evening hours",
        "The library stays open until nine on weekdays.",
        (
            "The town library will stay open until nine in the evening on weekdays, "
            "starting next month.",
            "Readers had asked for later hours at three public meetings this year.",
        ),
    ),
    Story(
        "harbor",
        "Harbor festival returns with a night market",
        "Food stalls and music fill the harbor on Saturday.",
        (
            "The harbor festival returns on Saturday with a night market, "
            "boat tours and music until late.",
            "Organizers expect more visitors than last year.",
        ),
    ),
)


def _rss(base: str, title: str, stories: tuple[Story, ...], now: datetime) -> str:
    items = []
    for number, story in enumerate(stories):
        published = format_datetime(now - timedelta(minutes=20 + 45 * number))
        items.append(
            f"<item><title>{escape(story.headline)}</title>"
            f"<link>{base}/articles/{story.slug}</link>"
            f'<guid isPermaLink="false">{story.slug}</guid>'
            f"<pubDate>{published}</pubDate>"
            f"<description>{escape(story.summary)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{base}/</link>"
        f"<description>Local news</description>{''.join(items)}</channel></rss>"
    )


def _article(story: Story) -> str:
    body = "".join(f"<p>{escape(text)}</p>" for text in story.paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(story.headline)} | {SITE_NAME}</title>"
        f'<meta property="og:site_name" content="{SITE_NAME}">'
        f'<meta property="og:title" content="{escape(story.headline)}"></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>'
        f"<main><article><h1>{escape(story.headline)}</h1>"
        '<div class="byline">By Ann Reporter</div>'
        f"<div class='article-body'>{body}<h2>{escape(story.section)}</h2>"
        "<p>Residents welcomed the news at a meeting on Tuesday evening, and several "
        "said they would come back to see it for themselves next week.</p>"
        "</div></article></main></body></html>"
    )


def _home(stream_url: str) -> str:
    # An article-like <title>: the name a person wants is the site's own (og:site_name).
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Listen live and read the news | {SITE_NAME}</title>"
        f'<meta property="og:site_name" content="{SITE_NAME}">'
        '<link rel="alternate" type="application/rss+xml" title="Loopback News" '
        'href="/news.rss"></head><body>'
        f'<div class="player"><audio src="{escape(stream_url)}" preload="none"></audio>'
        "<button>Listen live</button></div><p>Welcome.</p></body></html>"
    )


class StationSite:
    """A station's website and the station directory, on one loopback HTTP server."""

    def __init__(self, server: HTTPServer, stream_url: str) -> None:
        self.server = server
        self.stream_url = stream_url
        self.now = datetime.now(ZoneInfo(STATION_ZONE))
        self.stories = STORIES
        server.expect_request("/").respond_with_data(
            _home(stream_url), content_type="text/html; charset=utf-8"
        )
        server.expect_request("/news.rss").respond_with_handler(self._feed)
        for story in STORIES:
            server.expect_request(f"/articles/{story.slug}").respond_with_data(
                _article(story), content_type="text/html; charset=utf-8"
            )
        self.directory = FakeDirectory(server, [])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def feed_url(self) -> str:
        return f"{self.base}/news.rss"

    def set_stories(self, stories: tuple[Story, ...]) -> None:
        """What the feed lists from the next request on."""
        self.stories = stories

    def _feed(self, _request: Request) -> Response:
        body = _rss(self.base, f"{SITE_NAME} News", self.stories, self.now)
        return Response(body, content_type="application/rss+xml")

    def list_in_directory(self, name: str, stream_url: str, **fields: Any) -> None:
        self.directory.stations.append(entry(name, stream_url, **fields))


ON_NOW = "Acceptance Speeches of the Long Afternoon"
NEXT_UP = "Evening Jazz"


@dataclass(frozen=True)
class ComposerSchedule:
    """What the Composer server says about one station, around the moment it was made."""

    on_now: dict[str, Any]
    next_up: dict[str, Any]
    on_now_start: datetime
    on_now_end: datetime
    today: date  # the station's own date at that moment
    on_now_link: str


def schedule_around_now(
    composer: ComposerServer, station: str, now: datetime, link_base: str
) -> ComposerSchedule:
    """Composer answers for `station`: On Now, Next Up, and yesterday's, today's and
    tomorrow's programs, each an hour long.

    On Now began half an hour before `now`, so no program changes for half an hour
    whenever the test runs; a program that runs over midnight is listed on both days.
    """
    zone = ZoneInfo(STATION_ZONE)
    now = now.astimezone(zone)
    anchor = (now - timedelta(minutes=30)).replace(second=0, microsecond=0)
    link = f"{link_base}/programs/acceptance"
    on_now = composer_entry(STATION_ZONE, anchor, 60, ON_NOW, ("Ann Host",), link)
    next_up = composer_entry(STATION_ZONE, anchor + timedelta(hours=1), 60, NEXT_UP)
    composer.set_now(station, on_now, [next_up])
    entries: list[tuple[datetime, dict[str, Any]]] = []
    for hour in range(-50, 50):
        start = anchor + timedelta(hours=hour)
        if hour == 0:
            entry = on_now
        elif hour == 1:
            entry = next_up
        else:
            entry = composer_entry(STATION_ZONE, start, 60, f"{start:%A} {start:%H:%M} Hour")
        entries.append((start, entry))
    today = now.date()
    for offset in (-1, 0, 1):
        day = today + timedelta(days=offset)
        day_start = datetime.combine(day, time(0), zone)
        day_end = datetime.combine(day + timedelta(days=1), time(0), zone)
        listed = [
            entry
            for start, entry in entries
            if start < day_end and start + timedelta(hours=1) > day_start
        ]
        composer.set_json(
            f"/v1/widget/{station}/day?date={day:%Y-%m-%d}&format=json",
            {"params": {}, "onToday": listed},
        )
    return ComposerSchedule(on_now, next_up, anchor, anchor + timedelta(hours=1), today, link)
