"""The in-app article reader: the story, a way back, text size, and "Open in browser"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station_app.news.article_content import ArticleContent
from station_app.news.feeds import Article
from station_app.news.reader_model import ZOOM_RANGE, ArticleReaderModel
from station_app.news.ui.article_browser import ArticleBrowser
from station_app.news.ui.article_document import article_html


def _small_button(text: str) -> QPushButton:
    """A push button as wide as its short text (not a dialog button's usual width)."""
    button = QPushButton(text)
    width = button.fontMetrics().horizontalAdvance(text) + 2 * button.fontMetrics().height()
    button.setFixedWidth(width)
    return button


class ArticleReader(QWidget):
    """Shows the article its view model holds, and the controls to read it.

    Signals: back_requested() when the person wants the headlines again.
    """

    back_requested = Signal()

    def __init__(
        self,
        model: ArticleReaderModel,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self._open_url = open_url
        self.browser = ArticleBrowser(model.images, open_url)
        self.browser.setObjectName("articleText")
        self.browser.setAccessibleName("Article")
        self.back_button = QPushButton("← Headlines")
        self.back_button.setToolTip("Back to the headlines (Esc)")
        self.back_button.setAccessibleName("Back to the headlines")
        self.back_button.clicked.connect(self.back_requested)
        self.smaller_button = _small_button("A\u2212")
        self.smaller_button.setAccessibleName("Smaller text")
        self.smaller_button.setToolTip("Smaller text (Ctrl+minus)")
        self.smaller_button.clicked.connect(lambda: model.change_zoom(-1))
        self.larger_button = _small_button("A+")
        self.larger_button.setAccessibleName("Larger text")
        self.larger_button.setToolTip("Larger text (Ctrl+plus)")
        self.larger_button.clicked.connect(lambda: model.change_zoom(+1))
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
        bar.addWidget(self.smaller_button)
        bar.addWidget(self.larger_button)
        bar.addSpacing(8)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.browser, 1)
        self._base_point_size = self.browser.font().pointSizeF()
        self._apply_zoom(model.zoom)
        model.zoom_changed.connect(self._apply_zoom)
        model.note_changed.connect(self._show_note)
        model.content_changed.connect(self._show_content)
        self._shortcuts()

    def _shortcuts(self) -> None:
        change_zoom = self.model.change_zoom
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bindings: list[tuple[QKeySequence, Callable[[], object]]] = [
            (QKeySequence(Qt.Key.Key_Escape), self.back_requested.emit),
            (QKeySequence(QKeySequence.StandardKey.Back), self.back_requested.emit),
            (QKeySequence("Alt+Left"), self.back_requested.emit),
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: change_zoom(+1)),
            (QKeySequence("Ctrl+="), lambda: change_zoom(+1)),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: change_zoom(-1)),
            (QKeySequence("Ctrl+0"), lambda: change_zoom(-self.model.zoom)),
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
        return self.model.zoom

    def show_article(self, article: Article) -> None:
        self.open_button.setEnabled(article.link is not None)
        self.model.show_article(article)

    def stop(self) -> None:
        self.model.stop()

    def _apply_zoom(self, zoom: int) -> None:
        font = QFont(self.browser.font())
        font.setPointSizeF(max(6.0, self._base_point_size + zoom))
        self.browser.setFont(font)
        self.smaller_button.setEnabled(zoom > ZOOM_RANGE[0])
        self.larger_button.setEnabled(zoom < ZOOM_RANGE[1])

    def _show_note(self, note: str) -> None:
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _show_content(self, content: ArticleContent) -> None:
        self.browser.setAccessibleName(f"Article: {content.headline}")
        self.browser.show_html(article_html(content))
        self.browser.verticalScrollBar().setValue(0)

    def _open_in_browser(self) -> None:
        article = self.model.article
        if article is not None and article.link:
            self._open_url(QUrl(article.link))
