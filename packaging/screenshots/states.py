"""Screenshots of every state of the real window, at three screen sizes, under Xvfb.

A developer's tool for looking at the app as a person sees it:
`.venv/bin/python packaging/screenshots/states.py OUTDIR [STATE …] [--sizes 800x500,…]`
after `scripts/test` has set up the test environment. It writes
OUTDIR/STATE-WIDTHxHEIGHT.png for each state and screen size.

Each screen size gets its own desktop (Xvfb, openbox, a session bus and the
AT-SPI bus, as in the end-to-end tests); each run of the app there starts
`python -m station_app` with a config of its own, against servers on
loopback (a tone on Icecast, a Composer schedule, a station's website with
its feed, articles and pictures, the station directory), and is driven into
its states by keys, clicks and AT-SPI like the end-to-end tests do. The
main window fills the screen (openbox maximises it), so each picture shows
what that screen shows.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pytest_httpserver import HTTPServer  # noqa: E402
from take import HEADLINES, picture  # noqa: E402
from werkzeug import Response  # noqa: E402

from tests.e2e.atspi import Accessible, AtSpiBus  # noqa: E402
from tests.e2e.configs import write_settings  # noqa: E402
from tests.e2e.desktop import Desktop, wait_for  # noqa: E402
from tests.e2e.running_app import RunningApp  # noqa: E402
from tests.e2e.sites import (  # noqa: E402
    SITE_NAME,
    STATION_ZONE,
    StationSite,
    schedule_around_now,
)
from tests.e2e.test_website_discovery import UCS_ID, grove_home  # noqa: E402
from tests.playback.icecast import IcecastServer, make_tone_mp3  # noqa: E402
from tests.schedule.composer_server import ComposerServer  # noqa: E402
from tests.servers import loopback_server  # noqa: E402
from tests.stations.fake_directory import entry  # noqa: E402

SIZES = ((800, 500), (1366, 768), (1920, 1080))
DISPLAY = 131  # the display asked for first; any free one when it is taken
TITLES = (
    "Miles Davis - So What",
    "Nina Simone — Feeling Good",
    "Dave Brubeck Quartet - Take Five (Live at Carnegie Hall, 1963, remastered)",
)
DIRECTORY = (
    ("WNEW Loopback Jazz 88.1", "jazz,public radio", "Connecticut", "MP3", 128),
    ("Loopback Jazz & Blues 24/7", "jazz,blues", "New York", "AAC", 64),
    ("Jazz Riverside — the late show with very long name indeed", "jazz", "", "OGG", 96),
    ("KJAZ Loopback Public Jazz", "jazz,npr", "California", "MP3", 256),
)


@dataclass(frozen=True)
class Article:
    slug: str
    headline: str
    summary: str
    paragraphs: tuple[str, ...]


def articles() -> tuple[Article, ...]:
    """Six stories (take.py's headlines), each with a page of its own."""
    body = (
        "The decision came after months of public meetings, in which residents "
        "spoke for and against the plan, often late into the evening.",
        "Officials said the work would start in the spring and finish before the "
        "end of the year, weather permitting, and that the budget allowed for it.",
        "“We listened to everyone who came,” said the chair of the committee. "
        "“This is what people asked for, and we think it will serve the town well.”",
    )
    return tuple(
        Article(f"story-{number}", headline, summary, (summary, *body))
        for number, (headline, summary) in enumerate(HEADLINES)
    )


def feed_rss(base: str, stories: tuple[Article, ...], now: datetime) -> str:
    items = "".join(
        f"<item><title>{escape(story.headline)}</title>"
        f"<link>{base}/articles/{story.slug}</link>"
        f'<guid isPermaLink="false">{story.slug}</guid>'
        f"<description>{escape(story.summary)}</description>"
        f'<media:thumbnail url="{base}/picture/{number}.jpg" width="320" height="200"/>'
        f"<pubDate>{format_datetime(now - timedelta(minutes=25 + 95 * number))}</pubDate></item>"
        for number, story in enumerate(stories)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        f"<title>{escape(SITE_NAME)} News</title><link>{base}/</link>"
        f"<description>Local news</description>{items}</channel></rss>"
    )


def article_html(story: Article, number: int) -> str:
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in story.paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(story.headline)} | {SITE_NAME}</title>"
        f'<meta property="og:site_name" content="{SITE_NAME}"></head><body>'
        "<header><nav><a href='/'>Home</a></nav></header><main><article>"
        f"<h1>{escape(story.headline)}</h1><div class='byline'>By Ann Reporter</div>"
        f"<figure><img src='/picture/{number}.jpg' width='320' height='200' alt=''>"
        "<figcaption>The site on Tuesday morning.</figcaption></figure>"
        f"<div class='article-body'>{paragraphs}<h2>What comes next</h2>"
        "<p>A second meeting is planned for next month.</p></div>"
        "</article></main></body></html>"
    )


def logo_png(size: int = 256) -> bytes:
    """A station's picture: a blue square with rings, as a radio station's logo might be."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor("#1d4e89"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(0, 0, 0, 0))
    for ring, colour in enumerate(("#f6ae2d", "#f26419", "#ffffff")):
        pen = painter.pen()
        pen.setColor(QColor(colour))
        pen.setWidthF(size * 0.06)
        painter.setPen(pen)
        radius = size * (0.36 - 0.1 * ring)
        painter.drawEllipse(QPointF(size / 2, size / 2), radius, radius)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(QRectF(size * 0.45, size * 0.45, size * 0.1, size * 0.1))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class Servers:
    """Everything the app reaches, on loopback, for all the runs."""

    def __init__(self, stack: ExitStack, work: Path) -> None:
        tone = make_tone_mp3(work / "tone.mp3", seconds=30)
        icecast_dir = Path(tempfile.mkdtemp(prefix="station-icecast-"))
        stack.callback(shutil.rmtree, icecast_dir, True)
        self.icecast = IcecastServer(icecast_dir, tone)
        self.icecast.start()
        stack.callback(self.icecast.stop)
        self.composer = ComposerServer()
        self.composer.start()
        stack.callback(self.composer.stop)
        self.content: HTTPServer = stack.enter_context(loopback_server())
        self.website: HTTPServer = stack.enter_context(loopback_server())
        self.site = StationSite(self.content, self.icecast.stream_url)
        for name, tags, state, codec, bitrate in DIRECTORY:
            self.site.directory.stations.append(
                entry(
                    name,
                    self.icecast.stream_url,
                    tags=tags,
                    state=state,
                    codec=codec,
                    bitrate=bitrate,
                )
            )
        self.stories = articles()
        now = datetime.now(UTC)
        self.content.expect_request("/pictures.rss").respond_with_handler(
            lambda _request: Response(
                feed_rss(self.site.base, self.stories, now),
                content_type="application/rss+xml",
            )
        )
        for number, story in enumerate(self.stories):
            self.content.expect_request(f"/articles/{story.slug}").respond_with_data(
                article_html(story, number), content_type="text/html; charset=utf-8"
            )
        for number in range(len(HEADLINES)):
            self.content.expect_request(f"/picture/{number}.jpg").respond_with_data(
                picture(number), content_type="image/jpeg"
            )
        self.content.expect_request("/logo.png").respond_with_data(
            logo_png(), content_type="image/png"
        )
        self.content.expect_request("/dead.mp3").respond_with_data("gone", status=503)
        self.content.expect_request("/dead-too.mp3").respond_with_data("", status=404)
        # The schedule of the first station, and of the one a website names.
        schedule_around_now(self.composer, "wlpr", now, self.site.base)
        schedule_around_now(self.composer, UCS_ID, now, self.site.base)
        # A Grove-like home page that names its schedule and feed; a page with nothing.
        self.website.expect_request("/").respond_with_data(
            grove_home(self.icecast.stream_url), content_type="text/html; charset=utf-8"
        )
        self.website.expect_request("/news.rss").respond_with_handler(self.site._feed)
        self.website.expect_request("/blog").respond_with_data(
            "<html><head><title>A blog</title></head><body>Hello</body></html>",
            content_type="text/html",
        )

    def pictures_shown(self) -> bool:
        """The first headlines' pictures were fetched (the rest wait until scrolled to)."""
        asked = {request.path for request, _ in self.content.log}
        return all(f"/picture/{n}.jpg" in asked for n in range(3))


def station_toml(
    station_id: str,
    call_sign: str,
    streams: list[str],
    frequency: str = "89.9 FM",
    city: str = "Loopback, CT",
    extra: str = "",
) -> str:
    quoted = ", ".join(f'"{stream}"' for stream in streams)
    return (
        f'\n[[stations]]\nid = "{station_id}"\ncall_sign = "{call_sign}"\n'
        f'frequency = "{frequency}"\ncity = "{city}"\nstreams = [{quoted}]\n'
        f'timezone = "{STATION_ZONE}"\n{extra}'
    )


def network_toml(website: str = "", feeds: tuple[str, ...] = ()) -> str:
    text = f'# Stations for the screenshots\n[network]\nname = "{SITE_NAME}"\n'
    if website:
        text += f'website = "{website}"\n'
    for url in feeds:
        text += f'\n[[feeds]]\ntitle = "News"\nurl = "{url}"\n'
    return text


# -- one desktop, one app ---------------------------------------------------------------


class Shooter:
    """Takes each state's picture of one desktop into `out`."""

    def __init__(self, desktop: Desktop, out: Path, wanted: set[str] | None) -> None:
        self.desktop = desktop
        self.out = out
        self.wanted = wanted
        width, height = desktop.size
        self.size = f"{width}x{height}"
        self.taken: list[Path] = []

    def wants(self, *states: str) -> bool:
        return self.wanted is None or bool(self.wanted & set(states))

    def shoot(self, state: str) -> None:
        """The whole screen, once two pictures in a row agree (laid out and painted)."""
        if not self.wants(state):
            return
        path = self.out / f"{state}-{self.size}.png"
        previous = QImage()
        for _ in range(6):
            time.sleep(0.3)  # let a repaint that was asked for happen before looking
            self.desktop.screenshot(path)
            current = QImage(str(path))
            if not previous.isNull() and previous == current:
                break
            previous = current
        self.taken.append(path)
        print(f"  {path.name}", flush=True)


@contextmanager
def running(
    desktop: Desktop,
    bus: AtSpiBus,
    home: Path,
    stations: str,
    directory: str | None = None,
    settings: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    offline: bool = False,
    composer_port: int = 0,
) -> Iterator[tuple[RunningApp, Accessible]]:
    app = RunningApp(desktop, bus, home, args=args, offline=offline)
    if stations:
        app.write_config("stations.toml", stations)
    write_settings(app, directory, settings)
    if composer_port:
        path = app.config_dir / "settings.toml"
        path.write_text(
            path.read_text(encoding="utf-8")
            + f'\n[schedule]\ncomposer_server = "http://127.0.0.1:{composer_port}"\n',
            encoding="utf-8",
        )
    app.start()
    try:
        window = app.window()
        maximise(desktop, window)
        yield app, window
    except BaseException:
        desktop.screenshot(home / "failure.png")
        print(f"  (the screen when it failed: {home / 'failure.png'})", flush=True)
        raise
    finally:
        problems = app.finish()
        if problems:
            print("  the app reported:\n    " + "\n    ".join(problems[:10]), flush=True)


def maximise(desktop: Desktop, window: Accessible) -> None:
    """Fills the screen with the main window, as a double click on its title bar does."""
    x, y, width, _height = window.extents()
    screen_width, screen_height = desktop.size
    desktop.double_click(x + width // 2, max(1, y - 10))  # openbox's title bar is 20 high

    def filled() -> bool:
        _x, _y, width, height = window.extents()
        return width >= screen_width - 4 and height >= screen_height - 40

    wait_for(filled, "the window to fill the screen", timeout=15)
    desktop.xdotool("mousemove", str(screen_width - 1), str(screen_height - 1))


def press(node: Accessible) -> None:
    node.do("Press")


def showing_label(window: Accessible, test: Callable[[str], bool], what: str) -> Accessible:
    return wait_for(lambda: next(iter(window.find_all("label", test, showing=True)), None), what)


def close_dialog(desktop: Desktop, dialog: Accessible, window: Accessible) -> None:
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the dialog to close")
    wait_for(lambda: "active" in window.states, "the main window to be active again")


# -- the runs ---------------------------------------------------------------------------


def run_first_start(shots: Shooter, bus: AtSpiBus, home: Path) -> None:
    if not shots.wants("first-start"):
        return
    app = RunningApp(shots.desktop, bus, home, offline=True)
    app.start()
    try:
        window = app.window()
        showing_label(window, lambda n: "could not" in n.lower(), "the news to say it is offline")
        shots.shoot("first-start")  # the window as the app sizes it on this screen
    finally:
        app.finish()


def run_config_error(shots: Shooter, bus: AtSpiBus, home: Path) -> None:
    if not shots.wants("config-error"):
        return
    broken = '[network]\nname = "Mine"\n\n[[stations]]\nid = "x y"\ncall_sign = "X"\n'
    with running(shots.desktop, bus, home, broken, offline=True) as (_app, window):
        window.find(name="Configuration problem")
        showing_label(window, lambda n: "could not" in n.lower(), "the news to say it is offline")
        shots.shoot("config-error")


def run_listening(shots: Shooter, bus: AtSpiBus, home: Path, servers: Servers) -> None:
    states = (
        "playing",
        "news",
        "article",
        "sleep-timer",
        "played-titles",
        "day-view",
        "add-directory",
        "add-website",
        "preferences",
        "reconnecting",
        "long-name",
    )
    if not shots.wants(*states):
        return
    desktop = shots.desktop
    site = servers.site
    stations = (
        network_toml(site.base, (f"{site.base}/pictures.rss",))
        + station_toml(
            "wlpr",
            "WLPR",
            [servers.icecast.stream_url],
            city="Loopback, CT",
            extra=f'schedule_url = "{servers.composer.base("wlpr")}"\n'
            f'logo = "{site.base}/logo.png"\n',
        )
        + station_toml("wtwo", "WTWO", [servers.icecast.stream_url], "91.1 FM", "Second City, CT")
        + station_toml("wthr", "WTHR-FM", [f"{site.base}/dead.mp3"], "88.5 FM", "Third Haven, CT")
        # A station added from a website is named after the site: a long name.
        + station_toml(
            "lpr",
            "Loopback Public Radio Jazz and Classical",
            [servers.icecast.stream_url],
            "",
            "Riverside Heights, New London County, CT",
        )
    )
    with running(desktop, bus, home, stations, directory=site.base, args=("--play", "wlpr")) as (
        app,
        window,
    ):
        for title in TITLES[:2]:
            servers.icecast.set_title(title)
            window.find("label", title)
        servers.icecast.set_title(TITLES[2])
        window.find("label", TITLES[2])
        window.find("label", lambda text: text.startswith("On Now:"))
        wait_for(servers.pictures_shown, "the news pictures")
        window.find("list", "Headlines").find("list item")
        shots.shoot("playing")

        headlines = window.find("list", "Headlines")
        headlines.grab_focus()
        first = headlines.find_all("list item")[0]
        wait_for(lambda: "focused" in first.states, "the first headline to have the focus")
        desktop.key("Down")
        shots.shoot("news")

        if shots.wants("article"):
            desktop.key("Up", "Return")
            article = window.find(name=lambda name: name.startswith("Article"))
            wait_for(lambda: servers.stories[0].paragraphs[1][:30] in article.text, "the article")
            shots.shoot("article")
            desktop.key("Escape")
            window.find("list", "Headlines")

        if shots.wants("sleep-timer"):
            desktop.key("ctrl+t")
            menu = app.root.find("popup menu", "Sleep timer", showing=False)
            wait_for(lambda: "showing" in menu.states, "the sleep timer menu")
            desktop.key("Down", "Return")
            window.find(name=lambda name: name.startswith("Sleep timer: Playback stops"))
            shots.shoot("sleep-timer")

        if shots.wants("played-titles"):
            desktop.key("ctrl+h")
            dialog = app.root.find("dialog", lambda name: name.startswith("Played titles"))
            wait_for(
                lambda: len(dialog.find("list", "Played titles").find_all("list item")) >= 3,
                "the played titles",
            )
            shots.shoot("played-titles")
            close_dialog(desktop, dialog, window)

        if shots.wants("day-view"):
            press(window.find("push button", "Day schedule…"))
            dialog = app.root.find("dialog", lambda name: name.startswith("WLPR schedule"))
            dialog.find("list", "Programs").find("list item", lambda name: "on now" in name)
            shots.shoot("day-view")
            close_dialog(desktop, dialog, window)

        if shots.wants("add-directory", "add-website"):
            desktop.key("ctrl+n")
            dialog = app.root.find("dialog", lambda name: name.startswith("Add station"))
            search = dialog.find("text", "Search the station directory")
            wait_for(lambda: "focused" in search.states, "the search field to have the focus")
            desktop.type_text("Jazz")
            dialog.find("tree item", DIRECTORY[-1][0])
            desktop.key("Down")
            shots.shoot("add-directory")
            desktop.key("alt+w", "alt+h")
            address = dialog.find("text", "Home page of the station")
            wait_for(lambda: "focused" in address.states, "the address field to have the focus")
            desktop.type_text(site.base)
            desktop.key("Return")
            name = dialog.find("text", "Call sign or name of the new station")
            wait_for(lambda: name.text == SITE_NAME, "the site's own name")
            dialog.find("tree item", "News feed")
            shots.shoot("add-website")
            close_dialog(desktop, dialog, window)

        if shots.wants("preferences"):
            desktop.key("ctrl+comma")
            dialog = app.root.find("dialog", lambda name: name.startswith("Preferences"))
            dialog.find("spin box", "Refresh the news every")
            shots.shoot("preferences")
            close_dialog(desktop, dialog, window)

        if shots.wants("reconnecting"):
            servers.icecast.stop_source()
            try:
                showing_label(
                    window,
                    lambda n: n.startswith("Reconnecting in"),
                    "the player bar to count down to the next try",
                )
                shots.shoot("reconnecting")
            finally:
                servers.icecast.start_source()

        if shots.wants("long-name"):
            desktop.key("ctrl+4")  # the station named after its website
            window.find("label", "Loopback Public Radio Jazz and Classical")
            showing_label(window, lambda n: n == "Playing", "the long-named station to play")
            shots.shoot("long-name")


def run_failing(shots: Shooter, bus: AtSpiBus, home: Path, servers: Servers) -> None:
    if not shots.wants("failing", "failing-details"):
        return
    site = servers.site
    stations = (
        network_toml(site.base, (f"{site.base}/pictures.rss",))
        + station_toml(
            "wded", "WDED", [f"{site.base}/dead.mp3", f"{site.base}/dead-too.mp3"], "90.1 FM"
        )
        + station_toml("wtwo", "WTWO", [servers.icecast.stream_url], "91.1 FM", "Second City, CT")
    )
    desktop = shots.desktop
    with running(desktop, bus, home, stations, args=("--play", "wded")) as (app, window):
        showing_label(window, lambda n: n.startswith("Trying again"), "the player to retry")
        details = window.find("push button", "Details")
        window.find("list", "Headlines").find("list item")
        shots.shoot("failing")
        if shots.wants("failing-details"):
            press(details)
            dialog = app.root.find("dialog", lambda name: name.startswith("Playback details"))
            shots.shoot("failing-details")
            close_dialog(desktop, dialog, window)


def run_website(shots: Shooter, bus: AtSpiBus, home: Path, servers: Servers) -> None:
    if not shots.wants("schedule-found"):
        return
    stations = network_toml(servers.website.url_for("/")) + station_toml(
        "wlpr", "WLPR", [servers.icecast.stream_url]
    )
    with running(shots.desktop, bus, home, stations, composer_port=servers.composer.port) as (
        _app,
        window,
    ):
        window.find("label", lambda text: text.startswith("On Now:"))
        window.find("push button", "Keep this schedule in my stations")
        window.find("list", "Headlines").find("list item")
        shots.shoot("schedule-found")


def run_news_empty(shots: Shooter, bus: AtSpiBus, home: Path, servers: Servers) -> None:
    if not shots.wants("news-empty"):
        return
    stations = network_toml(servers.website.url_for("/blog")) + station_toml(
        "wlpr", "WLPR", [servers.icecast.stream_url]
    )
    with running(shots.desktop, bus, home, stations) as (_app, window):
        window.find("push button", "Add a feed address…")
        showing_label(window, lambda n: "Looked on" in n, "the news to say where it looked")
        shots.shoot("news-empty")


RUNS = (
    ("first-start", run_first_start, False),
    ("config-error", run_config_error, False),
    ("listening", run_listening, True),
    ("failing", run_failing, True),
    ("website", run_website, True),
    ("news-empty", run_news_empty, True),
)


def free_display() -> int | None:
    return None if Path(f"/tmp/.X{DISPLAY}-lock").exists() else DISPLAY


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("states", nargs="*", help="only these states (default: all)")
    parser.add_argument(
        "--sizes",
        default=",".join(f"{w}x{h}" for w, h in SIZES),
        help="screen sizes, WIDTHxHEIGHT separated by commas",
    )
    options = parser.parse_intermixed_args()
    options.out.mkdir(parents=True, exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # each request's line
    sizes = [tuple(int(n) for n in size.split("x")) for size in options.sizes.split(",")]
    wanted = set(options.states) or None
    work = Path(tempfile.mkdtemp(prefix="station-states-"))
    failures = 0
    with ExitStack() as stack:
        servers = Servers(stack, work)
        for width, height in sizes:
            print(f"{width}x{height}", flush=True)
            folder = work / f"{width}x{height}"
            with Desktop(folder / "desktop", (width, height), free_display()) as desktop:
                bus = AtSpiBus(desktop.session_bus)
                try:
                    shots = Shooter(desktop, options.out, wanted)
                    for name, run, needs_servers in RUNS:
                        home = folder / name
                        try:
                            if needs_servers:
                                run(shots, bus, home, servers)  # type: ignore[call-arg]
                            else:
                                run(shots, bus, home)  # type: ignore[call-arg]
                        except Exception as error:  # one run failing leaves the others
                            failures += 1
                            print(f"  {name} failed: {error!r}", flush=True)
                finally:
                    bus.close()
    if failures:
        raise SystemExit(f"{failures} run(s) failed; what they left is in {work}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
