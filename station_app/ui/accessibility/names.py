"""Names for the parts Qt draws as icons alone, which a screen reader would read as nothing."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenuBar, QToolButton


def name_clear_button(field: QLineEdit, name: str) -> None:
    """Gives `field` a clear button that a screen reader (and a tooltip) calls `name`."""
    field.setClearButtonEnabled(True)
    # Qt's button shows its action's text to a screen reader; the action has none.
    action = field.findChild(QAction, "_q_qlineeditclearaction")
    if action is not None:
        action.setText(name)
        action.setToolTip(name)
        return
    for button in field.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)


def name_menu_overflow(bar: QMenuBar, name: str = "More menus") -> None:
    """Names the » button a menu bar too narrow for its menus shows."""
    button = bar.findChild(QToolButton, "qt_menubar_ext_button")  # Qt's own name for it
    if button is not None:
        button.setAccessibleName(name)
        button.setToolTip(name)
