"""The list of on-air stations: Enter or double-click tunes in."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QImage, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from station_app.playback.station_list_model import (
    ArtworkRole,
    DetailRole,
    PlayingRole,
    StationListModel,
    StationRole,
)
from station_app.playback.ui.picture import draw_picture
from station_app.resources import app_icon_file
from station_app.stations.model import Station
from station_app.ui.accessibility.focus_look import item_palette, show_focus
from station_app.ui.accessibility.item_views import offer_press_action

Index = QModelIndex | QPersistentModelIndex


class StationDelegate(QStyledItemDelegate):
    """Two lines: call sign and frequency in bold, city and simulcast below; a mark when tuned.

    The station's picture (or the app's icon) stands before them, two lines high.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fallback = QIcon(str(app_icon_file()))
        self._pixmaps: dict[object, QPixmap] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        station = index.data(StationRole)
        if not isinstance(station, Station):
            return
        style = option.widget.style() if option.widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        palette = item_palette(opt)  # quiet colours while the list lacks the focus
        painter.save()
        painter.setPen(palette.color(role))
        rect = option.rect.adjusted(12, 6, -12, -6)
        line = option.fontMetrics.height()
        side = rect.height()
        picture = index.data(ArtworkRole)
        draw_picture(
            painter,
            QRect(rect.left(), rect.top(), side, side),
            picture if isinstance(picture, QImage) else None,
            self._fallback,
            self._pixmaps,
        )
        rect.setLeft(rect.left() + side + 10)
        marker_width = 0
        if index.data(PlayingRole):
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume) if style else None
            if icon is not None:
                icon.paint(painter, QRect(rect.right() - 20, rect.top() + line // 2, 20, 20))
            marker_width = 28
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        top = QRect(rect.left(), rect.top(), rect.width() - marker_width, line)
        title = f"{station.call_sign}  {station.frequency}".strip()
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(option.font)
        if not station.streams:
            painter.setPen(palette.color(QPalette.ColorGroup.Disabled, role))
        second = str(index.data(DetailRole) or "")
        bottom = QRect(rect.left(), rect.top() + line + 2, rect.width() - marker_width, line)
        elided = option.fontMetrics.elidedText(second, Qt.TextElideMode.ElideRight, bottom.width())
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()


class StationListView(QListView):
    """Signals: station_activated(Station) on Enter or double-click."""

    station_activated = Signal(object)

    def __init__(self, model: StationListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        offer_press_action(self, self._activate, "Play this station")
        show_focus(self)
        self.setModel(model)
        self.setItemDelegate(StationDelegate(self))
        self.setAccessibleName("Stations")
        self.setUniformItemSizes(True)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(self._activate)
        self._model = model

    def _activate(self, index: QModelIndex) -> None:
        station = self._model.station_at(index.row())
        if station is not None:
            self.station_activated.emit(station)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter tunes in, whatever the platform's rule for `activated` is.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)

    def select_station(self, station_id: str | None) -> None:
        row = self._model.row_of(station_id)
        if row >= 0:
            self.setCurrentIndex(self._model.index(row))

    def selected_station(self) -> Station | None:
        return self._model.station_at(self.currentIndex().row())
