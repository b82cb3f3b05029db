"""Preferences: made from the settings' declaration, saved with comments kept, refusing what
would not load, leaving a broken file alone, and applying what applies at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from station_app.app import Services, build_services, build_window
from station_app.config.settings import declared_settings, load_settings
from station_app.net.fetcher import Fetcher
from station_app.news.ui.panel import NewsPanel
from station_app.paths import AppPaths
from station_app.playback.fake import FakePlayer
from station_app.playback.stream_repair import StreamRepair
from station_app.settings_store import SettingsStore
from station_app.tasks import TaskRunner
from station_app.ui.main_window import MainWindow
from station_app.ui.preferences import RESTART_NOTE, PreferencesDialog
from tests.ui.accessibility.test_windows import disagreements, name_of, tab_stops

STATIONS = """[network]
name = "Mine"

[[stations]]
id = "waaa"
call_sign = "WAAA"
streams = ["http://127.0.0.1:9/a"]
"""

COMMENTED = """\
# Tuned for the kitchen radio.
[player]
vlc_options = ["--aout=pulse"]  # the sound server
network_caching_ms = 3000  # a slow line

[news]
# five is plenty
refresh_minutes = 5

[kitchen]
shelf = "top"
"""


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def dialog_for(qtbot: QtBot, path: Path, tasks: TaskRunner, **options: object) -> PreferencesDialog:
    store = SettingsStore(load_settings(path), path, tasks)
    dialog = PreferencesDialog(store, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save_and_wait(qtbot: QtBot, dialog: PreferencesDialog) -> None:
    assert dialog.save_button.isEnabled(), dialog.problem.text()
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()


def test_every_declared_setting_has_a_labelled_control_of_its_kind(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    dialog = dialog_for(qtbot, tmp_path / "settings.toml", tasks)
    kinds = {bool: QCheckBox, int: QSpinBox, str: QLineEdit, tuple: QPlainTextEdit}
    for one in declared_settings():
        control = dialog.fields[one.name].control
        assert isinstance(control, kinds[type(one.default)]), one.name
        assert name_of(control) == one.declared.label
        description = control.accessibleDescription()
        assert description.startswith(one.declared.description)
        assert description.endswith(RESTART_NOTE) != one.declared.applies_at_once, one.name
        assert description in [label.text() for label in dialog.findChildren(QLabel)]
    caching = dialog.fields["network_caching_ms"].control
    assert isinstance(caching, QSpinBox)
    assert (caching.minimum(), caching.maximum(), caching.suffix()) == (0, 60_000, " ms")
    refresh = dialog.fields["news_refresh_minutes"].control
    assert isinstance(refresh, QSpinBox)
    assert (refresh.minimum(), refresh.maximum(), refresh.text()) == (1, 1440, "10 minutes")
    assert disagreements(dialog) == []


def test_saving_keeps_comments_and_unknown_keys_and_the_previous_file(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    dialog = dialog_for(qtbot, path, tasks)
    fields = dialog.fields
    refresh, repair = fields["news_refresh_minutes"].control, fields["auto_repair_streams"].control
    options = fields["vlc_options"].control
    assert isinstance(refresh, QSpinBox) and isinstance(repair, QCheckBox)
    assert isinstance(options, QPlainTextEdit)
    assert (refresh.value(), repair.isChecked()) == (5, False)
    assert options.toPlainText() == "--aout=pulse"
    refresh.setValue(7)
    repair.setChecked(True)
    options.setPlainText("--aout=pulse\n\n  --audio-desync=50  \n")
    save_and_wait(qtbot, dialog)
    assert path.read_text(encoding="utf-8") == (
        COMMENTED.replace(
            'vlc_options = ["--aout=pulse"]  # the sound server',
            'vlc_options = ["--aout=pulse", "--audio-desync=50"]  # the sound server',
        )
        .replace(
            "network_caching_ms = 3000  # a slow line\n",
            "network_caching_ms = 3000  # a slow line\nauto_repair_streams = true\n",
        )
        .replace("refresh_minutes = 5", "refresh_minutes = 7")
    )
    assert (tmp_path / "settings.toml.bak").read_text(encoding="utf-8") == COMMENTED


def test_a_value_that_would_not_load_is_refused_with_a_sentence(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    dialog = dialog_for(qtbot, path, tasks)
    server = dialog.fields["directory_server"].control
    assert isinstance(server, QLineEdit)
    assert dialog.save_button.isEnabled()
    server.setText("mirror")
    assert not dialog.save_button.isEnabled()
    assert dialog.problem.text() == (
        'Station directory server must be an http(s) URL, but is "mirror".'
    )
    assert name_of(dialog.problem) == dialog.problem.text()
    server.setText("http://127.0.0.1:8123/")
    assert dialog.problem.text() == ""
    server.clear()  # none of one's own: the default
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not path.exists()  # nothing changed, nothing written


def test_a_broken_file_is_left_alone_and_offered_to_open(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    broken = '[player]\nnetwork_caching_ms = "lots"\n'
    path.write_text(broken, encoding="utf-8")
    opened: list[QUrl] = []
    dialog = dialog_for(qtbot, path, tasks, open_url=opened.append)
    assert dialog.broken_notice.isVisible()
    message = dialog.broken_message.text()
    assert message.startswith(f"{path}, line 2: [player]: “network_caching_ms” must be")
    assert "leaves the file as it is" in message
    assert not dialog.save_button.isEnabled()
    assert not any(field.control.isEnabled() for field in dialog.fields.values())
    assert dialog.open_button.isVisible()
    assert dialog.open_button.text() == "&Open settings.toml"
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(path))]
    assert path.read_text(encoding="utf-8") == broken


def test_a_file_broken_while_the_dialog_was_open_is_left_alone(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    dialog = dialog_for(qtbot, path, tasks)
    path.write_text(COMMENTED + "[oops\n", encoding="utf-8")  # a hand edit gone wrong
    repair = dialog.fields["auto_repair_streams"].control
    assert isinstance(repair, QCheckBox)
    repair.setChecked(True)
    dialog.save_button.click()
    qtbot.waitUntil(dialog.broken_notice.isVisible)
    assert dialog.broken_message.text().startswith(f"{path}, line 12: not valid TOML")
    assert dialog.isVisible() and dialog.open_button.isVisible()
    assert path.read_text(encoding="utf-8") == COMMENTED + "[oops\n"


def test_restore_defaults_shows_the_defaults_without_saving(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    dialog = dialog_for(qtbot, path, tasks)
    dialog.defaults_button.click()
    caching = dialog.fields["network_caching_ms"].control
    assert isinstance(caching, QSpinBox) and caching.value() == 1000
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_three_long_player_options_show_whole_lines_with_one_scroll_bar(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    path = tmp_path / "settings.toml"
    options = [f"--option-{n}={'/a/long/path' * 12}" for n in range(3)]
    path.write_text(f"[player]\nvlc_options = {options!r}\n".replace("'", '"'), encoding="utf-8")
    dialog = dialog_for(qtbot, path, tasks)
    box = dialog.fields["vlc_options"].control
    assert isinstance(box, QPlainTextEdit)
    qtbot.waitUntil(lambda: box.horizontalScrollBar().isVisible())
    assert box.toPlainText().splitlines() == options
    # The bars settle as the layout does; the vertical one ends hidden.
    qtbot.waitUntil(lambda: not box.verticalScrollBar().isVisible(), timeout=2000)
    assert box.verticalScrollBar().maximum() == 0


def test_the_dialog_tabs_down_the_settings_to_its_buttons(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    dialog = dialog_for(qtbot, tmp_path / "settings.toml", tasks)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.fields["vlc_options"].control.setFocus()
    expected = [one.declared.label for one in declared_settings()][1:]
    expected += ["Restore defaults", "Save", "Cancel", "Extra player options"]
    assert tab_stops(qtbot, dialog, len(expected)) == expected


def test_a_control_reached_by_its_letter_is_scrolled_into_view(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    dialog = dialog_for(qtbot, tmp_path / "settings.toml", tasks)
    dialog.resize(dialog.width(), 300)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    scroll_bar = dialog.findChild(QScrollArea).verticalScrollBar()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: scroll_bar.maximum() > 0)
    assert scroll_bar.value() == 0
    control = dialog.fields["composer_server"].control
    assert control.visibleRegion().isEmpty()  # below the fold
    control.setFocus()  # as its Alt letter does
    qtbot.waitUntil(lambda: scroll_bar.value() > 0)
    whole = control.rect()
    assert control.visibleRegion().boundingRect() == whole


# -- in the app -----------------------------------------------------------------------------
@pytest.fixture
def app(
    qtbot: QtBot, user_config_dir: Path, offline_fetcher: Fetcher
) -> Iterator[tuple[Services, MainWindow]]:
    (user_config_dir / "stations.toml").write_text(STATIONS, encoding="utf-8")
    (user_config_dir / "settings.toml").write_text(COMMENTED, encoding="utf-8")
    services = build_services(AppPaths.from_environment(), FakePlayer(), offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    yield services, window
    services.schedule.stop()
    services.tasks.shutdown()


def open_preferences(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    action = next(a for a in window.findChildren(QAction) if a.text() == "&Preferences…")
    assert action.shortcut().toString() == "Ctrl+,"
    action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_settings_that_apply_at_once_do(qtbot: QtBot, app: tuple[Services, MainWindow]) -> None:
    services, window = app
    news = window.splitter.widget(1)
    assert isinstance(news, NewsPanel)
    repair = find_repair(window)
    assert news.news.refresh_interval_ms == 5 * 60_000
    assert not repair.automatic
    assert services.directory.servers() != ["http://127.0.0.1:8123"]
    dialog = open_preferences(qtbot, window)
    for name, value in (("news_refresh_minutes", 2), ("network_caching_ms", 800)):
        spin = dialog.fields[name].control
        assert isinstance(spin, QSpinBox)
        spin.setValue(value)
    toggle = dialog.fields["auto_repair_streams"].control
    server = dialog.fields["directory_server"].control
    assert isinstance(toggle, QCheckBox) and isinstance(server, QLineEdit)
    toggle.setChecked(True)
    server.setText("http://127.0.0.1:8123")
    save_and_wait(qtbot, dialog)
    assert news.news.refresh_interval_ms == 2 * 60_000
    assert repair.automatic
    assert services.directory.servers() == ["http://127.0.0.1:8123"]
    assert services.settings.settings.network_caching_ms == 800  # saved, used at the next start


def find_repair(window: MainWindow) -> StreamRepair:
    from station_app.playback.ui.repair_bar import RepairBar

    bar = window.findChild(RepairBar)
    assert bar is not None
    repair = bar._repair  # the bar's model: what a notice would show comes from it
    assert isinstance(repair, StreamRepair)
    return repair
