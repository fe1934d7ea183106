"""The short letter form: what each field accepts, checked before anything is rendered.

Refused with a message that names the field: unknown fields, wrong types, values over the field's
length, control characters (except line breaks in multi-line fields), bidi overrides (they can make a
letter read differently from what was typed), future dates where only past ones make sense.
Everything else is kept as typed, emoji and right-to-left scripts included; the writers escape it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from lotse.content.problems import RefusalError
from lotse.content.vocabulary import STATES
from lotse.documents.documents_file import FieldDef, FieldUse, Letter, Offence
from lotse.documents.german import numeric_date, plain_date

FormValue = str | date | tuple[str, ...]
# Embeddings, overrides and isolates reorder text on screen ("Trojan Source"); marks (LRM/RLM) stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class FormError(ValueError):
    """Form data that cannot be used; `problems` holds (field, refusal) pairs, worded by `Texts.say`."""

    def __init__(self, problems: list[tuple[str, RefusalError]]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(refusal) for _, refusal in problems))


@dataclass(frozen=True)
class FormField:
    """One field as the UI asks for it."""

    name: str
    label: str
    help: str | None
    kind: str
    """line | text | date | offences"""
    required: bool
    max_length: int | None
    options: tuple[tuple[str, str], ...] = ()
    """For `offences` and `state`: (value, label) pairs."""
    placeholder: str | None = None
    """For `state`: what the empty choice says."""
    in_view: bool = False
    """Shown with the required fields, not behind the switch for optional ones."""


def form_fields(
    letter: Letter,
    fields: Mapping[str, FieldDef],
    offences: Sequence[Offence],
    states: Mapping[str, str] | None = None,
) -> list[FormField]:
    """The letter's fields; `states` names the states for a field of kind `state` (codes where absent)."""
    return [_form_field(use, fields[use.field], offences, states or {}) for use in letter.fields]


def _form_field(
    use: FieldUse, definition: FieldDef, offences: Sequence[Offence], states: Mapping[str, str]
) -> FormField:
    options: tuple[tuple[str, str], ...] = ()
    if definition.kind == "offences":
        options = tuple((o.value, f"{o.name} ({o.law}): {o.hint}") for o in offences)
    elif definition.kind == "state":
        options = tuple((code, states.get(code, code)) for code in STATES)
    return FormField(
        name=use.field,
        label=use.label or definition.label,
        help=use.help if use.help is not None else definition.help,
        kind=definition.kind,
        required=use.required,
        max_length=definition.max_length if definition.kind in {"line", "text"} else None,
        options=options,
        placeholder=definition.placeholder,
        in_view=use.required or use.in_view,
    )


def clean_form(
    letter: Letter,
    fields: Mapping[str, FieldDef],
    offences: Sequence[Offence],
    data: Mapping[str, Any],
    today: date,
) -> dict[str, FormValue]:
    """The filled fields of `data`, checked and normalised; raises FormError with every problem found."""
    specs = {spec.name: spec for spec in form_fields(letter, fields, offences)}
    problems: list[tuple[str, RefusalError]] = []
    clean: dict[str, FormValue] = {}
    for key, raw in data.items():
        spec = specs.get(str(key))
        if spec is None:
            problems.append((str(key), RefusalError("field_unknown", field=key, fields=", ".join(specs))))
            continue
        try:
            value = _clean_value(spec, fields[spec.name], raw, today, {o.value for o in offences})
        except RefusalError as exc:
            problems.append((spec.name, exc))
            continue
        if value:
            clean[spec.name] = value
    named = {name for name, _ in problems}
    missing = [s for s in specs.values() if s.required and s.name not in clean and s.name not in named]
    problems += [(s.name, RefusalError("field_required", label=s.label)) for s in missing]
    if problems:
        raise FormError(problems)
    return clean


def _clean_value(spec: FormField, definition: FieldDef, raw: Any, today: date, offences: set[str]) -> FormValue:
    if raw is None:
        return ""
    if spec.kind == "offences":
        return _clean_choices(spec, raw, offences)
    if spec.kind == "date":
        return _clean_date(spec, definition, raw, today)
    if spec.kind == "state":
        return _clean_state(spec, raw)
    if not isinstance(raw, str):
        raise RefusalError("field_text", label=spec.label)
    return _clean_text(spec, raw)


def _clean_text(spec: FormField, raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if spec.kind == "line" and "\n" in text:
        raise RefusalError("field_one_line", label=spec.label)
    for char in text:
        if char != "\n" and (unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"} or char in BIDI_CONTROLS):
            raise RefusalError("field_control", label=spec.label, char=f"{ord(char):04X}")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    if spec.max_length is not None and len(text) > spec.max_length:
        raise RefusalError("field_too_long", label=spec.label, length=len(text), limit=spec.max_length)
    return text


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _clean_date(spec: FormField, definition: FieldDef, raw: Any, today: date) -> date | str:
    if isinstance(raw, date):
        day = raw
    elif isinstance(raw, str):
        if not raw.strip():
            return ""
        try:
            if not ISO_DAY.fullmatch(raw.strip()):  # fromisoformat would also take 2026-W10-3
                raise ValueError(raw)
            day = date.fromisoformat(raw.strip())
        except ValueError:
            raise RefusalError("field_not_a_date", label=spec.label, shown=raw[:40]) from None
    else:
        raise RefusalError("field_date_expected", label=spec.label)
    if definition.past_only and day > today:
        raise RefusalError("field_future", label=spec.label, date=numeric_date(day))
    return day


def _clean_state(spec: FormField, raw: Any) -> str:
    if raw == "":
        return ""
    if not isinstance(raw, str) or raw not in STATES:
        shown = raw[:40] if isinstance(raw, str) else type(raw).__name__
        raise RefusalError("field_state", label=spec.label, shown=shown, states=", ".join(STATES))
    return raw


def _clean_choices(spec: FormField, raw: Any, allowed: set[str]) -> tuple[str, ...]:
    if not isinstance(raw, (list, tuple)) or not all(isinstance(v, str) for v in raw):
        raise RefusalError("field_offences", label=spec.label)
    unknown = [v for v in raw if v not in allowed]
    if unknown:
        raise RefusalError(
            "field_offence_unknown", label=spec.label, shown=unknown[0][:40], offences=", ".join(sorted(allowed))
        )
    return tuple(dict.fromkeys(raw))


def as_text(value: FormValue | None, offences: Sequence[Offence]) -> str:
    """A cleaned value as it stands in a letter: dates in words, offences as 'Name (§ …)'."""
    if value is None:
        return ""
    if isinstance(value, date):
        return plain_date(value)
    if isinstance(value, tuple):
        names = {o.value: f"{o.name} ({o.law})" for o in offences}
        return ", ".join(names[v] for v in value)
    return value
