"""Trainer mode: pick a scenario, play it step by step with the reason for every turn, see the flow
map with its path, compare two scenarios. Deep link `?scenario=<id>`: only known scenario ids ever
appear in the URL, never answers."""

from __future__ import annotations

import streamlit as st

from lotse.content.safety import SafetyScenario
from lotse.content.schema import Scenario
from lotse.content.texts import fill
from lotse.explain.compare import compare
from lotse.explain.trace import trace
from lotse.guide.result import compute_result
from ui import training as view
from ui.content import get_content

content = get_content()
words = content.texts.training
GUIDE_IDS = [scenario.id for scenario in content.scenarios]
SAFETY = content.safety
SAFETY_IDS = [scenario.id for scenario in SAFETY.scenarios] if SAFETY else []
IDS = GUIDE_IDS + SAFETY_IDS
"""The guide's cases, then the Sicherheits-Check's (flows/safety.yaml, `scenarios`), played on their own."""
PICK, PLAY, UNKNOWN_LINK = "training_pick", "training_play", "training_unknown_link"
COMPARE_A, COMPARE_B, PRESENT, VIEW = "training_compare_a", "training_compare_b", "training_present", "training_view"
VIEWS = ("play", "map", "compare")


def title_of(scenario_id: str) -> str:
    scenario = content.scenario(scenario_id)
    if scenario:
        return scenario.title
    safety = safety_case(scenario_id)
    return f"{SAFETY.words.training_kind} {safety.title}" if SAFETY and safety else scenario_id


def safety_case(scenario_id: str | None) -> SafetyScenario | None:
    return SAFETY.scenario(scenario_id) if SAFETY and scenario_id else None


def choose(scenario_id: str) -> None:
    """Start `scenario_id` from its story; suggest its comparison partner."""
    scenario = content.scenario(scenario_id)
    st.session_state[PLAY] = (scenario_id, 0)
    if scenario is not None:  # a safety case has nothing to compare with
        partner = scenario.compare_with or _neighbour(scenario_id)
        st.session_state[COMPARE_A], st.session_state[COMPARE_B] = scenario_id, partner
    st.session_state.pop(UNKNOWN_LINK, None)
    write_link(scenario_id)


def _neighbour(scenario_id: str) -> str:
    return GUIDE_IDS[(GUIDE_IDS.index(scenario_id) + 1) % len(GUIDE_IDS)]


def on_pick() -> None:
    picked = st.session_state.get(PICK)
    if picked:
        choose(picked)


def read_link() -> None:
    """Open the scenario named in `?scenario=`; an unknown id is dropped from the URL with a calm note."""
    link = st.query_params.get("scenario")
    if link is None or link == st.session_state.get(PICK):
        return
    if link in IDS:
        st.session_state[PICK] = link
        choose(link)
    else:
        del st.query_params["scenario"]
        st.session_state[UNKNOWN_LINK] = True


def write_link(scenario_id: str | None) -> None:
    if scenario_id is None:
        st.query_params.pop("scenario", None)
    elif st.query_params.get("scenario") != scenario_id:
        st.query_params["scenario"] = scenario_id


def position(scenario_id: str) -> int:
    played, index = st.session_state.get(PLAY, (None, 0))
    return index if played == scenario_id else 0


def move(scenario_id: str, index: int) -> None:
    st.session_state[PLAY] = (scenario_id, index)


def play(scenario: Scenario) -> None:
    path = trace(content, scenario.answers)
    screens = len(path)  # the story, one screen per node before the result, the result
    index = min(position(scenario.id), screens)
    if index == 0:
        view.story(content, scenario)
    elif index < screens:
        view.trace_screen(content, path[index - 1], index, screens)
    else:
        result = compute_result(content, scenario.answers)
        view.result_screen(content, scenario, result, screens, screens)
    navigation(scenario.id, index, screens)
    if index and not st.session_state.get(PRESENT):
        current = path[index - 1].node_id if index < screens else path[-1].node_id
        with st.expander(words.where):
            view.flow_map(content, path, current)


def play_safety(scenario: SafetyScenario) -> None:
    """Three screens: the story, the answers given, the plan with what it must hold."""
    if SAFETY is None:
        return
    index = min(position(scenario.id), 2)
    if index == 0:
        view.safety_story(content, SAFETY, scenario)
    elif index == 1:
        view.safety_answers(SAFETY, scenario)
    else:
        view.safety_result(content, SAFETY, scenario)
    navigation(scenario.id, index, 2)


def navigation(scenario_id: str, index: int, screens: int) -> None:
    if index == 0:
        st.button(words.play, key="training_next", type="primary", on_click=move, args=(scenario_id, 1))
        return
    forward, backward, again = st.columns(3)
    buttons = (
        (forward, words.next, "training_next", index + 1, index >= screens),
        (backward, words.back, "training_back", index - 1, False),
        (again, words.again, "training_restart", 0, False),
    )
    for column, label, key, target, disabled in buttons:
        column.button(
            label,
            key=key,
            type="primary" if key == "training_next" else "secondary",
            disabled=disabled,
            on_click=move,
            args=(scenario_id, target),
            use_container_width=True,
        )


def flow_map_view(scenario: Scenario) -> None:
    st.markdown(fill(words.map_intro, title=scenario.title))
    view.flow_map(content, trace(content, scenario.answers))


def compare_view() -> None:
    st.markdown(words.compare_intro)
    left, right = st.columns(2)
    a = left.selectbox(
        words.case_a, GUIDE_IDS, index=None, format_func=title_of, key=COMPARE_A, placeholder=words.choose_case
    )
    b = right.selectbox(
        words.case_b, GUIDE_IDS, index=None, format_func=title_of, key=COMPARE_B, placeholder=words.choose_case
    )
    if a is None or b is None:
        st.markdown(words.choose_two)
        return
    scenario_a, scenario_b = content.scenario(a), content.scenario(b)
    if scenario_a is None or scenario_b is None:
        return
    result = compare(content, scenario_a.answers, scenario_b.answers)
    view.comparison(content, result)


read_link()
presenting = st.toggle(words.presentation, key=PRESENT, help=words.presentation_help)
if presenting:
    view.presentation_style()
st.title(words.title, anchor=False)
if not presenting:
    st.markdown(words.intro)
if st.session_state.get(UNKNOWN_LINK):
    st.info(words.unknown_link)
chosen = st.selectbox(
    words.pick,
    IDS,
    index=None,
    format_func=title_of,
    key=PICK,
    placeholder=words.pick_placeholder,
    on_change=on_pick,
)
write_link(chosen)
selected = content.scenario(chosen) if chosen else None
safety_selected = safety_case(chosen)
if safety_selected is not None:
    play_safety(safety_selected)
elif selected is None:
    view.library(content)
else:
    mode = st.radio(
        words.pick, VIEWS, key=VIEW, horizontal=True, label_visibility="collapsed", format_func=words.views.get
    )
    if mode == "map":
        flow_map_view(selected)
    elif mode == "compare":
        compare_view()
    else:
        play(selected)
