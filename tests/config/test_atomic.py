from __future__ import annotations

from pathlib import Path

import pytest

from station_app.config.atomic import write_atomic


def test_writes_new_file_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "state.json"
    write_atomic(target, b"hello")
    assert target.read_bytes() == b"hello"


def test_keeps_previous_version_as_backup(tmp_path: Path) -> None:
    target = tmp_path / "stations.toml"
    target.write_bytes(b"old")
    write_atomic(target, b"new", keep_backup=True)
    assert target.read_bytes() == b"new"
    assert (tmp_path / "stations.toml.bak").read_bytes() == b"old"


def test_crash_mid_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    target = folder / "stations.toml"
    target.write_bytes(b"old content")

    def crash(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", crash)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new content that never lands")
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in folder.iterdir()) == ["stations.toml"]


def test_keeps_file_permissions(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    target.write_bytes(b"x")
    target.chmod(0o600)
    write_atomic(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o600
