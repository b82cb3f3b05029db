"""The on-disk cache: only kept copies, and never beyond its size budget."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pytest_httpserver import HTTPServer

from station_app.net.cache import CacheEntry, DiskCache
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, Fetched


def entry(n: int) -> CacheEntry:
    return CacheEntry(f"https://news.example/{n}", f"https://news.example/{n}", "", None, None, n)


def bodies_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.body"))


def test_the_cache_stays_within_its_budget_and_keeps_the_newest(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache", max_bytes=10_000)
    for n in range(60):
        cache.put(entry(n), bytes([n]) * 1000)
        # Written a second apart, whatever the file system's timestamp resolution.
        name = hashlib.sha256(entry(n).url.encode()).hexdigest()
        os.utime(tmp_path / "cache" / f"{name}.body", (1_000_000 + n, 1_000_000 + n))
    assert bodies_size(tmp_path / "cache") <= 10_000 + 10_000 // 8 + 1000
    assert cache.get("https://news.example/59") is not None
    assert cache.get("https://news.example/0") is None


def test_a_body_that_was_not_kept_never_replaces_the_last_good_copy(
    content_server: HTTPServer, tmp_path: Path
) -> None:
    fetcher = Fetcher(DiskCache(tmp_path / "cache"))
    url = content_server.url_for("/feed")
    content_server.expect_oneshot_request("/feed").respond_with_data(b"<rss>good</rss>")
    content_server.expect_request("/feed").respond_with_data(b"garbage")
    good = fetcher.fetch(url, ContentKind.FEED)
    assert isinstance(good, Fetched)
    fetcher.keep(good)
    garbage = fetcher.fetch(url, ContentKind.FEED)
    assert isinstance(garbage, Fetched) and garbage.body == b"garbage"
    cached = Fetcher(DiskCache(tmp_path / "cache")).cached(url)  # after a restart
    assert cached is not None and cached.body == b"<rss>good</rss>"
