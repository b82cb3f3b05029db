"""Composer `now` and `day` answers parsed defensively, straight from bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from station_app.schedule.composer import (
    day_url,
    now_url,
    parse_day,
    parse_entry,
    parse_now,
)
from station_app.schedule.entries import NowAnswer, ScheduleProblem

NEW_YORK = ZoneInfo("America/New_York")
FIXTURES = Path(__file__).parent / "fixtures"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_now_answer_gives_on_now_with_hosts_link_and_next_programs() -> None:
    answer = parse_now((FIXTURES / "now_wnpr.json").read_bytes(), NEW_YORK)
    assert isinstance(answer, NowAnswer)
    assert answer.on_now is not None
    assert answer.on_now.program == "Where We Live"
    assert answer.on_now.host_text == "Catherine Shen and Tess Terrible"
    assert answer.on_now.link == "https://radio.example/programs/where-we-live"
    assert (answer.on_now.start, answer.on_now.end) == (
        utc(2026, 11, 24, 14),
        utc(2026, 11, 24, 15),
    )
    assert [(e.program, e.link, e.start) for e in answer.next_up] == [
        ("Here & Now", None, utc(2026, 11, 24, 15)),
        ("The Colin McEnroe Show", None, utc(2026, 11, 24, 17)),
    ]
    # The host is already in the name: not repeated.
    assert answer.next_up[1].host_text == ""


def test_empty_next_up_and_missing_on_now_are_fine() -> None:
    answer = parse_now(b'{"onNow": null, "nextUp": []}', NEW_YORK)
    assert answer == NowAnswer(None, ())
    assert parse_now(b"{}", NEW_YORK) == NowAnswer(None, ())


@pytest.mark.parametrize(
    "body", [b"", b"<html>Service Unavailable</html>", b'{"onNow": ', b"[1, 2]", b"\xff\xfe"]
)
def test_malformed_answers_are_a_sentence_not_an_exception(body: bytes) -> None:
    result = parse_now(body, NEW_YORK, "api.radio.example")
    assert isinstance(result, ScheduleProblem)
    assert "api.radio.example" in result.message
    assert isinstance(parse_day(body, NEW_YORK), ScheduleProblem)


def entry(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "fullstart": "2026-11-24 23:00",
        "fullend": "2026-11-25 01:00",
        "program": {"name": "Jazz Overnight", "hosts": [{"name": "A. Host"}, "B. Host", 5]},
    }
    base.update(fields)
    return base


def test_program_spanning_midnight_ends_the_next_day() -> None:
    spanning = parse_entry(entry(), NEW_YORK)
    assert spanning is not None
    assert (spanning.start, spanning.end) == (utc(2026, 11, 25, 4), utc(2026, 11, 25, 6))
    assert spanning.hosts == ("A. Host", "B. Host")
    clock_only = parse_entry(
        {
            "date": "2026-11-24",
            "start_time": "23:00",
            "end_time": "01:00",
            "program": {"name": "X"},
        },
        NEW_YORK,
    )
    assert clock_only is not None
    assert clock_only.end == utc(2026, 11, 25, 6)
    midnight = parse_entry(
        entry(fullstart="2026-11-24 23:00", fullend="2026-11-25 00:00"), NEW_YORK
    )
    assert midnight is not None and midnight.end == utc(2026, 11, 25, 5)


@pytest.mark.parametrize(
    "fields",
    [
        {"program": {}},
        {"program": "Jazz"},
        {"fullstart": None},
        {"fullend": "later"},
        {"fullend": "2026-12-25 01:00"},  # a month long: a mistake, not a program
    ],
)
def test_entries_without_name_or_usable_times_are_skipped(fields: dict[str, Any]) -> None:
    assert parse_entry(entry(**fields), NEW_YORK) is None


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "/programs/x", "file:///etc/passwd", "", None, 3]
)
def test_only_absolute_web_links_are_kept(link: object) -> None:
    parsed = parse_entry(entry(program={"name": "X", "program_link": link}), NEW_YORK)
    assert parsed is not None and parsed.link is None


def test_day_answer_is_sorted_and_deduplicated() -> None:
    day = {
        "params": {"date": "2026-11-24", "format": "json"},
        "onToday": [
            entry(fullstart="2026-11-24 10:00", fullend="2026-11-24 11:00"),
            entry(fullstart="2026-11-24 09:00", fullend="2026-11-24 10:00"),
            entry(fullstart="2026-11-24 09:00", fullend="2026-11-24 10:00"),
            {"program": {"name": "No times"}},
            "junk",
        ],
    }
    entries = parse_day(json.dumps(day).encode(), NEW_YORK)
    assert not isinstance(entries, ScheduleProblem)
    assert [e.start.hour for e in entries] == [14, 15]
    assert parse_day(b'{"params": {}}', NEW_YORK) == ()
    assert isinstance(parse_day(b'{"onToday": "none"}', NEW_YORK), ScheduleProblem)


def test_addresses_are_built_from_the_base_url() -> None:
    base = "https://api.radio.example/v1/widget/abc/"
    assert now_url(base) == "https://api.radio.example/v1/widget/abc/now?format=json"
    assert day_url(base, datetime(2026, 3, 8).date()).endswith("/day?date=2026-03-08&format=json")
