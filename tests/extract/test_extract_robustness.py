"""Odd input for the extractor (empty, no incidents, 5 MB, foreign, no dateline) and its invariants."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import DocumentError
from sitroom.extract import extract_incidents
from sitroom.model import WEAPONS, Document, Extraction

PUBLISHED = date(2024, 3, 5)

#: ACLED's event types and sub-event types (../shared/eval/README.md).
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}


def _extract(nlp, text: str) -> Extraction:  # type: ignore[no-untyped-def]
    return extract_incidents(Document(id="r", text=text, published=PUBLISHED), nlp)


def _check_invariants(result: Extraction) -> None:
    text = result.document.text
    for incident in result.incidents:
        assert incident.sub_event_type in ACLED[incident.event_type]
        assert set(incident.weapon) <= set(WEAPONS)
        assert incident.date is None or incident.date.start <= incident.date.end
        for value in (incident.fatalities, incident.fatalities_min, incident.injuries, incident.count):
            assert value is None or value >= 0
        for evidence in incident.evidence:
            assert text[evidence.span.start : evidence.span.end] == evidence.span.text
    for claim in result.claims:
        for evidence in claim.evidence:
            assert text[evidence.span.start : evidence.span.end] == evidence.span.text


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "...", "\u200b\u00a0"])
def test_extract_incidents_returns_nothing_for_empty_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    result = _extract(nlp, text)
    assert (result.incidents, result.claims) == ((), ())


def test_extract_incidents_returns_nothing_for_a_report_without_incidents(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The city council approved the library budget on Monday.\n"
        "Rain is expected over the weekend, and the river may rise by Thursday.\n"
        "The mayor said the new bridge will open in the spring."
    )
    result = _extract(nlp, text)
    assert (result.incidents, result.claims) == ((), ())


@pytest.mark.parametrize(
    "text",
    [
        "Des hommes armés ont tué deux villageois dimanche près de la frontière.",
        "قتل مسلحون اثنين من القرويين يوم الأحد قرب الحدود.",
        "武装分子周日在边境附近杀死了两名村民。",
        "Вооружённые люди убили двух жителей деревни в воскресенье.",
    ],
)
def test_extract_incidents_finds_nothing_in_non_english_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    result = _extract(nlp, text)
    assert result.incidents == ()
    _check_invariants(result)


def test_extract_incidents_reads_a_5_mb_text(nlp) -> None:  # type: ignore[no-untyped-def]
    filler = "The committee met again to discuss the budget for the new public library.\n"
    incident = "Gunmen killed two guards at the depot on Sunday, police said."
    text = filler * (5_000_000 // len(filler)) + incident
    assert len(text.encode("utf-8")) >= 5_000_000
    started = time.perf_counter()
    result = _extract(nlp, text)
    elapsed = time.perf_counter() - started
    assert [(i.sub_event_type, i.fatalities) for i in result.incidents] == [("Attack", 2)]
    _check_invariants(result)
    print(f"5 MB text extracted in {elapsed:.1f} s")  # a figure for the log, not an assertion


def test_extract_incidents_refuses_a_document_without_dateline_by_name(nlp) -> None:  # type: ignore[no-untyped-def]
    document = Document(id="d", text="Gunmen killed two guards.", source="reports/a.txt")
    with pytest.raises(DocumentError, match=r"reports/a\.txt: needs a dateline"):
        extract_incidents(document, nlp)


_WORDS = [
    "Gunmen", "rebels", "the army", "police", "killed", "wounded", "shot", "fired", "rockets", "at",
    "a", "two", "five", "at least", "no one", "was", "were", "injured", "dead", "on Sunday",
    "last week", "in", "Mosul", "the market", "drone", "strike", "intercepted", "missiles", "and",
    "said", ",", ".", "\n", "since October 3", "has risen to 12", "attacks", "not", "will", "may",
]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_WORDS), min_size=0, max_size=40))
def test_extract_incidents_invariants_hold_on_any_word_salad(nlp, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    _check_invariants(_extract(nlp, " ".join(words)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_extract_incidents_never_crashes_on_arbitrary_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    _check_invariants(_extract(nlp, text))
