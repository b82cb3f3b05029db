"""Selecting a view's items for a screen reader, as the keyboard and Qt's own items do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtGui import QAccessibleInterface, QAccessibleSelectionInterface
from PySide6.QtWidgets import QAbstractItemView

if TYPE_CHECKING:
    from station_app.ui.accessibility.item_views import ItemViewAccessible

Selecting = QItemSelectionModel.SelectionFlag
_MANY = (
    QAbstractItemView.SelectionMode.MultiSelection,
    QAbstractItemView.SelectionMode.ExtendedSelection,
)


def select(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Selects the item (its row, where the view selects rows); in a one-item list, alone."""
    selection = view.selectionModel()
    mode = view.selectionMode()
    if selection is None or mode == QAbstractItemView.SelectionMode.NoSelection:
        return False
    command = Selecting.Select if mode in _MANY else Selecting.ClearAndSelect
    selection.select(index, command | _rows(view))
    return True


def unselect(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Unselects the item where a person could; one item stays chosen in a one-item list."""
    selection = view.selectionModel()
    if selection is None or view.selectionMode() not in _MANY:
        return False
    selection.select(index, Selecting.Deselect | _rows(view))
    return True


def toggle(view: QAbstractItemView, index: QModelIndex) -> None:
    selection = view.selectionModel()
    if selection is not None and selection.isSelected(index):
        unselect(view, index)
    else:
        select(view, index)


def _rows(view: QAbstractItemView) -> Selecting:
    rows = view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    return Selecting.Rows if rows else Selecting.NoUpdate


class ItemSelection(QAccessibleSelectionInterface):
    """The view's Selection interface: which items are selected, and selecting them."""

    def __init__(self, table: ItemViewAccessible) -> None:
        super().__init__()
        self._table = table

    def _selected(self) -> list[QModelIndex]:
        view = self._table.view()
        selection = view.selectionModel() if view is not None else None
        if selection is None:
            return []
        return sorted(selection.selectedIndexes(), key=lambda i: (i.row(), i.column()))

    def selectedItemCount(self) -> int:
        return len(self._selected())

    def selectedItems(self) -> list[QAccessibleInterface]:
        found = (self._table.child(self._table.number_of(i)) for i in self._selected())
        return [item for item in found if item is not None]

    def selectedItem(self, number: int) -> QAccessibleInterface | None:  # type: ignore[override]
        chosen = self._selected()
        if not 0 <= number < len(chosen):
            return None
        return self._table.child(self._table.number_of(chosen[number]))

    def isSelected(self, item: QAccessibleInterface) -> bool:
        return bool(item.state().selected) if item.parent() is self._table else False

    def select(self, item: QAccessibleInterface) -> bool:
        view, index = self._table.view(), self._table.index_of(item)
        return view is not None and index.isValid() and select(view, index)

    def unselect(self, item: QAccessibleInterface) -> bool:
        view, index = self._table.view(), self._table.index_of(item)
        return view is not None and index.isValid() and unselect(view, index)

    def selectAll(self) -> bool:
        view = self._table.view()
        if view is None or view.selectionMode() not in _MANY:
            return False
        view.selectAll()
        return True

    def clear(self) -> bool:
        view = self._table.view()
        if view is None or view.selectionMode() not in _MANY:
            return False
        view.clearSelection()
        return True
