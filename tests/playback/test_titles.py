from __future__ import annotations

import pytest

from station_app.playback.titles import decode_title, repair_mojibake


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"Morning Edition", "Morning Edition"),
        ("Café — Ñandú".encode(), "Café — Ñandú"),
        ("Café Ñandú".encode("latin-1"), "Café Ñandú"),  # Latin-1 on the wire
        ("Beyoncé \u2013 Halo".encode().decode("cp1252").encode(), "Beyoncé \u2013 Halo"),
        (b"  padded  ", "padded"),
        (b"", ""),
    ],
)
def test_titles_decode_to_clean_text(raw: bytes, expected: str) -> None:
    assert decode_title(raw) == expected


def test_utf8_read_as_latin1_is_repaired() -> None:
    assert repair_mojibake("CafÃ© del Mar") == "Café del Mar"
    assert repair_mojibake("Ã\x89tÃ© Ã\xa0Paris") == "Été àParis"


def test_genuine_accents_are_left_alone() -> None:
    for text in ("Ålesund Ästhetik", "Ñandú", "Dvořák: Symphony No. 9", "Â is a letter"):
        assert repair_mojibake(text) == text
