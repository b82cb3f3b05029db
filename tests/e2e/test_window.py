"""The window as a whole: the config error notice, Ctrl+Q, the size kept between runs, Help."""

from __future__ import annotations

import json

from tests.e2e.configs import LoopbackConfig, StationEntry, write_settings
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.running_app import RunningApp

FIXED = LoopbackConfig((StationEntry("wmin", "WMIN", ("http://127.0.0.1:9/live",)),))


def test_config_error_notice_reads_plainly_and_reload_takes_the_fix(
    launch: Launch, desktop: Desktop
) -> None:
    app = launch(offline=True)  # the bundled stations' sites are not on loopback
    write_settings(app)
    broken = '[network]\nname = "Mine"\n\n[[stations]]\nid = "x y"\ncall_sign = "X"\n'
    path = app.write_config("stations.toml", broken)
    app.start()
    window = app.window()
    notice = window.find(name="Configuration problem")
    message = notice.find("label", lambda text: str(path) in text)
    assert message.name.count(str(path)) == 1, "the file is named once"
    assert "`" not in message.name, "no Markdown marks in the window"
    assert "bundled" in message.name
    window.find("list item", lambda name: name.startswith("WNPR"))  # the bundled stations
    notice.find("push button", "Open the file")
    app.write_config("stations.toml", FIXED.stations_toml())
    desktop.key("alt+l")
    wait_for(notice.hidden_or_gone, "the notice to go once the file is fixed")
    window.find("list item", lambda name: name.startswith("WMIN"))
    assert path.read_text(encoding="utf-8") == FIXED.stations_toml()  # never rewritten


def geometry(app: RunningApp) -> tuple[int, int, int, int]:
    return app.window().extents()


def test_ctrl_q_quits_and_a_too_big_window_is_fitted_to_the_screen(
    launch: Launch, desktop: Desktop
) -> None:
    first = launch()
    FIXED.write(first)
    first.start()
    first.window()
    desktop.xdotool("getactivewindow", "windowsize", "2200", "1400")
    wait_for(lambda: geometry(first)[2] > 1500, "the window to grow past the screen")
    desktop.key("ctrl+q")
    assert first.wait_exit() == 0
    state = json.loads((first.state_dir / "state.json").read_text(encoding="utf-8"))
    assert state["window_geometry"]

    second = launch()
    second.home = first.home  # the same person, the next day
    second.config_dir, second.state_dir = first.config_dir, first.state_dir
    second.output_file = first.home / "second-output.txt"
    second.start()
    second.window()
    screen_width, screen_height = desktop.size
    x, y, width, height = geometry(second)
    assert x >= 0 and x + width <= screen_width, (x, width)
    assert y >= 0 and y + height <= screen_height, (y, height)


def test_help_lists_the_keyboard_shortcuts(launch: Launch, desktop: Desktop) -> None:
    app = launch()
    FIXED.write(app)
    app.start()
    app.window()
    desktop.key("F1")
    dialog = app.root.find("dialog", lambda name: name.startswith("Keyboard shortcuts"))
    dialog.find(name=lambda name: name == "Space")
    dialog.find(name=lambda name: name == "Play or pause")
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the shortcuts to close")
