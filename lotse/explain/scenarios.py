"""Scenarios in a few words, for the trainer page's library and story screens."""

from __future__ import annotations

from lotse.content.models import Scenario
from lotse.content.vocabulary import STATE_NAMES

# Short names of the canonical answers, for the scenario library (the questions' labels are sentences).
INCIDENT_SHORT = {
    "insult": "Beleidigung",
    "defamation": "falsche Behauptungen",
    "threat": "Bedrohung",
    "attack": "Angriff",
    "online_hate": "Hass im Netz",
    "doxing": "Daten veröffentlicht",
    "stalking": "Stalking",
    "property_damage": "Sachbeschädigung",
    "none": "Vorbeugen",
}
POLICE_SHORT = {
    "yes": "Anzeige gewünscht",
    "no": "keine Polizei",
    "undecided": "Polizei noch offen",
    "already_reported": "schon angezeigt",
}


def scenario_facts(scenario: Scenario) -> list[str]:
    """The scenario in a few words: incidents, danger, state, police, e.g. for the library list."""
    answers = scenario.answers
    incidents = answers.get("incident", [])
    facts = [", ".join(INCIDENT_SHORT.get(i, i) for i in (incidents if isinstance(incidents, list) else [incidents]))]
    if answers.get("danger") == "yes":
        facts.append("akute Gefahr")
    facts.append(STATE_NAMES.get(str(answers.get("state")), str(answers.get("state"))))
    facts.append(POLICE_SHORT.get(str(answers.get("police")), str(answers.get("police"))))
    return facts
