"""News panel speed: feed to screen, stalls while thumbnails load, opening a cached article.

Each figure is printed against a reference measured in the same run:
feedparser alone on the same bytes, an idle event loop's longest gap, and the
article extraction alone on the same page.
"""

from __future__ import annotations

import io
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import feedparser
from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer

from benchmarks.common import ROOT, Comparison
from station_app.app import build_news_panel
from station_app.config.state import StateStore
from station_app.net.cache import CacheEntry, DiskCache
from station_app.net.fetcher import Fetcher
from station_app.news.article_extract import extract_article
from station_app.news.list_model import NewsRole
from station_app.news.ui.panel import NewsPanel
from station_app.stations.model import Feed
from station_app.tasks import TaskRunner
from tests.news.big_feed import big_feed

FIXTURES = ROOT / "tests" / "news" / "fixtures"
STALL_TARGET_MS = 50.0  # the longest the UI thread may go without returning to its loop
CACHED_ARTICLE_TARGET_MS = 200.0


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform says this each time a shown panel's size hints change.
    if "does not support propagateSizeHints" not in message:
        print(message)


def _app() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    return app


def _wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark condition not met")
        QCoreApplication.processEvents()
        time.sleep(0.0005)


class _Heartbeat:
    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def run_until(self, condition: Callable[[], bool]) -> float:
        self._last = time.perf_counter()
        self._timer.start()
        _wait(condition)
        self._timer.stop()
        return self.longest * 1000


def _panel(fetcher: Fetcher, tasks: TaskRunner, feeds: tuple[Feed, ...], state: Path) -> NewsPanel:
    panel = build_news_panel(
        feeds, "Bench", fetcher, tasks, StateStore(state), 10, open_url=lambda _u: None
    )
    panel.resize(600, 800)
    panel.show()
    QCoreApplication.processEvents()
    return panel


def _seed(cache: DiskCache, url: str, body: bytes, kind: str) -> None:
    cache.put(CacheEntry(url, url, kind, None, None, time.time()), body)


def feed_to_screen(runs: int = 7) -> Comparison:
    body = big_feed("http://127.0.0.1:9")
    reference = statistics.median(
        _timed(lambda: feedparser.parse(io.BytesIO(body))) for _ in range(runs)
    )
    samples = []
    for _ in range(runs):
        base = Path(tempfile.mkdtemp(prefix="news-bench-"))
        cache = DiskCache(base / "cache")
        url = "http://127.0.0.1:9/big.rss"
        _seed(cache, url, body, "application/rss+xml")
        fetcher, tasks = Fetcher(cache), TaskRunner()
        panel = _panel(fetcher, tasks, (Feed("Big", url),), base / "state")
        started = time.perf_counter()
        panel.news.load_cached()  # the first half of start(): no network in this figure
        _wait(lambda p=panel: p.model.rowCount() == 500)  # type: ignore[misc]
        panel.headlines.view.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
        tasks.shutdown()
        panel.deleteLater()
    return Comparison(
        "500-item feed, bytes to rows on screen (no target: parsed off the UI thread)",
        statistics.median(samples),
        reference,
        "ms",
    )


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _jpeg() -> bytes:
    image = QImage(1600, 1000, QImage.Format.Format_RGB32)
    image.fill(QColor("#3465a4"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
    return bytes(buffer.data().data())


def refresh_stall() -> Comparison:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        base_url = server.url_for("").rstrip("/")
        server.expect_request("/big.rss").respond_with_data(big_feed(base_url, salt="r"))
        picture = _jpeg()
        for n in range(30):
            server.expect_request(f"/thumbs/r{n}.jpg").respond_with_data(picture)
        base = Path(tempfile.mkdtemp(prefix="news-bench-"))
        fetcher, tasks = Fetcher(DiskCache(base / "cache")), TaskRunner()
        idle_end = time.perf_counter() + 1.0
        idle = _Heartbeat().run_until(lambda: time.perf_counter() > idle_end)
        panel = _panel(fetcher, tasks, (Feed("Big", server.url_for("/big.rss")),), base / "state")
        model = panel.model
        heartbeat = _Heartbeat()

        def done() -> bool:
            if model.rowCount() < 500:
                return False
            return all(model.index(r).data(NewsRole.THUMBNAIL) is not None for r in range(30))

        panel.start()
        stall = heartbeat.run_until(done)
        tasks.shutdown()
    finally:
        server.stop()
    return Comparison(
        "Refresh of 500 items + 30 new thumbnails, longest main-thread stall",
        stall,
        idle,
        "ms",
        target_measured=STALL_TARGET_MS,
    )


def _hostile_feeds(size: int) -> dict[str, bytes]:
    """Feeds that take the repair path or the slow decoding path, `size` bytes each."""
    item = "<item><title>caf\xe9 cr\xe8me &eacute;</title><link>https://x.example/?a=1&b=2</link></item>"
    return {
        "/ampersands.rss": b"<rss><channel><title>t</title>" + b"&" * size,
        "/entities.rss": b"<rss><channel><title>" + b"&nbsp;&dArr;" * (size // 12),
        "/latin1.rss": b"<rss><channel>" + item.encode("latin-1") * (size // len(item)),
        "/junk.rss": b"<rss>" + bytes(range(1, 256)) * (size // 255),
    }


def _long_text_feed(size: int) -> dict[str, bytes]:
    """A well-formed feed whose one title is `size` bytes of accented letters."""
    title = "\u00e9".encode() * (size // 2)
    return {
        "/long-text.rss": b"<rss><channel><item><title>"
        + title
        + b"</title></item></channel></rss>"
    }


def hostile_refresh_stall(
    make_feeds: Callable[[int], dict[str, bytes]] = _hostile_feeds,
    what: str = "four 4 MB hostile feeds",
    size: int = 4 * 1024 * 1024,
) -> Comparison:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        base_url = server.url_for("").rstrip("/")
        server.expect_request("/big.rss").respond_with_data(big_feed(base_url, salt="h"))
        for path, body in make_feeds(size).items():
            server.expect_request(path).respond_with_data(body, content_type="text/xml")
        feeds = tuple(Feed(p, server.url_for(p)) for p in ["/big.rss", *make_feeds(0)])
        base = Path(tempfile.mkdtemp(prefix="news-bench-"))
        fetcher, tasks = Fetcher(DiskCache(base / "cache")), TaskRunner()
        idle_end = time.perf_counter() + 1.0
        idle = _Heartbeat().run_until(lambda: time.perf_counter() > idle_end)
        panel = _panel(fetcher, tasks, feeds, base / "state")
        panel.start()
        stall = _Heartbeat().run_until(
            lambda: panel.model.rowCount() >= 500 and not panel.news.status.refreshing
        )
        tasks.shutdown()
    finally:
        server.stop()
    return Comparison(
        f"Refresh of 500 items + {what}, longest main-thread stall",
        stall,
        idle,
        "ms",
        target_measured=STALL_TARGET_MS,
    )


def cached_article(runs: int = 7) -> Comparison:
    base_url = "http://127.0.0.1:9"
    page = (FIXTURES / "article.html").read_text().replace("{base}", base_url).encode()
    feed = (FIXTURES / "npr_feed.xml").read_text().replace("{base}", base_url).encode()
    url = f"{base_url}/articles/bus-routes"
    reference = statistics.median(_timed(lambda: extract_article(page, url)) for _ in range(runs))
    samples = []
    for _ in range(runs):
        base = Path(tempfile.mkdtemp(prefix="news-bench-"))
        cache = DiskCache(base / "cache")
        _seed(cache, url, page, "text/html")
        _seed(cache, f"{base_url}/news.rss", feed, "application/rss+xml")
        fetcher, tasks = Fetcher(cache), TaskRunner()
        panel = _panel(fetcher, tasks, (Feed("News", f"{base_url}/news.rss"),), base / "state")
        panel.news.load_cached()
        _wait(lambda p=panel: p.model.rowCount() == 3)  # type: ignore[misc]
        article = next(a for a in panel.news.articles if a.link == url)
        started = time.perf_counter()
        panel.open_article(article)
        _wait(lambda p=panel: "What riders said" in p.reader.browser.toPlainText())  # type: ignore[misc]
        panel.reader.browser.viewport().repaint()
        samples.append((time.perf_counter() - started) * 1000)
        panel.reader.stop()
        tasks.shutdown(wait_ms=100)  # the network half fails fast: port 9 refuses
        panel.deleteLater()
    return Comparison(
        "Cached article to full text on screen",
        statistics.median(samples),
        reference,
        "ms",
        target_measured=CACHED_ARTICLE_TARGET_MS,
    )


def run() -> list[Comparison]:
    _app()
    return [
        feed_to_screen(),
        refresh_stall(),
        hostile_refresh_stall(),
        hostile_refresh_stall(_long_text_feed, "a feed with one 4 MB title"),
        cached_article(),
    ]
