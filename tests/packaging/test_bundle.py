"""scripts/package builds a bundle that runs with a bare environment and plays through
its own libVLC; its install script puts the app in the desktop's application list."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import ssl
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from station_app import APP_ID, __version__
from station_app.libvlc_bundle import bundle_layout
from tests.playback.icecast import IcecastServer, free_port, make_tone_mp3

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class FreshClone:
    """`scripts/package` run in a `git clone` of this checkout: no .venv, no build."""

    folder: Path
    result: subprocess.CompletedProcess[str]


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True, timeout=120
    ).stdout


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FreshClone]:
    """Clones the repository, brings over the checkout's changes not yet committed (so
    what is tested is what is here), and runs `scripts/package` there as a person would
    after cloning. The build the other tests use comes from it."""
    folder = tmp_path_factory.mktemp("clone") / "station-app"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True, timeout=300)
    changed = git("ls-files", "-z", "--modified", "--others", "--exclude-standard").split("\0")
    for name in filter(None, changed):
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    for name in filter(None, git("ls-files", "-z", "--deleted").split("\0")):
        (folder / name).unlink(missing_ok=True)
    # As a person's shell has it: the system's python3, not the test environment's.
    path = [entry for entry in os.environ["PATH"].split(os.pathsep) if ".venv" not in entry]
    result = subprocess.run(
        [str(folder / "scripts" / "package")],
        cwd=folder,
        env={**os.environ, "PATH": os.pathsep.join(path)},
        capture_output=True,
        text=True,
        timeout=1800,  # it installs its own packaging environment
        check=False,
    )
    try:
        yield FreshClone(folder, result)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # a packaging environment and two builds


@pytest.fixture(scope="module")
def dist(fresh_clone: FreshClone) -> Path:
    assert fresh_clone.result.returncode == 0, fresh_clone.result.stderr[-3000:]
    return fresh_clone.folder / "dist"


@pytest.fixture(scope="module")
def bundle(dist: Path) -> Path:
    return dist / "station-app"


def test_package_builds_in_a_fresh_clone(fresh_clone: FreshClone) -> None:
    result = fresh_clone.result
    assert result.returncode == 0, result.stderr[-3000:]
    bundle = fresh_clone.folder / "dist" / "station-app"
    assert result.stdout.splitlines()[-1].startswith(f"Built {bundle} (")
    assert (bundle / "station-app").is_file()
    # Packaging keeps to its own environment: the test and run environment stays unmade.
    assert not (fresh_clone.folder / ".venv").exists()
    assert (fresh_clone.folder / ".venv-package" / "bin" / "python").exists()


def bare_env(home: Path, **extra: str) -> list[str]:
    """`env -i` with only a home of the test's own: no venv, no PYTHONPATH, no LANG."""
    return ["env", "-i", f"HOME={home}", *(f"{key}={value}" for key, value in extra.items())]


def test_tarball_holds_the_bundle(dist: Path) -> None:
    [archive] = dist.glob(f"station-app-{__version__}-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"station-app/station-app", "station-app/install"} <= names
    assert f"station-app/share/applications/{APP_ID}.desktop" in names


def test_bundle_runs_with_a_bare_environment(bundle: Path, tmp_path: Path) -> None:
    for args, expected in (
        (["--version"], f"station-app {__version__}"),
        (["--list-stations"], "wnpr\tWNPR\t90.5 FM\tMeriden, CT"),
    ):
        result = subprocess.run(
            [*bare_env(tmp_path), str(bundle / "station-app"), *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0] == expected
        assert result.stderr == ""


def test_bundle_leaves_out_what_the_app_does_not_use(bundle: Path) -> None:
    files = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*")}
    assert not [name for name in files if "WebEngine" in name or "Qt6Qml" in name]
    assert not [name for name in files if "/translations/" in name]
    plugins = {Path(name).name for name in files if "/vlc/plugins/" in name}
    assert "libmpg123_plugin.so" in plugins and "libopus_plugin.so" in plugins
    assert len(plugins) < 60  # a chosen few of the system's ~400
    network = {Path(name).name for name in files if "/networkinformation/" in name}
    assert network == {"libqnetworkmanager.so"}  # not GLib's, which would bring GIO along


@pytest.fixture
def icecast() -> Iterator[IcecastServer]:
    # Not under pytest's tmp_path: Icecast drops root and must reach its folder.
    workdir = Path(tempfile.mkdtemp(prefix="station-icecast-"))
    tone = make_tone_mp3(Path(tempfile.mkdtemp(prefix="station-tone-")) / "tone.mp3")
    server = IcecastServer(workdir, tone)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(tone.parent, ignore_errors=True)


@pytest.fixture
def display() -> Iterator[str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


def wait_until(condition: Callable[[], object], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def mapped_files(pid: int) -> set[str]:
    lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return {line.split(maxsplit=5)[5] for line in lines if len(line.split(maxsplit=5)) == 6}


@dataclass(frozen=True)
class RunningBundle:
    app: subprocess.Popen[str]
    audio: Path  # where libVLC writes what it plays
    display: str

    def wait_for_audio(self, what: str) -> None:
        # Decoded audio reaches the file: more than a WAV header's worth.
        wait_until(lambda: self.audio.exists() and self.audio.stat().st_size > 64_000, what)

    def windows(self) -> list[str]:
        """The app's windows a person sees."""
        return subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(self.app.pid)],
            env={"DISPLAY": self.display},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout.split()

    def window_properties(self, window: str, *atoms: str) -> str:
        """What the window tells the desktop, as `xprop` prints it."""
        return subprocess.run(
            ["xprop", "-id", window, *atoms],
            env={"DISPLAY": self.display},
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout


@contextlib.contextmanager
def running_bundle(
    bundle: Path, home: Path, display: str, url: str, *vlc_options: str, **env: str
) -> Iterator[RunningBundle]:
    """Runs the bundle with `env -i`, playing one station at `url` into a WAV file;
    once done, its output must hold no traceback, warning or error."""
    config = home / "config" / "station-app"
    config.mkdir(parents=True)
    (config / "stations.toml").write_text(
        '[network]\nname = "Loopback"\n\n[[stations]]\nid = "test"\ncall_sign = "WTST"\n'
        f'streams = ["{url}"]\n'
    )
    wav = home / "out.wav"
    options = ", ".join(
        f'"{option}"' for option in ("--aout=afile", f"--audiofile-file={wav}", *vlc_options)
    )
    (config / "settings.toml").write_text(f"[player]\nvlc_options = [{options}]\n")
    command = bare_env(home, DISPLAY=display, XDG_CONFIG_HOME=str(home / "config"), **env)
    app = subprocess.Popen(
        [*command, str(bundle / "station-app"), "--play", "test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield RunningBundle(app, wav, display)
    finally:
        app.terminate()
        output = app.communicate(timeout=60)[0]
        print(output)  # shown with a failure
    assert "Traceback" not in output
    assert not [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def test_bundle_plays_through_its_own_libvlc(
    bundle: Path, tmp_path: Path, icecast: IcecastServer, display: str
) -> None:
    with running_bundle(bundle, tmp_path, display, icecast.stream_url) as running:
        running.wait_for_audio("the bundle to play the Icecast stream")
        mapped = mapped_files(running.app.pid)
    libvlc = bundle_layout(bundle / "_internal")
    assert {str(libvlc.library), str(libvlc.core)} <= mapped
    assert str(libvlc.plugins / "codec" / "libmpg123_plugin.so") in mapped
    vlc_files = [path for path in mapped if "vlc" in path]
    assert vlc_files and all(path.startswith(f"{bundle}/") for path in vlc_files), vlc_files


def test_bundle_window_tells_the_desktop_the_app_id_and_icon(
    bundle: Path, tmp_path: Path, display: str
) -> None:
    with running_bundle(bundle, tmp_path, display, f"http://127.0.0.1:{free_port()}/") as running:
        wait_until(running.windows, "the window")
        [window] = running.windows()
        identity = running.window_properties(
            window, "WM_CLASS", "_GTK_APPLICATION_ID", "_KDE_NET_WM_DESKTOP_FILE"
        ).splitlines()
        icon = running.window_properties(window, "_NET_WM_ICON")
    # How desktops match a window to its menu entry: GNOME Shell by the GTK application
    # id, KDE Plasma by its desktop file property, others by WM_CLASS (StartupWMClass).
    assert identity == [
        'WM_CLASS(STRING) = "station-app", "station-app"',
        f'_GTK_APPLICATION_ID(UTF8_STRING) = "{APP_ID}"',
        f'_KDE_NET_WM_DESKTOP_FILE(UTF8_STRING) = "{APP_ID}"',
    ]
    entry = (bundle / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert "\nStartupWMClass=station-app\n" in entry
    assert "Icon (16 x 16)" in icon and "Icon (128 x 128)" in icon


class FakeNetworkManager:
    """NetworkManager on a private system bus, as much of it as Qt's backend reads: the
    state and connectivity, their changes, and the primary connection. Records each
    call it gets as (object path, member)."""

    NAME = INTERFACE = "org.freedesktop.NetworkManager"
    PATH = "/org/freedesktop/NetworkManager"
    ONLINE_CONNECTION = f"{PATH}/ActiveConnection/1"

    def __init__(self, address: str) -> None:
        self.calls: list[tuple[str, str]] = []
        self._properties: dict[str, tuple[str, object]] = {
            "State": ("u", 20),  # NM_STATE_DISCONNECTED
            "Connectivity": ("u", 1),  # NM_CONNECTIVITY_NONE
        }
        self._announce = threading.Event()
        self._stop = threading.Event()
        self._connection = open_dbus_connection(address)
        self._connection.send_and_get_reply(message_bus.RequestName(self.NAME), timeout=30)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def go_online(self) -> None:
        """The network is back: a global connection with full connectivity (and a
        PropertiesChanged signal, sent again on each call in case the first came before
        the listener's match rule)."""
        self._announce.set()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        self._connection.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            if self._announce.is_set():
                self._announce.clear()
                self._properties = {
                    "State": ("u", 70),  # NM_STATE_CONNECTED_GLOBAL
                    "Connectivity": ("u", 4),  # NM_CONNECTIVITY_FULL
                    "PrimaryConnection": ("o", self.ONLINE_CONNECTION),
                }
                self._connection.send(
                    new_signal(
                        DBusAddress(self.PATH, interface="org.freedesktop.DBus.Properties"),
                        "PropertiesChanged",
                        "sa{sv}as",
                        (self.INTERFACE, self._properties, []),
                    )
                )
            try:
                message = self._connection.receive(timeout=0.1)
            except TimeoutError:
                continue
            if message.header.message_type is not MessageType.method_call:
                continue
            fields = message.header.fields
            path, member = fields[HeaderFields.path], fields[HeaderFields.member]
            self.calls.append((path, member))
            if path == self.PATH and member == "GetAll" and message.body == (self.INTERFACE,):
                reply = new_method_return(message, "a{sv}", (self._properties,))
            else:  # the connection's devices are not needed to know the network is up
                reply = new_error(message, "org.freedesktop.DBus.Error.UnknownObject")
            self._connection.send(reply)


@pytest.fixture
def network_manager(session_bus: str) -> Iterator[tuple[FakeNetworkManager, str]]:
    """A fake NetworkManager; yields it and the address of its (system) bus."""
    fake = FakeNetworkManager(session_bus)
    try:
        yield fake, session_bus
    finally:
        fake.close()


def test_bundle_follows_networkmanager_while_the_stream_is_down(
    bundle: Path,
    tmp_path: Path,
    display: str,
    network_manager: tuple[FakeNetworkManager, str],
) -> None:
    """A waiting player retries at once when the network is back (tests/player/
    test_network.py); this is the bundle's half: Qt's NetworkManager backend is inside,
    loads once the stream is lost, and hears NetworkManager's changes."""
    fake, system_bus = network_manager
    nothing_listens = f"http://127.0.0.1:{free_port()}/live.mp3"
    with running_bundle(
        bundle, tmp_path, display, nothing_listens, DBUS_SYSTEM_BUS_ADDRESS=system_bus
    ) as running:
        wait_until(lambda: (fake.PATH, "GetAll") in fake.calls, "the app to ask NetworkManager")
        mapped = mapped_files(running.app.pid)

        def heard_the_change() -> bool:
            fake.go_online()
            return any(path == fake.ONLINE_CONNECTION for path, _member in fake.calls)

        # Qt's backend looks at the new primary connection: it heard the change.
        wait_until(heard_the_change, "the app to follow the network coming back")
    plugin = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "networkinformation"
    assert str(plugin / "libqnetworkmanager.so") in mapped
    assert all(path.startswith(f"{bundle}/") for path in mapped if "/networkinformation/" in path)


# Made with the system's libVLC, which has the encoders the bundle leaves out.
_MAKE_MEDIA = """
import sys, time, vlc
source, out = sys.argv[1], sys.argv[2]
audio = "channels=2,samplerate=48000"
jobs = (
    f"#transcode{{acodec=opus,ab=64,{audio}}}:std{{access=file,mux=ogg,dst={out}/tone.opus}}",
    f"#transcode{{acodec=mp4a,ab=96,{audio}}}:std{{access=livehttp{{seglen=4,"
    f"index={out}/hls/index.m3u8,index-url=seg-########.ts}},mux=ts,dst={out}/hls/seg-########.ts}}",
)
instance = vlc.Instance("--aout=adummy", "--no-video")
for sout in jobs:
    player = instance.media_player_new()
    player.set_media(instance.media_new(source, f":sout={sout}"))
    player.play()
    deadline = time.monotonic() + 120
    while player.get_state() not in (vlc.State.Ended, vlc.State.Error):
        assert time.monotonic() < deadline, sout
        time.sleep(0.1)
    assert player.get_state() == vlc.State.Ended, sout
    player.release()
"""


@pytest.fixture(scope="module")
def https_media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Opus in Ogg and HLS with AAC segments, served over HTTPS on loopback with a
    self-signed certificate; yields the address and the certificate."""
    folder = tmp_path_factory.mktemp("media")
    (folder / "hls").mkdir()
    tone = make_tone_mp3(folder / "tone.mp3", seconds=12)
    subprocess.run(
        [sys.executable, "-c", _MAKE_MEDIA, str(tone), str(folder)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    certificate, key = folder / "certs" / "cert.pem", folder / "key.pem"
    certificate.parent.mkdir()
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(certificate), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )  # fmt: skip

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", certificate
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("path", "plugins"),
    [
        ("tone.opus", ("demux/libogg_plugin.so", "codec/libopus_plugin.so")),
        ("hls/index.m3u8", ("demux/libadaptive_plugin.so", "codec/libfaad_plugin.so")),
    ],
)
def test_bundle_plays_opus_and_hls_aac_over_https(
    bundle: Path,
    tmp_path: Path,
    display: str,
    https_media: tuple[str, Path],
    path: str,
    plugins: tuple[str, ...],
) -> None:
    address, certificate = https_media
    with running_bundle(
        bundle,
        tmp_path,
        display,
        f"{address}/{path}",
        # Trust the test's certificate: libVLC's TLS, and the app's playlist reader.
        f"--gnutls-dir-trust={certificate.parent}",
        REQUESTS_CA_BUNDLE=str(certificate),
    ) as running:
        running.wait_for_audio(f"the bundle to play {path}")
        mapped = mapped_files(running.app.pid)
    libvlc = bundle_layout(bundle / "_internal")
    assert {str(libvlc.plugins / plugin) for plugin in plugins} <= mapped
    # ...and they did the work: the bundle has no catch-all decoder such as avcodec.
    assert not list(libvlc.plugins.glob("*/libavcodec_plugin.so"))


def test_install_script_puts_the_app_in_the_application_list(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run(
        [*bare_env(tmp_path, XDG_DATA_HOME=str(data), PATH="/usr/bin:/bin"), bundle / "install"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    desktop = data / "applications" / f"{APP_ID}.desktop"
    subprocess.run(["desktop-file-validate", str(desktop)], check=True, timeout=60)
    # What a menu reads: GLib's list of applications, as GNOME Shell and others build it.
    listed = subprocess.run(
        [
            "/usr/bin/python3",
            "-c",
            "import gi; gi.require_version('Gio', '2.0'); from gi.repository import Gio, GLib\n"
            "for app in Gio.AppInfo.get_all():\n"
            f"    if app.get_id() == '{APP_ID}.desktop':\n"
            "        argv = GLib.shell_parse_argv(app.get_commandline())[1]  # as launched\n"
            "        print(app.should_show(), *argv, app.get_icon().to_string())",
        ],
        env={"XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": "/usr/share", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert listed == ["True", str(bundle / "station-app"), APP_ID]
    # The icon lies where the hicolor theme's index says scalable app icons go.
    index = Path("/usr/share/icons/hicolor/index.theme").read_text()
    assert "[scalable/apps]" in index and "[symbolic/apps]" in index
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "icons" / "hicolor" / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    subprocess.run(
        [*bare_env(tmp_path, XDG_DATA_HOME=str(data)), bundle / "install", "--uninstall"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert not desktop.exists()
