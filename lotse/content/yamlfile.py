"""YAML loading that remembers the line of every key and refuses duplicate keys.

Booleans follow YAML 1.2: only `true` and `false`. In YAML 1.1, `yes`, `no`, `on` and `off` become
booleans, which would silently turn the canonical answer `danger: yes` into True.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lotse.content.problems import Problem

YamlPath = tuple[str | int, ...]


class _LineRecorder:
    """Mixin for a PyYAML loader: records `path -> line` for every mapping key and sequence item and
    refuses duplicate keys (PyYAML would silently keep the last one)."""

    lines: dict[YamlPath, int]

    def construct_document(self, node: yaml.Node) -> Any:
        self.lines = {}
        self._record(node, ())
        return super().construct_document(node)  # type: ignore[misc]

    def _record(self, node: yaml.Node, path: YamlPath) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"Der Schlüssel '{key}' steht hier zum zweiten Mal.", key_node.start_mark
                    )
                seen.add(key)
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                self._record(value_node, path + (key,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._record(item, path + (index,))


class _LineLoader(_LineRecorder, yaml.SafeLoader):
    """Pure-Python loader: its error messages are the ones editors see."""


# libyaml's parser is about 10x faster (bench/: providers.yaml 13 ms instead of 126 ms). It is used
# for valid files only; any error is re-parsed with the pure loader so messages stay identical.
_FastLineLoader = type("_FastLineLoader", (_LineRecorder, getattr(yaml, "CSafeLoader", yaml.SafeLoader)), {})


def _yaml_12_booleans(loader: type) -> None:
    """Replace YAML 1.1 booleans (yes/no/on/off) with the YAML 1.2 set."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )


_yaml_12_booleans(_LineLoader)
_yaml_12_booleans(_FastLineLoader)


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


def parse_yaml(text: str, name: str) -> YamlFile:
    """Parse `text`; raise `YamlSyntaxError` (with file and line) if it is not valid YAML."""
    fast = _FastLineLoader(text)
    try:
        return YamlFile(name, fast.get_single_data(), fast.lines)
    except yaml.YAMLError:
        pass  # report with the pure loader below, whose messages are pinned by tests
    finally:
        fast.dispose()
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
        return YamlFile(name, data, loader.lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(Problem(name, line, _describe_syntax_error(exc))) from None
    finally:
        loader.dispose()


def read_yaml(path: Path, name: str) -> YamlFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlSyntaxError(Problem(name, 1, "Die Datei fehlt.")) from None
    except UnicodeDecodeError:
        raise YamlSyntaxError(Problem(name, 1, "Die Datei ist nicht in UTF-8 gespeichert.")) from None
    return parse_yaml(text, name)


class YamlSyntaxError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _describe_syntax_error(exc: yaml.MarkedYAMLError) -> str:
    problem = str(exc.problem or exc)
    if "zum zweiten Mal" in problem:
        return f"{problem} Jeder Schlüssel darf in einem Abschnitt nur einmal vorkommen: Löschen oder umbenennen."
    if "mapping values are not allowed" in problem:
        return (
            "Ein Doppelpunkt mit Leerzeichen (': ') mitten im Text ist in YAML nicht erlaubt: "
            "Setzen Sie den ganzen Text in Anführungszeichen."
        )
    if "found character '\\t'" in problem:
        return "Tabulator gefunden. YAML erlaubt zum Einrücken nur Leerzeichen."
    hint = "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der davor."
    return f"YAML-Syntaxfehler ({problem}). {hint}"
