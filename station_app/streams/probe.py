"""Probe a candidate stream for real audio before it is offered or saved.

Reads only the first bytes through the shared fetcher (live streams never
end), follows .pls/.m3u playlists by content, and recognises MP3, AAC (ADTS),
Ogg and FLAC from their frame bytes, so a web page served at a stream address
is reported as such ("answered with a web page, not audio"). The recognisers
are pure functions from bytes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from station_app.net.cancel import NEVER_CANCELLED, CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import FetchError
from station_app.streams.playlists import (
    PlaylistKind,
    detect_playlist,
    is_playlist_type,
    parse_m3u,
    playlist_entries,
)

_V1_BITRATES = {
    3: (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    2: (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
}
_V2_BITRATES = {
    3: (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    1: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_SCAN_BYTES = 16 * 1024
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<!--")


def _mpeg_frame_length(header: bytes) -> int | None:
    """Length of the MPEG audio frame starting with `header` (4 bytes), or None."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = (header[1] >> 3) & 3
    layer = (header[1] >> 1) & 3
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 3
    if version == 1 or layer == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    table = _V1_BITRATES if version == 3 else _V2_BITRATES
    bitrate = table[layer][bitrate_index] * 1000
    sample_rate = _SAMPLE_RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    if layer == 3:  # Layer I
        return (12 * bitrate // sample_rate + padding) * 4
    if layer == 1 and version != 3:  # Layer III, MPEG-2/2.5
        return 72 * bitrate // sample_rate + padding
    return 144 * bitrate // sample_rate + padding


def _adts_frame_length(header: bytes) -> int | None:
    """Length of the AAC ADTS frame starting with `header` (7 bytes), or None."""
    if len(header) < 7 or header[0] != 0xFF or header[1] & 0xF6 != 0xF0:
        return None
    if (header[2] >> 2) & 0xF > 12:
        return None
    length = ((header[3] & 0x03) << 11) | (header[4] << 3) | (header[5] >> 5)
    return length if length >= 7 else None


def _frames_in_a_row(data: bytes) -> str | None:
    """ "MP3" or "AAC" when two consecutive frames are found; one sync is too easy to fake."""
    limit = min(len(data), _SCAN_BYTES)
    for offset in range(limit):
        if data[offset] != 0xFF:
            continue
        for name, measure in (("AAC", _adts_frame_length), ("MP3", _mpeg_frame_length)):
            length = measure(data[offset : offset + 7])
            if length is None:
                continue
            following = data[offset + length : offset + length + 7]
            if measure(following) is not None:
                return name
    return None


def _id3_size(data: bytes) -> int | None:
    if len(data) < 10 or not data.startswith(b"ID3"):
        return None
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size


def looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith(_HTML_STARTS) or b"<html" in head


def audio_format(data: bytes) -> str | None:
    """The audio format the bytes are in ("MP3", "AAC", "Ogg", "FLAC"), or None."""
    if data.startswith(b"OggS"):
        return "Ogg"
    if data.startswith(b"fLaC"):
        return "FLAC"
    tag_size = _id3_size(data)
    if tag_size is not None:
        if tag_size >= len(data):
            return "MP3"  # the tag fills the prefix; ID3 only precedes MPEG audio
        data = data[tag_size:]
    return _frames_in_a_row(data)


class ProbeOutcome(enum.Enum):
    AUDIO = "audio"
    HLS = "hls"
    NOT_AUDIO = "not-audio"
    EMPTY_PLAYLIST = "empty-playlist"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class ProbeResult:
    """What a candidate stream turned out to be, with a sentence saying so.

    `url` is the address probed (keep it: a playlist address outlives its
    entries); `audio_url` is where the audio itself answered, when it did.
    """

    url: str
    outcome: ProbeOutcome
    message: str
    audio_format: str = ""
    audio_url: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome in (ProbeOutcome.AUDIO, ProbeOutcome.HLS)


def sniff_audio(content_type: str, prefix: bytes) -> str | None:
    """The audio format of a response from its label and first bytes, or None if not audio.

    The bytes win over the label: a web page sent as audio/mpeg is not audio.
    """
    if looks_like_html(prefix):
        return None
    found = audio_format(prefix)
    if found is not None:
        return found
    media_type = content_type.split(";", 1)[0].strip().lower()
    if is_playlist_type(media_type) or not prefix:
        return None
    if media_type.startswith("audio/") or media_type == "application/ogg":
        return _TYPE_NAMES.get(media_type, media_type.removeprefix("audio/").upper())
    return None


_TYPE_NAMES = {
    "audio/mpeg": "MP3",
    "audio/mp3": "MP3",
    "audio/aac": "AAC",
    "audio/aacp": "AAC",
    "audio/x-aac": "AAC",
    "audio/ogg": "Ogg",
    "application/ogg": "Ogg",
    "audio/flac": "FLAC",
}


def _complete_lines(prefix: bytes, max_bytes: int) -> bytes:
    # A playlist cut at the prefix limit may end in half an address.
    if len(prefix) < max_bytes or b"\n" not in prefix:
        return prefix
    return prefix[: prefix.rindex(b"\n") + 1]


def probe_stream(
    fetcher: Fetcher,
    url: str,
    cancel: CancelToken = NEVER_CANCELLED,
    max_bytes: int = 32 * 1024,
    depth: int = 2,
) -> ProbeResult:
    """Read the first bytes of `url` and say whether real audio answers there.

    Playlists (.pls, .m3u) are followed, up to `depth` levels and five entries
    each; an HLS playlist is accepted as it is, since the player takes it whole.
    """
    fetched = fetcher.fetch_prefix(url, max_bytes, cancel)
    if isinstance(fetched, FetchError):
        return ProbeResult(url, ProbeOutcome.UNREACHABLE, fetched.message)
    body = fetched.body
    kind = detect_playlist(fetched.content_type, body, fetched.final_url)
    if kind is PlaylistKind.HLS:
        if not parse_m3u(body, fetched.final_url):
            return ProbeResult(
                url, ProbeOutcome.EMPTY_PLAYLIST, f"The HLS playlist at {url} lists no media."
            )
        return ProbeResult(
            url,
            ProbeOutcome.HLS,
            f"{url} is an HLS (HTTP Live Streaming) playlist; the player takes it as it is.",
            "HLS",
            fetched.final_url,
        )
    if kind is not PlaylistKind.NONE:
        entries = playlist_entries(kind, _complete_lines(body, max_bytes), fetched.final_url)
        return _probe_entries(fetcher, url, entries, cancel, max_bytes, depth)
    found = sniff_audio(fetched.content_type, body)
    if found is not None:
        return ProbeResult(
            url,
            ProbeOutcome.AUDIO,
            f"The stream at {url} sends {found} audio.",
            found,
            fetched.final_url,
        )
    return ProbeResult(url, ProbeOutcome.NOT_AUDIO, _not_audio(url, fetched.content_type, body))


def _not_audio(url: str, content_type: str, body: bytes) -> str:
    if not body:
        return f"The stream at {url} answered with no data, not audio."
    if looks_like_html(body):
        return f"The stream at {url} answered with a web page, not audio."
    media_type = content_type.split(";", 1)[0].strip() or "data of no stated type"
    return f"The stream at {url} answered with {media_type}, not audio."


def _probe_entries(
    fetcher: Fetcher,
    url: str,
    entries: tuple[str, ...],
    cancel: CancelToken,
    max_bytes: int,
    depth: int,
) -> ProbeResult:
    if not entries:
        return ProbeResult(
            url, ProbeOutcome.EMPTY_PLAYLIST, f"The playlist at {url} lists no streams."
        )
    if depth <= 0:
        return ProbeResult(
            url, ProbeOutcome.NOT_AUDIO, f"The playlist at {url} only leads to more playlists."
        )
    failures: list[ProbeResult] = []
    for entry in entries[:5]:
        if cancel.cancelled:
            break
        result = probe_stream(fetcher, entry, cancel, max_bytes, depth - 1)
        if result.ok:
            return ProbeResult(
                url,
                result.outcome,
                f"The playlist at {url} leads to {result.audio_format} audio at "
                f"{result.audio_url}.",
                result.audio_format,
                result.audio_url,
            )
        failures.append(result)
    reason = failures[0].message if failures else "the check was cancelled."
    count = "1 stream" if len(entries) == 1 else f"{len(entries)} streams"
    # An entry that could not be reached may answer later: the playlist is not dead.
    unreachable = not failures or any(f.outcome is ProbeOutcome.UNREACHABLE for f in failures)
    return ProbeResult(
        url,
        ProbeOutcome.UNREACHABLE if unreachable else ProbeOutcome.NOT_AUDIO,
        f"The playlist at {url} lists {count}, none with audio: {reason}",
    )
