"""Rendering of results, steps and contact cards. Markdown from YAML goes through st.markdown,
which never renders raw HTML (unsafe_allow_html stays off)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from lotse.content.loader import Content
from lotse.content.models import Provider
from lotse.content.vocabulary import (
    NATIONWIDE,
    POLICE_RELATIONS,
    PROVIDER_KINDS,
    STATE_NAMES,
    TRI_STATE_LABELS,
    URGENCY_LABELS,
)
from lotse.guide.result import RenderedStep, Result


def emergency_box() -> None:
    st.error(
        "**Sie sind in Gefahr: Rufen Sie jetzt die Polizei unter [110](tel:110).**  \n"
        "Verletzt? Rettungsdienst [112](tel:112). Gehen Sie an einen sicheren Ort.",
        icon=":material/emergency:",
    )


# Steps of these urgencies are shown open; later ones are collapsed, so the page stays short.
OPEN_URGENCIES = {"immediate", "today"}


def render_result(content: Content, result: Result, advisor: bool = False) -> None:
    if result.emergency:
        emergency_box()
    render_steps(result.steps, advisor)
    render_contacts(result)


def render_steps(steps: list[RenderedStep], advisor: bool = False) -> None:
    st.header("Ihre nächsten Schritte", anchor=False)
    st.markdown(
        f"{len(steps)} Schritte, die wichtigsten zuerst. Was heute wichtig ist, ist schon aufgeklappt. "
        "Die anderen Schritte öffnen Sie mit einem Tipp darauf."
    )
    number = 0
    for urgency, label in URGENCY_LABELS.items():
        group = [step for step in steps if step.urgency == urgency]
        if not group:
            continue
        st.subheader(label, anchor=False)
        for step in group:
            number += 1
            render_step(number, step, advisor, expanded=urgency in OPEN_URGENCIES)


def render_step(number: int, step: RenderedStep, advisor: bool = False, expanded: bool = True) -> None:
    with st.expander(f"**{number}. {step.title}**", expanded=expanded):
        st.markdown(step.text)
        if advisor and step.advisor_note:
            st.info(f"**Hinweis für die Beratung:** {step.advisor_note}", icon=":material/support_agent:")
        links = " · ".join(f"[{source.label}]({source.url})" for source in step.sources)
        st.markdown(f"Quelle: {links}")


def render_contacts(result: Result) -> None:
    main, deferred = result.main_contacts, result.deferred_contacts
    st.header("Passende Ansprechstellen", anchor=False)
    st.markdown("Zuerst Ihr Bundesland, dann bundesweite Angebote.")
    for provider in main:
        render_contact(provider)
    if deferred:
        st.subheader("Falls Sie sich doch für eine Anzeige entscheiden", anchor=False)
        st.markdown("Sie möchten keine Polizei. Diese Stellen sind Polizei oder Staatsanwaltschaft.")
        for provider in deferred:
            render_contact(provider)


def contact_lines(provider: Provider) -> list[str]:
    """The contact's channels and facts as Markdown lines (click-to-call and mailto links)."""
    lines = []
    if provider.phone:
        lines.append(f"Telefon: [{provider.phone}]({provider.tel_link()})")
    if provider.email:
        lines.append(f"E-Mail: [{provider.email}](mailto:{provider.email})")
    if provider.url:
        lines.append(f"Website: [{_short_url(provider.url)}]({provider.url})")
    if provider.hours:
        lines.append(f"Erreichbar: {provider.hours}")
    lines.append(
        f"Anonym: {TRI_STATE_LABELS[provider.anonymous]} · Kostenlos: {TRI_STATE_LABELS[provider.free_of_charge]}"
    )
    lines.append(f"Polizei: {POLICE_RELATIONS[provider.police_relation]}")
    return lines


def render_contact(provider: Provider) -> None:
    with st.container(border=True):
        st.markdown(f"**{provider.name}**")
        st.caption(f"{PROVIDER_KINDS[provider.kind]} · {where(provider)}")
        st.markdown(provider.description)
        st.markdown("  \n".join(contact_lines(provider)))
        st.markdown(f"Quelle: [{_short_url(provider.source)}]({provider.source}) · geprüft am {_date(provider)}")


def where(provider: Provider) -> str:
    if NATIONWIDE in provider.states:
        return "bundesweit"
    return ", ".join(STATE_NAMES[code] for code in provider.states)


def render_answers(content: Content, answers: dict, on_change: Callable[[str], None] | None, prefix: str) -> None:
    """The "Ihre Angaben" list: one row per answered question, each with an "Ändern" button."""
    questions = content.questions()
    for key, value in answers.items():
        question = questions[key]
        values = value if isinstance(value, list) else [value]
        label_text = "  \n".join(question.label_of(v) for v in values)
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(f"**{question.text}**  \n{label_text}")
        if on_change is not None:
            right.button(
                "Ändern",
                key=f"{prefix}_change_{key}",
                on_click=on_change,
                args=(key,),
                help=f"Antwort ändern: {question.text}",
            )


def disclaimer(content: Content) -> None:
    st.caption(
        "Lotse gibt Orientierung, keine Rechtsberatung. Für Ihren Einzelfall wenden Sie sich an eine "
        "Beratungsstelle oder eine Anwältin oder einen Anwalt. Ihre Antworten werden nicht gespeichert. "
        f"Inhalte zuletzt geprüft am {content.last_reviewed:%d.%m.%Y}."
    )


def _short_url(url: str) -> str:
    return url.removeprefix("https://").removeprefix("www.").rstrip("/")


def _date(provider: Provider) -> str:
    return f"{provider.verified:%d.%m.%Y}"
