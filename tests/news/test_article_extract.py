"""A public-radio article page → the article alone, with its metadata and lead figure."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from station_app.news.article_content import from_feed
from station_app.news.article_extract import ExtractionError, extract_article
from station_app.news.feed_text import plain_text
from station_app.news.feeds import FeedProblem, parse_feed
from tests.news.conftest import fixture_text

BASE = "http://127.0.0.1:9"
URL = f"{BASE}/articles/bus-routes"


def article_text() -> tuple[str, str]:
    content = extract_article(fixture_text("article.html", BASE).encode(), URL)
    return plain_text(content.body_html), content.body_html


def test_metadata_comes_from_json_ld() -> None:
    content = extract_article(fixture_text("article.html", BASE).encode(), URL)
    assert content.headline == "Hartford and New Haven weigh faster bus routes"
    assert content.byline == "Jane Reporter, Sam Writer"
    assert content.published is not None and content.updated is not None
    assert content.published.astimezone(UTC) == datetime(2026, 11, 24, 14, 40, tzinfo=UTC)
    assert content.updated.astimezone(UTC) == datetime(2026, 11, 24, 16, 15, tzinfo=UTC)
    assert content.site_name == "Connecticut Public"


def test_lead_image_caption_and_credit_are_separate_from_the_body() -> None:
    content = extract_article(fixture_text("article.html", BASE).encode(), URL)
    assert content.image == f"{BASE}/img/bus-lead.jpg"
    assert content.image_caption == "A CTtransit bus waits on Main Street in Hartford."
    assert content.image_credit == "Jane Reporter / Connecticut Public"
    assert "bus-lead.jpg" not in content.body_html


def test_body_keeps_the_article_and_its_inline_figure() -> None:
    text, body = article_text()
    assert text.startswith("City councils in Hartford and New Haven")
    assert "What riders said" in text
    assert "construction could start in the spring of 2027" in text
    assert f'<img src="{BASE}/img/riders.jpg"' in body
    assert "Riders at the hearing in New Haven." in text
    assert 'href="https://www.ctdot.gov/plan"' in body


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Stand up for civility",
        "Give today",
        "Related Content",
        "Unrelated story about ferries",
        "Television",
        "All rights reserved",
        "SCRIPT TEXT",
        "secret-style-text",
        "faster bus routes</h1>",
    ],
)
def test_boilerplate_is_not_part_of_the_article(boilerplate: str) -> None:
    _text, body = article_text()
    assert boilerplate not in body


def test_page_without_article_text_raises_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        extract_article(b"<html><body><nav>Menu</nav><p>Hi</p></body></html>", URL)


def test_feed_copy_fallback_keeps_teaser_without_beacon_or_repeated_lead() -> None:
    articles = parse_feed(fixture_text("npr_feed.xml", BASE).encode(), "News", f"{BASE}/n.rss")
    assert not isinstance(articles, FeedProblem)
    content = from_feed(articles[0], "The page could not be read.")
    assert content.from_feed and content.note == "The page could not be read."
    assert "dedicated lanes on four corridors" in content.body_html
    assert "npr-rss-pixel" not in content.body_html
    assert "bus-teaser.jpg" not in content.body_html  # shown once, as the lead image
    assert content.image == f"{BASE}/img/bus-teaser.jpg"
