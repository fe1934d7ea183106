"""Self-guided mode: start page, one question per screen, check your answers, result.

This lives in a module (imported once) rather than in app_pages/guide.py, because Streamlit compiles a
page script on every run; bench/ measured that compile as most of a wizard rerun.

Every screen is marked by the safety bar (`marker`, ui/screen.py), which brings its heading into view
with keyboard focus and lets the browser's Back button go one screen back (answers kept: they stay in
the wizard state).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from lotse.content.loader import Content
from lotse.content.problems import AnswerError
from lotse.content.schema import InfoNode, QuestionNode
from lotse.content.texts import fill
from lotse.documents import Document
from lotse.documents.deadlines import Deadline
from lotse.explain.summary import given_in_order, result_markdown, to_plain_text
from lotse.guide.result import Result, result_for
from lotse.guide.walk import resolve
from lotse.guide.wizard import (
    CHECK,
    RESULT,
    START,
    WizardState,
    answers_of,
    back,
    begin,
    change,
    depth,
    go_back_to,
    question_count,
    show_result,
    submit,
)
from ui.actions import Action, action_links
from ui.content import get_catalog, get_content
from ui.deadlines import ask_wizard_date, days_left, deadline_notes, exact_deadlines, nearest_deadline, wizard_date
from ui.documents import forget_letters, handout_button, letters_section
from ui.download import download_button
from ui.screen import Marker
from ui.session import forget, once
from ui.views import (
    disclaimer,
    emergency_box,
    print_copy,
    render_answers,
    render_contacts,
    render_glance,
    render_plan,
)

STATE_KEY, ERROR_KEY, CONFIRM_KEY = "wizard", "wizard_error", "wizard_confirm_restart"
COUNTS_KEY = "wizard_counts"  # the question count's numbers only this visitor's answers reach


def state() -> WizardState:
    return st.session_state.setdefault(STATE_KEY, WizardState())


def go(new_state: WizardState) -> None:
    st.session_state[STATE_KEY] = new_state
    st.session_state.pop(ERROR_KEY, None)
    st.session_state.pop(CONFIRM_KEY, None)


def restart() -> None:
    for key in [k for k in st.session_state if str(k).startswith("q_")]:
        del st.session_state[key]
    forget("result")
    forget_letters("result")
    go(WizardState())


def browser_back(target: int) -> None:
    """The browser's Back: as many screens back as the history entry says (answers are kept)."""
    go(go_back_to(get_content(), state(), target))


def heading(content: Content, name: str) -> str:
    """The heading (h1) of the screen `name`."""
    if name == START:
        return content.texts.start.title
    if name == CHECK:
        return content.texts.wizard.check_title
    if name == RESULT:
        return content.texts.result.title
    node = content.flow.nodes[name]
    return node.text if isinstance(node, QuestionNode) else node.title


def marker() -> Marker:
    """The current screen for the safety bar, which is placed before the page: every change of screen
    happens in a callback, before the run, so the state already names the screen this run shows."""
    content, current = get_content(), state()
    return Marker(current.screen, heading(content, current.screen), depth(content, current), browser_back)


# --- screens --------------------------------------------------------------------------------------


def start_page(content: Content) -> None:
    """The start page answers the first question (who uses Lotse): "Start" for oneself, a button below
    it for each other option, so a frightened person goes straight to "Was ist passiert?"."""
    words = content.texts.start
    st.title(words.title, anchor=False)
    st.markdown(words.text)
    st.button(words.start, type="primary", key="start", on_click=lambda: go(begin(content)), use_container_width=True)
    asked = content.flow.asked_on_start
    if asked is not None:
        question = content.questions()[asked]
        st.caption(words.start_hint)
        st.subheader(words.others, anchor=False)
        st.markdown(words.others_hint)
        for option in question.options:
            if option.value != question.default:
                start_button(content, option.value, option.label, option.hint)


def start_button(content: Content, value: str, label: str, hint: str | None) -> None:
    st.button(label, key=f"start_{value}", on_click=lambda: go(begin(content, value)), use_container_width=True)
    if hint:
        st.caption(hint)


def question_page(content: Content, node_id: str, question: QuestionNode) -> None:
    words = content.texts.wizard
    number, total = question_count(content, state(), st.session_state.setdefault(COUNTS_KEY, {}))
    st.caption(fill(words.progress, number=number, total=total))
    st.title(question.text, anchor=False)
    if question.help:
        st.markdown(question.help)
    if ERROR_KEY in st.session_state:
        st.error(st.session_state[ERROR_KEY], icon=":material/error:")
    if question.multiple:
        choose_many(node_id, question)
    else:
        choose_one(node_id, question)
        ask_wizard_date(node_id, question, state().dates)
    navigation(content, node_id, words.next, lambda: submit_question(node_id, question))


def choose_one(node_id: str, question: QuestionNode) -> None:
    values = list(question.option_values())
    previous = state().answers.get(node_id)
    st.radio(
        question.text,
        values,
        index=values.index(previous) if previous in values else None,
        format_func=lambda value: question.option(value).text,
        key=f"q_{node_id}",
        label_visibility="collapsed",
    )


def choose_many(node_id: str, question: QuestionNode) -> None:
    previous = state().answers.get(node_id) or []
    for option in question.options:
        st.checkbox(option.text, value=option.value in previous, key=f"q_{node_id}_{option.value}")


def submit_question(node_id: str, question: QuestionNode) -> None:
    content = get_content()
    words = content.texts.wizard
    if question.multiple:
        value: Any = [o.value for o in question.options if st.session_state.get(f"q_{node_id}_{o.value}")]
        try:
            question.check_exclusive(value)
        except AnswerError as exc:
            st.session_state[ERROR_KEY] = f"{content.texts.say(exc)} {words.choose_again}"
            return
    else:
        value = st.session_state.get(f"q_{node_id}")
        if value not in question.option_values():  # a client can send any string; only an option counts
            value = None
    if not value:
        st.session_state[ERROR_KEY] = words.choose_many if question.multiple else words.choose_one
        return
    go(submit(content, state(), value, wizard_date(node_id, question, value)))


def info_page(content: Content, node_id: str, info: InfoNode) -> None:
    """An info screen. The emergency screen leads with the call button and goes on with "I am safe"."""
    emergency = content.texts.emergency
    st.title(info.title, anchor=False)
    is_emergency = node_id == content.texts.emergency.screen
    if is_emergency:
        action_links([Action(emergency.call, "tel:110", "emergency")], key="emergency_call")
    st.markdown(info.text)
    label = emergency.safe if is_emergency else content.texts.wizard.next
    navigation(content, node_id, label, lambda: go(submit(content, state())))


def navigation(content: Content, node_id: str, forward_label: str, on_next: Callable[[], None]) -> None:
    """Forward and back, as large buttons in one row (one block, not three: fewer elements per run);
    "Neu beginnen" small below them, and it asks first."""
    words = content.texts.wizard
    with st.container(horizontal=True, key=f"nav_row_{node_id}", gap="small"):
        st.button(forward_label, type="primary", key=f"next_{node_id}", on_click=on_next, width="stretch")
        st.button(words.back, key=f"back_{node_id}", on_click=lambda: go(back(content, state())), width="stretch")
    restart_control(content, f"restart_{node_id}")


def _ask_restart() -> None:
    st.session_state[CONFIRM_KEY] = True


def _keep_going() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def restart_control(content: Content, key: str) -> None:
    """ "Neu beginnen" in the weight of a link; a second step confirms before anything is deleted."""
    words = content.texts.wizard
    st.button(words.restart, key=key, type="tertiary", icon=":material/restart_alt:", on_click=_ask_restart)
    with st.container():
        if st.session_state.get(CONFIRM_KEY):
            st.warning(words.restart_question, icon=":material/delete:")
            yes, no = st.columns(2)
            yes.button(words.restart_yes, key=f"{key}_yes", on_click=restart, use_container_width=True)
            no.button(words.restart_no, key=f"{key}_no", type="primary", on_click=_keep_going, use_container_width=True)


def check_page(content: Content) -> None:
    words = content.texts.wizard
    st.title(words.check_title, anchor=False)
    st.markdown(words.check_text)
    render_answers(content, answers_of(content, state()).given, lambda key: go(change(state(), key)), "check")
    with st.container(horizontal=True, key="nav_row_check", gap="small"):
        st.button(
            words.show_result,
            type="primary",
            key="show_result",
            on_click=lambda: go(show_result(content, state())),
            width="stretch",
        )
        st.button(words.back, key="back_check", on_click=lambda: go(back(content, state())), width="stretch")
    restart_control(content, "restart_check")


def answers_key(given: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The answers as a value to compare (a list answer as a tuple)."""
    return tuple((node, tuple(value) if isinstance(value, list) else value) for node, value in given.items())


def result_page(content: Content) -> None:
    words = content.texts.result
    answers = answers_of(content, state())
    given, dates = given_in_order(content, answers.given), answers.dates
    left = days_left(str(given.get("state") or ""), dates)  # an urgency rule may read how near a deadline is
    key = (answers_key(given), tuple(sorted(dates.items())), tuple(sorted(left.items())))
    result = once("result", content, key, lambda: result_for(content, resolve(content, given, dates), left))
    catalog, state_code = get_catalog(), str(result.answers.effective["state"])
    deadlines = exact_deadlines(catalog, state_code, dates)
    with st.container(key="screen_only_result"):
        st.title(words.title, anchor=False)
        if result.emergency:
            emergency_box(content, "result")
        render_glance(content, result, nearest_deadline(catalog, deadlines))
        st.markdown(words.intro)
        render_plan(
            content,
            result,
            "result",
            after_plan=lambda: deadline_notes(content, catalog, state_code, dates, "result"),
        )
        keep_buttons(content, result, deadlines)
        letters_section(content, catalog, result, "result")
        render_contacts(content, result, "result")
        st.header(words.answers, anchor=False)
        render_answers(content, given, lambda key: go(change(state(), key)), "result")
        disclaimer(content)
        restart_control(content, "restart_result")
    print_copy(content, result)


def keep_buttons(content: Content, result: Result, deadlines: list[Deadline]) -> None:
    """Save as PDF (the handout), print, and save as plain text (any phone opens it)."""
    words = content.texts.result
    handout_button(content, get_catalog(), result, deadlines, "result")
    left, right = st.columns(2)
    with left:
        action_links([Action(words.print)], key="print")
    with right:
        download_button(
            words.save,
            key="download",
            make=lambda: Document.text(words.save_name, to_plain_text(result_markdown(content, result))),
            icon=":material/download:",
            use_container_width=True,
        )


def render() -> None:
    """Render the current screen of the wizard."""
    content = get_content()
    current = state()
    if current.screen == START:
        start_page(content)
    elif current.screen == CHECK:
        check_page(content)
    elif current.screen == RESULT:
        result_page(content)
    else:
        node = content.flow.nodes[current.screen]
        if isinstance(node, QuestionNode):
            question_page(content, current.screen, node)
        elif isinstance(node, InfoNode):
            info_page(content, current.screen, node)
