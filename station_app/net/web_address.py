"""The one test for "a web address": absolute http or https, with a host name.

Config validation, the fetcher, every parser and every link the app opens use
it, so nothing else (file:, javascript:, data:, relative paths) gets through
anywhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
