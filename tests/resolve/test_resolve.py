"""The resolve stage on mentions written for these tests: blocking, scoring, vetoes, constraints,
consolidation (UCDP best/low/high), corrections and the cluster metrics."""

from __future__ import annotations

import random
from datetime import date

import pytest

from sitroom.errors import ResolveError
from sitroom.model import DateRange, Evidence, Mention, Place, PlaceMention, Span
from sitroom.resolve import (
    LinkConstraints,
    mention_keys,
    merge_incidents,
    resolve_mentions,
    score_clusters,
    split_incident,
)

ASAD = Place("s:asad", "Al-Asad Airbase", "site", "IQ", "Anbar", 33.79, 42.44)
HIT = Place("t:hit", "Hit", "town", "IQ", "Anbar", 33.64, 42.83)
ERBIL = Place("t:erbil", "Erbil", "town", "IQ", "Erbil", 36.19, 44.01)
IRAQ = Place("c:iq", "Iraq", "country", "IQ", None, 33.0, 43.7)
TANF = Place("s:tanf", "Al-Tanf", "site", "SY", "Homs", 33.50, 38.66)


def strike(
    report: str,
    day: int,
    place: Place | None = ASAD,
    sub_type: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    trigger: int = 0,
    **fields: object,
) -> Mention:
    """A mention of report `report` on 2023-10-`day`, its trigger at offset `trigger`."""
    span = Span(report, trigger, trigger + 6, "struck")
    location = PlaceMention(Span(report, 40, 40 + len(place.name), place.name), place) if place else None
    return Mention(
        document_id=report,
        event_type=event_type,
        sub_event_type=sub_type,
        date=DateRange(date(2023, 10, day), date(2023, 10, day), "day"),
        location=location,
        evidence=(Evidence("sub_event_type", span),),
        **fields,  # type: ignore[arg-type]
    )


def groups(mentions: list[Mention], **kwargs: object) -> list[set[str]]:
    """The incidents as sets of their reports."""
    return [set(i.sources) for i in resolve_mentions(mentions, **kwargs)]  # type: ignore[arg-type]


def test_resolve_merges_one_strike_told_by_three_reports() -> None:
    mentions = [
        strike("a", 18, weapon=("drone",), target=("US forces",)),
        strike("b", 18, weapon=("drone",), target=("U.S. forces",), injuries=2),
        strike("c", 19, weapon=("drone",)),
    ]
    assert groups(mentions) == [{"a", "b", "c"}]


def test_resolve_keeps_apart_strikes_far_apart_on_one_day() -> None:
    mentions = [strike("a", 18, weapon=("drone",)), strike("b", 18, ERBIL, weapon=("drone",))]
    assert sorted(map(sorted, groups(mentions))) == [["a"], ["b"]]


def test_resolve_date_veto_blocks_chaining_through_a_vague_report() -> None:
    # c's week-long date overlaps both, but a and b are a week apart: no chain may join them.
    week = DateRange(date(2023, 10, 16), date(2023, 10, 22), "week")
    c = Mention("c", "Explosions/Remote violence", "Air/drone strike", date=week,
                location=PlaceMention(Span("c", 0, 4, "Asad"), ASAD), weapon=("drone",))  # fmt: skip
    mentions = [strike("a", 14, weapon=("drone",)), strike("b", 24, weapon=("drone",)), c]
    assert not any({"a", "b"} <= g for g in groups(mentions))


def test_resolve_different_event_families_never_merge() -> None:
    protest = strike("b", 18, sub_type="Peaceful protest", event_type="Protests")
    assert len(groups([strike("a", 18), protest])) == 2


def test_resolve_country_level_report_joins_the_strike_it_tells() -> None:
    a = strike("a", 18, weapon=("drone",), target=("US forces",))
    b = strike("b", 18, IRAQ, weapon=("drone",))
    assert groups([a, b]) == [{"a", "b"}]


def test_resolve_result_does_not_depend_on_input_order() -> None:
    mentions = [strike(r, 18 + i % 2, weapon=("drone",)) for i, r in enumerate("abcdef")]
    mentions += [strike(r, 18, ERBIL, weapon=("rocket",)) for r in "gh"]
    first = resolve_mentions(mentions)
    shuffled = mentions[:]
    random.Random(3).shuffle(shuffled)
    assert [i.id for i in resolve_mentions(shuffled)] == [i.id for i in first]


def test_resolve_cannot_link_splits_and_must_link_joins() -> None:
    a, b = strike("a", 18, weapon=("drone",)), strike("b", 18, weapon=("drone",))
    c = strike("c", 18, TANF)
    ka, kb, kc = mention_keys([a, b, c])
    assert len(groups([a, b, c], constraints=LinkConstraints.of(cannot_link=[(ka, kb)]))) == 3
    joined = groups([a, b, c], constraints=LinkConstraints.of(must_link=[(ka, kc)]))
    assert {"a", "b", "c"} in joined
    with pytest.raises(ResolveError):
        resolve_mentions([a, b], constraints=LinkConstraints.of(must_link=[(ka, kb)], cannot_link=[(ka, kb)]))


def test_resolve_consolidates_casualties_as_best_low_high() -> None:
    mentions = [
        strike("a", 18, fatalities=3, weapon=("drone",)),
        strike("b", 18, fatalities=5, weapon=("drone",)),
        strike("c", 18, fatalities=4, weapon=("drone",)),
        strike("d", 18, fatalities_min=2, weapon=("drone",)),
    ]
    (incident,) = resolve_mentions(mentions)
    assert (incident.fatalities.best, incident.fatalities.low, incident.fatalities.high) == (4, 2, 5)
    assert incident.fatalities.disagree()
    assert {v.document_id for v in incident.fatalities.values} == {"a", "b", "c"}
    assert [m.rule for m in incident.merges] == ["cross-report"] * 3


def test_resolve_best_place_is_the_most_precise_one() -> None:
    (incident,) = resolve_mentions(
        [strike("a", 18, IRAQ, weapon=("drone",)), strike("b", 18, weapon=("drone",))]
    )
    assert incident.location.best is not None and incident.location.best.place == ASAD


def test_resolve_type_is_one_voted_pair_refined_by_a_telling_that_gives_the_detail() -> None:
    from sitroom.resolve.consolidation import build_incident

    bomb, suicide = "Remote explosive/landmine/IED", "Suicide bomb"
    told = [strike("a", 18, sub_type=bomb), strike("b", 18, sub_type=bomb), strike("c", 18, sub_type=suicide)]
    refined = build_incident(["a@0", "b@0", "c@0"], told)
    assert (refined.event_type.best, refined.sub_event_type.best) == ("Explosions/Remote violence", suicide)
    assert [v.value for v in refined.sub_event_type.values] == [bomb, bomb, suicide]
    # No finer type among them: the vote stands ('Air/drone strike' is no refinement of a bombing).
    plain = build_incident(["a@0", "b@0", "c@0"], [*told[:2], strike("c", 18)])
    assert plain.sub_event_type.best == bomb
    # A tie between two event types keeps one telling's pair: never Battles with Air/drone strike.
    clash = strike("b", 18, sub_type="Armed clash", event_type="Battles")
    tied = build_incident(["a@0", "b@0"], [strike("a", 18), clash])
    assert (tied.event_type.best, tied.sub_event_type.best) in {
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Battles", "Armed clash"),
    }


def test_resolve_incident_ids_are_stable_hashes_of_mentions() -> None:
    mentions = [strike("a", 18), strike("b", 18)]
    assert resolve_mentions(mentions)[0].id == resolve_mentions(list(reversed(mentions)))[0].id
    assert resolve_mentions(mentions)[0].id.startswith("inc-")


def test_resolve_split_and_merge_return_constraints_that_reproduce_them() -> None:
    mentions = [strike("a", 18, weapon=("drone",)), strike("b", 18, weapon=("drone",))]
    (incident,) = resolve_mentions(mentions)
    correction = split_incident(incident, [[incident.mention_keys[0]]])
    assert len(correction.incidents) == 2
    assert len(resolve_mentions(mentions, constraints=correction.constraints)) == 2
    merged = merge_incidents(correction.incidents)
    again = correction.constraints.combined(merged.constraints)
    assert len(resolve_mentions(mentions, constraints=again)) == 1
    with pytest.raises(ResolveError):
        split_incident(incident, [["nope"]])


def test_score_clusters_pairwise_and_bcubed() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    perfect = score_clusters(gold, gold)
    assert (perfect.pairwise_precision, perfect.pairwise_recall, perfect.bcubed_f1) == (1.0, 1.0, 1.0)
    split = score_clusters({"a": "x", "b": "x", "c": "y", "d": "z"}, gold)
    assert split.pairwise_precision == 1.0 and split.pairwise_recall == pytest.approx(1 / 3)
    assert split.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    lumped = score_clusters({k: 0 for k in gold}, gold)
    assert lumped.pairwise_precision == pytest.approx(3 / 6) and lumped.pairwise_recall == 1.0


def test_resolve_vague_report_never_joins_two_distant_strikes() -> None:
    # a (Al-Asad) and b (Erbil) are 400 km apart and never compared; c names only the country and
    # matches both. Whichever c joins, a and b must stay apart.
    a = strike("a", 18, weapon=("drone",), target=("US forces",))
    b = strike("b", 18, ERBIL, weapon=("drone",), target=("US forces",))
    c = strike("c", 18, IRAQ, weapon=("drone",), target=("US forces",))
    assert not any({"a", "b"} <= g for g in groups([a, b, c]))


def test_resolve_dense_blocks_are_capped_but_keep_same_day_pairs() -> None:
    from sitroom.resolve import ResolveConfig

    # 60 country-level reports of one type over a week, two of them the same day with the same actor.
    crowd = [strike(f"r{n}", 16 + n % 7, IRAQ, attacker=(f"Brigade {n}",)) for n in range(60)]
    pair = [strike(x, 19, IRAQ, weapon=("rocket",), attacker=("Kataib Hezbollah",)) for x in ("p", "q")]
    found = groups(crowd + pair, config=ResolveConfig(max_block_comparisons=4))
    assert any({"p", "q"} <= g for g in found)


def test_resolve_type_refines_step_by_step_to_the_finest_telling() -> None:
    from sitroom.resolve.consolidation import build_incident

    # Three tell a peaceful protest, two an intervention, one excessive force: the intervention refines
    # the protest, and excessive force refines the intervention in turn.
    kinds = (
        ["Peaceful protest"] * 3 + ["Protest with intervention"] * 2 + ["Excessive force against protesters"]
    )
    told = [
        strike(name, 18, sub_type=kind, event_type="Protests")
        for name, kind in zip("abcdef", kinds, strict=True)
    ]
    refined = build_incident([f"{name}@0" for name in "abcdef"], told)
    assert (refined.event_type.best, refined.sub_event_type.best) == (
        "Protests",
        "Excessive force against protesters",
    )
