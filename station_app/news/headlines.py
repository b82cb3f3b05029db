"""The news panel's view model: which feeds, which articles, and how fresh they are."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.news.feeds import Article
from station_app.news.refresh import RefreshOutcome, refresh_feeds
from station_app.news.shelf import put_on_shelf, take_from_shelf
from station_app.news.status import NewsPhase, NewsStatus
from station_app.stations.model import Feed
from station_app.tasks import TaskFailed, TaskRunner

OFFLINE = "Station App cannot reach the internet right now; the news loads once it can."
EMPTIED = "The news feeds sent no stories; the ones they had before are shown."


class NewsFeed(QObject):
    """Loads the cached headlines at once, then refreshes from the network now and on a timer.

    Signals: articles_changed() when the list of articles changes;
    status_changed() when the phase, freshness or error changes.
    An error never empties a list that had content.
    """

    articles_changed = Signal()
    status_changed = Signal()

    def __init__(
        self,
        feeds: tuple[Feed, ...],
        fetcher: Fetcher,
        tasks: TaskRunner,
        refresh_minutes: int,
        parent: QObject | None = None,
        shelf: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._feeds = feeds
        self._shelf = shelf  # the headlines last shown, for the next start (news/shelf.py)
        self._fetcher = fetcher
        self._cached_read = tasks.slot()
        self._network_read = tasks.slot()
        self._articles: tuple[Article, ...] = ()
        self._digests: Mapping[str, str] = {}
        self._network_answered = False
        phase = NewsPhase.LOADING if feeds else NewsPhase.NO_FEEDS
        self._status = NewsStatus(phase)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_minutes * 60_000)
        self._timer.timeout.connect(self.refresh)

    @property
    def articles(self) -> tuple[Article, ...]:
        return self._articles

    @property
    def feeds(self) -> tuple[Feed, ...]:
        return self._feeds

    @property
    def refresh_interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def status(self) -> NewsStatus:
        return self._status

    def start(self) -> None:
        """Shows what the cache holds, then asks the network."""
        self.load_cached()
        self.refresh()

    def load_cached(self) -> None:
        """Shows the headlines from the disk cache, without touching the network."""
        if not self._feeds:
            return
        self._cached_read.start(
            self._work(cached_only=True),
            self._cached_arrived,
            on_failed=lambda _failure: None,  # the network's answer follows anyway
        )

    def refresh(self) -> None:
        if not self._feeds:
            return
        self._timer.start()  # a manual refresh postpones the next automatic one
        self._set_status(replace(self._status, refreshing=True))
        self._network_read.start(
            self._work(cached_only=False), self._network_arrived, self._refresh_failed
        )

    def set_refresh_minutes(self, minutes: int) -> None:
        """Refresh every `minutes` from now on; a running countdown starts again at once."""
        interval = minutes * 60_000
        if interval != self._timer.interval():
            self._timer.setInterval(interval)  # restarts the timer when it runs

    def set_feeds(self, feeds: tuple[Feed, ...]) -> None:
        """These feeds are in force now (an edit, or found on the website): show them."""
        if feeds == self._feeds:
            return
        self._feeds = feeds
        self._digests = {}
        if not feeds:
            self._set_articles(())
            self._set_status(NewsStatus(NewsPhase.NO_FEEDS))
            return
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()
        self._cached_read.cancel()
        self._network_read.cancel()

    def _work(self, cached_only: bool) -> Callable[[CancelToken], RefreshOutcome]:
        fetcher, feeds, shelf = self._fetcher, self._feeds, self._shelf
        digests = dict(self._digests)

        def work(cancel: CancelToken) -> RefreshOutcome:
            if cached_only and shelf is not None:
                kept = take_from_shelf(shelf, feeds)
                if kept is not None:  # what was shown last time, without parsing a feed
                    articles, kept_digests, updated_at = kept
                    return RefreshOutcome(feeds, articles, kept_digests, updated_at)
            outcome = refresh_feeds(fetcher, feeds, digests, cancel, cached_only)
            if shelf is not None and outcome.articles and not cached_only:
                put_on_shelf(shelf, feeds, outcome.articles, outcome.digests, outcome.updated_at)
            return outcome

        return work

    def _refresh_failed(self, _failure: TaskFailed) -> None:
        message = "The news could not be refreshed: an error inside Station App stopped it."
        self._network_arrived(RefreshOutcome(self._feeds, None, errors=(message,)))

    def _cached_arrived(self, outcome: RefreshOutcome) -> None:
        if self._network_answered or not outcome.articles or outcome.feeds != self._feeds:
            return
        self._digests = outcome.digests
        self._set_articles(outcome.articles)
        self._set_status(
            replace(
                self._status,
                phase=NewsPhase.READY,
                updated_at=outcome.updated_at,
            )
        )

    def _network_arrived(self, outcome: RefreshOutcome) -> None:
        if outcome.feeds != self._feeds:
            return  # asked of feeds no longer in force
        self._network_answered = True
        if outcome.articles == () and self._articles:
            # No stories at all where there were some (and no copy on disk said so):
            # a failure to report, not news; the stories already shown stay.
            outcome = replace(
                outcome, articles=None, fell_back=True, errors=(*outcome.errors, EMPTIED)
            )
        if outcome.articles is not None:
            self._digests = outcome.digests
            self._set_articles(outcome.articles)
        # The refresh failed outright (nothing fetched or nothing readable): what is
        # shown is as old as it was before, so its age must not be reset.
        kept_old = outcome.articles is None and bool(outcome.errors)
        updated_at = self._status.updated_at if kept_old else outcome.updated_at
        if outcome.fell_back and updated_at is None:
            updated_at = self._status.updated_at
        if not outcome.feeds and not self._articles:
            phase = NewsPhase.NO_FEEDS
        elif self._articles and outcome.stale:
            phase = NewsPhase.OFFLINE
        elif self._articles and (kept_old or outcome.fell_back):
            phase = NewsPhase.STALE
        elif not self._articles and outcome.errors:
            phase = NewsPhase.FAILED
        else:
            phase = NewsPhase.READY
        # Offline, one calm sentence says so, rather than one error for each feed.
        message = OFFLINE if outcome.unreachable else " ".join(outcome.errors)
        self._set_status(NewsStatus(phase, updated_at, message, offline=outcome.unreachable))

    def _set_articles(self, articles: tuple[Article, ...]) -> None:
        if articles != self._articles:
            self._articles = articles
            self.articles_changed.emit()

    def _set_status(self, status: NewsStatus) -> None:
        if status != self._status:
            self._status = status
            self.status_changed.emit()
