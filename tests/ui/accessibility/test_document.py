"""A text view shown to a screen reader as a document with its headings."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from station_app.ui.accessibility.document import (
    DocumentAccessible,
    HeadingAccessible,
    expose_as_document,
)

STORY = (
    "<h1>Bridge reopens</h1><p>The bridge reopened on Monday.</p>"
    "<h2>What people said</h2><p>Drivers were glad.</p><h3>Next steps</h3><p>Paint.</p>"
)


def make_browser(qtbot: QtBot, html: str = STORY) -> QTextBrowser:
    browser = QTextBrowser()
    expose_as_document(browser)
    browser.setAccessibleName("Article: Bridge reopens")
    browser.setHtml(html)
    browser.resize(400, 300)
    qtbot.addWidget(browser)
    browser.show()
    qtbot.waitExposed(browser)
    return browser


def document_of(browser: QTextBrowser) -> DocumentAccessible:
    interface = QAccessible.queryAccessibleInterface(browser)
    assert isinstance(interface, DocumentAccessible)
    return interface


def headings(document: QAccessibleInterface) -> list[HeadingAccessible]:
    found = [document.child(number) for number in range(document.childCount())]
    assert all(isinstance(heading, HeadingAccessible) for heading in found)
    return found  # type: ignore[return-value]


def test_the_view_is_a_read_only_document_with_its_text(qtbot: QtBot) -> None:
    browser = make_browser(qtbot)
    document = document_of(browser)
    assert document.role() == QAccessible.Role.Document
    assert document.text(QAccessible.Text.Name) == "Article: Bridge reopens"
    assert document.state().readOnly and document.state().multiLine
    text = document.textInterface()
    whole = text.text(0, text.characterCount())
    assert whole.startswith("Bridge reopens\nThe bridge reopened on Monday.\nWhat people said")
    assert document.text(QAccessible.Text.Value) == whole
    assert text.text(4, 10) == "ge reo"


def test_its_headings_are_children_with_their_levels(qtbot: QtBot) -> None:
    browser = make_browser(qtbot)
    document = document_of(browser)
    found = headings(document)
    assert [h.text(QAccessible.Text.Name) for h in found] == [
        "Bridge reopens",
        "What people said",
        "Next steps",
    ]
    assert all(h.role() == QAccessible.Role.Heading for h in found)
    levels = [h.attributesInterface().attributeValue(QAccessible.Attribute.Level) for h in found]
    assert levels == [1, 2, 3]
    assert [document.indexOfChild(h) for h in found] == [0, 1, 2]
    assert found[1].parent() is document
    assert document.rect().contains(found[0].rect().center())
    assert document.childAt(*found[1].rect().center().toTuple()) is found[1]


def test_set_focus_on_a_heading_puts_the_caret_there(qtbot: QtBot) -> None:
    browser = make_browser(qtbot)
    document = document_of(browser)
    section = headings(document)[1]
    assert section.actionInterface().actionNames() == ["SetFocus"]
    section.actionInterface().doAction("SetFocus")
    text = document.textInterface()
    caret = text.cursorPosition()
    assert text.text(caret, caret + len("What people said")) == "What people said"
    assert browser.hasFocus() or not browser.isActiveWindow()


def test_a_new_article_brings_new_headings_and_the_old_ones_leave(qtbot: QtBot) -> None:
    browser = make_browser(qtbot)
    document = document_of(browser)
    old = headings(document)
    browser.setHtml("<h1>Ferry adds a crossing</h1><p>At ten.</p>")
    assert not any(shiboken6.isValid(heading) for heading in old)
    assert [h.text(QAccessible.Text.Name) for h in headings(document)] == ["Ferry adds a crossing"]


def test_a_hidden_document_and_its_headings_are_not_showing(qtbot: QtBot) -> None:
    browser = make_browser(qtbot)
    document = document_of(browser)
    first = headings(document)[0]
    assert not first.state().invisible
    browser.hide()
    assert document.state().invisible
    assert first.state().invisible


def test_a_heading_scrolled_out_of_sight_is_not_showing(qtbot: QtBot) -> None:
    long_story = STORY + "<p>More.</p>" * 200 + "<h2>The end</h2>"
    browser = make_browser(qtbot, long_story)
    last = headings(document_of(browser))[-1]
    assert last.text(QAccessible.Text.Name) == "The end"
    assert last.state().invisible
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().maximum())
    assert not last.state().invisible


def test_a_destroyed_view_takes_its_headings_along(qtbot: QtBot) -> None:
    browser = make_browser(qtbot)
    document = document_of(browser)
    found = headings(document)
    browser.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(document))
    assert not any(shiboken6.isValid(heading) for heading in found)
    assert document.view() is None
