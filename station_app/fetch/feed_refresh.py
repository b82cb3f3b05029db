"""One refresh of the news: fetch every feed (or discover them), parse, merge. Runs in a task."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from station_app.config.stations import Feed
from station_app.fetch.cancel import CancelToken
from station_app.fetch.feed_discovery import discover_feeds
from station_app.fetch.feeds import Article, FeedProblem, merge_articles, parse_feed
from station_app.fetch.fetcher import Fetcher
from station_app.fetch.results import ContentKind, FailureKind, Fetched, FetchError

MAX_DISCOVERED_FEEDS = 3


@dataclass(frozen=True)
class RefreshOutcome:
    """What a refresh found.

    `articles` is None when every feed's bytes were unchanged (nothing to redraw).
    `updated_at` is when the oldest copy shown was confirmed by its server;
    `stale` means some of it is a cached copy served because the network failed.
    """

    feeds: tuple[Feed, ...]
    articles: tuple[Article, ...] | None
    digests: Mapping[str, str] = field(default_factory=dict)
    updated_at: float | None = None
    stale: bool = False
    errors: tuple[str, ...] = ()
    discovered_on: str | None = None
    cancelled: bool = False


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def discover(
    fetcher: Fetcher, website: str, cancel: CancelToken, cached_only: bool
) -> tuple[tuple[Feed, ...], str | None]:
    """The feeds the network's home page announces, and why it could not be read if so."""
    page = (
        fetcher.cached(website) if cached_only else fetcher.fetch(website, ContentKind.PAGE, cancel)
    )
    if page is None:
        return (), None
    if isinstance(page, FetchError):
        return (), page.message
    found = discover_feeds(page.body, page.final_url, limit=MAX_DISCOVERED_FEEDS)
    return tuple(Feed(f.title, f.url) for f in found), None


def refresh_feeds(
    fetcher: Fetcher,
    feeds: tuple[Feed, ...],
    website: str | None,
    known_digests: Mapping[str, str],
    cancel: CancelToken,
    cached_only: bool = False,
) -> RefreshOutcome:
    """Fetches (or, with `cached_only`, reads from the cache) and parses every feed."""
    discovered_on = None
    errors: list[str] = []
    if not feeds and website:
        feeds, problem = discover(fetcher, website, cancel, cached_only)
        discovered_on = _host(website) if feeds else None
        if problem:
            errors.append(problem)
    groups: list[tuple[Article, ...]] = []
    digests: dict[str, str] = {}
    times: list[float] = []
    stale = False
    for feed in feeds:
        if cancel.cancelled:
            return RefreshOutcome(feeds, None, cancelled=True)
        result = (
            fetcher.cached(feed.url)
            if cached_only
            else fetcher.fetch(feed.url, ContentKind.FEED, cancel)
        )
        if result is None:
            continue
        if isinstance(result, FetchError):
            if result.kind is FailureKind.CANCELLED:
                return RefreshOutcome(feeds, None, cancelled=True)
            errors.append(result.message)
            continue
        assert isinstance(result, Fetched)
        if result.stale and result.error is not None and not cached_only:
            stale = True
            errors.append(result.error.message)
        digests[feed.url] = hashlib.sha256(result.body).hexdigest()
        times.append(result.fetched_at)
        parsed = parse_feed(result.body, feed.title, feed.url, result.content_type)
        if isinstance(parsed, FeedProblem):
            errors.append(parsed.message)
            continue
        groups.append(parsed)
    unchanged = bool(digests) and digests == dict(known_digests) and not errors
    return RefreshOutcome(
        feeds=feeds,
        articles=None
        if unchanged or (not groups and (errors or not digests))
        else merge_articles(groups),
        digests=digests,
        updated_at=min(times) if times else None,
        stale=stale,
        errors=tuple(dict.fromkeys(errors)),
        discovered_on=discovered_on,
    )
