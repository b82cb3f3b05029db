"""Plain text and images out of the HTML fragments feeds carry in titles and teasers."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from station_app.net.web_address import is_web_url

# lxml is imported inside the functions: they run in background tasks, and a
# station without feeds should not carry it.

_SPACE = re.compile(r"\s+")
# Tracking pixels rarely declare their size (NPR's does not), so their addresses give them away.
_PIXEL_HINTS = re.compile(
    r"(pixel|tracking|/track/|beacon|1x1|spacer|/count\b|doubleclick|analytics)", re.IGNORECASE
)
_TAG_HINT = re.compile(r"[<&]")
# Elements a browser never shows the content of: hidden by the HTML standard's
# default style sheet, and the iframe, which shows its own page instead.
_UNSHOWN = ("head", "title", "script", "style", "template", "noembed", "noframes", "iframe")
# Elements that begin and end a line: their text is never run together with the next.
_LINES = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip


def plain_text(fragment: str, limit: int | None = None) -> str:
    """Visible text of an HTML fragment, as a browser shows it, on one line.

    Entities are decoded, tags dropped, lines and blocks kept apart by a
    space, and whitespace collapsed.
    """
    from lxml import etree, html

    if not fragment:
        return ""
    if _TAG_HINT.search(fragment):
        try:
            root = html.fragment_fromstring(fragment, create_parent="div")
            for unshown in list(root.iter(*_UNSHOWN)):
                unshown.drop_tree()
            for line in root.iter(*_LINES):
                line.text = " " + (line.text or "")
                line.tail = " " + (line.tail or "")
            fragment = root.text_content()
        except (etree.ParserError, ValueError):
            fragment = re.sub(r"<[^>]*>", " ", fragment)
    return written_text(fragment, limit)


def written_text(text: str, limit: int | None = None) -> str:
    """Text shown as written, whitespace collapsed: for feed fields typed as plain text."""
    text = _SPACE.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
        text = cut.rstrip(" ,.;:") + "…"
    return text


_UNSAFE_IN_URL = re.compile(r'[\x00-\x20\x7f<>"\\]')


def web_url(url: str | None) -> str | None:
    """`url` stripped, if it is a well-formed http(s) address; None for anything else."""
    if not url:
        return None
    url = url.strip()
    if _UNSAFE_IN_URL.search(url):
        return None
    return url if is_web_url(url) else None


def is_web_image_url(url: str | None) -> bool:
    return web_url(url) is not None


def _declared_size(value: str | None) -> int | None:
    if value is None:
        return None
    digits = re.match(r"\s*(\d+)", value)
    return int(digits.group(1)) if digits else None


def looks_like_tracking_pixel(
    url: str, width: str | None = None, height: str | None = None
) -> bool:
    """True for 1x1 beacons: a tiny declared size, or an address that names itself a pixel."""
    sizes = [s for s in (_declared_size(width), _declared_size(height)) if s is not None]
    if sizes and min(sizes) <= 2:
        return True
    return bool(_PIXEL_HINTS.search(urlsplit(url).path + "?" + urlsplit(url).query))


def first_real_image(fragment: str, base_url: str = "") -> str | None:
    """The first <img> of a fragment that is a real picture (http/https, not a beacon)."""
    from lxml import etree, html

    if not fragment or "<img" not in fragment.lower():
        return None
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    for image in root.iter("img"):
        source = (image.get("src") or "").strip()
        if not source:
            continue
        source = urljoin(base_url, source) if base_url else source
        if not is_web_image_url(source):
            continue
        if looks_like_tracking_pixel(source, image.get("width"), image.get("height")):
            continue
        return source
    return None
