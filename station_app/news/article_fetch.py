"""Fetch an article's page and extract it, falling back to the feed's copy. Runs in a task."""

from __future__ import annotations

from urllib.parse import urlsplit

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, FailureKind, FetchError, FetchResult
from station_app.news.article_content import ArticleContent, from_feed
from station_app.news.article_extract import ExtractionError, extract_article
from station_app.news.feeds import Article


def load_article(
    fetcher: Fetcher, article: Article, cancel: CancelToken, cached_only: bool = False
) -> ArticleContent | None:
    """The article as the reader shows it; never empty-handed except for `cached_only` misses.

    Returns None when `cached_only` finds nothing cached or the request was cancelled.
    """
    if article.link is None:
        return from_feed(article, "This story has no web page; showing the feed's copy.")
    host = urlsplit(article.link).hostname or article.link
    page: FetchResult | None
    if cached_only:
        page = fetcher.cached(article.link)
    else:
        # The link comes from the feed: it may lead no closer to this computer than the feed.
        reach = fetcher.reach_of(article.feed_url)
        page = fetcher.fetch(article.link, ContentKind.PAGE, cancel, reach=reach)
    if page is None:
        return None
    if isinstance(page, FetchError):
        if page.kind is FailureKind.CANCELLED:
            return None
        return from_feed(article, f"{page.message} Showing the feed's copy of the story.")
    try:
        content = extract_article(page.body, page.final_url)
    except ExtractionError:
        return from_feed(
            article,
            f"The story on {host} could not be read in the app; showing the feed's copy. "
            "Open it in the browser to see the full page.",
        )
    fetcher.keep(page)
    return content
