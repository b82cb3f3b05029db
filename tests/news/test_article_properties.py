"""Random and hostile pages through extraction and the sanitizer: clean values or a clean error."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from station_app.news.article_extract import ExtractionError, extract_article
from station_app.news.html_sanitize import sanitize_html

PIECES = [
    "<script>alert(1)</script>",
    "<style>p{}</style>",
    "<iframe src='https://e.example'>x</iframe>",
    "<p onclick='x()'>text</p>",
    "<a href='javascript:alert(1)'>j</a>",
    "<a href='https://ok.example/'>ok</a>",
    "<img src='data:image/png;base64,AA' onerror='x()'>",
    "<img src='https://i.example/a.jpg'>",
    "<svg onload='x()'><script>y</script></svg>",
    "<a href='  JaVaScRiPt:alert(1)'>k</a>",
    "<a href='file:///etc/passwd'>f</a>",
    "<p>words words words words words words words words words words words words</p>",
    "<div",
    "</p>",
    "&lt;script&gt;",
]
FORBIDDEN = re.compile(r"<script|<style|<iframe|<svg|javascript:|data:|file:|\son\w+=", re.I)


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=30),
    st.text(alphabet=" <>/='\"&;xyz", max_size=50),
)
def test_sanitized_html_never_carries_active_content(pieces: list[str], noise: str) -> None:
    assert not FORBIDDEN.search(sanitize_html(noise.join(pieces)))


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.binary(max_size=200))
def test_extraction_gives_an_inert_article_or_a_clean_error(pieces: list[str], junk: bytes) -> None:
    page = ("<html><body><article>" + "".join(pieces) + "</article></body></html>").encode() + junk
    try:
        content = extract_article(page, "https://news.example/story")
    except ExtractionError:
        return
    assert not FORBIDDEN.search(content.body_html)
    assert content.image is None or content.image.startswith(("http://", "https://"))
