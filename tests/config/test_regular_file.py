"""Only regular files within the cap are read; anything else is refused with a reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from station_app.config.regular_file import RefusedFileError, read_regular_file


def test_reads_a_file_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "small.toml"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100


def test_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(RefusedFileError, match="too large"):
        read_regular_file(path, 100)


def test_refuses_a_named_pipe_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    with pytest.raises(RefusedFileError) as refused:
        read_regular_file(path, 100)
    assert refused.value.reason == "is a named pipe, not a regular file; replace it with one."


@pytest.mark.parametrize(("target", "kind"), [("/dev/zero", "a device"), ("/", "a folder")])
def test_refuses_a_link_to_a_device_or_folder(tmp_path: Path, target: str, kind: str) -> None:
    path = tmp_path / "linked.toml"
    path.symlink_to(target)
    with pytest.raises(RefusedFileError, match=f"is {kind}, not a regular file"):
        read_regular_file(path, 100)


def test_a_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "absent.toml", 100)
