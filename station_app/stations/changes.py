"""What an edit of the stations asks for and what became of it: plain values, no TOML.

The window and the store use these without loading the TOML library, which
comes with the first edit (stations/editing.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from station_app.stations.model import StationsConfig


@dataclass(frozen=True)
class StationFields:
    """What a person gives for a new station; the id is made from the call sign when empty."""

    call_sign: str
    frequency: str = ""
    city: str = ""
    streams: tuple[str, ...] = ()
    schedule_url: str | None = None
    station_id: str = ""
    logo: str = ""  # a picture of the station, such as the directory's


def slug(text: str) -> str:
    """An id from a call sign or name: "WEDW-FM" -> "wedw-fm", "Radio Ö 1" -> "radio-1"."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned or "station"


@dataclass(frozen=True)
class EditSaved:
    """The edit was written; `config` is the file as the app now loads it."""

    config: StationsConfig
    message: str
    station_id: str | None = None


@dataclass(frozen=True)
class EditFailed:
    """Nothing was written; `message` says why and what to do."""

    message: str


EditResult = EditSaved | EditFailed
