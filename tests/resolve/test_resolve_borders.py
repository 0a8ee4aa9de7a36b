"""Resolving across a border, across descriptions and without a place: a report naming only one
country tells a strike another places just over that country's line; two descriptions of a target are
no disagreement; a report with no place finds the strike by its weapon."""

from __future__ import annotations

from datetime import date

from sitroom.model import DateRange, Evidence, Mention, Place, PlaceMention, Span
from sitroom.resolve import ResolveConfig, resolve_mentions
from sitroom.resolve.borders import countries_compatible, km_from_country, near_countries
from sitroom.resolve.features import mention_features
from sitroom.resolve.scoring import score_pair

# A US outpost in Jordan's north-east corner, a few km from the Syrian line; a Jordanian port far from it.
OUTPOST = Place("s:outpost", "Outpost 7", "site", "JO", "Mafraq", 33.32, 38.69)
AQABA = Place("t:aqaba", "Aqaba", "town", "JO", "Aqaba", 29.53, 35.01)
SYRIA = Place("c:sy", "Syria", "country", "SY", None, 35.0, 38.3)
JORDAN = Place("c:jo", "Jordan", "country", "JO", None, 31.1, 36.4)
YEMEN = Place("c:ye", "Yemen", "country", "YE", None, 15.6, 48.0)
MAYADIN = Place("t:mayadin", "Mayadin", "town", "SY", "Deir ez-Zor", 35.02, 40.45)


def drone_attack(report: str, place: Place | None, day: int = 28, **fields: object) -> Mention:
    """A drone attack told by `report` on 2024-01-`day`."""
    span = Span(report, 0, 8, "attacked")
    location = PlaceMention(Span(report, 20, 20 + len(place.name), place.name), place) if place else None
    return Mention(
        document_id=report,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=DateRange(date(2024, 1, day), date(2024, 1, day), "day"),
        location=location,
        weapon=("drone",),
        evidence=(Evidence("sub_event_type", span),),
        **fields,  # type: ignore[arg-type]
    )


def test_borders_near_countries_lists_the_neighbour_whose_line_a_point_lies_near() -> None:
    assert "SY" in near_countries("JO", OUTPOST.lat, OUTPOST.lon, 50.0)
    assert near_countries("JO", AQABA.lat, AQABA.lon, 50.0) <= {"IL", "SA", "PS", "EG"}
    assert "SY" not in near_countries("JO", AQABA.lat, AQABA.lon, 50.0)
    assert km_from_country("JO", AQABA.lat, AQABA.lon) == 0.0
    assert km_from_country("XX", 0.0, 0.0) is None


def test_borders_countries_compatible_only_for_one_country_or_neighbours() -> None:
    assert countries_compatible("SY", "SY")
    assert countries_compatible("SY", "JO")
    assert not countries_compatible("SY", "YE")
    # countryinfo lists Palestine's border with Israel but not Israel's with Palestine: both ways here.
    assert countries_compatible("IL", "PS") and countries_compatible("PS", "IL")
    assert "PS" in near_countries("IL", 31.52, 34.60, 50.0)  # a town by the Gaza fence


def test_resolve_country_named_across_the_border_joins_the_strike_at_the_outpost() -> None:
    # A wire places it at the outpost, the command says "in Jordan", the militia "in Syria" (the line is
    # 1 km off): one attack; the militia's and the command's countries differ but are neighbours.
    wire = drone_attack("wire", OUTPOST, attacker=("Iran-backed militants",), target=("American soldiers",))
    command = drone_attack("command", JORDAN, target=("US service members",), fatalities=3)
    militia = drone_attack("militia", SYRIA, target=("American occupation base",))
    incidents = resolve_mentions([wire, command, militia])
    assert [set(i.sources) for i in incidents] == [{"wire", "command", "militia"}]
    assert incidents[0].location.best is not None
    assert incidents[0].location.best.place == OUTPOST


def test_resolve_country_far_from_the_strike_is_another_incident() -> None:
    # "in Syria" cannot tell an attack on a Jordanian port 300 km from the Syrian line, nor one in Yemen.
    port = drone_attack("port", AQABA, target=("American soldiers",))
    militia = drone_attack("militia", SYRIA, target=("American occupation base",))
    yemen = drone_attack("yemen", YEMEN, target=("American occupation base",))
    assert sorted(map(sorted, (set(i.sources) for i in resolve_mentions([port, militia, yemen])))) == [
        ["militia"],
        ["port"],
        ["yemen"],
    ]


def test_resolve_without_cross_border_keeps_the_old_country_veto() -> None:
    wire = drone_attack("wire", OUTPOST, target=("American soldiers",))
    militia = drone_attack("militia", SYRIA, target=("American occupation base",))
    config = ResolveConfig(cross_border=False)
    assert len(resolve_mentions([wire, militia], config=config)) == 2
    assert len(resolve_mentions([wire, militia])) == 1


def test_score_pair_two_descriptions_of_a_target_are_no_disagreement() -> None:
    config = ResolveConfig()
    facilities = mention_features(0, "a", drone_attack("a", MAYADIN, target=("facilities",)), config)
    depots = mention_features(1, "b", drone_attack("b", MAYADIN, target=("weapons depots",)), config)
    militia = mention_features(2, "c", drone_attack("c", MAYADIN, target=("Kataib Hezbollah",)), config)
    us = mention_features(3, "d", drone_attack("d", MAYADIN, target=("US forces",)), config)
    described = score_pair(facilities, depots, config)
    named = score_pair(militia, us, config)
    assert dict(described.features).get("target", 0.0) == 0.0
    assert dict(named.features)["target"] < 0
    assert described.probability > named.probability


def test_resolve_report_without_place_or_named_actor_finds_the_strike_by_its_weapon() -> None:
    # A bulletin names a neighbourhood no gazetteer knows and only describes the target; the wire places
    # the same drone strike in the city. Five days later another placeless drone strike is another one.
    beirut = Place("t:beirut", "Beirut", "town", "LB", "Beirut", 33.89, 35.50)
    wire = drone_attack("wire", beirut, day=2, target=("office",))
    bulletin = drone_attack("bulletin", None, day=2, target=("apartment",), injuries=11)
    later = drone_attack("later", None, day=7, target=("car",))
    assert sorted(map(sorted, (set(i.sources) for i in resolve_mentions([wire, bulletin, later])))) == [
        ["bulletin", "wire"],
        ["later"],
    ]


def test_score_pair_wounded_under_a_later_lower_bound_is_a_small_disagreement() -> None:
    config = ResolveConfig()
    early = mention_features(0, "a", drone_attack("a", OUTPOST, injuries=34), config)
    later = mention_features(1, "b", drone_attack("b", OUTPOST, injuries_min=40), config)
    within = mention_features(2, "c", drone_attack("c", OUTPOST, injuries=45), config)
    unhurt = mention_features(3, "d", drone_attack("d", OUTPOST, injuries=0), config)
    assert dict(score_pair(early, later, config).features)["injuries"] == -0.2
    assert dict(score_pair(within, later, config).features)["injuries"] > 0
    assert dict(score_pair(unhurt, later, config).features)["injuries"] == -1.0


def test_resolve_placeless_report_fitting_two_far_strikes_joins_neither() -> None:
    # Two drone strikes the same day, 300 km apart; a bulletin with no place and no named actor fits both
    # equally: it tells one of them, and nothing says which, so it stays alone.
    beirut = Place("t:beirut", "Beirut", "town", "LB", "Beirut", 33.89, 35.50)
    homs = Place("t:homs", "Homs", "town", "SY", "Homs", 34.73, 36.72)
    first = drone_attack("first", beirut, day=2, target=("office",))
    second = drone_attack("second", homs, day=2, target=("depot",))
    bulletin = drone_attack("bulletin", None, day=2, target=("apartment",))
    assert sorted(map(sorted, (set(i.sources) for i in resolve_mentions([first, second, bulletin])))) == [
        ["bulletin"],
        ["first"],
        ["second"],
    ]


def test_resolve_placeless_report_naming_an_attacker_others_leave_unnamed_finds_the_strike() -> None:
    # A later report gives no place but names the suspected attacker, which the wire does not.
    beirut = Place("t:beirut", "Beirut", "town", "LB", "Beirut", 33.89, 35.50)
    wire = drone_attack("wire", beirut, day=2, target=("office",))
    later = drone_attack("later", None, day=2, attacker=("Israel",))
    assert [set(i.sources) for i in resolve_mentions([wire, later])] == [{"wire", "later"}]
