"""The desktop's view of the app: .desktop file, AppStream metainfo and icons."""

from __future__ import annotations

import configparser
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from station_app import APP_ID, __version__
from station_app.resources import app_icon_file, symbolic_icon_file

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # not even hints


def test_metainfo_passes_appstream_pedantic_validation() -> None:
    # --no-net: the screenshot's address is checked for form, not fetched.
    result = subprocess.run(
        ["appstreamcli", "validate", "--pedantic", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith(("E:", "W:"))], result.stdout
    hints = {line.split()[2] for line in lines if line.startswith(("I:", "P:"))}
    # Hints known and kept: AppStream prefers lower-case ids, and this id keeps the
    # capitalised app name as the Desktop Entry spec's examples do. AppStream 1.0
    # replaced <developer_name> with <developer id><name>, which appstreamcli before
    # 1.0 (Debian 12 has 0.16) does not know ("unknown-tag"): until those are gone, the
    # older tag stays, and newer validators note it.
    known = {"cid-contains-uppercase-letter"}
    if _appstream_version() >= (1, 0):
        known |= {"developer-name-tag-deprecated", "developer-info-missing"}
    assert hints <= known, result.stdout
    assert "cid-contains-uppercase-letter" in hints  # the pedantic checks did run


def _appstream_version() -> tuple[int, ...]:
    output = subprocess.run(
        ["appstreamcli", "--version"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    return tuple(int(part) for part in output.split()[-1].split("."))


def test_one_app_id_names_every_desktop_file() -> None:
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "station-app"
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.findtext("icon") == APP_ID
    assert app_icon_file().name == f"{APP_ID}.svg"
    assert symbolic_icon_file().name == f"{APP_ID}-symbolic.svg"


def test_metainfo_lists_the_current_release_first() -> None:
    releases = ET.parse(METAINFO).getroot().find("releases")
    assert releases is not None
    assert releases[0].get("version") == __version__


def test_screenshot_is_the_size_the_metainfo_declares() -> None:
    image = ET.parse(METAINFO).getroot().find("screenshots/screenshot/image")
    assert image is not None and image.text is not None
    width, height = int(image.get("width", "0")), int(image.get("height", "0"))
    # AppStream asks for 16:9 and at least 620 pixels wide.
    assert width * 9 == height * 16 and width >= 620
    local = PACKAGING.parent / image.text.split("/main/", 1)[1]
    picture = QImage(str(local))
    assert (picture.width(), picture.height()) == (width, height)


@pytest.mark.slow
def test_screenshot_script_takes_the_real_window(tmp_path: Path) -> None:
    """take.py, which retakes the screenshot, keeps working as the window changes."""
    output = tmp_path / "main.png"
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "screenshots" / "take.py"), str(output)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    picture = QImage(str(output))
    committed = QImage(str(PACKAGING / "screenshots" / "main.png"))
    assert picture.size() == committed.size()
    # take.py itself waits for the stream to play and the news pictures to be fetched;
    # here, the picture is of a painted window, not a blank one.
    colours = {
        picture.pixel(x, y)
        for x in range(0, picture.width(), 4)
        for y in range(0, picture.height(), 4)
    }
    assert len(colours) > 200


@pytest.mark.slow
def test_the_states_script_takes_each_state_it_is_asked_for(tmp_path: Path) -> None:
    """states.py, for looking at every state of the window, keeps working as the window
    changes (three of its states, at one screen size)."""
    states = ("playing", "failing", "news-empty")
    out = tmp_path / "states"
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "screenshots" / "states.py"), str(out),
         *states, "--sizes", "800x500"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"{state}-800x500.png" for state in states
    )
    for state in states:
        picture = QImage(str(out / f"{state}-800x500.png"))
        assert (picture.width(), picture.height()) == (800, 500)


def _render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid(), svg
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


@pytest.mark.parametrize("size", [16, 256])
def test_app_icon_fills_its_tile_with_a_light_mark_at_every_size(size: int) -> None:
    image = _render(app_icon_file(), size)
    centre = image.pixelColor(size // 2, size // 2 + size // 8)  # the mast
    corner = image.pixelColor(0, 0)
    edge_middle = image.pixelColor(size // 8 + 1, size // 2)
    assert corner.alpha() == 0  # rounded tile, transparent corners
    assert edge_middle.alpha() == 255 and edge_middle.red() > edge_middle.blue()  # warm tile
    assert centre.lightness() > 200  # the white mast stands out


def test_symbolic_icon_is_one_colour_on_transparency() -> None:
    image = _render(symbolic_icon_file(), 16)
    pixels = [image.pixelColor(x, y) for x in range(16) for y in range(16)]
    solid = {pixel.rgb() & 0xFFFFFF for pixel in pixels if pixel.alpha() == 255}
    assert solid == {0x2E3436}  # themes recolour this one grey
    assert sum(pixel.alpha() == 0 for pixel in pixels) > 64  # a mark, not a tile


@pytest.mark.parametrize(
    ("suffix", "sizes"),
    [
        (".ico", [16, 24, 32, 48, 64, 128, 256]),  # Windows: the .exe
        (".icns", [16, 32, 64, 128, 256, 512, 1024]),  # macOS: the .app
    ],
)
def test_windows_and_macos_icons_are_the_svg_at_each_size(suffix: str, sizes: list[int]) -> None:
    """packaging/icons/make.py draws them from the SVG; run it again when the SVG changes."""
    path = PACKAGING / "icons" / f"{APP_ID}{suffix}"
    reader = QImageReader(str(path))  # Qt's own ICO and ICNS readers
    assert reader.format().data() == suffix[1:].encode()
    found = []
    for number in range(reader.imageCount()):
        assert reader.jumpToImage(number)
        image = reader.read().convertToFormat(QImage.Format.Format_ARGB32)
        assert not image.isNull(), reader.errorString()
        found.append(image.width())
        expected = _render(app_icon_file(), image.width())
        assert image.size() == expected.size()
        drawn, stored = expected.constBits().tobytes(), image.constBits().tobytes()
        # Exact today; a little leeway for a later Qt's antialiasing.
        pairs = zip(drawn, stored, strict=True)
        difference = 0 if drawn == stored else max(abs(a - b) for a, b in pairs)
        assert difference <= 8, f"{path.name} at {image.width()} px is not the SVG's drawing"
    assert found == sizes
