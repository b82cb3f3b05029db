"""feedparser's own test corpus: the app reads every feed as plain feedparser.parse does.

Each of the ~2,200 documents goes through the app's parse path (decoding,
strict check, repair only when needed, the cut after the last entry shown)
and through plain `feedparser.parse` with the same HTTP headers (the corpus
gives them in `Header:` comment lines). For each entry the comparison is of
what a person sees: the title, the link and the number of entries. The
expected title and link come from feedparser's raw values by simple rules
written out here, independently of the app's own text and link helpers, so a
fault in those shows as a difference.

Intended differences, by rule rather than by file, so every one is explained:
- An entry with neither a title nor any text is not listed: there is nothing
  to read in it (701 entries of the corpus, which mostly tests one element
  at a time: a date, an author, an id).
- A field typed as HTML (or untyped, as in RSS, whose fields carry HTML) shows
  the text a browser shows of it: tags dropped, references decoded, lines and
  blocks (<br>, <p>, <li>, …) kept apart by a space, and nothing of what a
  browser never shows (<head>, <title>, <script>, <style>, <template>,
  <noembed>, <noframes>, and an <iframe>, which shows its own page). A field
  typed as text is shown as written. Either way whitespace is collapsed.
- Only an absolute http(s) address with a host, and nothing in it that a
  browser would not take as written (spaces, control characters, quotes,
  angle brackets, backslashes), is kept as the link: any other is never opened.
- A title that is empty is replaced with the start (80 characters) of the
  entry's text.
- feedparser's own HTML post-processing is off on both sides
  (`sanitize_html`, `resolve_relative_uris`): both re-serialize HTML fields
  through feedparser's HTML processor, which reads some markup otherwise than
  a browser does (it escapes the "<" of "<!'", keeps the markup inside an
  iframe as text). The panel shows the text of the HTML the feed sent, and
  renders bodies only through its own sanitizer.
- The app detects an undeclared charset on the first 64 KB; plain feedparser
  here on the whole document (no corpus feed is longer).
Not reached by the corpus: titles are cut at 300 characters (at a word, with
"…"), and at most MAX_ARTICLES entries are read (the cut is compared at one
and two entries below).

Where the simple reference (Python's html.parser) reads HTML otherwise than a
browser, the file and what a browser shows are listed in REFERENCE_MISREADS.
Any other difference fails the test.
"""

from __future__ import annotations

import io
import re
import tarfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pytest

from station_app.news.feed_xml import readable_feed
from station_app.news.feeds import MAX_ARTICLES, FeedProblem, parse_feed

CORPUS = Path(__file__).resolve().parent / "feedparser_corpus" / "tests.tar.xz"
_HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)
_HTML_TYPES = {"text/html", "application/xhtml+xml"}

Row = tuple[str, str | None]

REFERENCE_MISREADS: dict[str, list[Row]] = {
    # "<![CDATA[<script></script>]]&gt;" as HTML: "<![CDATA[" opens a bogus comment
    # that the next ">" closes, so a browser shows "]]>"; html.parser shows the markup.
    "tests/wellformed/sanitize/item_content_encoded_script_nested_cdata.xml": [("]]>", None)],
}


@cache
def corpus() -> tuple[tuple[str, bytes, str], ...]:
    """(name, body, Content-Type header) of every feed in the corpus."""
    feeds = []
    with tarfile.open(CORPUS) as archive:
        for member in archive:
            if not member.isfile() or not member.name.endswith(".xml"):
                continue
            extracted = archive.extractfile(member)
            assert extracted is not None
            body = extracted.read()
            headers = {
                key.strip().decode().lower(): value.strip().decode()
                for key, value in _HEADER.findall(body)
            }
            feeds.append((member.name, body, headers.get("content-type", "")))
    return tuple(feeds)


# Elements that end a line in a browser, and those whose content a browser never shows.
_BREAKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_UNSHOWN = frozenset(
    {"head", "title", "script", "style", "template", "noembed", "noframes", "iframe"}
)


class _VisibleText(HTMLParser):
    """The text a browser shows of an HTML fragment, references decoded, lines as spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._unshown = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._unshown += tag in _UNSHOWN
        if tag in _BREAKS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNSHOWN and self._unshown:
            self._unshown -= 1
        if tag in _BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._unshown:
            self.parts.append(data)


def visible_text(fragment: str) -> str:
    parser = _VisibleText()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def expected_text(value: Any, detail: Any) -> str:
    """A field as the panel should show it: HTML as its visible text, other text as written."""
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    text = value if isinstance(value, str) else ""
    if kind in _HTML_TYPES or not kind:  # no type: RSS, whose fields carry HTML
        text = visible_text(text)
    return " ".join(text.split())


def expected_link(link: Any) -> str | None:
    """The entry's link if it is an absolute http(s) address a browser can open as written."""
    if not isinstance(link, str):
        return None
    link = link.strip()
    if any(c.isspace() or c in '<>"\\' or ord(c) < 0x20 or ord(c) == 0x7F for c in link):
        return None
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    return link if parts.scheme in ("http", "https") and parts.hostname else None


def entry_text(entry: Mapping[str, Any]) -> str:
    summary = expected_text(entry.get("summary"), entry.get("summary_detail"))
    if summary:
        return summary
    for part in entry.get("content") or ():
        if part.get("value"):
            return expected_text(part["value"], part)
    return ""


@contextmanager
def whole_document_detection() -> Iterator[None]:
    """feedparser's own charset detection, over the whole document (the app looks at a prefix)."""
    from feedparser import encodings

    app_detection = encodings.lazy_chardet_encoding
    encodings.lazy_chardet_encoding = lambda data: encodings.chardet.detect(data)["encoding"] or ""
    try:
        yield
    finally:
        encodings.lazy_chardet_encoding = app_detection


@cache
def plain_feedparser_entries(body: bytes, content_type: str) -> tuple[Any, ...]:
    """The entries plain `feedparser.parse` reads (its HTML post-processing off, see above)."""
    headers = {"content-type": content_type} if content_type else None
    with whole_document_detection():
        parsed = feedparser.parse(
            io.BytesIO(body),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    return tuple(parsed.entries)


def plain_feedparser_rows(body: bytes, content_type: str, limit: int = MAX_ARTICLES) -> list[Row]:
    """What the panel should list, from plain feedparser's first `limit` entries."""
    rows = []
    for entry in plain_feedparser_entries(body, content_type)[:limit]:
        title = expected_text(entry.get("title"), entry.get("title_detail"))
        text = entry_text(entry)
        if title or text:
            rows.append((title or text[:80], expected_link(entry.get("link"))))
    return rows


def app_rows(body: bytes, content_type: str, limit: int = MAX_ARTICLES) -> list[Row]:
    result = parse_feed(body, "Corpus", "https://corpus.example/feed", content_type, limit)
    if isinstance(result, FeedProblem):
        return []
    return [(article.title, article.link) for article in result]


def differences(limit: int = MAX_ARTICLES) -> Iterator[str]:
    for name, body, content_type in corpus():
        if len(plain_feedparser_entries(body, content_type)) <= limit < MAX_ARTICLES:
            continue  # nothing to cut: compared whole already
        got = app_rows(body, content_type, limit)
        expected = plain_feedparser_rows(body, content_type, limit)
        if name in REFERENCE_MISREADS:
            expected = REFERENCE_MISREADS[name][:limit]
        if expected != got:
            yield f"{name}: feedparser {expected[:3]} app {got[:3]}"


def test_corpus_is_complete() -> None:
    names = [name for name, _body, _type in corpus()]
    assert len(names) > 2200
    for folder in ("wellformed", "illformed", "encoding", "entities"):
        assert any(name.startswith(f"tests/{folder}/") for name in names)


def test_every_corpus_feed_shows_what_plain_feedparser_reads() -> None:
    found = list(differences())
    assert not found, f"{len(found)} feeds differ:\n" + "\n".join(found[:40])


@pytest.mark.parametrize("limit", [1, 2])
def test_corpus_feeds_cut_to_their_first_entries_show_plain_feedparsers_first_entries(
    limit: int,
) -> None:
    found = list(differences(limit))
    assert not found, f"{len(found)} feeds differ:\n" + "\n".join(found[:40])
    cut = [
        name
        for name, body, content_type in corpus()
        if (document := readable_feed(body, content_type, max_entries=limit)) and document.trimmed
    ]
    assert cut  # some corpus feeds really are cut at this limit


def test_repaired_corpus_feeds_are_read_by_feedparsers_strict_parser() -> None:
    repaired = 0
    for name, body, content_type in corpus():
        document = readable_feed(body, content_type)
        if document is None or not document.repaired:
            continue
        repaired += 1
        parsed = feedparser.parse(
            io.BytesIO(document.body), response_headers={"content-type": document.content_type}
        )
        # bozo is also set for harmless things (a charset override); a parse error is not.
        exception = parsed.get("bozo_exception")
        assert not (exception and "SAX" in type(exception).__name__), (name, exception)
    assert repaired > 200  # the corpus's ill-formed feeds really take the repair path


def test_well_formed_corpus_feeds_reach_feedparser_byte_for_byte() -> None:
    untouched = 0
    for _name, body, content_type in corpus():
        document = readable_feed(body, content_type)
        if document is not None and not document.repaired:
            assert document.body is body
            assert document.content_type == content_type
            untouched += 1
    assert untouched > 1800
