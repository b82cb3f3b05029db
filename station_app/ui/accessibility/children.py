"""Accessible children that are not widgets (list items, headings), and their lifetimes.

Qt's accessibility cache keeps plain pointers to the interfaces it is given, and
Python owns the ones made here: each stays referenced from the moment Qt gets it
until it is taken out of Qt's cache again (which deletes it): when what it stands
for changes (never while Qt may be calling it), when its widget is destroyed, or
when the application quits.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar
from weakref import WeakSet

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAccessible, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from station_app.ui.accessibility.factory import OwnAccessible

Child = TypeVar("Child", bound=QAccessibleInterface)

_all: WeakSet[ChildInterfaces[Any]] = WeakSet()
_quit_hooked = False


class ChildInterfaces(Generic[Child]):
    """The child interfaces of one widget's interface, by a key of their own."""

    def __init__(self, widget: QWidget) -> None:
        global _quit_hooked
        self._children: dict[Hashable, Child] = {}
        self._retired: list[Child] = []
        self._scheduled = False
        widget.destroyed.connect(self.clear)
        _all.add(self)
        app = QCoreApplication.instance()
        if not _quit_hooked and app is not None:
            app.aboutToQuit.connect(_clear_all)
            _quit_hooked = True

    def get(self, key: Hashable, make: Callable[[], Child]) -> Child:
        child = self._children.get(key)
        if child is None:
            child = make()
            QAccessible.registerAccessibleInterface(child)
            self._children[key] = child
        return child

    def retire(self) -> None:
        """What they stood for changed: new questions get new children.

        The old ones leave Qt's cache on the next turn of the event loop, never
        during a screen reader's call, which may be running on one of them.
        """
        if not self._children:
            return
        self._retired.extend(self._children.values())
        self._children = {}
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._delete_retired)

    def clear(self) -> None:
        """Takes every child out of Qt's cache now (the widget or the app is going)."""
        self._retired.extend(self._children.values())
        self._children = {}
        self._delete_retired()

    def _delete_retired(self) -> None:
        retired, self._retired = self._retired, []
        self._scheduled = False
        for child in retired:
            if shiboken6.isValid(child):
                QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(child))

    def __len__(self) -> int:
        return len(self._children)


class LeafAccessible(OwnAccessible, QAccessibleInterface):
    """A child with no QObject and no children of its own (a list item, a heading).

    Subclasses say what it is: isValid, role, text, rect, state, interface_cast.
    """

    def __init__(self, parent: QAccessibleInterface) -> None:
        QAccessibleInterface.__init__(self)
        self._parent = parent

    def object(self) -> None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self._parent.window() if shiboken6.isValid(self._parent) else None

    def parent(self) -> QAccessibleInterface:
        return self._parent

    def child(self, _number: int) -> None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, _x: int, _y: int) -> None:  # type: ignore[override]
        return None

    def focusChild(self) -> None:  # type: ignore[override]
        return None

    def setText(self, _kind: QAccessible.Text, _text: str) -> None:
        return None

    def relations(
        self, _match: QAccessible.RelationFlag = QAccessible.RelationFlag.AllRelations
    ) -> list[tuple[QAccessibleInterface, QAccessible.RelationFlag]]:
        return []


def interface_pointer(interface: shiboken6.Object | None) -> shiboken6.VoidPtr:
    """What `interface_cast` returns for a Python-made interface object (None: not offered)."""
    if interface is None or not shiboken6.isValid(interface):
        return shiboken6.VoidPtr(0)
    return shiboken6.VoidPtr(shiboken6.getCppPointer(interface)[0])


def widget_interface(
    widget: QAccessibleWidget, kind: QAccessible.InterfaceType
) -> shiboken6.VoidPtr:
    """What Qt's own part of `widget` offers of `kind` (its actions), for `interface_cast`."""
    inherited: object = QAccessibleWidget.interface_cast(widget, kind)
    # PySide gives None for Qt's null pointer; Qt needs the pointer back.
    return inherited if isinstance(inherited, shiboken6.VoidPtr) else shiboken6.VoidPtr(0)


def _clear_all() -> None:
    for children in list(_all):
        children.clear()
