"""The incident half of the Store on real SQLite and PostgreSQL: mentions, incidents, filters, tallies,
claims, human edits that survive re-resolving, merges and splits."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.documents import document_id
from sitroom.errors import ConfigError, ResolveError
from sitroom.model import Claim, DateRange, Document, Evidence, Mention, Place, PlaceMention, Span
from sitroom.pipeline import open_store, resolve_stored
from sitroom.resolve import mention_keys
from sitroom.store import ExtractionRecord, IncidentFilter, IncidentRecord, Store, StoredMention

ERBIL = Place("t:erbil", "Erbil", "town", "IQ", "Erbil", 36.19, 44.01)
ASAD = Place("s:asad", "Al-Asad Airbase", "site", "IQ", "Anbar", 33.79, 42.44)
TANF = Place("s:tanf", "Al-Tanf garrison", "site", "SY", "Homs", 33.50, 38.66)

TEXTS = {
    "wire": "Two drones attacked Al-Asad Airbase on Wednesday. A rocket hit a base near Erbil on Friday.",
    "daily": "Drones struck Al-Asad Airbase in western Iraq on Wednesday, wounding two soldiers.",
    "gazette": "A drone hit the Al-Tanf garrison in Syria on Thursday. Officials say 12 attacks since 17 October.",
}


def doc(name: str) -> Document:
    text = TEXTS[name]
    return Document(
        id=document_id(text), text=text, title=name, published=date(2023, 10, 20), aliases=(name,)
    )


def span(name: str, phrase: str) -> Span:
    text = TEXTS[name]
    start = text.index(phrase)
    return Span(doc(name).id, start, start + len(phrase), phrase)


def mention(
    name: str, trigger: str, sub_type: str, day: int, place: Place, where: str, **fields: object
) -> Mention:
    event_type = "Explosions/Remote violence"
    evidence = (Evidence("sub_event_type", span(name, trigger)), Evidence("location", span(name, where)))
    return Mention(
        document_id=doc(name).id,
        event_type=event_type,
        sub_event_type=sub_type,
        date=DateRange(date(2023, 10, day), date(2023, 10, day), "day"),
        location=PlaceMention(span(name, where), place),
        evidence=evidence,
        confidence=0.6,
        **fields,  # type: ignore[arg-type]
    )


def extraction(name: str, mentions: list[Mention], claims: tuple[Claim, ...] = ()) -> ExtractionRecord:
    keyed = tuple(StoredMention(k, m) for k, m in zip(mention_keys(mentions), mentions, strict=True))
    return ExtractionRecord(doc(name).id, keyed, claims, "test")


def fill(store: Store) -> None:
    """Three reports: one drone strike on Al-Asad told twice, a rocket at Erbil, a drone at Al-Tanf."""
    store.add_documents([doc(n) for n in TEXTS])
    claim = Claim(
        doc("gazette").id,
        12,
        "attacks",
        subject="attacks on US forces in Iraq and Syria",
        since=date(2023, 10, 17),
        as_of=date(2023, 10, 20),
        attributed_to="Officials",
        evidence=(Evidence("quantity", span("gazette", "12 attacks")),),
    )
    store.save_extractions(
        [
            extraction(
                "wire",
                [
                    mention("wire", "attacked", "Air/drone strike", 18, ASAD, "Al-Asad Airbase",
                            weapon=("drone",), count=2, attacker=("Islamic Resistance in Iraq",)),
                    mention("wire", "hit", "Shelling/artillery/missile attack", 20, ERBIL, "Erbil",
                            weapon=("rocket",)),
                ],
            ),
            extraction(
                "daily",
                [mention("daily", "struck", "Air/drone strike", 18, ASAD, "Al-Asad Airbase",
                         weapon=("drone",), injuries=2, target=("US forces",))],
            ),
            extraction(
                "gazette",
                [mention("gazette", "hit", "Air/drone strike", 19, TANF, "Al-Tanf garrison",
                         weapon=("drone",))],
                (claim,),
            ),
        ]
    )  # fmt: skip
    resolve_all(store)


def resolve_all(store: Store) -> None:
    generation = store.mentions_generation()
    store.replace_incidents(resolve_stored(store.load_mentions(), store.link_constraints()), generation)


@pytest.fixture
def store(store_db: str):  # type: ignore[no-untyped-def]
    with open_store(store_db) as opened:
        fill(opened)
        yield opened


def asad(store: Store, country: str = "IQ") -> str:
    (found,) = store.list_incidents(
        IncidentFilter(types=("Air/drone strike",), countries=(country,), until=date(2023, 10, 18))
    )
    return found.id


def test_store_incidents_merge_one_event_across_reports(store: Store) -> None:
    found = store.list_incidents()
    assert len(found) == 3
    strike = store.get_incident(asad(store))
    assert strike is not None
    assert {s.title for s in strike.sources} == {"wire", "daily"}
    assert strike.incident.injuries.best == 2 and strike.incident.count == 2
    assert strike.incident.target == ("US forces",)
    assert [m.rule for m in strike.merges] == ["cross-report"]
    assert {e.field for e in strike.evidence} == {"sub_event_type", "location"}
    assert all(TEXTS[s.title][e.start : e.end] == e.text  # type: ignore[index]
               for e in strike.evidence for s in strike.sources if s.id == e.document_id)  # fmt: skip


def test_store_incidents_are_no_longer_stale_after_resolving(store: Store) -> None:
    assert not store.incidents_stale()
    assert store.documents_to_extract(version="test") == []
    assert len(store.documents_to_extract(version="other")) == 3


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (IncidentFilter(), 3),
        (IncidentFilter(since=date(2023, 10, 19)), 2),
        (IncidentFilter(until=date(2023, 10, 18)), 1),
        (IncidentFilter(countries=("sy",)), 1),
        (IncidentFilter(types=("Explosions/Remote violence",)), 3),
        (IncidentFilter(types=("Shelling/artillery/missile attack",)), 1),
        (IncidentFilter(attacker="islamic resistance"), 1),
        (IncidentFilter(target="US"), 1),
        (IncidentFilter(weapon="drone"), 2),
        (IncidentFilter(weapon="dron"), 0),
        (IncidentFilter(text="Tanf garrison"), 1),
        (IncidentFilter(near=(33.8, 42.5, 20.0)), 1),
        (IncidentFilter(near=(34.0, 41.0, 500.0)), 3),
        (IncidentFilter(status=("rejected",)), 0),
    ],
)
def test_store_incident_filters_select_incidents(store: Store, chosen: IncidentFilter, expected: int) -> None:
    assert store.count_incidents(chosen) == expected
    assert len(store.list_incidents(chosen)) == expected


def test_store_tally_groups_by_week_country_and_weapon(store: Store) -> None:
    assert store.tally(IncidentFilter(since=date(2023, 10, 17))).total == 3
    assert store.tally(by="country").rows == (("IQ", 2), ("SY", 1))
    assert store.tally(by="week").rows == (("2023-10-16", 3),)
    assert store.tally(by="day").rows == (("2023-10-18", 1), ("2023-10-19", 1), ("2023-10-20", 1))
    assert store.tally(by="weapon").rows == (("drone", 2), ("rocket", 1))
    assert store.tally(by="attacker").rows == (("(unknown)", 2), ("Islamic Resistance in Iraq", 1))
    with pytest.raises(ConfigError):
        store.tally(by="colour")


def test_store_claims_sit_beside_the_count_of_their_scope(store: Store) -> None:
    (comparison,) = store.list_claims()
    assert comparison.claim.quantity == 12
    assert comparison.scope.countries == ("IQ", "SY")
    assert comparison.scope.since == date(2023, 10, 17) and comparison.scope.until == date(2023, 10, 20)
    assert comparison.counted == 3 and comparison.difference == -9
    assert "IQ, SY" in comparison.scope_text
    # "attacks on US forces" does not count what US forces did themselves.
    erbil = store.list_incidents(IncidentFilter(weapon="rocket"))[0].id
    store.review_incident(erbil, "edit", field="attacker", value=["U.S. forces"], actor="ana")
    assert store.list_claims()[0].counted == 2


def test_store_review_edit_survives_re_resolving(store: Store) -> None:
    strike = asad(store)
    detail = store.review_incident(strike, "edit", field="fatalities", value=1, actor="ana")
    assert detail.incident.fatalities.best == 1 and detail.incident.status == "reviewed"
    store.review_incident(strike, "edit", field="weapon", value=["drone", "rocket"], actor="ana")
    resolve_all(store)
    again = store.get_incident(strike)
    assert again is not None
    assert again.incident.fatalities.best == 1 and again.incident.weapon == ("drone", "rocket")
    assert set(again.incident.edited) == {"fatalities", "weapon"}
    assert [(a.action, a.field, a.actor) for a in again.audit] == [
        ("edit", "fatalities", "ana"),
        ("edit", "weapon", "ana"),
    ]
    assert again.audit[0].before == {"fatalities": None} and again.audit[0].after == {"fatalities": 1}


def test_store_rejected_incident_leaves_default_listing(store: Store) -> None:
    store.review_incident(asad(store), "reject", actor="ana")
    resolve_all(store)
    assert store.count_incidents() == 2
    assert store.count_incidents(IncidentFilter(status=("rejected",))) == 1


@pytest.mark.parametrize(
    ("field", "value"), [("weapon", ["laser"]), ("fatalities", -1), ("colour", "red"), ("date", "soon")]
)
def test_store_bad_edit_is_refused_and_changes_nothing(store: Store, field: str, value: object) -> None:
    with pytest.raises(ConfigError):
        store.review_incident(asad(store), "edit", field=field, value=value, actor="ana")
    assert store.audit_log() == []


def test_store_split_and_merge_survive_re_resolving(store: Store) -> None:
    strike = store.get_incident(asad(store))
    assert strike is not None
    daily_key = next(m.key for m in strike.mentions if m.mention.document_id == doc("daily").id)
    parts = store.split_incident(strike.incident.id, [[daily_key]], actor="ana")
    assert sorted(len(p.incident.sources) for p in parts) == [1, 1]
    assert store.get_incident(strike.incident.id) is None
    resolve_all(store)
    assert store.count_incidents() == 4
    merged = store.merge_incidents([p.incident.id for p in parts], actor="ben")
    assert len(merged.incident.sources) == 2
    assert any(m.rule == "must-link" for m in merged.merges)
    resolve_all(store)
    assert store.count_incidents() == 3
    assert [a.action for a in store.audit_log()] == ["split", "merge"]


def test_store_split_naming_unknown_mention_is_refused(store: Store) -> None:
    with pytest.raises(ResolveError, match="not among its mentions"):
        store.split_incident(asad(store), [["nobody@1-2"]], actor="ana")
    with pytest.raises(ResolveError):
        store.merge_incidents([asad(store)], actor="ana")


def test_store_without_resolver_refuses_merge_with_a_hint(store_db: str) -> None:
    with open_store(store_db) as opened:
        fill(opened)
    with Store.open(store_db) as plain:
        ids = [i.id for i in plain.list_incidents()][:2]
        with pytest.raises(ConfigError, match="open_store"):
            plain.merge_incidents(ids, actor="ana")
        assert plain.count_incidents() == 3


def test_store_reextraction_replaces_a_documents_mentions(store: Store) -> None:
    store.save_extractions([extraction("gazette", [])])
    assert store.incidents_stale()
    resolve_all(store)
    assert store.count_incidents(IncidentFilter(countries=("SY",))) == 0
    assert store.list_claims() == []
    assert len(store.load_mentions()) == 3


def test_store_marked_stale_incidents_are_resolved_again(store: Store) -> None:
    from sitroom.config import Settings
    from sitroom.pipeline import update_incidents

    assert not update_incidents(store, Settings()).resolved
    store.mark_incidents_stale()
    assert store.incidents_stale()
    again = update_incidents(store, Settings())
    assert again.resolved and again.extracted == 0 and not store.incidents_stale()
    assert store.count_incidents() == 3


# --- per-day counts and actor names (0004_tally_tables) ---------------------------------------------
TALLY_FILTERS = (
    IncidentFilter(),
    IncidentFilter(since=date(2023, 10, 19)),
    IncidentFilter(until=date(2023, 10, 18), countries=("iq",)),
    IncidentFilter(countries=("IQ", "SY"), types=("Air/drone strike",)),
    IncidentFilter(types=("Explosions/Remote violence",), since=date(2023, 10, 17)),
    IncidentFilter(status=("rejected",)),
    IncidentFilter(status=()),
    IncidentFilter(weapon="drone"),
    IncidentFilter(attacker="resistance", since=date(2023, 10, 18)),
)


def counted(store: Store, chosen: IncidentFilter, by: str) -> tuple[int, tuple[tuple[str, int], ...]]:
    """The tally of `chosen` by `by` worked out in Python from the listed incidents themselves."""
    from collections import Counter

    from sitroom.store.codec import week_of

    def key(i: IncidentRecord) -> str:
        start = i.date.start if i.date else None
        value = {
            "day": start.isoformat() if start else None,
            "week": week_of(start).isoformat() if start else None,
            "month": start.strftime("%Y-%m") if start else None,
            "country": i.place.country if i.place else None,
            "type": i.sub_event_type,
            "weapon": i.weapon[0] if i.weapon else None,
            "attacker": i.attacker[0] if i.attacker else None,
        }[by]
        return value or "(unknown)"

    found = store.list_incidents(chosen, limit=None)
    counts = Counter(key(i) for i in found)
    if by in ("day", "week", "month"):
        order = sorted(counts.items(), key=lambda r: (r[0] == "(unknown)", r[0]))
    else:
        order = sorted(counts.items(), key=lambda r: (-r[1], r[0]))
    return len(found), tuple(order)


def assert_tallies_match_incidents(store: Store) -> None:
    for chosen in TALLY_FILTERS:
        assert store.count_incidents(chosen) == store.tally(chosen).total == counted(store, chosen, "day")[0]
        for by in ("day", "week", "month", "country", "type", "weapon", "attacker"):
            tally = store.tally(chosen, by)
            assert (tally.total, tally.rows) == counted(store, chosen, by), (chosen, by)


def test_store_day_counts_follow_every_change_to_the_incidents(store: Store) -> None:
    assert_tallies_match_incidents(store)
    erbil = store.list_incidents(IncidentFilter(weapon="rocket"))[0].id
    store.review_incident(erbil, "edit", field="date", value="2023-10-25", actor="ana")
    store.review_incident(asad(store), "edit", field="location", value=TANF_VALUE, actor="ana")
    tanf = store.list_incidents(IncidentFilter(since=date(2023, 10, 19), until=date(2023, 10, 19)))[0].id
    store.review_incident(tanf, "reject", actor="ana")
    assert store.tally(IncidentFilter(countries=("SY",)), "week").rows == (("2023-10-16", 1),)
    assert store.tally(by="week").rows == (("2023-10-16", 1), ("2023-10-23", 1))
    assert_tallies_match_incidents(store)
    resolve_all(store)  # edits re-applied to the rebuilt incidents: the counts follow
    assert_tallies_match_incidents(store)
    strike = store.get_incident(asad(store, "SY"))
    assert strike is not None
    daily_key = next(m.key for m in strike.mentions if m.mention.document_id == doc("daily").id)
    parts = store.split_incident(strike.incident.id, [[daily_key]], actor="ana")
    assert_tallies_match_incidents(store)
    store.merge_incidents([p.incident.id for p in parts], actor="ben")
    assert_tallies_match_incidents(store)


TANF_VALUE = {"name": "Al-Tanf", "country": "SY", "lat": 33.5, "lon": 38.66}


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (IncidentFilter(attacker="STRASSE"), 1),  # case-folded: ß is ss
        (IncidentFilter(attacker="brigade   straße 7"), 1),  # runs of spaces are one
        (IncidentFilter(attacker="Kata'ib"), 1),
        (IncidentFilter(attacker="ib hezbollah"), 1),
        (IncidentFilter(attacker="e 7 kata"), 0),  # within one name, not across two
        (IncidentFilter(attacker='", "'), 0),  # the stored JSON is not what is searched
        (IncidentFilter(attacker="%"), 0),  # a LIKE wildcard is a plain character
        (IncidentFilter(attacker="RESISTANCE"), 1),
        (IncidentFilter(attacker="resistance", since=date(2023, 10, 19)), 0),
        (IncidentFilter(attacker="hezbollah", until=date(2023, 10, 19)), 0),
        (IncidentFilter(attacker="hezbollah", countries=("IQ",), since=date(2023, 10, 20)), 1),
        (IncidentFilter(target="us FORCES"), 1),
        (IncidentFilter(target="forces", since=date(2023, 10, 19)), 0),
        (IncidentFilter(target="resistance"), 0),  # attackers are not targets
    ],
)
def test_store_actor_filter_finds_a_name_containing_the_text(
    store: Store, chosen: IncidentFilter, expected: int
) -> None:
    erbil = store.list_incidents(IncidentFilter(weapon="rocket"))[0].id
    store.review_incident(
        erbil, "edit", field="attacker", value=["Brigade Straße 7", "Kata'ib Hezbollah"], actor="ana"
    )
    assert store.count_incidents(chosen) == len(store.list_incidents(chosen)) == expected
    assert store.tally(chosen, "week").total == expected
    resolve_all(store)  # the actor links are rebuilt with the incidents, the edit re-applied
    assert store.count_incidents(chosen) == expected
