"""The directory client against a fake radio-browser.info API on loopback."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.stations.directory import (
    FALLBACK_SERVERS,
    DirectoryClient,
    DirectoryError,
    DirectorySearch,
    SearchQuery,
)
from station_app.stations.directory_parse import parse_servers, parse_station, parse_stations
from station_app.stations.directory_results import DirectoryResultsModel
from tests.stations.fake_directory import FakeDirectory, entry

WNPR = entry(
    "WNPR Connecticut Public Radio 90.5",
    "http://stream.example.org/wnpr.mp3",
    tags="npr,public radio,wnpr",
    state="Connecticut",
)


def keep_order(servers: list[str]) -> None:
    """A shuffle that changes nothing, so tests know which server is tried first."""


def test_search_sends_the_documented_parameters_and_parses_stations(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    fake = FakeDirectory(content_server, [WNPR])
    servers_url = fake.serve_servers([f"127.0.0.1:{content_server.port}"])
    client = DirectoryClient(fetcher, servers_url, (), keep_order, server_scheme="http")
    result = client.search(SearchQuery(name="wnpr", countrycode="us", codec="MP3", limit=5))
    assert isinstance(result, DirectorySearch)
    assert [s.name for s in result.stations] == ["WNPR Connecticut Public Radio 90.5"]
    station = result.stations[0]
    assert station.stream_url == "http://stream.example.org/wnpr.mp3"
    assert (station.state, station.country) == ("Connecticut", "The United States Of America")
    assert station.countrycode == "US"
    assert station.format_label == "MP3 128 kbps"
    assert station.last_check_ok and station.tags == ("npr", "public radio", "wnpr")
    assert fake.searches == [
        {
            "name": "wnpr",
            "countrycode": "US",
            "codec": "MP3",
            "order": "votes",
            "reverse": "true",
            "limit": "5",
            "hidebroken": "true",
        }
    ]


def test_dead_server_is_skipped_for_the_next_one(
    content_server: HTTPServer, fetcher: Fetcher, dead_url: str
) -> None:
    fake = FakeDirectory(content_server, [WNPR])
    dead_host = dead_url.removeprefix("http://")
    servers_url = fake.serve_servers([dead_host, f"127.0.0.1:{content_server.port}"])
    client = DirectoryClient(fetcher, servers_url, (), keep_order, server_scheme="http")
    result = client.search(SearchQuery(name="WNPR"))
    assert isinstance(result, DirectorySearch) and result.server == fake.base
    assert len(result.stations) == 1
    # The server that answered is tried first from now on.
    assert client.servers()[0] == fake.base


def test_garbage_from_one_server_moves_on_and_empty_result_is_not_an_error(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    fake = FakeDirectory(content_server, [WNPR])
    client = DirectoryClient(fetcher, fake.base + "/missing", (fake.base,), keep_order)
    garbage = client.search(SearchQuery(name="garbage"))
    assert garbage == DirectoryError(
        "The station directory could not be reached. Check the connection and try again.",
        "Asked the one server of radio-browser.info; the last said: "
        f"{fake.base} answered with something that is not a station list.",
    )
    empty = client.search(SearchQuery(name="empty"))
    assert isinstance(empty, DirectorySearch) and empty.stations == ()


def test_unreachable_server_list_falls_back_to_the_built_in_servers(
    fetcher: Fetcher, dead_url: str
) -> None:
    shuffled: list[list[str]] = []
    client = DirectoryClient(fetcher, dead_url + "/json/servers", shuffle=shuffled.append)
    assert client.servers() == list(FALLBACK_SERVERS)
    assert shuffled == [list(FALLBACK_SERVERS)]
    assert all(
        s.startswith("https://") and s.endswith(".api.radio-browser.info") for s in FALLBACK_SERVERS
    )


def test_every_server_dead_gives_one_readable_sentence(fetcher: Fetcher, dead_url: str) -> None:
    client = DirectoryClient(fetcher, dead_url + "/s", (dead_url, dead_url + "0"), keep_order)
    result = client.search(SearchQuery(name="WNPR"))
    assert isinstance(result, DirectoryError)
    assert result.message == (
        "The station directory could not be reached. Check the connection and try again."
    )
    assert result.details.startswith(
        "Asked all 2 servers of radio-browser.info; the last said: Could not reach 127.0.0.1"
    )


def test_cancelled_search_stops_at_once_and_empty_query_touches_no_network(
    fetcher: Fetcher, dead_url: str
) -> None:
    client = DirectoryClient(fetcher, dead_url + "/s", (dead_url,), keep_order)
    token = CancelToken()
    token.cancel()
    assert client.search(SearchQuery(name="x"), token) == DirectoryError(
        "The search was cancelled."
    )
    assert client.search(SearchQuery(name="  ")) == DirectorySearch(SearchQuery(name="  "), (), "")


def test_servers_answer_is_read_defensively() -> None:
    body = (
        b'[{"ip":"1.2.3.4","name":"de2.api.radio-browser.info"},'
        b'{"ip":"::1","name":"de2.api.radio-browser.info"},{"name":"evil host/x"},'
        b'{"name":42},"x",{"name":"fi1.api.radio-browser.info"}]'
    )
    assert parse_servers(body) == (
        "https://de2.api.radio-browser.info",
        "https://fi1.api.radio-browser.info",
    )
    assert parse_servers(b"<html>") == ()
    assert parse_servers(b'{"name": "x.y"}') == ()


def test_station_entries_with_wrong_types_become_clean_values() -> None:
    messy = {
        "stationuuid": 7,
        "name": "  Some\n Station ",
        "url": "ftp://x/",
        "url_resolved": "https://ok.example.org/s",
        "homepage": "javascript:alert(1)",
        "tags": ["not", "text"],
        "country": None,
        "countrycode": "U$",
        "state": {"x": 1},
        "codec": "unknown",
        "bitrate": "96",
        "hls": "1",
        "lastcheckok": "0",
    }
    station = parse_station(messy)
    assert station is not None
    assert station.name == "Some Station" and station.uuid == ""
    assert station.url == station.stream_url == "https://ok.example.org/s"
    assert station.homepage == "" and station.tags == ()
    assert station.country == station.state == station.countrycode == ""
    assert station.bitrate == 96 and station.hls and not station.last_check_ok
    assert station.format_label == "HLS 96 kbps"
    assert parse_station({"name": "", "url": "http://a.example.org/"}) is None
    assert parse_station({"name": "No stream", "url": "not a url"}) is None
    assert parse_station(["list"]) is None


def test_garbage_bodies_are_not_station_lists() -> None:
    assert parse_stations(b"\xff\xfe") is None
    assert parse_stations(b'{"stations": []}') is None
    assert parse_stations(b"[" * 100_000) is None
    assert parse_stations(b'[1, null, {"name": "A", "url": "http://a.example.org/"}]') is not None


def test_a_given_server_is_asked_without_discovering_others(
    fetcher: Fetcher, content_server: HTTPServer
) -> None:
    fake = FakeDirectory(content_server, [entry("WGIV", "http://127.0.0.1:9/live")])
    client = DirectoryClient(fetcher, servers_url=None, fallback_servers=(fake.base,))
    found = client.search(SearchQuery(name="WGIV"))
    assert isinstance(found, DirectorySearch)
    assert [s.name for s in found.stations] == ["WGIV"]
    assert [request.path for request, _ in content_server.log] == ["/json/stations/search"]


@pytest.mark.parametrize(
    ("state", "country", "code", "shown"),
    [
        ("Connecticut", "The United States Of America", "US", "Connecticut, United States"),
        ("", "The United Kingdom Of Great Britain And Northern Ireland", "GB", "United Kingdom"),
        ("Bayern", "Germany", "", "Bayern, Germany"),  # no code: the directory's own name
        ("", "Somewhere", "ZZ", "Somewhere"),  # a code no one has
        ("", "", "", "—"),
    ],
)
def test_a_result_names_its_country_the_everyday_way(
    state: str, country: str, code: str, shown: str
) -> None:
    found = parse_station(
        entry("X", "https://x.example/s", state=state, country=country, countrycode=code)
    )
    assert found is not None
    model = DirectoryResultsModel()
    model.set_stations((found,))
    assert model.index(0, 1).data() == shown
