"""Conditions and step texts from YAML: only the whitelisted syntax compiles; nothing else ever runs."""

from __future__ import annotations

import pytest

from lotse.content.expressions import AnswerDomain, ExpressionError, compile_condition, compile_text
from lotse.content.vocabulary import INCIDENTS

DOMAINS = {
    "incident": AnswerDomain(INCIDENTS, multiple=True),
    "danger": AnswerDomain(("yes", "no")),
    "police": AnswerDomain(("yes", "no", "undecided", "already_reported")),
}
PLACEHOLDERS = {"state_name"}
WHITELIST = (
    "ist nicht erlaubt. Erlaubt sind nur Antworten, Texte in Anführungszeichen, ==, !=, in, not in, and, or, not "
    "und 'is any_of(...)'."
)


def refused(source: str) -> str:
    with pytest.raises(ExpressionError) as caught:
        compile_condition(source, DOMAINS)
    return str(caught.value)


@pytest.mark.parametrize(
    ("source", "answers", "holds"),
    [
        ("danger == 'yes'", {"danger": "yes"}, True),
        ("danger != 'yes'", {"danger": "yes"}, False),
        ("police in ['yes', 'undecided']", {"police": "undecided"}, True),
        ("'threat' in incident", {"incident": ["insult", "threat"]}, True),
        ("'threat' not in incident", {"incident": ["insult"]}, True),
        ("incident == ['none']", {"incident": ["none"]}, True),
        ("incident is any_of('insult', 'defamation')", {"incident": ["defamation"]}, True),
        ("not (danger == 'yes' or 'attack' in incident)", {"danger": "no", "incident": ["insult"]}, True),
        ("danger == 'yes'", {}, False),  # an answer not given: the condition does not hold
    ],
)
def test_whitelisted_conditions_hold_as_written(source: str, answers: dict, holds: bool) -> None:
    assert compile_condition(source, DOMAINS).holds(answers) is holds


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("danger ~ 'yes'", f"Die Bedingung 'danger ~ 'yes'': 'Concat' {WHITELIST}"),
        (
            "danger == true",
            "Die Bedingung 'danger == true': Verglichen wird nur mit Texten in Anführungszeichen oder einer Liste davon, z. B. 'yes'.",
        ),
        (
            "incident == 'attack'",
            "Die Bedingung 'incident == 'attack'': '==' passt hier nicht. 'incident' ist eine Liste (mehrere Antworten): "
            "schreiben Sie z. B. 'attack' in incident.",
        ),
        (
            "'ye' in danger",
            "Die Bedingung ''ye' in danger': 'in' passt hier nicht. 'danger' ist eine einzelne Antwort: "
            "schreiben Sie z. B. danger == 'ye'.",
        ),
        ("danger == 'ja'", "Die Bedingung 'danger == 'ja'': 'danger' kennt 'ja' nicht. Möglich: yes, no."),
        (
            "mood == 'bad'",
            "Die Bedingung 'mood == 'bad'': Die Antwort 'mood' gibt es nicht. Bekannt: danger, incident, police.",
        ),
        (
            "danger",
            "Die Bedingung 'danger': 'danger' allein ist keine Bedingung. Vergleichen Sie, z. B. danger == '…'.",
        ),
        (
            "range(10) == 'x'",
            "Die Bedingung 'range(10) == 'x'': Ein Vergleich braucht genau eine Antwort und einen Text oder eine Liste von Texten.",
        ),
        (
            "danger is defined",
            "Die Bedingung 'danger is defined': Der Test 'defined' ist nicht erlaubt. Erlaubt ist nur: antwort is any_of('a', 'b').",
        ),
        (
            "danger == 'yes' == 'yes'",
            "Die Bedingung 'danger == 'yes' == 'yes'': Erlaubt ist genau ein Vergleich mit ==, !=, in oder not in.",
        ),
        ("danger == ", "Die Bedingung 'danger == ' lässt sich nicht lesen (unexpected ')')."),
    ],
)
def test_everything_else_is_refused_with_the_reason(source: str, message: str) -> None:
    assert refused(source) == message


@pytest.mark.parametrize(
    "source",
    [
        "('a' * 10**10) == danger",
        "danger.upper() == 'YES'",
        "danger|lower == 'yes'",
        "incident[0] == 'threat'",
        "[x for x in incident]",
    ],
)
def test_arithmetic_calls_filters_and_item_access_never_compile(source: str) -> None:
    with pytest.raises(ExpressionError):
        compile_condition(source, DOMAINS)  # refused before Jinja compiles (which would fold 'a' * 10**10)


def test_a_step_text_renders_its_placeholders() -> None:
    text = compile_text("Hilfe in **{{ state_name }}**.", PLACEHOLDERS)
    assert text.names == frozenset({"state_name"})
    assert text.render({"state_name": "Bayern"}) == "Hilfe in **Bayern**."


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (
            "a {{ 1/0 }}",
            "'{{ … }}' mit einer Rechnung ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: state_name.",
            1,
        ),
        (
            "a\n{{ incident[99] }}",
            "'{{ … }}' mit eckigen Klammern ([…]) ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: state_name.",
            2,
        ),
        (
            "{{ incident.append('attack') }}",
            "'{{ … }}' mit einem Aufruf (…) ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: state_name.",
            1,
        ),
        (
            "{{ state_name | upper }}",
            "'{{ … }}' mit einem Filter (|) ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: state_name.",
            1,
        ),
        (
            "x\n\n{% include 'other' %}",
            "'{% … %}' (include) ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: state_name.",
            3,
        ),
        (
            "{% for i in range(9999999) %}{% for j in range(9999999) %}x{% endfor %}{% endfor %}",
            "'{% … %}' (for) ist nicht erlaubt. Erlaubt sind nur Text und Platzhalter wie {{ name }}, hier: state_name.",
            1,
        ),
        ("{{ danger }}", "Unbekannter Platzhalter '{{ danger }}'. Erlaubt sind hier: state_name.", 1),
        (
            "{{ state_name ",
            "Der Text lässt sich nicht lesen (unexpected end of template, expected 'end of print statement'.).",
            1,
        ),
    ],
)
def test_step_texts_may_only_print_placeholders(text: str, message: str, line: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_text(text, PLACEHOLDERS)
    assert (str(caught.value), caught.value.line) == (message, line)
