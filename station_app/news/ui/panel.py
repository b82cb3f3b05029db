"""The news panel: headlines and the article reader in one place, kept fresh."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from station_app.news.feeds import Article
from station_app.news.headlines import NewsFeed
from station_app.news.list_model import NewsListModel
from station_app.news.status import (
    SHOWING_OLDER,
    NewsPhase,
    empty_text,
    no_feeds_text,
    status_line,
)
from station_app.news.ui.headline_list import ALL_FEEDS, HeadlineList

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from station_app.news.reader_model import ArticleReaderModel
    from station_app.news.sources import FeedSources
    from station_app.news.ui.reader import ArticleReader
    from station_app.stations.changes import EditResult

TICK_MS = 30_000  # how often "20 min ago" and "Updated 3 min ago" move on


class NewsPanel(QWidget):
    """Shows the cached headlines at once, refreshes them, and opens articles in the reader.

    `news` and `model` are the headlines' view models; `reader_model` makes the
    reader's, when the first article opens (most sessions never read one).
    """

    def __init__(
        self,
        news: NewsFeed,
        model: NewsListModel,
        reader_model: Callable[[], ArticleReaderModel],
        network_name: str,
        clock: Callable[[], float] = time.time,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        parent: QWidget | None = None,
        sources: FeedSources | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newsPanel")
        self.news = news
        news.setParent(self)
        self.sources = sources
        self._add_feed_dialog: QDialog | None = None
        self._kept_message = ""
        self._network_name = network_name
        self._clock = clock
        self._feed_filter = ALL_FEEDS
        self.model = model
        model.setParent(self)
        self.headlines = HeadlineList(model)

        def make_reader() -> ArticleReader:
            from station_app.news.ui.reader import ArticleReader

            return ArticleReader(reader_model(), open_url)

        self._make_reader = make_reader
        self._reader: ArticleReader | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.headlines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.headlines.article_activated.connect(self.open_article)
        self.headlines.refresh_requested.connect(news.refresh)
        self.headlines.feed_chosen.connect(self._choose_feed)
        news.articles_changed.connect(self._show_articles)
        news.status_changed.connect(self._show_status)
        self.headlines.empty.add_button.clicked.connect(self.add_feed)
        if sources is not None:
            sources.changed.connect(self._sources_changed)
            self.headlines.empty.look_button.clicked.connect(sources.look)
            self.headlines.keep_button.clicked.connect(self._keep_found)
        # F5 works wherever the focus is in the window (the News menu shows this action).
        self.refresh_action = QAction("&Refresh news", self)
        keys = [QKeySequence(Qt.Key.Key_F5)]
        keys += [
            k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh) if k not in keys
        ]
        self.refresh_action.setShortcuts(keys)
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.refresh_action.triggered.connect(news.refresh)
        self.addAction(self.refresh_action)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.tick)
        self._tick.start()
        self._show_articles()
        self._show_status()

    @property
    def reader(self) -> ArticleReader:
        """Built when the first article opens: most sessions never read one."""
        if self._reader is None:
            self._reader = self._make_reader()
            self.pages.addWidget(self._reader)
            self._reader.back_requested.connect(self.show_headlines)
        return self._reader

    def sizeHint(self) -> QSize:
        return QSize(560, 600)

    def start(self) -> None:
        self.news.start()

    def stop(self) -> None:
        """Nothing more arrives: no refresh, no article."""
        self.news.stop()
        if self._reader is not None:
            self._reader.stop()

    def tick(self) -> None:
        self.model.refresh_times()
        self._show_status()

    def open_article(self, article: Article) -> None:
        self.reader.show_article(article)
        self.pages.setCurrentWidget(self.reader)
        self.reader.browser.setFocus()

    def show_headlines(self) -> None:
        if self._reader is not None:
            self._reader.stop()
        self.pages.setCurrentWidget(self.headlines)
        self.headlines.view.setFocus()

    def add_feed(self) -> QDialog | None:
        """Opens the dialog that adds a news feed by its address (None without sources)."""
        if self.sources is None:
            return None
        from station_app.news.ui.add_feed import AddFeedDialog

        if self._add_feed_dialog is None:
            self._add_feed_dialog = AddFeedDialog(self.sources, self)
        self._add_feed_dialog.show()
        self._add_feed_dialog.raise_()
        self._add_feed_dialog.activateWindow()
        return self._add_feed_dialog

    def _sources_changed(self) -> None:
        if self.sources is not None:
            self.news.set_feeds(self.sources.feeds)
        self._show_status()

    def _keep_found(self) -> None:
        if self.sources is None:
            return
        self.headlines.keep_button.setEnabled(False)

        def kept(result: EditResult) -> None:
            self.headlines.keep_button.setEnabled(True)
            self._kept_message = result.message
            self._show_status()

        self.sources.keep(kept)

    def _choose_feed(self, feed_url: str) -> None:
        self._feed_filter = feed_url
        self._show_articles()

    def _show_articles(self) -> None:
        articles = self.news.articles
        if self._feed_filter:
            articles = tuple(a for a in articles if a.feed_url == self._feed_filter)
        current = self.model.article(self.headlines.view.currentIndex().row())
        current_key = current.key if current is not None else None
        self.model.set_articles(articles)
        self.headlines.set_feeds(self.news.feeds)
        if current_key is not None:
            row = next((i for i, a in enumerate(articles) if a.key == current_key), -1)
            if row >= 0:
                self.headlines.view.setCurrentIndex(self.model.index(row))
        elif articles and not self.headlines.view.currentIndex().isValid():
            self.headlines.view.setCurrentIndex(self.model.index(0))
        self._show_status()

    def _show_status(self) -> None:
        status = self.news.status
        page = self.headlines
        has_rows = self.model.rowCount() > 0
        alert = status.phase in SHOWING_OLDER or status.phase is NewsPhase.FAILED
        # With no feeds, refreshing only helps when the website could not be read.
        can_refresh = status.phase is not NewsPhase.NO_FEEDS or bool(status.message)
        # With nothing to show, the empty state already says "Loading the headlines…".
        line = status_line(status, self._clock()) if has_rows else ""
        detail = (
            status.message
            if status.phase is NewsPhase.READY or status.phase in SHOWING_OLDER
            else ""
        )
        page.show_notice(line, detail, alert and has_rows)
        page.retry_button.setVisible(alert and has_rows)
        page.retry_button.setEnabled(not status.refreshing)
        page.refresh_button.setEnabled(can_refresh)
        sources = self.sources
        found_on = sources.found_on if sources is not None else ""
        if found_on:
            self._kept_message = ""
        note = f"Feeds found on {found_on}" if found_on else self._kept_message
        page.show_note(note, bool(found_on))
        if has_rows:
            page.show_list()
            return
        if status.phase is NewsPhase.NO_FEEDS:
            site = sources.site if sources is not None else ""
            looking = sources is not None and sources.looking
            problem = sources.problem if sources is not None else ""
            title, text = no_feeds_text(self._network_name, site, looking, problem)
            page.show_empty(title, text, can_retry=False)
            page.empty.show_actions("" if looking else site, sources is not None)
            return
        title, text = empty_text(status, self._network_name)
        page.show_empty(title, text, can_refresh and alert)
        page.empty.show_actions("", False)
        page.empty.retry_button.setEnabled(not status.refreshing)
