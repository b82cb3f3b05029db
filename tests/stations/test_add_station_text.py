"""The website tab's wording: short verdicts and one summary sentence for each outcome."""

from __future__ import annotations

from station_app.stations.site_check import SiteCheck
from station_app.stations.site_discovery import Finding, FindingKind, SiteFindings
from station_app.stations.ui.add_station_text import summary, verdict
from station_app.streams.probe import ProbeOutcome, ProbeResult

PAGE = "https://radio.example.org/"
LIVE = Finding(FindingKind.STREAM, PAGE + "live", "<audio> element")
OLD = Finding(FindingKind.STREAM, PAGE + "old.pls", "link to .pls")
SCHEDULE = Finding(FindingKind.SCHEDULE, "https://api.composer.nprstations.org/v1/widget/ab12", "x")
FEED = Finding(FindingKind.FEED, PAGE + "rss", '<link rel="alternate">', "News")
AUDIO = ProbeResult(LIVE.url, ProbeOutcome.AUDIO, "sends MP3", "MP3", LIVE.url)
PAGE_ONLY = ProbeResult(OLD.url, ProbeOutcome.NOT_AUDIO, "answered with a web page, not audio.")


def check(*findings: Finding, probes: tuple[ProbeResult, ...] = ()) -> SiteCheck:
    return SiteCheck(SiteFindings(PAGE, "", findings), {p.url: p for p in probes})


def test_summary_counts_streams_that_sent_audio() -> None:
    assert summary(check(LIVE, OLD, probes=(AUDIO, PAGE_ONLY))) == (
        "1 of 2 streams found sent audio. "
        "Tick what to keep, check the name, then press Add station."
    )
    assert summary(check(LIVE, probes=(AUDIO,))).startswith("1 of 1 stream found sent audio.")


def test_summary_for_dead_streams_no_streams_and_nothing_at_all() -> None:
    assert summary(check(OLD, probes=(PAGE_ONLY,))) == (
        "The stream found sent no audio. Try the station's “Listen live” page, or search the "
        "directory."
    )
    assert summary(check(OLD, OLD, probes=(PAGE_ONLY,))).startswith(
        "None of the 2 streams found sent audio."
    )
    assert summary(check(FEED)).startswith("No stream was found on the page.")
    assert summary(check()).startswith(f"Nothing usable was found on {PAGE}:")


def test_verdicts_are_short_with_the_full_sentence_beside() -> None:
    result = check(LIVE, OLD, SCHEDULE, FEED, probes=(AUDIO, PAGE_ONLY))
    assert verdict(LIVE, result) == ("MP3 audio", "sends MP3", True)
    assert verdict(OLD, result) == ("Not audio", PAGE_ONLY.message, False)
    assert verdict(SCHEDULE, result)[0::2] == ("Program schedule", True)
    assert verdict(FEED, result) == ("News", f"News feed “News” at {FEED.url}", True)
    untried = check(Finding(FindingKind.STREAM, PAGE + "seventh.mp3", "link to .mp3"))
    assert verdict(untried.findings.findings[0], untried)[0::2] == ("Not tried", False)
