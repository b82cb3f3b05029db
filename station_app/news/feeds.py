"""RSS and Atom bytes → articles: a pure function over feedparser, plus merging of feeds."""

from __future__ import annotations

import calendar
import contextlib
import gc
import html
import io
import itertools
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from station_app.news.feed_text import (
    first_real_image,
    is_web_image_url,
    looks_like_tracking_pixel,
    plain_text,
    web_url,
    written_text,
)
from station_app.news.feed_xml import readable_feed

MAX_ARTICLES = 500
SUMMARY_CHARS = 400
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class Article:
    """One headline as the panel shows it; `content_html` is the feed's own (unsanitized) body."""

    key: str
    title: str
    link: str | None
    summary: str
    byline: str
    published: datetime | None
    updated: datetime | None
    image: str | None
    categories: tuple[str, ...]
    feed_title: str
    feed_url: str
    content_html: str = ""

    @property
    def when(self) -> datetime | None:
        return self.published or self.updated


@dataclass(frozen=True)
class FeedProblem:
    """Why a feed's bytes gave no articles, as a sentence."""

    feed_url: str
    message: str


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _time(parsed: Any) -> datetime | None:
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _field(entry: Mapping[str, Any], key: str) -> Any:
    # Plain dict lookup: feedparser's own mapping answers "updated_parsed" with the
    # published time (and a DeprecationWarning) when an item has no update time.
    return dict.get(entry, key) if isinstance(entry, dict) else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _entry_image(entry: Mapping[str, Any], content: str, base: str) -> str | None:
    for thumb in _field(entry, "media_thumbnail") or ():
        url = _text(thumb.get("url")) if isinstance(thumb, Mapping) else ""
        if is_web_image_url(url) and not looks_like_tracking_pixel(url):
            return url
    for media in _field(entry, "media_content") or ():
        if not isinstance(media, Mapping):
            continue
        url = _text(media.get("url"))
        kind = _text(media.get("medium")) or _text(media.get("type"))
        if (
            is_web_image_url(url)
            and kind.startswith("image")
            and not looks_like_tracking_pixel(url)
        ):
            return url
    for link in _field(entry, "links") or ():
        if not isinstance(link, Mapping) or link.get("rel") != "enclosure":
            continue
        url = _text(link.get("href"))
        if _text(link.get("type")).startswith("image/") and is_web_image_url(url):
            return url
    return first_real_image(content, base)


def _byline(entry: Mapping[str, Any]) -> str:
    names = [
        plain_text(_text(a.get("name")))
        for a in _field(entry, "authors") or ()
        if isinstance(a, Mapping)
    ]
    names = [n for n in names if n]
    if names:
        return ", ".join(dict.fromkeys(names))
    return plain_text(_text(_field(entry, "author")))


@dataclass(frozen=True)
class _Typed:
    """A text field and whether the feed marked it as HTML (feedparser's `*_detail` type)."""

    value: str
    is_html: bool

    def shown(self, limit: int | None = None) -> str:
        # What shows is `limit` characters; cleaning a megabyte to get them would hold
        # the GIL for tens of milliseconds, and markup rarely outweighs text fifty to one.
        value = self.value if limit is None else self.value[: limit * 50]
        return plain_text(value, limit) if self.is_html else written_text(value, limit)

    def as_html(self) -> str:
        if self.is_html or not self.value:
            return self.value
        return "<p>" + html.escape(self.value).replace("\n\n", "</p><p>") + "</p>"


def _typed(value: Any, detail: Any) -> _Typed:
    kind = _text(detail.get("type")) if isinstance(detail, Mapping) else ""
    # Without a type the field came from a format that carries HTML (RSS descriptions).
    return _Typed(_text(value), kind in _HTML_TYPES or not kind)


def _content(entry: Mapping[str, Any]) -> _Typed:
    for part in _field(entry, "content") or ():
        if isinstance(part, Mapping) and _text(part.get("value")):
            return _typed(part.get("value"), part)
    return _typed(_field(entry, "summary"), _field(entry, "summary_detail"))


def _article(entry: Mapping[str, Any], feed_title: str, feed_url: str) -> Article | None:
    link = web_url(_text(_field(entry, "link")))
    title = _typed(_field(entry, "title"), _field(entry, "title_detail")).shown(limit=300)
    content = _content(entry)
    teaser = _typed(_field(entry, "summary"), _field(entry, "summary_detail"))
    summary = (teaser if teaser.value else content).shown(limit=SUMMARY_CHARS)
    if not title and not summary:
        return None
    key = _text(_field(entry, "id")).strip() or link or f"{feed_url}#{title}"
    categories = tuple(
        dict.fromkeys(
            plain_text(_text(tag.get("term")))
            for tag in _field(entry, "tags") or ()
            if isinstance(tag, Mapping) and _text(tag.get("term")).strip()
        )
    )
    return Article(
        key=key,
        title=title or summary[:80],
        link=link,
        summary=summary,
        byline=_byline(entry),
        published=_time(_field(entry, "published_parsed")),
        updated=_time(_field(entry, "updated_parsed")),
        image=_entry_image(entry, content.as_html(), link or feed_url),
        categories=categories,
        feed_title=feed_title,
        feed_url=feed_url,
        content_html=content.as_html(),
    )


_collector_lock = threading.Lock()
_collector_pauses = 0
_collector_was_enabled = False


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while feeds are parsed (reference counting still frees).

    feedparser builds a dict for every element; on a feed of a hundred
    thousand items each full collection walks them all and holds the GIL for
    100 ms and more, freezing the UI thread. What survives a parse is at most
    MAX_ARTICLES small values, so nothing is lost by collecting afterwards.
    """
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            if _collector_pauses == 0 and _collector_was_enabled:
                gc.enable()


def parse_feed(
    body: bytes,
    feed_title: str,
    feed_url: str,
    content_type: str = "",
    max_articles: int = MAX_ARTICLES,
) -> tuple[Article, ...] | FeedProblem:
    """The articles of an RSS 0.9x/1.0/2.0 or Atom document, or why there are none.

    `content_type` is the response's Content-Type header: its charset decides
    when the document declares none, as in feedparser. Only the first
    `max_articles` entries are read: the panel shows no more from one feed.
    """
    with _collector_paused():
        return _parse_feed(body, feed_title, feed_url, content_type, max_articles)


def _parse_feed(
    body: bytes, feed_title: str, feed_url: str, content_type: str, max_articles: int
) -> tuple[Article, ...] | FeedProblem:
    problem = FeedProblem(
        feed_url,
        f"The news feed at {_host(feed_url)} is not RSS or Atom; "
        "check its address in stations.toml.",
    )
    # Imported on first use, in the background task: feedparser loads chardet
    # and friends (about 15 MB), which a station without feeds never needs.
    import feedparser

    # A BytesIO, never the bytes themselves: feedparser treats a str or bytes
    # argument as a possible URL or file name and would open it. Its own HTML
    # sanitizer is off: titles and teasers become plain text here, and every
    # body that is rendered goes through nh3 (html_sanitize), at half the cost.
    try:
        document = readable_feed(body, content_type, max_entries=max_articles)
        if document is None:
            return problem
        headers = {"content-type": document.content_type} if document.content_type else None
        parsed = feedparser.parse(
            io.BytesIO(document.body),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception:  # feedparser is lenient, but a bug in it must not reach the panel
        return problem
    if not parsed.get("entries") and not parsed.get("version"):
        return problem
    # Feeds list their newest first. (A long document was already cut to about as many.)
    entries = itertools.islice(parsed.get("entries") or (), max_articles)
    articles = (_article(entry, feed_title, feed_url) for entry in entries)
    return tuple(a for a in articles if a is not None)


def merge_articles(
    groups: Iterable[Iterable[Article]], cap: int = MAX_ARTICLES
) -> tuple[Article, ...]:
    """All feeds together, duplicates (same guid or link) dropped, newest first, at most `cap`."""
    seen: set[str] = set()
    merged: list[Article] = []
    for group in groups:
        for article in group:
            keys = {article.key} | ({article.link} if article.link else set())
            if keys & seen:
                continue
            seen |= keys
            merged.append(article)
    merged.sort(key=lambda a: a.when or _EPOCH, reverse=True)
    return tuple(merged[:cap])
