"""Read a station's home page for its streams, its Composer schedule id and its news feeds.

A pure function over the page's bytes, with lxml's HTML parser (never regular
expressions over HTML). Findings come in order of trust: audio elements,
links to stream or playlist files, data attributes holding stream addresses,
the og:audio tag; then the NPR Composer schedule (`data-stream-ucsid`); then
the feeds the page announces. Each finding says where on the page it was found.
Besides: the site's name (og:site_name, else the title) and its picture
(og:image, else its largest icon).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from station_app.net.web_address import is_web_url
from station_app.stations.feed_discovery import discover_feeds

if TYPE_CHECKING:
    from lxml import html

COMPOSER_SERVER = "https://api.composer.nprstations.org"
STREAM_EXTENSIONS = ("pls", "m3u", "m3u8", "mp3", "aac")
_UCS_ID = re.compile(r"^[A-Za-z0-9_-]{4,64}$")
_STREAM_WORDS = ("stream", "audio", "listen", "live", "mp3", "aac")


class FindingKind(enum.Enum):
    STREAM = "stream"
    SCHEDULE = "schedule"
    FEED = "feed"


@dataclass(frozen=True)
class Finding:
    """One thing found on the page: what, its address, and where it was found."""

    kind: FindingKind
    url: str
    source: str
    title: str = ""


@dataclass(frozen=True)
class SiteFindings:
    """Everything found on one page, most trusted first within each kind."""

    page_url: str
    page_title: str
    findings: tuple[Finding, ...]
    icon_url: str = ""  # the site's logo or icon, the largest it names

    def of_kind(self, kind: FindingKind) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.kind is kind)

    @property
    def is_empty(self) -> bool:
        return not self.findings


def _extension(url: str) -> str:
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def _absolute(base_url: str, value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    url = urljoin(base_url, value.strip())
    return url if is_web_url(url) else None


def _data_url(base_url: str, value: str) -> str | None:
    # Data attributes hold all sorts of words ("WNPR", "true"); only take what reads as an address.
    value = value.strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    addressy = value.startswith(("http://", "https://", "//", "/", "./", "../"))
    if not addressy and _extension(value) not in STREAM_EXTENSIONS:
        return None
    return _absolute(base_url, value)


def _streams(document: html.HtmlElement, base_url: str) -> Iterator[tuple[str, str]]:
    for audio in document.iter("audio"):
        url = _absolute(base_url, audio.get("src"))
        if url:
            yield url, "<audio> element"
        for source in audio.iter("source"):
            url = _absolute(base_url, source.get("src"))
            if url:
                yield url, "<source> of an <audio> element"
    for link in document.iter("a"):
        url = _absolute(base_url, link.get("href"))
        if url and _extension(url) in STREAM_EXTENSIONS:
            yield url, f"link to .{_extension(url)}"
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        for name, value in element.attrib.items():
            lowered = name.lower()
            if not lowered.startswith("data-") or lowered == "data-stream-ucsid":
                continue
            url = _data_url(base_url, value)
            named_for_audio = any(word in lowered for word in _STREAM_WORDS)
            if url and (named_for_audio or _extension(url) in STREAM_EXTENSIONS):
                yield url, f"{name} attribute"
    for meta in document.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:audio", "og:audio:url"):
            url = _absolute(base_url, meta.get("content"))
            if url:
                yield url, "og:audio tag"


def composer_widget(server: str, ucs_id: str) -> str:
    """The schedule address of a Composer station id on `server` (see COMPOSER_SERVER)."""
    return f"{server.rstrip('/')}/v1/widget/{ucs_id}"


def _schedules(document: html.HtmlElement, server: str) -> Iterator[tuple[str, str]]:
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        ucs_id = (element.get("data-stream-ucsid") or "").strip()
        if _UCS_ID.match(ucs_id):
            yield composer_widget(server, ucs_id), "data-stream-ucsid attribute"


def _title(document: html.HtmlElement) -> str:
    for meta in document.iter("meta"):
        if (meta.get("property") or "").lower() == "og:site_name" and meta.get("content"):
            return " ".join((meta.get("content") or "").split())[:120]
    title = document.findtext(".//title") or ""
    return " ".join(title.split())[:120]


_ICON_RELS = ("apple-touch-icon", "icon", "shortcut icon")


def _icon(document: html.HtmlElement, base_url: str) -> str:
    """The site's picture: og:image first (a logo sized for sharing), else its largest icon."""
    for meta in document.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:image", "og:logo"):
            url = _absolute(base_url, meta.get("content"))
            if url:
                return url
    best: tuple[int, str] | None = None
    for link in document.iter("link"):
        rel = " ".join((link.get("rel") or "").lower().split())
        url = _absolute(base_url, link.get("href"))
        if rel not in _ICON_RELS or url is None:
            continue
        sizes = (link.get("sizes") or "").lower().split("x")[0]
        size = int(sizes) if sizes.isdigit() else (180 if rel == "apple-touch-icon" else 16)
        if best is None or size > best[0]:
            best = (size, url)
    return best[1] if best else ""


def discover_site(
    page: bytes | str, base_url: str, composer_server: str = COMPOSER_SERVER
) -> SiteFindings:
    """What `page` (served from `base_url`) offers: streams, schedule ids and feeds.

    A Composer station id becomes a schedule address on `composer_server`.
    """
    from lxml import etree  # on first use, in the background task that reads the page
    from lxml import html as lxml_html

    empty = SiteFindings(base_url, "", ())
    if not page or (isinstance(page, str) and not page.strip()):
        return empty
    try:
        document = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return empty
    findings: list[Finding] = []
    seen: set[str] = set()
    for kind, found in (
        (FindingKind.STREAM, _streams(document, base_url)),
        (FindingKind.SCHEDULE, _schedules(document, composer_server)),
    ):
        for url, source in found:
            if url not in seen:
                seen.add(url)
                findings.append(Finding(kind, url, source))
    for feed in discover_feeds(page, base_url):
        if feed.url not in seen:
            seen.add(feed.url)
            findings.append(
                Finding(FindingKind.FEED, feed.url, '<link rel="alternate">', feed.title)
            )
    return SiteFindings(base_url, _title(document), tuple(findings), _icon(document, base_url))
