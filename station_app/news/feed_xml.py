"""Feed bytes → a document feedparser reads with its strict parser: as sent, or repaired.

feedparser falls back to a regex-based loose parser for XML that is not
well-formed; on a few megabytes of hostile bytes that parser burns seconds and
holds the GIL for hundreds of milliseconds at a time. So each document is
first decoded exactly as feedparser decodes it (byte-order mark, XML
declaration, the HTTP charset, then detection) and checked with lxml's strict
parser. A document that parses goes to feedparser as it came, byte for byte.
Only one that does not is repaired, and the repair keeps what the text means:
references XML cannot take become references to the same characters, stray
ampersands (in query strings) are escaped, an unfinished tag at the very end
is cut, stray pieces of a DOCTYPE before the root are dropped, and lxml's
recovering parser closes what is still open. lxml never expands entities,
reads a DTD or touches the network.

A document with more entries than are shown is cut before the first entry
past the limit: feedparser would build (and Python then free) a dict for
every one of tens of thousands of items, holding the GIL for tens of
milliseconds at a time. The kept entries are the very bytes feedparser itself
would read (the document as it decodes it), and a document is cut only if
feedparser's own parser, expat, reads all of it: otherwise feedparser would
read it with its loose parser, and so must it still.

A text longer than any story (a title or body of megabytes) is cut to
MAX_TEXT_CHARACTERS: feedparser maps each element's whole text through
str.translate in one call, which on two megabytes of accented letters holds
the GIL for 150 ms.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml import etree

# chardet runs over the whole document and is pure Python (about 2 s per
# megabyte of junk); it decides on far less than this for any real feed.
DETECTION_BYTES = 64 * 1024
PIECE_BYTES = 64 * 1024
MAX_TEXT_CHARACTERS = 200_000  # a long read is a few tens of thousands

# An ampersand that starts no reference at all: a query string's separator, say.
_BARE_AMPERSAND = re.compile(rb"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_:][-\w.:]*);)")
# References that are well-formed syntax but unknown to XML without a DTD.
_FOREIGN_REFERENCE = re.compile(
    rb"&(?!(?:amp|lt|gt|quot|apos);)(#X[0-9a-fA-F]+|[A-Za-z_:][-\w.:]*);"
)
_NOT_XML_CHARACTER = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_DECLARED_ENTITY = re.compile(rb"<!ENTITY\s+([A-Za-z_:][-\w.:]*)")
_PREFIXED_NAME = re.compile(rb"[<\s/]([A-Za-z_][-\w.]*):[A-Za-z_]")
_DECLARED_PREFIX = re.compile(rb"xmlns:([A-Za-z_][-\w.]*)\s*=")
_ROOT_START = re.compile(rb"<[A-Za-z_][-\w.:]*")
_FIRST_ELEMENT = re.compile(rb"<\w")  # where feedparser, too, takes the prolog to end
_PROLOG_MARKUP = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL)
MAX_INVENTED_PREFIXES = 50
_UTF8 = "application/xml; charset=utf-8"
_ENTRY_NAMES = frozenset({"item", "entry"})  # feedparser lower-cases element names
_ENTRY_TAGS = (b"<item", b"<entry", b":item", b":entry")  # in lower-cased bytes
_NAME_PARTS = "\x01"  # cannot occur in XML 1.0 text, so never inside a namespace name


@dataclass(frozen=True)
class FeedDocument:
    """The bytes to give feedparser and the Content-Type to tell it they came with."""

    body: bytes
    content_type: str
    repaired: bool = False
    trimmed: bool = False  # entries past the limit were cut off
    shortened: bool = False  # texts longer than MAX_TEXT_CHARACTERS were cut


def _xml_parser(recover: bool) -> etree.XMLParser:
    from lxml import etree

    # A new parser per call because lxml parsers must not be shared between threads.
    # Recovery drops comments and processing instructions: they carry nothing a
    # feed shows, and a broken one ("--" inside, a second XML declaration) would
    # survive into the output.
    return etree.XMLParser(
        recover=recover,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=recover,
        remove_pis=recover,
    )


def _detect_from_prefix(data: bytes) -> str:
    from feedparser import encodings

    # The detector feedparser itself chose (chardet, or cchardet where installed).
    encoding: str | None = encodings.chardet.detect(data[:DETECTION_BYTES])["encoding"]
    return encoding or ""


def _as_utf8(body: bytes, content_type: str) -> tuple[bytes, bool]:
    """The document as feedparser's strict parser would receive it: UTF-8, DOCTYPE made safe.

    The flag is False when feedparser finds no encoding that decodes it (it
    then reads the bytes with its loose parser).
    """
    from feedparser import encodings, sanitizer

    # feedparser looks this name up at each call; detection on a prefix keeps a
    # hostile undeclared document from costing tens of seconds.
    if getattr(encodings, "lazy_chardet_encoding", None) is not None:
        encodings.lazy_chardet_encoding = _detect_from_prefix
    headers = {"content-type": content_type} if content_type else {}
    result: dict[str, Any] = {}
    data: bytes = encodings.convert_to_utf8(headers, body, result)
    _version, data, _entities = sanitizer.replace_doctype(data)
    return data, bool(result.get("encoding"))


def _tree(data: bytes) -> etree._Element | None:
    """The document's root element, or None when it is not well-formed."""
    from lxml import etree

    try:
        return etree.fromstring(data, _xml_parser(recover=False))
    except etree.XMLSyntaxError:
        return None


def _parses(data: bytes) -> bool:
    return _tree(data) is not None


def _protected_spans(data: bytes) -> list[tuple[int, int]]:
    """Where CDATA sections and comments are: their text is literal, never escaped."""
    spans: list[tuple[int, int]] = []
    unclosed: set[bytes] = set()  # once an end is missing, it is missing for every later start
    position = 0
    while True:
        cdata, comment = data.find(b"<![CDATA[", position), data.find(b"<!--", position)
        starts = [(s, opener) for s, opener in ((cdata, b"]]>"), (comment, b"-->")) if s >= 0]
        starts = [(s, closer) for s, closer in starts if closer not in unclosed]
        if not starts:
            return spans
        start, closer = min(starts)
        end = data.find(closer, start + 4)
        if end < 0:
            unclosed.add(closer)
            position = start + 1
            continue
        spans.append((start, end + len(closer)))
        position = end + len(closer)


def _named_reference(declared: frozenset[bytes]) -> Any:
    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name.startswith(b"#X"):
            return b"&#x" + name[2:] + b";"
        if name in declared:
            return match.group(0)
        characters = html.entities.html5.get(name.decode("ascii", "replace") + ";")
        if characters is None:
            return b"&amp;" + name + b";"  # shown as written, as feedparser shows it
        return b"".join(b"&#%d;" % ord(c) for c in characters)

    return replace


def _character_boundary(data: bytes, position: int) -> int:
    while position > 0 and 0x80 <= data[position] < 0xC0:  # inside a UTF-8 sequence
        position -= 1
    return position


def _pieces(data: bytes) -> Iterator[bytes]:
    """`data` in pieces of about PIECE_BYTES, each cut just before a `&` or a `<`.

    No reference and no element name crosses such a cut, so each piece can be
    mended on its own; and each regular-expression pass stays short, so this
    worker never holds the GIL for long (the UI thread needs it every few ms).
    """
    start = 0
    while len(data) - start > PIECE_BYTES:
        mark = start + PIECE_BYTES
        cuts = [data.find(mark_byte, mark, mark + PIECE_BYTES) for mark_byte in (b"&", b"<")]
        cut = min((c for c in cuts if c >= 0), default=_character_boundary(data, mark))
        yield data[start:cut]
        start = cut
    yield data[start:]


def _mend_references(text: bytes, declared: frozenset[bytes]) -> Iterator[bytes]:
    replace = _named_reference(declared)
    for piece in _pieces(text):
        piece = _BARE_AMPERSAND.sub(b"&amp;", piece)
        yield _NOT_XML_CHARACTER.sub(b"", _FOREIGN_REFERENCE.sub(replace, piece))


def _prolog_cleaned(data: bytes) -> bytes:
    """`data` with nothing before its root element but declarations, comments and PIs.

    feedparser drops a DOCTYPE's unsafe declarations line by line; from one
    written on a single line it leaves pieces behind ("<!ENTITY …>", "]>")
    that no XML parser accepts before the root, and that carry nothing.
    """
    first = _FIRST_ELEMENT.search(data)
    if first is None:
        return data
    head = data[: first.start()]
    kept: list[bytes] = []
    for markup in _PROLOG_MARKUP.finditer(head):
        part = markup.group(0)
        if part.startswith(b"<!DOCTYPE") and any(k.startswith(b"<!DOCTYPE") for k in kept):
            continue  # only one is allowed
        kept.append(part)
    if b"".join(kept) == head.strip():
        return data
    return b"\n".join(kept) + b"\n" + data[first.start() :]


def _mended(data: bytes) -> bytes:
    """`data` with references XML can read, meaning the same characters; markup untouched."""
    declared = frozenset(_DECLARED_ENTITY.findall(data[: data.find(b"]>") + 1]))
    pieces: list[bytes] = []
    position = 0
    for start, end in _protected_spans(data):
        pieces.extend(_mend_references(data[position:start], declared))
        pieces.extend(_NOT_XML_CHARACTER.sub(b"", p) for p in _pieces(data[start:end]))
        position = end
    pieces.extend(_mend_references(data[position:], declared))
    mended = b"".join(pieces)
    # A document cut off inside a tag ("<title><![CD") loses the unfinished tag,
    # which recovery would otherwise turn into invented text.
    last_open = mended.rfind(b"<")
    if last_open >= 0 and mended.find(b">", last_open) < 0:
        mended = mended[:last_open]
    return mended


def _with_prefixes_declared(data: bytes) -> bytes:
    """Declares on the root the namespace prefixes a feed uses without declaring them.

    Feeds often write `media:` or `dc:` without the declaration. feedparser
    knows those elements by their prefix, so any address will do; declaring
    one that is never used is harmless.
    """
    used: set[bytes] = set()
    declared = {b"xml", b"xmlns"}
    for piece in _pieces(data):
        used.update(_PREFIXED_NAME.findall(piece))
        declared.update(_DECLARED_PREFIX.findall(piece))
    used -= declared
    root = None
    for start in _ROOT_START.finditer(data):
        root = start
        break
    if not used or root is None:
        return data
    declarations = b"".join(
        b' xmlns:%s="urn:x-undeclared:%s"' % (prefix, prefix)
        for prefix in sorted(used)[:MAX_INVENTED_PREFIXES]
    )
    return data[: root.end()] + declarations + data[root.end() :]


def _recovered(data: bytes) -> bytes | None:
    from lxml import etree

    try:
        root = etree.fromstring(data, _xml_parser(recover=True))
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    return etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True)


@cache
def _entry_namespaces() -> frozenset[str]:
    """The namespaces (lower case) in which feedparser reads an <item> or <entry> as an entry."""
    from feedparser.mixin import _FeedParserMixin

    namespaces = _FeedParserMixin.namespaces.items()
    return frozenset(uri.lower() for uri, prefix in namespaces if not prefix)


def _is_entry(uri: str, local_name: str) -> bool:
    """An element feedparser surely makes an entry (one it may also make is not counted)."""
    if local_name.lower() not in _ENTRY_NAMES:
        return False
    uri = uri.lower()
    return uri in _entry_namespaces() or "backend.userland.com/rss" in uri


class _EntryCut:
    """Finds where the entry after the first `max_entries` starts, parsing as feedparser does.

    Counts the entries that have no entry-like ancestor; nested ones are only
    ever kept whole with the entry around them.
    """

    def __init__(self, max_entries: int) -> None:
        from xml.parsers import expat

        self._max_entries = max_entries
        self._entries = 0
        self._entry_depth = 0  # how many <item>/<entry> elements (any namespace) are open
        self._open: list[tuple[str, bool]] = []  # (name as written, entry-like) of open elements
        self.cut: tuple[int, bytes] | None = None  # byte offset, end tags that close the rest
        # The settings of the SAX reader feedparser uses (xml.sax.expatreader).
        parser = expat.ParserCreate(None, _NAME_PARTS)
        parser.namespace_prefixes = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE)
        parser.ExternalEntityRefHandler = lambda *_reference: 1  # never read
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        self._parser = parser

    def _start(self, name: str, _attributes: object) -> None:
        if self.cut is not None:
            return
        parts = name.split(_NAME_PARTS)  # [namespace, local name[, prefix]] or [name]
        uri, local = ("", name) if len(parts) == 1 else (parts[0], parts[1])
        written = f"{parts[2]}:{local}" if len(parts) == 3 else local
        entry_like = local.lower() in _ENTRY_NAMES
        if self._entry_depth == 0 and _is_entry(uri, local):
            self._entries += 1
            if self._entries > self._max_entries:
                end_tags = "".join(f"</{open_name}>" for open_name, _ in reversed(self._open))
                self.cut = (self._parser.CurrentByteIndex, end_tags.encode("utf-8"))
                return
        self._open.append((written, entry_like))
        self._entry_depth += entry_like

    def _end(self, _name: str) -> None:
        if self.cut is None:
            _written, entry_like = self._open.pop()
            self._entry_depth -= entry_like

    def read(self, data: bytes) -> bool:
        """Parses all of `data`, in pieces that each hold the GIL briefly; False if expat fails."""
        from xml.parsers import expat

        try:
            for start in range(0, len(data), PIECE_BYTES):
                self._parser.Parse(data[start : start + PIECE_BYTES], False)
                if self.cut is not None and self._parser.StartElementHandler is not None:
                    self._parser.StartElementHandler = None  # the rest is only checked
                    self._parser.EndElementHandler = None
            self._parser.Parse(b"", True)
        except expat.ExpatError:
            return False
        return True


def _may_have_more_entries(data: bytes, max_entries: int) -> bool:
    """False when `data` surely has no more than `max_entries` entries: the usual, cheap answer."""
    lowered = data.lower()
    return sum(lowered.count(tag) for tag in _ENTRY_TAGS) > max_entries


def _trimmed(data: bytes, max_entries: int) -> bytes | None:
    """`data` (UTF-8) ending before its entry past `max_entries`, or None to keep it whole.

    None when it has no more entries, and when expat would not read all of it.
    """
    finder = _EntryCut(max_entries)
    if not finder.read(data) or finder.cut is None:
        return None
    offset, end_tags = finder.cut
    trimmed = data[:offset] + end_tags
    return trimmed if _parses(trimmed) else None


def _long_texts_cut(data: bytes, root: etree._Element | None) -> bytes | None:
    """`data` (UTF-8, well-formed; `root` its tree if already parsed) with its overlong
    texts cut, or None when it has none."""
    if len(data) <= MAX_TEXT_CHARACTERS:  # the usual, cheap answer
        return None
    from lxml import etree

    if root is None:
        root = _tree(data)
    if root is None:
        return None
    # CDATA sections are text here too (the parser merges them), and XPath
    # counts characters in C; lxml releases the GIL while it parses.
    overlong = root.xpath(f"//text()[string-length() > {MAX_TEXT_CHARACTERS}]")
    if not isinstance(overlong, list) or not overlong:
        return None
    for text in overlong:
        if not isinstance(text, etree._ElementUnicodeResult):
            continue
        parent = text.getparent()
        if parent is None:
            continue
        if text.is_tail:
            parent.tail = (parent.tail or "")[:MAX_TEXT_CHARACTERS]
        else:
            parent.text = (parent.text or "")[:MAX_TEXT_CHARACTERS]
    return etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True)


def readable_feed(
    body: bytes, content_type: str = "", max_entries: int | None = None
) -> FeedDocument | None:
    """`body` ready for feedparser's strict parser, or None when it holds no XML at all.

    `content_type` is the HTTP Content-Type header, whose charset counts when
    the document declares none (as feedparser has it, after RFC 3023). With
    `max_entries`, feedparser gets no entries past that many (see above).
    """
    data, decoded = _as_utf8(body, content_type)
    if b"<" not in data[:4096]:
        return None
    repaired = False
    root = _tree(data)  # parsed once: the check for long texts reads the same tree
    if root is None:
        repaired = True
        data = _with_prefixes_declared(_mended(_prolog_cleaned(data)))
        root = _tree(data)
        if root is None:
            recovered = _recovered(data)
            if recovered is None:
                return None
            data = recovered
    elif not decoded:  # feedparser reads it with its loose parser: it gets it as sent
        return FeedDocument(body, content_type)
    trimmed = None
    if max_entries is not None and _may_have_more_entries(data, max_entries):
        root = None  # no tree held while expat reads the document again
        trimmed = _trimmed(data, max_entries)
    if trimmed is not None:
        data = trimmed
    shortened = _long_texts_cut(data, root)
    if shortened is not None:
        data = shortened
    if not (repaired or trimmed or shortened):
        return FeedDocument(body, content_type)
    return FeedDocument(
        data,
        _UTF8,
        repaired=repaired,
        trimmed=trimmed is not None,
        shortened=shortened is not None,
    )
