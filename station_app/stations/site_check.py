"""Add by website: fetch a home page, read what it offers, and probe each stream for audio.

One background task's worth of work, so the dialog shows the whole answer at
once, every stream already tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from station_app.net.cancel import NEVER_CANCELLED, CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, FetchError
from station_app.net.web_address import is_web_url
from station_app.stations.site_discovery import (
    COMPOSER_SERVER,
    FindingKind,
    SiteFindings,
    discover_site,
)
from station_app.streams.probe import ProbeResult, probe_stream

MAX_PROBES = 6


@dataclass(frozen=True)
class SiteCheck:
    """A page's findings and, for each stream probed, what it turned out to be."""

    findings: SiteFindings
    probes: dict[str, ProbeResult]

    def probe(self, url: str) -> ProbeResult | None:
        return self.probes.get(url)


@dataclass(frozen=True)
class SiteError:
    message: str


def normalise_site_url(text: str) -> str | None:
    """What a person pastes ("www.ctpublic.org", " https://x.org ") as a web address, or None."""
    candidate = text.strip()
    if not candidate or any(ch.isspace() for ch in candidate):
        return None
    if "://" not in candidate:
        candidate = "https://" + candidate
    parts = urlsplit(candidate)
    try:
        port = parts.port
    except ValueError:
        return None
    if not is_web_url(candidate) or ("." not in (parts.hostname or "") and port is None):
        return None
    return candidate


def check_site(
    fetcher: Fetcher,
    url: str,
    cancel: CancelToken = NEVER_CANCELLED,
    composer_server: str = COMPOSER_SERVER,
) -> SiteCheck | SiteError:
    """Fetch `url`, find its streams, schedule and feeds, and probe up to six streams."""
    fetched = fetcher.fetch(url, ContentKind.PAGE, cancel)
    if isinstance(fetched, FetchError):
        return SiteError(fetched.message)
    findings = discover_site(fetched.body, fetched.final_url, composer_server)
    fetcher.keep(fetched)
    probes: dict[str, ProbeResult] = {}
    for finding in findings.of_kind(FindingKind.STREAM)[:MAX_PROBES]:
        if cancel.cancelled:  # nobody waits for this answer any more
            return SiteError("The check was cancelled.")
        probes[finding.url] = probe_stream(fetcher, finding.url, cancel)
    return SiteCheck(findings, probes)
