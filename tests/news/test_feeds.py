"""Feed bytes → articles: NPR-shaped RSS, Atom, bad dates, beacons, merging."""

from __future__ import annotations

from datetime import UTC, datetime

from station_app.news.feeds import Article, FeedProblem, merge_articles, parse_feed
from tests.news.conftest import fixture_text

BASE = "http://127.0.0.1:9"


def npr() -> tuple[Article, ...]:
    parsed = parse_feed(fixture_text("npr_feed.xml", BASE).encode(), "News", f"{BASE}/news.rss")
    assert not isinstance(parsed, FeedProblem)
    return parsed


def atom() -> tuple[Article, ...]:
    parsed = parse_feed(fixture_text("atom_feed.xml", BASE).encode(), "Arts", f"{BASE}/arts.atom")
    assert not isinstance(parsed, FeedProblem)
    return parsed


def test_npr_item_has_plain_title_byline_categories_and_aware_time() -> None:
    first = npr()[0]
    assert first.title == "Hartford & New Haven weigh new bus routes"
    assert first.byline == "Jane Reporter"
    assert first.categories == ("Transportation", "Hartford")
    assert first.published == datetime(2026, 11, 24, 14, 40, tzinfo=UTC)
    assert first.feed_title == "News"
    assert first.link == f"{BASE}/articles/bus-routes"


def test_npr_teaser_image_is_taken_and_tracking_pixel_is_not() -> None:
    first = npr()[0]
    assert first.image == f"{BASE}/img/bus-teaser.jpg"
    assert "pixel" not in first.summary and "<" not in first.summary


def test_summary_is_plain_text_without_beacon() -> None:
    budget = npr()[1]
    assert budget.summary == "Lawmakers returned to budget talks."
    assert budget.image == f"{BASE}/img/capitol-thumb.jpg"  # media:thumbnail


def test_malformed_date_is_not_an_error_and_enclosure_gives_image() -> None:
    tides = npr()[2]
    assert tides.published is None and tides.updated is None
    assert tides.image == f"{BASE}/img/tides.jpg"


def test_atom_entry_title_is_stripped_and_times_are_aware() -> None:
    museum = atom()[0]
    assert museum.title == "Museum reopens its Impressionist wing"
    assert museum.byline == "Riley Critic"
    assert museum.published == datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    assert museum.updated == datetime(2026, 11, 24, 20, 30, tzinfo=UTC)
    assert museum.categories == ("Arts",)


def test_merge_drops_duplicates_and_sorts_newest_first_with_undated_last() -> None:
    merged = merge_articles([npr(), atom()])
    titles = [a.title for a in merged]
    assert "Duplicate of the bus story" not in titles
    assert titles[0] == "Museum reopens its Impressionist wing"
    assert titles[-1] == "Shoreline towns brace for king tides"
    assert len(merged) == 4


def test_merge_keeps_at_most_the_cap() -> None:
    assert len(merge_articles([npr(), atom()], cap=2)) == 2


def test_garbage_bytes_give_a_sentence_naming_the_feed() -> None:
    problem = parse_feed(b"\x00\xff<<not xml", "News", "https://news.example/feed")
    assert isinstance(problem, FeedProblem)
    assert problem.message == (
        "The news feed at news.example is not RSS or Atom; check its address in stations.toml."
    )


def test_bytes_naming_a_local_file_are_not_opened() -> None:
    assert isinstance(parse_feed(b"/etc/passwd", "News", "https://a.example/f"), FeedProblem)
