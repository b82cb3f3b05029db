from __future__ import annotations

from station_app.config.toml_lines import find_line

TEXT = """\
top = 1
[network]
name = "x"

[[stations]]  # first
id = "a"
[[stations.schedule]]
id = "nested"
[[ stations ]]
"id" = "b"
"""


def test_finds_top_level_and_table_keys() -> None:
    assert find_line(TEXT, None, None, "top") == 1
    assert find_line(TEXT, "network", None, "name") == 3


def test_finds_keys_in_the_right_array_entry() -> None:
    assert find_line(TEXT, "stations", 0, "id") == 6
    assert find_line(TEXT, "stations", 1, "id") == 10


def test_missing_key_points_at_its_table_header() -> None:
    assert find_line(TEXT, "stations", 1, "streams") == 9
    assert find_line(TEXT, "feeds", 0, "url") is None
