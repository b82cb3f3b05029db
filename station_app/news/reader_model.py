"""The article reader's view model: which story, what to show of it, and the text size."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Signal

from station_app.config.state import StateStore
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.news.article_content import ArticleContent, from_feed
from station_app.news.feeds import Article
from station_app.news.images import ImageLoader
from station_app.tasks import TaskRunner

ZOOM_RANGE = (-4, 12)
ARTICLE_IMAGE_BOUNDS = QSize(640, 900)
LOADING = "Loading the full story…"
BROKE = (
    "The story could not be read in the app: an error inside Station App stopped it. "
    "Showing the feed's copy; open it in the browser to see the full page."
)


class ArticleReaderModel(QObject):
    """Shows one article: the feed's copy at once, the page from the cache, then from the network.

    Signals: content_changed(object) with the ArticleContent to show, when it changes;
    note_changed(str) with the line above the story ("" for none);
    zoom_changed(int) with the text size step, remembered in the state file.
    `images` loads the story's pictures, each for the page it appears in.
    """

    content_changed = Signal(object)
    note_changed = Signal(str)
    zoom_changed = Signal(int)

    def __init__(
        self,
        fetcher: Fetcher,
        tasks: TaskRunner,
        state: StateStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._state = state
        self._cached_read = tasks.slot()
        self._network_read = tasks.slot()
        self.images = ImageLoader(fetcher, tasks, ARTICLE_IMAGE_BOUNDS, parent=self)
        self._article: Article | None = None
        self._content: ArticleContent | None = None
        self._note = ""
        self._network_answered = False
        self._zoom = _clamp(state.current.article_zoom)

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def content(self) -> ArticleContent | None:
        return self._content

    @property
    def note(self) -> str:
        return self._note

    @property
    def zoom(self) -> int:
        return self._zoom

    def show_article(self, article: Article) -> None:
        """The feed's copy at once, then the page from the cache, then from the network."""
        self._article = article
        self._network_answered = False
        self._show(from_feed(article, ""), loading=article.link is not None)
        if article.link is None:
            return
        fetcher = self._fetcher
        self._cached_read.start(
            lambda cancel: _load_article(fetcher, article, cancel, cached_only=True),
            lambda content: self._arrived(content, from_network=False),
            on_failed=lambda _failure: None,  # the network's answer follows anyway
        )
        self._network_read.start(
            lambda cancel: _load_article(fetcher, article, cancel),
            lambda content: self._arrived(content, from_network=True),
            on_failed=lambda _failure: self._arrived(from_feed(article, BROKE), True),
        )

    def stop(self) -> None:
        """Nothing more arrives for the story shown (the person went back to the headlines)."""
        self._cached_read.cancel()
        self._network_read.cancel()
        self._article = None

    def change_zoom(self, step: int) -> None:
        zoom = _clamp(self._zoom + step)
        if zoom != self._zoom:
            self._zoom = zoom
            self._state.update(article_zoom=zoom)
            self.zoom_changed.emit(zoom)

    def _arrived(self, content: ArticleContent | None, from_network: bool) -> None:
        if content is None:  # nothing in the cache
            return
        if from_network:
            self._network_answered = True
        elif self._network_answered:
            return
        if content != self._content or from_network:
            self._show(content, loading=False)

    def _show(self, content: ArticleContent, loading: bool) -> None:
        note = LOADING if loading else content.note
        if note != self._note:
            self._note = note
            self.note_changed.emit(note)
        if content == self._content:
            return
        self._content = content
        # Its pictures come from no address more private than the page's own.
        self.images.set_page(content.url or (self._article.feed_url if self._article else None))
        self.content_changed.emit(content)


def _clamp(zoom: int) -> int:
    return max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom))


def _load_article(
    fetcher: Fetcher, article: Article, cancel: CancelToken, cached_only: bool = False
) -> ArticleContent | None:
    # Imported in the background task: extraction brings lxml and readability.
    from station_app.news.article_fetch import load_article

    return load_article(fetcher, article, cancel, cached_only=cached_only)
