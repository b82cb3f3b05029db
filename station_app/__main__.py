"""Entry point: `station-app` and `python -m station_app`."""

from __future__ import annotations

import sys

from station_app.cli import build_parser, check_config, list_stations
from station_app.paths import AppPaths


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = AppPaths.from_environment()
    if args.list_stations:
        return list_stations(paths)
    if args.check_config:
        return check_config(paths)
    # Any check that must come before audio starts (one instance only) goes here.
    from station_app.player.early import start_early

    early = start_early(paths, args.play)  # libVLC (and a --play stream) start while Qt loads
    from station_app.app import run_gui  # Qt loads only when a window is wanted

    return run_gui(paths, play=args.play, early=early)


if __name__ == "__main__":
    sys.exit(main())
