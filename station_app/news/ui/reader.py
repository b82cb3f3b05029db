"""The in-app article reader: the story, a way back, text size, and "Open in browser"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station_app.config.state import StateStore
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.news.article_content import ArticleContent, from_feed
from station_app.news.feeds import Article
from station_app.news.images import ImageLoader
from station_app.news.ui.article_browser import ArticleBrowser
from station_app.news.ui.article_document import article_html
from station_app.tasks import TaskRunner

ZOOM_RANGE = (-4, 12)
CRASHED = (
    "The story could not be read in the app: an error inside Station App stopped it. "
    "Showing the feed's copy; open it in the browser to see the full page."
)
ARTICLE_IMAGE_BOUNDS = QSize(640, 900)


class ArticleReader(QWidget):
    """Shows one article: the feed's copy at once, the full page when it has been read.

    Signals: back_requested() when the person wants the headlines again.
    """

    back_requested = Signal()

    def __init__(
        self,
        fetcher: Fetcher,
        tasks: TaskRunner,
        state: StateStore,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._cached_read = tasks.slot()
        self._network_read = tasks.slot()
        self._state = state
        self._open_url = open_url
        self._article: Article | None = None
        self._shown: ArticleContent | None = None
        self._network_answered = False
        self._images = ImageLoader(fetcher, tasks, ARTICLE_IMAGE_BOUNDS, parent=self)
        self.browser = ArticleBrowser(self._images, open_url)
        self.browser.setObjectName("articleText")
        self.browser.setAccessibleName("Article")
        self.back_button = QPushButton("← Headlines")
        self.back_button.setToolTip("Back to the headlines (Esc)")
        self.back_button.setAccessibleName("Back to the headlines")
        self.back_button.clicked.connect(self.back_requested)
        self.smaller_button = QPushButton("A\u2212")
        self.smaller_button.setAccessibleName("Smaller text")
        self.smaller_button.setToolTip("Smaller text (Ctrl+minus)")
        self.smaller_button.clicked.connect(lambda: self.change_zoom(-1))
        self.larger_button = QPushButton("A+")
        self.larger_button.setAccessibleName("Larger text")
        self.larger_button.setToolTip("Larger text (Ctrl+plus)")
        self.larger_button.clicked.connect(lambda: self.change_zoom(+1))
        self.open_button = QPushButton("Open in browser")
        self.open_button.clicked.connect(self._open_in_browser)
        self.note = QLabel()
        self.note.setObjectName("articleNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setFrameShape(QFrame.Shape.StyledPanel)
        self.note.setAutoFillBackground(True)
        self.note.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.note.setMargin(6)
        self.note.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        for button in (self.smaller_button, self.larger_button, self.open_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.browser, 1)
        self._base_point_size = self.browser.font().pointSizeF()
        self._zoom = self._clamp(state.current.article_zoom)
        self._apply_zoom()
        self._shortcuts()

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bindings: list[tuple[QKeySequence, Callable[[], object]]] = [
            (QKeySequence(Qt.Key.Key_Escape), self.back_requested.emit),
            (QKeySequence(QKeySequence.StandardKey.Back), self.back_requested.emit),
            (QKeySequence("Alt+Left"), self.back_requested.emit),
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: self.change_zoom(+1)),
            (QKeySequence("Ctrl+="), lambda: self.change_zoom(+1)),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: self.change_zoom(-1)),
            (QKeySequence("Ctrl+0"), lambda: self.change_zoom(-self._zoom)),
        ]
        seen: set[str] = set()
        for sequence, action in bindings:
            if sequence.isEmpty() or sequence.toString() in seen:
                continue
            seen.add(sequence.toString())
            shortcut = QShortcut(sequence, self, context=context)
            shortcut.activated.connect(action)

    @property
    def zoom(self) -> int:
        return self._zoom

    @property
    def shown(self) -> ArticleContent | None:
        return self._shown

    def _clamp(self, zoom: int) -> int:
        return max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom))

    def change_zoom(self, step: int) -> None:
        zoom = self._clamp(self._zoom + step)
        if zoom != self._zoom:
            self._zoom = zoom
            self._apply_zoom()
            self._state.update(article_zoom=zoom)

    def _apply_zoom(self) -> None:
        font = QFont(self.browser.font())
        font.setPointSizeF(max(6.0, self._base_point_size + self._zoom))
        self.browser.setFont(font)
        self.smaller_button.setEnabled(self._zoom > ZOOM_RANGE[0])
        self.larger_button.setEnabled(self._zoom < ZOOM_RANGE[1])

    def show_article(self, article: Article) -> None:
        """The feed's copy at once, then the page from the cache, then from the network."""
        self._article = article
        self._network_answered = False
        self.open_button.setEnabled(article.link is not None)
        self._render(from_feed(article, ""), loading=article.link is not None)
        if article.link is None:
            return
        fetcher = self._fetcher
        self._cached_read.start(
            lambda cancel: _load_article(fetcher, article, cancel, cached_only=True),
            lambda content: self._arrived(article, content, from_network=False),
            on_failed=lambda _failure: None,  # the network's answer follows anyway
        )
        self._network_read.start(
            lambda cancel: _load_article(fetcher, article, cancel),
            lambda content: self._arrived(article, content, from_network=True),
            on_failed=lambda _failure: self._arrived(
                article, from_feed(article, CRASHED), from_network=True
            ),
        )

    def stop(self) -> None:
        self._cached_read.cancel()
        self._network_read.cancel()
        self._article = None

    def _arrived(
        self, article: Article, content: ArticleContent | None, from_network: bool
    ) -> None:
        if article is not self._article or content is None:
            return
        if from_network:
            self._network_answered = True
        elif self._network_answered:
            return
        if content != self._shown or from_network:
            self._render(content, loading=False)

    def _render(self, content: ArticleContent, loading: bool) -> None:
        note = "Loading the full story…" if loading else content.note
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if content == self._shown:
            return
        self._shown = content
        # Its pictures come from no address more private than the page's own.
        self._images.set_page(content.url or (self._article.feed_url if self._article else None))
        self.browser.setAccessibleName(f"Article: {content.headline}")
        self.browser.show_html(article_html(content))
        self.browser.verticalScrollBar().setValue(0)

    def _open_in_browser(self) -> None:
        if self._article is not None and self._article.link:
            self._open_url(QUrl(self._article.link))


def _load_article(
    fetcher: Fetcher, article: Article, cancel: CancelToken, cached_only: bool = False
) -> ArticleContent | None:
    # Imported in the background task: extraction brings lxml and readability.
    from station_app.news.article_fetch import load_article

    return load_article(fetcher, article, cancel, cached_only=cached_only)
