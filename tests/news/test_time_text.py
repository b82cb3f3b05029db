"""Times and states in the words the panel uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from station_app.news.headlines import OFFLINE
from station_app.news.status import NewsPhase, NewsStatus, empty_text, no_feeds_text, status_line
from station_app.news.time_text import exact_time, relative_time, updated_phrase

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=20), "20 min ago"),
        (timedelta(hours=3, minutes=5), "3 h ago"),
        (timedelta(hours=30), "yesterday"),
        (timedelta(days=6), "Nov 18"),
        (timedelta(days=400), "Oct 20, 2025"),
        (timedelta(minutes=-30), "just now"),  # a clock ahead of ours
    ],
)
def test_relative_time(ago: timedelta, text: str) -> None:
    assert relative_time(NOW - ago, NOW) == text


def test_missing_time_is_blank_and_exact_time_is_spelled_out() -> None:
    assert relative_time(None, NOW) == ""
    assert exact_time(NOW, UTC) == "Tuesday, November 24, 2026, 3:00 PM"


def test_status_lines() -> None:
    now = NOW.timestamp()
    assert updated_phrase(now - 200, now) == "Updated 3 min ago"
    offline = NewsStatus(NewsPhase.OFFLINE, updated_at=now - 7300)
    assert status_line(offline, now) == "Offline — showing news from 2 h ago"
    assert status_line(NewsStatus(NewsPhase.READY, now - 30, refreshing=True), now) == "Refreshing…"


def test_empty_states_say_what_to_do() -> None:
    assert no_feeds_text("WNPR", "wnpr.org", False, "") == (
        "No news feeds yet",
        "WNPR has no news feeds set up. Look for them on wnpr.org, or add a news feed's address.",
    )
    assert no_feeds_text("WNPR", "wnpr.org", True, "") == (
        "Looking for news…",
        "Reading wnpr.org for the news feeds it announces.",
    )
    offline = NewsStatus(NewsPhase.FAILED, message=OFFLINE, offline=True)
    assert empty_text(offline, "WNPR") == ("Offline", OFFLINE)
    failed = NewsStatus(NewsPhase.FAILED, message="Could not reach a.example: timed out after 5 s.")
    assert empty_text(failed, "WNPR") == (
        "No headlines could be loaded",
        "Could not reach a.example: timed out after 5 s.\n\nCheck the connection, then Retry.",
    )
    assert empty_text(NewsStatus(NewsPhase.LOADING), "WNPR") == ("Loading the headlines…", "")
