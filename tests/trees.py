"""Tiny content trees for one test each (like Copier's build_file_tree), generated from the vocabulary.

The minimal tree passes the whole check: every canonical question with exactly the vocabulary's
values, a contact and an in-person police route for every state, a 110 entry. A test changes one file
(or one text in it) to provoke exactly the finding it is about. Adding a state or an incident to
`lotse/content/vocabulary.py` changes these trees with it, so no test copies the values by hand.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from lotse.content.vocabulary import CANONICAL, INCIDENTS, MULTIPLE_CHOICE, STATES

EXCLUSIVE = {"none"}
TODAY = "2026-11-01"


def _options(key: str) -> str:
    lines = []
    for value in CANONICAL[key]:
        extra = ", exclusive: true" if value in EXCLUSIVE and key in MULTIPLE_CHOICE else ""
        lines.append(f'      - {{value: "{value}", label: "{key} {value}"{extra}}}')
    return "\n".join(lines)


def minimal_guide() -> str:
    return f"""\
id: guide
title: Wegweiser
reviewed: {TODAY}
start: incident
nodes:
  incident:
    type: question
    text: Was ist passiert?
    multiple: true
    options:
{_options("incident")}
    next: danger
  danger:
    type: question
    text: Gefahr?
    options:
{_options("danger")}
    next:
      - if: danger == 'yes'
        to: emergency
      - to: state
  emergency:
    type: info
    title: Notruf 110
    text: Rufen Sie 110.
    next: state
  state:
    type: question
    text: Bundesland?
    options:
{_options("state")}
    next: police
  police:
    type: question
    text: Polizei?
    options:
{_options("police")}
    next:
      - if: incident == ['none']
        to: result
      - to: author_known
  author_known:
    type: question
    text: Wissen Sie, wer es war?
    options:
      - {{value: "yes", label: Ja}}
      - {{value: "no", label: Nein}}
    default: "no"
    next: result
  result:
    type: result
    title: Ergebnis
"""


MINIMAL_STEPS = """\
steps:
  - id: prevention
    title: Vorbeugen
    urgency: later
    when: "'none' in incident"
    text: Sorgen Sie vor.
    sources: [{label: Quelle, url: "https://www.example.org/c"}]
  - id: emergency-110
    title: Notruf
    urgency: immediate
    when: danger == 'yes'
    text: Rufen Sie 110.
    sources: [{label: Polizei, url: "https://www.polizei.de"}]
  - id: talk
    title: Reden Sie darüber
    urgency: soon
    text: Sie sind in {{ state_name }} nicht allein.
    sources: [{label: Quelle, url: "https://www.example.org/a"}]
  - id: report
    title: Anzeige
    urgency: today
    when: police == 'yes' and author_known == 'yes'
    text: Zeigen Sie es an.
    sources: [{label: Quelle, url: "https://www.example.org/b"}]
  - id: incidents
    title: Was passiert ist
    urgency: soon
    when: "incident is any_of(INCIDENTS)"
    text: Schreiben Sie auf, was passiert ist.
    sources: [{label: Quelle, url: "https://www.example.org/d"}]
""".replace("INCIDENTS", ", ".join(f"'{incident}'" for incident in INCIDENTS if incident != "none"))


def _provider(provider_id: str, kind: str, states: str, relation: str, extra: str = "") -> str:
    return f"""\
  - id: {provider_id}
    name: {provider_id}
    kind: {kind}
    states: [{states}]
    incidents: all
    police_relation: {relation}
    description: Beschreibung
    url: https://www.{provider_id}.de
    anonymous: unknown
    free_of_charge: "yes"
    source: https://www.{provider_id}.de/quelle
    source_date: 2025-05
    verified: {TODAY}
    verified_how: live
{extra}"""


def minimal_providers() -> str:
    """110, a nationwide helpline, and for Bayern and for all other states together one counselling
    contact and one police route each (few entries: the fuzz test parses this file 200 times)."""
    others = ", ".join(state for state in STATES if state != "BY")
    entries = [_provider("de-110", "emergency", "DE", "police", '    phone: "110"\n')]
    entries.append(_provider("de-help", "counselling", "DE", "independent", "    phone: 0800 300 99 44\n"))
    entries.append(_provider("by-help", "victim_support", "BY", "independent"))
    entries.append(_provider("by-police", "police", "BY", "police", "    report_route: in_person\n"))
    entries.append(_provider("land-help", "victim_support", others, "independent"))
    entries.append(_provider("land-police", "police", others, "police", "    report_route: in_person\n"))
    return "providers:\n" + "".join(entries)


def build_tree(
    root: Path,
    *,
    guide: str | None = None,
    steps: str = MINIMAL_STEPS,
    providers: str | None = None,
    scenarios: str | None = None,
) -> Path:
    """Write a content tree under `root`; pass a changed text to break one file on purpose."""
    (root / "flows").mkdir(parents=True, exist_ok=True)
    files = {
        "flows/guide.yaml": guide if guide is not None else minimal_guide(),
        "flows/steps.yaml": steps,
        "providers.yaml": providers if providers is not None else minimal_providers(),
    }
    if scenarios is not None:
        files["flows/scenarios.yaml"] = scenarios
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def all_incidents_but_none() -> list[str]:
    return [incident for incident in INCIDENTS if incident not in EXCLUSIVE]
