"""The trainer page (app_pages/training.py) through AppTest: every scenario plays to its result, compare,
flow map, presentation mode and the `?scenario=` deep link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lotse.explain.trace import trace
from tests.apptest import shipped

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE = "app_pages/training.py"
SCENARIO_IDS = re.findall(r"^  - id: (\S+)", (ROOT / "flows" / "scenarios.yaml").read_text(encoding="utf-8"), re.M)
"""Read from the file, not loaded: a broken content file fails the tests, not their collection."""


def scenario(scenario_id: str):
    found = shipped().scenario(scenario_id)
    assert found is not None
    return found


def step_title(step_id: str) -> str:
    return next(compiled.step.title for compiled in shipped().steps if compiled.step.id == step_id)


def training(scenario_id: str | None = None, link: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if link is not None:
        at.query_params["scenario"] = link
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    if scenario_id is not None:
        at.selectbox(key="training_pick").set_value(scenario_id).run()
        assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.header] + [s.value for s in at.subheader]
    parts += [e.label for e in at.expander] + [i.value for i in at.info] + [c.value for c in at.caption]
    return "\n".join(parts)


def play_to_the_end(at: AppTest) -> int:
    screens = 0
    while not at.button(key="training_next").disabled:
        click(at, "training_next")
        screens += 1
    return screens


def test_without_a_scenario_the_library_lists_every_scenario() -> None:
    at = training()
    assert at.title[0].value == "Training: Fälle durchspielen"
    page = text(at)
    assert "Alle Fälle" in page
    assert all(case.title in page for case in shipped().scenarios)
    assert "scenario" not in at.query_params


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_scenario_plays_step_by_step_to_its_expected_result(scenario_id: str) -> None:
    case = scenario(scenario_id)
    at = training(scenario_id)
    assert case.story.split()[0] in text(at) and "Lernziele" in text(at)
    path = trace(shipped(), case.answers)
    assert play_to_the_end(at) == len(path)  # one screen per node before the result, then the result
    page = text(at)
    assert "Darauf kommt es in diesem Fall an" in page and "fehlt im Ergebnis" not in page
    for step_id in case.expected.steps:
        assert step_title(step_id) in page, step_id
    for provider_id in case.expected.contacts:
        assert shipped().provider(provider_id).name in page, provider_id


def test_each_screen_shows_the_question_the_answer_and_the_reason() -> None:
    at = click(training("angriff-bei-buergerversammlung"), "training_next")
    assert at.header[0].value == "Für wen nutzen Sie Lotse?"  # the first question: the default, for oneself
    assert "**Für mich selbst** (gewählt)" in text(at)
    click(at, "training_next")
    assert at.header[0].value == "Was ist passiert?"
    assert "**Ich wurde körperlich angegriffen.** (gewählt)" in text(at)
    click(at, "training_next")
    assert at.header[0].value == "Sind Sie gerade in Gefahr?"
    assert at.info[0].value == (
        "**Warum geht es so weiter?** Weiter zu „Rufen Sie jetzt die 110 an.“, "
        "weil Sie „Ja, ich bin jetzt in Gefahr.“ gewählt haben."
    )
    assert "==" not in text(at) and "flows/guide.yaml" not in text(at)  # plain words, no code
    click(at, "training_next")
    assert at.header[0].value == "Rufen Sie jetzt die 110 an."  # the info screen
    click(at, "training_back")
    assert at.header[0].value == "Sind Sie gerade in Gefahr?"
    click(at, "training_restart")
    assert at.header[0].value == scenario("angriff-bei-buergerversammlung").title


def test_choosing_another_scenario_starts_it_from_its_story() -> None:
    at = click(click(training("rathaus-beschmiert"), "training_next"), "training_next")
    at.selectbox(key="training_pick").set_value("beleidigung-ohne-polizei").run()
    assert at.header[0].value == scenario("beleidigung-ohne-polizei").title
    assert at.query_params["scenario"] == "beleidigung-ohne-polizei"


def test_compare_shows_what_differs_between_police_yes_and_no() -> None:
    at = training("drohanruf-mit-anzeige")
    at.radio(key="training_view").set_value("compare").run()
    assert at.selectbox(key="training_compare_a").value == "drohanruf-mit-anzeige"
    assert at.selectbox(key="training_compare_b").value == "drohanruf-ohne-polizei"  # its compare_with
    page = text(at)
    assert (
        "| Möchten Sie die Polizei einschalten? | Ja, ich möchte Anzeige erstatten. | Nein, ich möchte keine Polizei. |"
        in page
    )
    only_a = next(m.value for m in at.markdown if m.value.startswith("**Nur in A**"))
    assert only_a.startswith("**Nur in A** (")
    assert step_title("report-ways") in page and step_title("no-police") in page
    assert "zuletzt: keine Polizei gewünscht" in page


def test_compare_the_same_incident_in_two_states() -> None:
    at = training("hasskommentare-bayern")
    at.radio(key="training_view").set_value("compare").run()
    page = text(at)
    assert "| In welchem Bundesland sind Sie tätig? | Bayern | Schleswig-Holstein |" in page
    content = shipped()
    assert content.provider("by-meldeverfahren-aum").name in page and content.provider("sh-onlinewache").name in page
    assert "Kein Unterschied." in page  # the steps are the same in both states


def test_the_flow_map_is_a_graphviz_chart_in_plain_words_with_the_path_highlighted() -> None:
    at = training("vorbeugen-neue-buergermeisterin")
    at.radio(key="training_view").set_value("map").run()
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    dot = charts[0].proto.spec
    assert dot.startswith("digraph lotse {")
    assert '"police" -> "result" [label="„Was ist passiert?“: nur\\nVorbeugen"' in dot
    assert '"danger" -> "emergency" [label="„Ja, ich bin jetzt in\\nGefahr.“"' in dot
    assert "==" not in dot and "any_of" not in dot
    assert "style=bold" in dot.split('"police" -> "result"')[1].splitlines()[0]


def test_deep_link_opens_the_scenario() -> None:
    at = training(link="stalker-vor-der-tuer")
    assert at.selectbox(key="training_pick").value == "stalker-vor-der-tuer"
    assert at.header[0].value == scenario("stalker-vor-der-tuer").title
    assert at.query_params["scenario"] == "stalker-vor-der-tuer"


def test_an_unknown_deep_link_is_ignored_calmly() -> None:
    at = training(link="<script>alert(1)</script>")
    assert not at.exception
    assert at.info[0].value == "Den Fall aus dem Link gibt es nicht (mehr). Bitte wählen Sie einen Fall aus der Liste."
    assert "<script>" not in text(at)
    assert at.selectbox(key="training_pick").value is None
    assert "scenario" not in at.query_params
    at.selectbox(key="training_pick").set_value("rathaus-beschmiert").run()
    assert not at.info and at.query_params["scenario"] == "rathaus-beschmiert"


def test_only_the_scenario_id_goes_into_the_url() -> None:
    at = training("pruegel-im-kommentar")
    play_to_the_end(at)
    assert dict(at.query_params) == {"scenario": "pruegel-im-kommentar"}


def test_presentation_mode_adds_large_type_and_hides_explanations_the_bar_and_the_small_map() -> None:
    at = click(training("pruegel-im-kommentar"), "training_next")
    assert any(e.label.startswith("Wo sind wir im Ablauf?") for e in at.expander)
    at.toggle(key="training_present").set_value(True).run()
    styles = [m.value for m in at.markdown if m.value.lstrip().startswith("<style>")]
    assert len(styles) == 1 and "font-size" in styles[0] and "stSidebar" in styles[0]
    assert ".lotse-bar {\n  display: none !important; }" in styles[0]
    assert "Für Schulungen und Workshops" not in text(at)
    assert not any(e.label.startswith("Wo sind wir im Ablauf?") for e in at.expander)
    assert at.header[0].value == "Für wen nutzen Sie Lotse?"  # the position is kept
