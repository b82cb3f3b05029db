"""Entry point: `station-app` and `python -m station_app`."""

from __future__ import annotations

import signal
import sys
from types import FrameType

from station_app.cli import build_parser, check_config, list_stations
from station_app.paths import AppPaths


def _end_quietly(number: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + number)


def main(argv: list[str] | None = None) -> int:
    # Until the window's own handler takes over (quit_signals.py), Ctrl+C ends a
    # start quietly instead of with a traceback.
    signal.signal(signal.SIGINT, _end_quietly)
    args = build_parser().parse_args(argv)
    paths = AppPaths.from_environment()
    if args.list_stations:
        return list_stations(paths)
    if args.check_config:
        return check_config(paths)
    # Before anything that plays or shows: a second launch only hands over its request.
    from station_app.single_instance import HandedOff, Request, claim_or_hand_off

    instance = claim_or_hand_off(paths.config_dir, Request(play=args.play))
    if isinstance(instance, HandedOff):
        print(instance.message, file=sys.stdout if instance.exit_code == 0 else sys.stderr)
        return instance.exit_code
    from station_app.playback.early import start_early

    early = start_early(paths, args.play)  # libVLC (and a --play stream) start while Qt loads
    # Qt loads only when a window is wanted; the binding first, then the rest of the app.
    from station_app.qt_binding import use_python_imports

    use_python_imports()
    from station_app.app import run_gui

    return run_gui(paths, play=args.play, early=early, instance=instance)


if __name__ == "__main__":
    sys.exit(main())
