"""Station pictures (logos): where each comes from, fetched once, scaled, kept on disk.

A station's picture is its own `logo` from stations.toml (Add station writes
the directory's favicon or the website's picture there), else, for the
stations of the file, the picture the network's website names (og:image, else
its largest icon; see discovery.py). Each picture is fetched through the
fetcher in a background task, scaled to fit ART_SIZE and written as a PNG into
the cache folder: the station list and the player bar draw it small, and the
desktop (MPRIS, notifications) gets a local file. The next start shows it at
once, offline too. Without a picture, views show the app's icon. Once a run,
pictures no station has used for FORGET_AFTER are removed from the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QUrl, Signal
from PySide6.QtGui import QImage

from station_app.config.atomic import write_atomic
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, Fetched
from station_app.pictures import decode_scaled, png_bytes
from station_app.stations.model import Station, StationsConfig
from station_app.tasks import TaskFailed, TaskRunner, TaskSlot

if TYPE_CHECKING:
    from station_app.stations.discovery import WebsiteFindings
    from station_app.stations.store import StationStore

log = logging.getLogger(__name__)

ART_SIZE = 128  # pixels: sharp in a notification; the list and the bar draw it smaller
REFRESH_AFTER = 7 * 24 * 60 * 60.0  # a picture on disk is asked for again after a week
# A picture no station of the file uses (one heard as a preview, a removed
# station's) stays this long after it was fetched, then goes.
FORGET_AFTER = 30 * 24 * 60 * 60.0


@dataclass(frozen=True)
class LogoSource:
    """Where a picture is, and how far fetching it may reach.

    The person's own stations.toml may name any address; a picture a web page
    names comes from no address more private than the page's (`page`); one that
    only the station directory names (a station heard as a preview) comes from
    the internet only (`internet_only`).
    """

    url: str
    page: str | None = None
    internet_only: bool = False


def logo_source(
    station: Station, config: StationsConfig | None, findings: WebsiteFindings | None
) -> LogoSource | None:
    """The station's own logo, else the network website's picture for the file's stations."""
    in_file = config is not None and config.station(station.id) is not None
    if station.logo:
        return LogoSource(station.logo, internet_only=not in_file)
    if config is None or findings is None or not findings.icon_url:
        return None
    if findings.website != config.network.website or not in_file:
        return None
    return LogoSource(findings.icon_url, findings.website)


@dataclass(frozen=True)
class _Loaded:
    image: QImage | None
    file: Path | None  # the PNG on disk, when one is there


def load_picture(
    fetcher: Fetcher,
    source: LogoSource,
    file: Path,
    now: float,
    cancel: CancelToken,
    on_write_error: Callable[[Path, OSError], None] | None = None,
) -> _Loaded:
    """The picture from disk while it is fresh, else fetched, scaled and written (a worker's job).

    When the network fails, an older copy on disk is better than none.
    """
    kept: QImage | None = None
    try:
        age = now - file.stat().st_mtime
    except OSError:
        age = None
    if age is not None:
        kept = QImage(str(file))
        if kept.isNull():
            kept = None
        elif age < REFRESH_AFTER:
            return _Loaded(kept, file)
    limited = source.page is not None or source.internet_only
    reach = fetcher.reach_of(source.page) if limited else None
    fetched = fetcher.fetch(source.url, ContentKind.IMAGE, cancel, reach=reach)
    if not isinstance(fetched, Fetched):
        return _Loaded(kept, file if kept is not None else None)
    image = decode_scaled(fetched.body, QSize(ART_SIZE, ART_SIZE))
    if image is None:
        return _Loaded(kept, file if kept is not None else None)
    fetcher.keep(fetched)
    try:
        write_atomic(file, png_bytes(image))
    except OSError as error:
        log.warning("Could not keep the picture %s in %s: %s", source.url, file, error)
        if on_write_error is not None:
            on_write_error(file, error)
        return _Loaded(image, None)
    return _Loaded(image, file)


def remove_unused_pictures(folder: Path, keep: frozenset[str], now: float) -> int:
    """Deletes the pictures in `folder` not named in `keep` and older than FORGET_AFTER;
    says how many went."""
    try:
        files = list(folder.glob("*.png"))
    except OSError:
        return 0
    removed = 0
    for file in files:
        if file.name in keep:
            continue
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if now - file.stat().st_mtime > FORGET_AFTER:
                file.unlink()
                removed += 1
    return removed


class StationArtwork(QObject):
    """The stations' pictures, small and in memory, and their files on disk.

    Pictures load in the background as the config names them (and, for a
    station outside the config such as a directory preview, when first asked
    for); `changed` tells the views to draw again. A picture that could not be
    had is not asked for again in this run.

    Signals:
        changed(): a picture arrived
    """

    changed = Signal()

    def __init__(
        self,
        fetcher: Fetcher,
        tasks: TaskRunner,
        folder: Path,
        clock: Callable[[], float] = time.time,
        on_write_error: Callable[[Path, OSError], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._tasks = tasks
        self._folder = folder
        self._clock = clock
        self._on_write_error = on_write_error
        self._config: StationsConfig | None = None
        self._findings: WebsiteFindings | None = None
        self._images: dict[str, QImage] = {}
        self._files: dict[str, Path] = {}
        self._loading: dict[str, TaskSlot] = {}
        self._failed: set[str] = set()
        self._tidied = False

    def follow(self, store: StationStore) -> None:
        """Loads the pictures of the store's stations now and after every change."""
        discovery = store.discovery

        def changed() -> None:
            self.set_config(store.config, discovery.findings if discovery else None)

        store.changed.connect(lambda _config: changed())
        if discovery is not None:
            discovery.changed.connect(changed)
        changed()

    def set_config(self, config: StationsConfig, findings: WebsiteFindings | None) -> None:
        self._config, self._findings = config, findings
        sources = [self.source(station) for station in config.stations]
        wanted = {source.url for source in sources if source is not None}
        for url in [url for url in self._images if url not in wanted]:
            del self._images[url]  # a picture no station uses any more
            self._files.pop(url, None)
        for source in sources:
            if source is not None:
                self._load(source)
        if not self._tidied:
            self._tidied = True
            self._remove_unused(frozenset(self._file_for(url).name for url in wanted))

    def source(self, station: Station) -> LogoSource | None:
        return logo_source(station, self._config, self._findings)

    def image(self, station: Station | None) -> QImage | None:
        """The station's picture (at most ART_SIZE square), or None until there is one."""
        source = self.source(station) if station is not None else None
        if source is None:
            return None
        image = self._images.get(source.url)
        if image is None:
            self._load(source)
        return image

    def file(self, station: Station | None) -> Path | None:
        """The PNG of the station's picture on disk, once there is one."""
        source = self.source(station) if station is not None else None
        return self._files.get(source.url) if source is not None else None

    def file_url(self, station: Station | None) -> str:
        """file:// address of the picture (for MPRIS and notifications), or ""."""
        file = self.file(station)
        return QUrl.fromLocalFile(str(file)).toString() if file is not None else ""

    def _remove_unused(self, keep: frozenset[str]) -> None:
        folder, now = self._folder, self._clock()

        def work(_cancel: CancelToken) -> int:
            return remove_unused_pictures(folder, keep, now)

        def done(removed: int) -> None:
            if removed:
                log.info("Removed %d station pictures no station uses", removed)

        def failed(failure: TaskFailed) -> None:
            log.warning("Could not tidy the station pictures: %s", failure.error)

        self._tasks.start(work, done, failed)

    def _file_for(self, url: str) -> Path:
        name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self._folder / f"{name}.png"

    def _load(self, source: LogoSource) -> None:
        url = source.url
        if url in self._images or url in self._loading or url in self._failed:
            return
        fetcher, file, now = self._fetcher, self._file_for(url), self._clock()
        on_write_error = self._on_write_error
        slot = self._loading[url] = self._tasks.slot()

        def work(cancel: CancelToken) -> _Loaded:
            return load_picture(fetcher, source, file, now, cancel, on_write_error)

        def done(loaded: _Loaded) -> None:
            del self._loading[url]
            if loaded.image is None:
                self._failed.add(url)
                return
            self._images[url] = loaded.image
            if loaded.file is not None:
                self._files[url] = loaded.file
            self.changed.emit()

        def failed(_failure: TaskFailed) -> None:
            del self._loading[url]
            self._failed.add(url)

        slot.start(work, done, failed)
