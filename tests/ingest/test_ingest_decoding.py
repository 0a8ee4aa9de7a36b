"""Bytes to text: empty, oversized, binary and non-UTF-8 inputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.errors import DocumentError
from sitroom.ingest.decoding import decode_bytes, looks_binary

REPORT = "The café owner, Saïd, said the blast near the port shook windows across the old town on Sunday."


def test_decode_bytes_reads_utf8_and_strips_bom() -> None:
    text, encoding = decode_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"), "a.txt", 10_000)
    assert (text, encoding) == (REPORT, "utf-8")


def test_decode_bytes_detects_latin1() -> None:
    text, encoding = decode_bytes(REPORT.encode("latin-1"), "a.txt", 10_000)
    assert text == REPORT
    assert encoding == "cp1252"


def test_decode_bytes_uses_declared_charset() -> None:
    text, _ = decode_bytes("Взрыв у базы".encode("cp1251"), "a.txt", 10_000, declared="cp1251")
    assert text == "Взрыв у базы"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"), (b"x" * 101, "too-large")],
)
def test_decode_bytes_rejects_with_reason_and_source(raw: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        decode_bytes(raw, "reports/odd.dat", 100)
    assert caught.value.reason == reason
    assert "reports/odd.dat" in str(caught.value)


def test_looks_binary_accepts_text_with_tabs_and_escapes() -> None:
    assert not looks_binary(b"col\tvalue\r\nnext line \x1b[1mbold\x1b[0m\n")
    assert looks_binary(bytes(range(1, 32)) * 10)


@given(st.binary(max_size=2000))
def test_decode_bytes_never_crashes_on_arbitrary_bytes(raw: bytes) -> None:
    try:
        text, encoding = decode_bytes(raw, "fuzz.bin", 1000)
    except DocumentError as exc:
        assert exc.reason in {"empty", "binary", "too-large", "undecodable"}
    else:
        assert isinstance(text, str) and encoding
