"""What the website tab says about its findings: short verdicts and the summary sentence.

Plain functions of the findings (no widgets), so the wording is tested directly.
"""

from __future__ import annotations

from station_app.stations.site_check import SiteCheck
from station_app.stations.site_discovery import Finding, FindingKind
from station_app.streams.probe import ProbeOutcome

KIND_NAMES = {
    FindingKind.STREAM: "Stream",
    FindingKind.SCHEDULE: "Schedule",
    FindingKind.FEED: "News feed",
}
_SHORT = {
    ProbeOutcome.NOT_AUDIO: "Not audio",
    ProbeOutcome.UNREACHABLE: "Unreachable",
    ProbeOutcome.EMPTY_PLAYLIST: "Empty playlist",
}


def where_found(finding: Finding) -> str:
    """Where on the page, in a person's words (the finding's source names HTML)."""
    source = finding.source
    if finding.kind is FindingKind.FEED:
        return "Announced by the page"
    if finding.kind is FindingKind.SCHEDULE:
        return "The page's player"
    if "<audio>" in source:
        return "Audio player on the page"
    if source.startswith("link to ."):
        return f"Link to a .{source.removeprefix('link to .')} file"
    if source.startswith("og:audio"):
        return "The page's audio preview"
    if source.endswith(" attribute"):
        return "Listen button on the page"
    return "On the page"


def verdict(finding: Finding, result: SiteCheck) -> tuple[str, str, bool]:
    """Short result for the list, the full sentence, and whether it can be ticked."""
    if finding.kind is FindingKind.STREAM:
        probe = result.probe(finding.url)
        if probe is None:
            return "Not tried", "Not tried: only the first streams on a page are tried.", False
        if probe.ok:
            return f"{probe.audio_format} audio", probe.message, True
        return _SHORT.get(probe.outcome, "Not audio"), probe.message, False
    if finding.kind is FindingKind.SCHEDULE:
        text = (
            "The station's program schedule (NPR Composer), found in the page's player: "
            f"{finding.url}"
        )
        return "Program schedule", text, True
    return finding.title or "News", f"News feed “{finding.title}” at {finding.url}", True


def summary(result: SiteCheck) -> str:
    """One sentence on what the page gave, then what to do next."""
    found = result.findings
    if found.is_empty:
        return (
            f"Nothing usable was found on {found.page_url}: no audio links, no schedule id "
            "and no news feeds. Try the station's “Listen live” page instead."
        )
    working = sum(1 for probe in result.probes.values() if probe.ok)
    streams = len(found.of_kind(FindingKind.STREAM))
    if streams == 0:
        return (
            "No stream was found on the page. Try the station's “Listen live” page, "
            "or search the directory."
        )
    if working == 0:
        lead = (
            "The stream found sent no audio."
            if streams == 1
            else f"None of the {streams} streams found sent audio."
        )
        return f"{lead} Try the station's “Listen live” page, or search the directory."
    noun = "stream" if streams == 1 else "streams"
    return (
        f"{working} of {streams} {noun} found sent audio. "
        "Tick what to keep, check the name, then press Add station."
    )
