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
from lotse.content.models import Provider
from lotse.content.texts import fill
from lotse.content.validators import UNDATED
from lotse.documents import Document
from lotse.explain.summary import result_markdown, result_sections, where
from lotse.guide.result import RenderedStep, Result
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
    words = content.texts.result
    actions = []
    if provider.phone and provider.tel_link():
        actions.append(
            Action(fill(words.call, number=provider.phone), provider.tel_link(), "primary" if primary else "secondary")
        )
    if provider.email:
        actions.append(Action(fill(words.write, address=provider.email), f"mailto:{provider.email}"))
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
    given: Mapping[str, Any],
    key: str,
    advisor: bool = False,
    after_plan: Callable[[], None] | None = None,
) -> None:
    """ "Jetzt tun" (and `after_plan`, such as the exact deadlines), the answer to the person's own
    question, then "Mehr dazu", folded."""
    words = content.texts.result
    sections = result_sections(content, result, given)
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


def render_contacts(content: Content, result: Result, key: str) -> None:
    words = content.texts.result
    st.header(words.contacts, anchor=False)
    st.markdown(words.contacts_intro)
    for provider in result.main_contacts:
        render_contact(content, provider, key)
    if result.deferred_contacts:
        st.subheader(words.deferred, anchor=False)
        st.markdown(words.deferred_intro)
        for provider in result.deferred_contacts:
            render_contact(content, provider, key)


def contact_facts(content: Content, provider: Provider) -> list[str]:
    """What is known about a contact beyond its channels; nothing for what is not known."""
    words = content.texts.cards
    facts = []
    if provider.anonymous in words.anonymous:
        facts.append(words.anonymous[provider.anonymous])
    if provider.free_of_charge == "yes":
        facts.append(words.free)
    elif provider.free_of_charge == "no":
        facts.append(words.not_free)
    return facts


def contact_lines(content: Content, provider: Provider) -> list[str]:
    """The contact's website, hours and known facts as Markdown lines (calls and mails are buttons)."""
    words = content.texts.cards
    lines = []
    if provider.url:
        lines.append(f"{words.website}: [{short_url(provider.url)}]({provider.url})")
    if provider.hours:
        lines.append(f"{words.hours}: {provider.hours}")
    facts = contact_facts(content, provider)
    if facts:
        lines.append(" · ".join(facts))
    lines.append(content.texts.labels.police_relations[provider.police_relation])
    return lines


def source_caption(content: Content, provider: Provider) -> str:
    words = content.texts.cards
    text = fill(
        words.source, source=f"[{short_url(provider.source)}]({provider.source})", date=f"{provider.verified:%d.%m.%Y}"
    )
    if provider.source_date == UNDATED:
        text += " · " + words.source_undated
    elif provider.source_date:
        text += " · " + fill(words.source_date, date=content.texts.month_date(provider.source_date))
    return text


def render_contact(content: Content, provider: Provider, key: str) -> None:
    texts = content.texts
    with st.container(border=True):
        st.markdown(f"**{provider.name}**")
        if provider.audience:
            st.markdown(fill(texts.cards.audience, audience=provider.audience))
        st.caption(f"{texts.labels.kinds[provider.kind]} · {where(content, provider)}")
        st.markdown(provider.description)
        contact_actions(content, provider, f"{key}_contact_{provider.id}")
        st.markdown("  \n".join(contact_lines(content, provider)))
        st.caption(source_caption(content, provider))


def render_answers(
    content: Content, answers: Mapping[str, Any], on_change: Callable[[str], None] | None, prefix: str
) -> None:
    """The "Ihre Angaben" list: one row per answered question, each with an "Ändern" button."""
    questions = content.questions()
    words = content.texts.wizard
    for key, value in answers.items():
        question = questions[key]
        label_text = "  \n".join(question.labels(value))
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(f"**{question.text}**  \n{label_text}")
        if on_change is not None:
            right.button(
                words.change,
                key=f"{prefix}_change_{key}",
                on_click=on_change,
                args=(key,),
                help=fill(words.change_help, question=question.text),
            )


def print_copy(content: Content, result: Result, given: Mapping[str, Any]) -> None:
    """The whole result, every step unfolded, for the printout only (the screen shows the plan)."""
    with st.container(key="print_only_result"):
        st.markdown(result_markdown(content, result, given))


def disclaimer(content: Content) -> None:
    st.caption(fill(content.texts.result.disclaimer, date=f"{content.last_reviewed:%d.%m.%Y}"))


def short_url(url: str) -> str:
    return url.removeprefix("https://").removeprefix("www.").rstrip("/")
