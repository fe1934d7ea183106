"""Self-guided mode: start page, one question per screen, check your answers, result.

This lives in a module (imported once) rather than in app_pages/guide.py, because Streamlit compiles a
page script on every run; bench/ measured that compile as most of a wizard rerun."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lotse.content.loader import Content
from lotse.content.models import InfoNode, QuestionNode
from lotse.content.problems import AnswerError
from lotse.documents import Document
from lotse.explain.summary import result_markdown
from lotse.guide.result import compute_result
from lotse.guide.wizard import (
    CHECK,
    RESULT,
    START,
    WizardState,
    back,
    begin,
    change,
    effective_answers,
    progress,
    show_result,
    submit,
)
from ui.content import get_content
from ui.download import download_button
from ui.views import disclaimer, render_answers, render_result

STATE_KEY, ERROR_KEY = "wizard", "wizard_error"


def state() -> WizardState:
    return st.session_state.setdefault(STATE_KEY, WizardState())


def go(new_state: WizardState) -> None:
    st.session_state[STATE_KEY] = new_state
    st.session_state.pop(ERROR_KEY, None)


def restart() -> None:
    for key in [k for k in st.session_state if str(k).startswith("q_")]:
        del st.session_state[key]
    go(WizardState())


def start_page() -> None:
    content = get_content()
    st.title("Lotse: Ihr Wegweiser bei Hass, Bedrohung und Angriffen", anchor=False)
    st.markdown(
        "Für Menschen in der Kommunalpolitik: Bürgermeisterinnen und Bürgermeister, Ratsmitglieder, "
        "Landrätinnen und Landräte, ehrenamtlich oder hauptamtlich."
    )
    st.markdown(
        "**Was Lotse tut:** Sie beantworten ein paar kurze Fragen, eine pro Seite. Das dauert etwa zwei Minuten. "
        "Danach sehen Sie die nächsten Schritte und passende Ansprechstellen in Ihrem Bundesland."
    )
    st.markdown(
        "**Was Lotse nicht tut:** Lotse ist keine Rechtsberatung und nicht die Polizei. Lotse speichert nichts: "
        "Ihre Antworten bleiben nur in diesem Browserfenster, bis Sie es schließen."
    )
    st.markdown(
        "**Schnell verlassen:** Mit der Schaltfläche „Seite verlassen“ unten am Bildschirm oder 3-mal Umschalt-Taste "
        "wechseln Sie sofort auf eine neutrale Seite (Deutscher Wetterdienst). Ihr Browserverlauf wird dabei "
        "nicht gelöscht."
    )
    st.button("Start", type="primary", key="start", on_click=lambda: go(begin(content)))


def question_page(node_id: str, question: QuestionNode) -> None:
    content = get_content()
    number, total = progress(content, state())
    st.caption(f"Frage {number} von {total}")
    st.title(question.text, anchor=False)
    if question.help:
        st.markdown(question.help)
    if ERROR_KEY in st.session_state:
        st.error(st.session_state[ERROR_KEY], icon=":material/error:")
    if question.multiple:
        choose_many(node_id, question)
    else:
        choose_one(node_id, question)
    navigation(node_id, lambda: submit_question(node_id, question))


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
    if question.multiple:
        value: Any = [o.value for o in question.options if st.session_state.get(f"q_{node_id}_{o.value}")]
        try:
            question.check_exclusive(value)
        except AnswerError as exc:
            st.session_state[ERROR_KEY] = f"{exc} Bitte wählen Sie neu."
            return
    else:
        value = st.session_state.get(f"q_{node_id}")
    if not value:
        st.session_state[ERROR_KEY] = "Bitte wählen Sie eine Antwort." + (
            " Mehrere sind möglich." if question.multiple else ""
        )
        return
    go(submit(content, state(), value))


def info_page(node_id: str, info: InfoNode) -> None:
    content = get_content()
    st.title(info.title, anchor=False)
    st.markdown(info.text)
    navigation(node_id, lambda: go(submit(content, state())))


def navigation(node_id: str, on_next: Any) -> None:
    content = get_content()
    forward, backward, again = st.columns([1, 1, 1.4])
    forward.button("Weiter", type="primary", key=f"next_{node_id}", on_click=on_next, use_container_width=True)
    backward.button(
        "Zurück", key=f"back_{node_id}", on_click=lambda: go(back(content, state())), use_container_width=True
    )
    again.button("Neu beginnen", key=f"restart_{node_id}", on_click=restart, use_container_width=True)


def check_page() -> None:
    content = get_content()
    st.title("Ihre Angaben prüfen", anchor=False)
    st.markdown("Stimmt alles? Mit „Ändern“ können Sie eine Antwort korrigieren.")
    render_answers(content, effective_answers(content, state()), lambda key: go(change(state(), key)), "check")
    forward, backward = st.columns([1.6, 1])
    forward.button(
        "Ergebnis anzeigen",
        type="primary",
        key="show_result",
        on_click=lambda: go(show_result(content, state())),
        use_container_width=True,
    )
    backward.button("Zurück", key="back_check", on_click=lambda: go(back(content, state())), use_container_width=True)


def result_page(content: Content) -> None:
    answers = effective_answers(content, state())
    result = compute_result(content, answers)
    st.title("Ihr Ergebnis", anchor=False)
    render_result(content, result)
    st.header("Ihre Angaben", anchor=False)
    render_answers(content, result_answers_in_order(answers), lambda key: go(change(state(), key)), "result")
    disclaimer(content)
    left, right = st.columns(2)
    with left:
        download_button(
            "Ergebnis speichern (Textdatei)",
            key="download",
            make=lambda: Document.text("lotse-naechste-schritte.md", result_markdown(content, result), "text/markdown"),
            use_container_width=True,
        )
    right.button("Neu beginnen", key="restart_result", on_click=restart, use_container_width=True)


def result_answers_in_order(answers: dict[str, Any]) -> dict[str, Any]:
    content = get_content()
    return {key: answers[key] for key in content.questions() if key in answers}


def render() -> None:
    """Render the current screen of the wizard."""
    content = get_content()
    current = state()
    if current.screen == START:
        start_page()
    elif current.screen == CHECK:
        check_page()
    elif current.screen == RESULT:
        result_page(content)
    else:
        node = content.flow.nodes[current.screen]
        if isinstance(node, QuestionNode):
            question_page(current.screen, node)
        elif isinstance(node, InfoNode):
            info_page(current.screen, node)
