"""Turn pydantic's validation errors into plain German messages with file, line and a fix."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from lotse.content.problems import Problem
from lotse.content.yamlfile import YamlFile

UNION_HINTS: dict[str, str] = {
    "next": "Hier steht ein Knoten-Name (z. B. 'next: danger') oder eine Liste von Regeln ('- if: …' und 'to: …').",
    "default": "Hier steht eine Antwort (z. B. 'default: unsure') oder bei 'multiple: true' eine Liste von Antworten.",
    "incidents": "Hier steht 'all' oder eine Liste von Vorfällen, z. B. [threat, insult].",
}


def validation_problems(error: ValidationError, source: YamlFile, model: type[BaseModel]) -> list[Problem]:
    """One problem per wrong value. Where a value may take several forms (a union), pydantic reports
    one error per form; those become a single message that names the forms."""
    problems: list[Problem] = []
    unions_seen: set[tuple[Any, ...]] = set()
    for detail in error.errors():
        loc = tuple(detail["loc"])
        plain_loc = tuple(part for part in loc if not _is_union_tag(part))
        data_path = _data_path(plain_loc, source)
        if len(plain_loc) < len(loc):
            if data_path in unions_seen:
                continue
            unions_seen.add(data_path)
            message = _union_message(detail, plain_loc, model, error, loc)
        else:
            message = _message(detail, loc, model)
        where = ".".join(str(p) for p in data_path)
        problems.append(source.problem(data_path, f"{where}: {message}" if where else message))
    return problems


def _is_union_tag(part: Any) -> bool:
    """Parts pydantic adds for the members of a union, e.g. 'str', 'list[Rule]', 'function-after[…]'."""
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "bool", "list", "dict"})


def _union_message(
    detail: dict[str, Any],
    plain_loc: tuple[Any, ...],
    model: type[BaseModel],
    error: ValidationError,
    loc: tuple[Any, ...],
) -> str:
    """A value that fits none of the forms: the field's own hint, or the first member's message."""
    siblings = [d for d in error.errors() if tuple(p for p in d["loc"] if not _is_union_tag(p)) == plain_loc]
    if len(siblings) == 1:
        return _message(detail, loc, model)
    field = next((str(part) for part in reversed(plain_loc) if isinstance(part, str)), "")
    return UNION_HINTS.get(field, _message(detail, loc, model))


def _data_path(loc: tuple[Any, ...], source: YamlFile) -> tuple[Any, ...]:
    """Drop the parts pydantic adds that are not in the YAML (union tags such as 'question', 'str')."""
    path: tuple[Any, ...] = ()
    for part in loc:
        candidate = path + (part,)
        if candidate in source.lines or _is_leaf_key(part, loc):
            path = candidate
    return path


def _is_leaf_key(part: Any, loc: tuple[Any, ...]) -> bool:
    return part == loc[-1] and isinstance(part, str)


_SIMPLE_MESSAGES: dict[str, str] = {
    "string_type": "Hier wird ein Text erwartet.",
    "list_type": "Hier wird eine Liste erwartet: jeder Eintrag in einer eigenen Zeile, die mit '- ' beginnt.",
    "dict_type": "Hier wird ein Abschnitt mit 'schlüssel: wert'-Zeilen erwartet.",
    "model_type": "Hier wird ein Abschnitt mit 'schlüssel: wert'-Zeilen erwartet.",
    "model_attributes_type": "Hier wird ein Abschnitt mit 'schlüssel: wert'-Zeilen erwartet.",
    "string_too_short": "Dieser Text darf nicht leer sein.",
    "union_tag_not_found": "Hier fehlt 'type:' (question, info oder result).",
}
_DATE_ERRORS = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}


def _message(detail: dict[str, Any], loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    kind, ctx, value = detail["type"], detail.get("ctx", {}), detail.get("input")
    field = str(loc[-1]) if loc else ""
    templates = {
        "missing": lambda: f"Das Pflichtfeld '{field}' fehlt. Bitte ergänzen (siehe docs/editing.md).",
        "extra_forbidden": lambda: _unknown_key(field, _allowed_keys(model, loc[:-1])),
        "literal_error": lambda: (
            f"Der Wert '{value}' ist nicht erlaubt. Erlaubt: {_german_or(ctx.get('expected', ''))}."
        ),
        "value_error": lambda: str(ctx.get("error", detail["msg"])),
        "bool_type": lambda: f"Hier wird true oder false erwartet, nicht '{value}'.",
        "bool_parsing": lambda: f"Hier wird true oder false erwartet, nicht '{value}'.",
        "too_short": lambda: f"Zu wenige Einträge: mindestens {ctx.get('min_length')} nötig.",
        "union_tag_invalid": lambda: f"Unbekannter Typ '{ctx.get('tag')}'. Erlaubt: {ctx.get('expected_tags')}.",
    }
    if kind == "string_type" and isinstance(value, dict):
        return (
            "Hier wird ein Text erwartet. Ein Doppelpunkt mit Leerzeichen (': ') macht aus Text einen "
            "Abschnitt: Setzen Sie den ganzen Text in Anführungszeichen."
        )
    if kind in _DATE_ERRORS:
        return f"'{value}' ist kein Datum. Schreiben Sie es so: 2026-11-22."
    if kind in templates:
        return templates[kind]()
    return _SIMPLE_MESSAGES.get(kind, str(detail["msg"]))


def _german_or(expected: str) -> str:
    """pydantic lists allowed literals as "'a', 'b' or 'c'"."""
    return expected.replace("' or '", "' oder '")


def _unknown_key(key: str, allowed: list[str]) -> str:
    message = f"Unbekannter Schlüssel '{key}'."
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        message += f" Meinten Sie '{close[0]}'?"
    if allowed:
        message += f" Erlaubt sind hier: {', '.join(allowed)}."
    return message


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Follow `loc` through the model's field types to the model that refused the key."""
    current: Any = model
    for part in loc:
        current = _step_into(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _step_into(annotation: Any, part: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return _unwrap(field.annotation) if field else None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and isinstance(part, int):
        return _unwrap(args[0])
    if origin is dict:
        return _unwrap(args[1])
    if args:  # a union: pick the member named by the discriminator tag (e.g. 'question')
        for candidate in args:
            member = _unwrap(candidate)
            if isinstance(member, type) and issubclass(member, BaseModel):
                tag = member.model_fields.get("type")
                if tag is not None and part in typing.get_args(tag.annotation):
                    return member
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation
