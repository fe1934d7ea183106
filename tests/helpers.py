"""Build tiny content trees in tmp_path, one per test (like Copier's build_file_tree)."""

from __future__ import annotations

import textwrap
from pathlib import Path

MINIMAL_GUIDE = """\
id: guide
title: Wegweiser
reviewed: 2026-11-01
start: incident
nodes:
  incident:
    type: question
    text: Was ist passiert?
    multiple: true
    options:
      - {value: insult, label: Beleidigung}
      - {value: defamation, label: Verleumdung}
      - {value: threat, label: Drohung}
      - {value: attack, label: Angriff}
      - {value: online_hate, label: Hass im Netz}
      - {value: doxing, label: Daten veröffentlicht}
      - {value: stalking, label: Stalking}
      - {value: property_damage, label: Sachbeschädigung}
      - {value: none, label: Vorbeugen, exclusive: true}
    next: danger
  danger:
    type: question
    text: Gefahr?
    options:
      - {value: "yes", label: Ja}
      - {value: "no", label: Nein}
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
      - {value: BW, label: Baden-Württemberg}
      - {value: BY, label: Bayern}
      - {value: BE, label: Berlin}
      - {value: BB, label: Brandenburg}
      - {value: HB, label: Bremen}
      - {value: HH, label: Hamburg}
      - {value: HE, label: Hessen}
      - {value: MV, label: Mecklenburg-Vorpommern}
      - {value: NI, label: Niedersachsen}
      - {value: NW, label: Nordrhein-Westfalen}
      - {value: RP, label: Rheinland-Pfalz}
      - {value: SL, label: Saarland}
      - {value: SN, label: Sachsen}
      - {value: ST, label: Sachsen-Anhalt}
      - {value: SH, label: Schleswig-Holstein}
      - {value: TH, label: Thüringen}
    next: police
  police:
    type: question
    text: Polizei?
    options:
      - {value: "yes", label: Ja}
      - {value: "no", label: Nein}
      - {value: undecided, label: Weiß nicht}
      - {value: already_reported, label: Schon angezeigt}
    next:
      - if: incident == ['none']
        to: result
      - to: author_known
  author_known:
    type: question
    text: Wissen Sie, wer es war?
    options:
      - {value: "yes", label: Ja}
      - {value: "no", label: Nein}
    default: "no"
    next: result
  result:
    type: result
    title: Ergebnis
"""

MINIMAL_STEPS = """\
steps:
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
    sources: [{label: Quelle, url: "https://example.org/a"}]
  - id: report
    title: Anzeige
    urgency: today
    when: police == 'yes' and author_known == 'yes'
    text: Zeigen Sie es in {{ state_name }} an.
    sources: [{label: Quelle, url: "https://example.org/b"}]
"""

MINIMAL_PROVIDERS = """\
providers:
  - id: de-110
    name: Notruf 110
    kind: emergency
    states: [DE]
    incidents: all
    police_relation: police
    description: Notruf
    phone: "110"
    anonymous: unknown
    free_of_charge: "yes"
    source: https://www.polizei.de
    verified: 2026-11-01
  - id: by-police
    name: Polizei Bayern
    kind: police
    states: [BY]
    incidents: [threat, insult]
    police_relation: police
    description: Onlinewache
    url: https://www.polizei.bayern.de
    anonymous: "no"
    free_of_charge: "yes"
    source: https://www.polizei.bayern.de
    verified: 2026-11-01
  - id: by-help
    name: Beratung Bayern
    kind: victim_support
    states: [BY]
    incidents: all
    police_relation: independent
    description: Beratung
    email: hilfe@example.org
    anonymous: on_request
    free_of_charge: "yes"
    source: https://example.org/by
    verified: 2026-11-01
  - id: de-help
    name: Bundesweite Beratung
    kind: counselling
    states: [DE]
    incidents: all
    police_relation: independent
    description: Beratung
    phone: 0800 300 99 44
    anonymous: on_request
    free_of_charge: "yes"
    source: https://example.org/de
    verified: 2026-11-01
"""


def build_tree(
    root: Path,
    *,
    guide: str = MINIMAL_GUIDE,
    steps: str = MINIMAL_STEPS,
    providers: str = MINIMAL_PROVIDERS,
    scenarios: str | None = None,
) -> Path:
    """Write a content tree under `root`; pass a changed text to break one file on purpose."""
    (root / "flows").mkdir(parents=True, exist_ok=True)
    (root / "flows" / "guide.yaml").write_text(textwrap.dedent(guide), encoding="utf-8")
    (root / "flows" / "steps.yaml").write_text(textwrap.dedent(steps), encoding="utf-8")
    (root / "providers.yaml").write_text(textwrap.dedent(providers), encoding="utf-8")
    if scenarios is not None:
        (root / "flows" / "scenarios.yaml").write_text(textwrap.dedent(scenarios), encoding="utf-8")
    return root
