"""An ArticleContent as the HTML QTextBrowser renders: headline, byline, times, figure, body."""

from __future__ import annotations

from station_app.news.article_content import ArticleContent, html_escape
from station_app.news.time_text import exact_time

# Qt's rich-text subset: simple CSS only, sizes relative to the widget's font so zoom works.
_STYLE = """
h1 { font-size: x-large; font-weight: 600; margin-bottom: 4px; }
p.byline { margin-top: 2px; margin-bottom: 0px; font-weight: 600; }
p.times { margin-top: 2px; font-size: small; }
p.caption { font-size: small; margin-top: 4px; }
span.credit { font-size: small; font-style: italic; }
p.site { font-size: small; margin-top: 16px; }
figcaption { font-size: small; }
"""


def _times(content: ArticleContent) -> str:
    parts = []
    if content.published is not None:
        parts.append(f"Published {exact_time(content.published)}")
    if content.updated is not None and content.updated != content.published:
        parts.append(f"Updated {exact_time(content.updated)}")
    return " · ".join(parts)


def article_html(content: ArticleContent) -> str:
    """Every piece of text escaped here; the body was sanitized when it was extracted."""
    pieces = [f"<html><head><style>{_STYLE}</style></head><body>"]
    pieces.append(f"<h1>{html_escape(content.headline)}</h1>")
    if content.byline:
        pieces.append(f'<p class="byline">By {html_escape(content.byline)}</p>')
    times = _times(content)
    if times:
        pieces.append(f'<p class="times">{html_escape(times)}</p>')
    if content.image:
        pieces.append(f'<p><img src="{html_escape(content.image)}" alt=""></p>')
        caption = html_escape(content.image_caption)
        if content.image_credit:
            caption += f' <span class="credit">{html_escape(content.image_credit)}</span>'
        if caption:
            pieces.append(f'<p class="caption">{caption}</p>')
    pieces.append(content.body_html)
    if content.site_name and not content.from_feed:
        pieces.append(f'<p class="site">From {html_escape(content.site_name)}</p>')
    pieces.append("</body></html>")
    return "".join(pieces)
