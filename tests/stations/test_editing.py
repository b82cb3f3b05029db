"""Edits of the user's stations.toml: comments survive, bad results refused, writes atomic."""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from station_app.resources import bundled_stations_file
from station_app.stations.changes import EditFailed, EditSaved, StationFields, slug
from station_app.stations.directory_parse import parse_station
from station_app.stations.directory_station import preview_station, station_fields
from station_app.stations.edit_document import unique_id
from station_app.stations.editing import StationsEditor
from station_app.stations.model import Feed
from station_app.stations.stations_file import parse_stations_file
from tests.stations.fake_directory import entry

MINE = """\
# My stations — hand-written, please keep this comment.

[network]
name = "My Radio"   # trailing comment

[[stations]]
id = "alpha"
call_sign = "WAAA"
# the main stream
streams = ["http://a.example.org/live"]

[[stations]]
id = "beta"
call_sign = "WBBB"
streams = []  # none yet

[[stations]]
id = "gamma"
call_sign = "WCCC"
streams = []
"""


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "stations.toml"
    path.parent.mkdir()
    path.write_text(MINE, encoding="utf-8")
    return path


@pytest.fixture
def editor(user_file: Path) -> StationsEditor:
    return StationsEditor(user_file, bundled_stations_file())


def ids(path: Path) -> list[str]:
    return [s["id"] for s in tomllib.loads(path.read_text(encoding="utf-8"))["stations"]]


def saved(result: EditSaved | EditFailed) -> EditSaved:
    assert isinstance(result, EditSaved), result
    return result


def test_every_kind_of_edit_keeps_comments_and_loads(
    editor: StationsEditor, user_file: Path
) -> None:
    saved(
        editor.add_station(
            StationFields("WNPR", "90.5 FM", "Meriden, CT", ("http://n.example.org/s",))
        )
    )
    saved(editor.update_station("alpha", call_sign="WAAA-FM", city="Hartford, CT"))
    saved(editor.set_streams("beta", ["http://b.example.org/1", "http://b.example.org/2.pls"]))
    found = (Feed("Found", "https://found.example.org/rss"),)
    schedule = {"beta": "https://api.composer.nprstations.org/v1/widget/abc"}
    saved(editor.keep_found(schedule, found, "found.example.org"))
    saved(editor.move_station("gamma", -1))
    saved(editor.move_station("alpha", +1))
    saved(editor.add_feed("News", "https://news.example.org/rss"))
    last = saved(editor.remove_station("wnpr"))
    text = user_file.read_text(encoding="utf-8")
    for comment in (
        "# My stations — hand-written, please keep this comment.",
        "# trailing comment",
        "# the main stream",
        "# none yet",
    ):
        assert comment in text
    assert ids(user_file) == ["gamma", "alpha", "beta"]
    config = parse_stations_file(user_file).config
    assert config is not None and config == last.config
    beta = config.station("beta")
    assert beta is not None and beta.streams == (
        "http://b.example.org/1",
        "http://b.example.org/2.pls",
    )
    assert beta.schedule_url == "https://api.composer.nprstations.org/v1/widget/abc"
    alpha = config.station("alpha")
    assert alpha is not None and (alpha.call_sign, alpha.city) == ("WAAA-FM", "Hartford, CT")
    assert [f.title for f in config.feeds] == ["Found", "News"]
    assert "\n[[stations]]" in text and '\n\n[[stations]]\nid = "alpha"' in text


def test_add_makes_a_unique_id_and_says_what_it_did(
    editor: StationsEditor, user_file: Path
) -> None:
    first = saved(editor.add_station(StationFields("WBBB", streams=("http://b.example/one",))))
    assert first.station_id == "wbbb"
    second = saved(editor.add_station(StationFields("WBBB", streams=("http://b.example/two",))))
    assert second.station_id == "wbbb-2"
    assert second.message == f"Added WBBB to your stations ({user_file})."
    assert slug("Radio Ö 1 (NYC)") == "radio-1-nyc" and slug("!!!") == "station"
    assert unique_id("a", ["a", "a-2"]) == "a-3"


def test_adding_the_same_station_twice_adds_it_and_its_feed_once(
    editor: StationsEditor, user_file: Path
) -> None:
    fields = StationFields("WDUP", streams=("http://dup.example/live",))
    feeds = [Feed("Dup News", "http://dup.example/news.rss")]
    first = saved(editor.add_station(fields, feeds))
    assert first.station_id == "wdup"
    again = editor.add_station(replace(fields, call_sign="WDUP-FM"), feeds)
    assert again == EditFailed("WDUP-FM is already in your stations (as wdup).")
    assert ids(user_file).count("wdup") == 1
    saved(editor.add_feed("Dup News", "http://dup.example/news.rss"))
    text = user_file.read_text(encoding="utf-8")
    assert text.count("http://dup.example/news.rss") == 1


def test_first_edit_starts_from_a_copy_of_the_bundled_file(tmp_path: Path) -> None:
    user_file = tmp_path / "fresh" / "stations.toml"
    editor = StationsEditor(user_file, bundled_stations_file())
    result = saved(editor.set_streams("wedw-fm", ["http://wedw.example.org/live"]))
    text = user_file.read_text(encoding="utf-8")
    assert "# Station App: the bundled station list (Connecticut Public)." in text
    assert "# WEDW-FM, WPKT and WRLI-FM are repeaters of the Connecticut Public Radio" in text
    assert ids(user_file) == ["wnpr", "wedw-fm", "wpkt", "wrli-fm"]
    assert result.config.source == user_file
    assert not user_file.with_name("stations.toml.bak").exists()


def test_previous_version_is_kept_as_a_backup(editor: StationsEditor, user_file: Path) -> None:
    saved(editor.remove_station("beta"))
    assert user_file.with_name("stations.toml.bak").read_text(encoding="utf-8") == MINE


def test_an_edit_that_would_not_load_is_refused_and_nothing_is_written(
    editor: StationsEditor, user_file: Path
) -> None:
    for station_id in ("alpha", "beta"):
        saved(editor.remove_station(station_id))
    before = user_file.read_bytes()
    refused = editor.remove_station("gamma")
    assert refused == EditFailed(
        "The change was not saved, because the file would not load: "
        f"{user_file}: there are no [[stations]]; add at least one."
    )
    bad_url = editor.set_streams("gamma", ["ftp://nope"])
    assert isinstance(bad_url, EditFailed)
    assert bad_url.message.startswith(
        f"The change was not saved, because the file would not load: {user_file}, line "
    )
    assert "`streams` must be a list of http(s) URLs" in bad_url.message
    assert user_file.read_bytes() == before


def test_unknown_station_edge_moves_and_broken_file_give_sentences(
    editor: StationsEditor, user_file: Path
) -> None:
    assert editor.remove_station("nope") == EditFailed(
        f'No station has the id "nope" in {user_file}.'
    )
    assert editor.move_station("alpha", -1) == EditFailed('Station "alpha" cannot move further up.')
    assert editor.move_station("gamma", +1) == EditFailed(
        'Station "gamma" cannot move further down.'
    )
    user_file.write_text("[network\nname = 1\n", encoding="utf-8")
    broken = editor.add_station(StationFields("WXXX"))
    assert isinstance(broken, EditFailed)
    assert broken.message.startswith(f"{user_file} is not valid TOML (")
    assert broken.message.endswith("fix it by hand, then try again. Nothing was changed.")


def test_crash_mid_write_leaves_the_old_file_whole(
    editor: StationsEditor, user_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def crash_writing_the_new_file(fd: int) -> None:
        # The backup is written first and succeeds; the new stations.toml fails to sync.
        name = Path(f"/proc/self/fd/{fd}").readlink().name
        if name.startswith(".stations.toml.") and not name.startswith(".stations.toml.bak"):
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", crash_writing_the_new_file)
    result = editor.add_station(StationFields("WNEW"))
    monkeypatch.undo()
    assert result == EditFailed(
        f"Could not save {user_file}: Input/output error. Nothing was changed."
    )
    assert user_file.read_text(encoding="utf-8") == MINE
    assert [p.name for p in user_file.parent.iterdir() if p.name.startswith(".")] == []
    assert saved(editor.add_station(StationFields("WNEW"))).station_id == "wnew"
    assert "wnew" in ids(user_file)


def test_crash_between_temp_and_rename_leaves_old_or_new_never_half(
    editor: StationsEditor, user_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt  # the process dies before the rename

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        editor.add_station(StationFields("WNEW"))
    monkeypatch.undo()
    assert user_file.read_text(encoding="utf-8") == MINE
    assert parse_stations_file(user_file).config is not None


def test_a_station_from_the_directory_keeps_its_favicon_as_its_logo(
    editor: StationsEditor, user_file: Path
) -> None:
    raw = entry("WXYZ Jazz 90.1", "http://x.example/live")
    found = parse_station({**raw, "favicon": "https://x.example/logo.png"})
    assert found is not None
    assert preview_station(found).logo == "https://x.example/logo.png"  # a preview shows it too
    result = saved(editor.add_station(station_fields(found)))
    station = result.config.station(result.station_id or "")
    assert station is not None and station.logo == "https://x.example/logo.png"
    assert 'logo = "https://x.example/logo.png"' in user_file.read_text(encoding="utf-8")
    # Without a favicon, no logo key is written.
    saved(editor.add_station(station_fields(replace(found, favicon="", url_resolved="http://y"))))
    assert user_file.read_text(encoding="utf-8").count("logo =") == 1
