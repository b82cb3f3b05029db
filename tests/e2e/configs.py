"""Config files for the app under test: every address on loopback, audio into a file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.running_app import REFUSING_SERVER, RunningApp
from tests.e2e.sites import SITE_NAME, STATION_ZONE


@dataclass(frozen=True)
class StationEntry:
    id: str
    call_sign: str
    streams: tuple[str, ...]
    frequency: str = "89.9 FM"
    city: str = "Loopback, CT"
    schedule_url: str | None = None

    def toml(self) -> str:
        lines = [
            "[[stations]]",
            f"id = {json.dumps(self.id)}",
            f"call_sign = {json.dumps(self.call_sign)}",
            f"frequency = {json.dumps(self.frequency)}",
            f"city = {json.dumps(self.city)}",
            f"streams = {json.dumps(list(self.streams))}",
            f"timezone = {json.dumps(STATION_ZONE)}",
        ]
        if self.schedule_url:
            lines.append(f"schedule_url = {json.dumps(self.schedule_url)}")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class LoopbackConfig:
    """What one app run is configured with."""

    stations: tuple[StationEntry, ...]
    website: str | None = None
    feeds: tuple[tuple[str, str], ...] = ()
    directory: str | None = None
    extra_settings: dict[str, str] = field(default_factory=dict)

    def stations_toml(self) -> str:
        parts = ["# Stations of the end-to-end test\n[network]", f"name = {json.dumps(SITE_NAME)}"]
        if self.website:
            parts.append(f"website = {json.dumps(self.website)}")
        text = "\n".join(parts) + "\n\n"
        for title, url in self.feeds:
            text += f"[[feeds]]\ntitle = {json.dumps(title)}\nurl = {json.dumps(url)}\n\n"
        return text + "\n".join(station.toml() for station in self.stations)

    def write(self, app: RunningApp) -> None:
        app.write_config("stations.toml", self.stations_toml())
        write_settings(app, self.directory, self.extra_settings)


def audio_file(app: RunningApp) -> Path:
    """Where libVLC writes what it plays (a WAV file instead of a sound card)."""
    return app.home / "audio.wav"


def write_settings(
    app: RunningApp, directory: str | None = None, extra: dict[str, str] | None = None
) -> None:
    options = ["--aout=afile", f"--audiofile-file={audio_file(app)}"]
    text = f"[player]\nvlc_options = {json.dumps(options)}\nnetwork_caching_ms = 300\n"
    for key, value in (extra or {}).items():
        text += f"{key} = {value}\n"
    # Always a loopback directory: a station that fails asks it for a replacement.
    server = directory or REFUSING_SERVER
    text += f"\n[directory]\nserver = {json.dumps(server)}\n"
    app.write_config("settings.toml", text)
