"""The accessible interfaces of lists and trees whose items a screen reader can press."""

from __future__ import annotations

import gc
import weakref

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, QStringListModel
from PySide6.QtGui import QAccessible, QAccessibleInterface, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QListView, QTreeView
from pytestqt.qtbot import QtBot

from station_app.ui.accessibility.item_views import (
    HeaderAccessible,
    ItemAccessible,
    ItemViewAccessible,
    offer_choice_action,
    offer_press_action,
)

PRESS = "Press"
TOGGLE = "Toggle"


class Pressed:
    """Records the rows pressed."""

    def __init__(self) -> None:
        self.rows: list[int] = []

    def __call__(self, index: QModelIndex) -> None:
        self.rows.append(index.row())


def interface_of(view: QAbstractItemView) -> ItemViewAccessible:
    interface = QAccessible.queryAccessibleInterface(view)
    assert isinstance(interface, ItemViewAccessible)
    return interface


def item(interface: QAccessibleInterface, number: int) -> ItemAccessible:
    child = interface.child(number)
    assert isinstance(child, ItemAccessible)
    return child


@pytest.fixture
def pressed() -> Pressed:
    return Pressed()


@pytest.fixture
def list_view(qtbot: QtBot, pressed: Pressed) -> QListView:
    view = QListView()
    offer_press_action(view, pressed, "Open the article")
    view.setAccessibleName("Headlines")
    view.setModel(QStringListModel(["Bridge reopens", "Library hours", "Ferry"], view))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_list_items_offer_press_and_toggle_and_read_the_model(list_view: QListView) -> None:
    interface = interface_of(list_view)
    assert interface.role() == QAccessible.Role.List
    assert interface.text(QAccessible.Text.Name) == "Headlines"
    assert interface.childCount() == 3
    second = item(interface, 1)
    assert second.role() == QAccessible.Role.ListItem
    assert second.text(QAccessible.Text.Name) == "Library hours"
    assert second.parent() is interface
    assert interface.indexOfChild(second) == 1
    assert interface.child(1) is second  # the same object every time Qt asks
    actions = second.actionInterface()
    assert actions.actionNames() == [PRESS, TOGGLE]
    assert actions.localizedActionDescription(PRESS) == "Open the article"
    assert interface.child(3) is None and interface.child(-1) is None


def test_press_makes_the_item_current_then_does_what_enter_does(
    qtbot: QtBot, list_view: QListView, pressed: Pressed
) -> None:
    item(interface_of(list_view), 2).actionInterface().doAction(PRESS)
    assert list_view.currentIndex().row() == 2
    assert list_view.selectionModel().isRowSelected(2)
    # Later, not inside the screen reader's call: pressing may rebuild the list.
    assert pressed.rows == []
    qtbot.waitUntil(lambda: pressed.rows == [2])


def test_a_press_whose_row_went_away_does_nothing(
    qtbot: QtBot, list_view: QListView, pressed: Pressed
) -> None:
    model = list_view.model()
    assert isinstance(model, QStringListModel)
    item(interface_of(list_view), 2).actionInterface().doAction(PRESS)
    model.removeRows(2, 1)
    # Presses are carried out in the order they came: once a later one is done, the
    # one whose row went away has had its turn.
    item(interface_of(list_view), 0).actionInterface().doAction(PRESS)
    qtbot.waitUntil(lambda: pressed.rows != [])
    assert pressed.rows == [0]


def test_toggle_selects_as_qt_items_do(list_view: QListView) -> None:
    interface = interface_of(list_view)
    first, third = item(interface, 0), item(interface, 2)
    third.actionInterface().doAction(TOGGLE)
    assert third.state().selected and not first.state().selected
    third.actionInterface().doAction(TOGGLE)  # one item stays chosen in a single-choice list
    assert third.state().selected


def test_item_states_follow_focus_selection_and_visibility(
    qtbot: QtBot, list_view: QListView
) -> None:
    interface = interface_of(list_view)
    first = item(interface, 0)
    list_view.setCurrentIndex(list_view.model().index(0, 0))
    list_view.setFocus()
    qtbot.waitUntil(list_view.hasFocus)
    state = first.state()
    assert state.focused and state.selected and state.selectable and state.focusable
    assert not state.invisible
    assert interface.focusChild() is first
    assert (
        list_view.viewport()
        .rect()
        .contains(list_view.viewport().mapFromGlobal(first.rect().center()))
    )
    list_view.hide()
    assert first.state().invisible
    assert not first.state().focused


def test_new_rows_are_new_items_and_the_old_ones_leave_qts_cache(list_view: QListView) -> None:
    interface = interface_of(list_view)
    old = item(interface, 0)
    model = list_view.model()
    assert isinstance(model, QStringListModel)
    model.setStringList(["Only one"])
    assert not shiboken6.isValid(old)  # deleted by Qt's cache, so a reader sees it go
    assert interface.childCount() == 1
    assert item(interface, 0).text(QAccessible.Text.Name) == "Only one"


def test_a_destroyed_view_takes_its_items_along(qtbot: QtBot, pressed: Pressed) -> None:
    view = QListView()
    offer_press_action(view, pressed, "Open")
    view.setModel(QStringListModel(["a", "b"], view))
    interface = interface_of(view)
    items = [item(interface, 0), item(interface, 1)]
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(items[0]))
    assert not any(shiboken6.isValid(child) for child in items)
    del view
    gc.collect()


@pytest.fixture
def tree(qtbot: QtBot, pressed: Pressed) -> QTreeView:
    view = QTreeView()
    offer_press_action(view, pressed, "Listen to this station")
    model = QStandardItemModel(0, 2, view)
    model.setHorizontalHeaderLabels(["Station", "Place"])
    for name, place in (("WNEW", "Newtown"), ("WOLD", "Oldham")):
        model.appendRow([QStandardItem(name), QStandardItem(place)])
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_tree_numbers_its_items_as_qt_does_header_first(tree: QTreeView) -> None:
    interface = interface_of(tree)
    assert interface.role() == QAccessible.Role.Tree
    assert interface.childCount() == 6  # a header row and two rows of two cells
    header = interface.child(1)
    assert isinstance(header, HeaderAccessible)
    assert header.role() == QAccessible.Role.ColumnHeader
    assert header.text(QAccessible.Text.Name) == "Place"
    assert header.actionInterface() is None
    place = item(interface, 5)  # row 1, column 1: (1 + 1) * 2 + 1
    assert place.role() == QAccessible.Role.TreeItem
    assert place.text(QAccessible.Text.Name) == "Oldham"
    assert interface.indexOfChild(place) == 5
    assert interface.number_of(tree.model().index(1, 1)) == 5


def test_pressing_a_cell_chooses_its_row(qtbot: QtBot, tree: QTreeView, pressed: Pressed) -> None:
    item(interface_of(tree), 5).actionInterface().doAction(PRESS)
    assert tree.selectionModel().isRowSelected(1)
    qtbot.waitUntil(lambda: pressed.rows == [1])


def test_a_view_registered_after_qt_made_its_interface_gets_its_own(
    qtbot: QtBot, pressed: Pressed
) -> None:
    view = QListView()
    qtbot.addWidget(view)
    QAccessible.setActive(True)
    try:
        view.setAccessibleName("Made early")  # with a reader listening, Qt builds one now
        assert not isinstance(QAccessible.queryAccessibleInterface(view), ItemViewAccessible)
        offer_press_action(view, pressed, "Open")
        assert isinstance(QAccessible.queryAccessibleInterface(view), ItemViewAccessible)
    finally:
        QAccessible.setActive(False)


def test_qt_asks_for_items_many_times_and_gets_the_same_ones(list_view: QListView) -> None:
    interface = interface_of(list_view)
    ids = set()
    for _ in range(200):
        for number in range(interface.childCount()):
            child = item(interface, number)
            child.text(QAccessible.Text.Name)
            child.state()
            child.rect()
            assert child.actionInterface().actionNames()
            ids.add(QAccessible.uniqueId(child))
    assert len(ids) == 3


def test_a_closed_combo_box_list_is_hidden_and_press_chooses(qtbot: QtBot) -> None:
    combo = QComboBox()
    offer_choice_action(combo, "Show the news from this feed")
    combo.addItems(["All feeds", "Local", "Sports"])
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    combo.setFocus()
    listing = interface_of(combo.view())
    combo_interface = QAccessible.queryAccessibleInterface(combo)
    assert listing.parent() is not None
    assert listing.parent().object() is combo
    assert combo_interface.child(0) is listing
    sports = item(listing, 2)
    assert sports.state().invisible and not item(listing, 0).state().focused
    sports.actionInterface().doAction(PRESS)
    qtbot.waitUntil(lambda: combo.currentText() == "Sports")


def test_the_view_says_which_items_are_selected_and_selects_them(list_view: QListView) -> None:
    interface = interface_of(list_view)
    selection = interface.selectionInterface()
    assert selection is not None
    assert selection.selectedItemCount() == 0
    third = item(interface, 2)
    assert selection.select(third)
    assert selection.selectedItemCount() == 1
    assert selection.selectedItem(0) is third
    assert selection.selectedItems() == [third]
    assert selection.isSelected(third) and not selection.isSelected(item(interface, 0))
    assert not selection.unselect(third)  # one item stays chosen in a single-choice list
    assert selection.select(item(interface, 0))
    assert [i.text(QAccessible.Text.Name) for i in selection.selectedItems()] == ["Bridge reopens"]
    assert not selection.clear() and not selection.selectAll()
    list_view.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    assert selection.selectAll() and selection.selectedItemCount() == 3
    assert selection.unselect(third) and selection.selectedItemCount() == 2
    assert selection.clear() and selection.selectedItemCount() == 0


def test_a_tree_selects_whole_rows(tree: QTreeView) -> None:
    interface = interface_of(tree)
    selection = interface.selectionInterface()
    assert selection.select(item(interface, 5))
    names = [i.text(QAccessible.Text.Name) for i in selection.selectedItems()]
    assert names == ["WOLD", "Oldham"]


def test_nothing_keeps_a_destroyed_views_owner_alive(qtbot: QtBot) -> None:
    class Owner:
        """A dialog: it holds its list, and its Enter is the list's Press."""

        def __init__(self) -> None:
            self.view = QListView()

        def press(self, _index: QModelIndex) -> None:
            """What a dialog does on Enter."""

    owner = Owner()
    view = owner.view
    offer_press_action(view, owner.press, "Open")
    view.setModel(QStringListModel(["a"], view))
    item(interface_of(view), 0)
    gone = weakref.ref(owner)
    destroyed = []
    view.destroyed.connect(lambda: destroyed.append(True))
    view.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed))
    del owner, view
    gc.collect()
    assert gone() is None  # a dialog opened again and again would pile up otherwise
