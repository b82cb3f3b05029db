"""What a fetch returns: content, or an error a person can read."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ContentKind(enum.Enum):
    """What is being fetched; each kind has its own size cap."""

    FEED = ("news feed", 10 * 1024 * 1024)
    PAGE = ("web page", 5 * 1024 * 1024)
    IMAGE = ("image", 8 * 1024 * 1024)
    JSON = ("schedule", 2 * 1024 * 1024)
    DIRECTORY = ("station directory answer", 2 * 1024 * 1024)
    PLAYLIST = ("playlist", 512 * 1024)

    def __init__(self, noun: str, max_bytes: int) -> None:
        self.noun = noun
        self.max_bytes = max_bytes


class FailureKind(enum.Enum):
    BAD_URL = "bad-url"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    HTTP_STATUS = "http-status"
    TOO_LARGE = "too-large"
    REDIRECT = "redirect"
    CANCELLED = "cancelled"
    REFUSED = "refused"  # an address more private than the request may reach


@dataclass(frozen=True)
class FetchError:
    """Why a fetch failed, as one sentence ("Could not reach … : timed out after 15 s")."""

    url: str
    kind: FailureKind
    message: str
    status: int | None = None

    @property
    def retryable(self) -> bool:
        if self.kind is FailureKind.CONNECTION:
            return True
        return self.kind is FailureKind.HTTP_STATUS and (self.status or 0) >= 500


@dataclass(frozen=True)
class Fetched:
    """A body and where it came from.

    `stale` means the network failed and this is the last good copy, fetched at
    `fetched_at` (epoch seconds); `error` then says why the network failed.
    `revalidated` means the server answered 304 and the cached body was reused.
    `etag` and `last_modified` are the validators kept with the body by `Fetcher.keep`.
    """

    url: str
    final_url: str
    body: bytes
    content_type: str
    fetched_at: float
    stale: bool = False
    revalidated: bool = False
    error: FetchError | None = None
    etag: str | None = None
    last_modified: str | None = None


FetchResult = Fetched | FetchError
