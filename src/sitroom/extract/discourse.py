"""From what each sentence tells to the incidents of the report.

Three steps, each a rule a careful reader applies:
1. Context carries within a paragraph: an event told without a date, a place or an attacker takes
   them from the event told just before it in the same paragraph (narrative time and place persist
   until the text moves them); two opposed events of one sentence ("X fired on Y after missiles were
   fired at X") give each other's sides; "the latest attack" belongs to the series just summarised.
2. One incident told several times (lede, quote, detail) is one incident: a later telling merges into
   the most recent earlier incident it is compatible with (type family, date, place, named actors).
3. A definite reference with nothing new ("the strike") only adds evidence, never a new incident.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import replace

from sitroom.extract.dates import BOUND_WORDS, DatedExpression
from sitroom.extract.mentions import Told
from sitroom.extract.roles import Argument
from sitroom.model import DateRange, Mention, Place, PlaceMention

#: Head nouns any two sides share ("US forces", "hostile forces"): sharing them says nothing.
_GENERIC_WORDS = frozenset({"forces", "troops", "groups", "group", "members", "militants", "fighters", "the"})
#: Two places this close are one scene as a report tells it (a town and a street or site in it).
SAME_PLACE_KM = 30.0
#: Sea areas are told at several scales ("the Red Sea", "the southern Red Sea", "off Hodeidah"): two
#: sea places this close are one area (about the half-length of the southern Red Sea; not fitted).
SAME_SEA_KM = 400.0
#: "Blast north of Baghdad" then "near Tarmiyah": a place told as a reference point ("north of",
#: "outside", "20 km from") is a city the scene lies up to about a province's width away from (not
#: fitted: wire copy names the nearest city a reader knows; the fixture's Tarmiyah is 37 km away).
RELATIVE_PLACE_KM = 100.0
#: How far from the first victim the next one told ("a second victim was found ...") may be: the same town.
VICTIM_FOUND_KM = 25.0
#: How fine a place is, finest first: a retelling's finer place wins over a headline's country.
_PLACE_RANK = {"site": 0, "town": 1, "region": 2, "sea": 3, "country": 4}
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def resolve_discourse(
    told: Sequence[Told],
    series: Sequence[tuple[int, Argument]],
    dated: Sequence[DatedExpression] = (),
) -> list[Mention]:
    """The incidents of one report from its sentence-level tellings, in the order first told.

    `series` holds (sentence number, attacker) of the series the report summarises ("attacks by X");
    `dated` the report's time expressions, whose days a sentence telling no event may set for the
    narrative that follows (see narrative_times).
    """
    carried = _carry_context(told, series, narrative_times(told, dated))
    totals = _headline_counts(told)
    incidents: list[Told] = []
    detailed: set[int] = set()  # summaries of a series whose members the report goes on to tell
    for item in carried:
        summary = _summary_of(incidents, item)
        if summary is not None:
            detailed.add(summary)
            incidents.append(item)  # a member of the series, never a retelling of the whole
            continue
        target = _coreferent(incidents, item)
        if target is None:
            if not item.anaphor:
                incidents.append(item)
            continue
        incidents[target] = _merge_told(incidents[target], item, totals)
    # "Strikes against three facilities ... One strike hit X. A second strike hit Y.": the members
    # told are the incidents; the summary only lent them its attacker, date and weapon.
    return [_settle_harm(item) for n, item in enumerate(incidents) if n not in detailed]


def _summary_of(incidents: Sequence[Told], item: Told) -> int | None:
    """Index of the series summary ("the strikes") that `item` ("a second strike") is one member of."""
    if not item.part:
        return None
    for index in range(len(incidents) - 1, -1, -1):
        known = incidents[index]
        if known.part:
            continue  # an earlier member of the same series: look further back for its summary
        a, b = known.mention, item.mention
        same_type = a.sub_event_type == b.sub_event_type
        apart = (
            a.date is not None
            and b.date is not None
            and (a.date.start > b.date.end or b.date.start > a.date.end)
        )
        if known.plural and same_type and not apart and known.sentence != item.sentence:
            return index
        return None
    return None


#: A victim phrase that names people besides those told before: "another man", "a second victim",
#: "two other men", "one more person", "others" (not "the other man", one of a group already told).
_ADDITIONAL = re.compile(
    r"(?:^|\s)(?:another|an? (?P<ordinal>second|third|fourth|fifth|sixth)|an? (?:additional|further)|"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:other|more|additional)|others)\b",
    re.IGNORECASE,
)
#: "The 25-year-old man was seriously injured": a definite victim phrase tells again one victim told.
_DEFINITE = re.compile(
    r"^the\b(?! (?:\d+|two|three|four|five|six|seven|eight|nine|ten|both|all)(?:\s|$))", re.IGNORECASE
)
#: "another man", "a second victim": one more, after the one told.
_NEXT_ONE = re.compile(r"(?:^|\s)(?:another|an? (?:second|third|fourth|fifth|sixth))\b", re.IGNORECASE)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
#: "One was hit in the chest": a telling that picks one of a group; "another" after it is one more of
#: that group, not one more victim.
_ONE_OF = re.compile(r"^(?:one|the first)\b", re.IGNORECASE)


def _headline_counts(told: Sequence[Told]) -> frozenset[tuple[int, int]]:
    """Where a report's headline (its first paragraph, when one follows) counts the wounded: a
    headline's count ("Four wounded in ...") is the report's total."""
    if not any(item.paragraph > 0 for item in told):
        return frozenset()
    return frozenset(
        (e.span.start, e.span.end)
        for item in told
        if item.paragraph == 0 and item.sentence == 0
        for e in item.mention.evidence
        if e.field == "injuries"
    )


def _more_victims(item: Told) -> bool:
    """Whether every injury phrase of a telling names the next victim ("another man", "a second victim")."""
    spans = [e.span.text for e in item.mention.evidence if e.field == "injuries"]
    return bool(spans) and all(_NEXT_ONE.search(text) for text in spans)


def _adds_victims(known: Told, later: Told, totals: frozenset[tuple[int, int]]) -> bool:
    """Whether a later telling's wounded are besides the known incident's ("Two men were shot ...
    Another man was shot in the leg"): every injury phrase it tells names additional people, it
    tells no death, and the known incident's wounded were neither split into "one" and the rest
    nor told as others already ("a man was killed and two others hurt ... Two others were treated"
    tells the same two again), nor counted by the headline, whose total holds every victim the body
    goes on to tell ("Four wounded in ...": "another person found wounded nearby" is the fourth)."""
    spans = [e.span.text for e in later.mention.evidence if e.field == "injuries"]
    if not spans or not all(_ADDITIONAL.search(text) for text in spans):
        return False
    if later.mention.injuries is None or known.mention.injuries is None:
        return False
    if later.mention.fatalities or later.mention.fatalities_min:
        return False
    told = [e.span.text for e in known.mention.evidence if e.field == "injuries"]
    if any(_ADDITIONAL.search(text) for text in told):
        return False
    if any((e.span.start, e.span.end) in totals for e in known.mention.evidence if e.field == "injuries"):
        return False
    group = max(known.harmed or 0, known.mention.injuries)
    return not (group > 1 and any(_ONE_OF.match(text) for text in told))


def _ordinal(later: Told) -> int:
    """The rank a telling gives its victim ("a third teenager": 3), 0 when it gives none."""
    for evidence in later.mention.evidence:
        found = _ADDITIONAL.search(evidence.span.text) if evidence.field == "injuries" else None
        if found is not None and found.group("ordinal"):
            return _ORDINALS[found.group("ordinal").lower()]
    return 0


def _merge_told(known: Told, later: Told, totals: frozenset[tuple[int, int]]) -> Told:
    """Merge a retelling; an injury count that is stated beats one read from 'was shot', and the
    wounded of a telling of more victims ("another man was shot") add to those told before."""
    if _adds_victims(known, later, totals):
        return _add_victims(known, later)
    merged = _merge(known.mention, later.mention)
    relative = known.relative_place
    if known.relative_place and later.mention.location is not None and not later.relative_place:
        # the headline's "north of Baghdad" was a reference point; the body names the scene
        merged, relative = replace(merged, location=later.mention.location), False
    from_harm = known.injuries_from_harm if known.mention.injuries is not None else later.injuries_from_harm
    # ... but not one that counts fewer than the victims told one by one ("a man was shot. Another man
    # was shot. The first man is in critical condition": still two wounded)
    added = any(_ADDITIONAL.search(e.span.text) for e in known.mention.evidence if e.field == "injuries")
    one_of = all(_DEFINITE.match(e.span.text) for e in later.mention.evidence if e.field == "injuries")
    fewer = (added or one_of) and (later.mention.injuries or 0) < (known.mention.injuries or 0)
    if (
        known.injuries_from_harm
        and later.mention.injuries is not None
        and not later.injuries_from_harm
        and not fewer
    ):
        merged, from_harm = replace(merged, injuries=later.mention.injuries), False
    harmed = max((n for n in (known.harmed, later.harmed) if n is not None), default=None)
    return replace(
        known, mention=merged, harmed=harmed, injuries_from_harm=from_harm, relative_place=relative
    )


def _add_victims(known: Told, later: Told) -> Told:
    """The known incident with the later telling's additional wounded counted in; "a third victim"
    makes three people hurt at least, however many the known tellings counted."""
    mention = replace(known.mention, injuries=None, injuries_min=None)
    merged = _merge(mention, later.mention)
    injuries = (known.mention.injuries or 0) + (later.mention.injuries or 0)
    extra = later.harmed if later.harmed is not None else later.mention.injuries
    harmed = known.harmed + (extra or 0) if known.harmed is not None else None
    if harmed is not None:
        harmed = max(harmed, _ordinal(later))
    return replace(known, mention=replace(merged, injuries=injuries, injuries_min=None), harmed=harmed)


def _settle_harm(item: Told) -> Mention:
    """Injuries read from 'was shot' count the people shot whom no telling says died."""
    mention = item.mention
    if not item.injuries_from_harm or item.harmed is None:
        return mention
    dead = mention.fatalities if mention.fatalities is not None else mention.fatalities_min or 0
    left = item.harmed - dead
    return replace(mention, injuries=left if left > 0 else None)


def _told_at(item: Told) -> int:
    """Where an event is told: its first trigger word, else its first evidence."""
    spans = [e.span.start for e in item.mention.evidence if e.field == "sub_event_type"]
    return min(spans or [e.span.start for e in item.mention.evidence] or [0])


def narrative_times(told: Sequence[Told], dated: Sequence[DatedExpression]) -> list[DatedExpression | None]:
    """For each telling, the day a sentence telling no event set since the telling before it, if any.

    "A robbery ends in deadly gunfire. ... It was around 9:30 Tuesday night when several men came
    in. ... One of them started shooting.": the sentence with Tuesday tells no event of its own, yet
    it puts the narrative at a moment (a clock time or a when-clause: a timeline), and the shooting
    told after it happens then. Only a day-precise event time counts (not a speech time, nor a
    bound: "since Monday"); a time told in a sentence that also tells an event is that event's, and
    reaches the next ones through it. An aftermath day without a moment ("his brother looked for
    clues on Monday") moves nothing, and a sentence in the present ("Now it is a trooper.") takes
    the narrative back to the report's present, where a later telling dates as before.
    """
    told_at = [_told_at(item) for item in told]
    setters = sorted((d for d in dated if _sets_the_scene(d, told_at)), key=lambda d: d.expression.span.start)
    times: list[DatedExpression | None] = []
    for number, at in enumerate(told_at):
        after = told_at[number - 1] if number else -1
        inside = [
            d
            for d in setters
            if d.sentence is not None and after < d.expression.span.start and d.sentence[1] <= at
        ]
        latest = inside[-1] if inside else None
        times.append(latest if latest is not None and latest.expression.range is not None else None)
    return times


def _sets_the_scene(expression: DatedExpression, told_at: Sequence[int]) -> bool:
    """A day told on a narrative's timeline in a sentence without events, or a return to the present."""
    if expression.role != "event" or expression.sentence is None:
        return False
    start, end = expression.sentence
    if any(start <= at < end for at in told_at):
        return False
    if expression.expression.value == "PRESENT_REF":
        return True  # "Now it's a State Trooper": the narrative is back at the report's present
    if expression.expression.precision != "day" or expression.expression.range is None:
        return False
    return expression.timeline and expression.preposition not in BOUND_WORDS


def _carry_context(
    told: Sequence[Told], series: Sequence[tuple[int, Argument]], scenes: Sequence[DatedExpression | None]
) -> list[Told]:
    result: list[Told] = []
    for item, scene in zip(told, scenes, strict=True):
        mention = item.mention
        if mention.date is None and scene is not None and not item.anaphor:
            mention = replace(mention, date=scene.expression.range)
        same_sentence = [t.mention for t in result if t.sentence == item.sentence]
        if not mention.attacker:
            for other in same_sentence:
                if other.attacker and _overlaps(other.attacker, mention.target) and other.target:
                    mention = replace(mention, attacker=other.target)  # the side that was fired back on
                    break
        if not mention.attacker and item.part:
            # "A second strike destroyed a depot": the attacker of the series summarised before
            summary = next((t for t in reversed(result) if t.plural and not t.part), None)
            if summary is not None and summary.mention.sub_event_type == mention.sub_event_type:
                mention = replace(mention, attacker=summary.mention.attacker)
        if not mention.attacker and item.series_member:
            earlier = [argument for sentence, argument in series if sentence <= item.sentence]
            if earlier:
                mention = replace(mention, attacker=earlier[-1].names)
        # Wire copy runs one sentence to a paragraph: the paragraph just before carries its context
        # too ("Two drones targeted al-Tanf on Wednesday." / "U.S. forces shot down one of them.").
        previous = next(
            (t for t in reversed(result) if item.paragraph - 1 <= t.paragraph <= item.paragraph), None
        )
        if previous is not None and not item.anaphor:
            mention = _inherit(mention, previous.mention, previous.attacker_names_known)
        result.append(replace(item, mention=mention))
    return result


def _inherit(mention: Mention, previous: Mention, attacker_known: bool) -> Mention:
    changes: dict[str, object] = {}
    if mention.date is None and previous.date is not None:
        changes["date"] = previous.date
    if mention.location is None and previous.location is not None:
        changes["location"] = previous.location
    if (
        not mention.attacker
        and attacker_known
        and previous.attacker
        and not set(previous.attacker) & set(mention.target)
        and mention.event_type == "Explosions/Remote violence"
    ):
        changes["attacker"] = previous.attacker
    return replace(mention, **changes) if changes else mention  # type: ignore[arg-type]


def _coreferent(incidents: list[Told], item: Told) -> int | None:
    """Index of the most recent incident that `item` tells again, or None."""
    for index in range(len(incidents) - 1, -1, -1):
        if _compatible(incidents[index], item):
            return index
    return None


def _compatible(known: Told, new: Told) -> bool:
    a, b = known.mention, new.mention
    if known.sentence == new.sentence:
        return False  # the grouping step already kept this sentence's events apart
    if a.sub_event_type != b.sub_event_type:
        loose = (not known.specific or not new.specific) and {a.event_type, b.event_type} <= _VIOLENT_TYPES
        if not loose:
            return False
    if a.date is not None and b.date is not None and (a.date.start > b.date.end or b.date.start > a.date.end):
        return False
    if new.anaphor:
        return True
    relative = known.relative_place or new.relative_place
    # "One man was shot ... A second victim was found four blocks away": a victim told as the next
    # one ("another", "a second") presupposes the one told before, and goes on with that shooting,
    # wherever nearby they were found; not in another town ("Another man was shot in Cincinnati").
    more = (
        known.paragraph == new.paragraph
        and _more_victims(new)
        and (_unplaced(a) or _unplaced(b) or _near(a, b, VICTIM_FOUND_KM))
    )
    if not _same_place(a, b) and not (relative and _near(a, b, RELATIVE_PLACE_KM)) and not more:
        return False
    if not _sides_agree(a.attacker, b.attacker) or not _sides_agree(a.target, b.target):
        return False
    if _overlaps(a.attacker, b.target) or _overlaps(b.attacker, a.target):
        return False  # the sides are reversed: a reply, not a retelling
    if a.weapon and b.weapon and not _weapons_agree(a.weapon, b.weapon):
        return False
    if a.count is not None and b.count is not None and a.count != b.count:
        return False
    # Without a date of its own, a telling only repeats an incident of the same paragraph or one it
    # names the sides of; otherwise a same-day incident elsewhere in the report would swallow it.
    return (
        b.date is not None
        or known.paragraph == new.paragraph
        or _overlaps(a.attacker, b.attacker)
        or _overlaps(a.target, b.target)
        # "The drone struck near the barracks": a telling with no sides, only the weapon told
        # before, goes on about that weapon's incident.
        or (not b.attacker and not b.target and bool(set(a.weapon) & set(b.weapon)))
        # "Islamic State said two of its members had detonated explosive belts": who did it, told of
        # the weapon of an incident whose attacker the report had not yet named.
        or (not a.attacker and bool(b.attacker) and not b.target and bool(set(a.weapon) & set(b.weapon)))
        # "Ukraine says it downed 29 Russian drones" then "air defences shot down 29 of 35 drones":
        # the same number of the same weapon, told of the same place, is the same salvo.
        or (a.count is not None and a.count == b.count and bool(set(a.weapon) & set(b.weapon)))
    )


#: "Missiles hit the base" then "fired ballistic missiles": an unspecified missile is any of these.
_MISSILES = frozenset({"missile", "ballistic_missile", "cruise_missile", "anti_ship_missile"})


def _weapons_agree(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Weapons agree when they share one, or one telling names only an unspecified missile or weapon."""
    a, b = set(first), set(second)
    if a & b or "unknown" in a or "unknown" in b:
        return True
    return ("missile" in a and bool(b & _MISSILES)) or ("missile" in b and bool(a & _MISSILES))


def _overlaps(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """True when two actor lists share a name or a distinctive word ("navy" and "navy ships")."""
    if set(first) & set(second):
        return True
    words_a = {w.lower() for name in first for w in name.split()} - _GENERIC_WORDS
    words_b = {w.lower() for name in second for w in name.split()} - _GENERIC_WORDS
    return bool(words_a & words_b)


def _same_place(a: Mention, b: Mention) -> bool:
    """Places agree when they are one place or near each other ('Dolton' and a street in it)."""
    pa, pb = a.location, b.location
    if pa is None or pb is None:
        return True
    if pa.place is not None and pb.place is not None:
        if pa.place.gazetteer_id == pb.place.gazetteer_id or pa.place.name == pb.place.name:
            return True
        if _contains(pa.place, pb.place) or _contains(pb.place, pa.place):
            return True  # the headline's "Jordan", the body's "Tower 22 ... in northeastern Jordan"
        if pa.place.kind == "sea" and pb.place.kind == "sea":
            return _km(pa.place.lat, pa.place.lon, pb.place.lat, pb.place.lon) <= SAME_SEA_KM
        return _km(pa.place.lat, pa.place.lon, pb.place.lat, pb.place.lon) <= SAME_PLACE_KM
    return pa.span.text.lower() == pb.span.text.lower()


def _unplaced(mention: Mention) -> bool:
    return mention.location is None or mention.location.place is None


def _near(a: Mention, b: Mention, km: float) -> bool:
    """Both places are resolved and within `km` of each other."""
    pa, pb = a.location, b.location
    if pa is None or pb is None or pa.place is None or pb.place is None:
        return False
    return _km(pa.place.lat, pa.place.lon, pb.place.lat, pb.place.lon) <= km


def _contains(outer: Place, inner: Place) -> bool:
    """A country holds its towns and sites; a region (first-level subdivision) its own."""
    if outer.country is None or outer.country != inner.country:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    return (
        outer.kind == "region"
        and inner.kind in {"town", "site"}
        and outer.admin1 is not None
        and outer.admin1 == inner.admin1
    )


def _finer_place(first: PlaceMention | None, later: PlaceMention | None) -> PlaceMention | None:
    """The first telling's place unless the later one names a finer place inside it."""
    if first is None or later is None or first.place is None or later.place is None:
        return first or later
    finer = _PLACE_RANK.get(later.place.kind, 5) < _PLACE_RANK.get(first.place.kind, 5)
    return later if finer and _contains(first.place, later.place) else first


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _sides_agree(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Named sides agree unless both are named and share no name and no word."""
    if not first or not second:
        return True
    if set(first) & set(second):
        return True
    words_a = {w.lower() for name in first for w in name.split()} - _GENERIC_WORDS
    words_b = {w.lower() for name in second for w in name.split()} - _GENERIC_WORDS
    if words_a & words_b or any(_country_and_people(a, b) for a in words_a for b in words_b):
        return True
    return not (_looks_named(first) and _looks_named(second))


def _country_and_people(first: str, second: str) -> bool:
    """'russia' and 'russian', 'iran' and 'iranians', 'afghanistan' and 'afghan': a country and its
    people are one side. Both words are looked up in the geocoder's tables of country names and
    demonyms ('nigerian' is of Nigeria, 'nigerien' of Niger), so no two countries' words are taken
    for one because one name opens the other."""
    countries = _side_countries()
    a = countries.get(first) or countries.get(first.removesuffix("s"))
    b = countries.get(second) or countries.get(second.removesuffix("s"))
    return a is not None and a == b


@functools.cache
def _side_countries() -> dict[str, str]:
    """One-word country names ('russia', 'iran' of 'Iran, Islamic Republic of', countryinfo's and
    pycountry's) and demonyms ('nigerien', 'yemeni'), lower case, to the country's ISO code."""
    import pycountry
    from countryinfo import CountryInfo

    from sitroom.geocode.sources import read_demonyms

    words = {demonym: code for demonym, code in read_demonyms().items() if " " not in demonym}
    names: list[tuple[object, object]] = [
        (i.get("name"), (i.get("ISO") or {}).get("alpha2")) for i in CountryInfo.all().values()
    ]
    names += [(n, c.alpha_2) for c in pycountry.countries for n in (c.name, getattr(c, "common_name", None))]
    for name, code in names:
        head = str(name or "").split(",")[0].strip().lower()
        if code and head and " " not in head:
            words[head] = str(code)
    return words


def _looks_named(names: tuple[str, ...]) -> bool:
    return any(name[:1].isupper() for name in names)


#: How fine a date is, finest first: a retelling with a finer date inside the first one's range wins.
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "range": 3, "year": 4}


def _finer_date(first: DateRange | None, later: DateRange | None) -> DateRange | None:
    """'last week' then 'Wednesday, Nov. 25': the finer date, when it lies within the coarser one."""
    if first is None or later is None:
        return first or later
    finer = _PRECISION_RANK.get(later.precision, 5) < _PRECISION_RANK.get(first.precision, 5)
    inside = first.start <= later.start and later.end <= first.end
    return later if finer and inside else first


def _merge(first: Mention, later: Mention) -> Mention:
    """The first telling's values, completed by the later one's; exact counts beat lower bounds."""
    fatalities, fatalities_min = first.fatalities, first.fatalities_min
    if later.fatalities is not None and (fatalities is None or (fatalities == 0 and later.fatalities > 0)):
        fatalities = later.fatalities
    if later.fatalities_min is not None and fatalities is None:
        fatalities_min = max(fatalities_min or 0, later.fatalities_min)
    injuries = first.injuries if first.injuries is not None else later.injuries
    injuries_min = first.injuries_min
    if later.injuries_min is not None and injuries is None:
        injuries_min = max(injuries_min or 0, later.injuries_min)
    specific_first = first.confidence >= later.confidence
    return replace(
        first,
        event_type=first.event_type if specific_first else later.event_type,
        sub_event_type=first.sub_event_type if specific_first else later.sub_event_type,
        date=_finer_date(first.date, later.date),
        location=_finer_place(first.location, later.location),
        attacker=first.attacker or later.attacker,
        target=first.target or later.target,
        interceptor=first.interceptor or later.interceptor,
        weapon=tuple(dict.fromkeys((*first.weapon, *later.weapon))),
        count=first.count if first.count is not None else later.count,
        fatalities=fatalities,
        fatalities_min=fatalities_min if fatalities is None else None,
        injuries=injuries,
        injuries_min=injuries_min if injuries is None else None,
        damage=first.damage or later.damage,
        evidence=first.evidence + later.evidence,
        confidence=max(first.confidence, later.confidence),
    )
