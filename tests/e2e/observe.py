"""What a test reads from outside the app: MPRIS through playerctl, and audio on disk."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.atspi import Accessible
from tests.e2e.desktop import Desktop, wait_for

PLAYER = "station_app"


def mpris_status(desktop: Desktop) -> str:
    """Playing, Paused or Stopped, as the desktop's sound menu sees it ("" when absent)."""
    done = desktop.run(["playerctl", "--player", PLAYER, "status"])
    return done.stdout.strip() if done.returncode == 0 else ""


def wait_mpris(desktop: Desktop, status: str) -> None:
    wait_for(lambda: mpris_status(desktop) == status, f"MPRIS to say {status}")


def mpris_metadata(desktop: Desktop, key: str) -> str:
    done = desktop.run(["playerctl", "--player", PLAYER, "metadata", key])
    return done.stdout.strip() if done.returncode == 0 else ""


def playerctl(desktop: Desktop, *command: str) -> None:
    done = desktop.run(["playerctl", "--player", PLAYER, *command])
    assert done.returncode == 0, f"playerctl {' '.join(command)}: {done.stderr.strip()}"


def audio_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def wait_audio_grows(path: Path, by: int = 64_000) -> None:
    """Sound is coming out: libVLC keeps writing decoded audio to its file."""
    start = audio_size(path)
    wait_for(lambda: audio_size(path) >= start + by, f"audio to be written to {path.name}")


def wait_name(node: Accessible, name: str) -> None:
    wait_for(lambda: node.name == name, f"{node.role} to be named {name!r} (is {node.name!r})")
