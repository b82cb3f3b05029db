"""One refresh of the news: fetch every feed, parse, merge. Runs in a background task."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, FailureKind, Fetched, FetchError, FetchResult
from station_app.news.feeds import Article, FeedProblem, merge_articles, parse_feed
from station_app.stations.model import Feed


@dataclass(frozen=True)
class RefreshOutcome:
    """What a refresh found.

    `articles` is None when every feed's bytes were unchanged (nothing to redraw).
    `updated_at` is when the oldest copy shown was confirmed by its server;
    `stale` means some of it is a cached copy served because the network failed;
    `fell_back` that some feed answered with nothing readable (or no stories
    where it had some) and its last good copy is shown instead; `unreachable`
    that not one feed's server could be reached (the computer is offline, most
    likely).
    """

    feeds: tuple[Feed, ...]
    articles: tuple[Article, ...] | None
    digests: Mapping[str, str] = field(default_factory=dict)
    updated_at: float | None = None
    stale: bool = False
    errors: tuple[str, ...] = ()
    fell_back: bool = False
    unreachable: bool = False


_UNREACHABLE = frozenset({FailureKind.CONNECTION, FailureKind.TIMEOUT})


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


@dataclass(frozen=True)
class _FeedRead:
    """One feed's part of a refresh: its articles (if any), and what went wrong."""

    articles: tuple[Article, ...] | None
    body: bytes | None = None
    fetched_at: float | None = None
    stale: bool = False
    errors: tuple[str, ...] = ()
    fell_back: bool = False
    unreachable: bool = False


def _parsed(fetched: Fetched, feed: Feed) -> tuple[Article, ...] | FeedProblem:
    return parse_feed(fetched.body, feed.title, feed.url, fetched.content_type)


def _read_feed(fetcher: Fetcher, feed: Feed, cancel: CancelToken, cached_only: bool) -> _FeedRead:
    if cached_only:
        result: FetchResult | None = fetcher.cached(feed.url)
    else:
        # A feed found on a web page may lead no closer to this computer than that page.
        reach = fetcher.reach_of(feed.found_at) if feed.found_at else None
        result = fetcher.fetch(feed.url, ContentKind.FEED, cancel, reach=reach)
    if result is None:
        return _FeedRead(None)
    if isinstance(result, FetchError):
        return _FeedRead(None, errors=(result.message,), unreachable=result.kind in _UNREACHABLE)
    network_failed = result.stale and result.error is not None and not cached_only
    errors = (result.error.message,) if network_failed and result.error else ()
    unreachable = network_failed and result.error is not None and result.error.kind in _UNREACHABLE
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
    return _FeedRead(
        parsed, result.body, result.fetched_at, network_failed, errors, unreachable=unreachable
    )


def refresh_feeds(
    fetcher: Fetcher,
    feeds: tuple[Feed, ...],
    known_digests: Mapping[str, str],
    cancel: CancelToken,
    cached_only: bool = False,
) -> RefreshOutcome:
    """Fetches (or, with `cached_only`, reads from the cache) and parses every feed."""
    errors: list[str] = []
    groups: list[tuple[Article, ...]] = []
    digests: dict[str, str] = {}
    times: list[float] = []
    stale = fell_back = False
    reached = False
    for feed in feeds:
        if cancel.cancelled:  # nobody waits for this outcome any more
            return RefreshOutcome(feeds, None)
        read = _read_feed(fetcher, feed, cancel, cached_only)
        errors.extend(read.errors)
        stale = stale or read.stale
        fell_back = fell_back or read.fell_back
        reached = reached or not read.unreachable
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
        fell_back=fell_back,
        unreachable=bool(feeds) and not reached and not cached_only,
    )
