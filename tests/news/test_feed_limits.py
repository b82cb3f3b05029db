"""Long and hostile feeds: what the parser keeps, what it never does, and what it costs.

A feed longer than the panel shows is cut before feedparser reads it, and the
entries kept read exactly as feedparser reads them in the whole document.
Entities are never expanded beyond what feedparser itself allows, nothing
outside the document is read (no file, no network), and a hostile document
costs a bounded amount of work.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from station_app.news.feed_xml import MAX_TEXT_CHARACTERS, readable_feed
from station_app.news.feeds import MAX_ARTICLES, Article, FeedProblem, parse_feed

URL = "https://news.example/feed"
RSS1 = "http://purl.org/rss/1.0/"
ATOM = "http://www.w3.org/2005/Atom"


def articles(body: bytes, content_type: str = "") -> tuple[Article, ...]:
    parsed = parse_feed(body, "News", URL, content_type)
    assert not isinstance(parsed, FeedProblem), parsed
    return parsed


def raw_entries(body: bytes, content_type: str = "") -> list[Any]:
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    return list(parsed.entries)


def long_rss(items: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>N</title>'
    ]
    for n in range(items):
        parts.append(
            f"<item><title>Story {n} &amp; more</title><link>https://n.example/{n}?a=1&amp;b=2</link>"
            f"<description><![CDATA[<p>Text {n}</p>]]></description><dc:creator>Ann</dc:creator>"
            "</item><!-- between -->"
        )
    parts.append("<lastBuildDate>Tue, 24 Nov 2026 12:00:00 GMT</lastBuildDate></channel></rss>")
    return "".join(parts).encode()


def test_a_long_feed_reaches_feedparser_cut_after_the_last_entry_shown() -> None:
    body = long_rss(MAX_ARTICLES + 300)
    document = readable_feed(body, "application/rss+xml", max_entries=MAX_ARTICLES)
    assert document is not None and document.trimmed and not document.repaired
    assert document.body.count(b"<item>") == MAX_ARTICLES
    kept = raw_entries(document.body, document.content_type)
    assert kept == raw_entries(body, "application/rss+xml")[:MAX_ARTICLES]
    assert [a.title for a in articles(body)] == [f"Story {n} & more" for n in range(MAX_ARTICLES)]


def test_a_feed_no_longer_than_the_limit_is_not_cut() -> None:
    body = long_rss(MAX_ARTICLES)
    document = readable_feed(body, max_entries=MAX_ARTICLES)
    assert document is not None and not document.trimmed
    assert document.body is body


def test_a_long_broken_undeclared_latin1_feed_is_repaired_and_cut() -> None:
    item = (
        "<item><title>caf\xe9 cr\xe8me {n}</title><link>https://x.example/?a=1&b={n}</link></item>"
    )
    body = b"<rss><channel>" + b"".join(
        item.format(n=n).encode("latin-1") for n in range(5 * MAX_ARTICLES)
    )
    document = readable_feed(body, "text/xml", max_entries=MAX_ARTICLES)
    assert document is not None and document.trimmed and document.repaired
    assert document.body.count(b"<item>") == MAX_ARTICLES
    shown = articles(body, "text/xml")
    assert [a.title for a in shown] == [f"café crème {n}" for n in range(MAX_ARTICLES)]
    assert shown[7].link == "https://x.example/?a=1&b=7"


# Feeds of many shapes: each part is well-formed, and `surely` counts the entries
# feedparser reads whatever else the document holds.
_TEXTS = st.sampled_from(
    ["Plain", "Caf&#233; &amp; tea", "<![CDATA[a < b & c]]>", "&#X41;", "x<!-- note -->y", ""]
)


@st.composite
def shaped_feeds(draw: st.DrawFn) -> tuple[str, int]:
    shape = draw(st.sampled_from(["rss2", "rss1", "atom", "atom-prefixed", "rss2-upper"]))
    entries: list[str] = []
    surely = 0
    for n in range(draw(st.integers(0, 7))):
        text = draw(_TEXTS)
        extra = draw(
            st.sampled_from(
                [
                    "",
                    '<x:item xmlns:x="urn:other">inner</x:item>',  # not an entry to feedparser
                    "<description>&lt;b&gt;bold&lt;/b&gt;</description>",
                    '<category term="c"/>',
                ]
            )
        )
        if shape == "rss2":
            entries.append(f"<item><title>{text} {n}</title>{extra}<guid>g{n}</guid></item>")
        elif shape == "rss2-upper":
            entries.append(f"<Item><title>{text} {n}</title>{extra}</Item>")
        elif shape == "rss1":
            entries.append(f'<item rdf:about="u{n}"><title>{text} {n}</title>{extra}</item>')
        elif shape == "atom":
            entries.append(f"<entry><id>e{n}</id><title>{text} {n}</title>{extra}</entry>")
        else:
            entries.append(f"<a:entry><a:id>e{n}</a:id><a:title>{text} {n}</a:title></a:entry>")
        surely += 1
        between = draw(
            st.sampled_from(
                [
                    "",
                    "<!-- c -->",
                    "<?pi x?>",
                    '<x:item xmlns:x="urn:other"/>',
                    '<item xmlns="urn:unknown"><title>foreign</title></item>',
                ]
            )
        )
        entries.append(between)
    body = "".join(entries)
    tail = draw(st.sampled_from(["", "<title>Late channel title</title>"]))
    if shape in ("rss2", "rss2-upper"):
        text = f'<rss version="2.0"><channel><title>T</title>{body}{tail}</channel></rss>'
    elif shape == "rss1":
        text = (
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns="{RSS1}"><channel rdf:about="c"><title>T</title></channel>{body}</rdf:RDF>'
        )
    elif shape == "atom":
        text = f'<feed xmlns="{ATOM}"><title>T</title>{body}{tail}</feed>'
    else:
        text = f'<a:feed xmlns:a="{ATOM}"><a:title>T</a:title>{body}</a:feed>'
    declaration = draw(st.sampled_from(['<?xml version="1.0" encoding="utf-8"?>', ""]))
    return declaration + text, surely


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(feed=shaped_feeds(), limit=st.integers(1, 5), encoding=st.sampled_from(["utf-8", "latin-1"]))
def test_a_cut_feed_reads_as_the_first_entries_of_the_whole(
    feed: tuple[str, int], limit: int, encoding: str
) -> None:
    text, surely = feed
    body = text.encode(encoding)
    content_type = f"application/xml; charset={encoding}"
    whole = readable_feed(body, content_type)  # as sent, or repaired (&#X41; is not XML)
    document = readable_feed(body, content_type, max_entries=limit)
    assert whole is not None and document is not None
    assert document.trimmed == (surely > limit)
    assert document.repaired == whole.repaired
    cut = raw_entries(document.body, document.content_type)
    assert cut[:limit] == raw_entries(whole.body, whole.content_type)[:limit]


def feed_with(entry: str, head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="{ATOM}"><title>T</title>{head}'
        f"<entry><id>a</id><title>Before</title></entry>{entry}"
        "<entry><id>c</id><title>After</title></entry></feed>"
    ).encode()


OVERLONG = "\u00e9" * (MAX_TEXT_CHARACTERS + 5000)
SHAPES = {
    "plain text": f"<entry><id>b</id><title>Long</title><summary>{OVERLONG}</summary></entry>",
    "CDATA": (
        f"<entry><id>b</id><title>Long</title><summary><![CDATA[{OVERLONG}]]></summary></entry>"
    ),
    "text after markup": (
        '<entry><id>b</id><title>Long</title><content type="xhtml">'
        f'<div xmlns="http://www.w3.org/1999/xhtml"><b>bold</b>{OVERLONG}</div></content></entry>'
    ),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_an_overlong_text_is_cut_and_everything_else_kept(shape: str) -> None:
    body = feed_with(SHAPES[shape], head=f"<subtitle>{OVERLONG}</subtitle>")
    document = readable_feed(body, max_entries=MAX_ARTICLES)
    assert document is not None and document.shortened and not document.repaired
    whole, cut = raw_entries(body), raw_entries(document.body, document.content_type)
    assert [e.title for e in cut] == ["Before", "Long", "After"]
    assert cut[0] == whole[0] and cut[2] == whole[2]
    long_text = cut[1].content[0].value if shape == "text after markup" else cut[1].summary
    assert 0 < long_text.count("\u00e9") <= MAX_TEXT_CHARACTERS
    assert articles(body)[1].title == "Long"


def test_a_long_text_within_the_limit_reaches_feedparser_byte_for_byte() -> None:
    text = "\u00e9" * MAX_TEXT_CHARACTERS
    body = feed_with(f"<entry><id>b</id><title>Long</title><summary>{text}</summary></entry>")
    document = readable_feed(body, max_entries=MAX_ARTICLES)
    assert document is not None and not document.shortened
    assert document.body is body


def test_an_overlong_text_in_a_broken_feed_is_cut_after_the_repair() -> None:
    entry = f"<entry><id>b</id><title>Long&nbsp;read</title><summary>{OVERLONG}&hellip;</summary>"
    body = feed_with(entry + "</entry>")
    document = readable_feed(body, max_entries=MAX_ARTICLES)
    assert document is not None and document.shortened and document.repaired
    (_, entry, _) = raw_entries(document.body, document.content_type)
    assert entry.title == "Long\u00a0read"
    assert 0 < entry.summary.count("\u00e9") <= MAX_TEXT_CHARACTERS


# --- what a hostile document cannot make the parser do -------------------------------------

LAUGHS = '<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
)


def hostile(prolog: str, title: str, tail: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>\n{prolog}\n<rss version="2.0"><channel><title>t</title>'
        f"<item><title>{title}</title><link>https://x.example/a</link></item>"
        f"</channel>{tail}</rss>"
    ).encode()


def cpu_seconds(work: Any) -> float:
    started = time.thread_time()
    work()
    return time.thread_time() - started


@pytest.mark.parametrize("tail", ["", "<unclosed>"])
@pytest.mark.parametrize("layout", ["one per line", "all on one line"])
def test_nested_entities_are_never_expanded(layout: str, tail: str) -> None:
    declarations = LAUGHS.replace("><", ">\n<") if layout == "one per line" else LAUGHS
    body = hostile(f"<!DOCTYPE rss [\n{declarations}\n]>", "A &lol9; B", tail)
    document = readable_feed(body, max_entries=MAX_ARTICLES)
    assert document is not None and len(document.body) < 2 * len(body)
    found: list[tuple[Article, ...]] = []
    assert cpu_seconds(lambda: found.append(articles(body))) < 2
    # Shown as written, as feedparser shows it; never a billion "lol"s.
    assert [a.title for a in found[0]] == ["A &lol9; B"]


@pytest.mark.parametrize("tail", ["", "<unclosed>"])
def test_an_entity_repeated_to_a_gigabyte_is_not_expanded_that_far(tail: str) -> None:
    declaration = f'<!DOCTYPE rss [\n<!ENTITY big "{"x" * 100_000}">\n]>'
    body = hostile(declaration, "A " + "&big;" * 10_000 + " B", tail)  # 1 GB if expanded
    document = readable_feed(body, max_entries=MAX_ARTICLES)
    assert document is not None and len(document.body) <= len(body)
    (entry,) = raw_entries(document.body, document.content_type)
    assert "x" * 1000 not in entry.title
    found: list[tuple[Article, ...]] = []
    assert cpu_seconds(lambda: found.append(articles(body))) < 2
    assert [a.title[:12] for a in found[0]] == ["A &big;&big;"]


@pytest.mark.parametrize("tail", ["", "<unclosed>"])
@pytest.mark.parametrize("layout", ["\n", ""])
def test_external_entities_never_read_a_file(tail: str, layout: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-FILE-TEXT")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY fromdtd "PRIVATE-DTD-TEXT">')
    prologs = [
        f'<!DOCTYPE rss [{layout}<!ENTITY xxe SYSTEM "{secret.as_uri()}">{layout}]>',
        f'<!DOCTYPE rss SYSTEM "{dtd.as_uri()}">',
        f'<!DOCTYPE rss [{layout}<!ENTITY % p SYSTEM "{dtd.as_uri()}">{layout}%p;{layout}]>',
    ]
    for prolog in prologs:
        body = hostile(prolog, "A &xxe; &fromdtd; B", tail)
        document = readable_feed(body, max_entries=MAX_ARTICLES)
        assert document is None or b"PRIVATE" not in document.body
        for article in articles(body):
            shown = article.title + article.summary + article.content_html
            assert "PRIVATE" not in shown, prolog


@pytest.mark.parametrize("tail", ["", "<unclosed>"])
def test_nothing_in_a_feed_makes_the_parser_reach_the_network(
    tail: str, content_server: HTTPServer, base: str
) -> None:
    content_server.expect_request("/evil.dtd").respond_with_data(
        '<!ENTITY fromdtd "NETWORK-TEXT">', content_type="application/xml-dtd"
    )
    content_server.expect_request("/secret").respond_with_data("NETWORK-TEXT")
    xinclude = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{base}/secret"/>'
    cases = [
        (f'<!DOCTYPE rss SYSTEM "{base}/evil.dtd">', "A &fromdtd; B"),
        (f'<!DOCTYPE rss [\n<!ENTITY net SYSTEM "{base}/secret">\n]>', "A &net; B"),
        (f'<!DOCTYPE rss [<!ENTITY net SYSTEM "{base}/secret">]>', "A &net; B"),
        (f'<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "{base}/evil.dtd">\n%p;\n]>', "A &fromdtd; B"),
        ("", f"A {xinclude} B"),
    ]
    for prolog, title in cases:
        for article in articles(hostile(prolog, title, tail)):
            assert "NETWORK" not in article.title + article.summary + article.content_html
    assert content_server.log == []


MEGABYTES = 4 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "body", "budget"),
    [
        # Charset detection looks at a prefix: over all of it, this costs ten seconds.
        (
            "undeclared junk",
            b"<rss><channel><item><title>" + bytes(range(128, 256)) * (MEGABYTES // 128),
            3.0,
        ),
        # Only the entries shown are read: all of them cost four seconds.
        (
            "fifty thousand items",
            b"<rss><channel>"
            + b"<item><title>caf\xe9 cr\xe8me</title><link>https://x.example/?a=1&b=2</link></item>"
            * (MEGABYTES // 84),
            2.0,
        ),
    ],
)
def test_a_hostile_document_costs_bounded_work(name: str, body: bytes, budget: float) -> None:
    assert cpu_seconds(lambda: parse_feed(body, "News", URL, "text/xml")) < budget, name
