"""Loads pictures through the fetcher in background tasks, scaled once, and remembers them."""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from station_app.fetch.cancel import CancelToken
from station_app.fetch.fetcher import Fetcher
from station_app.fetch.results import ContentKind, Fetched
from station_app.tasks import TaskRunner

MAX_SOURCE_PIXELS = 40_000_000  # a 40-megapixel image decodes to 160 MB; refuse larger


def decode_scaled(body: bytes, bounds: QSize) -> QImage | None:
    """The image in `body` scaled to fit `bounds`, or None if unreadable or too large.

    Runs in a worker: QImage and QImageReader are reentrant, unlike QPixmap.
    Scaling while decoding keeps a huge JPEG from ever existing at full size.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(body))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_SOURCE_PIXELS:
        return None
    if size.width() > bounds.width() or size.height() > bounds.height():
        reader.setScaledSize(size.scaled(bounds, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class ImageLoader(QObject):
    """Fetches images on request, a few at a time, scaled to fit `bounds`.

    Signals: loaded(url, QImage) once an image is ready; failed(url).
    At most `in_flight` downloads run at once so pictures never crowd an
    article or a refresh out of the shared thread pool.
    """

    loaded = Signal(str, QImage)
    failed = Signal(str)

    def __init__(
        self,
        fetcher: Fetcher,
        tasks: TaskRunner,
        bounds: QSize,
        in_flight: int = 2,
        keep: int = 400,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._tasks = tasks
        self._bounds = QSize(bounds)
        self._in_flight = in_flight
        self._keep = keep
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._waiting: deque[str] = deque()
        self._running: set[str] = set()
        self._failed: set[str] = set()

    def image(self, url: str) -> QImage | None:
        return self._images.get(url)

    def forget_failures(self) -> None:
        """Lets images that failed before be tried again (after a refresh, say)."""
        self._failed.clear()

    def request(self, url: str) -> None:
        """Asks for `url`; `loaded` follows unless it is known, pending or failed before."""
        if url in self._images or url in self._running or url in self._failed:
            return
        if url not in self._waiting:
            self._waiting.append(url)
        self._start_more()

    def _start_more(self) -> None:
        while self._waiting and len(self._running) < self._in_flight:
            url = self._waiting.popleft()
            self._running.add(url)
            self._tasks.submit(
                self._work(url), self._done_callback(url), key=f"image:{id(self)}:{url}"
            )

    def _work(self, url: str) -> Callable[[CancelToken], QImage | None]:
        fetcher, bounds = self._fetcher, QSize(self._bounds)

        def work(cancel: CancelToken) -> QImage | None:
            result = fetcher.fetch(url, ContentKind.IMAGE, cancel)
            return decode_scaled(result.body, bounds) if isinstance(result, Fetched) else None

        return work

    def _done_callback(self, url: str) -> Callable[[QImage | None], None]:
        def done(image: QImage | None) -> None:
            self._running.discard(url)
            if image is None:
                self._failed.add(url)
                self.failed.emit(url)
            else:
                self._images[url] = image
                while len(self._images) > self._keep:
                    self._images.popitem(last=False)
                self.loaded.emit(url, image)
            self._start_more()

        return done
