"""Odd input never crashes the geocoder: empty text, huge lists of names, mixed scripts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.geocode import Geocoder


def test_geocoder_empty_and_blank_text_give_no_places(geocoder: Geocoder) -> None:
    assert geocoder.find_places("") == []
    assert geocoder.find_places("   \n\t ") == []


def test_geocoder_one_megabyte_of_place_names_with_given_entities(geocoder: Geocoder) -> None:
    text = "Iraq, Syria, Gulf of Aden and Bab el-Mandeb. " * 23_000
    assert len(text) > 1_000_000
    mentions = geocoder.find_places(text, entities=[])
    assert len(mentions) == 4 * 23_000
    assert {m.place.kind for m in mentions if m.place} == {"country", "sea"}


def test_geocoder_mixed_scripts_find_the_latin_names(geocoder: Geocoder) -> None:
    text = "قصف في بغداد. Shelling hit Mosul, Iraq. Обстрел Мосула. 摩苏尔遭到炮击。"
    mentions = geocoder.find_places(text)
    assert any(m.span.text == "Iraq" and m.place is not None for m in mentions)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_geocoder_any_text_gives_spans_inside_the_text(geocoder: Geocoder, text: str) -> None:
    for mention in geocoder.find_places(text, entities=[]):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.span.text


def test_geocoder_one_megabyte_list_of_towns_the_model_never_saw(geocoder: Geocoder) -> None:
    # Lists make contextual recognition propagate from one item to the next, pass after pass.
    text = "Floods in Mombasa, Kilifi, Kwale, Łódź, Toruń and Kisumu; Zürich and São Paulo too. " * 12_500
    assert len(text) > 1_000_000
    mentions = geocoder.find_places(text, entities=[])
    assert {m.span.text for m in mentions} >= {"Mombasa", "Kilifi", "Kwale", "Toruń", "Kisumu", "São Paulo"}
    assert all(text[m.span.start : m.span.end] == m.span.text for m in mentions)


_WORDS = ["in", "near", "Kilifi", ",", "and", "US$", "$", "Dr", "Lima", "district", "Łódź", "\n", "Red", "Sea",
          "the", "of", "virus", "Daily", "China", "Springfield", "Ill.", "N.J.", "coast", "Indian", "Ocean", "-",
          "Syria-Iraq", "Мосул", "بغداد", "Singh", "USS", "Carney", "Province", "J.", "'s", "St."]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from([" ", "", ", "]))
def test_geocoder_word_salad_of_names_and_cues_keeps_spans_valid(
    geocoder: Geocoder, words: list[str], joiner: str
) -> None:
    text = joiner.join(words)
    for mention in geocoder.find_places(text, entities=[]):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.span.text
