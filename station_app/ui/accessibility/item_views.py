"""List items a screen reader can press: the action does what Enter does.

Qt gives each item of a list or tree view only AT-SPI's "Toggle" (select it),
and its item interfaces cannot be extended from Python. So a view registered
here gets an interface of the app's own for itself and its items, numbered as
Qt numbers them (the views' own focus and selection events name items by that
number): a tree's header row first, then each row's cells. Each item offers
"Press", which makes it current and does what Enter does, and "Toggle".
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleEvent,
    QAccessibleInterface,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAccessibleWidget,
    QComboBox,
    QHeaderView,
    QListView,
    QTreeView,
    QWidget,
)

from station_app.ui.accessibility.children import (
    ChildInterfaces,
    LeafAccessible,
    interface_pointer,
    widget_interface,
)
from station_app.ui.accessibility.factory import OwnAccessible, provide
from station_app.ui.accessibility.item_selection import ItemSelection, toggle

Press = Callable[[QModelIndex], None]

_STRUCTURE_SIGNALS = (
    "modelReset",
    "layoutChanged",
    "rowsInserted",
    "rowsRemoved",
    "rowsMoved",
    "columnsInserted",
    "columnsRemoved",
    "columnsMoved",
)


def offer_press_action(view: QAbstractItemView, press: Press, description: str) -> None:
    """Each item of `view` offers "Press": it becomes current, then `press(index)` runs.

    `description` says what pressing does ("Open the article"). Call this right
    after making the view, before anything else touches it.
    """
    provide(view, lambda widget: ItemViewAccessible(_as_view(widget), press, description))


def offer_choice_action(combo: QComboBox, description: str) -> None:
    """The items of `combo`'s list offer "Press" too: it chooses the item, as Enter does.

    Qt reports the items of a closed combo box's list as showing (one of them as
    focused); these are reported as what they are: hidden until the list opens.
    """

    def choose(index: QModelIndex) -> None:
        combo.setCurrentIndex(index.row())
        combo.hidePopup()

    offer_press_action(combo.view(), choose, description)


def _as_view(widget: QWidget) -> QAbstractItemView:
    assert isinstance(widget, QAbstractItemView)
    return widget


class ItemViewAccessible(OwnAccessible, QAccessibleWidget):
    """A list or tree view whose items offer "Press"; children numbered as Qt does."""

    def __init__(self, view: QAbstractItemView, press: Press, description: str) -> None:
        is_tree = isinstance(view, QTreeView)
        QAccessibleWidget.__init__(
            self, view, QAccessible.Role.Tree if is_tree else QAccessible.Role.List
        )
        self.press: Press | None = press
        self.press_description = description
        self.item_role = QAccessible.Role.TreeItem if is_tree else QAccessible.Role.ListItem
        self._header_rows = 1 if is_tree else 0
        self._items: ChildInterfaces[QAccessibleInterface] = ChildInterfaces(view)
        self._model: QAbstractItemModel | None = None
        self._selection = ItemSelection(self)
        view.destroyed.connect(self._forget)
        view.installEventFilter(_FocusOnCurrentItem(self, view))

    # -- the view ------------------------------------------------------------------------
    def view(self) -> QAbstractItemView | None:
        if not shiboken6.isValid(self):  # Qt deleted this interface with its widget
            return None
        widget = self.object()
        return widget if isinstance(widget, QAbstractItemView) else None

    def model(self) -> QAbstractItemModel | None:
        view = self.view()
        model = view.model() if view is not None else None
        if model is not self._model:
            self._follow(model)
        return model

    def _follow(self, model: QAbstractItemModel | None) -> None:
        """New rows are new items: the old ones leave when the rows change."""
        if self._model is not None and shiboken6.isValid(self._model):
            for name in _STRUCTURE_SIGNALS:
                getattr(self._model, name).disconnect(self._items.clear)
        self._items.retire()  # a question is being answered: not now
        self._model = model
        if model is not None:
            for name in _STRUCTURE_SIGNALS:
                getattr(model, name).connect(self._items.clear)

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self.view()
        holder = view.parentWidget() if view is not None else None
        if holder is not None and holder.inherits("QComboBoxPrivateContainer"):
            combo = holder.parentWidget()  # the popup's list belongs to its combo box
            if combo is not None:
                return QAccessible.queryAccessibleInterface(combo)
        return QAccessibleWidget.parent(self)

    def _forget(self) -> None:
        self._follow(None)
        self.press = None  # what it refers to is gone with the view

    def columns(self) -> int:
        view, model = self.view(), self.model()
        if view is None or model is None:
            return 0
        if isinstance(view, QListView):
            return 1
        return model.columnCount(view.rootIndex())

    def rows(self) -> int:
        view, model = self.view(), self.model()
        if view is None or model is None:
            return 0
        return model.rowCount(view.rootIndex())

    def index_at(self, row: int, column: int) -> QModelIndex:
        view, model = self.view(), self.model()
        if view is None or model is None:
            return QModelIndex()
        if isinstance(view, QListView):
            column = view.modelColumn()
        return model.index(row, column, view.rootIndex())

    def number_of(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """Qt's number for the item at `index` (header cells come first in a tree)."""
        columns = self.columns()
        column = 0 if self.item_role == QAccessible.Role.ListItem else index.column()
        return (index.row() + self._header_rows) * columns + column

    def index_of(self, child: QAccessibleInterface) -> QModelIndex:
        """The model index an item of this view stands for (invalid for anything else)."""
        if isinstance(child, ItemAccessible) and child.table is self:
            return self.index_at(child.row, child.column)
        return QModelIndex()

    # -- QAccessibleInterface ------------------------------------------------------------
    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.SelectionInterface:
            return interface_pointer(self._selection)
        return widget_interface(self, kind)

    def childCount(self) -> int:
        return (self.rows() + self._header_rows) * self.columns()

    def child(self, number: int) -> QAccessibleInterface | None:  # type: ignore[override]
        columns = self.columns()
        if not 0 <= number < self.childCount():
            return None
        row, column = divmod(number, columns)
        if row < self._header_rows:
            return self._items.get(("header", column), lambda: HeaderAccessible(self, column))
        row -= self._header_rows
        return self._items.get((row, column), lambda: ItemAccessible(self, row, column))

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, ItemAccessible) and child.table is self:
            return (child.row + self._header_rows) * self.columns() + child.column
        if isinstance(child, HeaderAccessible) and child.table is self:
            return child.column
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self.view()
        if view is None:
            return None
        index = view.indexAt(view.viewport().mapFromGlobal(QPoint(x, y)))
        return self.child(self.number_of(index)) if index.isValid() else None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self.view()
        if view is None or not view.hasFocus() or not view.currentIndex().isValid():
            return None
        return self.child(self.number_of(view.currentIndex()))

    def announce_current(self) -> None:
        """Tells a screen reader the current item has the focus (the view just got it)."""
        view = self.view()
        if view is None or not view.hasFocus() or not view.currentIndex().isValid():
            return
        event = QAccessibleEvent(view, QAccessible.Event.Focus)
        event.setChild(self.number_of(view.currentIndex()))
        QAccessible.updateAccessibility(event)


class _FocusOnCurrentItem(QObject):
    """When the view gets the focus, so does its current item, after Qt names the view."""

    def __init__(self, table: ItemViewAccessible, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and QAccessible.isActive():
            # Qt reports the view itself once this event is handled: come after it.
            QTimer.singleShot(0, self, self._table.announce_current)
        return False


class ItemAccessible(LeafAccessible):
    """One item (a list row, or a tree row's cell), read live from the model."""

    def __init__(self, table: ItemViewAccessible, row: int, column: int) -> None:
        super().__init__(table)
        self.table = table
        self.row = row
        self.column = column
        self._actions = _ItemActions(table, row, column)

    def _index(self) -> QModelIndex:
        if not shiboken6.isValid(self.table):
            return QModelIndex()
        return self.table.index_at(self.row, self.column)

    def isValid(self) -> bool:
        return self._index().isValid()

    def role(self) -> QAccessible.Role:
        return self.table.item_role

    def text(self, kind: QAccessible.Text) -> str:
        index = self._index()
        if not index.isValid():
            return ""
        if kind == QAccessible.Text.Name:
            name = index.data(Qt.ItemDataRole.AccessibleTextRole)
            return str(name or index.data(Qt.ItemDataRole.DisplayRole) or "")
        if kind == QAccessible.Text.Description:
            return str(index.data(Qt.ItemDataRole.AccessibleDescriptionRole) or "")
        return ""

    def rect(self) -> QRect:
        view, index = self.table.view(), self._index()
        if view is None or not index.isValid():
            return QRect()
        area = view.visualRect(index)
        if area.isNull():
            return QRect()
        return QRect(view.viewport().mapToGlobal(area.topLeft()), area.size())

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        view, index = self.table.view(), self._index()
        if view is None or not index.isValid():
            state.invalid = True
            return state
        viewport = view.viewport()
        on_screen = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
        state.invisible = not view.isVisible() or not on_screen.intersects(self.rect())
        flags = index.flags()
        state.disabled = not (flags & Qt.ItemFlag.ItemIsEnabled) or not view.isEnabled()
        if flags & Qt.ItemFlag.ItemIsSelectable:
            state.selectable = True
            state.focusable = True
            mode = view.selectionMode()
            state.multiSelectable = mode == QAbstractItemView.SelectionMode.MultiSelection
            state.extSelectable = mode == QAbstractItemView.SelectionMode.ExtendedSelection
        selection = view.selectionModel()
        state.selected = selection is not None and selection.isSelected(index)
        state.focused = view.hasFocus() and view.currentIndex() == index
        return state

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.ActionInterface:
            return interface_pointer(self._actions)
        return interface_pointer(None)


class HeaderAccessible(LeafAccessible):
    """A column header of a tree view (Qt counts them as the first children)."""

    def __init__(self, table: ItemViewAccessible, column: int) -> None:
        super().__init__(table)
        self.table = table
        self.column = column

    def _header(self) -> QHeaderView | None:
        view = self.table.view() if shiboken6.isValid(self.table) else None
        return view.header() if isinstance(view, QTreeView) else None

    def isValid(self) -> bool:
        return self._header() is not None and self.column < self.table.columns()

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ColumnHeader

    def text(self, kind: QAccessible.Text) -> str:
        model = self.table.model()
        if kind != QAccessible.Text.Name or model is None:
            return ""
        horizontal = Qt.Orientation.Horizontal
        name = model.headerData(self.column, horizontal, Qt.ItemDataRole.AccessibleTextRole)
        return str(name or model.headerData(self.column, horizontal) or "")

    def rect(self) -> QRect:
        header = self._header()
        if header is None or not header.isVisible():
            return QRect()
        left = header.sectionViewportPosition(self.column)
        top_left = header.viewport().mapToGlobal(QPoint(left, 0))
        return QRect(top_left.x(), top_left.y(), header.sectionSize(self.column), header.height())

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        header = self._header()
        state.invisible = header is None or not header.isVisible()
        return state

    def interface_cast(self, _kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        return interface_pointer(None)


class _ItemActions(QAccessibleActionInterface):
    """Press (what Enter does) and Toggle (select or unselect, as Qt's items do)."""

    def __init__(self, table: ItemViewAccessible, row: int, column: int) -> None:
        super().__init__()
        self._table = table
        self._row = row
        self._column = column

    def actionNames(self) -> list[str]:
        return [self.pressAction(), self.toggleAction()]

    def localizedActionDescription(self, name: str) -> str:
        if name == self.pressAction():
            return self._table.press_description
        if name == self.toggleAction():
            return "Select or unselect"
        return ""

    def keyBindingsForAction(self, name: str) -> list[str]:
        return ["Return"] if name == self.pressAction() else []

    def doAction(self, name: str) -> None:
        table = self._table
        view = table.view() if shiboken6.isValid(table) else None
        index = table.index_at(self._row, self._column) if view is not None else QModelIndex()
        if view is None or not index.isValid():
            return
        if name == self.pressAction():
            view.setCurrentIndex(index)
            target = QPersistentModelIndex(index)
            # After the screen reader's call returns: pressing may rebuild the list.
            QTimer.singleShot(0, view, lambda: _press(table, target))
        elif name == self.toggleAction():
            toggle(view, index)


def _press(table: ItemViewAccessible, target: QPersistentModelIndex) -> None:
    if table.press is not None and target.isValid():
        table.press(target.sibling(target.row(), target.column()))
