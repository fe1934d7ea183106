"""The plain-language check: the Wiener Sachtextformel, counted as textstat 0.7 counted it (the figures
below are textstat's), and the shipped texts within the limit."""

from __future__ import annotations

import pytest

from lotse.check.readability import (
    READABILITY_LIMIT,
    plain_text,
    readability_score,
    texts_to_measure,
    wiener_sachtextformel,
)
from lotse.content.loader import Content


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
