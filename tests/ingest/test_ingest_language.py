"""Language checks: reports in another language are skipped, short or mixed English texts are kept."""

from __future__ import annotations

import pytest

from sitroom.errors import DocumentError
from sitroom.ingest.language import check_language, detect_language

ENGLISH = (
    "Militants fired two rockets at a base near the airport on Sunday evening, officials said. "
    "One rocket was intercepted and the other landed in an empty field. No injuries were reported, "
    "and the base resumed normal operations within hours."
)
ENGLISH_WITH_NAMES = (
    "Kataib Hezbollah and Harakat al-Nujaba claimed the attack on Ain al-Asad in Anbar, while the "
    "Islamic Resistance in Iraq said on Telegram that its fighters had targeted al-Harir and Rmelan. "
    "Abu Fadak al-Mohammedawi was not named in the statement, officials in Baghdad said on Monday."
)
SPANISH = (
    "Varios drones atacaron el domingo una base militar cerca del aeropuerto, según informaron las "
    "autoridades. Uno de los aparatos fue derribado y el otro cayó en un campo vacío. No se registraron "
    "heridos y la base reanudó sus operaciones pocas horas después del ataque."
)


def test_check_language_keeps_english() -> None:
    assert check_language(ENGLISH, "a.txt", "en") == "en"


def test_check_language_keeps_english_full_of_arabic_names() -> None:
    assert check_language(ENGLISH_WITH_NAMES, "a.txt", "en") in {"en", None}


def test_check_language_skips_spanish_with_reason() -> None:
    with pytest.raises(DocumentError) as caught:
        check_language(SPANISH, "informe.txt", "en")
    assert caught.value.reason == "not-english"
    assert "informe.txt" in str(caught.value) and "'es'" in str(caught.value)


def test_check_language_does_not_judge_short_texts() -> None:
    assert check_language("Drones atacaron la base.", "a.txt", "en") is None


def test_detect_language_returns_probability() -> None:
    language, probability = detect_language(SPANISH)
    assert language == "es" and 0.9 <= probability <= 1.0
