"""The headlines page: feed filter, refresh, freshness line, the list and its empty states."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from station_app.news.feeds import Article
from station_app.news.list_model import NewsListModel, NewsRole
from station_app.news.ui.delegate import HeadlineDelegate
from station_app.news.ui.empty_state import EmptyState
from station_app.stations.model import Feed
from station_app.ui.accessibility.focus_look import show_focus
from station_app.ui.accessibility.item_views import offer_choice_action, offer_press_action

ALL_FEEDS = ""


class HeadlineList(QWidget):
    """Widgets only; the panel fills them in.

    Signals: article_activated(Article) on Enter or double-click; refresh_requested();
    feed_chosen(str) with a feed URL, or "" for all feeds.
    """

    article_activated = Signal(object)
    refresh_requested = Signal()
    feed_chosen = Signal(str)

    def __init__(self, model: NewsListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("News")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        heading.setFont(font)
        self.filter = QComboBox()
        offer_choice_action(self.filter, "Show the news from this feed")
        self.filter_label = QLabel("Sho&w:")
        self.filter_label.setBuddy(self.filter)
        self.filter_label.hide()
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter.currentIndexChanged.connect(
            lambda _i: self.feed_chosen.emit(self.filter.currentData() or ALL_FEEDS)
        )
        self.filter.hide()
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Refresh the headlines (F5)")
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.status = QLabel()
        self.status.setObjectName("newsStatus")
        self.status.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("newsStatusDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = self.detail.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.detail.setFont(small)
        self.detail.hide()
        self.retry_button = QPushButton("Retry")
        self.retry_button.setAccessibleName("Retry loading the news")
        self.retry_button.clicked.connect(self.refresh_requested)
        self.retry_button.hide()
        self.notice = QFrame()
        self.notice.setObjectName("newsNotice")
        self.note = QLabel()
        self.note.setObjectName("newsNote")
        self.note.setWordWrap(True)
        self.keep_button = QToolButton()
        self.keep_button.setObjectName("keepFoundFeeds")
        self.keep_button.setText("Keep")
        self.keep_button.setAccessibleName("Keep these news feeds in my stations")
        self.keep_button.setToolTip("Write these feeds into your stations.toml")
        self.note_row = QWidget()
        note_layout = QHBoxLayout(self.note_row)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.note, 1)
        note_layout.addWidget(self.keep_button)
        self.note_row.hide()
        self.view = QListView()
        offer_press_action(self.view, self._activated, "Open the article")
        show_focus(self.view)
        self.view.setObjectName("headlines")
        self.view.setAccessibleName("Headlines")
        self.view.setModel(model)
        delegate = HeadlineDelegate(self.view)
        self.view.setItemDelegate(delegate)
        model.modelReset.connect(lambda: delegate.keep_only({a.key for a in model.articles}))
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._activated)
        self.empty = EmptyState()
        self.empty.retry_button.clicked.connect(self.refresh_requested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.refresh_button)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.status)
        texts.addWidget(self.detail)
        status_row = QHBoxLayout(self.notice)
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addLayout(texts, 1)
        status_row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.note_row)
        layout.addWidget(self.stack, 1)

    def set_feeds(self, feeds: tuple[Feed, ...]) -> None:
        """Offers a filter only when there is more than one feed to choose from."""
        chosen = self.filter.currentData() or ALL_FEEDS
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("All feeds", ALL_FEEDS)
        for feed in feeds:
            self.filter.addItem(feed.title, feed.url)
        index = self.filter.findData(chosen)
        self.filter.setCurrentIndex(max(0, index))
        self.filter.blockSignals(False)
        self.filter.setVisible(len(feeds) > 1)
        self.filter_label.setVisible(len(feeds) > 1)
        if index < 0 and chosen:
            self.feed_chosen.emit(ALL_FEEDS)

    def show_notice(self, line: str, detail: str, alert: bool) -> None:
        """The freshness line; an offline or error notice is framed so it stands out."""
        self.status.setText(line)
        self.status.setVisible(bool(line))
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.notice.setVisible(bool(line or detail))
        self.notice.setFrameShape(QFrame.Shape.StyledPanel if alert else QFrame.Shape.NoFrame)
        self.notice.setAutoFillBackground(alert)
        self.notice.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        margin = 8 if alert else 0
        layout = self.notice.layout()
        if layout is not None:
            layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        font = self.status.font()
        font.setBold(alert)
        self.status.setFont(font)

    def show_note(self, note: str, can_keep: bool) -> None:
        """Where the feeds came from ("Feeds found on …"), with Keep when they can be kept."""
        self.note.setText(note)
        self.note.setAccessibleName(note)
        self.keep_button.setVisible(can_keep)
        self.note_row.setVisible(bool(note))

    def show_empty(self, title: str, text: str, can_retry: bool) -> None:
        self.empty.show_text(title, text, can_retry)
        self.stack.setCurrentWidget(self.empty)

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.view)

    def _activated(self, index: QModelIndex) -> None:
        article = index.data(NewsRole.ARTICLE)
        if isinstance(article, Article):
            self.article_activated.emit(article)
