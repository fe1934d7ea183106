"""Rendering of results, steps and contact cards. Every word comes from texts/de.yaml; Markdown from
YAML goes through st.markdown, which never renders raw HTML (unsafe_allow_html stays off).

A result reads top-down as a plan: the emergency box (when in danger), "Jetzt tun" (at most five
steps, each one sentence with its call or write button), the answer to the person's own question,
then "Mehr dazu", folded, and the contacts in the order the steps name them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from lotse.content.loader import Content
from lotse.content.schema import Provider
from lotse.content.texts import fill
from lotse.documents import Document
from lotse.explain.glance import glance
from lotse.explain.summary import result_markdown, result_sections
from lotse.guide.result import RenderedStep, Result
from ui import cards
from ui.actions import Action, action_links
from ui.download import download_button

EMERGENCY_CALL = "tel:110"


def emergency_box(content: Content, key: str) -> None:
    """The red box for acute danger: the call button for 110 first, then what to do."""
    words = content.texts.emergency
    with st.container(border=True, key=f"{key}_emergency"):
        action_links([Action(words.call, EMERGENCY_CALL, "emergency")], key=f"{key}_call_110")
        st.error(words.box, icon=":material/emergency:")


def contact_actions(content: Content, provider: Provider, key: str, primary: bool = False) -> None:
    """Call and write buttons for a contact (its number and address as the button labels)."""
    actions = cards.contact_actions(content, provider, primary)
    if actions:
        action_links(actions, key=key)


def sources_line(content: Content, step: RenderedStep) -> str:
    links = " · ".join(f"[{source.label}]({source.url})" for source in step.sources)
    return f"{content.texts.result.source}: {links}"


def step_body(content: Content, step: RenderedStep, advisor: bool) -> None:
    st.markdown(step.text)
    if advisor and step.advisor_note:
        st.info(f"{content.texts.advisor.note} {step.advisor_note}", icon=":material/support_agent:")
    st.markdown(sources_line(content, step))


def plan_item(content: Content, number: int, step: RenderedStep, advisor: bool, key: str, emergency: bool) -> None:
    """One action of the plan: title, one sentence, its button; the details one tap away. With the
    emergency box above (`emergency`), the call button for 110 is not repeated."""
    with st.container(border=True, key=f"{key}_plan_{step.id}"):
        st.subheader(f"{number}. {step.title}", anchor=False)
        if step.summary:
            st.markdown(step.summary)
        provider = content.provider(step.contact) if step.contact else None
        if provider is not None and not (emergency and provider.tel_link() == EMERGENCY_CALL):
            contact_actions(content, provider, f"{key}_act_{step.id}", primary=True)
        notes = content.texts.result.notes
        if step.id == notes.step:
            download_button(
                notes.button,
                key=f"{key}_notes_template",
                make=lambda: Document.text(notes.file_name, notes.text),
                icon=":material/edit_note:",
            )
        if step.summary:
            with st.expander(content.texts.result.read_more):
                step_body(content, step, advisor)
        else:
            step_body(content, step, advisor)


def render_plan(
    content: Content,
    result: Result,
    key: str,
    advisor: bool = False,
    after_plan: Callable[[], None] | None = None,
) -> None:
    """ "Jetzt tun" (and `after_plan`, such as the exact deadlines), the answer to the person's own
    question, then "Mehr dazu", folded."""
    words = content.texts.result
    sections = result_sections(content, result)
    st.header(words.plan, anchor=False)
    if not sections.plan:
        st.markdown(words.plan_empty)
    for number, step in enumerate(sections.plan, start=1):
        plan_item(content, number, step, advisor, key, result.emergency)
    if after_plan is not None:
        after_plan()
    for heading, steps in sections.own:
        st.header(heading, anchor=False)
        for step in steps:
            with st.container(border=True, key=f"{key}_own_{step.id}"):
                st.subheader(step.title, anchor=False)
                step_body(content, step, advisor)
    if sections.more:
        st.header(words.more, anchor=False)
        st.markdown(words.more_intro)
    for label, steps in sections.more:
        st.subheader(label, anchor=False)
        for step in steps:
            with st.expander(f"**{step.title}**"):
                step_body(content, step, advisor)


def render_glance(content: Content, result: Result, deadline: str | None) -> None:
    """ "Auf einen Blick" (lotse/explain/glance.py) as one block at the top of a result."""
    st.html(cards.glance_html(content, glance(content, result, deadline), emergency_above=result.emergency))


def render_contacts(content: Content, result: Result, key: str) -> None:
    """The three contacts that fit best; the others, and police contacts for a person who wants no
    police, behind "Alle Kontakte zeigen" (folded in the browser: opening it costs no rerun)."""
    words = content.texts.result
    st.header(words.contacts, anchor=False)
    st.markdown(words.contacts_intro)
    for provider in result.best_contacts:
        render_contact(content, provider)
    if not result.other_contacts and not result.deferred_contacts:
        return
    with st.expander(words.all_contacts, key=f"{key}_all_contacts"):
        for provider in result.other_contacts:
            render_contact(content, provider)
        if result.deferred_contacts:
            st.subheader(words.deferred, anchor=False)
            st.markdown(words.deferred_intro)
            for provider in result.deferred_contacts:
                render_contact(content, provider)


def render_contact(content: Content, provider: Provider) -> None:
    """One contact card, one element (ui/cards.py)."""
    st.html(cards.card_html(content, provider))


def render_answers(
    content: Content, answers: Mapping[str, Any], on_change: Callable[[str], None] | None, prefix: str
) -> None:
    """The "Ihre Angaben" list: one row per answered question, each with an "Ändern" button. A row is one
    horizontal container (CSS in ui/chrome.py gives it the columns' 4 : 1 and stacks it on a phone): three
    elements per answer instead of five (`st.columns` made a block and two column blocks)."""
    questions = content.questions()
    words = content.texts.wizard
    for key, value in answers.items():
        question = questions[key]
        label_text = "  \n".join(question.labels(value))
        with st.container(horizontal=True, vertical_alignment="center", key=f"{prefix}_answer_row_{key}"):
            st.markdown(f"**{question.text}**  \n{label_text}")
            if on_change is None:
                continue
            st.button(
                words.change,
                key=f"{prefix}_change_{key}",
                on_click=on_change,
                args=(key,),
                help=fill(words.change_help, question=question.text),
            )


def print_copy(content: Content, result: Result) -> None:
    """The whole result, every step unfolded, for the printout only (the screen shows the plan)."""
    with st.container(key="print_only_result"):
        st.markdown(result_markdown(content, result))


def disclaimer(content: Content) -> None:
    st.caption(fill(content.texts.result.disclaimer, date=f"{content.last_reviewed:%d.%m.%Y}"))
