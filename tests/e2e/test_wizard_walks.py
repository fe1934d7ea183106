"""Walks through the self-guided wizard in Chromium, on a desktop (1280×800) and a phone (390×844).

Each walk follows a scenario from flows/scenarios.yaml, takes a detour with "Zurück" or "Ändern", and
checks what a person would see: the check page lists the answers, the result shows the plan (at most five
steps), the folded rest and the contacts for that case (computed by the core and named in the scenario),
and with danger the emergency box comes before the steps. A screenshot of every screen goes to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lotse.content.loader import Content
from lotse.content.schema import Scenario
from lotse.documents.catalog import load_catalog
from lotse.documents.letters import letters_for
from lotse.explain.summary import given_in_order, result_sections
from lotse.guide.result import compute_result
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    ALL_CONTACTS,
    CALL_110,
    CONTACTS_HEADING,
    EMERGENCY_BOX_TEXT,
    STEPS_HEADING,
    VIEWPORTS,
    Shots,
    Wizard,
    main_text,
    ordered,
    show_all_contacts,
)

pytestmark = pytest.mark.e2e

Answers = dict[str, Any]


def scenario(content: Content, scenario_id: str) -> Scenario:
    return next(s for s in content.scenarios if s.id == scenario_id)


# --- the three walks -------------------------------------------------------------------------------


def walk_threat_online(wizard: Wizard, answers: Answers) -> None:
    """Threat in a comment (NRW). Back once on the way; the state is first answered wrongly (Bavaria)
    and corrected with "Ändern" on the check page."""
    wizard.answer("incident", answers["incident"])
    wizard.expect_screen("danger")
    wizard.answer("danger", answers["danger"])
    wizard.expect_screen("channel")
    wizard.back()
    wizard.expect_screen("danger")
    wizard.expect_chosen("danger", answers["danger"])  # "Zurück" keeps the answer
    wizard.next()
    wizard.expect_screen("channel")
    wizard.answer("channel", answers["channel"])
    wizard.expect_screen("storm")  # online hate in a comment: many senders at once?
    wizard.answer("storm", answers["storm"])
    wizard.expect_screen("state")
    wizard.answer("state", "BY")
    wizard.expect_screen("police")
    wizard.answer("police", answers["police"])
    wizard.expect_screen("author_known")
    wizard.answer("author_known", answers["author_known"])
    wizard.expect_check()
    wizard.assert_check_lists({**answers, "state": "BY"})
    wizard.change("state")
    wizard.expect_chosen("state", "BY")
    wizard.answer("state", answers["state"])
    wizard.expect_check()  # nothing else is missing: straight back to the check page
    wizard.assert_check_lists(answers)


def walk_attack_in_danger(wizard: Wizard, answers: Answers) -> None:
    """Attack, the attacker still nearby (Saxony): the emergency screen comes right after the danger
    question, with the call button first. "Zurück" on the check page and forward again."""
    wizard.answer("incident", answers["incident"])
    wizard.expect_screen("danger")
    wizard.answer("danger", "yes")
    wizard.expect_screen("emergency")
    expect(wizard.page.get_by_role("link", name=CALL_110, exact=True)).to_have_attribute("href", "tel:110")
    expect(wizard.page.get_by_text("112", exact=False).first).to_be_visible()
    wizard.next()
    wizard.expect_screen("state")
    wizard.answer("state", answers["state"])
    wizard.expect_screen("police")
    wizard.answer("police", answers["police"])
    wizard.expect_screen("author_known")
    wizard.answer("author_known", answers["author_known"])
    wizard.expect_check()
    wizard.assert_check_lists(answers)
    wizard.back()
    wizard.expect_screen("author_known")
    wizard.expect_chosen("author_known", answers["author_known"])
    wizard.next()
    wizard.expect_check()
    wizard.assert_check_lists(answers)


def walk_defamation_reported(wizard: Wizard, answers: Answers) -> None:
    """Defamation already reported (Bavaria): the longest path, through the report-status and "when
    did you learn" questions; the date is corrected with "Ändern"."""
    for key, following in [
        ("incident", "danger"),
        ("danger", "channel"),
        ("channel", "state"),
        ("state", "police"),
        ("police", "report_status"),
        ("report_status", "author_known"),
        ("author_known", "learned"),
    ]:
        wizard.answer(key, answers[key])
        wizard.expect_screen(following)
    wizard.answer("learned", "unsure")
    wizard.expect_check()
    wizard.assert_check_lists({**answers, "learned": "unsure"})
    wizard.change("learned")
    wizard.answer("learned", answers["learned"])
    wizard.expect_check()
    wizard.assert_check_lists(answers)


WALKS: dict[str, tuple[Callable[[Wizard, Answers], None], Answers]] = {
    "pruegel-im-kommentar": (walk_threat_online, {"channel": ["online"], "storm": "no"}),
    "angriff-bei-buergerversammlung": (walk_attack_in_danger, {}),
    "verleumdung-angezeigt-nichts-passiert": (walk_defamation_reported, {"channel": ["online", "message"]}),
}
"""Each walk and the channel it chooses (the scenarios leave the channel open)."""


# --- what the result page must show ----------------------------------------------------------------


def folded_labels(page: Page, letter_key: str) -> tuple[list[str], list[str]]:
    """The labels of the folded parts: those of the steps, and those of the letters (keyed `letter_key…`),
    without the icons' names (Material icons are ligatures: their name is their text)."""
    found = page.locator('[data-testid="stExpander"] summary').evaluate_all(
        "(summaries, key) => summaries.map(s => [s.closest(`[class*='${key}']`) !== null, s.innerText])",
        letter_key,
    )
    steps, letters = [], []
    for is_letter, text in found:
        label = re.sub(r"^(?:(?:keyboard_arrow_\w+|mail) )+", "", " ".join(text.split()))
        (letters if is_letter else steps).append(label)
    return steps, letters


def assert_result(page: Page, content: Content, case: Scenario, answers: Answers) -> None:
    given = given_in_order(content, answers)
    result = compute_result(content, given)
    sections = result_sections(content, result)
    show_all_contacts(page)
    text = main_text(page)
    steps_part, _, contacts_part = text.partition(CONTACTS_HEADING)

    plan = [" ".join(t.split()) for t in page.locator("[class*='st-key-result_plan_']").all_inner_texts()]
    assert len(plan) == len(sections.plan) <= 5
    for number, (item, step) in enumerate(zip(plan, sections.plan, strict=True), start=1):
        assert item.startswith(f"{number}. {step.title}"), item
    folded = [step.title for _, steps in sections.more for step in steps]
    steps_folded, letters_folded = folded_labels(page, "st-key-result_open_")
    assert [label for label in steps_folded if label not in {"Mehr lesen", ALL_CONTACTS}] == folded
    catalog = load_catalog(content.root, content)
    assert letters_folded == [letter.title for letter in letters_for(catalog, result.answers.effective)]

    step_titles = {compiled.step.id: compiled.step.title for compiled in content.steps}
    for step_id in case.expected.steps:
        assert step_titles[step_id] in steps_part, f"scenario step {step_id} ({step_titles[step_id]}) not shown"
    for step_id in case.expected.absent_steps:
        assert step_titles[step_id] not in steps_part, f"step {step_id} must not be shown for {case.id}"

    names = [provider.name for provider in [*result.main_contacts, *result.deferred_contacts]]
    assert not ordered(contacts_part, names), f"contacts missing or out of order: {ordered(contacts_part, names)}"
    for provider_id in case.expected.contacts:
        assert content.provider(provider_id).name in contacts_part, f"scenario contact {provider_id} not shown"

    emergency = page.get_by_text(EMERGENCY_BOX_TEXT, exact=False)
    if result.emergency:
        expect(emergency).to_be_visible()
        steps_heading = page.get_by_role("heading", name=STEPS_HEADING, exact=True)
        box_first = emergency.evaluate(
            "(box, heading) => !!(box.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING)",
            steps_heading.element_handle(),
        )
        assert box_first, "the emergency text must come before the steps"
    else:
        expect(emergency).to_have_count(0)

    questions = content.questions()
    for key, value in given.items():  # the "Ihre Angaben" list under the result
        expect(page.locator(f".st-key-result_change_{key}")).to_have_count(1)
        for v in value if isinstance(value, list) else [value]:
            assert questions[key].label_of(v) in text


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scenario_id", WALKS)
def test_walk(
    viewport: str,
    scenario_id: str,
    open_page: Callable[..., Page],
    server: Server,
    content: Content,
    make_shots: Callable[[Page], Shots],
) -> None:
    case = scenario(content, scenario_id)
    walk, extra = WALKS[scenario_id]
    answers = {**case.answers, **extra}
    page = open_page(VIEWPORTS[viewport])
    shots = make_shots(page)
    wizard = Wizard(page, content, shots)
    wizard.open(server.url)
    wizard.start()
    walk(wizard, given_in_order(content, answers))
    wizard.show_result()
    assert_result(page, content, case, answers)
    if scenario_id == "pruegel-im-kommentar":
        # The state was changed from Bavaria to NRW: Bavaria's own contacts are gone.
        bavaria = {p.name for p in compute_result(content, {**answers, "state": "BY"}).contacts}
        nrw = {p.name for p in compute_result(content, answers).contacts}
        contacts_part = main_text(page).partition(CONTACTS_HEADING)[2]
        leftovers = [name for name in bavaria - nrw if name in contacts_part]
        assert not leftovers, f"contacts of the first answer (Bayern) still shown: {leftovers}"
        assert bavaria - nrw, "test premise: Bavaria has contacts of its own"
    assert len(shots.paths) >= 8 and all(path.stat().st_size > 0 for path in shots.paths)
