"""Scenarios in a few words, for the trainer page's library and story screens."""

from __future__ import annotations

from lotse.content.loader import Content
from lotse.content.ranking import IN_DANGER, IN_DOUBT
from lotse.content.schema import Scenario


def scenario_facts(content: Content, scenario: Scenario) -> list[str]:
    """The scenario in a few words: incidents, danger, state, police, e.g. for the library list.
    The short names are in texts/de.yaml (`scenarios`); the state's name is its option in the flow."""
    words = content.texts.scenarios
    answers = scenario.answers
    incidents = answers.get("incident", [])
    chosen = incidents if isinstance(incidents, list) else [incidents]
    facts = [", ".join(words.incidents.get(incident, incident) for incident in chosen)]
    if content.ranking.holds(IN_DANGER, answers):
        facts.append(words.danger)
    elif content.ranking.holds(IN_DOUBT, answers):
        facts.append(words.danger_unsure)
    state = str(answers.get("state"))
    facts.append(content.questions()["state"].label_of(state))
    police = str(answers.get("police"))
    facts.append(words.police.get(police, police))
    return facts
