"""Content YAML is plain data: what a careless or hostile file can do is refused with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.content.yamlfile import MAX_DEPTH, YamlSyntaxError, _FastLoader, _Loader, parse_yaml, read_yaml
from tests.conftest import REPO

ANCHORS = (
    "f.yaml:1: Fehler: Anker und Verweise (&name, *name) sind in Lotse-Dateien nicht erlaubt: "
    "Schreiben Sie den Text an jeder Stelle aus."
)


def refusal(text: str) -> str:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text, "f.yaml")
    return str(caught.value)


def test_a_billion_laughs_block_is_refused_before_it_expands() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{b}: &{b} [*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a},*{a}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    assert refusal("\n".join(lines)) == ANCHORS


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: &a [*a]\n", "- &x {k: v}\n"])
def test_anchors_and_aliases_are_refused(text: str) -> None:
    assert refusal(text) == ANCHORS


@pytest.mark.parametrize(("text", "tag"), [("a: !!str 1\n", "str"), ("a: !!python/object:os.system x\n", "python")])
def test_explicit_tags_are_refused(text: str, tag: str) -> None:
    message = refusal(text)
    assert message.startswith("f.yaml:1: Fehler: Die Markierung 'tag:yaml.org,2002:" + tag)
    assert message.endswith("ist in Lotse-Dateien nicht erlaubt: Schreiben Sie den Wert ohne '!'.")


def test_deep_bracket_nesting_is_refused_before_libyaml_sees_it() -> None:
    assert refusal("a: " + "[" * 100_000) == (
        f"f.yaml:1: Fehler: Zu tief verschachtelt (mehr als {MAX_DEPTH} Klammern '[' oder '{{' ineinander)."
    )


def test_deep_block_nesting_is_refused() -> None:
    text = "a:\n" + "".join(" " * depth + "b:\n" for depth in range(1, 40))
    assert (
        refusal(text)
        == f"f.yaml:14: Fehler: Zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen). Prüfen Sie die Einrückung."
    )


def test_a_control_character_names_its_line() -> None:
    assert refusal("a: 1\nb: x\x07y\n") == (
        "f.yaml:2: Fehler: Unsichtbares Steuerzeichen (U+0007) in dieser Zeile. "
        "Löschen Sie es, am besten indem Sie die Zeile neu tippen."
    )


def test_an_unclosed_quote_is_reported_where_it_opens_not_where_yaml_notices() -> None:
    lines = (REPO / "flows" / "guide.yaml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if "text: Was ist passiert?" in line)
    lines[number - 1] = lines[number - 1].replace("Was ist passiert?", '"Was ist passiert?')
    assert refusal("\n".join(lines)) == (
        f"f.yaml:{number}: Fehler: Hier beginnt ein Text in Anführungszeichen, der in dieser Zeile nicht endet. "
        "Setzen Sie das schließende Anführungszeichen ans Ende des Textes."
    )


def test_a_duplicate_key_is_refused_at_its_second_use() -> None:
    assert refusal("a: 1\nb: 2\na: 3\n") == (
        "f.yaml:3: Fehler: Der Schlüssel 'a' steht hier zum zweiten Mal. Jeder Schlüssel darf in einem Abschnitt "
        "nur einmal vorkommen: Löschen oder umbenennen."
    )


def test_a_colon_inside_text_explains_the_quotes() -> None:
    assert refusal("a:\n  text: Hinweis: wichtig: sehr\n") == (
        "f.yaml:2: Fehler: Ein Doppelpunkt mit Leerzeichen (': ') mitten im Text ist in YAML nicht erlaubt: "
        "Setzen Sie den ganzen Text in Anführungszeichen."
    )


def test_a_tab_is_named() -> None:
    assert (
        refusal("a:\n\tb: 1\n") == "f.yaml:2: Fehler: Tabulator gefunden. YAML erlaubt zum Einrücken nur Leerzeichen."
    )


def test_yes_and_no_stay_text_and_dates_stay_text() -> None:
    data = parse_yaml("danger: yes\nother: no\nflag: true\nday: 2026-13-01\n", "f.yaml").data
    assert data == {"danger": "yes", "other": "no", "flag": True, "day": "2026-13-01"}


def test_an_empty_file_is_data_none_not_a_crash() -> None:
    assert parse_yaml("", "f.yaml").data is None


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 1_100_000, encoding="utf-8")
    with pytest.raises(YamlSyntaxError) as caught:
        read_yaml(big, "big.yaml")
    assert (
        str(caught.value)
        == "big.yaml:1: Fehler: Die Datei ist größer als 1000 kB. Teilen Sie sie auf oder kürzen Sie sie."
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "f.yaml:1: Fehler: Hier steht ein Ordner, wo eine YAML-Datei sein muss."),
        (lambda p: None, "f.yaml:1: Fehler: Die Datei fehlt."),
        (
            lambda p: p.write_bytes(b"a: 1\nb: Stra\xdfe\n"),
            "f.yaml:2: Fehler: Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor als UTF-8.",
        ),
    ],
    ids=["directory", "missing", "latin-1"],
)
def test_files_that_cannot_be_read_are_messages(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "f.yaml"
    make(path)
    with pytest.raises(YamlSyntaxError) as caught:
        read_yaml(path, "f.yaml")
    assert str(caught.value) == message


def test_an_unreadable_file_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", refuse)  # as root, chmod 000 would not stop the read
    with pytest.raises(YamlSyntaxError) as caught:
        read_yaml(path, "f.yaml")
    assert str(caught.value) == (
        "f.yaml:1: Fehler: Die Datei lässt sich nicht lesen (Permission denied). Prüfen Sie die Zugriffsrechte."
    )


@pytest.mark.parametrize("name", ["flows/guide.yaml", "flows/steps.yaml", "flows/scenarios.yaml", "providers.yaml"])
def test_fast_and_pure_loaders_agree_on_data_and_lines(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8")
    fast, pure = _FastLoader(text), _Loader(text)
    assert fast.get_single_data() == pure.get_single_data()
    assert fast.lines == pure.lines and len(fast.lines) > 50


def test_a_file_parsed_again_is_the_same_data_and_each_caller_gets_its_own_copy() -> None:
    text = "a:\n  - 'b'\n  - {c: 1}\n"
    first = parse_yaml(text, "x.yaml")
    first.data["a"][1]["c"] = 2
    first.lines.clear()
    again = parse_yaml(text, "x.yaml")
    assert again.data == {"a": ["b", {"c": 1}]}
    assert again.lines[("a", 1, "c")] == 3
