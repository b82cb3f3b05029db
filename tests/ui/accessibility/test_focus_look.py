"""A focused list looks focused, in the default palette and in a dark one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from station_app.news.list_model import NewsRole
from station_app.news.ui.delegate import HeadlineDelegate
from station_app.playback.station_list_model import StationListModel
from station_app.playback.ui.station_list import StationListView
from station_app.stations.model import Station
from station_app.ui.accessibility.focus_look import quiet_selection_colors, show_focus


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#323232",
        QPalette.ColorRole.WindowText: "#f0f0f0",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.Text: "#f0f0f0",
        QPalette.ColorRole.Button: "#3c3c3c",
        QPalette.ColorRole.ButtonText: "#f0f0f0",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    return palette


PALETTES = {"default": None, "dark": dark_palette()}


class Rig:
    """A list next to a button, so the focus can be in the list or out of it."""

    def __init__(self, qtbot: QtBot, view: QAbstractItemView, palette: QPalette | None) -> None:
        self.qtbot = qtbot
        self.window = QWidget()
        if palette is not None:
            self.window.setPalette(palette)
        self.button = QPushButton("Elsewhere")
        self.view = view
        layout = QVBoxLayout(self.window)
        layout.addWidget(self.button)
        layout.addWidget(view)
        qtbot.addWidget(self.window)
        self.window.resize(420, 300)
        self.window.show()
        self.window.activateWindow()
        qtbot.waitUntil(self.window.isActiveWindow)
        view.setCurrentIndex(view.model().index(0, 0))

    def row_picture(self, focused: bool) -> QImage:
        target = self.view if focused else self.button
        target.setFocus()
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
        picture = self.view.viewport().grab().toImage()
        row = self.view.visualRect(self.view.model().index(0, 0))
        return picture.copy(row.adjusted(1, 1, -1, -1))


def colours(picture: QImage) -> list[QColor]:
    return [
        picture.pixelColor(x, y) for y in range(picture.height()) for x in range(picture.width())
    ]


def most_common(picture: QImage) -> QColor:
    counts: dict[str, int] = {}
    for colour in colours(picture):
        counts[colour.name()] = counts.get(colour.name(), 0) + 1
    return QColor(max(counts, key=lambda name: counts[name]))


def close(first: QColor, second: QColor) -> bool:
    """The same colour as drawn (styles shade a selection a little)."""
    channels = zip(first.getRgb()[:3], second.getRgb()[:3], strict=True)
    return all(abs(a - b) <= 24 for a, b in channels)


def contrast(first: QColor, second: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=sorted(PALETTES))
def palette(request: pytest.FixtureRequest) -> Iterator[QPalette | None]:
    yield PALETTES[request.param]


def test_the_selection_is_vivid_with_the_focus_and_quiet_without(
    qtbot: QtBot, palette: QPalette | None
) -> None:
    view = QListView()
    view.setModel(QStringListModel(["Bridge reopens", "Library hours"], view))
    show_focus(view)
    rig = Rig(qtbot, view, palette)
    focused, unfocused = most_common(rig.row_picture(True)), most_common(rig.row_picture(False))
    colours_in_use = view.palette()
    highlight = colours_in_use.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    assert close(focused, highlight)
    quiet, text = quiet_selection_colors(colours_in_use)
    assert close(unfocused, quiet)
    assert contrast(focused, unfocused) > 1.5  # plainly different
    assert contrast(quiet, text) >= 4.5  # and still readable


def test_a_new_palette_brings_new_quiet_colours(qtbot: QtBot) -> None:
    view = QListView()
    view.setModel(QStringListModel(["Bridge reopens"], view))
    show_focus(view)
    rig = Rig(qtbot, view, None)
    light = most_common(rig.row_picture(False))
    rig.window.setPalette(dark_palette())  # the desktop turned dark
    dark = most_common(rig.row_picture(False))
    assert close(dark, quiet_selection_colors(dark_palette())[0])
    assert not close(dark, light)


def darkest(picture: QImage) -> int:
    return min(colour.lightness() for colour in colours(picture))


def lightest(picture: QImage) -> int:
    return max(colour.lightness() for colour in colours(picture))


def text_stands_out(picture: QImage, light_text: bool) -> bool:
    """The row's text is far from its background: light on dark, or dark on light."""
    background = most_common(picture).lightness()
    text = lightest(picture) if light_text else darkest(picture)
    return abs(background - text) > 100


def test_a_station_without_the_focus_is_drawn_in_the_quiet_colours(
    qtbot: QtBot, palette: QPalette | None
) -> None:
    station = Station("wnpr", "WNPR", "90.5 FM", "Meriden", ("http://127.0.0.1:9/",), None, "UTC")
    view = StationListView(StationListModel((station,)))
    rig = Rig(qtbot, view, palette)
    assert text_stands_out(rig.row_picture(False), light_text=palette is not None)
    assert text_stands_out(rig.row_picture(True), light_text=True)  # on the highlight


def test_a_headline_without_the_focus_is_drawn_in_the_quiet_colours(
    qtbot: QtBot, palette: QPalette | None
) -> None:
    model = QStandardItemModel()
    row = QStandardItem("Bridge reopens after two years")
    row.setData("Drivers cheered as the span opened.", NewsRole.SUMMARY)
    row.setData("5 min ago", NewsRole.TIME_TEXT)
    model.appendRow(row)
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(HeadlineDelegate(view))
    show_focus(view)
    rig = Rig(qtbot, view, palette)
    assert text_stands_out(rig.row_picture(False), light_text=palette is not None)
    assert text_stands_out(rig.row_picture(True), light_text=True)
