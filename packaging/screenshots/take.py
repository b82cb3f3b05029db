"""Take the AppStream screenshot from the real window, under Xvfb.

Run from a checkout with the test environment: `.venv/bin/python packaging/screenshots/take.py`.
A fictional station plays a tone from a local Icecast server, with a weekly
schedule and a news feed served on loopback, so the picture shows every part
of the window filled in. The window is sized as AppStream asks (16:9, 1248x702).
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.playback.icecast import IcecastServer, make_tone_mp3  # noqa: E402

SIZE = (1248, 702)
OUTPUT = Path(__file__).resolve().parent / "main.png"
HEADLINES = (
    ("Library extends weekend hours after record summer", "The main branch opens Sundays."),
    ("River trail reopens with new bridge", "Walkers and cyclists are back on the path."),
    ("High school orchestra heads to national finals", "Forty students travel next month."),
    ("Farmers market moves indoors for the winter", "Vendors set up in the old mill."),
    ("Town approves solar panels for three schools", "The project starts in spring."),
    ("Volunteers count birds along the shoreline", "The annual survey found 84 species."),
)


def feed_xml(base: str) -> bytes:
    now = datetime.now(UTC)
    items = "".join(
        f"<item><title>{title}</title><link>{base}/story/{number}</link>"
        f"<description>{summary}</description>"
        f"<pubDate>{format_datetime(now - timedelta(hours=2 * number))}</pubDate></item>"
        for number, (title, summary) in enumerate(HEADLINES)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Riverside News</title>'
        f"<link>{base}</link><description>News</description>{items}</channel></rss>"
    ).encode()


def serve_feed() -> tuple[http.server.ThreadingHTTPServer, list[str]]:
    requested: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            body = feed_xml(f"http://127.0.0.1:{self.server.server_address[1]}")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requested


def stations_toml(stream: str, feed: str) -> str:
    schedule = "".join(
        f'\n[[stations.schedule]]\ndays = "daily"\nstart = "{start}"\nend = "{end}"\n'
        f'program = "{program}"\n'
        for start, end, program in (
            ("00:00", "06:00", "Overnight Jazz"),
            ("06:00", "10:00", "Riverside Morning"),
            ("10:00", "12:00", "The Open Line"),
            ("12:00", "14:00", "Midday Classics"),
            ("14:00", "17:00", "Afternoon Report"),
            ("17:00", "19:00", "All Around Town"),
            ("19:00", "24:00", "Evening Concert"),
        )
    )
    stations = (
        ("wrvr", "WRVR", "89.7 FM", "Riverside"),
        ("wlkh", "WLKH", "90.9 FM", "Lakehaven"),
        ("wmpt", "WMPT", "88.1 FM", "Millport"),
    )
    text = (
        f'[network]\nname = "Riverside Public Radio"\n\n[[feeds]]\ntitle = "News"\nurl = "{feed}"\n'
    )
    for number, (station_id, call_sign, frequency, city) in enumerate(stations):
        text += (
            f'\n[[stations]]\nid = "{station_id}"\ncall_sign = "{call_sign}"\n'
            f'frequency = "{frequency}"\ncity = "{city}"\nstreams = ["{stream}"]\n'
            f'timezone = "UTC"\n'
        )
        if number == 0:
            text += schedule
    return text


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as display:
        return xvfb, ":" + display.readline().strip()


def wait_for(condition: object, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"Gave up waiting for {what}.")
        time.sleep(0.2)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="station-screenshot-"))
    icecast = IcecastServer(
        Path(tempfile.mkdtemp(prefix="station-icecast-")), make_tone_mp3(work / "tone.mp3")
    )
    icecast.start()
    feed, requested = serve_feed()
    xvfb, display = start_xvfb()
    config = work / "config" / "station-app"
    config.mkdir(parents=True)
    feed_url = f"http://127.0.0.1:{feed.server_address[1]}/news.rss"
    (config / "stations.toml").write_text(stations_toml(icecast.stream_url, feed_url))
    # Sound goes to a file: the screenshot machine need not have a sound card.
    (config / "settings.toml").write_text(
        f'[player]\nvlc_options = ["--aout=afile", "--audiofile-file={work / "out.wav"}"]\n'
    )
    env = {
        **os.environ,
        "DISPLAY": display,
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_CACHE_HOME": str(work / "cache"),
        "XDG_STATE_HOME": str(work / "state"),
        "QT_QPA_PLATFORM": "xcb",
    }
    app = subprocess.Popen([sys.executable, "-m", "station_app", "--play", "wrvr"], env=env)
    try:
        wait_for(lambda: (work / "out.wav").exists(), "the stream to play")
        wait_for(lambda: requested, "the news feed to be read")
        xenv = {**os.environ, "DISPLAY": display}

        def window() -> str:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                env=xenv,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()
            return found[0] if found else ""

        wait_for(window, "the window")
        subprocess.run(["xdotool", "windowsize", window(), *map(str, SIZE)], env=xenv, check=True)
        time.sleep(3)  # the new size is laid out and the playing time has ticked
        subprocess.run(["import", "-window", window(), str(OUTPUT)], env=xenv, check=True)
        print(f"Wrote {OUTPUT}")
    finally:
        app.terminate()
        app.wait(timeout=30)
        xvfb.terminate()
        feed.shutdown()
        icecast.stop()


if __name__ == "__main__":
    main()
