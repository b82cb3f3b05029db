"""A list with the keyboard focus looks it: a vivid selection there, a quiet one elsewhere.

Qt draws an item view's selection in the palette's inactive colours while the
view lacks the focus, but many styles (Fusion among them) make those the same
as the active ones, so nothing shows which list the keys go to. Here the
inactive selection is a tint of the text colour over the base, taken from the
palette in use (light or dark) and taken again whenever that palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QWidget

TINT = 0.22  # how much of the text colour the quiet selection takes

_REDRAWN_ON = (
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.StyleChange,
)


def show_focus(view: QAbstractItemView) -> None:
    """The selection of `view` is quiet while the view lacks the keyboard focus."""
    _quiet_selection(view)
    view.installEventFilter(_PaletteFollower(view))


def item_palette(option: QStyleOptionViewItem) -> QPalette:
    """The palette a delegate draws an item with: the colour group its state calls for."""
    palette = QPalette(option.palette)
    if not option.state & QStyle.StateFlag.State_Enabled:
        palette.setCurrentColorGroup(QPalette.ColorGroup.Disabled)
    elif option.state & QStyle.StateFlag.State_Active:
        palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
    else:
        palette.setCurrentColorGroup(QPalette.ColorGroup.Inactive)
    return palette


def quiet_selection_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """The background and text of a selection without the focus, from `palette`."""
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    tint = QColor.fromRgbF(
        base.redF() + (text.redF() - base.redF()) * TINT,
        base.greenF() + (text.greenF() - base.greenF()) * TINT,
        base.blueF() + (text.blueF() - base.blueF()) * TINT,
    )
    return tint, text


def _quiet_selection(widget: QWidget) -> None:
    palette = widget.palette()
    background, text = quiet_selection_colors(palette)
    inactive = QPalette.ColorGroup.Inactive
    if (
        palette.color(inactive, QPalette.ColorRole.Highlight) == background
        and palette.color(inactive, QPalette.ColorRole.HighlightedText) == text
    ):
        return  # already so: setting it again would only send another change
    palette.setColor(inactive, QPalette.ColorRole.Highlight, background)
    palette.setColor(inactive, QPalette.ColorRole.HighlightedText, text)
    widget.setPalette(palette)


class _PaletteFollower(QObject):
    """Takes the quiet colours again from a new palette (dark mode, another style)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _REDRAWN_ON and isinstance(watched, QWidget):
            _quiet_selection(watched)
        return False
