"""The headlines as a Qt list model: one row per article, thumbnails asked for lazily."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage

from station_app.news.feeds import Article
from station_app.news.images import ImageLoader
from station_app.news.time_text import exact_time, relative_time

_Index = QModelIndex | QPersistentModelIndex


class NewsRole(enum.IntEnum):
    ARTICLE = Qt.ItemDataRole.UserRole + 1
    SUMMARY = Qt.ItemDataRole.UserRole + 2
    BYLINE = Qt.ItemDataRole.UserRole + 3
    TIME_TEXT = Qt.ItemDataRole.UserRole + 4
    THUMBNAIL = Qt.ItemDataRole.UserRole + 5
    # Whether the list shows a column of pictures (some story has one): a list
    # without pictures gives its text the whole width.
    PICTURE_COLUMN = Qt.ItemDataRole.UserRole + 6


class NewsListModel(QAbstractListModel):
    """Articles in display order. Display role: the title; the accessible description says the rest.

    Thumbnails are requested from the loader only when a row is painted, so a
    500-item feed costs the downloads of what is on screen.
    """

    def __init__(
        self,
        thumbnails: ImageLoader,
        clock: Callable[[], float],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._articles: tuple[Article, ...] = ()
        self._thumbnails = thumbnails
        self._clock = clock
        self._rows_by_image: dict[str, list[int]] = {}
        thumbnails.loaded.connect(self._thumbnail_loaded)

    @property
    def articles(self) -> tuple[Article, ...]:
        return self._articles

    def set_articles(self, articles: tuple[Article, ...]) -> None:
        self._thumbnails.forget_failures()  # a new list is a new chance for missing pictures
        if articles == self._articles:
            return
        self.beginResetModel()
        self._articles = articles
        self._rows_by_image = {}
        for row, article in enumerate(articles):
            if article.image:
                self._rows_by_image.setdefault(article.image, []).append(row)
        self._thumbnails.keep_only(self._rows_by_image)
        self.endResetModel()

    def article(self, row: int) -> Article | None:
        return self._articles[row] if 0 <= row < len(self._articles) else None

    def refresh_times(self) -> None:
        """Relative times ("20 min ago") move on; tells views to repaint them."""
        if self._articles:
            last = self.index(len(self._articles) - 1)
            self.dataChanged.emit(self.index(0), last, [NewsRole.TIME_TEXT])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._articles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        article = self.article(index.row()) if index.isValid() else None
        if article is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return article.title
        if role == NewsRole.ARTICLE:
            return article
        if role == NewsRole.SUMMARY:
            return article.summary
        if role == NewsRole.BYLINE:
            return article.byline
        if role == NewsRole.TIME_TEXT:
            return self._time_text(article)
        if role == Qt.ItemDataRole.ToolTipRole:
            return exact_time(article.when) if article.when else None
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            parts = [article.byline, self._time_text(article), article.summary]
            return ". ".join(p for p in parts if p)
        if role == NewsRole.THUMBNAIL:
            return self._thumbnail(article)
        if role == NewsRole.PICTURE_COLUMN:
            return bool(self._rows_by_image)
        return None

    def _time_text(self, article: Article) -> str:
        now = datetime.fromtimestamp(self._clock(), tz=UTC).astimezone()
        return relative_time(article.when, now)

    def _thumbnail(self, article: Article) -> QImage | None:
        if not article.image:
            return None
        image = self._thumbnails.image(article.image)
        if image is None:
            self._thumbnails.request(article.image, page=article.feed_url)
        return image

    def _thumbnail_loaded(self, url: str, _image: QImage) -> None:
        for row in self._rows_by_image.get(url, ()):
            index = self.index(row)
            self.dataChanged.emit(index, index, [NewsRole.THUMBNAIL])
