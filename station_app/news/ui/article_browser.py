"""A QTextBrowser that never touches the network or the disk on its own.

Images come from an ImageLoader (the shared fetcher, in background tasks); the
document is updated when each arrives. Links go to the system browser, and
only http/https ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from station_app.news.images import ImageLoader
from station_app.ui.accessibility.document import expose_as_document

_WEB = ("http", "https")
MEASURE = 75  # characters a line at most: a wide window shows the text as a column
MARGIN = 12  # around the text, so it never touches the frame


class ArticleBrowser(QTextBrowser):
    """Renders sanitized article HTML; `open_url` is how a clicked web link is opened."""

    _image_kind = QTextDocument.ResourceType.ImageResource.value

    def __init__(
        self,
        images: ImageLoader,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        expose_as_document(self)
        self._images = images
        self._open_url = open_url
        self._placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
        self._placeholder.fill(0)
        self._waiting: set[str] = set()
        self._originals: dict[str, QImage] = {}
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(120)
        self._refit.timeout.connect(self._fit_all)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        images.loaded.connect(self._image_loaded)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # Never the base class: it would read file: URLs and search paths.
        address = QUrl(name) if isinstance(name, str) else name
        if kind != QTextDocument.ResourceType.ImageResource.value or address.scheme() not in _WEB:
            return None
        url = address.toString()
        image = self._images.image(url)
        if image is not None:
            self._originals[url] = image
            return self._fitted(image)
        self._waiting.add(url)
        self._images.request(url)
        return self._placeholder

    def show_html(self, html: str) -> None:
        self._waiting.clear()
        self._originals.clear()
        self.setHtml(html)
        self._fit_measure()

    def _side_margin(self) -> int:
        measure = self.fontMetrics().averageCharWidth() * MEASURE
        return max(MARGIN, (self.viewport().width() - measure) // 2)

    def _fit_measure(self) -> None:
        """Keeps lines readable: a margin all round, and a centred column when wide."""
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        side = self._side_margin()
        if frame_format.leftMargin() == side and frame_format.topMargin() == MARGIN:
            return
        frame_format.setMargin(MARGIN)
        frame_format.setLeftMargin(side)
        frame_format.setRightMargin(side)
        root.setFrameFormat(frame_format)

    def _available_width(self) -> int:
        return max(64, self.viewport().width() - 2 * self._side_margin() - 8)

    def _fitted(self, image: QImage) -> QImage:
        """Pictures wider than the text column are shown scaled down to fit it."""
        width = self._available_width()
        if image.width() <= width:
            return image
        return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)

    def _fit_all(self) -> None:
        document = self.document()
        for url, image in self._originals.items():
            document.addResource(self._image_kind, QUrl(url), self._fitted(image))
        if self._originals:
            document.markContentsDirty(0, document.characterCount())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_measure()
            self._refit.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text size: the column follows
            self._fit_measure()
            self._refit.start()

    def _image_loaded(self, url: str, image: QImage) -> None:
        if url in self._waiting:
            self._waiting.discard(url)
            self._originals[url] = image
            document = self.document()
            document.addResource(self._image_kind, QUrl(url), self._fitted(image))
            scroll = self.verticalScrollBar().value()
            document.markContentsDirty(0, document.characterCount())
            self.verticalScrollBar().setValue(scroll)

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in _WEB and url.host():
            self._open_url(url)
