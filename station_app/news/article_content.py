"""What the reader shows: one article's facts and its sanitized body, from the page or the feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from lxml import html

from station_app.news.feed_text import is_web_image_url, looks_like_tracking_pixel
from station_app.news.feeds import Article
from station_app.news.html_sanitize import sanitize_html


@dataclass(frozen=True)
class ArticleContent:
    """An article ready to render; `note` says why the feed's copy is shown instead of the page."""

    url: str | None
    headline: str
    byline: str
    published: datetime | None
    updated: datetime | None
    image: str | None
    image_caption: str
    image_credit: str
    body_html: str
    site_name: str = ""
    from_feed: bool = False
    note: str = ""


def drop_unwanted_images(root: html.HtmlElement, lead_image: str | None = None) -> None:
    """Removes beacons, non-web images and repeats of the lead image from a parsed fragment."""
    for image in list(root.iter("img")):
        source = (image.get("src") or "").strip()
        if (
            not is_web_image_url(source)
            or looks_like_tracking_pixel(source, image.get("width"), image.get("height"))
            or (lead_image is not None and source == lead_image)
        ):
            image.drop_tree()


def drop_unsafe_urls(root: html.HtmlElement) -> None:
    """Removes addresses with a scheme other than http(s) before relative ones are resolved."""
    for element in root.iter():
        for name in ("href", "src"):
            value = element.get(name)
            if value is None:
                continue
            scheme = urlsplit(value.strip()).scheme.lower()
            if scheme not in ("", "http", "https"):
                del element.attrib[name]


def clean_fragment(fragment: str, base_url: str, lead_image: str | None = None) -> str:
    """A feed or page fragment with absolute links, no beacons, through the sanitizer."""
    from lxml import etree, html  # on first use, in the background task

    if not fragment.strip():
        return ""
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
        drop_unsafe_urls(root)
        if base_url:
            root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
        drop_unwanted_images(root, lead_image)
        fragment = html.tostring(root, encoding="unicode")
    except (etree.ParserError, ValueError):
        pass
    return sanitize_html(fragment)


def from_feed(article: Article, note: str) -> ArticleContent:
    """The feed's own copy of `article`, for when the page cannot be fetched or read."""
    body = clean_fragment(article.content_html, article.link or article.feed_url, article.image)
    if not body.strip():
        body = f"<p>{html_escape(article.summary)}</p>" if article.summary else ""
    return ArticleContent(
        url=article.link,
        headline=article.title,
        byline=article.byline,
        published=article.published,
        updated=article.updated,
        image=article.image,
        image_caption="",
        image_credit="",
        body_html=body,
        site_name=article.feed_title,
        from_feed=True,
        note=note,
    )


def html_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
