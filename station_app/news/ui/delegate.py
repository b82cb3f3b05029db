"""Paints one headline: thumbnail, title, two lines of summary, byline and time."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

from station_app.news.list_model import NewsRole
from station_app.news.ui.text_lines import wrapped_lines
from station_app.ui.accessibility.focus_look import item_palette

MARGIN = 10
THUMB = QSize(96, 64)
GAP = 12
ROW_CACHE = 48  # rows kept as pictures: a screenful or two
_Index = QModelIndex | QPersistentModelIndex
_STATE_MASK = (
    QStyle.StateFlag.State_Selected
    | QStyle.StateFlag.State_HasFocus
    | QStyle.StateFlag.State_MouseOver
    | QStyle.StateFlag.State_Active
    | QStyle.StateFlag.State_Enabled
)


class HeadlineDelegate(QStyledItemDelegate):
    """Fixed-height rows (so the view can use uniform item sizes and scroll hundreds smoothly)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # One picture per article, replaced when what it shows changes ("5 min ago"
        # becoming "6 min ago"), so the cache never fills with outdated renderings.
        self._rows: OrderedDict[object, tuple[tuple[object, ...], QPixmap]] = OrderedDict()

    def keep_only(self, article_keys: Collection[str]) -> None:
        """Forgets the pictures of stories no longer listed (after a refresh, say)."""
        for key in [key for key in self._rows if key not in article_keys]:
            del self._rows[key]

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        meta = QFont(base)
        meta.setPointSizeF(base.pointSizeF() * 0.9)
        return title, base, meta

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title, body, meta = self._fonts(option.font)
        height = (
            2 * QFontMetrics(title).lineSpacing()
            + 2 * QFontMetrics(body).lineSpacing()
            + QFontMetrics(meta).lineSpacing()
            + 8
        )
        return QSize(320, max(height, THUMB.height()) + 2 * MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """Draws the row from a cached picture, rendering it first if anything shown changed.

        Each Python call from a paint event costs a GIL hand-over while feeds and
        pictures are parsed in the background; one drawPixmap per row keeps
        repaints (a thumbnail arriving, scrolling) far below the 50 ms budget.
        """
        rect = QRect(option.rect)
        article = index.data(NewsRole.ARTICLE)
        thumbnail = index.data(NewsRole.THUMBNAIL)
        key = (
            getattr(article, "key", ""),
            rect.width(),
            rect.height(),
            (option.state & _STATE_MASK).value,
            index.data(NewsRole.TIME_TEXT),
            thumbnail.cacheKey() if isinstance(thumbnail, QImage) else 0,
            bool(index.data(NewsRole.PICTURE_COLUMN)),
            option.palette.cacheKey(),
            option.font.key(),
        )
        article_key = key[0]
        cached = self._rows.get(article_key)
        picture = cached[1] if cached is not None and cached[0] == key else None
        if picture is None:
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            picture = QPixmap(rect.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            row_option = QStyleOptionViewItem(option)
            row_option.rect = QRect(QPoint(0, 0), rect.size())
            row_painter = QPainter(picture)
            self._render(row_painter, row_option, index)
            row_painter.end()
            self._rows[article_key] = (key, picture)
            self._rows.move_to_end(article_key)
            while len(self._rows) > ROW_CACHE:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(article_key)
        painter.drawPixmap(rect.topLeft(), picture)

    def _render(self, painter: QPainter, view_option: QStyleOptionViewItem, index: _Index) -> None:
        widget = view_option.widget
        style = widget.style() if widget is not None else None
        rect: QRect = view_option.rect
        painter.save()
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, view_option, painter, widget
            )
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        palette = item_palette(view_option)  # quiet colours while the list lacks the focus
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        left = rect.left() + MARGIN
        if index.data(NewsRole.PICTURE_COLUMN):
            article = index.data(NewsRole.ARTICLE)
            has_picture = bool(getattr(article, "image", None))
            self._paint_thumbnail(
                painter, rect, index.data(NewsRole.THUMBNAIL), has_picture, palette
            )
            left += THUMB.width() + GAP
        width = rect.right() - MARGIN - left
        title_font, body_font, meta_font = self._fonts(view_option.font)
        meta = " · ".join(
            part for part in (index.data(NewsRole.BYLINE), index.data(NewsRole.TIME_TEXT)) if part
        )
        title = _lines(index.data(), title_font, width, 2)
        summary = _lines(index.data(NewsRole.SUMMARY), body_font, width, 2)
        byline = _lines(meta, meta_font, width, 1)
        height = (
            len(title) * QFontMetrics(title_font).lineSpacing()
            + 2
            + len(summary) * QFontMetrics(body_font).lineSpacing()
            + 4
            + len(byline) * QFontMetrics(meta_font).lineSpacing()
        )
        # Rows are all as tall as the longest headline needs; a shorter one sits in the middle.
        y = rect.top() + max(MARGIN, (rect.height() - height) // 2)
        painter.setPen(palette.color(text_role))
        y = self._paint_lines(painter, title, title_font, left, y)
        summary_color = palette.color(text_role)
        summary_color.setAlphaF(0.8)
        painter.setPen(summary_color)
        y = self._paint_lines(painter, summary, body_font, left, y + 2)
        meta_color = palette.color(text_role)
        meta_color.setAlphaF(0.65)
        painter.setPen(meta_color)
        self._paint_lines(painter, byline, meta_font, left, y + 4)
        if style is not None and view_option.state & QStyle.StateFlag.State_HasFocus:
            focus = QStyleOptionFocusRect()
            focus.initFrom(widget)
            focus.rect = rect.adjusted(2, 2, -2, -2)
            focus.backgroundColor = palette.color(
                QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
            )
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
        painter.restore()

    def _paint_lines(self, painter: QPainter, lines: list[str], font: QFont, x: int, y: int) -> int:
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for line in lines:
            painter.drawText(x, y + metrics.ascent(), line)
            y += metrics.lineSpacing()
        return y

    def _paint_thumbnail(
        self, painter: QPainter, rect: QRect, image: object, has_picture: bool, palette: QPalette
    ) -> None:
        """The story's picture; a quiet box while it loads; nothing for a story without one."""
        top = rect.top() + (rect.height() - THUMB.height()) // 2
        box = QRect(rect.left() + MARGIN, top, THUMB.width(), THUMB.height())
        if isinstance(image, QImage) and not image.isNull():
            scaled = image.size().scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
            source = QRect(0, 0, image.width(), image.height())
            # Crop the middle so every thumbnail fills the same box.
            fx, fy = image.width() / scaled.width(), image.height() / scaled.height()
            source.setWidth(int(THUMB.width() * fx))
            source.setHeight(int(THUMB.height() * fy))
            source.moveCenter(QRect(0, 0, image.width(), image.height()).center())
            painter.drawImage(box, image, source)
            return
        if not has_picture:
            return
        placeholder = palette.color(QPalette.ColorRole.Mid)
        placeholder.setAlphaF(0.25)
        painter.fillRect(box, placeholder)


def _lines(text: object, font: QFont, width: int, most: int) -> list[str]:
    return wrapped_lines(text if isinstance(text, str) else "", font, width, most)
