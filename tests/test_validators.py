"""What editors type into contacts: numbers, addresses, dates. Real formats, real messages."""

from __future__ import annotations

from datetime import date

import pytest

from lotse.content import validators

PHONE_HINT = (
    "ist keine gültige deutsche Nummer. Schreiben Sie sie, wie man sie wählt, "
    "z. B. 0800 300 99 44, 030 252 088 38, +49 351 855-2223 oder 116 006."
)


@pytest.mark.parametrize(
    "number",
    ["110", "112", "116 006", "116 016", "0800 300 99 44", "030 252 088 38", "+49 351 855-2223", "0511 120-8737"],
)
def test_real_german_numbers_pass(number: str) -> None:
    assert validators.phone(number) == number


@pytest.mark.parametrize(
    "number",
    ["12", "0" * 40, "+49", "110\n", "0800 300 99 44 0800 300 99 44", "0800-HILFE", "1１0", "0800\u200b3009944", ""],
    ids=[
        "two-digits",
        "forty-zeros",
        "country-code-only",
        "trailing-newline",
        "twice",
        "letters",
        "fullwidth",
        "zwsp",
        "empty",
    ],
)
def test_impossible_numbers_are_refused(number: str) -> None:
    with pytest.raises(ValueError) as caught:
        validators.phone(number)
    assert str(caught.value) == f"Telefonnummer '{number}' {PHONE_HINT}"


@pytest.mark.parametrize(
    ("number", "uri"),
    [
        ("110", "tel:110"),
        ("116 006", "tel:116006"),
        ("0800 300 99 44", "tel:+498003009944"),
        ("030 252 088 38", "tel:+493025208838"),
    ],
)
def test_tel_links_are_international_except_short_numbers(number: str, uri: str) -> None:
    assert validators.tel_uri(number) == uri


@pytest.mark.parametrize(
    "url", ["https://www.hateaid.org/beratung/", "https://stark-im-amt.de", "https://www.bürgertelefon.de/a?b=1#c"]
)
def test_plain_https_addresses_pass(url: str) -> None:
    assert validators.https_url(url) == url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://www.polizei.de", "Links müssen mit https:// beginnen."),
        ("https://abcd", "Der Servername 'abcd' ist unvollständig (z. B. www.beispiel.de)."),
        ("https://www..de", "Der Servername 'www..de' ist unvollständig (z. B. www.beispiel.de)."),
        ("https://www.polizei.de:99999/", "Die Portnummer ist ungültig."),
        ("https://www.polizei.de:8443/", "Lassen Sie die Portnummer (':…') weg."),
        ("https://user:pass@www.polizei.de", "Benutzername oder Passwort gehören nicht in eine Adresse."),
        (
            "https://www.polizei.de/<script>",
            "Sie enthält Leerzeichen, unsichtbare Zeichen oder Zeichen wie < > \" ' [ ].",
        ),
        ("https://www.poli\u200bzei.de", "Sie enthält Leerzeichen, unsichtbare Zeichen oder Zeichen wie < > \" ' [ ]."),
        ("https://www.polizei.123", "Der Servername 'www.polizei.123' hat keine gültige Endung wie .de."),
        ("javascript:alert(1)", "Links müssen mit https:// beginnen."),
    ],
)
def test_broken_or_hostile_addresses_are_refused(url: str, why: str) -> None:
    with pytest.raises(ValueError) as caught:
        validators.https_url(url)
    assert str(caught.value) == f"'{url}' ist keine gültige Adresse: {why}"


@pytest.mark.parametrize("address", ["info@starkestelle.de", "beratung@hateaid.org", "mail@hessengegenhetze.de"])
def test_mail_addresses_pass(address: str) -> None:
    assert validators.email(address) == address


@pytest.mark.parametrize(
    "address", ["Beratung](https://phish.example/#)@x.de", "a..b@x.de", "x@-.de", "x@x", "x@x.de\n", " x@x.de"]
)
def test_mail_addresses_that_could_hide_a_link_are_refused(address: str) -> None:
    with pytest.raises(ValueError) as caught:
        validators.email(address)
    assert str(caught.value) == f"'{address}' ist keine gültige E-Mail-Adresse (z. B. info@beispiel.de)."


def test_days_are_iso_text_and_real() -> None:
    assert validators.day("2026-11-22") == date(2026, 11, 22)
    for wrong, message in (
        ("2026-13-01", "'2026-13-01' gibt es nicht im Kalender. Schreiben Sie ein echtes Datum, z. B. 2026-11-22."),
        (20261122, "'20261122' ist kein Datum. Schreiben Sie es so: 2026-11-22."),
        ("22.11.2026", "'22.11.2026' ist kein Datum. Schreiben Sie es so: 2026-11-22."),
    ):
        with pytest.raises(ValueError) as caught:
            validators.day(wrong)
        assert str(caught.value) == message


@pytest.mark.parametrize("value", ["2023", "2023-03", "2023-03-14", 2019])
def test_source_dates_are_as_precise_as_the_source(value: object) -> None:
    assert validators.source_date(value) == str(value)


@pytest.mark.parametrize("value", ["2023-13", "2023-02-30", "März 2023", True, 2.5])
def test_impossible_source_dates_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        validators.source_date(value)


def test_text_with_invisible_characters_is_refused() -> None:
    with pytest.raises(ValueError) as caught:
        validators.plain_text("Bera\u200btung")
    assert str(caught.value) == (
        "Der Text enthält ein unsichtbares Zeichen (U+200B). Löschen Sie es, am besten indem Sie das Wort neu tippen."
    )
    assert validators.plain_text("Zeile 1\nZeile 2") == "Zeile 1\nZeile 2"
