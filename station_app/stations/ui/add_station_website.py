"""The "From a website" tab of the Add station dialog.

The person pastes a station's home page; the WebsiteCheckModel reads it and
tries every stream it names; the tab lists what was found (streams, schedule,
feeds) with where each was found. Only streams that sent audio can be
ticked; nothing is saved until the person presses Add.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.stations.adding import WebsiteCheckModel
from station_app.stations.changes import StationFields
from station_app.stations.model import Feed
from station_app.stations.site_check import SiteCheck, SiteError, normalise_site_url
from station_app.stations.site_discovery import Finding, FindingKind
from station_app.stations.ui.add_station_parts import ListArea, StatusLine, status_line
from station_app.stations.ui.add_station_text import KIND_NAMES, summary, verdict, where_found
from station_app.ui.accessibility.focus_look import show_focus

EMPTY_TEXT = "Paste the address of a station's website, then press Look."
HINT_EMPTY = "Streams, the schedule and news feeds found on the website are listed here."
HINT_LOADING = "Reading the page and trying its streams…"
HINT_NOTHING = "Nothing usable was found."
HINT_ERROR = "The website could not be read."
_FINDING = Qt.ItemDataRole.UserRole
_DETAILS = Qt.ItemDataRole.UserRole + 1
_USABLE = Qt.ItemDataRole.UserRole + 2


class WebsiteTab(QWidget):
    """Find a station's stream, schedule and feeds on its website, then add it.

    Signals:
        station_added(str): the id of the station just added
    """

    station_added = Signal(str)

    def __init__(self, check: WebsiteCheckModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self._filled_name = ""
        self._logo = ""  # the picture the last page named
        check.answered.connect(self._show_findings)
        check.said.connect(self._show)
        check.adding_changed.connect(lambda _adding: self._update_add())
        check.added.connect(self.station_added)

        self.address = QLineEdit()
        self.address.setPlaceholderText("https://www.example.org")
        self.address.setAccessibleName("Home page of the station")
        self.address.returnPressed.connect(self.look)
        self.look_button = QPushButton("L&ook")
        self.look_button.clicked.connect(self.look)
        address_label = QLabel("&Home page:")
        address_label.setBuddy(self.address)

        self.status = StatusLine(EMPTY_TEXT)

        self.findings = QTreeWidget()
        show_focus(self.findings)
        self.findings.setAccessibleName("What was found on the website")
        self.findings.setHeaderLabels(["Found", "Address", "Where on the page", "Result"])
        self.findings.setRootIsDecorated(False)
        self.findings.setAllColumnsShowFocus(True)
        header = self.findings.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 280)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.findings.itemChanged.connect(lambda _item, _column: self._update_add())
        self.findings.currentItemChanged.connect(lambda item, _old: self._show_details(item))
        self.details = status_line("")
        self.list_area = ListArea(self.findings, HINT_EMPTY)

        self.call_sign = QLineEdit()
        self.call_sign.setAccessibleName("Call sign or name of the new station")
        self.call_sign.textChanged.connect(lambda _text: self._update_add())
        self.frequency = QLineEdit()
        self.frequency.setPlaceholderText("e.g. 90.5 FM (optional)")
        self.frequency.setAccessibleName("Frequency of the new station")
        self.city = QLineEdit()
        self.city.setPlaceholderText("e.g. Meriden, CT (optional)")
        self.city.setAccessibleName("City of the new station")
        form = QFormLayout()
        form.addRow("&Call sign or name:", self.call_sign)
        form.addRow("&Frequency:", self.frequency)
        form.addRow("Ci&ty:", self.city)

        self.add_button = QPushButton("&Add station")
        self.add_button.clicked.connect(self._add)

        top = QHBoxLayout()
        top.addWidget(address_label)
        top.addWidget(self.address, 1)
        top.addWidget(self.look_button)
        bottom = QHBoxLayout()
        bottom.addLayout(form, 1)
        bottom.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.status.details)
        layout.addWidget(self.list_area, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)
        self._update_add()

    def cancel_pending(self) -> None:
        """Drops a website check in flight (the dialog is closing); saves still finish."""
        self.check.cancel()
        self.look_button.setEnabled(True)

    def look(self) -> None:
        url = normalise_site_url(self.address.text())
        if url is None:
            self._show("That is not a web address; paste one like https://www.example.org.")
            return
        self.findings.clear()
        self.details.clear()
        self._logo = ""
        if self.call_sign.text() == self._filled_name:
            self.call_sign.clear()  # it came from the last page, not from the person
        self._update_add()
        self.look_button.setEnabled(False)
        self.list_area.show_hint(HINT_LOADING)
        self._show(f"Reading {url} and trying every stream found there…")
        self.check.look(url)

    def _show_findings(self, result: SiteCheck | SiteError) -> None:
        self.look_button.setEnabled(True)
        if isinstance(result, SiteError):
            self.list_area.show_hint(HINT_ERROR)
            self._show(result.message)
            return
        found = result.findings
        self._logo = found.icon_url  # the site's picture becomes the station's
        self.findings.blockSignals(True)
        first_schedule = True
        for finding in found.findings:
            item = self._item(finding, result)
            if finding.kind is FindingKind.SCHEDULE:
                item.setCheckState(
                    0, Qt.CheckState.Checked if first_schedule else Qt.CheckState.Unchecked
                )
                first_schedule = False
            self.findings.addTopLevelItem(item)
        self.findings.blockSignals(False)
        if found.is_empty:
            self.list_area.show_hint(HINT_NOTHING)
        else:
            self.list_area.show_list()
            first = self.findings.topLevelItem(0)
            if first is not None:
                self.findings.setCurrentItem(first)
        if found.page_title and not self.call_sign.text().strip():
            self.call_sign.setText(found.page_title)
            self._filled_name = found.page_title
        self._show(summary(result))
        self._update_add()

    def _item(self, finding: Finding, result: SiteCheck) -> QTreeWidgetItem:
        short, details, usable = verdict(finding, result)
        row = [KIND_NAMES[finding.kind], finding.url, where_found(finding), short]
        item = QTreeWidgetItem(row)
        item.setData(0, _FINDING, finding)
        item.setData(0, _DETAILS, details)
        item.setData(0, _USABLE, usable)
        for column in range(4):
            item.setToolTip(column, details)
        if usable:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
        else:
            # Left readable and selectable, so its reason can be read, but never tickable.
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            muted = self.findings.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
            for column in range(4):
                item.setForeground(column, muted)
        return item

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        self.details.setText(str(item.data(0, _DETAILS) or "") if item is not None else "")

    def _checked(self, kind: FindingKind) -> list[Finding]:
        chosen: list[Finding] = []
        for row in range(self.findings.topLevelItemCount()):
            item = self.findings.topLevelItem(row)
            if item is None:
                continue
            finding = item.data(0, _FINDING)
            usable = bool(item.data(0, _USABLE))
            if usable and item.checkState(0) == Qt.CheckState.Checked and finding.kind is kind:
                chosen.append(finding)
        return chosen

    def _update_add(self) -> None:
        ready = bool(self.call_sign.text().strip()) and bool(self._checked(FindingKind.STREAM))
        self.add_button.setEnabled(ready and not self.check.adding)

    def _add(self) -> None:
        streams = tuple(f.url for f in self._checked(FindingKind.STREAM))
        schedules = self._checked(FindingKind.SCHEDULE)
        feeds = self._checked(FindingKind.FEED)
        fields = StationFields(
            call_sign=self.call_sign.text().strip(),
            frequency=self.frequency.text().strip(),
            city=self.city.text().strip(),
            streams=streams,
            schedule_url=schedules[0].url if schedules else None,
            logo=self._logo,
        )
        self.check.add(fields, [Feed(feed.title or "News", feed.url) for feed in feeds])

    def _show(self, text: str) -> None:
        self.status.show_message(text)
