"""feedparser's own test corpus: the app reads every feed as plain feedparser.parse does.

Each of the ~2,200 documents goes through the app's parse path (decoding,
strict check, repair only when needed) and through plain `feedparser.parse`
with the same HTTP headers (the corpus gives them in `Header:` comment lines).
For each entry the comparison is of what a person sees: the title, the link
and the number of entries.

Intended differences, by rule rather than by file, so every one is explained:
- An entry with neither a title nor any text is not listed: there is nothing
  to read in it (701 entries of the corpus, which mostly tests one element
  at a time: a date, an author, an id).
- Text inside <script> and <style> of HTML-typed fields is not shown.
- Only http(s) links are kept as links; others are never opened.
- A title that is empty is replaced with the start of the entry's text.
These rules are applied to plain feedparser's values below; any other
difference fails the test.
"""

from __future__ import annotations

import io
import re
import tarfile
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import feedparser

from station_app.news.feed_text import plain_text, web_url, written_text
from station_app.news.feed_xml import readable_feed
from station_app.news.feeds import SUMMARY_CHARS, FeedProblem, parse_feed

CORPUS = Path(__file__).resolve().parent / "feedparser_corpus" / "tests.tar.xz"
_HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)
_HTML_TYPES = {"text/html", "application/xhtml+xml"}

Row = tuple[str, str | None]


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


def shown(value: Any, detail: Any) -> str:
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    text = value if isinstance(value, str) else ""
    return plain_text(text) if kind in _HTML_TYPES or not kind else written_text(text)


def entry_text(entry: Mapping[str, Any]) -> str:
    summary = shown(entry.get("summary"), entry.get("summary_detail"))
    if summary:
        return summary
    for part in entry.get("content") or ():
        if part.get("value"):
            return shown(part["value"], part)
    return ""


def plain_feedparser_rows(body: bytes, content_type: str) -> list[Row]:
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    rows = []
    for entry in parsed.entries:
        title = shown(entry.get("title"), entry.get("title_detail"))
        text = written_text(entry_text(entry), limit=SUMMARY_CHARS)
        if title or text:
            rows.append((title or text[:80], web_url(entry.get("link"))))
    return rows


def app_rows(body: bytes, content_type: str) -> list[Row]:
    result = parse_feed(body, "Corpus", "https://corpus.example/feed", content_type)
    if isinstance(result, FeedProblem):
        return []
    return [(article.title, article.link) for article in result]


def differences() -> Iterator[str]:
    for name, body, content_type in corpus():
        expected, got = plain_feedparser_rows(body, content_type), app_rows(body, content_type)
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
