"""Read the radio-browser.info community directory's JSON into clean values.

Pure functions from bytes. The directory is edited by anyone, so every field
is checked: a wrong type becomes an empty value, an entry without a name or a
web stream address is dropped, and a body that is not a station list becomes
None for the caller to phrase as an error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from station_app.net.web_address import is_web_url


@dataclass(frozen=True)
class DirectoryStation:
    """One station as the directory lists it.

    `last_check_ok` is the directory's own daily check of the stream.
    """

    uuid: str
    name: str
    url: str
    url_resolved: str
    homepage: str
    favicon: str
    tags: tuple[str, ...]
    country: str
    state: str
    codec: str
    bitrate: int
    hls: bool
    last_check_ok: bool
    countrycode: str = ""  # ISO 3166-1 alpha-2, upper case, when the directory gives one

    @property
    def stream_url(self) -> str:
        """The address to play: the directory's resolved one when it has it."""
        return self.url_resolved or self.url

    @property
    def format_label(self) -> str:
        """E.g. "MP3 128 kbps", "AAC", "HLS", or "" when the directory does not say."""
        codec = self.codec.upper() if self.codec.lower() != "unknown" else ""
        if self.hls and "HLS" not in codec:
            codec = f"{codec} HLS".strip()
        rate = f"{self.bitrate} kbps" if self.bitrate > 0 else ""
        return " ".join(part for part in (codec, rate) if part)


def _web(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    value = value.strip()
    return value if is_web_url(value) else ""


def _text(value: Any, limit: int = 200) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:limit]


def _whole(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(0, value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return 0


def _flag(value: Any) -> bool:
    # The API sends 0/1; older mirrors and hand-made copies send strings or booleans.
    return value is True or value == 1 or value == "1" or value == "true"


def parse_station(entry: Any) -> DirectoryStation | None:
    """One directory entry, or None when it has no name or no web stream address."""
    if not isinstance(entry, dict):
        return None
    name = _text(entry.get("name"))
    url = _web(entry.get("url"))
    resolved = _web(entry.get("url_resolved"))
    if not name or not (url or resolved):
        return None
    raw_tags = entry.get("tags")
    tags = (
        tuple(tag for tag in (_text(t, 60) for t in raw_tags.split(",")) if tag)
        if isinstance(raw_tags, str)
        else ()
    )
    return DirectoryStation(
        uuid=_text(entry.get("stationuuid"), 64),
        name=name,
        url=url or resolved,
        url_resolved=resolved,
        homepage=_web(entry.get("homepage")),
        favicon=_web(entry.get("favicon")),
        tags=tags,
        country=_text(entry.get("country"), 80),
        state=_text(entry.get("state"), 80),
        codec=_text(entry.get("codec"), 20),
        bitrate=_whole(entry.get("bitrate")),
        hls=_flag(entry.get("hls")),
        last_check_ok=_flag(entry.get("lastcheckok")),
        countrycode=_country_code(entry.get("countrycode")),
    )


def _country_code(value: Any) -> str:
    code = _text(value, 2).upper()
    return code if len(code) == 2 and code.isascii() and code.isalpha() else ""


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        return None


def parse_stations(body: bytes) -> tuple[DirectoryStation, ...] | None:
    """The stations of a search answer, or None when the body is not a list."""
    document = _json(body)
    if not isinstance(document, list):
        return None
    parsed = (parse_station(entry) for entry in document)
    return tuple(station for station in parsed if station is not None)


def _host_name(value: str) -> bool:
    host, _colon, port = value.partition(":")
    plain = all(ch.isalnum() or ch in ".-" for ch in host) and "." in host
    return plain and (not port or port.isdigit())


def parse_servers(body: bytes, scheme: str = "https") -> tuple[str, ...]:
    """The base addresses in a /json/servers answer, in order, without repeats.

    The answer lists each server once per IP address ({"ip": …, "name": …}).
    """
    document = _json(body)
    if not isinstance(document, list):
        return ()
    servers: list[str] = []
    for entry in document:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            continue
        host = name.strip().lower()
        if not _host_name(host):
            continue
        base = f"{scheme}://{host}"
        if base not in servers:
            servers.append(base)
    return tuple(servers)
