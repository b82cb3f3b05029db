"""The one accessible-interface factory: widgets that want an interface of the app's own.

Qt asks its factories for an object's interface the first time anything needs
it (a screen reader, or an accessibility event while one listens) and keeps the
answer for the object's lifetime. So a widget registers its builder right after
it is made; an interface Qt built before that is dropped, so the next question
reaches the builder.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget

Builder = Callable[[QWidget], QAccessibleInterface]

# By the widget's address: a builder refers to its widget's owner, so it must not keep
# the widget itself alive; the entry goes when the widget is destroyed.
_builders: dict[int, Builder] = {}
_installed = False


class OwnAccessible:
    """Marks the app's own interfaces (a mixin for QAccessibleInterface subclasses)."""


def provide(widget: QWidget, build: Builder) -> None:
    """From now on `build(widget)` makes `widget`'s accessible interface."""
    global _installed
    if not _installed:
        # Qt asks the factory installed last first; Qt Widgets installs its own with
        # the application, so this must come after it.
        if QApplication.instance() is None:
            raise RuntimeError("Accessible interfaces are provided once the application exists.")
        QAccessible.installFactory(_factory)
        _installed = True
    address = _address(widget)
    _builders[address] = build
    widget.destroyed.connect(lambda: _builders.pop(address, None))
    if QAccessible.isActive():
        existing = QAccessible.queryAccessibleInterface(widget)
        if existing is not None and not isinstance(existing, OwnAccessible):
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(existing))


def _factory(_class_name: str, candidate: QObject | None) -> QAccessibleInterface | None:
    if not isinstance(candidate, QWidget):
        return None
    build = _builders.get(_address(candidate))
    return build(candidate) if build is not None else None


def _address(widget: QObject) -> int:
    return int(shiboken6.getCppPointer(widget)[0])
