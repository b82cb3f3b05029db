"""A large NPR-shaped feed for responsiveness tests and benchmarks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime


def big_feed(base: str, items: int = 500, thumbnails: int = 30, salt: str = "") -> bytes:
    """`items` stories, the first `thumbnails` with their own picture, each with a teaser."""
    start = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">'
        "<channel><title>Big</title><link>https://example.org/</link><description>d</description>"
    ]
    for n in range(items):
        when = format_datetime(start - timedelta(minutes=7 * n))
        image = f"{base}/thumbs/{salt}{n}.jpg" if n < thumbnails else ""
        media = f'<media:thumbnail url="{image}"/>' if image else ""
        parts.append(
            f"<item><title>Story {salt}{n}: the council &amp; the budget</title>"
            f"<description>Teaser for story {n}, with enough words to fill two lines of the "
            f"headline list so wrapping and eliding are exercised.</description>"
            f"<pubDate>{when}</pubDate><link>{base}/story/{salt}{n}</link>"
            f'<guid isPermaLink="false">story-{salt}{n}</guid>'
            f"<dc:creator>Reporter {n % 9}</dc:creator>"
            f"{media}<content:encoded><![CDATA[<p>Paragraph one of story {n}.</p>"
            f"<p>Paragraph two.</p><img src='https://media.npr.org/include/images/tracking/"
            f"npr-rss-pixel.png?story={n}' />]]></content:encoded></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")
