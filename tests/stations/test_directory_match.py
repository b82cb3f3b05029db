"""Matching a configured station to directory entries (pure), and the replacement lookup."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from station_app.net.fetcher import Fetcher
from station_app.stations.directory import DirectoryClient, DirectoryError
from station_app.stations.directory_match import (
    Replacement,
    base_call_sign,
    find_replacement,
    match_station,
)
from station_app.stations.directory_parse import DirectoryStation, parse_station
from station_app.stations.model import Station
from tests.stations.fake_directory import FakeDirectory, entry


def station(
    call_sign: str = "WNPR", frequency: str = "90.5 FM", city: str = "Meriden, CT"
) -> Station:
    return Station(
        id=call_sign.lower(),
        call_sign=call_sign,
        frequency=frequency,
        city=city,
        streams=("http://dead.example.org/old.mp3",),
        schedule_url=None,
        timezone="America/New_York",
    )


def found(name: str, **fields: object) -> DirectoryStation:
    url = str(fields.pop("url", f"http://s.example.org/{len(name)}"))
    parsed = parse_station(entry(name, url, **fields))  # type: ignore[arg-type]
    assert parsed is not None
    return parsed


def test_call_sign_suffix_is_dropped_for_matching() -> None:
    assert base_call_sign("WEDW-FM") == "WEDW"
    assert base_call_sign(" wnpr ") == "WNPR"
    assert base_call_sign("KQED-HD2") == "KQED"


def test_picks_the_entry_naming_the_call_sign_with_a_good_last_check() -> None:
    candidates = (
        found("WNPR Connecticut Public Radio", lastcheckok=0),
        found("WNPRX Oldies"),
        found("Connecticut Public Radio WNPR", url="http://good.example.org/wnpr"),
    )
    chosen = match_station(station(), candidates)
    assert chosen is not None and chosen.stream_url == "http://good.example.org/wnpr"


def test_call_sign_in_tags_counts_but_name_wins() -> None:
    by_tag = found("Connecticut Public", tags="npr,wnpr", url="http://tag.example.org/")
    by_name = found("WNPR", url="http://name.example.org/")
    assert match_station(station(), (by_tag,)) == by_tag
    assert match_station(station(), (by_tag, by_name)) == by_name


def test_another_frequency_or_state_rules_a_candidate_out() -> None:
    wrong_frequency = found("WNPR 89.1 FM")
    wrong_state = found("WNPR", state="Texas")
    assert match_station(station(), (wrong_frequency, wrong_state)) is None
    right = found("WNPR 90.5 FM", state="Connecticut", url="http://right.example.org/")
    assert match_station(station(), (wrong_frequency, right, wrong_state)) == right


def test_agreeing_frequency_and_city_beat_a_bare_name() -> None:
    bare = found("WNPR", url="http://bare.example.org/")
    detailed = found("WNPR 90.5 Meriden", state="CT", url="http://detailed.example.org/")
    assert match_station(station(), (bare, detailed)) == detailed


def test_no_match_without_the_call_sign_and_never_the_stream_that_already_failed() -> None:
    assert match_station(station(), (found("Connecticut Public Radio 90.5"),)) is None
    same_dead = found("WNPR", url="http://dead.example.org/old.mp3")
    assert match_station(station(), (same_dead,)) is None


def test_repeater_call_sign_with_band_suffix_matches_plain_entry() -> None:
    wedw = found("WEDW 88.5 Stamford", url="http://wedw.example.org/")
    assert match_station(station("WEDW-FM", "88.5 FM", "Stamford, CT"), (wedw,)) == wedw


def test_find_replacement_searches_the_directory_and_explains_itself(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    fake = FakeDirectory(
        content_server,
        [
            entry("WNPR 90.5 FM", "http://broken.example.org/", lastcheckok=0),
            entry("Connecticut Public", "http://cpr.example.org/live", tags="npr,wnpr"),
        ],
    )
    client = DirectoryClient(fetcher, fake.base + "/none", (fake.base,), lambda servers: None)
    result = find_replacement(client, station())
    assert isinstance(result, Replacement)
    assert result.stream_url == "http://cpr.example.org/live"
    assert result.found.name == "Connecticut Public"
    assert [s.get("name", s.get("tag")) for s in fake.searches] == ["WNPR", "wnpr"]


def test_find_replacement_says_none_or_passes_the_error_on(
    content_server: HTTPServer, fetcher: Fetcher, dead_url: str
) -> None:
    fake = FakeDirectory(content_server, [entry("KQED", "http://kqed.example.org/")])
    client = DirectoryClient(fetcher, fake.base + "/none", (fake.base,), lambda servers: None)
    assert find_replacement(client, station()) is None
    offline = DirectoryClient(fetcher, dead_url, (dead_url,), lambda servers: None)
    assert isinstance(find_replacement(offline, station()), DirectoryError)
