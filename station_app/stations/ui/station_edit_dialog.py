"""A dialog to edit one station: call sign, frequency, city, streams and schedule address."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.net.web_address import is_web_url
from station_app.stations.model import Station
from station_app.stations.ui.add_station_parts import status_line
from station_app.ui.accessibility.tab_order import follow_layout


class StationEditDialog(QDialog):
    """Shows a station's values for editing; Save stays off until they would load."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {station.display_name}")
        self.station = station
        self.call_sign = QLineEdit(station.call_sign)
        self.call_sign.setAccessibleName("Call sign")
        self.frequency = QLineEdit(station.frequency)
        self.frequency.setAccessibleName("Frequency")
        self.frequency.setPlaceholderText("e.g. 90.5 FM")
        self.city = QLineEdit(station.city)
        self.city.setAccessibleName("City")
        self.streams = QPlainTextEdit("\n".join(station.streams))
        self.streams.setAccessibleName("Streams, one address a line, tried in order")
        self.streams.setTabChangesFocus(True)
        # One address a line: wrapping would make one long address look like two.
        self.streams.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.streams.setPlaceholderText("https://… (one address a line)")
        self.schedule = QLineEdit(station.schedule_url or "")
        self.schedule.setAccessibleName("Schedule address")
        self.schedule.setPlaceholderText("https://api.composer.nprstations.org/v1/widget/<id>")
        self.problem = status_line("")
        form = QFormLayout()
        form.addRow("&Call sign:", self.call_sign)
        form.addRow("&Frequency:", self.frequency)
        form.addRow("C&ity:", self.city)
        form.addRow("&Streams:", self.streams)
        form.addRow("Sc&hedule:", self.schedule)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for field in (self.call_sign, self.schedule):
            field.textChanged.connect(self._check)
        self.streams.textChanged.connect(self._check)
        self._check()
        follow_layout(self)
        self.resize(560, 360)

    @property
    def save_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None
        return button

    def stream_list(self) -> list[str]:
        return [line.strip() for line in self.streams.toPlainText().splitlines() if line.strip()]

    def problem_text(self) -> str:
        """The first thing that would stop the file from loading, as a sentence, or ""."""
        if not self.call_sign.text().strip():
            return "The call sign must not be empty."
        for number, url in enumerate(self.stream_list(), start=1):
            if not is_web_url(url):
                return f"Stream {number} is not an http(s) address: {url}"
        schedule = self.schedule.text().strip()
        if schedule and not is_web_url(schedule):
            return "The schedule address must be an http(s) address, or empty."
        return ""

    def _check(self) -> None:
        text = self.problem_text()
        self.problem.setText(text)
        self.save_button.setEnabled(not text)
