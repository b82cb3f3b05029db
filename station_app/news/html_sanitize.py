"""The allowlist every piece of web HTML passes before it is rendered in the app."""

from __future__ import annotations

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
        "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "blockquote", "q",
        "cite", "code", "pre", "figure", "figcaption", "a", "img", "span", "div",
        "table", "thead", "tbody", "tr", "th", "td", "caption", "dl", "dt", "dd",
    }
)  # fmt: skip
# Removed with everything inside them, so script text or form labels never show as prose.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "object", "embed", "noscript", "template", "svg",
        "math", "form", "button", "select", "textarea", "video", "audio", "canvas", "head",
        "title",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
WEB_SCHEMES = frozenset({"http", "https"})


def sanitize_html(fragment: str) -> str:
    """Only harmless structure survives: no scripts, frames, handlers, or non-web URLs."""
    import nh3  # on first use: only articles need it

    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(WEB_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        url_relative="deny",
    )
