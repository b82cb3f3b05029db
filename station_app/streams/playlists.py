"""Playlist files (.pls, .m3u, .m3u8): recognise them by content and list their streams.

Pure functions from bytes, so the player and the stream probe share one parser
and tests feed it files straight from bytes. Recognition trusts the body first,
then the Content-Type, then the address: servers often send playlists as
text/plain or application/octet-stream, and a ".m3u" address may answer with audio.
"""

from __future__ import annotations

import enum
from urllib.parse import urljoin, urlsplit

from station_app.net.web_address import is_web_url

_PLS_TYPES = {"audio/x-scpls", "audio/scpls", "application/pls+xml", "application/pls"}
_M3U_TYPES = {
    "audio/mpegurl",
    "audio/x-mpegurl",
    "application/mpegurl",
    "application/x-mpegurl",
    "application/vnd.apple.mpegurl",
    "application/vnd.apple.mpegurl.audio",
}
_TEXT_TYPES = {"text/plain", "application/octet-stream", ""}


class PlaylistKind(enum.Enum):
    """What a response is, as far as playlists go."""

    NONE = "none"  # not a playlist: a direct stream, a web page, or anything else
    PLS = "pls"
    M3U = "m3u"  # a plain list of stream addresses (also .m3u8 without HLS tags)
    HLS = "hls"  # HTTP Live Streaming: handed to the player as is, never unpacked


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace").lstrip("\ufeff")


def _web_entry(raw: str, base_url: str) -> str | None:
    entry = raw.strip()
    if not entry:
        return None
    absolute = urljoin(base_url, entry) if base_url else entry
    return absolute if is_web_url(absolute) else None


def parse_pls(body: bytes, base_url: str = "") -> tuple[str, ...]:
    """The http(s) streams of a .pls file, in the order of their FileN numbers.

    Read line by line rather than with configparser, which rejects duplicate
    keys and a missing [playlist] header, both common in files players accept.
    """
    numbered: list[tuple[int, int, str]] = []
    for position, line in enumerate(_text(body).splitlines()):
        key, separator, value = line.partition("=")
        key = key.strip().lower()
        if not separator or not key.startswith("file"):
            continue
        number = key[4:]
        url = _web_entry(value, base_url)
        if url is not None:
            order = int(number) if number.isdigit() else 1_000_000
            numbered.append((order, position, url))
    return tuple(url for _order, _position, url in sorted(numbered))


def parse_m3u(body: bytes, base_url: str = "") -> tuple[str, ...]:
    """The http(s) entries of an .m3u/.m3u8 file; comments and tags are skipped."""
    entries: list[str] = []
    for line in _text(body).splitlines():
        if line.strip().startswith("#"):
            continue
        url = _web_entry(line, base_url)
        if url is not None:
            entries.append(url)
    return tuple(entries)


def is_hls(body: bytes) -> bool:
    """True for an HLS playlist: #EXTM3U followed by #EXT-X- tags."""
    text = _text(body).lstrip()
    if not text.upper().startswith("#EXTM3U"):
        return False
    return any(line.strip().upper().startswith("#EXT-X-") for line in text.splitlines())


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _extension(url: str) -> str:
    path = urlsplit(url).path.lower()
    return path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""


def _is_text(body: bytes) -> bool:
    # Audio frames are never valid UTF-8 for long; cut at 1 KiB, a multi-byte
    # character may be split at the end, hence the small tolerance.
    head = body[:1024]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3
    return True


def is_playlist_type(content_type: str) -> bool:
    """True when a Content-Type names a playlist format (audio/x-scpls, audio/mpegurl …)."""
    media_type = _media_type(content_type)
    return media_type in _PLS_TYPES or media_type in _M3U_TYPES


def detect_playlist(content_type: str, body: bytes, url: str) -> PlaylistKind:
    """What `body` (served as `content_type` from `url`) is: PLS, M3U, HLS or none.

    Audio bytes are never a playlist, whatever the label says; a body that reads
    as a playlist is one, whatever the label says. A playlist label on an empty
    or unreadable list still counts as a playlist, so callers can say it lists
    no streams instead of trying to play it.
    """
    if not _is_text(body):
        return PlaylistKind.NONE
    text = _text(body).lstrip()
    if text.lower().startswith("[playlist]"):
        return PlaylistKind.PLS
    if text.upper().startswith("#EXTM3U"):
        return PlaylistKind.HLS if is_hls(body) else PlaylistKind.M3U
    if text.startswith("<"):
        return PlaylistKind.NONE  # a web page (or XML), whatever the address says
    media_type = _media_type(content_type)
    extension = _extension(url)
    unlabelled = media_type in _TEXT_TYPES
    if media_type in _PLS_TYPES or (unlabelled and extension == "pls"):
        return PlaylistKind.PLS
    if media_type in _M3U_TYPES or (unlabelled and extension in ("m3u", "m3u8")):
        return PlaylistKind.M3U
    return PlaylistKind.NONE


def playlist_entries(kind: PlaylistKind, body: bytes, base_url: str) -> tuple[str, ...]:
    """The streams a PLS or M3U playlist lists (HLS and non-playlists list none)."""
    if kind is PlaylistKind.PLS:
        return parse_pls(body, base_url)
    if kind is PlaylistKind.M3U:
        return parse_m3u(body, base_url)
    return ()
