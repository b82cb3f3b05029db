"""Loads pictures through the fetcher in background tasks, scaled once, and remembers them."""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable, Collection

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, Fetched
from station_app.pictures import decode_scaled
from station_app.tasks import TaskFailed, TaskRunner, TaskSlot


class ImageLoader(QObject):
    """Fetches images on request, a few at a time, scaled to fit `bounds`.

    Signals: loaded(url, QImage) once an image is ready; failed(url).
    At most `in_flight` downloads run at once so pictures never crowd an
    article or a refresh out of the shared thread pool. Each picture is
    fetched for a page (the feed or the article it appears in) and never from
    an address more private than that page's own; without a page, only from
    the internet.
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
        # One slot per download that may run at once.
        self._slots = [tasks.slot() for _ in range(in_flight)]
        self._bounds = QSize(bounds)
        self._keep = keep
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._page: str | None = None
        self._pages: dict[str, str | None] = {}
        self._waiting: deque[str] = deque()
        self._running: set[str] = set()
        self._failed: set[str] = set()

    def image(self, url: str) -> QImage | None:
        return self._images.get(url)

    def keep_only(self, urls: Collection[str]) -> None:
        """Drops pictures (and queued requests) not in `urls`: a long run keeps no old stories'."""
        for url in [url for url in self._images if url not in urls]:
            del self._images[url]
        self._waiting = deque(url for url in self._waiting if url in urls)

    def forget_failures(self) -> None:
        """Lets images that failed before be tried again (after a refresh, say)."""
        self._failed.clear()

    def set_page(self, page: str | None) -> None:
        """The page that later requests without a page of their own appear in."""
        self._page = page

    def request(self, url: str, page: str | None = None) -> None:
        """Asks for `url`, shown in `page`; `loaded` follows unless known, pending or failed."""
        if url in self._images or url in self._running or url in self._failed:
            return
        if url not in self._waiting:
            self._waiting.append(url)
            self._pages[url] = page or self._page
        self._start_more()

    def _start_more(self) -> None:
        for slot in self._free_slots():
            if not self._waiting:
                return
            url = self._waiting.popleft()
            self._running.add(url)
            done = self._done_callback(url)
            slot.start(
                self._work(url, self._pages.pop(url, None)), done, self._failed_callback(done)
            )

    def _free_slots(self) -> list[TaskSlot]:
        return [slot for slot in self._slots if not slot.busy]

    def _work(self, url: str, page: str | None) -> Callable[[CancelToken], QImage | None]:
        fetcher, bounds = self._fetcher, QSize(self._bounds)

        def work(cancel: CancelToken) -> QImage | None:
            reach = fetcher.reach_of(page)
            result = fetcher.fetch(url, ContentKind.IMAGE, cancel, reach=reach)
            if not isinstance(result, Fetched):
                return None
            image = decode_scaled(result.body, bounds)
            if image is not None:
                fetcher.keep(result)
            return image

        return work

    @staticmethod
    def _failed_callback(done: Callable[[QImage | None], None]) -> Callable[[TaskFailed], None]:
        def failed(_failure: TaskFailed) -> None:
            done(None)  # a picture that crashed its task is a picture that failed

        return failed

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
