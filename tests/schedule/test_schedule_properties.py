"""Whatever a schedule server sends, parsing gives an answer or a sentence, never a crash."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from station_app.schedule.composer import parse_day, parse_now
from station_app.schedule.entries import NowAnswer, ScheduleProblem

NEW_YORK = ZoneInfo("America/New_York")
KEYS = st.sampled_from(
    [
        "onNow", "nextUp", "onToday", "program", "name", "hosts", "program_link", "date",
        "start_time", "end_time", "fullstart", "fullend", "start_utc", "end_utc",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-03-08 02:30", "2026-11-01 01:30", "2026/11/24 23:00", "24:00", "23:00",
            "Sun Nov 01 2026 01:30:00 GMT-0500 (EST)", "2026-11-24", "https://radio.example/p",
        ]
    ),
)  # fmt: skip
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXTS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(KEYS | st.text(max_size=5), inner, max_size=6)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_any_json_gives_valid_entries_or_a_problem(document: object) -> None:
    body = json.dumps(document).encode()
    answer = parse_now(body, NEW_YORK)
    assert isinstance(answer, NowAnswer | ScheduleProblem)
    day = parse_day(body, NEW_YORK)
    entries = answer.entries if isinstance(answer, NowAnswer) else ()
    entries += day if isinstance(day, tuple) else ()
    for entry in entries:
        assert entry.program and entry.start < entry.end
        assert entry.link is None or entry.link.startswith(("http://", "https://"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_parsed_or_refused_with_a_sentence(body: bytes) -> None:
    assert isinstance(parse_now(body, NEW_YORK), NowAnswer | ScheduleProblem)
