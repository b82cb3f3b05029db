"""`--check-config` asks libVLC about [player] vlc_options; Play says it in one sentence."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from tests.runtime.app_process import AppProcess
from tests.runtime.test_hostile_files import run_command


def test_check_config_names_unknown_player_options(user_config_dir: Path) -> None:
    path = user_config_dir / "settings.toml"
    path.write_text(
        '[news]\nrefresh_minutes = 5\n\n[player]\nvlc_options = ["--network-caching=300", '
        '"--no-such-option", "--neither-this"]\n'
    )
    result, _peak = run_command("--check-config")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{path}, line 5: `vlc_options`: libVLC does not know these options: "
        "`--no-such-option`, `--neither-this`; remove or correct them "
        "(`vlc --help` lists the options).",
        "1 error found.",
    ]


def test_check_config_accepts_known_player_options(user_config_dir: Path) -> None:
    (user_config_dir / "settings.toml").write_text(
        '[player]\nvlc_options = ["--network-caching=300", "--no-audio-time-stretch"]\n'
    )
    result, _peak = run_command("--check-config")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_play_with_an_unknown_option_says_so_in_one_sentence(
    launch: Callable[..., AppProcess], user_config_dir: Path
) -> None:
    (user_config_dir / "settings.toml").write_text('[player]\nvlc_options = ["--no-such-option"]\n')
    app = launch("--play", "kxyz", probe=True)
    expected = (
        "Playback cannot start with the player options in settings.toml "
        "([player] vlc_options); correct or remove them and restart."
    )
    app.wait_for(lambda: expected in app.visible_texts(), "the player's sentence")
    assert not [text for text in app.visible_texts() if ".." in text]
    app.send(signal.SIGTERM)
    assert app.wait() == 0
