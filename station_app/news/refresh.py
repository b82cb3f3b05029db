"""One refresh of the news: fetch every feed (or discover them), parse, merge. Runs in a task."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, Fetched, FetchError, FetchResult
from station_app.news.feeds import Article, FeedProblem, merge_articles, parse_feed
from station_app.stations.feed_discovery import discover_feeds
from station_app.stations.model import Feed

MAX_DISCOVERED_FEEDS = 3


@dataclass(frozen=True)
class RefreshOutcome:
    """What a refresh found.

    `articles` is None when every feed's bytes were unchanged (nothing to redraw).
    `updated_at` is when the oldest copy shown was confirmed by its server;
    `stale` means some of it is a cached copy served because the network failed;
    `fell_back` that some feed answered with nothing readable (or no stories
    where it had some) and its last good copy is shown instead.
    """

    feeds: tuple[Feed, ...]
    articles: tuple[Article, ...] | None
    digests: Mapping[str, str] = field(default_factory=dict)
    updated_at: float | None = None
    stale: bool = False
    errors: tuple[str, ...] = ()
    discovered_on: str | None = None
    fell_back: bool = False


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
    if found:
        fetcher.keep(page)
    return tuple(Feed(f.title, f.url) for f in found), None


@dataclass(frozen=True)
class _FeedRead:
    """One feed's part of a refresh: its articles (if any), and what went wrong."""

    articles: tuple[Article, ...] | None
    body: bytes | None = None
    fetched_at: float | None = None
    stale: bool = False
    errors: tuple[str, ...] = ()
    fell_back: bool = False


def _parsed(fetched: Fetched, feed: Feed) -> tuple[Article, ...] | FeedProblem:
    return parse_feed(fetched.body, feed.title, feed.url, fetched.content_type)


def _read_feed(fetcher: Fetcher, feed: Feed, cancel: CancelToken, cached_only: bool) -> _FeedRead:
    if cached_only:
        result: FetchResult | None = fetcher.cached(feed.url)
    else:
        result = fetcher.fetch(feed.url, ContentKind.FEED, cancel)
    if result is None:
        return _FeedRead(None)
    if isinstance(result, FetchError):
        return _FeedRead(None, errors=(result.message,))
    network_failed = result.stale and result.error is not None and not cached_only
    errors = (result.error.message,) if network_failed and result.error else ()
    parsed = _parsed(result, feed)
    fresh = not result.stale and not result.revalidated and not cached_only
    if fresh and (isinstance(parsed, FeedProblem) or not parsed):
        # Nothing readable, or no stories where there were some: the last good
        # copy stays, and is shown, and what happened is said.
        last_good = fetcher.cached(feed.url)
        earlier = None if last_good is None else _parsed(last_good, feed)
        if last_good is not None and isinstance(earlier, tuple) and earlier:
            problem = (
                parsed.message
                if isinstance(parsed, FeedProblem)
                else f"The news feed at {_host(feed.url)} sent no stories; "
                "the ones it had before are shown."
            )
            return _FeedRead(
                earlier, last_good.body, last_good.fetched_at, errors=(problem,), fell_back=True
            )
    if isinstance(parsed, FeedProblem):
        return _FeedRead(None, result.body, result.fetched_at, errors=(*errors, parsed.message))
    if fresh:
        fetcher.keep(result)
    return _FeedRead(parsed, result.body, result.fetched_at, network_failed, errors)


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
    stale = fell_back = False
    for feed in feeds:
        if cancel.cancelled:  # nobody waits for this outcome any more
            return RefreshOutcome(feeds, None)
        read = _read_feed(fetcher, feed, cancel, cached_only)
        errors.extend(read.errors)
        stale = stale or read.stale
        fell_back = fell_back or read.fell_back
        if read.body is not None:
            digests[feed.url] = hashlib.sha256(read.body).hexdigest()
        if read.fetched_at is not None:
            times.append(read.fetched_at)
        if read.articles is not None:
            groups.append(read.articles)
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
        fell_back=fell_back,
    )
