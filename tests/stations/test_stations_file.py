from __future__ import annotations

from pathlib import Path

import pytest

from station_app.resources import bundled_stations_file
from station_app.stations.stations_file import load_active_stations, parse_stations_file

GOOD = """\
[network]
name = "Test Radio"
website = "https://radio.example"

[[feeds]]
title = "News"
url = "https://radio.example/news.rss"

[[stations]]
id = "wabc"
call_sign = "WABC"
frequency = "88.1 FM"
city = "Hartford, CT"
streams = ["https://radio.example/live.mp3", "https://radio.example/live.m3u8"]
timezone = "America/Chicago"

[[stations]]
id = "wxyz"
call_sign = "WXYZ"
streams = []
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "stations.toml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    return [p.sentence() for p in parse_stations_file(path).problems if p.is_error]


def test_bundled_file_lists_the_four_connecticut_public_stations() -> None:
    result = parse_stations_file(bundled_stations_file())
    assert result.problems == []
    assert result.config is not None
    assert result.config.network.name == "Connecticut Public"
    assert [(s.call_sign, s.frequency, s.city) for s in result.config.stations] == [
        ("WNPR", "90.5 FM", "Meriden, CT"),
        ("WEDW-FM", "88.5 FM", "Stamford, CT"),
        ("WPKT", "89.1 FM", "Norwich, CT"),
        ("WRLI-FM", "91.3 FM", "Southampton, NY"),
    ]
    # The repeaters carry WNPR's program: its stream, and they say so.
    wnpr, *repeaters = result.config.stations
    assert wnpr.streams and wnpr.simulcast_of == ""
    assert all(s.simulcast_of == "wnpr" and s.streams == wnpr.streams for s in repeaters)
    assert [result.config.carried_by(s) for s in repeaters] == [wnpr] * 3


def test_valid_file_gives_stations_with_defaults(tmp_path: Path) -> None:
    result = parse_stations_file(write(tmp_path, GOOD))
    assert result.problems == []
    assert result.config is not None
    first, second = result.config.stations
    assert first.streams == ("https://radio.example/live.mp3", "https://radio.example/live.m3u8")
    assert first.timezone == "America/Chicago"
    assert second.timezone == "America/New_York"
    assert second.streams == ()
    assert second.frequency == ""
    assert result.config.feeds[0].url == "https://radio.example/news.rss"


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('city = "Hartford, CT"', "city = Hartford"))
    [message] = errors_of(path)
    assert message.startswith(f"{path}, line 13:")
    assert "not valid TOML" in message


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ('id = "wabc"\n', "", 9, "station 1: `id` is missing."),
        ('call_sign = "WABC"\n', "", 9, 'station 1 ("wabc"): `call_sign` is missing.'),
        ("streams = []\n", "", 17, 'station 2 ("wxyz"): `streams` is missing.'),
        ('id = "wxyz"', 'id = "wabc"', 18, "is already used by station 1"),
        ('"https://radio.example/live.m3u8"', '"ftp://radio.example/x"', 14, '"ftp://'),
        ('url = "https://radio.example/news.rss"', 'url = "file:///x"', 7, "`url` must be"),
        ('"America/Chicago"', '"Mars/Olympus"', 15, '"Mars/Olympus"'),
        ('id = "wabc"', 'id = "W ABC"', 10, "must use only a-z"),
    ],
)
def test_semantic_errors_name_file_line_and_key(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    messages = errors_of(path)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{path}, line {line}: "), messages[0]
    assert expected in messages[0]


def test_unknown_key_is_a_warning_not_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path, GOOD.replace('city = "Hartford, CT"', 'city = "Hartford, CT"\ncolour = "red"')
    )
    result = parse_stations_file(path)
    assert result.config is not None
    [warning] = result.problems
    assert not warning.is_error
    assert warning.line == 14
    assert "`colour` is not a setting" in warning.sentence()


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace('id = "wabc"\n', "").replace('"America/Chicago"', '"Nowhere"')
    assert len(errors_of(write(tmp_path, text))) == 2


def test_missing_sections_and_empty_station_list(tmp_path: Path) -> None:
    assert any(
        "[network] section is missing" in m for m in errors_of(write(tmp_path, "stations = []\n"))
    )
    path = write(tmp_path, '[network]\nname = "X"\n')
    assert any("[stations] section is missing" in m for m in errors_of(path))


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "stations.toml"
    path.write_bytes(b'[network]\nname = "\xff\xfe"\n')
    assert errors_of(path) == [f"{path}: not UTF-8 text; save it as UTF-8."]


def test_user_file_replaces_bundled_file(tmp_path: Path) -> None:
    active = load_active_stations(write(tmp_path, GOOD), bundled_stations_file())
    assert active.config.source == active.user_file
    assert [s.id for s in active.config.stations] == ["wabc", "wxyz"]
    assert not active.fell_back


def test_broken_user_file_falls_back_to_bundled_and_reports(tmp_path: Path) -> None:
    path = write(tmp_path, "[[stations]\n")
    before = path.read_bytes()
    active = load_active_stations(path, bundled_stations_file())
    assert active.fell_back
    assert active.config.stations[0].id == "wnpr"
    assert active.problems and active.problems[0].line == 1
    assert path.read_bytes() == before


def test_without_user_file_bundled_is_used(tmp_path: Path) -> None:
    active = load_active_stations(tmp_path / "absent.toml", bundled_stations_file())
    assert not active.fell_back
    assert active.config.source == bundled_stations_file()
    assert active.problems == []


@pytest.mark.parametrize(
    ("simulcast_of", "problem"),
    [
        ("wxyz", "names the station itself; name the station whose program it carries."),
        ("wnpr", 'names "wnpr", which is not the id of any station here.'),
        ("wabc", 'names "wabc", which is itself a simulcast; name the station it carries.'),
    ],
)
def test_a_simulcast_names_another_station_that_carries_its_own_program(
    tmp_path: Path, simulcast_of: str, problem: str
) -> None:
    text = GOOD.replace("streams = []", f'streams = []\nsimulcast_of = "{simulcast_of}"')
    if simulcast_of == "wabc":
        text = text.replace(
            'timezone = "America/Chicago"', 'timezone = "America/Chicago"\nsimulcast_of = "wxyz"'
        )
    path = write(tmp_path, text)
    line = text.splitlines().index(f'simulcast_of = "{simulcast_of}"') + 1
    assert f'{path}, line {line}: station 2 ("wxyz"): `simulcast_of` {problem}' in errors_of(path)


def test_a_logo_must_be_a_web_address(tmp_path: Path) -> None:
    text = '[network]\nname = "N"\n\n[[stations]]\nid = "a"\ncall_sign = "WAAA"\nstreams = []\n'
    good = tmp_path / "good.toml"
    good.write_text(text + 'logo = "https://example.org/logo.png"\n', encoding="utf-8")
    config = parse_stations_file(good).config
    assert config is not None and config.stations[0].logo == "https://example.org/logo.png"
    bad = tmp_path / "bad.toml"
    bad.write_text(text + 'logo = "logo.png"\n', encoding="utf-8")
    result = parse_stations_file(bad)
    assert result.config is None
    assert any("`logo`" in problem.sentence() for problem in result.problems)
