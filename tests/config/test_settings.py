from __future__ import annotations

from pathlib import Path

from station_app.config import checks
from station_app.config.settings import Settings, declared_settings, load_settings, settings_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_absent_file_gives_defaults(tmp_path: Path) -> None:
    result = load_settings(tmp_path / "settings.toml")
    assert result.settings == Settings()
    assert result.settings.news_refresh_minutes == 10
    assert result.problems == []


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        '[player]\nvlc_options = ["--aout=afile"]\nnetwork_caching_ms = 3000\n'
        "[news]\nrefresh_minutes = 5\n"
    )
    result = load_settings(path)
    assert result.settings == Settings(
        vlc_options=("--aout=afile",), network_caching_ms=3000, news_refresh_minutes=5
    )
    assert result.problems == []


def test_unknown_keys_warn_and_known_values_still_apply(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[news]\nrefresh_minutes = 3\nsound = true\n[extra]\nx = 1\n")
    result = load_settings(path)
    assert result.settings.news_refresh_minutes == 3
    assert [p.is_error for p in result.problems] == [False, False]
    assert {p.line for p in result.problems} == {3, 4}


def test_bad_values_are_errors_with_lines_and_defaults_apply(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[player]\nnetwork_caching_ms = "lots"\n[news]\nrefresh_minutes = 0\n')
    result = load_settings(path)
    assert result.settings == Settings()
    sentences = [p.sentence() for p in result.problems]
    assert sentences == [
        f"{path}, line 2: [player]: `network_caching_ms` must be a whole number from 0 to 60000.",
        f"{path}, line 4: [news]: `refresh_minutes` must be from 1 to 1440, but is 0.",
    ]


def test_a_directory_server_of_ones_own_is_used_as_given(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[directory]\nserver = "http://127.0.0.1:8123/"\n')
    result = load_settings(path)
    assert result.problems == []
    assert result.settings.directory_server == "http://127.0.0.1:8123"
    path.write_text('[directory]\nserver = "mirror"\n')
    sentences = [p.sentence() for p in load_settings(path).problems]
    assert sentences == [
        f'{path}, line 2: [directory]: `server` must be an http(s) URL, but is "mirror".'
    ]


def test_the_readme_lists_every_setting_as_declared() -> None:
    assert settings_table() in README.read_text(encoding="utf-8")


def test_every_setting_has_a_place_a_check_and_a_sentence() -> None:
    table = settings_table()
    assert table.count("\n| `[") == len(Settings.__dataclass_fields__)
    assert "| `[player] network_caching_ms` | `1000` | How much of the stream" in table
    assert "| `[directory] server` | none |" in table


def test_every_setting_has_a_label_and_whole_numbers_their_bounds() -> None:
    for one in declared_settings():
        assert one.declared.label, f"{one.name} needs a label for Preferences"
        assert one.declared.label[0].isupper() and not one.declared.label.endswith(".")
        if isinstance(one.default, int) and not isinstance(one.default, bool):
            assert isinstance(one.declared.check, checks.WholeNumber), one.name
    caching = next(one for one in declared_settings() if one.name == "network_caching_ms")
    assert caching.declared.check == checks.WholeNumber(0, 60_000)
    assert caching.declared.check(60_001) == "must be from 0 to 60000, but is 60001"
