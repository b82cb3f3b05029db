"""Headline, byline, dates and lead image from a page's JSON-LD NewsArticle and OpenGraph tags.

Publishers state these facts for search engines in structured form, which is
far more reliable than guessing them from the page's visible layout.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from lxml import html

from station_app.news.feed_text import is_web_image_url, plain_text

_ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
}


@dataclass(frozen=True)
class ArticleMeta:
    headline: str = ""
    byline: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    image: str | None = None
    image_caption: str = ""
    image_credit: str = ""
    site_name: str = ""


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time as an aware datetime (UTC assumed when no zone is given); None if bad."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"))


def _is_article(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds)


def _names(value: Any) -> str:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and plain_text(name):
            names.append(plain_text(name))
    return ", ".join(dict.fromkeys(names))


def _image(value: Any, base: str) -> tuple[str | None, str, str]:
    item = value[0] if isinstance(value, list) and value else value
    if isinstance(item, str):
        url = urljoin(base, item)
        return (url if is_web_image_url(url) else None), "", ""
    if isinstance(item, dict):
        url = urljoin(base, str(item.get("url") or item.get("contentUrl") or ""))
        caption = plain_text(str(item.get("caption") or item.get("description") or ""))
        credit = _names(item.get("creditText") or item.get("author") or item.get("copyrightHolder"))
        return (url if is_web_image_url(url) else None), caption, credit
    return None, "", ""


def _json_ld(document: html.HtmlElement) -> dict[str, Any] | None:
    for script in document.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for node in _objects(data):
            if _is_article(node):
                return node
    return None


def read_meta(document: html.HtmlElement, base_url: str) -> ArticleMeta:
    """What the page says about itself; empty fields where it says nothing."""
    og: dict[str, str] = {}
    for tag in document.iter("meta"):
        key = tag.get("property") or tag.get("name") or ""
        if key.startswith(("og:", "article:")) and key not in og:
            og[key] = tag.get("content") or ""
    node = _json_ld(document) or {}
    image, caption, credit = _image(node.get("image"), base_url)
    if image is None and og.get("og:image"):
        candidate = urljoin(base_url, og["og:image"])
        image = candidate if is_web_image_url(candidate) else None
    return ArticleMeta(
        headline=plain_text(str(node.get("headline") or og.get("og:title") or "")),
        byline=_names(node.get("author")) or plain_text(og.get("article:author", "")),
        published=parse_time(node.get("datePublished") or og.get("article:published_time")),
        updated=parse_time(node.get("dateModified") or og.get("article:modified_time")),
        image=image,
        image_caption=caption,
        image_credit=credit,
        site_name=plain_text(og.get("og:site_name", "")) or _names(node.get("publisher")),
    )
