"""Load and validate everything under a content root: flows/ and providers.yaml.

`check_content` never raises: it returns the content (or None) and every problem found.
`load_content` raises one `ContentError` with all errors; the app and the CLI use it.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Template, TemplateSyntaxError, meta
from pydantic import BaseModel, ValidationError

from lotse.content.expressions import Condition, ConditionError, compile_condition, make_environment
from lotse.content.messages import validation_problems
from lotse.content.models import (
    Flow,
    Provider,
    ProvidersFile,
    QuestionNode,
    ResultNode,
    Rule,
    Scenario,
    ScenariosFile,
    Step,
    StepsFile,
)
from lotse.content.placeholders import context_keys
from lotse.content.problems import ContentError, Problem
from lotse.content.vocabulary import CANONICAL, MULTIPLE_CHOICE
from lotse.content.yamlfile import YamlFile, YamlSyntaxError, read_yaml

GUIDE_FILE = "flows/guide.yaml"
STEPS_FILE = "flows/steps.yaml"
SCENARIOS_FILE = "flows/scenarios.yaml"
PROVIDERS_FILE = "providers.yaml"
STALE_AFTER = timedelta(days=365)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?>")
_TEXT_ENV = make_environment()

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class CompiledRule:
    condition: Condition | None
    target: str


@dataclass(frozen=True)
class CompiledStep:
    step: Step
    condition: Condition | None
    template: Template
    text_line: int = 1
    """Line of the step's `text:` in flows/steps.yaml, for messages about the text."""


@dataclass
class Content:
    """Validated content with every condition and template compiled once."""

    root: Path
    flow: Flow
    rules: dict[str, list[CompiledRule]]
    steps: list[CompiledStep]
    providers: list[Provider]
    scenarios: list[Scenario] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    node_lines: dict[str, int] = field(default_factory=dict)
    """Line of each node in flows/guide.yaml."""

    def provider(self, provider_id: str) -> Provider:
        return next(p for p in self.providers if p.id == provider_id)

    def questions(self) -> dict[str, QuestionNode]:
        return self.flow.questions()

    @property
    def last_reviewed(self) -> date:
        """The flow's review date: when an editor last read the questions and steps as a whole."""
        return self.flow.reviewed


def load_content(root: Path, today: date | None = None) -> Content:
    content, problems = check_content(root, today)
    if content is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return content


def check_content(root: Path, today: date | None = None) -> tuple[Content | None, list[Problem]]:
    """Validate all content files under `root`; return the content (if usable) and every problem."""
    today = today or date.today()
    problems: list[Problem] = []
    guide = _load(root, GUIDE_FILE, Flow, problems)
    steps_file = _load(root, STEPS_FILE, StepsFile, problems)
    providers_file = _load(root, PROVIDERS_FILE, ProvidersFile, problems)
    scenarios_file = None
    if (root / SCENARIOS_FILE).exists():
        scenarios_file = _load(root, SCENARIOS_FILE, ScenariosFile, problems)
    if guide is None:
        return None, problems

    flow, guide_yaml = guide
    rules = _check_flow(flow, guide_yaml, problems)
    steps = _check_steps(flow, *steps_file, problems) if steps_file else []
    providers = _check_providers(*providers_file, today, problems) if providers_file else []
    if any(p.severity == "error" for p in problems) or steps_file is None or providers_file is None:
        return None, problems

    content = Content(root, flow, rules, steps, providers)
    content.node_lines = {node_id: guide_yaml.line(("nodes", node_id)) for node_id in flow.nodes}
    if scenarios_file:
        content.scenarios = _check_scenarios(content, *scenarios_file, problems)
    content.warnings = [p for p in problems if p.severity == "warning"]
    return content, problems


def _load(root: Path, name: str, model: type[M], problems: list[Problem]) -> tuple[M, YamlFile] | None:
    try:
        source = read_yaml(root / name, name)
    except YamlSyntaxError as exc:
        problems.append(exc.problem)
        return None
    if not isinstance(source.data, dict):
        problems.append(Problem(name, 1, "Die Datei ist leer oder beginnt nicht mit 'schlüssel: wert'-Zeilen."))
        return None
    try:
        return model.model_validate(source.data), source
    except ValidationError as exc:
        problems.extend(validation_problems(exc, source, model))
        return None


# --- the flow -----------------------------------------------------------------------------------


def _check_flow(flow: Flow, source: YamlFile, problems: list[Problem]) -> dict[str, list[CompiledRule]]:
    node_ids = list(flow.nodes)
    if flow.start not in flow.nodes:
        problems.append(source.problem(("start",), _unknown_node("start", flow.start, node_ids)))
    _check_canonical_questions(flow, source, problems)
    _check_further_questions(flow, source, problems)
    allowed = {key: q.option_values() for key, q in flow.questions().items()}
    rules: dict[str, list[CompiledRule]] = {}
    for node_id, node in flow.nodes.items():
        if isinstance(node, ResultNode):
            continue
        rules[node_id] = _compile_rules(node_id, node.next, allowed, node_ids, source, problems)
    if not any(p.severity == "error" for p in problems):
        _check_graph(flow, rules, source, problems)
    return rules


def _check_canonical_questions(flow: Flow, source: YamlFile, problems: list[Problem]) -> None:
    questions = flow.questions()
    for key, values in CANONICAL.items():
        question = questions.get(key)
        if question is None:
            problems.append(source.problem(("nodes",), f"Die Pflichtfrage '{key}' fehlt (type: question)."))
            continue
        path = ("nodes", key)
        missing = [v for v in values if v not in question.option_values()]
        extra = [v for v in question.option_values() if v not in values]
        if missing:
            problems.append(
                source.problem(path + ("options",), f"Der Frage '{key}' fehlen die Antworten: {', '.join(missing)}.")
            )
        if extra:
            problems.append(
                source.problem(
                    path + ("options",),
                    f"Die Frage '{key}' hat unbekannte Antworten: {', '.join(extra)}. Erlaubt: {', '.join(values)}.",
                )
            )
        if question.multiple != (key in MULTIPLE_CHOICE):
            wanted = "true" if key in MULTIPLE_CHOICE else "false"
            problems.append(source.problem(path, f"Bei der Frage '{key}' muss 'multiple: {wanted}' stehen."))
        if question.default is not None:
            problems.append(
                source.problem(
                    path + ("default",),
                    f"Die Pflichtfrage '{key}' darf keinen 'default' haben: Sie muss immer beantwortet werden.",
                )
            )


def _check_further_questions(flow: Flow, source: YamlFile, problems: list[Problem]) -> None:
    for key, question in flow.questions().items():
        path = ("nodes", key)
        for index, option in enumerate(question.options):
            if option.exclusive and not question.multiple:
                problems.append(
                    source.problem(
                        path + ("options", index, "exclusive"),
                        "'exclusive' gibt es nur bei Fragen mit 'multiple: true'.",
                    )
                )
        seen: set[str] = set()
        for index, option in enumerate(question.options):
            if option.value in seen:
                problems.append(
                    source.problem(path + ("options", index), f"Die Antwort '{option.value}' steht doppelt.")
                )
            seen.add(option.value)
        if key in CANONICAL:
            continue
        if question.default is None:
            problems.append(
                source.problem(
                    path,
                    f"Die Frage '{key}' braucht einen 'default', "
                    "damit ein Ergebnis auch ohne diese Antwort möglich ist.",
                )
            )
            continue
        defaults = question.default if isinstance(question.default, list) else [question.default]
        if isinstance(question.default, list) != question.multiple:
            problems.append(
                source.problem(
                    path + ("default",), "Bei 'multiple: true' ist 'default' eine Liste, sonst ein einzelner Wert."
                )
            )
        for value in defaults:
            if value not in question.option_values():
                problems.append(
                    source.problem(
                        path + ("default",),
                        f"Der default '{value}' ist keine Antwort dieser Frage. "
                        f"Möglich: {', '.join(question.option_values())}.",
                    )
                )


def _compile_rules(
    node_id: str,
    next_: str | list[Rule],
    allowed: dict[str, Iterable[str]],
    node_ids: list[str],
    source: YamlFile,
    problems: list[Problem],
) -> list[CompiledRule]:
    base = ("nodes", node_id, "next")
    if isinstance(next_, str):
        if next_ not in node_ids:
            problems.append(source.problem(base, _unknown_node("next", next_, node_ids)))
        return [CompiledRule(None, next_)]
    compiled = []
    for index, rule in enumerate(next_):
        path = base + (index,)
        if rule.to not in node_ids:
            problems.append(source.problem(path + ("to",), _unknown_node("to", rule.to, node_ids)))
        condition = None
        if rule.condition is not None:
            try:
                condition = compile_condition(rule.condition, allowed)
            except ConditionError as exc:
                problems.append(source.problem(path + ("if",), str(exc)))
        compiled.append(CompiledRule(condition, rule.to))
    if not next_ or next_[-1].condition is not None:
        problems.append(
            source.problem(
                base,
                f"Sackgasse bei '{node_id}': Die letzte Regel unter 'next' braucht kein 'if', "
                "damit es immer weitergeht (z. B. '- to: result').",
            )
        )
    return compiled


def _unknown_node(key: str, target: str, node_ids: list[str]) -> str:
    message = f"'{key}: {target}' verweist auf einen Knoten, den es nicht gibt."
    close = difflib.get_close_matches(target, node_ids, n=1)
    return message + (f" Meinten Sie '{close[0]}'?" if close else f" Vorhanden: {', '.join(node_ids)}.")


def _check_graph(flow: Flow, rules: dict[str, list[CompiledRule]], source: YamlFile, problems: list[Problem]) -> None:
    reachable: list[str] = []
    stack = [flow.start]
    while stack:
        node_id = stack.pop()
        if node_id in reachable:
            continue
        reachable.append(node_id)
        stack.extend(rule.target for rule in rules.get(node_id, []))
    for node_id in flow.nodes:
        if node_id not in reachable:
            problems.append(
                source.problem(
                    ("nodes", node_id),
                    f"Den Knoten '{node_id}' erreicht kein Weg. Verweisen Sie mit 'next' auf ihn oder löschen Sie ihn.",
                )
            )
    if not any(isinstance(flow.nodes[n], ResultNode) for n in reachable):
        problems.append(source.problem(("nodes",), "Kein Weg endet in einem Ergebnis (type: result)."))
    cycle = _find_cycle(flow.start, rules)
    if cycle:
        problems.append(
            source.problem(
                ("nodes", cycle[0]), f"Schleife: {' → '.join(cycle)}. Ein Weg darf keinen Knoten zweimal besuchen."
            )
        )


def _find_cycle(start: str, rules: dict[str, list[CompiledRule]]) -> list[str] | None:
    on_stack: list[str] = []
    done: set[str] = set()

    def visit(node_id: str) -> list[str] | None:
        if node_id in on_stack:
            return on_stack[on_stack.index(node_id) :] + [node_id]
        if node_id in done:
            return None
        on_stack.append(node_id)
        for rule in rules.get(node_id, []):
            found = visit(rule.target)
            if found:
                return found
        on_stack.pop()
        done.add(node_id)
        return None

    return visit(start)


# --- steps --------------------------------------------------------------------------------------


def _duplicate_ids(items: list[Any], section: str, source: YamlFile, problems: list[Problem]) -> None:
    """One error at every second (third, …) use of an id in `section`."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            problems.append(
                source.problem((section, index, "id"), f"Die ID '{item.id}' gibt es schon. IDs müssen eindeutig sein.")
            )
        seen.add(item.id)


def _check_steps(flow: Flow, steps_file: StepsFile, source: YamlFile, problems: list[Problem]) -> list[CompiledStep]:
    _duplicate_ids(steps_file.steps, "steps", source, problems)
    allowed = {key: q.option_values() for key, q in flow.questions().items()}
    placeholders = context_keys(flow)
    compiled = []
    for index, step in enumerate(steps_file.steps):
        path = ("steps", index)
        condition = None
        if step.when is not None:
            try:
                condition = compile_condition(step.when, allowed)
            except ConditionError as exc:
                problems.append(source.problem(path + ("when",), str(exc)))
        template = _compile_text(step, placeholders, source, path, problems)
        if _HTML_TAG.search(step.text):
            problems.append(
                source.problem(
                    path + ("text",),
                    f"Schritt '{step.id}': HTML wird nicht angezeigt. Nutzen Sie Markdown, z. B. **fett** oder [Link](https://…).",
                    "warning",
                )
            )
        if template is not None:
            compiled.append(CompiledStep(step, condition, template, source.line(path + ("text",))))
    return compiled


def _compile_text(
    step: Step, placeholders: set[str], source: YamlFile, path: tuple[Any, ...], problems: list[Problem]
) -> Template | None:
    try:
        unknown = meta.find_undeclared_variables(_TEXT_ENV.parse(step.text)) - placeholders
        template = _TEXT_ENV.from_string(step.text)
    except TemplateSyntaxError as exc:
        line = source.line(path + ("text",)) + (exc.lineno or 1)
        problems.append(Problem(source.name, line, f"Schritt '{step.id}': Platzhalter-Fehler im Text ({exc.message})."))
        return None
    for name in sorted(unknown):
        problems.append(
            source.problem(
                path + ("text",),
                f"Schritt '{step.id}': unbekannter Platzhalter '{{{{ {name} }}}}'. "
                f"Erlaubt: {', '.join(sorted(placeholders))}.",
            )
        )
    return template if not unknown else None


# --- providers ----------------------------------------------------------------------------------


def _check_providers(
    providers_file: ProvidersFile, source: YamlFile, today: date, problems: list[Problem]
) -> list[Provider]:
    _duplicate_ids(providers_file.providers, "providers", source, problems)
    for index, provider in enumerate(providers_file.providers):
        path = ("providers", index)
        if provider.nationwide and len(provider.states) > 1:
            problems.append(
                source.problem(path + ("states",), "'DE' (bundesweit) steht allein, nicht zusammen mit Ländern.")
            )
        if not (provider.phone or provider.email or provider.url):
            problems.append(
                source.problem(path, f"'{provider.id}' braucht mindestens einen Weg: phone, email oder url.")
            )
        if provider.verified > today:
            problems.append(
                source.problem(
                    path + ("verified",), f"'{provider.id}': Das Prüfdatum {provider.verified} liegt in der Zukunft."
                )
            )
        elif today - provider.verified > STALE_AFTER:
            problems.append(
                source.problem(
                    path + ("verified",),
                    f"'{provider.id}' wurde zuletzt am {provider.verified} geprüft (über 12 Monate). "
                    "Bitte die Quelle erneut prüfen und das Datum aktualisieren.",
                    "warning",
                )
            )
    return list(providers_file.providers)


# --- scenarios ----------------------------------------------------------------------------------


def _check_scenarios(
    content: Content, scenarios_file: ScenariosFile, source: YamlFile, problems: list[Problem]
) -> list[Scenario]:
    _duplicate_ids(scenarios_file.scenarios, "scenarios", source, problems)
    from lotse.check.scenarios import scenario_problems  # the engine is needed; imported late to avoid a cycle

    for index, scenario in enumerate(scenarios_file.scenarios):
        path = ("scenarios", index)
        for key_path, message in scenario_problems(content, scenario):
            problems.append(source.problem(path + key_path, f"Szenario '{scenario.id}': {message}"))
    ids = {scenario.id for scenario in scenarios_file.scenarios}
    for index, scenario in enumerate(scenarios_file.scenarios):
        partner = scenario.compare_with
        if partner is not None and (partner not in ids or partner == scenario.id):
            problems.append(
                source.problem(
                    ("scenarios", index, "compare_with"),
                    f"Szenario '{scenario.id}': 'compare_with: {partner}' muss ein anderes Szenario "
                    "dieser Datei nennen.",
                )
            )
    return list(scenarios_file.scenarios)


# --- one copy per process -----------------------------------------------------------------------

CONTENT_FILES = (GUIDE_FILE, STEPS_FILE, SCENARIOS_FILE, PROVIDERS_FILE)


def content_fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every content file: changes when an editor saves a file."""
    stamps = []
    for name in CONTENT_FILES:
        try:
            stat = (root / name).stat()
        except OSError:
            stamps.append((name, -1, -1))
        else:
            stamps.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


class LiveContent:
    """The content of one root, loaded once per process and again only when a file changes.

    Nothing a visitor sends can empty it (unlike Streamlit's caches, which any client can clear with
    one websocket message). A changed file that no longer passes the check does not replace good
    content: visitors keep the last good version and `problems` tells the editor what is wrong.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._fingerprint: tuple[tuple[str, int, int], ...] | None = None
        self._content: Content | None = None
        self.problems: list[Problem] = []

    def get(self) -> Content | ContentError:
        fingerprint = content_fingerprint(self.root)
        if fingerprint != self._fingerprint:
            with self._lock:
                if fingerprint != self._fingerprint:
                    self._reload(fingerprint)
        if self._content is None:
            return ContentError(self.problems)
        return self._content

    def _reload(self, fingerprint: tuple[tuple[str, int, int], ...]) -> None:
        try:
            self._content = load_content(self.root)
            self.problems = []
        except ContentError as exc:
            self.problems = exc.problems
        self._fingerprint = fingerprint
