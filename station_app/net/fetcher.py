"""The one content fetcher: every download in the app goes through here.

It is synchronous and thread-safe; callers run it in background tasks
(station_app.tasks), never on the UI thread. The HTTP cache is our own small
DiskCache rather than requests-cache because the size cap has to be enforced
while the body streams in, a stale copy has to come back with its age and the
reason the network failed, and only a body its user could read is kept as the
last good copy (`keep`); all need the read loop under our control.

Every request runs under a Guard (guarded_http): a wall-clock deadline over
all its redirects and retries, cancellation that cuts the connection at once,
and, for what a page refers to, no address more private than the page's own.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from station_app import __version__
from station_app.net.cache import CachedBody, CacheEntry, DiskCache
from station_app.net.cancel import NEVER_CANCELLED, CancelToken
from station_app.net.reach import AddressClass, Classifier, Reach, address_class, resolved

if TYPE_CHECKING:
    import requests

    from station_app.net.guarded_http import Guard

from station_app.net.results import ContentKind, FailureKind, Fetched, FetchError, FetchResult
from station_app.net.web_address import is_web_url

USER_AGENT = f"station-app/{__version__}"
# Failures after which the last good copy is not offered: the request never
# really went out, or went nowhere it was allowed to.
_NO_FALLBACK = {FailureKind.CANCELLED, FailureKind.REFUSED}
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

    from station_app.net.guarded_http import GuardedAdapter

    session = requests.Session()
    session.mount("http://", GuardedAdapter())
    session.mount("https://", GuardedAdapter())
    return session


def _watchdog_guard(
    seconds: float, cancel: CancelToken, reach: Reach | None
) -> contextlib.AbstractContextManager[Guard]:
    from station_app.net.guarded_http import WATCHDOG

    return WATCHDOG.guard(seconds, cancel, reach)


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
        classify: Classifier = address_class,
    ) -> None:
        self._cache = cache
        self._policy = policy or FetchPolicy()
        self._session_factory = session_factory
        self._clock = clock
        self._classify = classify
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
        reach: Reach | None = None,
    ) -> FetchResult:
        """`url`'s body, or the last good copy marked stale when the network fails.

        A fresh body is not kept until `keep` is called with it: only what its
        user could read replaces the last good copy. With a `reach` (see
        `reach_of`), no address beyond it is ever contacted, redirects included.
        """
        if not is_web_url(url):
            return FetchError(
                url, FailureKind.BAD_URL, f'"{url}" is not a web address (http or https).'
            )
        cached = self._cache.get(url) if (self._cache and use_cache) else None
        with _watchdog_guard(self._policy.total_timeout, cancel, reach) as guard:
            result = self._fetch_with_retries(url, kind, cancel, cached, guard)
        if isinstance(result, Fetched):
            return result
        if cached is not None and result.kind not in _NO_FALLBACK:
            return self._from_cache(url, cached, stale=True, error=result)
        return result

    def keep(self, fetched: Fetched) -> None:
        """Keeps a fresh body as the last good copy of its URL (call once it proved readable)."""
        if self._cache is None or fetched.stale or fetched.revalidated:
            return
        entry = CacheEntry(
            url=fetched.url,
            final_url=fetched.final_url,
            content_type=fetched.content_type,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            fetched_at=fetched.fetched_at,
        )
        self._cache.put(entry, fetched.body)

    def reach_of(self, page_url: str | None) -> Reach:
        """What a page may make the app reach: nothing more private than its own address.

        Without a page, only the internet. Resolves the page's name: call it off the UI thread.
        """
        if page_url is None:
            return Reach(AddressClass.PUBLIC, self._classify)
        parts = urlsplit(page_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        classes = [self._classify(a) for a in resolved(parts.hostname or "", port)]
        return Reach(min(classes, default=AddressClass.PUBLIC), self._classify)

    def fetch_prefix(
        self, url: str, max_bytes: int, cancel: CancelToken = NEVER_CANCELLED
    ) -> FetchResult:
        """The first `max_bytes` of `url`, uncached: for sniffing endless live streams."""
        if not is_web_url(url):
            return FetchError(
                url, FailureKind.BAD_URL, f'"{url}" is not a web address (http or https).'
            )
        with _watchdog_guard(self._policy.total_timeout, cancel, None) as guard:
            result = self._fetch_once(url, None, cancel, None, prefix_bytes=max_bytes)
            return self._checked(url, result, guard)

    def _fetch_with_retries(
        self,
        url: str,
        kind: ContentKind,
        cancel: CancelToken,
        cached: CachedBody | None,
        guard: Guard,
    ) -> FetchResult:
        attempt = 0
        while True:
            if cancel.cancelled:
                return FetchError(url, FailureKind.CANCELLED, "The request was cancelled.")
            result = self._checked(url, self._fetch_once(url, kind, cancel, cached), guard)
            if isinstance(result, Fetched) or not result.retryable:
                return result
            if attempt >= self._policy.retries or guard.cut:
                return result
            delay = self._policy.backoff_seconds * (2**attempt) * random.uniform(0.8, 1.2)
            attempt += 1
            if cancel.sleep(delay):
                return FetchError(url, FailureKind.CANCELLED, "The request was cancelled.")

    def _checked(self, url: str, result: FetchResult, guard: Guard) -> FetchResult:
        """`result`, unless the guard cut the request: a cut body is never a whole one."""
        if guard.refused is not None:
            return FetchError(
                url,
                FailureKind.REFUSED,
                f"{guard.refused.host} is on {guard.refused.place}, which a page from "
                "farther away may not reach; it was not contacted.",
            )
        if guard.timed_out:
            return FetchError(
                url,
                FailureKind.TIMEOUT,
                f"Could not reach {_host(url)}: no complete answer within "
                f"{self._policy.total_timeout:g} s.",
            )
        if guard.cancel.cancelled:
            return FetchError(url, FailureKind.CANCELLED, "The request was cancelled.")
        return result

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
                body = self._read_body(url, response, kind, cancel)
                if isinstance(body, FetchError):
                    return body
                return Fetched(
                    url,
                    current,
                    body,
                    response.headers.get("Content-Type", ""),
                    self._clock(),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
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
