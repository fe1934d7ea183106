"""Rules about the content as a whole: what every state and every incident must have.

For every state, every incident and every police wish, a person must find a contact of their state,
and someone who wants (or may want) to report must find a police route that takes that incident.
Every state needs a way to report in person: online police stations do not take violent crimes.
The sets come from `vocabulary`, so a new state or incident is checked without a code change; each
finding points at the incident's or the state's option in flows/guide.yaml.
"""

from __future__ import annotations

from lotse.content.expressions import Condition
from lotse.content.loader import GUIDE_FILE, Content
from lotse.content.problems import Problem
from lotse.content.vocabulary import INCIDENTS, STATES

PREVENTION = "none"
_FIX = " Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md."


def completeness_problems(content: Content) -> list[Problem]:
    problems = []
    for incident in INCIDENTS:
        line = _option_line(content, "incident", incident)
        if not any(_names(compiled.condition, incident) for compiled in content.steps):
            problems.append(
                Problem(
                    GUIDE_FILE,
                    line,
                    f"Für '{incident}' gibt es keinen Schritt in flows/steps.yaml, dessen 'when' diesen Vorfall nennt. "
                    f"Schreiben Sie mindestens einen Schritt dafür, z. B. mit when: \"'{incident}' in incident\".",
                )
            )
        without_contact = [state for state in STATES if not _state_contact(content, state, incident)]
        if without_contact:
            problems.append(
                Problem(
                    GUIDE_FILE,
                    line,
                    f"Für '{incident}' fehlt eine Ansprechstelle des Landes in: {', '.join(without_contact)}.{_FIX}",
                )
            )
        without_route = [
            state for state in STATES if incident != PREVENTION and not _police_route(content, state, incident)
        ]
        if without_route:
            problems.append(
                Problem(
                    GUIDE_FILE,
                    line,
                    f"Für '{incident}' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt "
                    f"(report_route mit passenden incidents), in: {', '.join(without_route)}.{_FIX}",
                )
            )
        if not any(p.kind == "emergency" and incident in p.incident_set for p in content.providers):
            problems.append(
                Problem(GUIDE_FILE, line, f"Für '{incident}' gibt es keinen Notruf (kind: emergency).{_FIX}")
            )
    for state in STATES:
        if not any(p.report_route == "in_person" and state in p.states for p in content.providers):
            problems.append(
                Problem(
                    GUIDE_FILE,
                    _option_line(content, "state", state),
                    f"{state} hat keinen Weg, persönlich Anzeige zu erstatten (report_route: in_person), "
                    f"z. B. jede Wache der Landespolizei (§ 158 StPO).{_FIX}",
                )
            )
    return problems


def _names(condition: Condition | None, incident: str) -> bool:
    return condition is not None and "incident" in condition.names and f"'{incident}'" in condition.expanded


def _state_contact(content: Content, state: str, incident: str) -> bool:
    return any(state in p.states and p.kind != "emergency" and incident in p.incident_set for p in content.providers)


def _police_route(content: Content, state: str, incident: str) -> bool:
    return any(p.report_route is not None and p.serves(state) and incident in p.incident_set for p in content.providers)


def _option_line(content: Content, question: str, value: str) -> int:
    options = content.questions()[question].option_values()
    index = options.index(value) if value in options else 0
    return content.line(GUIDE_FILE, ("nodes", question, "options", index))
