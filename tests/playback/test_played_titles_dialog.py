"""The Played titles window through what a person sees and a screen reader gets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QAccessible, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from station_app.playback.played_titles import PlayedTitles
from station_app.playback.ui.played_titles import EMPTY, PlayedTitlesDialog, search_url
from station_app.ui.accessibility.item_views import ItemAccessible
from tests.playback.test_played_titles import WLPR, WTWO
from tests.playback.test_player_bar import Heard
from tests.playback.test_player_pane import name_of

# The window comes to the front when opened; the offscreen platform only notes that.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@dataclass
class Opened:
    urls: list[str] = field(default_factory=list)

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True


@dataclass
class Rig:
    dialog: PlayedTitlesDialog
    titles: PlayedTitles
    opened: Opened
    heard: Heard


@pytest.fixture
def rig(qtbot: QtBot, tmp_path: Path) -> Rig:
    titles = PlayedTitles(tmp_path / "played-titles.json")
    opened = Opened()
    heard = Heard()
    dialog = PlayedTitlesDialog(titles, opened, announce=heard)
    qtbot.addWidget(dialog)
    dialog.show_and_focus()
    qtbot.waitExposed(dialog)
    return Rig(dialog, titles, opened, heard)


def item_names(dialog: PlayedTitlesDialog) -> list[str]:
    interface = QAccessible.queryAccessibleInterface(dialog.list)
    assert interface is not None
    children = [interface.child(n) for n in range(interface.childCount())]
    return [child.text(QAccessible.Text.Name) for child in children if child is not None]


def test_empty_it_says_what_will_be_listed(rig: Rig) -> None:
    dialog = rig.dialog
    assert dialog.stack.currentWidget() is dialog.empty_label
    assert name_of(dialog.empty_label) == EMPTY
    assert not dialog.copy_button.isEnabled()
    assert not dialog.search_button.isEnabled()
    assert not dialog.clear_button.isEnabled()
    assert dialog.ask_clear() is None


def test_a_title_that_comes_while_it_is_open_appears_on_top(rig: Rig, qtbot: QtBot) -> None:
    dialog = rig.dialog
    rig.titles.record("Miles Davis - So What", WLPR)
    assert dialog.stack.currentWidget() is dialog.list
    qtbot.waitUntil(dialog.list.hasFocus)  # the focus went with what is shown
    assert dialog.list.currentIndex().row() == 0
    assert dialog.copy_button.isEnabled() and dialog.clear_button.isEnabled()
    rig.titles.record("Nina Simone - Feeling Good", WTWO)
    names = item_names(dialog)
    assert [name.rsplit(", ", 1)[0] for name in names] == [
        "Nina Simone - Feeling Good, WTWO 91.1 FM",
        "Miles Davis - So What, WLPR 89.9 FM",
    ]
    # The person's place stays with the title they were on.
    assert dialog.current_title() == "Miles Davis - So What"


def test_ctrl_c_and_the_button_copy_the_title(rig: Rig, qtbot: QtBot) -> None:
    rig.titles.record("Miles Davis - So What", WLPR)
    rig.titles.record("Nina Simone - Feeling Good", WLPR)
    dialog = rig.dialog
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    dialog.list.setCurrentIndex(dialog.model.index(1))
    qtbot.keyClick(dialog.list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "Miles Davis - So What"
    assert rig.heard.said == ["Copied: Miles Davis - So What"]
    assert dialog.status_label.text() == "Copied: Miles Davis - So What"
    dialog.list.setCurrentIndex(dialog.model.index(0))
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "Nina Simone - Feeling Good"


def test_enter_and_press_search_the_web_for_the_title(rig: Rig, qtbot: QtBot) -> None:
    rig.titles.record("AC/DC - T.N.T. & more +1", WLPR)
    rig.titles.record("Nina Simone - Feeling Good", WLPR)
    dialog = rig.dialog
    dialog.list.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert len(rig.opened.urls) == 1
    assert rig.opened.urls[0] == "https://duckduckgo.com/?q=Nina+Simone+-+Feeling+Good"
    # A screen reader's Press on the second item does what Enter does, for that item.
    interface = QAccessible.queryAccessibleInterface(dialog.list)
    assert interface is not None
    second = interface.child(1)
    assert isinstance(second, ItemAccessible)
    actions = second.actionInterface()
    assert actions.localizedActionDescription("Press") == "Search the web for this title"
    actions.doAction("Press")
    qtbot.waitUntil(lambda: len(rig.opened.urls) == 2)
    query = parse_qs(urlsplit(rig.opened.urls[1]).query)
    assert query == {"q": ["AC/DC - T.N.T. & more +1"]}, "the title is the whole query"
    assert dialog.current_title() == "AC/DC - T.N.T. & more +1"
    assert rig.heard.said[-1] == "Searching the web for: AC/DC - T.N.T. & more +1"
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    assert len(rig.opened.urls) == 3


def test_search_url_is_a_plain_duckduckgo_query() -> None:
    url = search_url("Déjà vu")
    assert url.host() == "duckduckgo.com" and url.scheme() == "https"
    assert parse_qs(urlsplit(url.toString()).query) == {"q": ["Déjà vu"]}


def answer(qtbot: QtBot, button_text: str) -> list[str]:
    """Presses `button_text` in the question box once it shows; returns what it said."""
    said: list[str] = []

    def press() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)), None)
        if box is None or not box.isVisible():
            QTimer.singleShot(10, press)
            return
        said.extend([box.text(), box.informativeText()])
        said.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, press)
    return said


def test_clear_asks_first_and_cancel_keeps_the_list(rig: Rig, qtbot: QtBot) -> None:
    rig.titles.record("So What", WLPR)
    rig.titles.record("Take Five", WLPR)
    dialog = rig.dialog
    said = answer(qtbot, "Cancel")
    box = dialog.ask_clear()
    assert box is not None and box.defaultButton().text() == "Cancel"
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or box.isHidden())
    assert said[:2] == ["Clear the list of played titles?", "All 2 titles will be gone for good."]
    assert sorted(said[2:]) == ["&Clear", "Cancel"]
    assert dialog.model.rowCount() == 2

    said = answer(qtbot, "&Clear")
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert rig.titles.titles == ()
    assert dialog.stack.currentWidget() is dialog.empty_label
    assert rig.heard.said[-1] == "The list of played titles is cleared."


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_the_menu_key_offers_copy_and_search_for_the_current_title(rig: Rig) -> None:
    rig.titles.record("So What", WLPR)
    rig.titles.record("Take Five", WLPR)
    dialog = rig.dialog
    dialog.list.setCurrentIndex(dialog.model.index(1))
    # The Menu key asks for the menu at no position: the current title's.
    dialog.list.customContextMenuRequested.emit(QPoint(-1, -1))
    menu = next(w for w in dialog.findChildren(QMenu) if w.isVisible())
    assert menu.accessibleName() == "Played title"
    actions = {action.text(): action for action in menu.actions()}
    assert actions["&Copy title"].shortcut().matches(QKeySequence.StandardKey.Copy)
    actions["&Search the web"].trigger()
    menu.close()
    assert rig.opened.urls == ["https://duckduckgo.com/?q=So+What"]


def test_copying_a_long_title_never_widens_the_window(rig: Rig, qtbot: QtBot) -> None:
    long_title = " ".join(["Dave Brubeck Quartet - Take Five (Live at Carnegie Hall, 1963)"] * 3)
    rig.titles.record(long_title, WLPR)
    dialog = rig.dialog
    dialog.resize(480, 360)
    dialog.layout().activate()
    width = dialog.width()
    dialog.list.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    dialog.layout().activate()
    assert dialog.status_label.text() == f"Copied: {long_title}"
    assert dialog.minimumSizeHint().width() <= width
    assert dialog.width() == width
    assert dialog.status_label.toolTip() == f"Copied: {long_title}"  # the whole of it
