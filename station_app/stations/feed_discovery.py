"""Finds the RSS and Atom feeds a web page announces with <link rel="alternate">.

A pure function, so whatever reads a station's home page (the website check of
Add station, the news panel when no feed is configured) uses the same one.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from station_app.net.web_address import is_web_url

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


@dataclass(frozen=True)
class DiscoveredFeed:
    title: str
    url: str


def discover_feeds(page: bytes | str, base_url: str, limit: int = 5) -> tuple[DiscoveredFeed, ...]:
    """Feeds announced in `page`'s <head>, absolute, http(s) only, in page order, no repeats."""
    from lxml import etree, html  # on first use, in the background task

    if not page or (isinstance(page, str) and not page.strip()):
        return ()
    try:
        document = html.fromstring(page)
    except (etree.ParserError, ValueError):
        return ()
    found: list[DiscoveredFeed] = []
    seen: set[str] = set()
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        url = urljoin(base_url, href)
        if not is_web_url(url) or url in seen:
            continue
        seen.add(url)
        # An attribute is text, not markup: only its spacing is tidied.
        title = " ".join((link.get("title") or "").split()) or "News"
        found.append(DiscoveredFeed(title, url))
        if len(found) >= limit:
            break
    return tuple(found)
