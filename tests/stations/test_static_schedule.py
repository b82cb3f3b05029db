"""The static weekly schedule in stations.toml: read, and errors placed on their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from station_app.config.toml_lines import find_line
from station_app.stations.model import WeeklyProgram
from station_app.stations.stations_file import parse_stations_file

GOOD = """\
[network]
name = "Test Radio"

[[stations]]
id = "wabc"
call_sign = "WABC"
streams = []

[[stations.schedule]]
days = "weekdays"
start = "05:00"
end = "09:00"
program = "Morning Edition"
host = "Ann Host"
link = "https://radio.example/morning"

[[stations.schedule]]
days = ["sat", "Sunday"]
start = "23:00"
end = "01:00"
program = "Jazz Overnight"

[[stations]]
id = "wxyz"
call_sign = "WXYZ"
streams = []

[[stations.schedule]]
days = "daily"
start = "20:00"
end = "24:00"
program = "Evening Classics"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "stations.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_weekly_schedule_is_read_per_station(tmp_path: Path) -> None:
    result = parse_stations_file(write(tmp_path, GOOD))
    assert result.problems == []
    assert result.config is not None
    first, second = result.config.stations
    assert first.schedule == (
        WeeklyProgram(
            frozenset(range(5)),
            300,
            540,
            "Morning Edition",
            "Ann Host",
            "https://radio.example/morning",
        ),
        WeeklyProgram(frozenset({5, 6}), 23 * 60, 60, "Jazz Overnight"),
    )
    assert second.schedule == (
        WeeklyProgram(frozenset(range(7)), 20 * 60, 1440, "Evening Classics"),
    )


def test_stations_without_a_schedule_have_none(tmp_path: Path) -> None:
    text = GOOD.split("[[stations.schedule]]")[0]
    result = parse_stations_file(write(tmp_path, text))
    assert result.config is not None
    assert result.config.stations[0].schedule == ()


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ('days = "daily"', 'days = "someday"', 29, '`days` must be a list of days such as ["mon"'),
        ('days = ["sat", "Sunday"]', "days = []", 18, "`days` must be a list of days"),
        ('start = "23:00"', 'start = "7pm"', 19, '`start` must be a 24-hour time such as "09:30"'),
        ('end = "24:00"', 'end = "24:30"', 31, "`end` must be a 24-hour time"),
        ('end = "01:00"', 'end = "23:00"', 20, "`end` must differ from `start`"),
        ('program = "Jazz Overnight"\n', "", 17, "`program` is missing"),
        ('link = "https://radio.example/morning"', 'link = "ftp://x"', 15, "`link` must be"),
    ],
)
def test_schedule_errors_name_station_entry_and_line(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    errors = [p for p in parse_stations_file(path).problems if p.is_error]
    assert len(errors) == 1, errors
    assert errors[0].line == line, errors[0].sentence()
    assert expected in errors[0].sentence()
    assert "schedule entry" in errors[0].sentence()


def test_error_sentence_names_the_station_and_the_program(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('start = "23:00"', 'start = "25:00"'))
    [problem] = parse_stations_file(path).problems
    assert problem.sentence() == (
        f'{path}, line 19: station 1 ("wabc"), schedule entry 2 ("Jazz Overnight"): '
        '`start` must be a 24-hour time such as "09:30", but is "25:00".'
    )


def test_unknown_schedule_key_is_a_warning_on_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, GOOD.replace('program = "Evening Classics"', 'program = "E"\ncolour = 1')
    )
    result = parse_stations_file(path)
    assert result.config is not None
    [warning] = result.problems
    assert not warning.is_error and warning.line == 33


def test_inline_schedule_errors_point_at_the_schedule_key(tmp_path: Path) -> None:
    text = GOOD.split("[[stations.schedule]]")[0].replace(
        "streams = []",
        'streams = []\nschedule = [{days = "daily", start = "9", end = "10:00", program = "X"}]',
    )
    errors = [p for p in parse_stations_file(write(tmp_path, text)).problems if p.is_error]
    assert [(p.line, "`start` must be" in p.message) for p in errors] == [(8, True)]


def test_schedule_not_written_as_tables_is_an_error(tmp_path: Path) -> None:
    text = GOOD.split("[[stations.schedule]]")[0].replace(
        "streams = []", 'streams = []\nschedule = "x"'
    )
    [problem] = parse_stations_file(write(tmp_path, text)).problems
    assert problem.line == 8
    assert "[[stations.schedule]]" in problem.message


def test_nested_array_lines_count_within_their_parent() -> None:
    assert find_line(GOOD, "stations.schedule", (0, 1), "start") == 19
    assert find_line(GOOD, "stations.schedule", (1, 0), "end") == 31
    assert find_line(GOOD, "stations.schedule", (1, 0), "host") == 28  # absent: its header
    assert find_line(GOOD, "stations.schedule", (1, 1), "end") is None
    assert find_line(GOOD, "stations", 1, "id") == 24
