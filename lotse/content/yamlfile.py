"""YAML loading for content files: the line of every key, and nothing an editor's file can abuse.

Content YAML is plain data, so the loader refuses what plain data never needs and what can take the
app down: anchors and aliases (a 730-byte "billion laughs" block took 20 s and 2.8 GB), explicit tags,
files over `MAX_FILE_BYTES`, nesting deeper than `MAX_DEPTH` (libyaml crashes on 100,000 nested
`[`), duplicate keys (PyYAML would keep the last one silently) and control characters. Every failure
is a `YamlSyntaxError` with file, line and a fix in German, never a traceback.

Booleans follow YAML 1.2: only `true` and `false`. In YAML 1.1 `yes`, `no`, `on` and `off` become
booleans, which would silently turn the canonical answer `danger: yes` into True. Dates stay text:
the models parse them, so `2026-13-01` is a message, not a crash in PyYAML's date constructor.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.cyaml import CParser
from yaml.resolver import Resolver

from lotse.content.memo import Memo
from lotse.content.problems import Problem

YamlPath = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
"""Far above the largest content files (providers.yaml and flows/steps.yaml, about 100 kB each)."""
MAX_DEPTH = 12
"""Content files nest at most 6 levels (guide.yaml: nodes > node > next > rule > if)."""


_TOO_DEEP = f"Zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen). Prüfen Sie die Einrückung."


class YamlSyntaxError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class _RefusedError(yaml.MarkedYAMLError):
    """Something plain content data never needs (an alias, a tag, a duplicate key, deep nesting)."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(problem=message, problem_mark=mark)


class _PlainDataComposer:
    """Mixin for a PyYAML loader: composes plain data only and records `path -> line`."""

    lines: dict[YamlPath, int]

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _RefusedError(
                "Anker und Verweise (&name, *name) sind in Lotse-Dateien nicht erlaubt: "
                "Schreiben Sie den Text an jeder Stelle aus.",
                event.start_mark,
            )
        if _explicit_tag(event):
            raise _RefusedError(
                f"Die Markierung '{event.tag}' ist in Lotse-Dateien nicht erlaubt: Schreiben Sie den Wert ohne '!'.",
                event.start_mark,
            )
        return super().compose_node(parent, index)  # type: ignore[misc]

    def construct_document(self, node: yaml.Node) -> Any:
        self.lines = _record_lines(node)
        return super().construct_document(node)  # type: ignore[misc]


def _explicit_tag(event: yaml.Event) -> bool:
    if isinstance(event, yaml.ScalarEvent):
        return event.tag is not None and not any(event.implicit)
    if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
        return event.tag is not None and not event.implicit
    return False


def _record_lines(root: yaml.Node) -> dict[YamlPath, int]:
    """`path -> line` for every mapping key and sequence item; refuses duplicate keys and deep nesting.
    Iterative, so no file can exhaust the call stack."""
    lines: dict[YamlPath, int] = {}
    pending: list[tuple[yaml.Node, YamlPath]] = [(root, ())]
    while pending:
        node, path = pending.pop()
        if len(path) > MAX_DEPTH:
            raise _RefusedError(_TOO_DEEP, node.start_mark)
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    raise _RefusedError(
                        f"Der Schlüssel '{key}' steht hier zum zweiten Mal. Jeder Schlüssel darf in einem "
                        "Abschnitt nur einmal vorkommen: Löschen oder umbenennen.",
                        key_node.start_mark,
                    )
                seen.add(key)
                lines[path + (key,)] = key_node.start_mark.line + 1
                pending.append((value_node, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend((item, path + (index,)) for index, item in enumerate(node.value))
    return lines


def _plain_resolvers(loader: type) -> None:
    """YAML 1.2 booleans; no implicit dates (the models parse them with a clear message)."""
    dropped = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )


class _Loader(_PlainDataComposer, yaml.SafeLoader):
    """Pure-Python loader: its error messages are the ones editors see."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.lines = {}


class _FastLoader(_PlainDataComposer, yaml.composer.Composer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
    """libyaml's scanner and parser (about 10x faster, bench/: providers.yaml 13 ms instead of 126 ms)
    under Python's composer, so the refusals above apply on both paths. Any error is re-parsed with
    the pure loader, whose messages are the ones pinned by tests."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.lines = {}


_plain_resolvers(_Loader)
_plain_resolvers(_FastLoader)


@dataclass
class YamlFile:
    """A parsed YAML file with its line map. `name` is the path shown to editors."""

    name: str
    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)

    def line(self, path: YamlPath) -> int:
        """The line of the longest prefix of `path` that exists in the file (1 if none)."""
        best, prefix = self.lines.get((), 1), ()
        for part in path:
            prefix = prefix + (part,)
            if prefix in self.lines:
                best = self.lines[prefix]
        return best

    def problem(self, path: YamlPath, message: str, severity: str = "error") -> Problem:
        return Problem(self.name, self.line(path), message, severity)  # type: ignore[arg-type]


_PARSED: Memo[tuple[str, str], bytes] = Memo(32)
"""Each file's parse by its name and text (a pure function of both; only content files are parsed here),
pickled by this process itself: the check, each reload of the content and the tests parse the same files
again (~0.1 s for all of them; unpickling a fresh copy takes ~3 ms, a deep copy ~14 ms)."""


def parse_yaml(text: str, name: str) -> YamlFile:
    """Parse `text`; raise `YamlSyntaxError` (with file and line) for anything that is not plain data.
    Each caller gets its own copy of the data, so no one changes what another one reads."""
    stored = _PARSED.recall((name, text), lambda: _pickled(_parse(text, name)))
    data, lines = pickle.loads(stored)  # bytes this process pickled itself, never read from outside
    return YamlFile(name, data, lines)


def _pickled(parsed: YamlFile) -> bytes:
    return pickle.dumps((parsed.data, parsed.lines), protocol=pickle.HIGHEST_PROTOCOL)


def _parse(text: str, name: str) -> YamlFile:
    _check_size_and_depth(text, name)
    try:
        fast = _FastLoader(text)
        return YamlFile(name, fast.get_single_data(), fast.lines)
    except (yaml.YAMLError, RecursionError, ValueError):
        pass  # report with the pure loader below, whose messages are pinned by tests
    try:
        loader = _Loader(text)
        return YamlFile(name, loader.get_single_data(), loader.lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        opened = _unclosed_quote(text, line)
        if opened is not None and not isinstance(exc, _RefusedError):
            raise YamlSyntaxError(Problem(name, opened, _UNCLOSED_QUOTE)) from None
        raise YamlSyntaxError(Problem(name, line, _describe(exc))) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(Problem(name, line, _describe_character(exc.character))) from None
    except RecursionError:
        raise YamlSyntaxError(Problem(name, 1, _TOO_DEEP)) from None
    except (yaml.YAMLError, ValueError):
        raise YamlSyntaxError(Problem(name, 1, _GENERIC_HINT)) from None


def read_yaml(path: Path, name: str) -> YamlFile:
    """Read and parse one content file; every way it can fail is a `YamlSyntaxError` for the editor."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise YamlSyntaxError(Problem(name, 1, _too_large()))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlSyntaxError(Problem(name, 1, "Die Datei fehlt.")) from None
    except IsADirectoryError:
        raise YamlSyntaxError(Problem(name, 1, "Hier steht ein Ordner, wo eine YAML-Datei sein muss.")) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        message = "Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor als UTF-8."
        raise YamlSyntaxError(Problem(name, line, message)) from None
    except OSError as exc:
        message = f"Die Datei lässt sich nicht lesen ({exc.strerror}). Prüfen Sie die Zugriffsrechte."
        raise YamlSyntaxError(Problem(name, 1, message)) from None
    return parse_yaml(text, name)


def _too_large() -> str:
    return f"Die Datei ist größer als {MAX_FILE_BYTES // 1000} kB. Teilen Sie sie auf oder kürzen Sie sie."


def _check_size_and_depth(text: str, name: str) -> None:
    """Refuse huge files and deep bracket nesting before any parser sees them (libyaml recurses)."""
    if len(text) > MAX_FILE_BYTES:
        raise YamlSyntaxError(Problem(name, 1, _too_large()))
    depth = 0
    for line, text_line in enumerate(text.split("\n"), start=1):
        if not _BRACKETS.search(text_line):
            continue  # a quote ends with its line, so a line without brackets leaves the depth as it is
        depth = _line_depth(text_line, depth, name, line)


_BRACKETS = re.compile(r"[\[\]{}]")


def _line_depth(text_line: str, depth: int, name: str, line: int) -> int:
    quote = ""
    for char in text_line:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                message = f"Zu tief verschachtelt (mehr als {MAX_DEPTH} Klammern '[' oder '{{' ineinander)."
                raise YamlSyntaxError(Problem(name, line, message))
        elif char in "]}":
            depth = max(0, depth - 1)
    return depth


_VALUE_START = re.compile(r"^\s*(?:-\s+)?(?:[^'\"#:]+:\s+)?(?:-\s+)?(['\"])")
_UNCLOSED_QUOTE = (
    "Hier beginnt ein Text in Anführungszeichen, der in dieser Zeile nicht endet. "
    "Setzen Sie das schließende Anführungszeichen ans Ende des Textes."
)


def _unclosed_quote(text: str, error_line: int) -> int | None:
    """The first line up to `error_line` whose value opens a quote that the line does not close.
    PyYAML reports such a quote only where the next quote far below breaks the structure."""
    for number, line in enumerate(text.splitlines()[:error_line], start=1):
        match = _VALUE_START.match(line)
        if match and not _closes(line[match.end() :], match.group(1)):
            return number
    return None


def _closes(rest: str, quote: str) -> bool:
    """Whether `rest` (the line after an opening quote) contains the matching closing quote."""
    index = 0
    while index < len(rest):
        char = rest[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and rest[index + 1 : index + 2] == "'":
                index += 2
                continue
            return True
        index += 1
    return False


_GENERIC_HINT = "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der davor."


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = str(exc.problem or exc)
    if isinstance(exc, _RefusedError):
        return problem
    if "mapping values are not allowed" in problem:
        return (
            "Ein Doppelpunkt mit Leerzeichen (': ') mitten im Text ist in YAML nicht erlaubt: "
            "Setzen Sie den ganzen Text in Anführungszeichen."
        )
    if "found character '\\t'" in problem:
        return "Tabulator gefunden. YAML erlaubt zum Einrücken nur Leerzeichen."
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return f"Ein Anführungszeichen oder eine Klammer wird nicht geschlossen. {_GENERIC_HINT}"
    return f"YAML-Syntaxfehler ({problem}). {_GENERIC_HINT}"


def _describe_character(character: str | int) -> str:
    code = ord(character) if isinstance(character, str) else character
    return (
        f"Unsichtbares Steuerzeichen (U+{code:04X}) in dieser Zeile. "
        "Löschen Sie es, am besten indem Sie die Zeile neu tippen."
    )
