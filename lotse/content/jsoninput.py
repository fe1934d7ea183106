"""JSON a user hands the command line (a letter's `--data`, a line of `answer --batch`), read with bounds.

Python's `json` would read a file of any size, recurse into any nesting (RecursionError at about 1,000
levels), turn 5,000 digits into an int (ValueError beyond 4,300), keep the last of two equal keys and
accept a lone surrogate (`"\\ud800"`) that no PDF font can draw and no Word file can store. Here each of
these is a `JsonInputError` with a code, checked before or while parsing, never a traceback; the command
line says it in the words of texts/de.yaml (`cli.json_input`).
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 20
"""Answers nest two levels ({"incident": [...]}), letter data one; 20 leaves room for anything honest."""
MAX_DIGITS = 20
"""No answer and no form field is a number longer than this."""

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
"""Strings (skipped whole, so a bracket inside one does not count) and the brackets that nest."""


class JsonInputError(ValueError):
    """The input is not JSON Lotse reads; `code` says why (a key of `cli.json_input` in texts/de.yaml),
    `values` fill its placeholders."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text`, counted without parsing."""
    level = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            level += 1
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                break
        elif token in "]}":
            level -= 1
    return deepest


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise JsonInputError("digits", limit=MAX_DIGITS)
    return int(text)


def _decimal(text: str) -> float:
    if sum(char.isdigit() for char in text) > MAX_DIGITS:
        raise JsonInputError("digits", limit=MAX_DIGITS)
    return float(text)


def _constant(text: str) -> Any:
    raise JsonInputError("constant", text=text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonInputError("twice", key=_shown(key))
        result[key] = value
    return result


def loads(text: str) -> Any:
    """`text` parsed as JSON, within MAX_DEPTH and MAX_DIGITS, without duplicate keys or lone surrogates."""
    if depth(text) > MAX_DEPTH:
        raise JsonInputError("too_deep", limit=MAX_DEPTH)
    try:
        data = json.loads(
            text, object_pairs_hook=_object, parse_int=_integer, parse_float=_decimal, parse_constant=_constant
        )
    except RecursionError:  # the depth count above makes this unreachable; kept as a last line
        raise JsonInputError("too_deep", limit=MAX_DEPTH) from None
    except json.JSONDecodeError as exc:
        raise JsonInputError("invalid", line=exc.lineno, column=exc.colno) from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise JsonInputError("surrogate") from None
    return data


def loads_bytes(raw: bytes) -> Any:
    """`raw` as UTF-8 JSON (see `loads`)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonInputError("not_utf8") from None
    return loads(text)


def _shown(text: str, limit: int = 40) -> str:
    safe = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)
    return safe if len(safe) <= limit else safe[:limit] + "…"
