"""Tab goes through a window's controls in the order its layouts show them.

Qt's default Tab order is the order widgets were made in, so a part added to a
window after the rest (a message bar above the list, the schedule in the player)
comes last. `follow_layout` chains the controls as the layouts place them: box
layouts in their direction, grids and forms row by row, a splitter's panes and a
tab widget's tabs before its pages.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QGridLayout,
    QLayout,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QWidget,
)


def follow_layout(window: QWidget) -> None:
    """Sets the Tab order of `window`'s controls to their order on screen."""
    for first, second in pairwise(layout_order(window)):
        QWidget.setTabOrder(first, second)


def layout_order(window: QWidget) -> list[QWidget]:
    """The controls of `window` that Tab can reach, in the order the layouts show them."""
    ordered: list[QWidget] = []
    seen: set[QWidget] = set()

    def visit(widget: QWidget) -> None:
        if widget in seen or (widget is not window and widget.isWindow()):
            return
        seen.add(widget)
        if widget is not window and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            ordered.append(widget)
            return  # its own parts (a combo box's field) are its business
        for child in _children_in_order(widget):
            visit(child)

    visit(window)
    return ordered


def _children_in_order(widget: QWidget) -> list[QWidget]:
    placed: list[QWidget | None] = []
    if isinstance(widget, QMainWindow):
        placed = [widget.centralWidget()]
    elif isinstance(widget, QSplitter):
        placed = [widget.widget(i) for i in range(widget.count())]
    elif isinstance(widget, QTabWidget):
        placed = [widget.tabBar()] + [widget.widget(i) for i in range(widget.count())]
    elif (layout := widget.layout()) is not None:
        placed = list(_layout_widgets(layout))
    ordered = [child for child in placed if child is not None]
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    rest = [child for child in widget.findChildren(QWidget, options=direct) if child not in ordered]
    return ordered + rest


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets of `layout` and its nested layouts, in the order they are shown."""
    numbers = list(range(layout.count()))
    if isinstance(layout, QGridLayout | QFormLayout):
        numbers.sort(key=lambda number: _row_and_column(layout, number))
    elif isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.RightToLeft,
        QBoxLayout.Direction.BottomToTop,
    ):
        numbers.reverse()
    widgets: list[QWidget] = []
    for number in numbers:
        item = layout.itemAt(number)
        if item is None:
            continue
        if (widget := item.widget()) is not None:
            widgets.append(widget)
        elif (nested := item.layout()) is not None:
            widgets.extend(_layout_widgets(nested))
    return widgets


def _row_and_column(layout: QGridLayout | QFormLayout, number: int) -> tuple[int, int]:
    # PySide types both answers as `object`: (row, column, rows, columns) and (row, role).
    position = cast(tuple[Any, ...], layout.getItemPosition(number))
    row, second = position[0], position[1]
    return int(row), int(second.value if isinstance(layout, QFormLayout) else second)
