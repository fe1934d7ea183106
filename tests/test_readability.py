"""The plain-language check: the Wiener Sachtextformel, counted as textstat 0.7 counted it (the figures
below are textstat's), and the shipped texts within the limit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lotse.check import page_texts as check_texts
from lotse.check import readability, validate
from lotse.check.readability import (
    READABILITY_LIMIT,
    plain_text,
    readability_score,
    texts_to_measure,
    wiener_sachtextformel,
)
from lotse.content.loader import Content
from tests.conftest import TODAY
from tests.trees import MINIMAL_STEPS


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("Rufen Sie 110. Gehen Sie an einen sicheren Ort.", 1.2885111111111107),
        (
            "Die Staatsanwaltschaft klagt nur an, wenn es im öffentlichen Interesse liegt. Sonst verweist sie Sie "
            "auf die Privatklage.",
            6.170911111111112,
        ),
        (
            "Bei Beleidigung, Bedrohung, einfacher Körperverletzung und Sachbeschädigung gilt etwas Besonderes, das "
            "Sie unbedingt wissen sollten, bevor Sie Anzeige erstatten.",
            17.26127368421053,
        ),
        ("Ich bin's. Ja. Straße-Bahn, 3.5 % und mehr!", 2.5768285714285724),
        ("", 0.0),
    ],
)
def test_the_formula_gives_textstat_s_figures(text: str, score: float) -> None:
    assert wiener_sachtextformel(text) == pytest.approx(score, abs=1e-9)


def test_markdown_is_read_as_a_reader_perceives_it() -> None:
    assert plain_text("**Wichtig:** [Hilfe](https://x.de)\n- eins\n- zwei").split() == [
        "Wichtig:",
        "Hilfe.",
        "eins.",
        "zwei.",
    ]


def test_every_shipped_text_is_within_the_limit(shipped: Content) -> None:
    hard = [(text_id, round(readability_score(text), 1)) for _, text_id, _, text in texts_to_measure(shipped)]
    assert [item for item in hard if item[1] > READABILITY_LIMIT] == []


HARD = (
    "Bei Beleidigung, Bedrohung, einfacher Körperverletzung und Sachbeschädigung gilt etwas Besonderes, das "
    "Sie unbedingt wissen sollten, bevor Sie Anzeige erstatten."
)


def test_the_check_warns_about_a_hard_text_and_callers_that_need_no_warnings_skip_the_measure(
    tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(steps=MINIMAL_STEPS.replace("text: Sorgen Sie vor.", f"text: {HARD}"))
    full = validate(root, TODAY)
    assert [str(p) for p in full.warnings] == [
        "flows/steps.yaml:6: Warnung: 'prevention' ist schwer lesbar (Wiener Sachtextformel 17.3, Grenze 7). "
        "Kürzere Sätze, weniger lange Wörter, Fachbegriffe einmal erklären."
    ]

    def not_measured(*args: object) -> float:
        raise AssertionError("readability measured although no warning is wanted")

    monkeypatch.setattr(readability, "readability_score", not_measured)
    monkeypatch.setattr(check_texts, "readability_score", not_measured)
    usable = validate(root, TODAY, warnings=False)
    assert usable.content is not None and usable.problems == []


def test_syllables_are_pyphen_s_german_hyphenation_points_plus_one_word_by_word_or_all_at_once() -> None:
    expected = {
        "Staatsanwaltschaft": 4,
        "Strafantrag": 3,
        "Körperverletzung": 5,
        "Bürgermeisterin": 5,
        "Gemeinderat": 4,
        "Anzeige": 3,
        "Ort": 1,
        "Straße-Bahn": 3,
        "bin's": 2,
        "110": 1,
    }
    one_by_one = {word: readability._syllable_counts([word])[word] for word in expected}
    assert one_by_one == expected
    readability._SYLLABLES.clear()
    together = readability._syllable_counts(expected)
    assert {word: together[word] for word in expected} == expected
