"""Every message an editor can see, pinned: one broken edit of a tiny tree each, all errors and warnings.

Each case changes one file of the minimal tree (tests/trees.py) and expects exactly these lines from
`lotse check`, so a message that loses its line, its fix or its German shows up here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from lotse.check import validate
from tests.trees import MINIMAL_STEPS, build_tree, minimal_guide, minimal_providers

TODAY = date(2026, 11, 30)

EDITS = [
    # (id, file, old, new)
    (
        "norm-without-source",
        "steps",
        "    text: Sorgen Sie vor.\n",
        "    text: Sorgen Sie vor (§ 172 Abs. 1 StPO, Art. 16 DSA).\n",
    ),
    ("unknown-key", "guide", "    text: Gefahr?\n", "    text: Gefahr?\n    optons: []\n"),
    ("missing-field", "steps", "    urgency: soon\n", ""),
    ("next-unknown", "guide", "    next: police\n", "    next: polize\n"),
    ("next-capital", "guide", "    next: danger\n", "    next: Danger\n"),
    ("next-number", "guide", "    next: danger\n", "    next: 5\n"),
    ("condition-value", "guide", "      - if: danger == 'yes'\n", "      - if: danger == 'ja'\n"),
    ("condition-concat", "guide", "      - if: danger == 'yes'\n", "      - if: danger ~ 'yes'\n"),
    ("condition-list-vs-text", "steps", "when: danger == 'yes'", "when: incident == 'attack'"),
    ("condition-always", "steps", "when: danger == 'yes'", "when: danger == 'yes' or danger != 'yes'"),
    ("condition-never", "steps", "when: danger == 'yes'", "when: danger == 'yes' and danger == 'no'"),
    (
        "variant-unknown-date",
        "steps",
        "    text: Sie sind in {{ state_name }} nicht allein.\n",
        "    text: Sie sind in {{ state_name }} nicht allein.\n    variants:\n"
        "      - if: \"'frist' in dates\"\n        text: Sie sind nicht allein.\n",
    ),
    (
        "variant-always",
        "steps",
        "    text: Sie sind in {{ state_name }} nicht allein.\n",
        "    text: Sie sind in {{ state_name }} nicht allein.\n    variants:\n"
        "      - if: \"'strafantrag' in dates or 'strafantrag' not in dates\"\n        text: Sie sind nicht allein.\n",
    ),
    (
        "variant-never-with-when",
        "steps",
        "    text: Zeigen Sie es an.\n",
        "    text: Zeigen Sie es an.\n    variants:\n"
        "      - if: \"police == 'no'\"\n        text: Sie wollen nicht anzeigen.\n",
    ),
    (
        "plan-without-priority",
        "steps",
        "steps:\n",
        "steps:\n"
        + "".join(
            f"  - id: now-{n}\n    title: Jetzt {n}\n    urgency: today\n"
            + (f"    priority: {n}\n" if n % 2 else "")
            + f'    text: Tun Sie {n}.\n    sources: [{{label: Quelle, url: "https://www.example.org/{n}"}}]\n'
            for n in range(1, 6)
        ),
    ),
    (
        "urgency-last-with-if",
        "steps",
        "    urgency: soon\n    text: Sie sind",
        "    urgency:\n      - if: police == 'yes'\n        then: today\n    text: Sie sind",
    ),
    (
        "urgency-rule-never",
        "steps",
        "    urgency: soon\n    text: Sie sind",
        "    urgency:\n      - if: police != 'yes'\n        then: today\n      - if: police == 'no'\n"
        "        then: later\n      - then: soon\n    text: Sie sind",
    ),
    (
        "urgency-days-left-unknown",
        "steps",
        "    urgency: soon\n    text: Sie sind",
        "    urgency:\n      - if: days_left_strafantrag == 'bald'\n        then: today\n      - then: soon\n"
        "    text: Sie sind",
    ),
    (
        "urgency-days-left-always",
        "steps",
        "    urgency: soon\n    text: Sie sind",
        "    urgency:\n      - if: days_left_strafantrag != 'passed' or days_left_strafantrag == 'passed'\n"
        "        then: today\n      - then: soon\n    text: Sie sind",
    ),
    (
        "urgency-always",
        "steps",
        "    urgency: soon\n    text: Sie sind",
        "    urgency:\n      - if: danger == 'yes' or danger != 'yes'\n        then: today\n      - then: soon\n"
        "    text: Sie sind",
    ),
    ("text-placeholder", "steps", "{{ state_name }}", "{{ land }}"),
    ("text-division", "steps", "{{ state_name }}", "{{ 1/0 }}"),
    ("text-include", "steps", "text: Rufen Sie 110.", "text: \"{% include 'x' %}\""),
    ("duplicate-step", "steps", "  - id: talk\n", "  - id: emergency-110\n"),
    ("duplicate-provider", "providers", "  - id: by-help\n", "  - id: by-police\n"),
    (
        "unknown-state",
        "providers",
        "    states: [BY]\n    incidents: all\n    police_relation: independent",
        "    states: [BAY]\n    incidents: all\n    police_relation: independent",
    ),
    ("http-url", "providers", "url: https://www.by-help.de\n", "url: http://www.by-help.de\n"),
    ("phone-12", "providers", '    phone: "110"\n', '    phone: "12"\n'),
    (
        "email-phish",
        "providers",
        "    url: https://www.by-help.de\n",
        '    url: https://www.by-help.de\n    email: "Beratung](https://phish.example/#)@x.de"\n',
    ),
    (
        "date-13",
        "providers",
        '  - id: by-help\n    name: by-help\n    kind: victim_support\n    states: [BY]\n    incidents: all\n    police_relation: independent\n    description: Beschreibung\n    url: https://www.by-help.de\n    anonymous: unknown\n    free_of_charge: "yes"\n    source: https://www.by-help.de/quelle\n    source_date: 2025-05\n    verified: 2026-11-01',
        '  - id: by-help\n    name: by-help\n    kind: victim_support\n    states: [BY]\n    incidents: all\n    police_relation: independent\n    description: Beschreibung\n    url: https://www.by-help.de\n    anonymous: unknown\n    free_of_charge: "yes"\n    source: https://www.by-help.de/quelle\n    source_date: 2025-05\n    verified: 2026-13-01',
    ),
    ("date-int", "guide", "reviewed: 2026-11-01", "reviewed: 20261101"),
    ("reviewed-future", "guide", "reviewed: 2026-11-01", "reviewed: 2099-01-01"),
    (
        "rule-never-fires",
        "guide",
        "      - to: state\n",
        "      - if: danger == 'yes'\n        to: state\n      - to: state\n",
    ),
    ("dead-end", "guide", "      - to: state\n", "      - if: danger == 'no'\n        to: state\n"),
    ("unreachable", "guide", "  result:\n", "  orphan:\n    type: result\n    title: Verwaist\n  result:\n"),
    ("cycle", "guide", "    next: result\n  result:", "    next: incident\n  result:"),
    ("canonical-missing-value", "guide", '      - {value: "TH", label: "state TH"}\n', ""),
    ("further-no-default", "guide", '    default: "no"\n', ""),
    ("wrong-node-type", "guide", "    type: info\n", "    type: infobox\n"),
    (
        "image-in-step",
        "steps",
        "text: Rufen Sie 110.",
        'text: "Rufen Sie 110. ![x](https://tracker.example.org/p.png)"',
    ),
    ("http-link-in-step", "steps", "text: Rufen Sie 110.", 'text: "[Hilfe](http://www.example.org)"'),
    (
        "js-link-in-provider",
        "providers",
        "    description: Beschreibung\n    url: https://www.by-help.de\n",
        '    description: "[klick](javascript:alert(1))"\n    url: https://www.by-help.de\n',
    ),
    ("bad-tel-link", "steps", "text: Rufen Sie 110.", 'text: "[Anrufen](tel:12)"'),
    ("html-in-step", "steps", "text: Rufen Sie 110.", "text: <b>Rufen</b> Sie 110."),
    ("control-char", "steps", "title: Notruf\n", "title: Not\u0007ruf\n"),
    (
        "date-unknown-answer",
        "guide",
        '    default: "no"\n    next: result\n',
        '    dates:\n      - {use: strafantrag, label: Welcher Tag?, only_for: ["vielleicht"]}\n    default: "no"\n'
        "    next: result\n",
    ),
    (
        "date-two-for-one-answer",
        "guide",
        '    default: "no"\n    next: result\n',
        "    dates:\n      - {use: strafantrag, label: Welcher Tag?}\n"
        '      - {use: report, label: Anzeige?, only_for: ["yes"]}\n    default: "no"\n    next: result\n',
    ),
    (
        "date-multiple-choice",
        "guide",
        "    multiple: true\n",
        "    multiple: true\n    dates:\n      - {use: report, label: Tag?}\n",
    ),
    (
        "date-unknown-use",
        "guide",
        '    default: "no"\n    next: result\n',
        '    dates:\n      - {use: anzeige, label: Welcher Tag?}\n    default: "no"\n    next: result\n',
    ),
    ("zero-width", "steps", "title: Notruf\n", "title: Not\u200bruf\n"),
    (
        "stale",
        "providers",
        'verified: 2026-11-01\n    verified_how: live\n    phone: "110"',
        'verified: 2025-01-01\n    verified_how: live\n    phone: "110"',
    ),
    (
        "old-source",
        "providers",
        'source_date: 2025-05\n    verified: 2026-11-01\n    verified_how: live\n    phone: "110"',
        'source_date: 2015\n    verified: 2026-11-01\n    verified_how: live\n    phone: "110"',
    ),
    ("never-live", "providers", 'verified_how: live\n    phone: "110"', 'verified_how: archive\n    phone: "110"'),
    ("state-without-contact", "providers", None, None),
    ("alias", "providers", "providers:\n", "x: &a 1\nproviders:\n"),
    ("empty-file", "steps", None, ""),
]

EXPECTED: dict[str, list[str]] = {
    "norm-without-source": [
        "flows/steps.yaml:2: Warnung: Schritt 'prevention' nennt Art. 16 DSA, hat aber keine Quelle dafür. Ergänzen Sie unter 'sources' eine Quelle, deren label Art. 16 DSA nennt (oder deren Adresse die Seite dieser Vorschrift ist), oder streichen Sie die Angabe. Jede Rechtsaussage steht auch in docs/legal-register.md.",
        "flows/steps.yaml:2: Warnung: Schritt 'prevention' nennt § 172 StPO, hat aber keine Quelle dafür. Ergänzen Sie unter 'sources' eine Quelle, deren label § 172 StPO nennt (oder deren Adresse die Seite dieser Vorschrift ist), oder streichen Sie die Angabe. Jede Rechtsaussage steht auch in docs/legal-register.md.",
    ],
    "unknown-key": [
        "flows/guide.yaml:24: Fehler: nodes.danger.optons: Unbekannter Schlüssel 'optons'. Meinten Sie 'options'? Erlaubt sind hier: type, text, help, advisor_note, multiple, options, default, dates, next.",
    ],
    "missing-field": [
        "flows/steps.yaml:14: Fehler: steps.2.urgency: Das Pflichtfeld 'urgency' fehlt. Bitte ergänzen (siehe docs/editing.md).",
    ],
    "next-unknown": [
        "flows/guide.yaml:57: Fehler: 'next: polize' verweist auf einen Knoten, den es nicht gibt. Meinten Sie 'police'?",
    ],
    "next-capital": [
        "flows/guide.yaml:20: Fehler: 'next: Danger' verweist auf einen Knoten, den es nicht gibt. Meinten Sie 'danger'?",
    ],
    "next-number": [
        "flows/guide.yaml:20: Fehler: nodes.incident.next: Hier steht ein Knoten-Name (z. B. 'next: danger') oder eine Liste von Regeln ('- if: …' und 'to: …').",
    ],
    "condition-value": [
        "flows/guide.yaml:29: Fehler: Die Bedingung 'danger == 'ja'': 'danger' kennt 'ja' nicht. Möglich: yes, no, unsure.",
    ],
    "condition-concat": [
        "flows/guide.yaml:29: Fehler: Die Bedingung 'danger ~ 'yes'': 'Concat' ist nicht erlaubt. Erlaubt sind nur Antworten, Texte in Anführungszeichen, ==, !=, in, not in, and, or, not und 'is any_of(...)'.",
    ],
    "condition-list-vs-text": [
        "flows/steps.yaml:11: Fehler: Schritt 'emergency-110': Die Bedingung 'incident == 'attack'': '==' passt hier nicht. 'incident' ist eine Liste (mehrere Antworten): schreiben Sie z. B. 'attack' in incident.",
    ],
    "condition-always": [
        "flows/steps.yaml:8: Fehler: Schritt 'emergency-110': Die Bedingung 'danger == 'yes' or danger != 'yes'' trifft immer zu, egal was geantwortet wird. Prüfen Sie Vergleich und Werte (z. B. '==' statt '~', 'wert' in liste bei Mehrfachauswahl).",
    ],
    "condition-never": [
        "flows/steps.yaml:8: Fehler: Schritt 'emergency-110': Die Bedingung 'danger == 'yes' and danger == 'no'' trifft nie zu, egal was geantwortet wird. Prüfen Sie Vergleich und Werte (z. B. '==' statt '~', 'wert' in liste bei Mehrfachauswahl).",
    ],
    "variant-unknown-date": [
        "flows/steps.yaml:19: Fehler: Schritt 'talk', variants: Die Bedingung ''frist' in dates': 'dates' kennt 'frist' nicht. Möglich: strafantrag, beschwerde, report.",
    ],
    "variant-always": [
        "flows/steps.yaml:19: Fehler: Schritt 'talk', variants: Die Bedingung ''strafantrag' in dates or 'strafantrag' not in dates' trifft immer zu, egal was geantwortet wird. Prüfen Sie Vergleich und Werte (z. B. '==' statt '~', 'wert' in liste bei Mehrfachauswahl).",
    ],
    "variant-never-with-when": [
        "flows/steps.yaml:25: Fehler: Schritt 'report', variants: Die Bedingung 'police == 'no'' trifft nie zu, wenn der Schritt gezeigt wird (when: police == 'yes' and author_known == 'yes'). Niemand liest diese Fassung: Ändern Sie ihr 'if' oder das 'when' des Schritts, oder löschen Sie die Fassung.",
    ],
    "plan-without-priority": [
        "flows/steps.yaml:8: Fehler: 7 Schritte können in den Plan oben („Jetzt tun“) kommen, er hat 5 Plätze. Geben Sie diesen Schritten eine 'priority' (1–99, kleiner zuerst): now-2, now-4, emergency-110, report.",
    ],
    "urgency-last-with-if": [
        "flows/steps.yaml:16: Fehler: Schritt 'talk': Die letzte Regel unter 'urgency' braucht kein 'if', damit jeder Schritt eine Dringlichkeit hat (z. B. '- then: soon').",
    ],
    "urgency-rule-never": [
        "flows/steps.yaml:19: Fehler: Schritt 'talk': Die Regel 'then: later' unter 'urgency' greift nie, wenn der Schritt gezeigt wird (eine Regel darüber oder 'when:' schließt sie aus). Ändern Sie ihr 'if' oder löschen Sie sie.",
    ],
    "urgency-days-left-unknown": [
        "flows/steps.yaml:17: Fehler: Schritt 'talk': Die Bedingung 'days_left_strafantrag == 'bald'': 'days_left_strafantrag' kennt 'bald' nicht. Möglich: unknown, passed, up_to_7, up_to_14, up_to_30, more.",
    ],
    "urgency-days-left-always": [
        "flows/steps.yaml:17: Fehler: Schritt 'talk', urgency: Die Bedingung 'days_left_strafantrag != 'passed' or days_left_strafantrag == 'passed'' trifft immer zu, egal was geantwortet wird. Prüfen Sie Vergleich und Werte (z. B. '==' statt '~', 'wert' in liste bei Mehrfachauswahl).",
        "flows/steps.yaml:19: Fehler: Schritt 'talk': Die Regel 'then: soon' unter 'urgency' greift nie, wenn der Schritt gezeigt wird (eine Regel darüber oder 'when:' schließt sie aus). Ändern Sie ihr 'if' oder löschen Sie sie.",
    ],
    "urgency-always": [
        "flows/steps.yaml:17: Fehler: Schritt 'talk', urgency: Die Bedingung 'danger == 'yes' or danger != 'yes'' trifft immer zu, egal was geantwortet wird. Prüfen Sie Vergleich und Werte (z. B. '==' statt '~', 'wert' in liste bei Mehrfachauswahl).",
        "flows/steps.yaml:19: Fehler: Schritt 'talk': Die Regel 'then: soon' unter 'urgency' greift nie, wenn der Schritt gezeigt wird (eine Regel darüber oder 'when:' schließt sie aus). Ändern Sie ihr 'if' oder löschen Sie sie.",
    ],
    "text-placeholder": [
        "flows/steps.yaml:18: Fehler: Schritt 'talk': Unbekannter Platzhalter '{{ land }}'. Erlaubt sind hier: in_state, state_name.",
    ],
    "text-division": [
        "flows/steps.yaml:18: Fehler: Schritt 'talk': '{{ … }}' mit einer Rechnung ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: in_state, state_name.",
    ],
    "text-include": [
        "flows/steps.yaml:13: Fehler: Schritt 'emergency-110': '{% … %}' (include) ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: in_state, state_name.",
    ],
    "duplicate-step": [
        "flows/steps.yaml:14: Fehler: Die ID 'emergency-110' gibt es schon. IDs müssen eindeutig sein.",
    ],
    "duplicate-provider": [
        "providers.yaml:46: Fehler: Die ID 'by-police' gibt es schon. IDs müssen eindeutig sein.",
    ],
    "unknown-state": [
        "providers.yaml:35: Fehler: providers.2.states.0: Der Wert 'BAY' ist nicht erlaubt. Erlaubt: 'DE', 'BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH' oder 'TH'.",
    ],
    "http-url": [
        "providers.yaml:39: Fehler: providers.2.url: 'http://www.by-help.de' ist keine gültige Adresse: Links müssen mit https:// beginnen.",
    ],
    "phone-12": [
        "providers.yaml:16: Fehler: providers.0.phone: Telefonnummer '12' ist keine gültige deutsche Nummer. Schreiben Sie sie, wie man sie wählt, z. B. 0800 300 99 44, 030 252 088 38, +49 351 855-2223 oder 116 006.",
    ],
    "email-phish": [
        "providers.yaml:40: Fehler: providers.2.email: 'Beratung](https://phish.example/#)@x.de' ist keine gültige E-Mail-Adresse (z. B. info@beispiel.de).",
    ],
    "date-13": [
        "providers.yaml:44: Fehler: providers.2.verified: '2026-13-01' gibt es nicht im Kalender. Schreiben Sie ein echtes Datum, z. B. 2026-11-22.",
    ],
    "date-int": [
        "flows/guide.yaml:3: Fehler: reviewed: '20261101' ist kein Datum. Schreiben Sie es so: 2026-11-22.",
    ],
    "reviewed-future": [
        "flows/guide.yaml:3: Fehler: 'reviewed': Das Datum 2099-01-01 liegt in der Zukunft. Tragen Sie das echte ein.",
    ],
    "rule-never-fires": [
        "flows/guide.yaml:31: Warnung: Die Regel 2 unter 'next' von 'danger' (if: danger == 'yes', to: state) greift auf keinem Weg: Die Regeln darüber fangen jede Antwort ab, die sie erfüllen würde. Ändern Sie ihre Bedingung, stellen Sie sie über die Regel, die sie verdeckt, oder löschen Sie sie.",
    ],
    "dead-end": [
        "flows/guide.yaml:28: Fehler: Sackgasse bei 'danger': Die letzte Regel unter 'next' braucht kein 'if', damit es immer weitergeht (z. B. '- to: result').",
    ],
    "unreachable": [
        "flows/guide.yaml:78: Fehler: Den Knoten 'orphan' erreicht kein Weg. Verweisen Sie mit 'next' auf ihn oder löschen Sie ihn.",
    ],
    "cycle": [
        "flows/guide.yaml:6: Fehler: Schleife: incident → danger → emergency → state → police → author_known → incident. Ein Weg darf keinen Knoten zweimal besuchen.",
    ],
    "canonical-missing-value": [
        "flows/guide.yaml:40: Fehler: Der Frage 'state' fehlen die Antworten: TH.",
    ],
    "further-no-default": [
        "flows/guide.yaml:70: Fehler: Die Frage 'author_known' braucht einen 'default', damit ein Ergebnis auch ohne diese Antwort möglich ist.",
    ],
    "wrong-node-type": [
        "flows/guide.yaml:32: Fehler: nodes.emergency: Unbekannter Typ 'infobox'. Erlaubt: 'question', 'info', 'result'.",
    ],
    "image-in-step": [
        "flows/steps.yaml:8: Fehler: Schritt 'emergency-110': Bilder (![…](…)) sind nicht erlaubt: Sie würden von fremden Servern geladen. Beschreiben Sie es in Worten oder setzen Sie einen Link.",
    ],
    "http-link-in-step": [
        "flows/steps.yaml:8: Fehler: Schritt 'emergency-110': Der Link 'http://www.example.org' ist nicht erlaubt. Links beginnen mit https://, tel: oder mailto:.",
    ],
    "js-link-in-provider": [
        "providers.yaml:32: Fehler: 'by-help': 'javascript:…' ist nicht erlaubt. Adressen beginnen mit https://.",
    ],
    "bad-tel-link": [
        "flows/steps.yaml:8: Fehler: Schritt 'emergency-110': Der Link 'tel:12' ist ungültig: Telefonnummer '12' ist keine gültige deutsche Nummer. Schreiben Sie sie, wie man sie wählt, z. B. 0800 300 99 44, 030 252 088 38, +49 351 855-2223 oder 116 006.",
        "flows/steps.yaml:12: Warnung: 'emergency-110' ist schwer lesbar (Wiener Sachtextformel 31.6, Grenze 7). Kürzere Sätze, weniger lange Wörter, Fachbegriffe einmal erklären.",
    ],
    "html-in-step": [
        "flows/steps.yaml:8: Fehler: Schritt 'emergency-110': HTML ist nicht erlaubt und wird nicht angezeigt. Nutzen Sie Markdown, z. B. **fett**.",
    ],
    "control-char": [
        "flows/steps.yaml:9: Fehler: Unsichtbares Steuerzeichen (U+0007) in dieser Zeile. Löschen Sie es, am besten indem Sie die Zeile neu tippen.",
    ],
    "date-unknown-answer": [
        "flows/guide.yaml:77: Fehler: 'only_for' nennt vielleicht: keine Antwort dieser Frage. Möglich: yes, no.",
    ],
    "date-two-for-one-answer": [
        "flows/guide.yaml:76: Fehler: Mehrere Daten gelten für dieselbe Antwort (yes). Pro Antwort ist höchstens eines möglich: Grenzen Sie die Daten mit 'only_for' ab.",
    ],
    "date-multiple-choice": [
        "flows/guide.yaml:11: Fehler: Ein Datum gibt es nur bei Fragen ohne 'multiple: true'.",
    ],
    "date-unknown-use": [
        "flows/guide.yaml:77: Fehler: nodes.author_known.dates.0.use: Der Wert 'anzeige' ist nicht erlaubt. Erlaubt: 'strafantrag', 'beschwerde' oder 'report'.",
    ],
    "zero-width": [
        "flows/steps.yaml:9: Fehler: steps.1.title: Der Text enthält ein unsichtbares Zeichen (U+200B). Löschen Sie es, am besten indem Sie das Wort neu tippen.",
    ],
    "stale": [
        "providers.yaml:14: Warnung: 'de-110' wurde zuletzt am 2025-01-01 geprüft (über 12 Monate). Bitte die Quelle erneut prüfen und das Datum aktualisieren.",
    ],
    "old-source": [
        "providers.yaml:13: Warnung: Die Quelle von 'de-110' ist von 2015 (älter als 3 Jahre). Suchen Sie eine neuere Seite der Stelle selbst und tragen Sie sie als source ein.",
    ],
    "never-live": [
        "providers.yaml:1: Warnung: 1 von 6 Kontakten wurden nie live geprüft (verified_how ist nicht 'live'). Liste nach Ländern: python -m lotse coverage; Adressen prüfen: python -m lotse links.",
    ],
    "state-without-contact": [
        "flows/guide.yaml:11: Fehler: Für 'insult' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:11: Fehler: Für 'insult' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:12: Fehler: Für 'defamation' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:12: Fehler: Für 'defamation' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:13: Fehler: Für 'threat' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:13: Fehler: Für 'threat' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:14: Fehler: Für 'attack' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:14: Fehler: Für 'attack' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:15: Fehler: Für 'online_hate' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:15: Fehler: Für 'online_hate' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:16: Fehler: Für 'doxing' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:16: Fehler: Für 'doxing' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:17: Fehler: Für 'stalking' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:17: Fehler: Für 'stalking' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:18: Fehler: Für 'property_damage' fehlt ein Weg zur Anzeige bei der Polizei, der diesen Vorfall annimmt (report_route mit passenden incidents), in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:18: Fehler: Für 'property_damage' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:19: Fehler: Für 'none' fehlt eine Ansprechstelle des Landes in: BY. Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
        "flows/guide.yaml:42: Fehler: BY hat keinen Weg, persönlich Anzeige zu erstatten (report_route: in_person), z. B. jede Wache der Landespolizei (§ 158 StPO). Ergänzen Sie providers.yaml oder dokumentieren Sie die Lücke in docs/content-gaps.md.",
    ],
    "alias": [
        "providers.yaml:1: Fehler: Anker und Verweise (&name, *name) sind in Lotse-Dateien nicht erlaubt: Schreiben Sie den Text an jeder Stelle aus.",
    ],
    "empty-file": [
        "flows/steps.yaml:1: Fehler: Die Datei ist leer oder beginnt nicht mit 'schlüssel: wert'-Zeilen.",
    ],
}


def edited_files(case: str, file: str, old: str | None, new: str | None) -> dict[str, str]:
    texts = {"guide": minimal_guide(), "steps": MINIMAL_STEPS, "providers": minimal_providers()}
    if case == "state-without-contact":
        texts[file] = re.sub(r"  - id: by-(help|police)\n(    .*\n)+", "", texts[file])
    elif old is None:
        texts[file] = new or ""
    else:
        assert old in texts[file], f"{case}: the minimal tree changed"
        texts[file] = texts[file].replace(old, new or "", 1)
    return texts


@pytest.mark.parametrize(("case", "file", "old", "new"), EDITS, ids=[edit[0] for edit in EDITS])
def test_each_broken_edit_gets_exactly_these_messages(tmp_path: Path, case: str, file: str, old: str, new: str) -> None:
    texts = edited_files(case, file, old, new)
    build_tree(tmp_path, guide=texts["guide"], steps=texts["steps"], providers=texts["providers"])
    report = validate(tmp_path, TODAY)
    assert [str(problem) for problem in report.errors + report.warnings] == EXPECTED[case]


def test_the_minimal_tree_has_no_message_at_all(tmp_path: Path) -> None:
    build_tree(tmp_path)
    assert validate(tmp_path, TODAY).problems == []


def test_every_case_has_its_expectation() -> None:
    assert [edit[0] for edit in EDITS] == list(EXPECTED)
