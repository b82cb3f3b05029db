"""Stream titles: bytes from the wire to clean text, repairing common mojibake."""

from __future__ import annotations

# Characters that UTF-8 lead bytes turn into when read as Latin-1 / Windows-1252.
_MOJIBAKE_MARKERS = ("Ã", "Â", "â€", "Å", "Ä", "Ð", "Ñ")


def decode_title(raw: bytes) -> str:
    """Decode an ICY title: UTF-8 when it is valid, else Latin-1 (Windows-1252)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return repair_mojibake(text)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as Latin-1 ("CafÃ©" -> "Café"); leave other text alone."""
    text = text.replace("\ufffd", "").strip()
    if not any(marker in text for marker in _MOJIBAKE_MARKERS):
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text:
            return repaired
    return text
