"""Validators for the values editors type: phone numbers, web and mail addresses, dates, ids.

Each raises `ValueError` with a German message that says what is wrong and how to write it. They use
well-kept libraries where those know more than a regular expression: `phonenumbers` (Google's number
plan data) for German numbers, the standard library's URL parser, `email-validator` for addresses.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
VALUE_PATTERN = re.compile(r"[A-Za-z0-9_]+")
PHONE_CHARACTERS = re.compile(r"\+?[0-9][0-9 /()-]*[0-9]")
DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
SOURCE_DATE_PATTERN = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")
SOCIAL_VALUE_NUMBER = re.compile(r"116 ?\d{3}")
"""Harmonised European service numbers of social value (Commission Decision 2007/116/EC), such as
116 006 or 116 016; libphonenumber does not list all of them."""
HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
URL_FORBIDDEN = set(" <>\"'`{}|\\^[]")
MAX_TEXT_LENGTH = 5000


def slug(value: str) -> str:
    if not SLUG_PATTERN.fullmatch(value):
        raise ValueError(f"'{value}' ist keine gültige ID. Erlaubt: Kleinbuchstaben, Ziffern und Bindestriche.")
    return value


def key(value: str) -> str:
    if not KEY_PATTERN.fullmatch(value):
        raise ValueError(f"'{value}' ist kein gültiger Name. Erlaubt: Kleinbuchstaben, Ziffern und '_'.")
    return value


def answer_value(value: str) -> str:
    if not VALUE_PATTERN.fullmatch(value):
        raise ValueError(f"'{value}' ist kein gültiger Antwortwert. Erlaubt: Buchstaben, Ziffern und '_'.")
    return value


def plain_text(value: str) -> str:
    """Any text shown to users: no invisible control or formatting characters, no endless texts."""
    if not value.replace("\n", "").replace("\t", "").isprintable():  # printable: no C* or Z* but the space
        for char in value:
            if char not in "\n\t" and unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs"}:
                raise ValueError(
                    f"Der Text enthält ein unsichtbares Zeichen (U+{ord(char):04X}). Löschen Sie es, "
                    "am besten indem Sie das Wort neu tippen."
                )
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"Der Text ist länger als {MAX_TEXT_LENGTH} Zeichen. Kürzen Sie ihn.")
    return value


def phone(value: str) -> str:
    """A German phone number as people dial it: a regular number or a short one such as 110 or 116 006."""
    wrong = (
        f"Telefonnummer '{value}' ist keine gültige deutsche Nummer. Schreiben Sie sie, wie man sie wählt, "
        "z. B. 0800 300 99 44, 030 252 088 38, +49 351 855-2223 oder 116 006."
    )
    if not PHONE_CHARACTERS.fullmatch(value):
        raise ValueError(wrong)
    if SOCIAL_VALUE_NUMBER.fullmatch(value):
        return value
    try:
        number = phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException:
        raise ValueError(wrong) from None
    if not (phonenumbers.is_valid_number(number) or phonenumbers.is_valid_short_number(number)):
        raise ValueError(wrong)
    return value


@lru_cache(maxsize=1024)
def tel_uri(value: str) -> str:
    """The `tel:` link for a number `phone` accepted: international form, short numbers as dialled.
    Remembered: every result page asks it for each contact, and parsing a number takes a fraction of a
    millisecond each time."""
    number = phonenumbers.parse(value, "DE")
    if phonenumbers.is_valid_number(number):
        return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return "tel:" + re.sub(r"\D", "", value)


def https_url(value: str) -> str:
    """A plain https address of a public web page: a real host name, no user, no port, no odd characters."""
    problem = _url_problem(value)
    if problem:
        raise ValueError(f"'{value}' ist keine gültige Adresse: {problem}")
    return value


def _url_problem(value: str) -> str | None:
    # A printable text holds no C* or Z* character but the space, which URL_FORBIDDEN holds.
    if not URL_FORBIDDEN.isdisjoint(value) or (
        not value.isprintable() and any(unicodedata.category(char)[0] in "CZ" for char in value)
    ):
        return "Sie enthält Leerzeichen, unsichtbare Zeichen oder Zeichen wie < > \" ' [ ]."
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "Die Portnummer ist ungültig."
    if parts.scheme != "https":
        return "Links müssen mit https:// beginnen."
    if "@" in parts.netloc:
        return "Benutzername oder Passwort gehören nicht in eine Adresse."
    if port is not None:
        return "Lassen Sie die Portnummer (':…') weg."
    return _host_problem(parts.hostname or "")


def _host_problem(host: str) -> str | None:
    if len(host.split(".")) < 2 or "" in host.split("."):
        return f"Der Servername '{host}' ist unvollständig (z. B. www.beispiel.de)."
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"Der Servername '{host}' ist ungültig."
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(HOST_LABEL.fullmatch(label) for label in labels):
        return f"Der Servername '{host}' ist unvollständig (z. B. www.beispiel.de)."
    top = labels[-1]
    if not (top.isalpha() and len(top) >= 2) and not top.startswith("xn--"):
        return f"Der Servername '{host}' hat keine gültige Endung wie .de."
    return None


def email(value: str) -> str:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ValueError(f"'{value}' ist keine gültige E-Mail-Adresse (z. B. info@beispiel.de).") from None
    return value


def day(value: object) -> date:
    """A calendar day written as text in ISO form (YAML leaves dates as text in Lotse's loader)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not DAY_PATTERN.fullmatch(value):
        raise ValueError(f"'{value}' ist kein Datum. Schreiben Sie es so: 2026-11-22.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"'{value}' gibt es nicht im Kalender. Schreiben Sie ein echtes Datum, z. B. 2026-11-22."
        ) from None


UNDATED = "undated"
"""`source_date: undated`: the page shows no date and no dated evidence of the same facts is known."""


def source_date(value: object) -> str:
    """A year, a month or a day, as precise as the source states it; kept as text in ISO order.
    `undated` says honestly that the source gives none."""
    if value == UNDATED:
        return UNDATED
    text = value if isinstance(value, str) else str(value) if isinstance(value, int) else ""
    match = SOURCE_DATE_PATTERN.fullmatch(text) if not isinstance(value, bool) else None
    if match is None:
        raise ValueError(
            f"'{value}' ist kein Quellen-Datum. Schreiben Sie das Jahr (2023), den Monat (2023-03) "
            "oder den Tag (2023-03-14), so genau, wie die Quelle es angibt, oder 'undated', wenn sie keines nennt."
        )
    if match.group(3):
        day(text)
    return text
