"""Every message an editor can see for broken YAML, pinned exactly (file, line and text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.cli import main
from lotse.content.loader import check_content, load_content
from lotse.content.problems import ContentError
from tests.helpers import MINIMAL_GUIDE, MINIMAL_PROVIDERS, MINIMAL_STEPS, build_tree


def errors_for(tmp_path: Path, **files: str) -> list[str]:
    build_tree(tmp_path, **files)
    _, problems = check_content(tmp_path)
    return [str(p) for p in problems if p.severity == "error"]


def test_minimal_tree_has_no_problems(tmp_path: Path) -> None:
    build_tree(tmp_path)
    content, problems = check_content(tmp_path)
    assert problems == []
    assert content is not None and len(content.steps) == 3


def test_unknown_key_names_line_suggestion_and_allowed_keys(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("    text: Gefahr?\n", "    text: Gefahr?\n    optons: []\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:24: Fehler: nodes.danger.optons: Unbekannter Schlüssel 'optons'. Meinten Sie 'options'? "
        "Erlaubt sind hier: type, text, help, advisor_note, multiple, options, default, next."
    ]


def test_duplicate_key_is_refused_with_its_line(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("title: Wegweiser\n", "title: Wegweiser\ntitle: Nochmal\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:3: Fehler: Der Schlüssel 'title' steht hier zum zweiten Mal. "
        "Jeder Schlüssel darf in einem Abschnitt nur einmal vorkommen: Löschen oder umbenennen."
    ]


def test_yaml_syntax_error_names_line_and_fix(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("    title: Notruf\n", "    title: [Notruf\n")
    [error] = errors_for(tmp_path, steps=steps)
    assert error.startswith("flows/steps.yaml:4: Fehler: YAML-Syntaxfehler (")
    assert error.endswith("Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der davor.")


def test_tab_indentation_is_explained(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("    title: Notruf\n", "\ttitle: Notruf\n")
    assert errors_for(tmp_path, steps=steps) == [
        "flows/steps.yaml:3: Fehler: Tabulator gefunden. YAML erlaubt zum Einrücken nur Leerzeichen."
    ]


def test_missing_required_field_points_at_its_item(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("    urgency: soon\n", "")
    assert errors_for(tmp_path, steps=steps) == [
        "flows/steps.yaml:8: Fehler: steps.1.urgency: Das Pflichtfeld 'urgency' fehlt. "
        "Bitte ergänzen (siehe docs/editing.md)."
    ]


def test_next_target_that_does_not_exist(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("    next: police\n", "    next: polize\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:56: Fehler: 'next: polize' verweist auf einen Knoten, den es nicht gibt. Meinten Sie 'police'?"
    ]


def test_condition_with_value_the_question_does_not_offer(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("      - if: danger == 'yes'\n", "      - if: danger == 'ja'\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:28: Fehler: Die Bedingung 'danger == 'ja'' vergleicht 'danger' mit 'ja', "
        "aber diese Frage kennt nur: yes, no."
    ]


def test_condition_with_unknown_answer_key(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("when: danger == 'yes'", "when: dangr == 'yes'")
    assert errors_for(tmp_path, steps=steps) == [
        "flows/steps.yaml:5: Fehler: Die Bedingung 'dangr == 'yes'' nennt die unbekannte Antwort 'dangr'. "
        "Bekannt: author_known, danger, incident, police, state."
    ]


def test_condition_that_does_not_parse(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("when: danger == 'yes'", "when: danger == == 'yes'")
    [error] = errors_for(tmp_path, steps=steps)
    assert error.startswith("flows/steps.yaml:5: Fehler: Die Bedingung 'danger == == 'yes'' lässt sich nicht lesen (")


@pytest.mark.parametrize("expression", ["danger.__class__", "lipsum()", "danger|upper == 'YES'", "danger[0] == 'y'"])
def test_condition_refuses_calls_attributes_filters_and_indexing(tmp_path: Path, expression: str) -> None:
    steps = MINIMAL_STEPS.replace("when: danger == 'yes'", f'when: "{expression}"')
    [error] = errors_for(tmp_path, steps=steps)
    assert error.startswith("flows/steps.yaml:5: Fehler: Die Bedingung")
    assert "Erlaubt sind nur Antworten, Vergleiche (==, !=, in), and, or, not und 'is any_of(...)'." in error


def test_unknown_placeholder_in_step_text(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("{{ state_name }}", "{{ land }}")
    assert errors_for(tmp_path, steps=steps) == [
        "flows/steps.yaml:11: Fehler: Schritt 'talk': unbekannter Platzhalter '{{ land }}'. "
        "Erlaubt: author_known, danger, incident, incident_labels, police, state, state_name."
    ]


def test_broken_placeholder_syntax_in_step_text(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("{{ state_name }}", "{{ state_name }")
    [error] = errors_for(tmp_path, steps=steps)
    assert error.startswith("flows/steps.yaml:12: Fehler: Schritt 'talk': Platzhalter-Fehler im Text (")


def test_duplicate_step_id(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("  - id: talk\n", "  - id: emergency-110\n")
    assert errors_for(tmp_path, steps=steps) == [
        "flows/steps.yaml:8: Fehler: Die ID 'emergency-110' gibt es schon. IDs müssen eindeutig sein."
    ]


def test_duplicate_provider_id(tmp_path: Path) -> None:
    providers = MINIMAL_PROVIDERS.replace("  - id: by-help\n", "  - id: by-police\n")
    assert errors_for(tmp_path, providers=providers) == [
        "providers.yaml:26: Fehler: Die ID 'by-police' gibt es schon. IDs müssen eindeutig sein."
    ]


def test_unknown_state_code(tmp_path: Path) -> None:
    providers = MINIMAL_PROVIDERS.replace(
        "states: [BY]\n    incidents: [threat", "states: [BAY]\n    incidents: [threat"
    )
    [error] = errors_for(tmp_path, providers=providers)
    assert error.startswith(
        "providers.yaml:17: Fehler: providers.1.states.0: Der Wert 'BAY' ist nicht erlaubt. Erlaubt: 'DE', 'BW',"
    )


def test_http_url_is_refused(tmp_path: Path) -> None:
    providers = MINIMAL_PROVIDERS.replace("url: https://www.polizei.bayern.de", "url: http://www.polizei.bayern.de")
    assert errors_for(tmp_path, providers=providers) == [
        "providers.yaml:21: Fehler: providers.1.url: 'http://www.polizei.bayern.de' ist keine sichere Adresse. "
        "Links müssen mit https:// beginnen."
    ]


def test_phone_with_letters_is_refused(tmp_path: Path) -> None:
    providers = MINIMAL_PROVIDERS.replace('phone: "110"', 'phone: "110 (Notruf)"')
    assert errors_for(tmp_path, providers=providers) == [
        "providers.yaml:9: Fehler: providers.0.phone: Telefonnummer '110 (Notruf)' hat ein ungültiges Format. "
        "Erlaubt sind Ziffern, Leerzeichen, '-', '/' und ein '+' am Anfang, z. B. 0800 300 99 44."
    ]


def test_malformed_date(tmp_path: Path) -> None:
    providers = MINIMAL_PROVIDERS.replace(
        "verified: 2026-11-01\n  - id: by-police", "verified: 1.11.2026\n  - id: by-police"
    )
    assert errors_for(tmp_path, providers=providers) == [
        "providers.yaml:13: Fehler: providers.0.verified: '1.11.2026' ist kein Datum. Schreiben Sie es so: 2026-11-22."
    ]


def test_dead_end_without_fallback_rule(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("      - to: state\n", "      - if: danger == 'no'\n        to: state\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:27: Fehler: Sackgasse bei 'danger': Die letzte Regel unter 'next' braucht kein 'if', "
        "damit es immer weitergeht (z. B. '- to: result')."
    ]


def test_unreachable_node(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("  result:\n", "  orphan:\n    type: result\n    title: Verwaist\n  result:\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:77: Fehler: Den Knoten 'orphan' erreicht kein Weg. "
        "Verweisen Sie mit 'next' auf ihn oder löschen Sie ihn."
    ]


def test_cycle_is_refused(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("    next: result\n  result:", "    next: incident\n  result:")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:6: Fehler: Schleife: incident → danger → emergency → state → police → author_known → incident. "
        "Ein Weg darf keinen Knoten zweimal besuchen."
    ]


def test_canonical_question_with_missing_value(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("      - {value: TH, label: Thüringen}\n", "")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:39: Fehler: Der Frage 'state' fehlen die Antworten: TH."
    ]


def test_further_question_needs_a_default(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace('    default: "no"\n', "")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:69: Fehler: Die Frage 'author_known' braucht einen 'default', "
        "damit ein Ergebnis auch ohne diese Antwort möglich ist."
    ]


def test_wrong_node_type(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("    type: info\n", "    type: infobox\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:31: Fehler: nodes.emergency: Unbekannter Typ 'infobox'. Erlaubt: 'question', 'info', 'result'."
    ]


def test_missing_file(tmp_path: Path) -> None:
    build_tree(tmp_path)
    (tmp_path / "providers.yaml").unlink()
    _, problems = check_content(tmp_path)
    assert [str(p) for p in problems] == ["providers.yaml:1: Fehler: Die Datei fehlt."]


def test_yes_and_no_stay_text_not_booleans(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace(
        '{value: "yes", label: Ja}\n      - {value: "no", label: Nein}\n    next:\n      - if: danger',
        "{value: yes, label: Ja}\n      - {value: no, label: Nein}\n    next:\n      - if: danger",
    )
    build_tree(tmp_path, guide=guide)
    content = load_content(tmp_path)
    assert content.questions()["danger"].option_values() == ("yes", "no")


def test_stale_verification_is_a_warning_not_an_error(tmp_path: Path) -> None:
    from datetime import date

    build_tree(tmp_path)
    content, problems = check_content(tmp_path, today=date(2027, 12, 1))
    assert content is not None
    assert next(str(p) for p in problems) == (
        "providers.yaml:13: Warnung: 'de-110' wurde zuletzt am 2026-11-01 geprüft (über 12 Monate). "
        "Bitte die Quelle erneut prüfen und das Datum aktualisieren."
    )
    assert all(p.severity == "warning" for p in problems)


def test_raw_html_in_step_text_is_a_warning(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("text: Rufen Sie 110.", "text: <b>Rufen</b> Sie 110.")
    build_tree(tmp_path, steps=steps)
    _, problems = check_content(tmp_path)
    assert [str(p) for p in problems] == [
        "flows/steps.yaml:6: Warnung: Schritt 'emergency-110': HTML wird nicht angezeigt. "
        "Nutzen Sie Markdown, z. B. **fett** oder [Link](https://…)."
    ]


def test_load_content_raises_one_typed_error_with_all_problems(tmp_path: Path) -> None:
    providers = MINIMAL_PROVIDERS.replace('phone: "110"', 'phone: "1 1 0 x"').replace("kind: police", "kind: polizei")
    build_tree(tmp_path, providers=providers)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    assert [p.line for p in caught.value.problems] == [9, 16]


def test_check_command_prints_problems_and_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = MINIMAL_GUIDE.replace("    next: police\n", "    next: polize\n")
    build_tree(tmp_path, guide=guide)
    assert main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "flows/guide.yaml:56: Fehler:" in out and "Traceback" not in out
    assert out.strip().endswith("1 Fehler, 0 Warnungen.")


def test_colon_in_unquoted_text_explains_the_quotes(tmp_path: Path) -> None:
    steps = MINIMAL_STEPS.replace("    title: Notruf\n", "    title: Notruf: sofort\n")
    assert errors_for(tmp_path, steps=steps) == [
        "flows/steps.yaml:3: Fehler: Ein Doppelpunkt mit Leerzeichen (': ') mitten im Text ist in YAML nicht "
        "erlaubt: Setzen Sie den ganzen Text in Anführungszeichen."
    ]


def test_colon_in_unquoted_list_item_explains_the_quotes(tmp_path: Path) -> None:
    guide = MINIMAL_GUIDE.replace("title: Wegweiser\n", "title:\n  Weg: weiser\n")
    assert errors_for(tmp_path, guide=guide) == [
        "flows/guide.yaml:2: Fehler: title: Hier wird ein Text erwartet. Ein Doppelpunkt mit Leerzeichen "
        "(': ') macht aus Text einen Abschnitt: Setzen Sie den ganzen Text in Anführungszeichen."
    ]


def test_hard_to_read_step_text_is_a_warning_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hard = (
        "Die strafprozessualen Ermittlungsmaßnahmen der zuständigen Staatsanwaltschaft erfordern "
        "grundsätzlich eine vorherige ordnungsgemäße Antragstellung durch die antragsberechtigte Person "
        "innerhalb der gesetzlich vorgeschriebenen Antragsfrist entsprechend den einschlägigen Vorschriften."
    )
    build_tree(tmp_path, steps=MINIMAL_STEPS.replace("text: Rufen Sie 110.", f"text: {hard}"))
    assert main(["check", "--root", str(tmp_path)]) == 0  # a warning does not fail the check …
    out = capsys.readouterr().out
    assert "flows/steps.yaml:6: Warnung: 'emergency-110' ist schwer lesbar (Wiener Sachtextformel " in out
    assert ", Grenze 7). Kürzere Sätze, weniger lange Wörter, Fachbegriffe einmal erklären." in out
    assert main(["check", "--root", str(tmp_path), "--strict"]) == 1  # … unless --strict


def test_shipped_texts_are_all_within_the_readability_limit() -> None:
    from lotse.check.readability import READABILITY_LIMIT, readability_score, texts_to_measure

    content = load_content(Path(__file__).resolve().parents[1])
    scores = {text_id: readability_score(text) for _, text_id, _, text in texts_to_measure(content)}
    assert len(scores) >= 30
    assert {k: round(v, 1) for k, v in scores.items() if v > READABILITY_LIMIT} == {}


@pytest.mark.parametrize("name", ["flows/guide.yaml", "flows/steps.yaml", "flows/scenarios.yaml", "providers.yaml"])
def test_fast_and_pure_yaml_loaders_agree_on_data_and_lines(name: str) -> None:
    from lotse.content.yamlfile import _FastLineLoader, _LineLoader

    text = (Path(__file__).resolve().parents[1] / name).read_text(encoding="utf-8")
    fast, pure = _FastLineLoader(text), _LineLoader(text)
    try:
        assert fast.get_single_data() == pure.get_single_data()
        assert fast.lines == pure.lines
    finally:
        fast.dispose()
        pure.dispose()
