"""A news page's bytes → the article alone, without navigation, appeals or related links.

readability-lxml rather than trafilatura: it is a fraction of the size
(trafilatura pulls in about 20 MB of dependencies), and it returns the
article's HTML structure, figures included, which the sanitizer and the reader
need, where trafilatura leans towards plain text. readability's scoring alone
still lets donation appeals and "Related Content" lists through on public
radio sites, so those blocks are cut with lxml first, and the headline, byline,
dates and lead image come from the page's JSON-LD / OpenGraph metadata, which
publishers state precisely.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from station_app.news.article_content import ArticleContent, clean_fragment, drop_unsafe_urls
from station_app.news.article_meta import ArticleMeta, read_meta
from station_app.news.feed_text import plain_text

MIN_TEXT_CHARS = 200
_BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "form", "noscript", "iframe", "dialog")
_BOILERPLATE_NAMES = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|donat\w*|donation|support-us|membership|newsletter|promo\w*|"
    r"related\w*|recommend\w*|share|social|subscribe|sidebar|advert\w*|ad-slot|comments?|"
    r"breadcrumbs?|site-header|site-footer|cookie\w*|popup|modal)($|[-_ ])",
    re.IGNORECASE,
)
_APPEALS = re.compile(
    r"stand up for civility|give today|donate now|become a (member|sustainer)", re.I
)
_RELATED_HEADINGS = re.compile(
    r"^(related (content|stories|articles)|more (from|stories)|"
    r"you may also like|read more)\b",
    re.I,
)
_KEEP = {"html", "body", "article", "main"}


class ExtractionError(Exception):
    """The page held no article text that could be told apart from the rest."""


def _drop(element: html.HtmlElement) -> None:
    if element.getparent() is not None and element.tag not in _KEEP:
        element.drop_tree()


def strip_boilerplate(document: html.HtmlElement) -> None:
    """Removes navigation, appeals, footers and related-content blocks in place."""
    for element in list(document.iter(*_BOILERPLATE_TAGS)):
        _drop(element)
    for element in list(document.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if names.strip() and _BOILERPLATE_NAMES.search(names):
            _drop(element)
    for heading in list(document.iter("h2", "h3", "h4")):
        if heading.getparent() is not None and _RELATED_HEADINGS.match(
            plain_text(heading.text_content())
        ):
            parent = heading.getparent()
            if parent is not None and parent.tag not in _KEEP:
                _drop(parent)
            else:
                following = heading.getnext()
                if following is not None and following.tag in ("ul", "ol", "div"):
                    _drop(following)
                _drop(heading)
    for block in list(document.iter("div", "section", "p", "aside")):
        if block.getparent() is None:
            continue
        text = block.text_content()
        if len(text) < 800 and _APPEALS.search(text):
            _drop(block)


def _lead_figure(document: html.HtmlElement, meta: ArticleMeta) -> tuple[str | None, str, str]:
    """Lead image, caption and credit: the figure showing the metadata image, or the first."""
    figures = list(document.iter("figure"))
    chosen = None
    for figure in figures:
        sources = [img.get("src") for img in figure.iter("img")]
        if meta.image and meta.image in sources:
            chosen = figure
            break
    if chosen is None and figures and meta.image is None:
        chosen = figures[0]
    if chosen is None:
        return meta.image, meta.image_caption, meta.image_credit
    image = next((img.get("src") for img in chosen.iter("img") if img.get("src")), meta.image)
    credit_nodes = chosen.xpath(".//*[contains(@class,'credit')]|.//cite")
    credit = plain_text(" ".join(node.text_content() for node in credit_nodes))
    for node in credit_nodes:
        node.drop_tree()
    caption = plain_text(" ".join(c.text_content() for c in chosen.iter("figcaption")))
    chosen.drop_tree()
    return image, caption or meta.image_caption, credit or meta.image_credit


def _drop_repeated_headline(body: html.HtmlElement, headline: str) -> None:
    for heading in list(body.iter("h1", "h2"))[:1]:
        if plain_text(heading.text_content()) == headline:
            heading.drop_tree()


def _base(document: html.HtmlElement, url: str) -> str:
    """What the page's links are relative to: its <base href> only if it stays on the host.

    A base on another host would let a page point its pictures anywhere,
    including into the reader's own network.
    """
    base = url
    for element in list(document.iter("base")):
        href = (element.get("href") or "").strip()
        candidate = urljoin(url, href) if href else url
        if urlsplit(candidate).netloc.lower() == urlsplit(url).netloc.lower() and base == url:
            base = candidate
        element.drop_tree()
    return base


def extract_article(page: bytes, url: str) -> ArticleContent:
    """The article in `page`; raises ExtractionError when there is too little text to trust."""
    try:
        document = html.document_fromstring(page)
    except (etree.ParserError, ValueError) as error:
        raise ExtractionError(str(error)) from error
    if not isinstance(document, html.HtmlElement):
        raise ExtractionError("not an HTML document")
    drop_unsafe_urls(document)
    document.make_links_absolute(
        _base(document, url), resolve_base_href=False, handle_failures="discard"
    )
    meta = read_meta(document, url)
    for element in list(document.iter("script", "style")):
        _drop(element)
    strip_boilerplate(document)
    image, caption, credit = _lead_figure(document, meta)
    # Imported here, in the background task that needs it: readability and the
    # chardet it brings cost about 17 MB, which a listener who never opens an
    # article should not pay.
    from readability import Document

    try:
        readable = Document(html.tostring(document, encoding="unicode"), url=url)
        body_html = readable.summary(html_partial=True)
        title = plain_text(readable.short_title())
    except Exception as error:  # readability raises its own Unparseable and lxml errors
        raise ExtractionError(str(error)) from error
    body = html.fragment_fromstring(body_html, create_parent="div")
    headline = meta.headline or title
    _drop_repeated_headline(body, headline)
    if len(plain_text(body.text_content())) < MIN_TEXT_CHARS:
        raise ExtractionError("too little text")
    return ArticleContent(
        url=url,
        headline=headline,
        byline=meta.byline,
        published=meta.published,
        updated=meta.updated,
        image=image,
        image_caption=caption,
        image_credit=credit,
        body_html=clean_fragment(html.tostring(body, encoding="unicode"), url, image),
        site_name=meta.site_name,
    )
