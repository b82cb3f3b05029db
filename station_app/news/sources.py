"""Where the news comes from, as the panel offers it: the feeds in force and how to get more.

A widget-free view model over the station store, the one owner of the feeds:
the feeds of stations.toml, else those found on the network's website (the
store's discovery reads it). The panel shows what this says when there are no
feeds, and offers what a person can do in the window: look on the website,
add a feed's address, keep what was found.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from station_app.stations.changes import EditResult
from station_app.stations.discovery import site_name
from station_app.stations.model import Feed
from station_app.stations.store import StationStore

Done = Callable[[EditResult], None]


class FeedSources(QObject):
    """The feeds in force, and the website they can be looked for on.

    Signals:
        changed(): the feeds, or the state of looking for them, changed
    """

    changed = Signal()

    def __init__(self, store: StationStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        store.changed.connect(lambda _config: self.changed.emit())
        if store.discovery is not None:
            store.discovery.changed.connect(self.changed)

    @property
    def feeds(self) -> tuple[Feed, ...]:
        return self._store.feeds

    @property
    def site(self) -> str:
        """The network's website as a person names it ("ctpublic.org"); "" without one."""
        website = self._store.config.network.website
        return site_name(website) if website else ""

    @property
    def found_on(self) -> str:
        """The website the feeds in force were found on; "" when they are the station's own."""
        return next((feed.found_on for feed in self.feeds if feed.found_on), "")

    @property
    def looking(self) -> bool:
        discovery = self._store.discovery
        return discovery is not None and discovery.checking

    @property
    def problem(self) -> str:
        """Why looking on the website gave no feeds, where it looked; "" when it did not look."""
        discovery = self._store.discovery
        findings = discovery.findings if discovery is not None else None
        if findings is None or findings.website != self._store.config.network.website:
            return ""
        if not findings.reached:
            return f"Station App could not reach {findings.site} to look for them."
        if findings.problem:
            return findings.problem
        if not findings.feeds:
            return f"Looked on {findings.website} for news feeds and found none."
        return ""

    def look(self) -> None:
        """Reads the website now, whenever it was last read."""
        self._store.check_website(force=True)

    def add_feed(self, title: str, url: str, done: Done) -> None:
        self._store.add_feed(title, url, done)

    def keep(self, done: Done) -> None:
        """Writes the feeds (and schedule) found on the website into stations.toml."""
        self._store.keep_findings(done)
