"""Views of the trainer page: the scenario library, playing a scenario, the flow map, the comparison.

Everything shown is computed by the core (lotse.explain: trace, flowmap, compare); these functions
only lay it out. Text from YAML goes through st.markdown, which never renders raw HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from lotse.content.loader import Content
from lotse.content.safety import SafetyFile, SafetyScenario
from lotse.content.schema import InfoNode, Provider, QuestionNode, Scenario
from lotse.content.texts import fill
from lotse.documents.german import plain_date
from lotse.documents.safety_plan import safety_plan
from lotse.explain.compare import Comparison, Split
from lotse.explain.flowmap import flow_dot
from lotse.explain.scenario_facts import scenario_facts
from lotse.explain.summary import result_sections
from lotse.explain.trace import TraceStep, answer_text
from lotse.guide.result import Result
from ui.deadlines import today
from ui.views import emergency_box, render_contacts, render_plan

# Static CSS for presentation mode: larger type, and nothing a projector need not show (sidebar,
# toolbar, the emergency and exit bar). Never built from YAML content.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stToolbar"], [data-testid="stHeader"], [data-testid="stDecoration"], .lotse-bar {
  display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 68rem; padding-top: 2rem; padding-bottom: 2rem; }
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


def presentation_style() -> None:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)


def library(content: Content) -> None:
    """All scenarios in a few words each; the Sicherheits-Check's cases last, with their story."""
    st.subheader(content.texts.training.library, anchor=False)
    lines = [f"- **{s.title}**  \n  {' · '.join(scenario_facts(content, s))}" for s in content.scenarios]
    check = content.safety
    if check is not None:
        kind = check.words.training_kind
        lines += [f"- **{kind} {s.title}**  \n  {s.story}" for s in check.scenarios]
    st.markdown("\n".join(lines))


def safety_story(content: Content, check: SafetyFile, scenario: SafetyScenario) -> None:
    st.header(scenario.title, anchor=False)
    st.caption(check.words.title)
    st.markdown(scenario.story)
    st.subheader(content.texts.training.learning_goals, anchor=False)
    st.markdown("\n".join(f"- {goal}" for goal in scenario.learning_goals))


def safety_answers(check: SafetyFile, scenario: SafetyScenario) -> None:
    """Each answered item under its area, with the answer the person in the story gives."""
    words = check.words
    st.header(words.training_answers, anchor=False)
    for area in check.areas:
        answered = [item for item in area.items if item.id in scenario.answers]
        if answered:
            st.subheader(area.title, anchor=False)
            st.markdown("\n".join(f"- {item.text} **{words.answer(scenario.answers[item.id])}**" for item in answered))


def safety_result(content: Content, check: SafetyFile, scenario: SafetyScenario) -> None:
    """The plan the answers make (dated from today), after what it must hold."""
    words = check.words
    plan = safety_plan(content, scenario.answers, today())
    texts = {item.id: item.text for _, item in check.items()}
    st.header(words.training_plan, anchor=False)
    with st.container(border=True):
        st.subheader(words.training_expected, anchor=False)
        in_plan = {entry.item.id for entry in plan}
        lines = [
            f"- :material/check_circle: **{texts[i]}**" if i in in_plan else f"- :material/error: {texts[i]}"
            for i in scenario.expected.items
            if i in texts
        ]
        if scenario.expected.first in texts:
            lines.append(f"- :material/looks_one: {words.training_first} **{texts[scenario.expected.first]}**")
        st.markdown("\n".join(lines))
    for entry in plan:
        with st.container(border=True):
            st.markdown(f"**{entry.item.text}**")
            st.markdown(f"{words.due_label}: **{plain_date(entry.due)}** · {words.who_label}: {entry.item.who}")


def story(content: Content, scenario: Scenario) -> None:
    st.header(scenario.title, anchor=False)
    st.caption(" · ".join(scenario_facts(content, scenario)))
    st.markdown(scenario.story)
    st.subheader(content.texts.training.learning_goals, anchor=False)
    st.markdown("\n".join(f"- {goal}" for goal in scenario.learning_goals))


def trace_screen(content: Content, step: TraceStep, number: int, total: int) -> None:
    """One node of the path: the question and the answer chosen, and why the flow goes on."""
    words = content.texts.training
    st.caption(fill(words.screen, number=number, total=total, kind=words.kinds[step.kind]))
    node = content.flow.nodes[step.node_id]
    st.header(step.title, anchor=False)
    if isinstance(node, QuestionNode):
        _options(content, node, step)
    elif isinstance(node, InfoNode):
        with st.container(border=True):
            st.markdown(node.text)
    st.info(f"{words.why} {step.reason}", icon=":material/alt_route:")


def _options(content: Content, question: QuestionNode, step: TraceStep) -> None:
    words = content.texts.training
    chosen = step.answer if isinstance(step.answer, list) else [step.answer]
    lines = []
    for option in question.options:
        if option.value in chosen:
            lines.append(f"- :material/check_circle: **{option.label}** {words.chosen}")
        else:
            lines.append(f"- :gray[{option.label}]")
    st.markdown("\n".join(lines))
    if step.defaulted:
        st.caption(fill(words.assumed, answer=answer_text(content, step)))


def expected_box(content: Content, scenario: Scenario, result: Result) -> None:
    """What this scenario is about: the expected key steps and contacts, and where they appear."""
    words = content.texts.training
    sections = result_sections(content, result)
    places = {step.id: fill(words.step, number=number) for number, step in enumerate(sections.plan, start=1)}
    for heading, steps in [*sections.own, *sections.more]:
        places.update({step.id: heading for step in steps})
    shown = [*result.main_contacts, *result.deferred_contacts]
    contact_numbers = {p.id: number for number, p in enumerate(shown, start=1)}
    titles = {compiled.step.id: compiled.step.title for compiled in content.steps}
    names = {provider.id: provider.name for provider in content.providers}
    expected = scenario.expected
    with st.container(border=True):
        st.subheader(words.expected, anchor=False)
        lines = [_found(content, titles[i], places.get(i)) for i in expected.steps]
        lines += [f"- :material/block: {words.absent} {titles[i]}" for i in expected.absent_steps]
        contacts = sorted(expected.contacts, key=lambda i: contact_numbers.get(i, 0))
        lines += [_found(content, names[i], _contact_place(content, contact_numbers.get(i))) for i in contacts]
        if expected.first_contact:
            lines.append(f"- :material/looks_one: {words.first_contact} **{names[expected.first_contact]}**")
        lines += [f"- :material/block: {words.absent} {names[i]}" for i in expected.absent_contacts]
        st.markdown("\n".join(lines))
        st.markdown(f"**{words.learning_goals}**\n\n" + "\n".join(f"- {goal}" for goal in scenario.learning_goals))


def _contact_place(content: Content, number: int | None) -> str | None:
    return None if number is None else fill(content.texts.training.contact, number=number)


def _found(content: Content, title: str, place: str | None) -> str:
    if place is None:  # lotse check prevents this; shown plainly if the content changed meanwhile
        return f"- :material/error: {title}: {content.texts.training.missing}"
    return f"- :material/check_circle: **{title}** ({place})"


def result_screen(content: Content, scenario: Scenario, result: Result, number: int, total: int) -> None:
    words = content.texts.training
    st.caption(fill(words.screen, number=number, total=total, kind=words.kinds["result"]))
    st.header(words.result, anchor=False)
    expected_box(content, scenario, result)
    if result.emergency:
        emergency_box(content, "training")
    render_plan(content, result, "training")
    render_contacts(content, result, "training")


def flow_map(content: Content, path: Sequence[TraceStep], current: str | None = None) -> None:
    words = content.texts.training
    st.graphviz_chart(flow_dot(content, path, current), width="stretch")
    st.caption(words.map_legend + (words.map_current if current else ""))


def comparison(content: Content, comparison: Comparison) -> None:
    words = content.texts.training
    st.subheader(words.answers_differ, anchor=False)
    if comparison.answers:
        rows = [f"| {_cell(d.question)} | {_cell(d.a)} | {_cell(d.b)} |" for d in comparison.answers]
        header = f"| {words.question} | A | B |\n| --- | --- | --- |\n"
        st.markdown(header + "\n".join(rows))
    else:
        st.markdown(words.same_answers)
    st.subheader(words.steps, anchor=False)
    _split(content, comparison.steps, lambda step: step.title)
    st.subheader(words.contacts, anchor=False)
    _split(content, comparison.contacts, lambda p: _contact_name(content, p, comparison))


def _split(content: Content, split: Split[T], label: Callable[[T], str]) -> None:
    words = content.texts.training
    if split.same:
        st.markdown(words.no_difference)
    left, right = st.columns(2)
    for column, side, items in ((left, "A", split.only_a), (right, "B", split.only_b)):
        with column.container(border=True):
            st.markdown(fill(words.only_in, side=side, count=len(items)))
            st.markdown("\n".join(f"- {label(item)}" for item in items) if items else "–")
    with st.expander(fill(words.in_both, count=len(split.both))):
        st.markdown("\n".join(f"- {label(item)}" for item in split.both) if split.both else "–")


def _contact_name(content: Content, provider: Provider, comparison: Comparison) -> str:
    deferred = [
        side
        for side, result in (("A", comparison.result_a), ("B", comparison.result_b))
        if provider.id in result.deferred
    ]
    words = content.texts.training
    note = " " + fill(words.deferred_in, sides=f" {words.and_word} ".join(deferred)) if deferred else ""
    return provider.name + note


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
