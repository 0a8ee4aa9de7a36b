"""Project lexicons as data: event triggers, weapons, actors, facilities and modality cues.

Every row carries a `source` column. Users extend a lexicon by putting a file of the same name and
columns in `Settings.lexicon_dir`; its rows are added after the packaged ones (and win on conflicts
where a lookup keeps the last row, e.g. an actor alias).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.errors import ModelError
from sitroom.model import WEAPONS, Actor, ActorKind

_ACTOR_KINDS: frozenset[str] = frozenset({"state force", "non-state group", "civilians", "vessel", "unknown"})


@dataclass(frozen=True)
class Trigger:
    """A word that can name an incident, with the ACLED type it implies when it is explicit."""

    lemma: str
    forms: frozenset[str]
    pos: frozenset[str]
    particles: frozenset[str]
    family: str
    event_type: str | None
    sub_event_type: str | None
    weapon: str | None


@dataclass(frozen=True)
class Cue:
    """A word that makes a trigger something other than a past incident (plan, threat, negation...)."""

    word: str
    cue: str
    scope: str


@dataclass(frozen=True)
class ActorEntry:
    """A normalised actor and how it is matched: by any alias, or as a name prefix (USS ...)."""

    actor: Actor
    match: str


@dataclass(frozen=True)
class Lexicon:
    """All lexicons the extractor reads; build it with `load_lexicon`."""

    triggers: tuple[Trigger, ...]
    weapons: tuple[tuple[str, str], ...]
    actors: tuple[ActorEntry, ...]
    generic_actor_kinds: tuple[tuple[str, ActorKind], ...]
    facilities: tuple[tuple[str, str], ...]
    cues: tuple[Cue, ...]

    def trigger_forms(self) -> frozenset[str]:
        """Every surface form of every trigger, lower-cased (the prefilter's vocabulary)."""
        return frozenset(form for trigger in self.triggers for form in trigger.forms)


def _rows(name: str, extra_dir: Path | None, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """The rows of the packaged file `name`, then those of the same file in `extra_dir`."""
    packaged = resources.files(__name__).joinpath(name)
    sources: list[tuple[str, str]] = [(f"sitroom/lexicon/{name}", packaged.read_text(encoding="utf-8"))]
    if extra_dir is not None and (extra_dir / name).is_file():
        path = extra_dir / name
        try:
            sources.append((str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ModelError(f"{path}: cannot read lexicon file: {exc}") from exc
    for where, text in sources:
        reader = csv.DictReader(text.splitlines())
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise ModelError(f"{where}: lexicon file lacks column(s) {', '.join(missing)}")
        for number, row in enumerate(reader, start=2):
            if any(row.get(column) is None for column in required):
                raise ModelError(f"{where}:{number}: row has too few columns")
            yield {key: (value or "").strip() for key, value in row.items() if key is not None}


def _trigger(row: dict[str, str]) -> Trigger:
    weapon = row["weapon"] or None
    if weapon is not None and weapon not in WEAPONS:
        raise ModelError(f"triggers.csv: unknown weapon {weapon!r} for {row['lemma']!r}")
    return Trigger(
        lemma=row["lemma"],
        forms=frozenset(row["forms"].lower().split()),
        pos=frozenset(row["pos"].split()),
        particles=frozenset(row["particle"].lower().split()),
        family=row["family"],
        event_type=row["event_type"] or None,
        sub_event_type=row["sub_event_type"] or None,
        weapon=weapon,
    )


def _actor(row: dict[str, str]) -> ActorEntry:
    kind = row["kind"]
    if kind not in _ACTOR_KINDS:
        raise ModelError(f"actors.csv: unknown kind {kind!r} for {row['name']!r}")
    aliases = tuple(alias.strip() for alias in row["aliases"].split("|") if alias.strip())
    actor = Actor(name=row["name"], aliases=aliases, kind=kind, affiliation=row["affiliation"] or None)  # type: ignore[arg-type]
    return ActorEntry(actor=actor, match=row.get("match") or "alias")


def _weapon(row: dict[str, str]) -> tuple[str, str]:
    if row["weapon"] not in WEAPONS:
        raise ModelError(f"weapons.csv: {row['weapon']!r} is not in the weapon vocabulary")
    return row["term"].lower(), row["weapon"]


def _generic_kind(row: dict[str, str]) -> tuple[str, ActorKind]:
    if row["kind"] not in _ACTOR_KINDS:
        raise ModelError(f"generic_actors.csv: unknown kind {row['kind']!r}")
    return row["head"].lower(), row["kind"]  # type: ignore[return-value]


@functools.lru_cache(maxsize=8)
def load_lexicon(extra_dir: Path | None = None) -> Lexicon:
    """Load the packaged lexicons, extended by the files of the same names in `extra_dir`.

    >>> any(entry.actor.name == "Houthis" for entry in load_lexicon().actors)
    True
    """
    return Lexicon(
        triggers=tuple(
            _trigger(row)
            for row in _rows(
                "triggers.csv",
                extra_dir,
                (
                    "lemma",
                    "forms",
                    "pos",
                    "particle",
                    "family",
                    "event_type",
                    "sub_event_type",
                    "weapon",
                    "source",
                ),
            )
        ),
        weapons=tuple(_weapon(row) for row in _rows("weapons.csv", extra_dir, ("term", "weapon", "source"))),
        actors=tuple(
            _actor(row) for row in _rows("actors.csv", extra_dir, ("name", "aliases", "kind", "source"))
        ),
        generic_actor_kinds=tuple(
            _generic_kind(row) for row in _rows("generic_actors.csv", extra_dir, ("head", "kind", "source"))
        ),
        facilities=tuple(
            (row["term"].lower(), row["kind"])
            for row in _rows("facilities.csv", extra_dir, ("term", "kind", "source"))
        ),
        cues=tuple(
            Cue(word=row["word"].lower(), cue=row["cue"], scope=row["scope"])
            for row in _rows("cues.csv", extra_dir, ("word", "cue", "scope", "source"))
        ),
    )


@functools.lru_cache(maxsize=1)
def _person_noun_rows() -> tuple[tuple[str, str, bool], ...]:
    path = resources.files("sitroom") / "lexicon" / "person_nouns.csv"
    try:
        with path.open(encoding="utf-8") as handle:
            return tuple(
                (row["lemma"].strip(), row["plural"].strip(), (row.get("lives") or "").strip() == "yes")
                for row in csv.DictReader(handle)
            )
    except (OSError, KeyError) as exc:
        raise ModelError(f"sitroom/lexicon/person_nouns.csv cannot be read: {exc}") from exc


def person_nouns() -> dict[str, str]:
    """Nouns of people and of the offices they hold (lemma -> plural), from person_nouns.csv: a
    place that modifies one ("a Milwaukee man", "two Ohio policemen") says where the person lives
    or serves."""
    return {lemma: plural for lemma, plural, _ in _person_noun_rows()}


def residence_nouns() -> dict[str, str]:
    """The person nouns before which a town says where the person lives or serves ("a Longview
    woman", "a Longmont officer"), not a tie to a firm or school ("a Mercedes owner", "a Temple
    student", "a Chelsea spokesman")."""
    return {lemma: plural for lemma, plural, lives in _person_noun_rows() if lives}
