"""Widgets of the advisor page: all questions at once, notes, result panel, call summary, "Neues Gespräch".

Answers and notes live only in this session's widget state (keys starting with `adv_`). Nothing is
written to disk, logs or the URL; "Neues Gespräch" empties every one of them.

Questions off the current path stay answerable (the advisor may ask in any order) but carry a note
that they do not count now; the core leaves their answers out of the result and the summary.
Disabled widgets would grey out the question text below readable contrast.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from lotse.content.loader import Content
from lotse.content.schema import QuestionNode
from lotse.content.texts import fill
from lotse.documents import Document
from lotse.documents.dates import date_lines
from lotse.explain.summary import call_summary, to_plain_text
from lotse.guide.advisor import Consultation
from ui.content import get_catalog
from ui.deadlines import (
    ask_advisor_date,
    clear_advisor_dates,
    deadline_notes,
    exact_deadlines,
    nearest_deadline,
    today,
)
from ui.documents import ADVISOR, forget_letters
from ui.download import download_button
from ui.views import emergency_box, render_contacts, render_glance, render_plan

ANSWER_PREFIX = "adv_q_"
NOTES_KEY = "adv_notes"
INCLUDE_NOTES_KEY = "adv_notes_in_summary"
NOTES_MAX_CHARS = 5000
"""The notes' limit, kept by the server too: a longer value is cut to it before the page reads it."""
CONFIRM_KEY = "adv_confirm_clear"
KEEP = "session"
"""Answers and notes survive a look at another page of Lotse (in memory, this session only)."""
RADIO_LIMIT = 5
"""Questions with more options than this get a selectbox instead of radio buttons."""


# --- state --------------------------------------------------------------------------------------


def answer_key(question_key: str, value: str | None = None) -> str:
    return f"{ANSWER_PREFIX}{question_key}" + (f"_{value}" if value is not None else "")


def entered_answers(content: Content) -> dict[str, Any]:
    """The answers as the widgets hold them now (unanswered questions are left out)."""
    answers: dict[str, Any] = {}
    for key, question in content.questions().items():
        if question.multiple:
            chosen = [o.value for o in question.options if st.session_state.get(answer_key(key, o.value))]
            if chosen:
                answers[key] = chosen
        elif st.session_state.get(answer_key(key)) is not None:
            answers[key] = st.session_state[answer_key(key)]
    return answers


def _ask_to_clear() -> None:
    st.session_state[CONFIRM_KEY] = True


def _cancel_clear() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def clear_conversation(content: Content) -> None:
    """Empty every answer and the notes. The keys get empty values instead of being deleted: only a
    value set here reaches the browser, which otherwise keeps showing (and sending back) the old one."""
    for key, question in content.questions().items():
        if question.multiple:
            for option in question.options:
                st.session_state[answer_key(key, option.value)] = False
        else:
            st.session_state[answer_key(key)] = None
    st.session_state[NOTES_KEY] = ""
    st.session_state[INCLUDE_NOTES_KEY] = False
    clear_advisor_dates(content)
    forget_letters(ADVISOR)
    st.session_state.pop(CONFIRM_KEY, None)


# --- page parts ---------------------------------------------------------------------------------

# Room for form and result side by side. A style rule, not set_page_config(layout="wide"): app.py sets
# "centered" on every run, and a second call in the same run loses a race in the browser now and then.
# On a wide screen the result column stays in view while the advisor works through the questions.
_WIDER_PAGE = """<style>
[data-testid="stMainBlockContainer"] { max-width: 80rem; }
@media (min-width: 640px) {
  [data-testid="stColumn"]:has(.st-key-adv_result) { position: sticky; top: 3.75rem; align-self: flex-start;
    max-height: calc(100vh - 9rem); overflow-y: auto; }
}
</style>"""


def wider_page() -> None:
    """Widen this page only; the style goes away with the page."""
    st.html(_WIDER_PAGE)


# Parts that come and go sit in a container that is always there: elements after them keep their place,
# so the browser does not rebuild them and keyboard focus stays on the widget just used.


def emergency_panel(content: Content, consultation: Consultation, key: str) -> None:
    """The emergency box and what the advisor should do now, where the advisor is looking."""
    with st.container():
        if not consultation.emergency:
            return
        emergency_box(content, key)
        for note in consultation.advisor_notes:
            st.info(f"{content.texts.advisor.note} {note}", icon=":material/support_agent:")


def new_conversation(content: Content) -> None:
    """ "Neues Gespräch" with a confirmation step: a second button, right after it, deletes everything.
    The first button stays, so keyboard focus stays on it and the next Tab reaches the confirmation."""
    words = content.texts.advisor
    st.button(words.new, key="adv_btn_new", icon=":material/restart_alt:", on_click=_ask_to_clear)
    with st.container():
        if st.session_state.get(CONFIRM_KEY):
            st.warning(words.clear_question, icon=":material/delete:")
            confirm, cancel = st.columns(2)
            confirm.button(
                words.clear_yes, key="adv_btn_clear", type="primary", on_click=clear_conversation, args=(content,)
            )
            cancel.button(words.clear_no, key="adv_btn_cancel", on_click=_cancel_clear)


def questions_form(content: Content, consultation: Consultation) -> None:
    words = content.texts.advisor
    st.header(words.questions, anchor=False)
    st.caption(words.questions_intro)
    for number, (key, question) in enumerate(content.questions().items(), start=1):
        with st.container(border=True):
            question_input(content, number, key, question, relevant=key in consultation.relevant)
        if key == "danger":
            emergency_panel(content, consultation, "adv_form")


def question_input(content: Content, number: int, key: str, question: QuestionNode, relevant: bool) -> None:
    words = content.texts.advisor
    with st.container():
        if not relevant:
            st.caption(words.not_relevant)
    label = f"{number}. {question.text}"  # plain text: a widget label is also its accessible name
    if question.multiple:
        st.markdown(label)
        for option in question.options:
            st.checkbox(option.text, key=answer_key(key, option.value), persist_state=KEEP)
    else:
        _choose_one(label, key, question, words.choose)
        ask_advisor_date(question, st.session_state.get(answer_key(key)))
    if question.advisor_note:
        st.caption(f":material/support_agent: {question.advisor_note}")


def _choose_one(label: str, key: str, question: QuestionNode, placeholder: str) -> None:
    values = list(question.option_values())
    common: dict[str, Any] = {
        "index": None,
        "format_func": lambda value: question.option(value).text,
        "key": answer_key(key),
        "persist_state": KEEP,
    }
    if len(values) > RADIO_LIMIT:
        st.selectbox(label, values, placeholder=placeholder, **common)
    else:
        st.radio(label, values, **common)


def notes_input(content: Content) -> None:
    words = content.texts.advisor
    st.header(words.notes, anchor=False)
    st.text_area(
        words.notes_label,
        key=NOTES_KEY,
        height=150,
        max_chars=NOTES_MAX_CHARS,
        placeholder=words.notes_placeholder,
        persist_state=KEEP,
    )
    st.caption(words.notes_private)
    st.checkbox(words.notes_include, key=INCLUDE_NOTES_KEY, persist_state=KEEP)


def result_panel(content: Content, consultation: Consultation) -> None:
    """The live result, in a column that stays in view on a wide screen; the danger box on top of it."""
    with st.container(key="adv_result"):
        emergency_panel(content, consultation, "adv_result")
        result = consultation.result
        if result is None:
            st.header(content.texts.advisor.result, anchor=False)
            if consultation.problem:
                st.warning(consultation.problem, icon=":material/warning:")
            if consultation.missing:
                missing_info(content, consultation.missing)
            return
        dates, state = result.answers.dates, str(result.answers.effective["state"])
        render_glance(content, result, nearest_deadline(get_catalog(), exact_deadlines(get_catalog(), state, dates)))
        render_plan(
            content,
            result,
            "adv",
            advisor=True,
            after_plan=lambda: deadline_notes(content, get_catalog(), state, dates, "adv"),
        )
        render_contacts(content, result, "adv")


def missing_info(content: Content, missing: tuple[str, ...]) -> None:
    questions = content.questions()
    lines = "\n".join(f"- {questions[key].text}" for key in missing)
    st.info(f"{content.texts.advisor.missing}\n\n{lines}", icon=":material/pending:")


def summary_section(content: Content, consultation: Consultation) -> None:
    words = content.texts.advisor
    st.header(words.summary, anchor=False)
    if consultation.result is None:
        st.caption(words.summary_pending)
        return
    markdown = call_summary(
        content,
        consultation.result,
        notes=st.session_state.get(NOTES_KEY),
        include_notes=bool(st.session_state.get(INCLUDE_NOTES_KEY)),
        day=date.today(),
        dates=summary_dates(content, consultation),
    )
    st.markdown(words.summary_intro)
    as_text, as_markdown = st.tabs([words.as_text, words.as_markdown])
    with as_text:
        _summary_block(content, to_plain_text(markdown), None, "txt", "text/plain")
    with as_markdown:
        _summary_block(content, markdown, "markdown", "md", "text/markdown")


def summary_dates(content: Content, consultation: Consultation) -> list[str]:
    """The exact deadlines and reminder days of the call, as lines for the summary."""
    catalog, result = get_catalog(), consultation.result
    if catalog is None or result is None:
        return []
    dates = result.answers.dates
    deadlines = exact_deadlines(catalog, str(result.answers.effective["state"]), dates)
    return date_lines(content, catalog, deadlines, today(), dates.get("report"))


def _summary_block(content: Content, text: str, language: str | None, extension: str, mime: str) -> None:
    words = content.texts.advisor
    st.code(text, language=language, wrap_lines=True)
    download_button(
        fill(words.download, extension=extension),
        key=f"adv_btn_download_{extension}",
        make=lambda: Document.text(f"{words.file_name}.{extension}", text, mime),
        icon=":material/download:",
    )
