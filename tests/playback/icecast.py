"""A real Icecast2 server on loopback, fed by ezstream with a generated MP3."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from xml.sax.saxutils import escape

import requests

ADMIN_PASSWORD = "admin-test"  # a throwaway loopback server
SOURCE_PASSWORD = "source-test"
MOUNT = "/live.mp3"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_tone_mp3(path: Path, seconds: int = 20, frequency: int = 440) -> Path:
    """A stereo sine tone, MP3 at 128 kbit/s, with ID3 tags stripped."""
    wav = path.with_suffix(".wav")
    subprocess.run(
        [
            "sox",
            "-q",
            "-n",
            "-r",
            "44100",
            "-c",
            "2",
            str(wav),
            "synth",
            str(seconds),
            "sine",
            str(frequency),
            "vol",
            "0.5",
        ],
        check=True,
        timeout=60,
    )
    subprocess.run(
        ["lame", "--quiet", "-b", "128", "--cbr", str(wav), str(path)], check=True, timeout=60
    )
    wav.unlink()
    return path


def _icecast_config(base: Path, port: int) -> str:
    owner = ""
    if os.geteuid() == 0:
        # Icecast refuses to run as root; Debian's package provides this account.
        owner = "<changeowner><user>icecast2</user><group>icecast</group></changeowner>"
    return f"""<icecast>
  <location>loopback</location><admin>test@localhost</admin>
  <limits><clients>50</clients><sources>4</sources><queue-size>524288</queue-size>
    <client-timeout>30</client-timeout><header-timeout>15</header-timeout>
    <source-timeout>3</source-timeout><burst-on-connect>1</burst-on-connect>
    <burst-size>65535</burst-size></limits>
  <authentication><source-password>{SOURCE_PASSWORD}</source-password>
    <admin-user>admin</admin-user><admin-password>{ADMIN_PASSWORD}</admin-password>
  </authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths><basedir>{base}</basedir><logdir>{base}/log</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot>
    <alias source="/" destination="/status.xsl"/></paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog>
    <loglevel>2</loglevel></logging>
  <security><chroot>0</chroot>{owner}</security>
</icecast>
"""


def _ezstream_config(port: int, mp3: Path) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ezstream>
  <servers><server><hostname>127.0.0.1</hostname><port>{port}</port>
    <password>{SOURCE_PASSWORD}</password><tls>None</tls>
    <reconnect_attempts>1</reconnect_attempts></server></servers>
  <streams><stream><mountpoint>{MOUNT}</mountpoint><format>MP3</format>
    <stream_name>Test Station</stream_name></stream></streams>
  <intakes><intake><type>file</type><filename>{escape(str(mp3))}</filename>
    <stream_once>No</stream_once></intake></intakes>
  <metadata><no_updates>Yes</no_updates></metadata>
</ezstream>
"""


class IcecastServer:
    """Icecast2 plus an ezstream source; the source can be stopped and restarted."""

    def __init__(self, workdir: Path, mp3: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self._icecast: subprocess.Popen[bytes] | None = None
        self._source: subprocess.Popen[bytes] | None = None
        (workdir / "log").mkdir(parents=True, exist_ok=True)
        # The server drops root and must still write its logs.
        workdir.chmod(0o777)
        (workdir / "log").chmod(0o777)
        self.mp3 = workdir / "tone.mp3"
        shutil.copyfile(mp3, self.mp3)
        self.mp3.chmod(0o644)
        self._icecast_xml = workdir / "icecast.xml"
        self._icecast_xml.write_text(_icecast_config(workdir, self.port))
        self._ezstream_xml = workdir / "ezstream.xml"
        self._ezstream_xml.write_text(_ezstream_config(self.port, self.mp3))
        # ezstream refuses a config file others can write or read.
        self._ezstream_xml.chmod(0o600)

    @property
    def stream_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{MOUNT}"

    def start(self) -> None:
        icecast = shutil.which("icecast2") or "icecast2"
        self._icecast = subprocess.Popen(
            [icecast, "-c", str(self._icecast_xml)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait(lambda: self._get("/") is not None, "Icecast did not start")
        self.start_source()

    def start_source(self) -> None:
        self._source = subprocess.Popen(
            ["ezstream", "-c", str(self._ezstream_xml)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait(self.source_connected, "ezstream did not connect its source")

    def stop_source(self) -> None:
        if self._source is not None:
            self._source.terminate()
            self._source.wait(timeout=10)
            self._source = None
        self._wait(lambda: not self.source_connected(), "the source stayed connected")

    def source_connected(self) -> bool:
        # Icecast 2.4.4's status-json.xsl is not valid JSON; ask the mount itself.
        try:
            with requests.get(self.stream_url, stream=True, timeout=2) as response:
                return response.status_code == 200
        except requests.RequestException:
            return False

    def set_title(self, title: str) -> None:
        """Changes the ICY StreamTitle through Icecast's admin metadata endpoint.

        The title goes on the wire as UTF-8 bytes, as most stations send it:
        declared as the MP3 format's own charset, Icecast passes it through
        unconverted (declared as UTF-8, it would recode it to Latin-1).
        """
        response = requests.get(
            f"http://127.0.0.1:{self.port}/admin/metadata",
            params={"mount": MOUNT, "mode": "updinfo", "song": title, "charset": "ISO8859-1"},
            auth=("admin", ADMIN_PASSWORD),
            timeout=5,
        )
        response.raise_for_status()

    def stop(self) -> None:
        for proc in (self._source, self._icecast):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
        self._source = self._icecast = None

    def _get(self, path: str) -> requests.Response | None:
        try:
            response = requests.get(f"http://127.0.0.1:{self.port}{path}", timeout=2)
        except requests.RequestException:
            return None
        return response if response.ok else None

    @staticmethod
    def _wait(condition: object, message: str, timeout: float = 20) -> None:
        assert callable(condition)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.1)
        raise RuntimeError(message)
