"""Random and mutated feeds never crash the feed → article mapping: only clean values."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station_app.news.feeds import Article, FeedProblem, merge_articles, parse_feed
from tests.news.conftest import fixture_text

SEEDS = [
    fixture_text("npr_feed.xml", "http://127.0.0.1:9").encode(),
    fixture_text("atom_feed.xml", "http://127.0.0.1:9").encode(),
]
URL = "https://news.example/feed"


def check(result: tuple[Article, ...] | FeedProblem) -> None:
    if isinstance(result, FeedProblem):
        assert result.message.startswith("The news feed at news.example")
        return
    for article in result:
        assert isinstance(article.title, str)
        assert article.title.strip() == article.title
        assert article.key
        for moment in (article.published, article.updated):
            assert moment is None or (isinstance(moment, datetime) and moment.tzinfo is not None)
        assert article.link is None or article.link.startswith(("http://", "https://"))
        assert article.image is None or article.image.startswith(("http://", "https://"))
        assert len(article.summary) <= 401
    merge_articles([result, result])


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.binary(max_size=2048))
def test_random_bytes_give_articles_or_a_clean_problem(body: bytes) -> None:
    check(parse_feed(body, "News", URL))


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    seed=st.sampled_from(SEEDS),
    cuts=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 60)), max_size=4),
    insert=st.binary(max_size=40),
)
def test_mutated_feeds_give_articles_or_a_clean_problem(
    seed: bytes, cuts: list[tuple[int, int]], insert: bytes
) -> None:
    body = bytearray(seed)
    for position, length in cuts:
        position %= max(1, len(body))
        body[position : position + length] = insert
    check(parse_feed(bytes(body), "News", URL))


@settings(max_examples=100, deadline=None, database=None)
@given(
    title=st.text(max_size=200),
    date=st.text(max_size=40),
    link=st.text(max_size=60),
    image=st.text(max_size=60),
)
def test_hostile_item_fields_give_clean_articles(
    title: str, date: str, link: str, image: str
) -> None:
    def esc(text: str) -> str:
        return "".join(c for c in text if c.isprintable()).replace("]]>", "")

    body = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel><title>t</title><item><title><![CDATA[{esc(title)}]]></title>"
        f"<pubDate><![CDATA[{esc(date)}]]></pubDate><link><![CDATA[{esc(link)}]]></link>"
        f'<media:thumbnail url="{esc(image).replace(chr(34), "")}"/></item></channel></rss>'
    ).encode("utf-8", "surrogatepass")
    check(parse_feed(body, "News", URL))
