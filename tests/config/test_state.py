from __future__ import annotations

from pathlib import Path

from station_app.config.state import AppState, StateStore


def test_round_trip(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state" / "state.json")
    state = AppState(volume=35, muted=True, last_station="wnpr", article_zoom=2)
    store.save(state)
    assert store.load() == state


def test_missing_or_damaged_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    assert StateStore(path).load() == AppState()
    path.write_text("{not json")
    assert StateStore(path).load() == AppState()
    path.write_text("[1, 2]")
    assert StateStore(path).load() == AppState()


def test_wrong_types_and_ranges_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"volume": 400, "muted": "yes", "last_station": 5, "article_zoom": true}')
    assert StateStore(path).load() == AppState(volume=100)


def test_update_merges_fields_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = StateStore(path)
    store.update(volume=10)
    store.update(last_station="wpkt")
    assert StateStore(path).load() == AppState(volume=10, last_station="wpkt")
    assert store.current.volume == 10


def test_remembered_changes_are_written_once_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = StateStore(path)
    for volume in range(40, 60):
        store.remember(volume=volume)
    assert not path.exists()
    store.save_pending()
    assert StateStore(path).load().volume == 59
    written = path.stat().st_mtime_ns
    store.save_pending()  # nothing new: no write
    assert path.stat().st_mtime_ns == written


def test_a_state_file_nested_too_deeply_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    assert StateStore(path).load() == AppState()


def test_a_failed_write_is_reported_and_retried_with_the_next_change(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    failures: list[tuple[Path, OSError]] = []
    path = blocker / "state.json"  # under a plain file: every write fails
    store = StateStore(path, on_write_error=lambda where, error: failures.append((where, error)))
    store.update(volume=10)
    assert [where for where, _error in failures] == [path]
    store.update(volume=20)
    assert len(failures) == 2
    assert store.current.volume == 20  # kept while the app runs


def test_the_tray_notice_is_remembered_as_a_flag(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    StateStore(path).update(tray_notice_shown=True)
    assert StateStore(path).load().tray_notice_shown is True
    path.write_text('{"tray_notice_shown": 1, "volume": true}')
    assert StateStore(path).load() == AppState()  # a number is not a flag, nor a flag a volume
