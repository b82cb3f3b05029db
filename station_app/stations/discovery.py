"""What the network's website names, read at most once a day and used where stations.toml is silent.

The network's home page often carries what a person would otherwise have to
look up: the NPR Composer schedule id of its player, the news feeds it
announces, the site's name and its icon. `WebsiteDiscovery` reads the page
through the fetcher (cached, revalidated), at most once a day, and remembers
what it found in the state folder, so the next start uses it at once, offline
too. `apply_findings` fills the gaps of a config with them; a station's own
values always win, and every value used says where it was found. Add
station's website tab reads pages with the same parser (site_discovery).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Signal

from station_app.config.atomic import write_atomic
from station_app.config.regular_file import STATE_FILE_LIMIT, RefusedFileError, read_regular_file
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, FailureKind, FetchError
from station_app.net.web_address import is_web_url
from station_app.stations.model import Feed, Station, StationsConfig
from station_app.stations.site_discovery import COMPOSER_SERVER
from station_app.tasks import TaskFailed, TaskRunner

log = logging.getLogger(__name__)

ONCE_A_DAY = 24 * 60 * 60.0
_UNREACHABLE = frozenset({FailureKind.CONNECTION, FailureKind.TIMEOUT})


def site_name(url: str) -> str:
    """ "https://www.ctpublic.org/news" -> "ctpublic.org": how the window names a website."""
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


@dataclass(frozen=True)
class WebsiteFindings:
    """What one reading of the network's home page found, and when.

    `problem` says why the last reading failed; what an earlier reading found
    is kept alongside it.
    """

    website: str
    checked_at: float
    schedule_url: str = ""
    feeds: tuple[Feed, ...] = ()
    site_title: str = ""
    icon_url: str = ""
    streams: tuple[str, ...] = ()
    problem: str = ""
    reached: bool = True  # False when the last reading could not reach the site at all

    @property
    def site(self) -> str:
        return site_name(self.website)

    @property
    def found_anything(self) -> bool:
        return bool(self.schedule_url or self.feeds or self.icon_url)

    def to_json(self) -> dict[str, Any]:
        return {
            "website": self.website,
            "checked_at": self.checked_at,
            "schedule_url": self.schedule_url,
            "feeds": [{"title": feed.title, "url": feed.url} for feed in self.feeds],
            "site_title": self.site_title,
            "icon_url": self.icon_url,
            "streams": list(self.streams),
            "problem": self.problem,
            "reached": self.reached,
        }

    @classmethod
    def from_json(cls, data: object) -> WebsiteFindings | None:
        """Findings saved earlier, or None when the file holds anything else."""
        if not isinstance(data, dict):
            return None
        website, checked_at = data.get("website"), data.get("checked_at")
        if not isinstance(website, str) or not isinstance(checked_at, int | float):
            return None

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        def address(key: str) -> str:
            value = text(key)
            return value if is_web_url(value) else ""

        feeds = tuple(
            Feed(item["title"], item["url"], site_name(website), website)
            for item in data.get("feeds") or ()
            if isinstance(item, dict)
            and isinstance(item.get("title"), str)
            and isinstance(item.get("url"), str)
            and is_web_url(item["url"])
        )
        streams = tuple(
            url for url in data.get("streams") or () if isinstance(url, str) and is_web_url(url)
        )
        return cls(
            website,
            float(checked_at),
            address("schedule_url"),
            feeds,
            text("site_title"),
            address("icon_url"),
            streams,
            text("problem"),
            data.get("reached") is not False,
        )


def read_website(
    fetcher: Fetcher, website: str, now: float, cancel: CancelToken, composer_server: str
) -> WebsiteFindings:
    """Reads the home page and says what it names (runs in a background task)."""
    from station_app.stations.site_discovery import FindingKind, discover_site

    where = site_name(website)
    fetched = fetcher.fetch(website, ContentKind.PAGE, cancel)
    if isinstance(fetched, FetchError):
        return WebsiteFindings(
            website,
            now,
            problem=f"The website {where} could not be read. {fetched.message}",
            reached=fetched.kind not in _UNREACHABLE,
        )
    found = discover_site(fetched.body, fetched.final_url, composer_server)
    schedules = found.of_kind(FindingKind.SCHEDULE)
    feeds = tuple(
        Feed(finding.title or "News", finding.url, where, website)
        for finding in found.of_kind(FindingKind.FEED)
    )
    findings = WebsiteFindings(
        website,
        now,
        schedules[0].url if schedules else "",
        feeds,
        found.page_title,
        found.icon_url,
        tuple(finding.url for finding in found.of_kind(FindingKind.STREAM)),
    )
    if fetched.stale and fetched.error is not None:
        # The network failed and this is the copy kept from an earlier reading.
        message = fetched.error.message
        return replace(
            findings,
            problem=f"The website {where} could not be read. {message}",
            reached=fetched.error.kind not in _UNREACHABLE,
        )
    if findings.found_anything:
        fetcher.keep(fetched)
        return findings
    return replace(
        findings,
        problem=f"Looked on {fetched.final_url} for a schedule, news feeds and a logo, "
        "and found none.",
    )


def apply_findings(config: StationsConfig, findings: WebsiteFindings | None) -> StationsConfig:
    """The config with the website's findings where stations.toml is silent.

    Feeds fill an empty [[feeds]]; the schedule goes to the station whose stream
    the home page's player plays (else the first station that carries its own
    program); a simulcast without a schedule of its own shows the one of the
    station it carries.
    """
    feeds, stations = config.feeds, config.stations
    website = config.network.website
    if findings is not None and website and findings.website == website:
        if not feeds:
            feeds = findings.feeds
        if findings.schedule_url:
            owner = _schedule_owner(stations, findings.streams)
            stations = tuple(
                replace(
                    station, schedule_url=findings.schedule_url, schedule_found_on=findings.site
                )
                if station is owner and _lacks_schedule(station)
                else station
                for station in stations
            )
    by_id = {station.id: station for station in stations}
    stations = tuple(_carried_schedule(station, by_id) for station in stations)
    return replace(config, feeds=feeds, stations=stations)


def _lacks_schedule(station: Station) -> bool:
    return not station.schedule_url and not station.schedule


def _carried_schedule(station: Station, by_id: dict[str, Station]) -> Station:
    carried = by_id.get(station.simulcast_of) if station.simulcast_of else None
    if carried is None or not _lacks_schedule(station):
        return station
    return replace(
        station,
        schedule_url=carried.schedule_url,
        schedule=carried.schedule,
        schedule_found_on=carried.schedule_found_on,
    )


def _schedule_owner(
    stations: tuple[Station, ...], player_streams: tuple[str, ...]
) -> Station | None:
    playing = {_stream_key(url) for url in player_streams}
    for station in stations:
        if playing & {_stream_key(url) for url in station.streams}:
            return station
    return next((station for station in stations if not station.simulcast_of), None)


def _stream_key(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.path.rstrip("/")


class WebsiteDiscovery(QObject):
    """Reads the network's home page at most once a day and remembers what it found.

    Signals:
        changed(): the findings (or whether a reading is under way) changed
    """

    changed = Signal()

    def __init__(
        self,
        fetcher: Fetcher,
        tasks: TaskRunner,
        findings_file: Path,
        clock: Callable[[], float] = time.time,
        max_age: float = ONCE_A_DAY,
        on_write_error: Callable[[Path, OSError], None] | None = None,
        composer_server: str = COMPOSER_SERVER,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._reading = tasks.slot()
        self._file = findings_file
        self._clock = clock
        self._max_age = max_age
        self._on_write_error = on_write_error
        self._composer_server = composer_server
        self._findings = self._load()

    @property
    def findings(self) -> WebsiteFindings | None:
        return self._findings

    @property
    def checking(self) -> bool:
        """A reading of the website is under way."""
        return self._reading.busy

    def check(self, website: str | None, force: bool = False) -> None:
        """Reads `website` unless it was read less than a day ago (`force`: read it now)."""
        if not website:
            self._reading.cancel()
            return
        known = self._findings
        fresh = (
            known is not None
            and known.website == website
            and 0 <= self._clock() - known.checked_at < self._max_age
        )
        if fresh and not force:
            return
        fetcher, now, server = self._fetcher, self._clock(), self._composer_server

        def work(cancel: CancelToken) -> WebsiteFindings:
            return read_website(fetcher, website, now, cancel, server)

        def failed(_failure: TaskFailed) -> None:
            self._arrived(
                WebsiteFindings(
                    website,
                    now,
                    problem=f"The website {site_name(website)} could not be read: something "
                    "went wrong inside Station App.",
                )
            )

        self._reading.start(work, self._arrived, failed)
        self.changed.emit()

    def _arrived(self, findings: WebsiteFindings) -> None:
        known = self._findings
        if findings.problem and known is not None and known.website == findings.website:
            # A failed reading keeps what an earlier one found, and says what went wrong.
            findings = replace(
                known,
                checked_at=findings.checked_at,
                problem=findings.problem,
                reached=findings.reached,
            )
        self._findings = findings
        self._save(findings)
        self.changed.emit()

    def _load(self) -> WebsiteFindings | None:
        try:
            data = json.loads(read_regular_file(self._file, STATE_FILE_LIMIT))
        except FileNotFoundError:
            return None
        except (OSError, RefusedFileError, ValueError, RecursionError) as error:
            log.warning("Ignoring %s: %s", self._file, error)
            return None
        return WebsiteFindings.from_json(data)

    def _save(self, findings: WebsiteFindings) -> None:
        try:
            write_atomic(self._file, json.dumps(findings.to_json(), indent=1).encode())
        except OSError as error:
            log.warning("Could not save %s: %s", self._file, error)
            if self._on_write_error is not None:
                self._on_write_error(self._file, error)
