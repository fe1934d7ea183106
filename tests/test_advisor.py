"""The advisor page ("Beratung") through Streamlit's AppTest, with the shipped content.

Expected steps and contacts come from the core (`compute_result`, `result_sections`) for the same
answers, so the tests check that the page shows exactly what the engine decides; a few concrete titles
and names make sure that the engine's answer is the one this content should give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lotse.explain.summary import result_sections, where
from lotse.guide.result import Result, compute_result
from tests.apptest import actions, advise, card_names, folded_titles, in_order, is_action_row, page_outline, plan_titles
from tests.documents_helpers import shipped_content

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE = "app_pages/advisor.py"
CANONICAL = {"incident": ["threat", "online_hate"], "danger": "no", "state": "BY", "police": "yes"}
DEFERRED_HEADING = "Falls Sie sich doch für eine Anzeige entscheiden"
NOT_RELEVANT = "Nicht relevant für diesen Weg"


@pytest.fixture(scope="module")
def content():
    return shipped_content()


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


# --- helpers ------------------------------------------------------------------------------------


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, key: str, value: str) -> AppTest:
    """Answer one single-choice question (radio or selectbox), as a click in the browser would."""
    widget_key = f"adv_q_{key}"
    widgets = [w for w in [*at.radio, *at.selectbox] if w.key == widget_key]
    assert len(widgets) == 1, f"no widget for {key}"
    widgets[0].set_value(value)
    return ok(at.run())


def tick(at: AppTest, *incidents: str, on: bool = True) -> AppTest:
    for incident in incidents:
        at.checkbox(key=f"adv_q_incident_{incident}").set_value(on)
        ok(at.run())
    return at


def step_titles(at: AppTest) -> list[str]:
    """Every step on the page: the plan, the steps lifted to the person's own question, "Mehr dazu"."""
    own = [text for kind, text in page_outline(at) if kind == "subheader" and not text.startswith("In den")]
    own = [text for text in own if text not in {"Wenn Sie so weit sind", DEFERRED_HEADING}]
    return plan_titles(at) + own + folded_titles(at)


def shown_names(at: AppTest) -> list[str]:
    return card_names(at)


def marked_not_relevant(at: AppTest) -> list[str]:
    """Question keys whose card carries the note "Nicht relevant für diesen Weg" (the next widget's key)."""
    marked, pending = [], False
    for node in at.main:
        if node.type == "caption" and NOT_RELEVANT in node.value:
            pending = True
        elif pending and (getattr(node, "key", None) or "").startswith("adv_q_"):
            key = node.key.removeprefix("adv_q_")
            marked.append("incident" if key.startswith("incident_") else key)
            pending = False
    return marked


def expected(content, answers: dict) -> Result:
    return compute_result(content, answers)


def expected_titles(content, answers: dict) -> list[str]:
    sections = result_sections(content, expected(content, answers))
    steps = sections.plan + [step for _, group in [*sections.own, *sections.more] for step in group]
    return [step.title for step in steps]


def expected_names(content, answers: dict) -> list[str]:
    result = expected(content, answers)
    return [p.name for p in [*result.main_contacts, *result.deferred_contacts]]


def summary(at: AppTest) -> tuple[str, str]:
    """(plain text, Markdown) of the call summary."""
    assert len(at.code) == 2, "the summary is shown as text and as Markdown"
    return at.code[0].value, at.code[1].value


def info_texts(at: AppTest) -> str:
    return "\n".join(i.value for i in at.info)


# --- the result follows the answers ---------------------------------------------------------------


def test_page_renders_with_every_question_and_says_what_is_missing(at: AppTest, content) -> None:
    assert marked_not_relevant(at) == ["learned"]  # police unknown: report_status may still be asked
    assert at.title[0].value == "Beratung"
    for key in ("danger", "police", "author_known", "learned", "report_status"):
        assert at.radio(key=f"adv_q_{key}").value is None
    assert at.selectbox(key="adv_q_state").value is None
    assert len([c for c in at.checkbox if c.key and c.key.startswith("adv_q_incident_")]) == 9
    missing = info_texts(at)
    for key in ("incident", "danger", "state", "police"):
        assert content.questions()[key].text in missing
    assert step_titles(at) == [] and not at.code


def test_missing_list_shrinks_as_answers_come_in_any_order(at: AppTest, content) -> None:
    choose(at, "police", "yes")
    choose(at, "state", "BY")
    missing = info_texts(at)
    assert content.questions()["incident"].text in missing and content.questions()["danger"].text in missing
    assert content.questions()["state"].text not in missing and content.questions()["police"].text not in missing
    assert step_titles(at) == []


def test_four_answers_show_the_steps_and_contacts_of_that_state(at: AppTest, content) -> None:
    advise(at, CANONICAL)
    assert step_titles(at) == expected_titles(content, CANONICAL)
    assert shown_names(at) == expected_names(content, CANONICAL)
    assert "So zeigen Sie die Tat an" in step_titles(at)
    assert any(name.startswith("B.U.D.") for name in shown_names(at))  # Bavarian victim support
    assert "Für das Ergebnis fehlt noch" not in info_texts(at)


def test_changing_the_state_swaps_the_state_contacts(at: AppTest, content) -> None:
    advise(at, CANONICAL)
    choose(at, "state", "HH")
    names = shown_names(at)
    assert names == expected_names(content, {**CANONICAL, "state": "HH"})
    assert "Onlinewache der Polizei Hamburg" in names
    assert not any(name.startswith("B.U.D.") for name in names)


def test_changing_police_to_no_changes_steps_and_puts_police_contacts_last(at: AppTest, content) -> None:
    advise(at, CANONICAL)
    assert "So zeigen Sie die Tat an" in step_titles(at)
    assert DEFERRED_HEADING not in [s.value for s in at.subheader]
    choose(at, "police", "no")
    titles = step_titles(at)
    assert "So zeigen Sie die Tat an" not in titles
    assert "Ohne Polizei – das können Sie trotzdem tun" in titles
    assert DEFERRED_HEADING in [s.value for s in at.subheader]
    assert shown_names(at) == expected_names(content, {**CANONICAL, "police": "no"})


def test_danger_yes_shows_the_emergency_box_where_the_advisor_looks(at: AppTest) -> None:
    choose(at, "danger", "yes")  # even before the other answers
    order = []
    for node in in_order(at):
        if getattr(node, "key", None) in {"adv_q_danger", "adv_q_state", "adv_notes"}:
            order.append(node.key)
        elif is_action_row(node) and actions(node) and actions(node)[0].href == "tel:110":
            order.append("call 110")
    # right below the danger question, and again on top of the result column beside the form
    assert order == ["adv_q_danger", "call 110", "adv_q_state", "adv_notes", "call 110"]
    assert at.error[0].value.startswith("**Sie sind in Gefahr")
    assert "Gespräch unterbrechen" in info_texts(at)  # the emergency screen's advisor note
    advise(at, {**CANONICAL, "danger": "yes"})
    assert step_titles(at)[0] == "Rufen Sie jetzt 110 an"
    choose(at, "danger", "no")
    assert not at.error and "Rufen Sie jetzt 110 an" not in step_titles(at)


def test_advisor_notes_show_next_to_questions_and_in_steps(at: AppTest, content) -> None:
    captions = "\n".join(c.value for c in at.caption)
    for question in content.questions().values():
        if question.advisor_note:
            assert question.advisor_note in captions
    advise(at, CANONICAL)
    step_notes = [s.advisor_note for s in expected(content, CANONICAL).steps if s.advisor_note]
    assert step_notes and all(note in info_texts(at) for note in step_notes)


def test_an_answer_on_an_abandoned_branch_does_not_leak(at: AppTest) -> None:
    advise(at, CANONICAL)
    assert marked_not_relevant(at) == ["report_status", "learned"]  # learned: only when the author is known
    choose(at, "author_known", "yes")
    assert marked_not_relevant(at) == ["report_status"]
    choose(at, "learned", "1_to_3_months")
    assert "Ihre Frist läuft bald ab" in step_titles(at)  # strafantrag-urgent
    choose(at, "author_known", "no")
    assert "Ihre Frist läuft bald ab" not in step_titles(at)
    assert at.radio(key="adv_q_learned").value == "1_to_3_months"  # still shown, but it does not count
    assert marked_not_relevant(at) == ["report_status", "learned"]
    plain, _ = summary(at)
    assert "Wann haben Sie von der Tat" not in plain


def test_report_status_counts_only_after_an_earlier_report(at: AppTest) -> None:
    advise(at, CANONICAL)
    assert "report_status" in marked_not_relevant(at)
    choose(at, "police", "already_reported")
    assert "report_status" not in marked_not_relevant(at)
    choose(at, "report_status", "dropped")
    assert "Verfahren eingestellt? Beschwerde in 2 Wochen" in step_titles(at)
    choose(at, "police", "yes")
    assert "Verfahren eingestellt? Beschwerde in 2 Wochen" not in step_titles(at)


def test_nothing_happened_cannot_be_combined_with_an_incident(at: AppTest) -> None:
    advise(at, {**CANONICAL, "incident": ["none", "threat"]})
    assert any("passt nicht zu den anderen Antworten" in w.value for w in at.warning)
    assert step_titles(at) == [] and not at.code
    tick(at, "none", on=False)
    assert step_titles(at)


# --- the call summary ---------------------------------------------------------------------------


def test_summary_is_one_page_of_answers_titles_and_contacts(at: AppTest, content) -> None:
    advise(at, CANONICAL)
    plain, markdown = summary(at)
    result = expected(content, CANONICAL)
    for text in (plain, markdown):
        assert "Zusammenfassung des Beratungsgesprächs" in text
        for step in result.steps:
            assert step.title in text
            assert step.text not in text  # titles only: one page
        for provider in result.contacts:
            assert provider.name in text
            if provider.phone:
                assert f"{provider.name}** ({where(content, provider)}): Tel. {provider.phone}" in markdown
    assert "**" in markdown and "**" not in plain
    assert "Wissen Sie, wer es war?" not in plain  # not asked: no assumed default in the summary
    assert len(plain.splitlines()) < 80
    assert at.button(key="adv_btn_download_txt").label == "Herunterladen (.txt)"
    assert at.button(key="adv_btn_download_md").label == "Herunterladen (.md)"


def test_every_link_survives_in_both_formats(at: AppTest, content) -> None:
    """Addresses with underscores (politisch_motivierte_kriminalitat) stay whole in text and Markdown."""
    answers = {**CANONICAL, "state": "BB"}
    advise(at, answers)
    plain, markdown = summary(at)
    urls = [p.url for p in expected(content, answers).contacts if p.url]
    assert "https://polizei.brandenburg.de/zz_seite/wie-erstatte-ich-eine-strafanzeige-/3549571" in urls
    for url in urls:
        assert url in plain and f"]({url})" in markdown


def test_notes_come_first_and_only_when_ticked(at: AppTest) -> None:
    advise(at, CANONICAL)
    at.text_area(key="adv_notes").input("Aktenzeichen 4711, Rückruf am Freitag")
    ok(at.run())
    plain, markdown = summary(at)
    assert "4711" not in plain and "4711" not in markdown
    at.checkbox(key="adv_notes_in_summary").check()
    ok(at.run())
    plain, markdown = summary(at)
    assert "Aktenzeichen 4711, Rückruf am Freitag" in plain and "## Notizen" in markdown
    assert markdown.index("## Notizen") < markdown.index("## Ihre Angaben") < markdown.index("## Jetzt tun")
    at.checkbox(key="adv_notes_in_summary").uncheck()
    ok(at.run())
    assert "4711" not in summary(at)[0]


# --- new conversation, privacy ------------------------------------------------------------------


def fill_everything(at: AppTest) -> AppTest:
    advise(at, {**CANONICAL, "author_known": "yes", "learned": "under_1_month"})
    at.text_area(key="adv_notes").input("Vertraulich: Name der Nachbarin")
    at.checkbox(key="adv_notes_in_summary").check()
    return ok(at.run())


def test_new_conversation_asks_first_and_cancel_keeps_everything(at: AppTest) -> None:
    fill_everything(at)
    ok(at.button(key="adv_btn_new").click().run())
    assert any("löschen?" in w.value for w in at.warning)
    ok(at.button(key="adv_btn_cancel").click().run())
    assert at.radio(key="adv_q_police").value == "yes"
    assert at.text_area(key="adv_notes").value == "Vertraulich: Name der Nachbarin"
    assert not any("löschen?" in w.value for w in at.warning)


def test_new_conversation_clears_all_answers_and_notes(at: AppTest, content) -> None:
    fill_everything(at)
    ok(at.button(key="adv_btn_new").click().run())
    ok(at.button(key="adv_btn_clear").click().run())
    assert all(not c.value for c in at.checkbox)
    assert all(r.value is None for r in at.radio)
    assert at.selectbox(key="adv_q_state").value is None
    assert at.text_area(key="adv_notes").value == ""
    assert step_titles(at) == [] and not at.code
    assert content.questions()["incident"].text in info_texts(at)
    assert not any("löschen?" in w.value for w in at.warning)
    assert not any("Vertraulich" in str(at.session_state[key]) for key in at.session_state)


def test_answers_survive_a_look_at_another_page(at: AppTest) -> None:
    advise(at, CANONICAL)
    at.switch_page("app_pages/contacts.py").run()
    at.switch_page(PAGE).run()
    ok(at)
    assert at.radio(key="adv_q_police").value == "yes"
    assert "So zeigen Sie die Tat an" in step_titles(at)


def test_answers_never_reach_the_url(at: AppTest) -> None:
    fill_everything(at)
    assert dict(at.query_params) == {}
