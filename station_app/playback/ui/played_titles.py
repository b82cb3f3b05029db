"""The Played titles window: what the stations played, newest first; copy, search, clear.

Keyboard: arrows move through the list, Enter searches the web for the
title, Ctrl+C copies it, the Menu key offers both; Tab reaches the buttons.
Each item offers a screen reader Press (what Enter does).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QUrl, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from station_app.playback.played_titles import PlayedTitles
from station_app.playback.played_titles_model import PlayedTitlesModel, TitleRole
from station_app.playback.ui.player_bar import Announcer, OneLineLabel, announce_politely
from station_app.ui.accessibility.focus_look import item_palette, show_focus
from station_app.ui.accessibility.item_views import offer_press_action
from station_app.ui.accessibility.tab_order import follow_layout
from station_app.ui.screen_fit import resize_within_screen

SHORTCUT = "Ctrl+H"
# A search engine that needs no account and keeps no history; the title is all it gets.
SEARCH_URL = "https://duckduckgo.com/"
EMPTY = (
    "No titles yet. When a station sends the name of what it is playing, "
    "it is listed here with the time and the station."
)
MARGIN = 6

_Index = QModelIndex | QPersistentModelIndex
UrlOpener = Callable[[QUrl], object]


def search_url(title: str) -> QUrl:
    """The web search for `title`."""
    return QUrl(f"{SEARCH_URL}?{urlencode({'q': title})}")


class _TitleList(QListView):
    """Enter searches, Ctrl+C copies (Return is the dialog's default button otherwise)."""

    def __init__(self, search: Callable[[], None], copy: Callable[[], None]) -> None:
        super().__init__()
        self._search = search
        self._copy = copy

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._search()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self._copy()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class TitleDelegate(QStyledItemDelegate):
    """The title on one line, the time and the station under it, quieter."""

    def _meta_font(self, base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 0.9)
        return font

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = (
            QFontMetrics(option.font).lineSpacing()
            + QFontMetrics(self._meta_font(option.font)).lineSpacing()
        )
        return QSize(200, height + 2 * MARGIN + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else None
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        painter.save()
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, view_option, painter, widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = item_palette(option)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = option.rect.adjusted(MARGIN + 2, MARGIN, -MARGIN - 2, -MARGIN)
        metrics = QFontMetrics(option.font)
        painter.setFont(option.font)
        painter.setPen(palette.color(role))
        title = metrics.elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect.left(), rect.top() + metrics.ascent(), title)
        meta_font = self._meta_font(option.font)
        meta_metrics = QFontMetrics(meta_font)
        meta = " · ".join(
            str(part)
            for part in (index.data(TitleRole.TIME_TEXT), index.data(TitleRole.STATION))
            if part
        )
        color = palette.color(role)
        color.setAlphaF(0.7)
        painter.setFont(meta_font)
        painter.setPen(color)
        meta = meta_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect.left(), rect.top() + metrics.lineSpacing() + meta_metrics.ascent(), meta
        )
        if style is not None and option.state & QStyle.StateFlag.State_HasFocus:
            focus = QStyleOptionFocusRect()
            focus.initFrom(widget)
            focus.rect = option.rect.adjusted(1, 1, -1, -1)
            focus.backgroundColor = palette.color(
                QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
            )
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
        painter.restore()


class PlayedTitlesDialog(QDialog):
    """The played titles, live: a title that comes while it is open appears at the top."""

    def __init__(
        self,
        titles: PlayedTitles,
        open_url: UrlOpener = QDesktopServices.openUrl,
        parent: QWidget | None = None,
        announce: Announcer = announce_politely,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("playedTitles")
        self.setWindowTitle("Played titles")
        self._titles = titles
        self._open_url = open_url
        self._announce = announce
        self.model = PlayedTitlesModel(titles, parent=self)

        self.list = _TitleList(self.search_current, self.copy_current)
        offer_press_action(self.list, self._search, "Search the web for this title")
        show_focus(self.list)
        self.list.setObjectName("titles")
        self.list.setAccessibleName("Played titles")
        self.list.setModel(self.model)
        self.list.setItemDelegate(TitleDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(self._search)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_context_menu)
        self.empty_label = QLabel(EMPTY)
        self.empty_label.setObjectName("noTitles")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setAccessibleName(EMPTY)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.empty_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty_label)

        self.copy_button = QPushButton("&Copy title")
        self.copy_button.setToolTip("Copy the title (Ctrl+C)")
        self.copy_button.clicked.connect(self.copy_current)
        self.search_button = QPushButton("&Search the web")
        self.search_button.setToolTip("Search the web for the title (Enter), with DuckDuckGo")
        self.search_button.clicked.connect(self.search_current)
        self.clear_button = QPushButton("C&lear list…")
        self.clear_button.clicked.connect(self.ask_clear)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in (self.copy_button, self.search_button, self.clear_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        # One line, cut short when long (whole in its tooltip and spoken name): a long
        # title copied never widens the window.
        self.status_label = OneLineLabel("playedTitlesStatus")
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        follow_layout(self)

        self.model.rowsInserted.connect(self._refresh)
        self.model.modelReset.connect(self._refresh)
        self.model.rowsInserted.connect(self._keep_top_in_view)
        self.list.selectionModel().currentChanged.connect(self._update_buttons)
        resize_within_screen(self, 520, 480)
        self._refresh()
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def show_and_focus(self) -> None:
        """Opens (or brings up) the window with the list focused."""
        self.show()
        self.raise_()
        self.activateWindow()
        (self.list if self.model.rowCount() else self.empty_label).setFocus()

    # -- what the buttons and keys do ----------------------------------------------------
    def current_title(self) -> str:
        return str(self.list.currentIndex().data() or "")

    @Slot()
    def copy_current(self) -> None:
        title = self.current_title()
        if not title:
            return
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(title)
        self._tell(f"Copied: {title}")

    @Slot()
    def search_current(self) -> None:
        self._search(self.list.currentIndex())

    @Slot(QModelIndex)
    def _search(self, index: QModelIndex) -> None:
        title = str(index.data() or "")
        if title:
            self._open_url(search_url(title))
            self._tell(f"Searching the web for: {title}")

    @Slot()
    def ask_clear(self) -> QMessageBox | None:
        count = self.model.rowCount()
        if not count:
            return None
        box = QMessageBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Clear played titles?")
        box.setText("Clear the list of played titles?")
        listed = "The title" if count == 1 else f"All {count} titles"
        box.setInformativeText(f"{listed} will be gone for good.")
        clear = box.addButton("&Clear", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            if box.clickedButton() is clear:
                self._titles.clear()
                self._tell("The list of played titles is cleared.")

        box.finished.connect(answered)
        box.open()
        return box

    # -- keeping the window up to date ---------------------------------------------------------
    def _tell(self, sentence: str) -> None:
        self.status_label.setText(sentence)
        self.status_label.setAccessibleName(sentence)
        self._announce(self.status_label, sentence)

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        if not index.isValid():  # the Menu key: the current title
            index = self.list.currentIndex()
            position = self.list.visualRect(index).center()
        if not index.isValid():
            return
        self.list.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setAccessibleName("Played title")
        copy = menu.addAction("&Copy title")
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy_current)
        menu.addAction("&Search the web").triggered.connect(self.search_current)
        menu.popup(self.list.viewport().mapToGlobal(position))

    @Slot()
    def _refresh(self) -> None:
        has_rows = self.model.rowCount() > 0
        shown = self.list if has_rows else self.empty_label
        had_focus = self.list.hasFocus() or self.empty_label.hasFocus()
        self.stack.setCurrentWidget(shown)
        if had_focus:
            shown.setFocus()
        self.clear_button.setEnabled(has_rows)
        if has_rows and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0))
        self._update_buttons()

    @Slot()
    def _keep_top_in_view(self) -> None:
        # A title arriving while the person reads further down must not move the list.
        if self.list.currentIndex().row() <= 1:
            self.list.scrollToTop()

    @Slot()
    def _update_buttons(self) -> None:
        has_current = bool(self.current_title())
        self.copy_button.setEnabled(has_current)
        self.search_button.setEnabled(has_current)
