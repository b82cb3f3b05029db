"""A read-only text view shown to a screen reader as a document with its headings.

Qt shows a QTextBrowser as one block of text. Registered here, it is a
document: its text (the Text interface, caret and selection included), and one
heading child for each heading of its contents, with its level; pressing a
heading's "SetFocus" puts the caret there, so a screen reader can move by
heading.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAttributesInterface,
    QAccessibleInterface,
    QAccessibleTextInterface,
    QFontMetrics,
    QTextBlock,
    QTextCursor,
)
from PySide6.QtWidgets import QAccessibleWidget, QTextEdit, QWidget

from station_app.ui.accessibility.children import (
    ChildInterfaces,
    LeafAccessible,
    interface_pointer,
    widget_interface,
)
from station_app.ui.accessibility.factory import OwnAccessible, provide


def expose_as_document(view: QTextEdit) -> None:
    """From now on a screen reader finds `view` as a document with headings."""
    provide(view, lambda widget: DocumentAccessible(_as_text_edit(widget)))


def _as_text_edit(widget: QWidget) -> QTextEdit:
    assert isinstance(widget, QTextEdit)
    return widget


class DocumentAccessible(OwnAccessible, QAccessibleWidget):
    """The document: its text, and its headings as children."""

    def __init__(self, view: QTextEdit) -> None:
        QAccessibleWidget.__init__(self, view, QAccessible.Role.Document)
        self._text = _DocumentText(self)
        self._headings: ChildInterfaces[HeadingAccessible] = ChildInterfaces(view)
        self._outline: tuple[tuple[int, str], ...] = ()
        view.document().contentsChanged.connect(self._contents_changed)

    def view(self) -> QTextEdit | None:
        if not shiboken6.isValid(self):  # Qt deleted this interface with its widget
            return None
        widget = self.object()
        return widget if isinstance(widget, QTextEdit) else None

    def heading_blocks(self) -> list[QTextBlock]:
        """The heading paragraphs, in order."""
        view = self.view()
        blocks: list[QTextBlock] = []
        if view is not None:
            block = view.document().firstBlock()
            while block.isValid():
                if block.blockFormat().headingLevel() > 0:
                    blocks.append(block)
                block = block.next()
        outline = tuple((block.position(), block.text()) for block in blocks)
        if outline != self._outline:
            self._outline = outline
            self._headings.retire()  # a question is being answered: not now
        return blocks

    def _contents_changed(self) -> None:
        """Other headings are new headings; the old ones leave at once."""
        outline = self._outline
        self.heading_blocks()
        if self._outline != outline:
            self._headings.clear()

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Value:  # the whole text, as Qt's text views give it
            return self._text.text(0, self._text.characterCount())
        return QAccessibleWidget.text(self, kind)

    def state(self) -> QAccessible.State:
        state = QAccessibleWidget.state(self)
        view = self.view()
        state.readOnly = view is None or view.isReadOnly()
        state.multiLine = True
        state.selectableText = True
        return state

    def childCount(self) -> int:
        return len(self.heading_blocks())

    def child(self, number: int) -> QAccessibleInterface | None:  # type: ignore[override]
        if not 0 <= number < self.childCount():
            return None
        return self._headings.get(number, lambda: HeadingAccessible(self, number))

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, HeadingAccessible) and child.document is self:
            return child.number
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        for number in range(self.childCount()):
            heading = self.child(number)
            if heading is not None and heading.rect().contains(x, y):
                return heading
        return None

    def focusChild(self) -> None:  # type: ignore[override]
        return None

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.TextInterface:
            return interface_pointer(self._text)
        return widget_interface(self, kind)


class HeadingAccessible(LeafAccessible):
    """One heading of the document, by its place among the headings."""

    def __init__(self, document: DocumentAccessible, number: int) -> None:
        super().__init__(document)
        self.document = document
        self.number = number
        self._level = _HeadingLevel(self)
        self._actions = _HeadingActions(self)

    def block(self) -> QTextBlock | None:
        if not shiboken6.isValid(self.document):
            return None
        blocks = self.document.heading_blocks()
        return blocks[self.number] if self.number < len(blocks) else None

    def isValid(self) -> bool:
        return self.block() is not None

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Heading

    def text(self, kind: QAccessible.Text) -> str:
        block = self.block()
        return block.text() if block is not None and kind == QAccessible.Text.Name else ""

    def rect(self) -> QRect:
        view, block = self.document.view(), self.block()
        if view is None or block is None:
            return QRect()
        area = view.document().documentLayout().blockBoundingRect(block).toAlignedRect()
        scrolled = area.translated(
            -view.horizontalScrollBar().value(), -view.verticalScrollBar().value()
        )
        return QRect(view.viewport().mapToGlobal(scrolled.topLeft()), scrolled.size())

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        view = self.document.view()
        if view is None or self.block() is None:
            state.invalid = True
            return state
        viewport = view.viewport()
        on_screen = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
        state.invisible = not view.isVisible() or not on_screen.intersects(self.rect())
        return state

    def level(self) -> int:
        block = self.block()
        return block.blockFormat().headingLevel() if block is not None else 0

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return interface_pointer(self._level)
        if kind == QAccessible.InterfaceType.ActionInterface:
            return interface_pointer(self._actions)
        return interface_pointer(None)


class _HeadingLevel(QAccessibleAttributesInterface):
    def __init__(self, heading: HeadingAccessible) -> None:
        super().__init__()
        self._heading = heading

    def attributeKeys(self) -> list[QAccessible.Attribute]:
        return [QAccessible.Attribute.Level]

    def attributeValue(self, key: QAccessible.Attribute) -> Any:
        return self._heading.level() if key == QAccessible.Attribute.Level else None


class _HeadingActions(QAccessibleActionInterface):
    """SetFocus: the caret moves to the heading, which scrolls into view."""

    def __init__(self, heading: HeadingAccessible) -> None:
        super().__init__()
        self._heading = heading

    def actionNames(self) -> list[str]:
        return [self.setFocusAction()]

    def localizedActionDescription(self, name: str) -> str:
        return "Move to this heading" if name == self.setFocusAction() else ""

    def keyBindingsForAction(self, _name: str) -> list[str]:
        return []

    def doAction(self, name: str) -> None:
        view, block = self._heading.document.view(), self._heading.block()
        if name != self.setFocusAction() or view is None or block is None:
            return
        cursor = QTextCursor(block)
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        view.setFocus()


class _DocumentText(QAccessibleTextInterface):
    """The document's plain text; offsets are the editor's cursor positions."""

    def __init__(self, document: DocumentAccessible) -> None:
        super().__init__()
        self._document = document

    def _view(self) -> QTextEdit | None:
        return self._document.view() if shiboken6.isValid(self._document) else None

    def _plain(self) -> str:
        view = self._view()
        return view.document().toPlainText() if view is not None else ""

    def characterCount(self) -> int:
        return len(self._plain())

    def text(self, start: int, end: int) -> str:
        return self._plain()[max(0, start) : max(0, end)]

    def cursorPosition(self) -> int:
        view = self._view()
        return view.textCursor().position() if view is not None else 0

    def setCursorPosition(self, position: int) -> None:
        self._select(position, position)

    def selectionCount(self) -> int:
        # PySide cannot answer `selection()` (its offsets are out-parameters), so a
        # selection would be read as garbage: none is reported rather than a wrong one.
        return 0

    def addSelection(self, start: int, end: int) -> None:
        self._select(start, end)

    def setSelection(self, _number: int, start: int, end: int) -> None:
        self._select(start, end)

    def removeSelection(self, _number: int) -> None:
        view = self._view()
        if view is not None:
            cursor = view.textCursor()
            cursor.clearSelection()
            view.setTextCursor(cursor)

    def _select(self, start: int, end: int) -> None:
        view = self._view()
        if view is None:
            return
        last = self.characterCount()
        cursor = view.textCursor()
        cursor.setPosition(min(max(0, start), last))
        cursor.setPosition(min(max(0, end), last), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)

    def characterRect(self, offset: int) -> QRect:
        view = self._view()
        if view is None or not 0 <= offset < self.characterCount():
            return QRect()
        cursor = QTextCursor(view.document())
        cursor.setPosition(offset)
        caret = view.cursorRect(cursor)
        cursor.setPosition(offset + 1)  # the format of the character before the cursor
        width = QFontMetrics(cursor.charFormat().font()).horizontalAdvance(self._plain()[offset])
        top_left = view.viewport().mapToGlobal(caret.topLeft())
        return QRect(top_left.x(), top_left.y(), max(1, width), caret.height())

    def offsetAtPoint(self, point: QPoint) -> int:
        view = self._view()
        if view is None:
            return -1
        inside = view.viewport().mapFromGlobal(point)
        if not view.viewport().rect().contains(inside):
            return -1
        return view.cursorForPosition(inside).position()

    def scrollToSubstring(self, start: int, _end: int) -> None:
        view = self._view()
        if view is not None:
            self._select(start, start)
            view.ensureCursorVisible()
