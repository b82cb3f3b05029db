"""Schedule time spellings and zones: midnight, both DST changes, other spellings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from station_app.schedule.times import (
    add_days_wall,
    entry_moment,
    in_zone,
    parse_clock,
    parse_clock_minutes,
    parse_date,
    parse_js_datetime,
    parse_station_datetime,
)

NEW_YORK = ZoneInfo("America/New_York")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    ["2016-07-31 00:00", "2016/07/31 00:00", "2016-07-31T00:00:00", "2016-7-31 0:00"],
)
def test_station_times_in_other_spellings_are_read_in_the_station_zone(text: str) -> None:
    assert parse_station_datetime(text, NEW_YORK) == utc(2016, 7, 31, 4, 0)


def test_station_time_with_an_explicit_offset_keeps_it() -> None:
    moment = parse_station_datetime("2016-07-31T00:00:00Z", NEW_YORK)
    assert moment == utc(2016, 7, 31, 0, 0)


@pytest.mark.parametrize("text", ["", "soon", "2016-13-40 00:00", "2016-07-31 25:00", None, 5])
def test_unreadable_station_times_give_none(text: object) -> None:
    assert parse_station_datetime(text, NEW_YORK) is None


def test_javascript_date_string_carries_its_offset() -> None:
    moment = parse_js_datetime("Sun Jul 31 2016 00:00:00 GMT-0400 (EDT)")
    assert moment == utc(2016, 7, 31, 4, 0)
    assert parse_js_datetime("Fri Sep 14 2018 23:00:00 GMT+0530") == utc(2018, 9, 14, 17, 30)
    assert parse_js_datetime("Sun Foo 31 2016 00:00:00 GMT-0400") is None
    assert parse_js_datetime("yesterday") is None


def test_dates_and_clocks_in_several_spellings() -> None:
    assert parse_date("2016/07/31") == parse_date("07/31/2016") == date(2016, 7, 31)
    assert parse_date("31.07.2016") is None
    assert parse_clock("23:05") == time(23, 5)
    assert parse_clock("11:05 pm") == time(23, 5)
    assert parse_clock("12:00 am") == time(0, 0)
    assert parse_clock("24:00") is None
    assert parse_clock_minutes("24:00") == 1440
    assert parse_clock_minutes("13:00 pm") is None


def test_spring_forward_gap_moves_to_the_real_time_after_it() -> None:
    # 02:30 does not exist in New York on 8 March 2026.
    moment = in_zone(date(2026, 3, 8), time(2, 30), NEW_YORK)
    assert moment == utc(2026, 3, 8, 7, 30)
    assert moment.astimezone(NEW_YORK).hour == 3


def test_fall_back_repeated_hour_is_told_apart_by_the_utc_spelling() -> None:
    first = entry_moment(
        "2026-11-01 01:30", "Sun Nov 01 2026 01:30:00 GMT-0400 (EDT)", None, None, NEW_YORK
    )
    second = entry_moment(
        "2026-11-01 01:30", "Sun Nov 01 2026 01:30:00 GMT-0500 (EST)", None, None, NEW_YORK
    )
    assert first == utc(2026, 11, 1, 5, 30)
    assert second == utc(2026, 11, 1, 6, 30)


def test_entry_moment_prefers_full_then_utc_then_date_and_clock() -> None:
    full = entry_moment(
        "2026-11-24 09:00", "Tue Nov 24 2026 08:00:00 GMT-0500", None, None, NEW_YORK
    )
    assert full == utc(2026, 11, 24, 14, 0)  # the two disagree: the station's own time wins
    assert entry_moment(None, "Tue Nov 24 2026 08:00:00 GMT-0500", None, None, NEW_YORK) == utc(
        2026, 11, 24, 13, 0
    )
    assert entry_moment(None, None, "2026-11-24", "07:00", NEW_YORK) == utc(2026, 11, 24, 12, 0)
    assert entry_moment(None, None, "2026-11-24", None, NEW_YORK) is None


def test_a_wall_clock_day_across_dst_is_23_or_25_hours() -> None:
    before_spring = utc(2026, 3, 7, 17, 0)  # noon EST
    assert (add_days_wall(before_spring, 1, NEW_YORK) - before_spring).total_seconds() == 23 * 3600
    before_fall = utc(2026, 10, 31, 16, 0)  # noon EDT
    assert (add_days_wall(before_fall, 1, NEW_YORK) - before_fall).total_seconds() == 25 * 3600
