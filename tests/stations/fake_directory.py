"""A fake radio-browser.info API on loopback, in the documented JSON shape."""

from __future__ import annotations

import json
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


def entry(
    name: str,
    url: str,
    *,
    tags: str = "",
    state: str = "",
    country: str = "The United States Of America",
    countrycode: str = "US",
    codec: str = "MP3",
    bitrate: int = 128,
    hls: int = 0,
    lastcheckok: int = 1,
    uuid: str = "",
) -> dict[str, Any]:
    """A station as /json/stations/search returns it (the fields the app reads, and a few more)."""
    return {
        "changeuuid": "00000000-0000-0000-0000-000000000000",
        "stationuuid": uuid or f"uuid-{name.lower().replace(' ', '-')}",
        "name": name,
        "url": url,
        "url_resolved": url,
        "homepage": "https://www.example.org/",
        "favicon": "",
        "tags": tags,
        "country": country,
        "countrycode": countrycode,
        "state": state,
        "language": "english",
        "votes": 10,
        "codec": codec,
        "bitrate": bitrate,
        "hls": hls,
        "lastcheckok": lastcheckok,
        "clickcount": 3,
    }


class FakeDirectory:
    """Serves /json/servers and /json/stations/search from a list of entries.

    A search whose name is "garbage" answers with a broken body; "empty" with [].
    Searches are recorded so tests can check the parameters sent.
    """

    def __init__(self, server: HTTPServer, stations: list[dict[str, Any]]) -> None:
        self.server = server
        self.stations = stations
        self.searches: list[dict[str, str]] = []
        server.expect_request("/json/stations/search").respond_with_handler(self._search)

    @property
    def base(self) -> str:
        return f"http://{self.server.host}:{self.server.port}"

    def serve_servers(self, hosts: list[str]) -> str:
        """Answer /json/servers with these host[:port] names; returns its address."""
        body = [{"ip": "127.0.0.1", "name": host} for host in hosts]
        self.server.expect_request("/json/servers").respond_with_json(body)
        return self.server.url_for("/json/servers")

    def _search(self, request: Request) -> Response:
        query = {key: request.args[key] for key in request.args}
        self.searches.append(query)
        name = query.get("name", "").lower()
        tag = query.get("tag", "").lower()
        if name == "garbage":
            return Response(b'{"not": "a list"', content_type="application/json")
        if name == "empty":
            return Response(b"[]", content_type="application/json")
        found = [
            station
            for station in self.stations
            if (not name or name in str(station.get("name", "")).lower())
            and (not tag or tag in str(station.get("tags", "")).lower().split(","))
            and (query.get("hidebroken") != "true" or station.get("lastcheckok") == 1)
        ]
        limit = int(query.get("limit", "100000"))
        return Response(json.dumps(found[:limit]), content_type="application/json")
