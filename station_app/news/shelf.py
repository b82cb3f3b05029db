"""The headlines last shown, kept on disk as plain values, so the next start shows them at once.

Parsing feeds means loading feedparser and its helpers and reading every
feed again; a start-up needs neither to show what was on screen last time.
After each refresh that brought headlines, the refresh task writes them here
(atomically, in the cache folder); the next start reads them back in a moment
and the network's answer follows. The file belongs to its list of feeds: for
any other list it is not used. A damaged or foreign file is simply not used.
Runs in background tasks; plain Python, no Qt.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from station_app.config.atomic import write_atomic
from station_app.config.regular_file import RefusedFileError, read_regular_file
from station_app.news.feeds import Article
from station_app.stations.model import Feed

log = logging.getLogger(__name__)

VERSION = 1
SHELF_LIMIT = 8 * 1024 * 1024  # MAX_ARTICLES stories with their bodies fit well within


def put_on_shelf(
    path: Path,
    feeds: tuple[Feed, ...],
    articles: tuple[Article, ...],
    digests: Mapping[str, str],
    updated_at: float | None,
) -> None:
    """Keeps `articles` (of `feeds`) for the next start; a failed write only costs speed."""
    document = {
        "version": VERSION,
        "feeds": [feed.url for feed in feeds],
        "digests": dict(digests),
        "updated_at": updated_at,
        "articles": [_article_json(article) for article in articles],
    }
    try:
        write_atomic(path, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except OSError as error:
        log.warning("Could not keep the headlines in %s: %s", path, error)


def take_from_shelf(
    path: Path, feeds: tuple[Feed, ...]
) -> tuple[tuple[Article, ...], dict[str, str], float | None] | None:
    """The headlines kept for exactly these feeds, their digests and age; None otherwise."""
    try:
        document = json.loads(read_regular_file(path, SHELF_LIMIT))
    except FileNotFoundError:
        return None
    except (OSError, RefusedFileError, ValueError, RecursionError) as error:
        log.warning("Not using the kept headlines in %s: %s", path, error)
        return None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        return None
    if document.get("feeds") != [feed.url for feed in feeds]:
        return None
    digests, updated_at = document.get("digests"), document.get("updated_at")
    items = document.get("articles")
    if not isinstance(digests, dict) or not isinstance(items, list):
        return None
    if updated_at is not None and not isinstance(updated_at, int | float):
        return None
    articles = tuple(article for item in items if (article := _article(item)) is not None)
    if len(articles) != len(items):
        return None  # written by something else: parse the feeds instead
    kept = {str(url): str(digest) for url, digest in digests.items()}
    return articles, kept, float(updated_at) if updated_at is not None else None


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "key": article.key,
        "title": article.title,
        "link": article.link,
        "summary": article.summary,
        "byline": article.byline,
        "published": _time_json(article.published),
        "updated": _time_json(article.updated),
        "image": article.image,
        "categories": list(article.categories),
        "feed_title": article.feed_title,
        "feed_url": article.feed_url,
        "content_html": article.content_html,
    }


def _time_json(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _article(item: object) -> Article | None:
    if not isinstance(item, dict):
        return None
    texts = ("key", "title", "summary", "byline", "feed_title", "feed_url", "content_html")
    optional = ("link", "image")
    if not all(isinstance(item.get(name), str) for name in texts):
        return None
    if not all(item.get(name) is None or isinstance(item.get(name), str) for name in optional):
        return None
    categories = item.get("categories")
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        return None
    try:
        published, updated = _time(item.get("published")), _time(item.get("updated"))
    except ValueError:
        return None
    return Article(
        key=item["key"],
        title=item["title"],
        link=item.get("link"),
        summary=item["summary"],
        byline=item["byline"],
        published=published,
        updated=updated,
        image=item.get("image"),
        categories=tuple(categories),
        feed_title=item["feed_title"],
        feed_url=item["feed_url"],
        content_html=item["content_html"],
    )


def _time(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a time")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a time without its zone")
    return moment
