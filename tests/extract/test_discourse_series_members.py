"""A series summarised then told member by member: the members are the incidents and share its attacker."""

from __future__ import annotations

from datetime import date

# Published on a Tuesday, 2024-03-05 (the shared `run` fixture's day): "Sunday" is 2024-03-03.


def test_resolve_discourse_series_members_replace_the_summary_and_inherit_its_attacker(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "Israeli forces carried out air strikes on two rebel camps in Syria on Sunday.\n"
        "One strike hit a training camp near Aleppo.\n"
        "A second strike destroyed an arms store near Homs."
    )
    assert len(result.incidents) == 2
    for incident in result.incidents:
        assert incident.sub_event_type == "Air/drone strike"
        assert incident.attacker and "Israel" in incident.attacker[0]
        assert incident.date is not None and incident.date.start == date(2024, 3, 3)
    places = {i.location.span.text for i in result.incidents if i.location is not None}
    assert places == {"Aleppo", "Homs"}


def test_resolve_discourse_plural_report_without_members_stays_one_incident(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "Israeli forces carried out air strikes on rebel camps near Daraa on Sunday.\n"
        "The strikes destroyed several buildings, a monitor said."
    )
    assert len(result.incidents) == 1
    assert result.incidents[0].attacker and "Israel" in result.incidents[0].attacker[0]
