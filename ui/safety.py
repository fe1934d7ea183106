"""The page "Sicherheits-Check": every item of flows/safety.yaml answered with one of three choices,
the open ones listed with their dates, and the plan as PDF, Word and calendar file, or carried into the
session's case ("Mein Fall"), which saves it in the person's encrypted file.

The answers live only in this session's widget state (keys `safety_<item id>`): never stored, logged or
put in a URL, and the quick exit clears the whole session state. Every word comes from
flows/safety.yaml; the plan is made by the core (lotse/documents/safety.py).
"""

from __future__ import annotations

import streamlit as st

from lotse.case.model import CaseValueError, safety_tasks
from lotse.content.loader import Content
from lotse.content.safety import ANSWERS, SafetyFile
from lotse.documents.german import plain_date
from lotse.documents.safety import PlanItem, safety_calendar, safety_docx, safety_pdf, safety_plan
from ui.case import CASE, current
from ui.content import get_content
from ui.deadlines import today
from ui.download import download_button
from ui.views import contact_actions

PREFIX = "safety_"
CASE_PAGE = "app_pages/case.py"
CARRIED = f"{PREFIX}carried"
GO_CASE = f"{PREFIX}open_case"


def answers(check: SafetyFile) -> dict[str, object]:
    """This session's answers by item id (unanswered items are left out)."""
    given = {item.id: st.session_state.get(PREFIX + item.id) for _, item in check.items()}
    return {key: value for key, value in given.items() if value is not None}


def forget_answers() -> None:
    for key in [key for key in st.session_state if str(key).startswith(PREFIX)]:
        del st.session_state[key]


def ask(check: SafetyFile) -> None:
    """One group of three choices per item, under its area's heading."""
    words = check.words
    for area in check.areas:
        st.header(area.title, anchor=False)
        for item in area.items:
            # The item in the size of the text around it; the radio group keeps it as its accessible name.
            st.markdown(f"**{item.text}**")
            st.radio(
                item.text,
                ANSWERS,
                index=None,
                format_func=words.answer,
                key=PREFIX + item.id,
                label_visibility="collapsed",
            )


def plan_entry(content: Content, check: SafetyFile, entry: PlanItem) -> None:
    words = check.words
    with st.container(border=True, key=f"{PREFIX}plan_{entry.item.id}"):
        st.markdown(f"**{entry.item.text}**")
        st.markdown(f"{words.due_label}: **{plain_date(entry.due)}** · {words.who_label}: {entry.item.who}")
        if entry.contact is not None:
            st.markdown(f"{words.contact_label}: {entry.contact.name}")
            contact_actions(content, entry.contact, key=f"{PREFIX}contact_{entry.item.id}")
        links = " · ".join(f"[{source.label}]({source.url})" for source in entry.item.sources)
        st.caption(f"{words.source_label}: {links}")


def show_plan(content: Content, check: SafetyFile) -> None:
    words = check.words
    day = today()
    plan = safety_plan(content, answers(check), day)
    st.header(words.plan_heading, anchor=False)
    if not plan:
        st.info(words.plan_empty, icon=":material/checklist:")
        return
    st.markdown(words.plan_intro)
    for entry in plan:
        plan_entry(content, check, entry)
    download_button(
        words.pdf_button,
        key=f"{PREFIX}pdf",
        make=lambda: safety_pdf(check, safety_plan(content, answers(check), today()), today()),
        icon=":material/picture_as_pdf:",
        type="primary",
        use_container_width=True,
    )
    download_button(
        words.word_button,
        key=f"{PREFIX}word",
        make=lambda: safety_docx(check, safety_plan(content, answers(check), today()), today()),
        icon=":material/description:",
        use_container_width=True,
    )
    download_button(
        words.calendar_button,
        key=f"{PREFIX}calendar",
        make=lambda: safety_calendar(check, safety_plan(content, answers(check), today())),
        icon=":material/event:",
        use_container_width=True,
    )
    carry(content, check)


def to_case(content: Content, check: SafetyFile) -> None:
    """The open items into this session's case ("Mein Fall"), which saves them with its file."""
    plan = safety_plan(content, answers(check), today())
    try:
        st.session_state[CASE] = current().with_safety(safety_tasks(plan))
    except CaseValueError:
        return  # more tasks than a file holds: only a client sending made-up answers gets here
    st.session_state[CARRIED] = True


def go_case() -> None:
    st.session_state[GO_CASE] = True  # the next run switches to "Mein Fall"


def carry(content: Content, check: SafetyFile) -> None:
    words = check.words
    st.button(
        words.to_case_button,
        key=f"{PREFIX}to_case",
        on_click=to_case,
        args=(content, check),
        icon=":material/folder_shared:",
        use_container_width=True,
    )
    if st.session_state.pop(CARRIED, False):
        st.success(words.to_case_done, icon=":material/check_circle:")
        # A button, not st.page_link: the link is smaller than a 44 px target on a phone.
        st.button(
            words.to_case_link,
            key=f"{PREFIX}case_page",
            on_click=go_case,
            icon=":material/arrow_forward:",
            use_container_width=True,
        )


def render() -> None:
    if st.session_state.pop(GO_CASE, False):
        st.switch_page(CASE_PAGE)
    content = get_content()
    check = content.safety
    if check is None:
        st.stop()
    words = check.words
    st.title(words.title, anchor=False)
    st.markdown(words.emergency)
    st.markdown(words.intro)
    st.caption(words.privacy)
    ask(check)
    show_plan(content, check)
    st.button(words.reset, key=f"{PREFIX}reset", on_click=forget_answers, use_container_width=True)
