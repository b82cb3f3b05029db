"""Turn a directory entry into a station: to preview it, or to add it to the user's file.

Directory names mix call sign, slogan and dial position ("WNPR Connecticut
Public Radio 90.5"); a US/Canadian call sign and an FM/AM frequency are picked
out when the name carries them, so the station list reads like the rest.
"""

from __future__ import annotations

import re

from station_app.stations.changes import StationFields, slug
from station_app.stations.directory_parse import DirectoryStation
from station_app.stations.model import Station
from station_app.stations.stations_file import DEFAULT_TIMEZONE

_CALL_SIGN = re.compile(r"\b([KWC][A-Z]{2,3}(?:-(?:FM|AM|LP))?)\b")
_FREQUENCY = re.compile(r"(?<![\d.])(\d{2,3}\.\d|\d{3,4})\s*(FM|AM)?\b", re.IGNORECASE)


def _call_sign(name: str) -> str:
    found = _CALL_SIGN.search(name)
    return found.group(1) if found else ""


def _frequency(name: str) -> str:
    for match in _FREQUENCY.finditer(name):
        number, band = match.group(1), (match.group(2) or "").upper()
        if "." in number and 87.5 <= float(number) <= 108.0:
            return f"{number} FM"
        if "." not in number and band == "AM" and 530 <= int(number) <= 1710:
            return f"{number} AM"
    return ""


def station_fields(found: DirectoryStation) -> StationFields:
    """What to add for a directory entry: its call sign (or name), dial position, place, stream."""
    return StationFields(
        call_sign=_call_sign(found.name) or found.name,
        frequency=_frequency(found.name),
        city=found.state,
        streams=(found.stream_url,),
        logo=found.favicon,
    )


def preview_station(found: DirectoryStation) -> Station:
    """A temporary Station for listening before adding; never saved."""
    fields = station_fields(found)
    return Station(
        id=f"preview-{slug(found.uuid or found.name)}",
        call_sign=fields.call_sign,
        frequency=fields.frequency,
        city=fields.city,
        streams=fields.streams,
        schedule_url=None,
        timezone=DEFAULT_TIMEZONE,
        logo=fields.logo,
    )
