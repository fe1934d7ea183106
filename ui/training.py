"""Views of the trainer page: the scenario library, playing a scenario, the flow map, the comparison.

Everything shown is computed by the core (lotse.explain: trace, flowmap, compare); these functions
only lay it out. Text from YAML goes through st.markdown, which never renders raw HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from lotse.content.loader import Content
from lotse.content.models import InfoNode, Provider, QuestionNode, Scenario
from lotse.explain.compare import Comparison, Split
from lotse.explain.flowmap import flow_dot
from lotse.explain.scenarios import scenario_facts
from lotse.explain.trace import KIND_LABELS, TraceStep, answer_text
from lotse.guide.result import Result
from ui.views import render_result

# Static CSS for presentation mode. Never built from YAML content.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stToolbar"], [data-testid="stHeader"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 68rem; padding-top: 2rem; }
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] li { font-size: 1.35rem; line-height: 1.55; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.6rem; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2.1rem; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.7rem; }
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] { font-size: 1.1rem; }
[data-testid="stMainBlockContainer"] button p { font-size: 1.25rem; }
[data-testid="stMainBlockContainer"] [data-baseweb="select"] div,
[data-testid="stMainBlockContainer"] label p { font-size: 1.2rem; }
</style>
"""

T = TypeVar("T")

MAP_LEGEND = (
    "Blau und nummeriert: der Weg dieses Falls. Die Pfeile tragen die Bedingung aus der Datei flows/guide.yaml; "
    "„sonst“ gilt, wenn keine Bedingung davor zutrifft."
)
CURRENT_LEGEND = " Gelb: der Schritt, an dem Sie gerade sind."


def presentation_style() -> None:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)


def library(content: Content) -> None:
    """All scenarios in a few words each."""
    st.subheader("Alle Fälle", anchor=False)
    lines = [f"- **{s.title}**  \n  {' · '.join(scenario_facts(s))}" for s in content.scenarios]
    st.markdown("\n".join(lines))


def story(scenario: Scenario) -> None:
    st.header(scenario.title, anchor=False)
    st.caption(" · ".join(scenario_facts(scenario)))
    st.markdown(scenario.story)
    st.subheader("Lernziele", anchor=False)
    st.markdown("\n".join(f"- {goal}" for goal in scenario.learning_goals))


def trace_screen(content: Content, step: TraceStep, number: int, total: int) -> None:
    """One node of the path: the question and the answer chosen, and why the flow goes on."""
    st.caption(f"Schritt {number} von {total} · {KIND_LABELS[step.kind]}")
    node = content.flow.nodes[step.node_id]
    st.header(step.title, anchor=False)
    if isinstance(node, QuestionNode):
        _options(node, step)
    elif isinstance(node, InfoNode):
        with st.container(border=True):
            st.markdown(node.text)
    st.info(f"**Warum geht es so weiter?** {step.reason}", icon=":material/alt_route:")
    st.caption(_rule_caption(step))


def _options(question: QuestionNode, step: TraceStep) -> None:
    chosen = step.answer if isinstance(step.answer, list) else [step.answer]
    lines = []
    for option in question.options:
        if option.value in chosen:
            lines.append(f"- :material/check_circle: **{option.label}** (gewählt)")
        else:
            lines.append(f"- :gray[{option.label}]")
    st.markdown("\n".join(lines))
    if step.defaulted:
        st.caption(f"Im Fall steht dazu nichts. Lotse nimmt {answer_text(step).split(' (')[0]} an.")


def _rule_caption(step: TraceStep) -> str:
    if step.condition:
        return f"Regel in flows/guide.yaml: wenn `{step.condition}`, weiter zu `{step.target}`."
    if step.fallback:
        return f"Regel in flows/guide.yaml: sonst weiter zu `{step.target}`."
    return f"Regel in flows/guide.yaml: immer weiter zu `{step.target}`."


def expected_box(content: Content, scenario: Scenario, result: Result) -> None:
    """What this scenario is about: the expected key steps and contacts, and where they appear."""
    step_numbers = {step.id: number for number, step in enumerate(result.steps, start=1)}
    contact_numbers = {p.id: number for number, p in enumerate(result.contacts, start=1)}
    titles = {compiled.step.id: compiled.step.title for compiled in content.steps}
    names = {provider.id: provider.name for provider in content.providers}
    expected = scenario.expected
    with st.container(border=True):
        st.subheader("Darauf kommt es in diesem Fall an", anchor=False)
        steps = sorted(expected.steps, key=lambda i: step_numbers.get(i, 0))
        contacts = sorted(expected.contacts, key=lambda i: contact_numbers.get(i, 0))
        lines = [_found(titles[i], step_numbers.get(i), "Schritt") for i in steps]
        lines += [f"- :material/block: Erscheint nicht: {titles[i]}" for i in expected.absent_steps]
        lines += [_found(names[i], contact_numbers.get(i), "Ansprechstelle") for i in contacts]
        if expected.first_contact:
            lines.append(f"- :material/looks_one: Als erste Ansprechstelle: **{names[expected.first_contact]}**")
        lines += [f"- :material/block: Erscheint nicht: {names[i]}" for i in expected.absent_contacts]
        st.markdown("\n".join(lines))
        st.markdown("**Lernziele**\n\n" + "\n".join(f"- {goal}" for goal in scenario.learning_goals))


def _found(title: str, number: int | None, kind: str) -> str:
    if number is None:  # lotse check prevents this; shown plainly if the content changed meanwhile
        return f"- :material/error: {title}: fehlt im Ergebnis"
    return f"- :material/check_circle: **{title}** ({kind} {number})"


def result_screen(content: Content, scenario: Scenario, result: Result, number: int, total: int) -> None:
    st.caption(f"Schritt {number} von {total} · Ergebnis")
    st.header("Das Ergebnis", anchor=False)
    expected_box(content, scenario, result)
    render_result(content, result)


def flow_map(content: Content, path: Sequence[TraceStep], current: str | None = None) -> None:
    st.graphviz_chart(flow_dot(content, path, current), width="stretch")
    st.caption(MAP_LEGEND + (CURRENT_LEGEND if current else ""))


def comparison(comparison: Comparison) -> None:
    st.subheader("Unterschiedliche Antworten", anchor=False)
    if comparison.answers:
        rows = [f"| {_cell(d.question)} | {_cell(d.a)} | {_cell(d.b)} |" for d in comparison.answers]
        st.markdown("| Frage | A | B |\n| --- | --- | --- |\n" + "\n".join(rows))
    else:
        st.markdown("Beide Fälle haben dieselben Antworten.")
    st.subheader("Nächste Schritte", anchor=False)
    _split(comparison.steps, lambda step: step.title)
    st.subheader("Ansprechstellen", anchor=False)
    _split(comparison.contacts, lambda p: _contact_name(p, comparison))


def _split(split: Split[T], label: Callable[[T], str]) -> None:
    if split.same:
        st.markdown("Kein Unterschied.")
    left, right = st.columns(2)
    for column, heading, items in ((left, "Nur in A", split.only_a), (right, "Nur in B", split.only_b)):
        with column.container(border=True):
            st.markdown(f"**{heading}** ({len(items)})")
            st.markdown("\n".join(f"- {label(item)}" for item in items) if items else "–")
    with st.expander(f"In beiden ({len(split.both)})"):
        st.markdown("\n".join(f"- {label(item)}" for item in split.both) if split.both else "–")


def _contact_name(provider: Provider, comparison: Comparison) -> str:
    deferred = [
        side
        for side, result in (("A", comparison.result_a), ("B", comparison.result_b))
        if provider.id in result.deferred
    ]
    note = f" *(in {' und '.join(deferred)} zuletzt: keine Polizei gewünscht)*" if deferred else ""
    return provider.name + note


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
