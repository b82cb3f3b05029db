"""On-disk HTTP cache: last good body per URL plus its validators (ETag, Last-Modified)."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from station_app.config.atomic import write_atomic

log = logging.getLogger(__name__)


def _sha256(data: bytes) -> str:
    # hashlib maps OpenSSL's libcrypto (~3 MB); it loads with the first download.
    import hashlib

    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    url: str
    final_url: str
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: float  # when the body was last confirmed by the server


@dataclass(frozen=True)
class CachedBody:
    entry: CacheEntry
    body: bytes


class DiskCache:
    """One body file and one metadata file per URL, written atomically.

    Safe to use from several threads: writes of the same URL are serialised and
    a reader sees the old pair or the new one (the metadata is written last and
    names the body's hash). The cache stays within `max_bytes`: it is pruned
    with the first write of a session and again after every eighth of the
    budget written.
    """

    def __init__(
        self,
        directory: Path,
        max_bytes: int = 200 * 1024 * 1024,
        on_write_error: Callable[[Path, OSError], None] | None = None,
    ) -> None:
        self._directory = directory
        self._max_bytes = max_bytes
        self._on_write_error = on_write_error  # called on the writing thread
        self._lock = threading.Lock()
        self._written_since_prune: int | None = None  # None: not pruned yet this session

    def _stem(self, url: str) -> Path:
        return self._directory / _sha256(url.encode("utf-8"))

    def get(self, url: str) -> CachedBody | None:
        stem = self._stem(url)
        try:
            meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
            body = stem.with_suffix(".body").read_bytes()
            digest = meta.pop("body_sha256")
            entry = CacheEntry(**meta)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if _sha256(body) != digest or entry.url != url:
            return None
        return CachedBody(entry, body)

    def put(self, entry: CacheEntry, body: bytes) -> None:
        stem = self._stem(entry.url)
        meta = asdict(entry) | {"body_sha256": _sha256(body)}
        try:
            with self._lock:
                write_atomic(stem.with_suffix(".body"), body)
                write_atomic(stem.with_suffix(".json"), json.dumps(meta).encode("utf-8"))
        except OSError as error:
            log.warning("Could not cache %s: %s", entry.url, error)
            if self._on_write_error is not None:
                self._on_write_error(stem, error)
            return
        with self._lock:
            written = self._written_since_prune
            due = written is None or written + len(body) >= self._max_bytes // 8
            self._written_since_prune = 0 if due else (written or 0) + len(body)
        if due:
            self.prune()

    def prune(self) -> None:
        """Drop the least recently written entries beyond the size budget."""
        with self._lock:
            sizes: list[tuple[float, int, Path]] = []
            try:
                bodies = list(self._directory.glob("*.body"))
            except OSError:
                return
            for body in bodies:
                with contextlib.suppress(OSError):  # a file another process just removed
                    status = body.stat()
                    sizes.append((status.st_mtime, status.st_size, body))
            total = 0
            for _mtime, size, body in sorted(sizes, key=lambda item: item[0], reverse=True):
                total += size
                if total > self._max_bytes:
                    with contextlib.suppress(OSError):
                        body.with_suffix(".json").unlink(missing_ok=True)
                        body.unlink(missing_ok=True)
