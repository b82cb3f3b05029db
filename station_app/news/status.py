"""Where the news stands (loading, ready, offline, failed, no feeds) and how to say it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from station_app.news.time_text import age_phrase, updated_phrase


class NewsPhase(enum.Enum):
    LOADING = "loading"  # nothing to show yet, first answer pending
    READY = "ready"
    OFFLINE = "offline"  # showing a cached copy because the network failed
    STALE = "stale"  # showing older headlines because the new ones could not be read
    FAILED = "failed"  # nothing to show and the network failed
    NO_FEEDS = "no-feeds"


SHOWING_OLDER = frozenset({NewsPhase.OFFLINE, NewsPhase.STALE})


@dataclass(frozen=True)
class NewsStatus:
    phase: NewsPhase
    updated_at: float | None = None
    message: str = ""
    refreshing: bool = False
    offline: bool = False  # not one feed's server could be reached


def status_line(status: NewsStatus, now: float) -> str:
    """The line above the headlines, e.g. "Offline — showing news from 2 h ago"."""
    if status.phase in SHOWING_OLDER and status.updated_at is not None:
        lead = "Offline" if status.phase is NewsPhase.OFFLINE else "Could not refresh"
        return f"{lead} — showing news from {age_phrase(now - status.updated_at)} ago"
    if status.refreshing:
        return "Refreshing…"
    if status.phase is NewsPhase.READY:
        return updated_phrase(status.updated_at, now)
    return ""


def no_feeds_text(network_name: str, site: str, looking: bool, problem: str) -> tuple[str, str]:
    """What the panel says without feeds: what is being done, or what a person can do."""
    if looking:
        return "Looking for news…", f"Reading {site} for the news feeds it announces."
    if problem:
        again = f"Look on {site} again, or add" if site else "You can add"
        return (
            "No news feeds yet",
            f"{network_name} has no news feeds set up. {problem}\n\n{again} a news feed's address.",
        )
    if site:
        return (
            "No news feeds yet",
            f"{network_name} has no news feeds set up. Look for them on {site}, "
            "or add a news feed's address.",
        )
    return (
        "No news feeds yet",
        f"{network_name} has no news feeds set up. Add a news feed's address to read "
        "its headlines here.",
    )


def empty_text(status: NewsStatus, network_name: str) -> tuple[str, str]:
    """What the panel says when it has no headlines (and has feeds): a title and what to do."""
    if status.phase is NewsPhase.FAILED:
        if status.offline:
            return "Offline", status.message
        return (
            "No headlines could be loaded",
            f"{status.message}\n\nCheck the connection, then Retry.",
        )
    if status.phase is NewsPhase.LOADING or status.refreshing:
        return "Loading the headlines…", ""
    return "No headlines right now", "The feeds have no stories at the moment."
