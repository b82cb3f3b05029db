"""Take the AppStream screenshot from the real window, under Xvfb.

Run from a checkout with the test environment: `.venv/bin/python packaging/screenshots/take.py`
(it writes main.png next to itself, or the file named after it).
A fictional station plays a tone from a local Icecast server, with a weekly
schedule and a news feed served on loopback (its pictures drawn here, with Qt), so
the picture shows every part of the window filled in. The window is sized as
AppStream asks (16:9, 1248x702).
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

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath

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


# Sky, land and sun for each headline's picture: a landscape in the light of its hour.
PICTURES = (
    ("#8ec5ff", "#e8f4ff", "#5b8c3a", "#fff3b0"),
    ("#f7b267", "#f4845f", "#3d5a40", "#ffe8a3"),
    ("#4a6fa5", "#9bb7d4", "#2f4858", "#f6f5ae"),
    ("#c1d3fe", "#f0f4ff", "#8d6e63", "#ffffff"),
    ("#ffd6a5", "#fdffb6", "#6a994e", "#ffadad"),
    ("#a2d2ff", "#cdeafe", "#1d3557", "#fefae0"),
)


def picture(number: int, width: int = 320, height: int = 200) -> bytes:
    """A JPEG landscape: a sky gradient, a sun and two rolling hills."""
    sky_top, sky_bottom, land, sun = (QColor(colour) for colour in PICTURES[number])
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0, sky_top)
    gradient.setColorAt(1, sky_bottom)
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(sun)
    painter.drawEllipse(QPointF(width * (0.2 + 0.12 * number), height * 0.32), 22, 22)
    for depth, (rise, shade) in enumerate(((0.55, 130), (0.7, 100))):
        hill = QPainterPath(QPointF(0, height))
        hill.lineTo(0, height * rise)
        hill.cubicTo(
            width * 0.3, height * (rise - 0.2 + 0.05 * depth),
            width * 0.6, height * (rise + 0.15),
            width, height * (rise - 0.1),
        )  # fmt: skip
        hill.lineTo(width, height)
        painter.setBrush(land.darker(shade))
        painter.drawPath(hill)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 90)
    return bytes(data.data())


def feed_xml(base: str) -> bytes:
    now = datetime.now(UTC)
    items = "".join(
        f"<item><title>{title}</title><link>{base}/story/{number}</link>"
        f"<description>{summary}</description>"
        f'<media:thumbnail url="{base}/picture/{number}.jpg" width="320" height="200"/>'
        f"<pubDate>{format_datetime(now - timedelta(hours=2 * number))}</pubDate></item>"
        for number, (title, summary) in enumerate(HEADLINES)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel><title>Riverside News</title><link>{base}</link>"
        f"<description>News</description>{items}</channel></rss>"
    ).encode()


def serve_feed() -> tuple[http.server.ThreadingHTTPServer, list[str]]:
    requested: list[str] = []
    # Drawn here, on the main thread: Qt's painting is not for the server's threads.
    pictures = {f"/picture/{number}.jpg": picture(number) for number in range(len(HEADLINES))}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            if self.path in pictures:
                body, kind = pictures[self.path], "image/jpeg"
            else:
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                body, kind = feed_xml(base), "application/rss+xml"
            self.send_response(200)
            self.send_header("Content-Type", kind)
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


def window_size(window: str, env: dict[str, str]) -> tuple[int, int]:
    geometry = subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", window],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    values = dict(line.split("=", 1) for line in geometry.splitlines() if "=" in line)
    return int(values.get("WIDTH", 0)), int(values.get("HEIGHT", 0))


def main(output: Path = OUTPUT) -> None:
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
        pictures = {f"/picture/{number}.jpg" for number in range(len(HEADLINES))}
        wait_for(lambda: pictures <= set(requested), "the news pictures to be shown")
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
        wait_for(lambda: window_size(window(), xenv) == SIZE, "the window to take its size")
        # Taken once two pictures in a row agree: laid out at that size and painted.
        previous, current = QImage(), QImage()
        while previous.isNull() or previous != current:
            previous = current
            subprocess.run(["import", "-window", window(), str(output)], env=xenv, check=True)
            current = QImage(str(output))
        print(f"Wrote {output}")
    finally:
        app.terminate()
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        xvfb.terminate()
        feed.shutdown()
        icecast.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
