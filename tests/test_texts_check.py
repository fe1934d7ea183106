"""texts/de.yaml, the words of the pages, in the one check: every key the pages need, no unknown key,
placeholders only where allowed, safe Markdown, a translation with every key. Each message names the
file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.check import validate
from tests.apptest import copy_content

TEXTS = "texts/de.yaml"


def check_with(tmp_path: Path, old: str, new: str, file: str = TEXTS) -> list[str]:
    root = copy_content(tmp_path)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [str(problem) for problem in validate(root, warnings=False).errors]  # the measure only warns


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture(scope="module")
def shipped_text() -> str:
    return (Path(__file__).resolve().parents[1] / TEXTS).read_text(encoding="utf-8")


def test_the_shipped_texts_pass(tmp_path: Path) -> None:
    assert check_with(tmp_path, "language: de", "language: de") == []


def test_a_missing_key_is_an_error_at_its_section(tmp_path: Path, shipped_text: str) -> None:
    errors = check_with(tmp_path, "  show_result: Ergebnis anzeigen\n", "")
    line = line_of(shipped_text, "wizard:\n")
    assert errors == [
        f"{TEXTS}:{line}: Fehler: wizard.show_result: Das Pflichtfeld 'show_result' fehlt. Bitte ergänzen (siehe docs/editing.md)."
    ]


def test_an_unknown_key_is_refused(tmp_path: Path, shipped_text: str) -> None:
    errors = check_with(
        tmp_path, "  show_result: Ergebnis anzeigen\n", "  show_result: Ergebnis anzeigen\n  show_resul: x\n"
    )
    line = line_of(shipped_text, "  show_result: Ergebnis anzeigen\n") + 1
    assert len(errors) == 1 and errors[0].startswith(
        f"{TEXTS}:{line}: Fehler: wizard.show_resul: Unbekannter Schlüssel 'show_resul'."
    )


def test_a_placeholder_is_allowed_only_where_the_page_fills_it(tmp_path: Path, shipped_text: str) -> None:
    errors = check_with(tmp_path, "  show_result: Ergebnis anzeigen\n", "  show_result: Ergebnis für {{ state }}\n")
    line = line_of(shipped_text, "  show_result: Ergebnis anzeigen\n")
    assert errors == [
        f"{TEXTS}:{line}: Fehler: wizard.show_result: Unbekannter Platzhalter '{{{{ state }}}}'. "
        "Erlaubt sind hier: keine."
    ]
    errors = check_with(tmp_path / "b", '"Frage {{ number }} von höchstens {{ total }}"', '"Frage {{ nummer }}"')
    assert errors[0].endswith(
        "Unbekannter Platzhalter '{{ nummer }}'. Meinten Sie 'number'? Erlaubt sind hier: number, total."
    )


def test_a_label_for_every_code(tmp_path: Path, shipped_text: str) -> None:
    errors = check_with(tmp_path, "    prevention: Vorbeugung\n", "")
    line = line_of(shipped_text, "  kinds:\n")
    assert errors == [
        f"{TEXTS}:{line}: Fehler: labels.kinds: Hier fehlen Texte für: prevention. Ergänzen Sie je eine Zeile 'code: Text'."
    ]


def test_markdown_may_link_but_never_load(tmp_path: Path, shipped_text: str) -> None:
    image = "  intro: 'Das Wichtigste zuerst. ![x](https://tracker.example/p.png)'"
    errors = check_with(tmp_path, "  intro: Das Wichtigste zuerst. Alles andere hat Zeit.", image)
    line = line_of(shipped_text, "  intro: Das Wichtigste zuerst.")
    assert errors == [
        f"{TEXTS}:{line}: Fehler: result.intro: Bilder (![…](…)) sind nicht erlaubt: Sie würden von fremden Servern "
        "geladen. Beschreiben Sie es in Worten oder setzen Sie einen Link."
    ]


def test_own_questions_and_screens_must_exist(tmp_path: Path, shipped_text: str) -> None:
    errors = check_with(tmp_path, "    report_status: Zu Ihrer Anzeige\n", "    report_stat: Zu Ihrer Anzeige\n")
    assert errors == [
        f"{TEXTS}:{line_of(shipped_text, '    report_status: Zu Ihrer Anzeige')}: Fehler: result.own_questions: "
        "Die Frage 'report_stat' gibt es in flows/guide.yaml nicht. Möglich: role, incident, danger, channel, storm, state, "
        "police, report_status, author_known, learned."
    ]
    errors = check_with(tmp_path / "b", "  screen: emergency", "  screen: state")
    assert errors[0].endswith("emergency.screen: 'state' ist kein Hinweis (type: info) in flows/guide.yaml.")


def test_a_second_language_is_a_file_with_every_key(tmp_path: Path, shipped_text: str) -> None:
    root = copy_content(tmp_path)
    english = shipped_text.replace("language: de", "language: en").replace("  start: Start\n", "")
    (root / "texts" / "en.yaml").write_text(english, encoding="utf-8")
    errors = [str(problem) for problem in validate(root, warnings=False).errors]
    line = line_of(english, "start:\n")
    assert errors == [
        f"texts/en.yaml:{line}: Fehler: start.start: Das Pflichtfeld 'start' fehlt. Bitte ergänzen (siehe docs/editing.md)."
    ]


def test_an_edited_file_is_read_again_at_the_same_place(tmp_path: Path) -> None:
    """The words are remembered by their bytes: a saved edit counts at once, and so does undoing it."""
    root = copy_content(tmp_path)
    path = root / TEXTS
    shipped = path.read_text(encoding="utf-8")
    assert validate(root, warnings=False).errors == []
    path.write_text(shipped.replace("  show_result: Ergebnis anzeigen\n", ""), encoding="utf-8")
    assert [p.message for p in validate(root, warnings=False).errors] == [
        "wizard.show_result: Das Pflichtfeld 'show_result' fehlt. Bitte ergänzen (siehe docs/editing.md)."
    ]
    path.write_text(shipped, encoding="utf-8")
    assert validate(root, warnings=False).errors == []
