"""Before libVLC opens a stream: look at its first bytes to catch what is not audio.

libVLC reports a refused connection, a 404 or a web page as a plain "Ended";
a short look through the shared fetcher gives the person the real reason.
Runs in a background task.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.fetch.cancel import CancelToken
from station_app.fetch.fetcher import Fetcher
from station_app.fetch.results import FailureKind, FetchError

PREFIX_BYTES = 8 * 1024


@dataclass(frozen=True)
class PlayableStream:
    """What libVLC should open."""

    url: str


@dataclass(frozen=True)
class StreamProblem:
    """Why a stream cannot play; `permanent` when retrying cannot help (404, web page)."""

    url: str
    reason: str
    permanent: bool


Resolution = PlayableStream | StreamProblem


def _looks_like_html(content_type: str, body: bytes) -> bool:
    if content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml"):
        return True
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _sentence_start(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]


def problem_from_fetch(url: str, error: FetchError) -> StreamProblem:
    permanent = error.kind in (FailureKind.BAD_URL, FailureKind.REDIRECT) or (
        error.kind is FailureKind.HTTP_STATUS and (error.status or 0) < 500
    )
    return StreamProblem(url, _sentence_start(error.message), permanent)


def resolve_stream(fetcher: Fetcher, url: str, cancel: CancelToken) -> Resolution:
    result = fetcher.fetch_prefix(url, PREFIX_BYTES, cancel)
    if isinstance(result, FetchError):
        return problem_from_fetch(url, result)
    if _looks_like_html(result.content_type, result.body):
        return StreamProblem(
            url, f"the stream at {url} answered with a web page, not audio", permanent=True
        )
    if not result.body:
        return StreamProblem(url, f"the stream at {url} sent nothing", permanent=False)
    return PlayableStream(url)
