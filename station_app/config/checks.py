"""Value checks for the config schema.

Each check returns None when the value is fine, or the end of a sentence
that starts with the key's name ("must be text").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from station_app.net.web_address import is_web_url

Check = Callable[[Any], str | None]

_STATION_ID = re.compile(r"^[a-z0-9-]+$")


def text(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be text in quotes"
    if not value.strip():
        return "must not be empty"
    return None


def optional_text(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be text in quotes"


def station_id(value: Any) -> str | None:
    problem = text(value)
    if problem:
        return problem
    if not _STATION_ID.match(value):
        return f'must use only a-z, 0-9 and "-", but is "{value}"'
    return None


def http_url(value: Any) -> str | None:
    if is_web_url(value):
        return None
    return f"must be an http(s) URL, but is {_show(value)}"


def http_url_list(value: Any) -> str | None:
    if not isinstance(value, list):
        return "must be a list of http(s) URLs"
    for item in value:
        if not is_web_url(item):
            return f"must be a list of http(s) URLs, but {_show(item)} is not one"
    return None


def text_list(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return "must be a list of texts in quotes"
    return None


def time_zone(value: Any) -> str | None:
    problem = text(value)
    if problem:
        return problem
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f'must be an IANA time zone such as "America/New_York", but is "{value}"'
    return None


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


@dataclass(frozen=True)
class WholeNumber:
    """A whole number from `low` to `high`; the bounds are there for a spin box to take."""

    low: int
    high: int

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number from {self.low} to {self.high}"
        if not self.low <= value <= self.high:
            return f"must be from {self.low} to {self.high}, but is {value}"
        return None


def whole_number(low: int, high: int) -> Check:
    return WholeNumber(low, high)


def _show(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)
