"""Saving Preferences into settings.toml: only what changed, comments and unknown keys kept,
checked before writing, the previous file kept, a broken file never written over."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from station_app.config.settings import Settings, load_settings
from station_app.config.settings_editing import (
    NEW_FILE_HEADER,
    SettingsEditor,
    SettingsNotSaved,
    SettingsSaved,
)

COMMENTED = """\
# My settings, written by hand.
[player]
# the sound card of this machine
vlc_options = ["--aout=pulse"]
network_caching_ms = 3000  # a slow line
volume_boost = 2  # not a setting Station App knows

[news]
refresh_minutes = 5   # five is plenty

[mine]
colour = "blue"
"""


def saved(path: Path, base: Settings, **changes: object) -> SettingsSaved:
    result = SettingsEditor(path).save(base, replace(base, **changes))
    assert isinstance(result, SettingsSaved), result
    return result


def test_changes_keep_comments_unknown_keys_and_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    base = load_settings(path).settings
    result = saved(
        path, base, news_refresh_minutes=7, auto_repair_streams=True, network_caching_ms=500
    )
    assert path.read_text(encoding="utf-8") == COMMENTED.replace(
        "network_caching_ms = 3000  # a slow line", "network_caching_ms = 500  # a slow line"
    ).replace(
        "volume_boost = 2  # not a setting Station App knows\n",
        "volume_boost = 2  # not a setting Station App knows\nauto_repair_streams = true\n",
    ).replace("refresh_minutes = 5   # five", "refresh_minutes = 7   # five")
    assert (tmp_path / "settings.toml.bak").read_text(encoding="utf-8") == COMMENTED
    assert result.result.settings == replace(
        base, news_refresh_minutes=7, auto_repair_streams=True, network_caching_ms=500
    )
    # The unknown keys still warn, as they did before the save.
    assert [p.is_error for p in result.result.problems] == [False, False]
    assert str(path) in result.message


def test_only_what_changed_is_written_over_hand_edits_made_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    base = load_settings(path).settings
    by_hand = COMMENTED.replace("refresh_minutes = 5", "refresh_minutes = 30")
    path.write_text(by_hand, encoding="utf-8")  # edited while Preferences was open
    result = saved(path, base, auto_repair_streams=True)
    assert "refresh_minutes = 30" in path.read_text(encoding="utf-8")
    assert result.result.settings.news_refresh_minutes == 30
    assert result.result.settings.auto_repair_streams is True


def test_a_new_file_holds_only_the_changes(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    saved(path, Settings(), vlc_options=("--aout=pulse", "--file-caching=300"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {NEW_FILE_HEADER}\n")
    assert tomllib.loads(text) == {
        "player": {"vlc_options": ["--aout=pulse", "--file-caching=300"]}
    }
    assert not (path.parent / "settings.toml.bak").exists()
    assert load_settings(path).settings.vlc_options == ("--aout=pulse", "--file-caching=300")


def test_no_server_of_ones_own_takes_the_key_out(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[directory]\nserver = "http://127.0.0.1:8123"  # my mirror\n')
    base = load_settings(path).settings
    saved(path, base, directory_server="")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"directory": {}}
    assert load_settings(path).problems == []


def test_a_value_that_would_not_load_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    base = load_settings(path).settings
    result = SettingsEditor(path).save(base, replace(base, news_refresh_minutes=0))
    assert result == SettingsNotSaved(
        f"The settings were not saved, because the file would not load: {path}, line 9: "
        "[news]: “refresh_minutes” must be from 1 to 1440, but is 0."
    )
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert not (tmp_path / "settings.toml.bak").exists()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[player]\nnetwork_caching_ms = \n", "line 2: not valid TOML"),
        ('[player]\nnetwork_caching_ms = "lots"\n', "line 2: [player]: “network_caching_ms” must"),
        ("player = 3\n", "line 1: “player” must be a [player] section."),
    ],
)
def test_a_broken_file_is_never_written_over(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    result = SettingsEditor(path).save(Settings(), replace(Settings(), auto_repair_streams=True))
    assert isinstance(result, SettingsNotSaved) and result.broken
    assert result.message.startswith(f"{path}, {where}")
    assert result.message.endswith(
        "Station App leaves the file as it is: fix it by hand, then save again."
    )
    assert path.read_text(encoding="utf-8") == text
    assert not (tmp_path / "settings.toml.bak").exists()


def test_a_failed_write_says_so_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    (tmp_path / "settings.toml.bak").mkdir()  # the previous version cannot be kept
    base = load_settings(path).settings
    result = SettingsEditor(path).save(base, replace(base, auto_repair_streams=True))
    assert isinstance(result, SettingsNotSaved) and not result.broken
    assert result.message == f"Could not save {path}: Is a directory. Nothing was changed."
    assert path.read_text(encoding="utf-8") == COMMENTED
