"""Decoding HTML bytes to text: BOM, HTTP charset, meta, UTF-8, detection, fallback (pure)."""

from __future__ import annotations

import pytest

from worker.fetch.decode import decode_html

FRENCH = (
    "<p>Café déjà vu: a naïve façade, a crème brûlée and a résumé, très élégant. "
    "Les élèves étudient à l'école près de la forêt; où est le château?</p>"
)
RUSSIAN = "<p>Привет! Это тестовая страница на русском языке, без объявления кодировки, для проверки.</p>"


@pytest.mark.parametrize(
    ("body", "content_type", "text", "charset", "method"),
    [
        (FRENCH.encode("utf-8"), "text/html; charset=UTF-8", FRENCH, "utf-8", "http-header"),
        (FRENCH.encode("utf-8-sig"), "text/html; charset=iso-8859-1", FRENCH, "utf-8", "bom"),
        (FRENCH.encode("utf-16-be"), "text/html; charset=utf-16be", FRENCH, "utf-16-be", "http-header"),
        ("\ufeff".encode("utf-16-le") + FRENCH.encode("utf-16-le"), "text/html", FRENCH, "utf-16-le", "bom"),
        (('<meta charset="windows-1252">' + FRENCH).encode("cp1252"), "text/html", None, "cp1252", "meta"),
        (
            ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">' + RUSSIAN).encode(
                "koi8-r"
            ),
            "",
            None,
            "koi8-r",
            "meta",
        ),
        (FRENCH.encode("latin-1"), "text/html; charset=utf-8", FRENCH, "cp1252", "detected"),
        (FRENCH.encode("latin-1"), "text/html", FRENCH, "cp1252", "detected"),  # not ISO-8859-1 by default
        (FRENCH.encode("utf-8"), "text/html", FRENCH, "utf-8", "utf-8"),  # requests would say ISO-8859-1
        (RUSSIAN.encode("cp1251"), "text/html", RUSSIAN, "cp1251", "detected"),
        (b"<p>caf\xe9</p>", "text/html", "<p>caf\u00e9</p>", "cp1252", "fallback"),
        (b"", "text/html", "", "utf-8", "utf-8"),
    ],
)
def test_cascade(body: bytes, content_type: str, text: str | None, charset: str, method: str) -> None:
    decoded = decode_html(body, content_type)
    assert (decoded.charset, decoded.method) == (charset, method)
    if text is not None:
        assert decoded.text == text
    else:
        assert "très élégant" in decoded.text or "Привет" in decoded.text


def test_unknown_declared_charset_is_skipped() -> None:
    decoded = decode_html(FRENCH.encode("utf-8"), "text/html; charset=x-no-such-thing")
    assert (decoded.text, decoded.method) == (FRENCH, "utf-8")


def test_multibyte_sequence_cut_by_the_size_cap_keeps_the_declared_charset() -> None:
    cut = FRENCH.encode("utf-8")[:-1] + "é".encode()[:1]
    decoded = decode_html(cut, "text/html; charset=utf-8")
    assert decoded.method == "http-header"
    assert decoded.text.startswith("<p>Café")
