"""The config notice's words: what happened, then each problem where it is in the file."""

from __future__ import annotations

from pathlib import Path

from station_app.config.problems import ConfigProblem, Severity
from station_app.ui.config_notice import describe_problems


def test_problems_are_listed_in_the_order_of_their_lines_file_by_file() -> None:
    stations = Path("/config/stations.toml")
    settings = Path("/config/settings.toml")
    problems = [
        ConfigProblem(stations, 5, "station 1: `id` must use only a-z, 0-9 and -"),
        ConfigProblem(stations, 4, "station 1: `streams` is missing"),
        ConfigProblem(settings, 2, "`refresh_minutes` must be a number"),
        ConfigProblem(stations, 9, "`colour` is not a known key", Severity.WARNING),
        ConfigProblem(stations, 7, "`logo` is not a known key", Severity.WARNING),
    ]
    text = describe_problems(problems, fell_back=True, network="Loopback Radio")
    bullets = [line for line in text.splitlines() if line.startswith("• ")]
    assert bullets == [
        "• Line 4: station 1: “streams” is missing",
        "• Line 5: station 1: “id” must use only a-z, 0-9 and -",
        f"• {settings}, line 2: “refresh_minutes” must be a number",
        "• Line 7: warning: “logo” is not a known key",
        "• Line 9: warning: “colour” is not a known key",
    ]
