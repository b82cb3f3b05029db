"""Run the benchmarks: `python -m benchmarks [name …]`. Each prints figures and ratios."""

from __future__ import annotations

import argparse
import importlib

SUITES = ["startup", "playback", "news"]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="which to run")
    names = parser.parse_args().names or SUITES
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name}")
        for comparison in module.run():
            print(comparison.line(), flush=True)


if __name__ == "__main__":
    main()
