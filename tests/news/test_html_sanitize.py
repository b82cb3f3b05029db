"""Hostile HTML is inert after the sanitizer and the extraction step."""

from __future__ import annotations

import pytest

from station_app.news.article_extract import extract_article
from station_app.news.html_sanitize import sanitize_html
from tests.news.conftest import fixture_text

BASE = "http://127.0.0.1:9"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a<script>alert('x')</script>b</p>", "<p>ab</p>"),
        ("<style>p { color: red }</style><p>a</p>", "<p>a</p>"),
        ('<p onclick="steal()">a</p>', "<p>a</p>"),
        ('<iframe src="https://evil.example">inside</iframe>', ""),
        ('<img src="data:image/png;base64,AA">', "<img>"),
        ('<img src="file:///etc/passwd">', "<img>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="/relative">x</a>', '<a rel="noopener noreferrer">x</a>'),
        (
            '<a href="https://ok.example/">x</a>',
            '<a href="https://ok.example/" rel="noopener noreferrer">x</a>',
        ),
        (
            "<figure><img src='https://i.example/a.jpg'><figcaption>c</figcaption></figure>",
            '<figure><img src="https://i.example/a.jpg"><figcaption>c</figcaption></figure>',
        ),
    ],
)
def test_only_allowlisted_structure_survives(dirty: str, clean: str) -> None:
    assert sanitize_html(dirty) == clean


def test_hostile_page_is_inert_after_extraction() -> None:
    content = extract_article(fixture_text("hostile.html", BASE).encode(), f"{BASE}/h")
    body = content.body_html
    for forbidden in (
        "SCRIPT TEXT",
        "STYLE-TEXT",
        "IFRAME TEXT",
        "OBJECT TEXT",
        "javascript:",
        "data:",
        "file:",
        "onerror",
        "onmouseover",
        "<iframe",
        "<script",
        "<form",
        "password",
    ):
        assert forbidden not in body, forbidden
    assert 'href="https://example.org/safe"' in body
    assert "this javascript link" in body  # the words stay, the link goes
