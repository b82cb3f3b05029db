"""The one content fetcher: every download in the app goes through here.

It is synchronous and thread-safe; callers run it in background tasks
(station_app.tasks), never on the UI thread. The HTTP cache is our own small
DiskCache rather than requests-cache because the size cap has to be enforced
while the body streams in, and a stale copy has to come back with its age and
the reason the network failed; both need the read loop under our control.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from station_app import __version__
from station_app.fetch.cache import CachedBody, CacheEntry, DiskCache
from station_app.fetch.cancel import NEVER_CANCELLED, CancelToken

if TYPE_CHECKING:
    import requests

from station_app.fetch.results import ContentKind, FailureKind, Fetched, FetchError, FetchResult
from station_app.web_address import is_web_url

USER_AGENT = f"station-app/{__version__}"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    retries: int = 2
    backoff_seconds: float = 0.5
    chunk_bytes: int = 64 * 1024


def _new_session() -> requests.Session:
    # requests (with ssl and urllib3) costs ~20 MB and a noticeable start-up
    # time; it loads with the first download, off the UI thread.
    import requests

    return requests.Session()


def _request_errors() -> type[requests.RequestException]:
    import requests

    return requests.RequestException


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


class Fetcher:
    """Downloads with timeouts, size caps, conditional requests, retries and stale fallback."""

    def __init__(
        self,
        cache: DiskCache | None,
        policy: FetchPolicy | None = None,
        session_factory: Callable[[], requests.Session] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._cache = cache
        self._policy = policy or FetchPolicy()
        self._session_factory = session_factory
        self._clock = clock
        self._local = threading.local()

    def _session(self) -> requests.Session:
        # requests.Session is not documented as thread-safe: one per worker thread.
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._session_factory() if self._session_factory else _new_session()
            session.headers["User-Agent"] = USER_AGENT
            self._local.session = session
        return session

    def cached(self, url: str) -> Fetched | None:
        """The last good copy without touching the network (for an instant first paint)."""
        if self._cache is None:
            return None
        hit = self._cache.get(url)
        if hit is None:
            return None
        return self._from_cache(url, hit, stale=True, error=None)

    def fetch(
        self,
        url: str,
        kind: ContentKind,
        cancel: CancelToken = NEVER_CANCELLED,
        use_cache: bool = True,
    ) -> FetchResult:
        if not is_web_url(url):
            return FetchError(
                url, FailureKind.BAD_URL, f'"{url}" is not a web address (http or https).'
            )
        cached = self._cache.get(url) if (self._cache and use_cache) else None
        result = self._fetch_with_retries(url, kind, cancel, cached)
        if isinstance(result, Fetched):
            return result
        if cached is not None and result.kind is not FailureKind.CANCELLED:
            return self._from_cache(url, cached, stale=True, error=result)
        return result

    def fetch_prefix(
        self, url: str, max_bytes: int, cancel: CancelToken = NEVER_CANCELLED
    ) -> FetchResult:
        """The first `max_bytes` of `url`, uncached: for sniffing endless live streams."""
        if not is_web_url(url):
            return FetchError(
                url, FailureKind.BAD_URL, f'"{url}" is not a web address (http or https).'
            )
        return self._fetch_once(url, None, cancel, None, prefix_bytes=max_bytes)

    def _fetch_with_retries(
        self, url: str, kind: ContentKind, cancel: CancelToken, cached: CachedBody | None
    ) -> FetchResult:
        attempt = 0
        while True:
            if cancel.cancelled:
                return FetchError(url, FailureKind.CANCELLED, "The request was cancelled.")
            result = self._fetch_once(url, kind, cancel, cached)
            if isinstance(result, Fetched) or not result.retryable:
                return result
            if attempt >= self._policy.retries:
                return result
            delay = self._policy.backoff_seconds * (2**attempt) * random.uniform(0.8, 1.2)
            attempt += 1
            if cancel.sleep(delay):
                return FetchError(url, FailureKind.CANCELLED, "The request was cancelled.")

    def _fetch_once(
        self,
        url: str,
        kind: ContentKind | None,
        cancel: CancelToken,
        cached: CachedBody | None,
        prefix_bytes: int | None = None,
    ) -> FetchResult:
        policy = self._policy
        headers: dict[str, str] = {}
        if cached is not None:
            if cached.entry.etag:
                headers["If-None-Match"] = cached.entry.etag
            if cached.entry.last_modified:
                headers["If-Modified-Since"] = cached.entry.last_modified
        current = url
        started = time.monotonic()
        for _hop in range(policy.max_redirects + 1):
            try:
                response = self._session().get(
                    current,
                    headers=headers,
                    stream=True,
                    allow_redirects=False,
                    timeout=(policy.connect_timeout, policy.read_timeout),
                )
            except _request_errors() as error:
                return self._network_error(url, current, error)
            with response:
                if response.status_code in _REDIRECTS and "Location" in response.headers:
                    target = urljoin(current, response.headers["Location"])
                    if not is_web_url(target):
                        return FetchError(
                            url,
                            FailureKind.REDIRECT,
                            f"{_host(url)} redirected to {target}, which is not a web "
                            "address; the redirect was refused.",
                        )
                    current = target
                    continue
                if response.status_code == 304 and cached is not None:
                    return self._revalidated(url, cached)
                if response.status_code >= 400:
                    return FetchError(
                        url,
                        FailureKind.HTTP_STATUS,
                        f"{_host(url)} answered {response.status_code} "
                        f"{response.reason or ''}".rstrip()
                        + f" for {url}.",
                        status=response.status_code,
                    )
                if prefix_bytes is not None:
                    prefix = self._read_prefix(url, response, prefix_bytes, cancel)
                    if isinstance(prefix, FetchError):
                        return prefix
                    content_type = response.headers.get("Content-Type", "")
                    return Fetched(url, current, prefix, content_type, self._clock())
                assert kind is not None
                body = self._read_body(url, response, kind, cancel, started)
                if isinstance(body, FetchError):
                    return body
                return self._store(url, current, response, body)
        return FetchError(
            url,
            FailureKind.REDIRECT,
            f"{_host(url)} redirected more than {policy.max_redirects} times; gave up.",
        )

    def _read_body(
        self,
        url: str,
        response: requests.Response,
        kind: ContentKind,
        cancel: CancelToken,
        started: float,
    ) -> bytes | FetchError:
        too_large = FetchError(
            url,
            FailureKind.TOO_LARGE,
            f"The {kind.noun} at {_host(url)} is larger than the "
            f"{_megabytes(kind.max_bytes)} allowed; it was not downloaded.",
        )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > kind.max_bytes:
            return too_large
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_content(self._policy.chunk_bytes):
                if cancel.cancelled:
                    return FetchError(url, FailureKind.CANCELLED, "The request was cancelled.")
                total += len(chunk)
                if total > kind.max_bytes:
                    return too_large
                if time.monotonic() - started > self._policy.total_timeout:
                    return FetchError(
                        url,
                        FailureKind.TIMEOUT,
                        f"Could not reach {_host(url)}: the download took longer "
                        f"than {self._policy.total_timeout:g} s.",
                    )
                chunks.append(chunk)
        except _request_errors() as error:
            return self._network_error(url, url, error)
        return b"".join(chunks)

    def _read_prefix(
        self, url: str, response: requests.Response, limit: int, cancel: CancelToken
    ) -> bytes | FetchError:
        buffer = bytearray()
        try:
            for chunk in response.iter_content(min(limit, self._policy.chunk_bytes)):
                if cancel.cancelled:
                    return FetchError(url, FailureKind.CANCELLED, "The request was cancelled.")
                buffer.extend(chunk)
                if len(buffer) >= limit:
                    break
        except _request_errors() as error:
            return self._network_error(url, url, error)
        return bytes(buffer[:limit])

    def _store(self, url: str, final_url: str, response: requests.Response, body: bytes) -> Fetched:
        now = self._clock()
        content_type = response.headers.get("Content-Type", "")
        if self._cache is not None:
            entry = CacheEntry(
                url=url,
                final_url=final_url,
                content_type=content_type,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                fetched_at=now,
            )
            self._cache.put(entry, body)
        return Fetched(url, final_url, body, content_type, now)

    def _revalidated(self, url: str, cached: CachedBody) -> Fetched:
        now = self._clock()
        if self._cache is not None:
            self._cache.put(replace(cached.entry, fetched_at=now), cached.body)
        entry = cached.entry
        return Fetched(url, entry.final_url, cached.body, entry.content_type, now, revalidated=True)

    def _from_cache(
        self, url: str, cached: CachedBody, stale: bool, error: FetchError | None
    ) -> Fetched:
        entry = cached.entry
        return Fetched(
            url,
            entry.final_url,
            cached.body,
            entry.content_type,
            entry.fetched_at,
            stale=stale,
            error=error,
        )

    def _network_error(
        self, url: str, current: str, error: requests.RequestException
    ) -> FetchError:
        import requests

        host = _host(current)
        policy = self._policy
        if isinstance(error, requests.ConnectTimeout):
            reason = f"timed out after {policy.connect_timeout:g} s"
            kind = FailureKind.CONNECTION
        elif isinstance(error, requests.Timeout):
            reason = f"timed out after {policy.read_timeout:g} s"
            kind = FailureKind.TIMEOUT
        else:
            text = str(error)
            kind = FailureKind.CONNECTION
            if "refused" in text:
                reason = "the connection was refused"
            elif "Name or service not known" in text or "NameResolution" in text:
                reason = "the name could not be found (is the computer offline?)"
            elif "reset" in text:
                reason = "the connection was reset"
            else:
                reason = "the connection failed"
        return FetchError(url, kind, f"Could not reach {host}: {reason}.")
