"""The top of a result and its contacts (issue 25), through AppTest: "Auf einen Blick" first on every
scenario's result, 110 at the top without the emergency screen for a person not sure about danger, the
three contacts that fit best with "Alle Kontakte zeigen" for the rest, each card one HTML block with
escaped text and sources shown by their publisher, never by their raw address."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lotse.explain.glance import glance
from lotse.explain.summary import given_in_order
from lotse.guide.result import Result, compute_result
from tests.apptest import (
    advise,
    card_names,
    cards,
    in_order,
    links_in,
    page,
    page_outline,
    result_page,
    shipped,
    visible_text,
)
from ui.cards import card_html

THREAT_BY_LETTER = {
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "BY",
    "police": "undecided",
    "author_known": "no",
}
DROPPED_HH = {
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "HH",
    "police": "already_reported",
    "report_status": "dropped",
    "author_known": "no",
}
SCENARIOS = shipped().scenarios


def glance_block(at: AppTest) -> str:
    return next(n.value for n in in_order(at) if n.type == "html" and n.value.startswith('<section class="lotse-gl'))


def result_of(answers: dict[str, Any]) -> Result:
    content = shipped()
    return compute_result(content, given_in_order(content, answers))


def walkable(answers: dict[str, Any]) -> dict[str, Any]:
    """A scenario's answers with the default of every question it leaves open (the wizard asks them)."""
    defaults = {key: q.default for key, q in shipped().questions().items() if q.default is not None}
    return {**defaults, **answers}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_every_result_starts_with_the_glance(scenario: Any) -> None:
    answers = dict(scenario.answers)
    at = result_page(walkable(answers))
    outline = page_outline(at)
    emergency = outline[1] == ("link", "110 anrufen -> tel:110")  # the red box, only when in danger
    assert outline[2 if emergency else 1] == ("glance", "Auf einen Blick")
    block = glance_block(at)
    text = visible_text(block)
    shown = glance(shipped(), result_of(answers))
    assert 1 <= len(shown.actions) <= 3 and len(shown.numbers) <= 3
    for action in shown.actions:
        assert action.text in text
    for provider in shown.numbers:  # by name, or by its number on an action's button (not twice)
        assert provider.name in text or (provider.phone is not None and provider.phone in text), provider.id


def test_not_sure_about_danger_puts_110_at_the_top_without_the_emergency_box() -> None:
    at = result_page({**THREAT_BY_LETTER, "danger": "unsure"})
    outline = page_outline(at)
    assert outline[:3] == [("title", "Ihr Plan"), ("glance", "Auf einen Blick"), ("link", "110 anrufen -> tel:110")]
    assert links_in(glance_block(at))[0].kind == "emergency"
    assert "Im Zweifel: Rufen Sie die 110." in visible_text(glance_block(at))
    assert not at.error  # no red emergency box
    assert [link.kind for card in cards(at) for link in links_in(card) if link.kind == "emergency"] == []


def test_a_known_deadline_is_in_the_glance() -> None:
    at = result_page(DROPPED_HH, dates={"report_status": date.today()})  # the day the letter came
    assert re.search(r"Ihre Frist endet am \w+, \d+\. \w+ \d{4}", visible_text(glance_block(at)))


def test_the_three_best_contacts_first_and_the_rest_folded() -> None:
    at = result_page(THREAT_BY_LETTER)
    result = result_of(THREAT_BY_LETTER)
    names = card_names(at)
    assert names[:3] == [p.name for p in result.best_contacts]
    assert names[3:] == [p.name for p in result.other_contacts + result.deferred_contacts]
    folded = next(e for e in at.expander if e.label == "Alle Kontakte zeigen")
    assert not folded.proto.expanded
    inside = [visible_text(n.value) for n in in_order(folded) if n.type == "html"]
    assert len(inside) == len(result.other_contacts) >= 1


def test_a_card_is_one_block_with_no_raw_address_on_the_screen() -> None:
    at = result_page(THREAT_BY_LETTER)
    for card in cards(at):
        text = visible_text(card)
        assert "http" not in text and "?" not in text and "/" not in text.replace(" · ", ""), text
        for href in re.findall(r'href="([^"]+)"', card):
            assert href.startswith(("tel:", "mailto:", "https://")), href
    assert "bayernportal.de" in "".join(visible_text(c) for c in cards(at))  # the publisher, by its host


def test_a_card_escapes_what_the_content_says() -> None:
    starke = next(p for p in shipped().providers if p.id == "de-starke-stelle")
    hostile = starke.model_copy(
        update={"name": "<script>x</script>", "url": "javascript:alert(1)", "hours": "<b>8</b>"}
    )
    html = card_html(shipped(), hostile)
    assert "<script>" not in html and "<b>" not in html and "javascript:" not in html.split("href")[-1]
    assert "&lt;script&gt;x&lt;/script&gt;" in html and 'href="javascript' not in html


def test_the_advisors_live_result_starts_with_the_glance_too() -> None:
    outline = page_outline(advise(page("app_pages/advisor.py"), THREAT_BY_LETTER))
    assert outline.index(("glance", "Auf einen Blick")) < outline.index(("header", "Jetzt tun"))


def test_110_is_one_red_button_when_not_sure_never_a_second_small_one() -> None:
    at = result_page({**THREAT_BY_LETTER, "danger": "unsure"})
    calls = [link for link in links_in(glance_block(at)) if link.href == "tel:110"]
    assert [link.kind for link in calls] == ["emergency"]
