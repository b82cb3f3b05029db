"""A second live stream on the test's Icecast server: another mount, its own ezstream."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from xml.sax.saxutils import escape

import requests

from tests.playback.icecast import ADMIN_PASSWORD, SOURCE_PASSWORD, IcecastServer


class SecondMount:
    """`mount` on `icecast`, fed from `mp3` for as long as it runs."""

    def __init__(self, icecast: IcecastServer, mount: str, mp3: Path) -> None:
        self.icecast = icecast
        self.mount = mount
        self._config = icecast.workdir / f"ezstream{mount.replace('/', '-')}.xml"
        self._config.write_text(_ezstream_config(icecast.port, mount, mp3), encoding="utf-8")
        self._config.chmod(0o600)  # ezstream refuses a config others can read
        self._source: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.icecast.port}{self.mount}"

    def start(self) -> None:
        self._source = subprocess.Popen(
            ["ezstream", "-c", str(self._config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not self._on_air():
            if time.monotonic() > deadline or self._source.poll() is not None:
                raise RuntimeError(f"ezstream did not connect {self.mount}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self._source is not None and self._source.poll() is None:
            self._source.terminate()
            try:
                self._source.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._source.kill()
                self._source.wait(timeout=10)
        self._source = None

    def set_title(self, title: str) -> None:
        """The ICY StreamTitle of this mount (see IcecastServer.set_title)."""
        response = requests.get(
            f"http://127.0.0.1:{self.icecast.port}/admin/metadata",
            params={"mount": self.mount, "mode": "updinfo", "song": title, "charset": "ISO8859-1"},
            auth=("admin", ADMIN_PASSWORD),
            timeout=5,
        )
        response.raise_for_status()

    def _on_air(self) -> bool:
        try:
            with requests.get(self.url, stream=True, timeout=2) as response:
                return response.status_code == 200
        except requests.RequestException:
            return False


def _ezstream_config(port: int, mount: str, mp3: Path) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ezstream>
  <servers><server><hostname>127.0.0.1</hostname><port>{port}</port>
    <password>{SOURCE_PASSWORD}</password><tls>None</tls>
    <reconnect_attempts>1</reconnect_attempts></server></servers>
  <streams><stream><mountpoint>{escape(mount)}</mountpoint><format>MP3</format>
    <stream_name>Second Test Station</stream_name></stream></streams>
  <intakes><intake><type>file</type><filename>{escape(str(mp3))}</filename>
    <stream_once>No</stream_once></intake></intakes>
  <metadata><no_updates>Yes</no_updates></metadata>
</ezstream>
"""
