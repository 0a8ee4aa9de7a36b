"""Raw bytes to text: empty, oversized, binary and non-UTF-8 inputs are caught here."""

from __future__ import annotations

import charset_normalizer

from sitroom.errors import DocumentError

#: How much of a file is inspected for binary content; 8 KB is what git and file(1) look at.
SNIFF_BYTES = 8192
#: Share of control characters above which bytes are not text (text files have tabs and newlines only;
#: 0.1 lets a few stray form feeds or escape codes through, as file(1) does).
MAX_CONTROL_SHARE = 0.1
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


def check_size(size: int, source: str, max_bytes: int) -> None:
    """Raise when an input is empty or larger than the size limit."""
    if size == 0:
        raise DocumentError(source, "empty", "empty file")
    if size > max_bytes:
        raise DocumentError(
            source,
            "too-large",
            f"{size:,} bytes is over the size limit of {max_bytes:,} (Settings.max_bytes)",
        )


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text: a NUL byte or many control characters near the start."""
    head = raw[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > MAX_CONTROL_SHARE * max(len(head), 1)


def decode_bytes(raw: bytes, source: str, max_bytes: int, declared: str | None = None) -> tuple[str, str]:
    """Decode an input, returning (text, encoding): UTF-8 first, then the declared or detected charset.

    >>> decode_bytes("The café owner, Saïd, was hurt.".encode("latin-1"), "x.txt", 100)[0]
    'The café owner, Saïd, was hurt.'
    """
    check_size(len(raw), source, max_bytes)
    if looks_binary(raw):
        raise DocumentError(source, "binary", "binary data, not text")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return raw.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        raise DocumentError(source, "undecodable", "not UTF-8 and no text encoding could be detected")
    best = matches[0]
    # Single-byte Latin code pages often tie (cp1250, cp1252, cp1257 read "café" alike and differ on
    # rarer letters); a tie goes to windows-1252, the legacy default of Western web text (the WHATWG
    # encoding standard reads even "latin-1" labels as windows-1252 for that reason).
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and match.encoding == "cp1252":
            best = match
    return str(best), best.encoding
