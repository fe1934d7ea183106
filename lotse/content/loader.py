"""Read the content files under a root into typed, compiled `Content`.

This is the first part of the one check (`lotse.check.validate`): it reports what makes a file
unreadable or inconsistent in itself (syntax, unknown keys, wrong types, unknown references,
conditions and placeholders outside the whitelist). Everything that needs walking the flow
(paths, scenarios, completeness, readability) is checked in `lotse.check`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lotse.content.expressions import (
    AnswerDomain,
    Condition,
    ExpressionError,
    PlaceholderText,
    compile_condition,
    compile_text,
)
from lotse.content.facts import fact_domains
from lotse.content.memo import Memo
from lotse.content.messages import validation_problems
from lotse.content.placeholders import PLACEHOLDERS
from lotse.content.problems import ContentError, Problem
from lotse.content.ranking import RANKING_FILE, Ranking, RankingFile, compile_ranking
from lotse.content.safety import SAFETY_FILE, SafetyFile, safety_problems
from lotse.content.schema import (
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
from lotse.content.texts import Texts
from lotse.content.vocabulary import CANONICAL, DATE_USES, MULTIPLE_CHOICE
from lotse.content.yamlfile import YamlFile, YamlPath, YamlSyntaxError, read_yaml

GUIDE_FILE = "flows/guide.yaml"
STEPS_FILE = "flows/steps.yaml"
SCENARIOS_FILE = "flows/scenarios.yaml"
PROVIDERS_FILE = "providers.yaml"
TEXTS_FILE = "texts/de.yaml"
APP_ROOT = Path(__file__).resolve().parents[2]
"""Lotse's own folder: its texts/de.yaml holds the words of the pages for a content tree without its own."""
CONTENT_FILES = (GUIDE_FILE, STEPS_FILE, SCENARIOS_FILE, PROVIDERS_FILE, TEXTS_FILE, SAFETY_FILE, RANKING_FILE)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class CompiledRule:
    condition: Condition | None
    target: str
    line: int = 1
    """Line of the rule in flows/guide.yaml."""


@dataclass(frozen=True)
class CompiledUrgency:
    """One rule of a step's urgency (a plain `urgency: today` is one rule without condition)."""

    condition: Condition | None
    urgency: str
    line: int = 1


@dataclass(frozen=True)
class CompiledVariant:
    """A step's other text and when it is shown (`variants:` in flows/steps.yaml)."""

    condition: Condition
    text: PlaceholderText
    source: str
    """The text as written, for the checks that read it (Markdown, readability)."""
    line: int = 1


DATES_KEY = "dates"
"""What a variant's condition calls the exact dates given (their uses, e.g. 'strafantrag' in dates)."""


@dataclass(frozen=True)
class CompiledStep:
    step: Step
    condition: Condition | None
    text: PlaceholderText
    text_line: int = 1
    """Line of the step's `text:` in flows/steps.yaml, for messages about the text."""
    line: int = 1
    """Line of the step itself."""
    urgencies: tuple[CompiledUrgency, ...] = ()
    """The urgency rules, tried from the top by `lotse.guide.rules.first_rule`; the last has no condition."""
    variants: tuple[CompiledVariant, ...] = ()
    """Other texts, the first whose condition holds replaces `text`."""

    @property
    def possible_urgencies(self) -> frozenset[str]:
        """Every urgency some answers can give this step."""
        return frozenset(rule.urgency for rule in self.urgencies)


@dataclass(frozen=True)
class CompiledGlanceNumber:
    """A rule of "Auf einen Blick" (flows/steps.yaml, `glance: numbers:`), compiled."""

    condition: Condition | None
    contact: str | None
    kinds: tuple[str, ...]
    line: int = 1


@dataclass
class Content:
    """Validated content with every condition and text compiled once."""

    root: Path
    flow: Flow
    rules: dict[str, list[CompiledRule]]
    steps: list[CompiledStep]
    providers: list[Provider]
    texts: Texts
    """The words of the pages (texts/de.yaml)."""
    ranking: Ranking
    """Who counts as in danger and which contacts come first (flows/ranking.yaml)."""
    scenarios: list[Scenario] = field(default_factory=list)
    sources: dict[str, YamlFile] = field(default_factory=dict)
    """The parsed files by name, for messages with lines."""
    glance: list[CompiledGlanceNumber] = field(default_factory=list)
    """The contacts of "Auf einen Blick" (flows/steps.yaml, `glance:`), in order."""
    safety: SafetyFile | None = None
    """The Sicherheits-Check (flows/safety.yaml), where the file exists."""

    def provider(self, provider_id: str) -> Provider:
        return next(p for p in self.providers if p.id == provider_id)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def questions(self) -> Mapping[str, QuestionNode]:
        return self.flow.questions()

    def domains(self) -> dict[str, AnswerDomain]:
        return answer_domains(self.flow)

    def line(self, file: str, path: YamlPath) -> int:
        source = self.sources.get(file)
        return source.line(path) if source else 1

    def node_line(self, node_id: str) -> int:
        return self.line(GUIDE_FILE, ("nodes", node_id))

    @property
    def last_reviewed(self) -> date:
        """The flow's review date: when an editor last read the questions and steps as a whole."""
        return self.flow.reviewed


def answer_domains(flow: Flow) -> dict[str, AnswerDomain]:
    return {key: AnswerDomain(q.option_values(), q.multiple) for key, q in flow.questions().items()}


def load_content(root: Path, today: date | None = None) -> Content:
    """The content under `root`, or ContentError with every error the loader found."""
    content, problems = read_content(root, today)
    if content is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return content


def read_content(root: Path, today: date | None = None) -> tuple[Content | None, list[Problem]]:
    """Read and compile all files under `root`; never raises. Returns the content (None when unusable)."""
    today = today or date.today()
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(str(root), 1, "Diesen Ordner gibt es nicht. --root nennt den Ordner mit flows/.")]
    guide = _load(root, GUIDE_FILE, Flow, problems)
    steps_file = _load(root, STEPS_FILE, StepsFile, problems)
    providers_file = _load(root, PROVIDERS_FILE, ProvidersFile, problems)
    scenarios_file = _load(root, SCENARIOS_FILE, ScenariosFile, problems) if (root / SCENARIOS_FILE).exists() else None
    safety_file = _load(root, SAFETY_FILE, SafetyFile, problems) if (root / SAFETY_FILE).exists() else None
    texts_root = root if (root / TEXTS_FILE).exists() else APP_ROOT
    texts_file = _load_texts(texts_root, problems)
    ranking_file = _read_ranking(root, answer_domains(guide[0]), problems) if guide else None
    if guide is None or steps_file is None or providers_file is None or texts_file is None or ranking_file is None:
        return None, problems
    (flow, guide_yaml), (steps_model, steps_yaml), (providers_model, providers_yaml) = guide, steps_file, providers_file
    names = ranking_file[2]
    rules = _check_flow(flow, guide_yaml, today, names, problems)
    steps = _check_steps(flow, steps_model, steps_yaml, names, problems)
    glance = _check_glance(flow, steps_model, steps_yaml, providers_model, names, problems)
    _check_providers(providers_model, providers_yaml, today, problems)
    scenarios = _check_scenarios(*scenarios_file, problems) if scenarios_file else []
    if safety_file:
        problems += safety_problems(*safety_file, {provider.id for provider in providers_model.providers})
    if any(p.severity == "error" for p in problems):
        return None, problems
    sources = {GUIDE_FILE: guide_yaml, STEPS_FILE: steps_yaml, PROVIDERS_FILE: providers_yaml}
    sources[TEXTS_FILE] = texts_file[1]
    if scenarios_file:
        sources[SCENARIOS_FILE] = scenarios_file[1]
    if safety_file:
        sources[SAFETY_FILE] = safety_file[1]
    sources[RANKING_FILE] = ranking_file[1]
    providers = list(providers_model.providers)
    safety = safety_file[0] if safety_file else None
    content = Content(
        root, flow, rules, steps, providers, texts_file[0], ranking_file[0], scenarios, sources, glance, safety
    )
    return content, problems


Predicates = Mapping[str, Condition | None]
"""The predicates of flows/ranking.yaml a condition may name (None: declared, but itself in error)."""


def _read_ranking(
    root: Path, domains: Mapping[str, AnswerDomain], problems: list[Problem]
) -> tuple[Ranking, YamlFile, Predicates] | None:
    """flows/ranking.yaml under `root`, else Lotse's own (as with texts/de.yaml), read and compiled."""
    loaded = _load(root if (root / RANKING_FILE).exists() else APP_ROOT, RANKING_FILE, RankingFile, problems)
    if loaded is None:
        return None
    ranking, predicates = compile_ranking(loaded[0], loaded[1], domains, problems)
    return ranking, loaded[1], predicates


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


_TEXTS: Memo[tuple[Path, bytes], tuple[Texts, YamlFile]] = Memo(8)
"""Texts files that loaded without a problem, by their bytes: a content tree without texts/ (a test's,
say) reads Lotse's own words, and reading and checking them is most of the work for such a tree. The
model is frozen and the file's lines are only read, so every content may share them."""


def _load_texts(root: Path, problems: list[Problem]) -> tuple[Texts, YamlFile] | None:
    path = root / TEXTS_FILE
    try:
        key = (path.resolve(), path.read_bytes())
    except OSError:
        return _load(root, TEXTS_FILE, Texts, problems)
    cached = _TEXTS.get(key)
    if cached is not None:
        return cached
    found: list[Problem] = []
    loaded = _load(root, TEXTS_FILE, Texts, found)
    problems += found
    if loaded is not None and not found:
        _TEXTS.remember(key, loaded)
    return loaded


def app_texts() -> tuple[Texts | None, list[Problem]]:
    """Lotse's own words (texts/de.yaml in its folder) and the problems reading them: for the command line,
    which speaks before and apart from any content it checks."""
    problems: list[Problem] = []
    loaded = _load_texts(APP_ROOT, problems)
    return (loaded[0] if loaded else None), problems


def _duplicate_ids(items: list[Any], section: str, source: YamlFile, problems: list[Problem]) -> None:
    """One error at every second (third, …) use of an id in `section`."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            problems.append(
                source.problem((section, index, "id"), f"Die ID '{item.id}' gibt es schon. IDs müssen eindeutig sein.")
            )
        seen.add(item.id)


def _future(day: date, today: date, what: str, path: YamlPath, source: YamlFile, problems: list[Problem]) -> None:
    if day > today:
        problems.append(
            source.problem(path, f"{what}: Das Datum {day} liegt in der Zukunft. Tragen Sie das echte ein.")
        )


# --- the flow -----------------------------------------------------------------------------------


def _check_flow(
    flow: Flow, source: YamlFile, today: date, predicates: Predicates, problems: list[Problem]
) -> dict[str, list[CompiledRule]]:
    node_ids = list(flow.nodes)
    _future(flow.reviewed, today, "'reviewed'", ("reviewed",), source, problems)
    if flow.start not in flow.nodes:
        problems.append(source.problem(("start",), _unknown_node("start", flow.start, node_ids)))
    _check_asked_on_start(flow, source, problems)
    _check_canonical_questions(flow, source, problems)
    _check_options(flow, source, problems)
    _check_dates(flow, source, problems)
    domains = answer_domains(flow)
    rules: dict[str, list[CompiledRule]] = {}
    for node_id, node in flow.nodes.items():
        if not isinstance(node, ResultNode):
            rules[node_id] = _compile_rules(node_id, node.next, domains, predicates, node_ids, source, problems)
    return rules


def _check_asked_on_start(flow: Flow, source: YamlFile, problems: list[Problem]) -> None:
    asked = flow.asked_on_start
    if asked is None:
        return
    question = flow.questions().get(asked)
    if asked != flow.start or question is None or question.multiple:
        problems.append(
            source.problem(
                ("asked_on_start",),
                f"'asked_on_start: {asked}' muss die Frage unter 'start' sein ('{flow.start}'), mit einer Antwort "
                "(ohne 'multiple'): Ihre Antworten werden die Knöpfe der Startseite.",
            )
        )


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
                    f"Die Frage '{key}' hat unbekannte Antworten: {', '.join(extra)}. Erlaubt: {', '.join(values)}. "
                    "Neue Werte kommen zuerst in lotse/content/vocabulary.py.",
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


def _check_options(flow: Flow, source: YamlFile, problems: list[Problem]) -> None:
    for key, question in flow.questions().items():
        path = ("nodes", key)
        seen: set[str] = set()
        for index, option in enumerate(question.options):
            if option.exclusive and not question.multiple:
                problems.append(
                    source.problem(
                        path + ("options", index, "exclusive"),
                        "'exclusive' gibt es nur bei Fragen mit 'multiple: true'.",
                    )
                )
            if option.value in seen:
                problems.append(
                    source.problem(path + ("options", index), f"Die Antwort '{option.value}' steht doppelt.")
                )
            seen.add(option.value)
        if key not in CANONICAL:
            _check_default(key, question, source, problems)


def _check_default(key: str, question: QuestionNode, source: YamlFile, problems: list[Problem]) -> None:
    path = ("nodes", key)
    if question.default is None:
        problems.append(
            source.problem(
                path,
                f"Die Frage '{key}' braucht einen 'default', damit ein Ergebnis auch ohne diese Antwort möglich ist.",
            )
        )
        return
    if isinstance(question.default, list) != question.multiple:
        problems.append(
            source.problem(
                path + ("default",), "Bei 'multiple: true' ist 'default' eine Liste, sonst ein einzelner Wert."
            )
        )
    defaults = question.default if isinstance(question.default, list) else [question.default]
    for value in defaults:
        if value not in question.option_values():
            problems.append(
                source.problem(
                    path + ("default",),
                    f"Der default '{value}' ist keine Antwort dieser Frage. "
                    f"Möglich: {', '.join(question.option_values())}.",
                )
            )


def _check_dates(flow: Flow, source: YamlFile, problems: list[Problem]) -> None:
    """Dates asked with a question: single choice only, known answers, one per answer, each use once."""
    used: set[str] = set()
    for key, question in flow.questions().items():
        for index, asked in enumerate(question.dates):
            path = ("nodes", key, "dates", index)
            if question.multiple:
                problems.append(source.problem(path, "Ein Datum gibt es nur bei Fragen ohne 'multiple: true'."))
            unknown = [value for value in asked.only_for if value not in question.option_values()]
            if unknown:
                problems.append(
                    source.problem(
                        path + ("only_for",),
                        f"'only_for' nennt {', '.join(unknown)}: keine Antwort dieser Frage. "
                        f"Möglich: {', '.join(question.option_values())}.",
                    )
                )
            if asked.use in used:
                problems.append(
                    source.problem(path + ("use",), f"'use: {asked.use}' gibt es schon bei einer anderen Frage.")
                )
            used.add(asked.use)
        crowded = [v for v in question.option_values() if sum(1 for a in question.dates if a.applies_to(v)) > 1]
        if crowded:
            problems.append(
                source.problem(
                    ("nodes", key, "dates"),
                    f"Mehrere Daten gelten für dieselbe Antwort ({', '.join(crowded)}). Pro Antwort ist höchstens "
                    "eines möglich: Grenzen Sie die Daten mit 'only_for' ab.",
                )
            )


def _compile_rules(
    node_id: str,
    next_: str | list[Rule],
    domains: dict[str, AnswerDomain],
    predicates: Predicates,
    node_ids: list[str],
    source: YamlFile,
    problems: list[Problem],
) -> list[CompiledRule]:
    base = ("nodes", node_id, "next")
    if isinstance(next_, str):
        if next_ not in node_ids:
            problems.append(source.problem(base, _unknown_node("next", next_, node_ids)))
        return [CompiledRule(None, next_, source.line(base))]
    compiled = []
    for index, rule in enumerate(next_):
        path = base + (index,)
        if rule.to not in node_ids:
            problems.append(source.problem(path + ("to",), _unknown_node("to", rule.to, node_ids)))
        condition = None
        if rule.condition is not None:
            try:
                condition = compile_condition(rule.condition, domains, predicates)
            except ExpressionError as exc:
                problems.append(source.problem(path + ("if",), str(exc)))
        compiled.append(CompiledRule(condition, rule.to, source.line(path)))
    if not next_ or next_[-1].condition is not None:
        problems.append(
            source.problem(
                base,
                f"Sackgasse bei '{node_id}': Die letzte Regel unter 'next' braucht kein 'if', "
                "damit es immer weitergeht (z. B. '- to: result').",
            )
        )
    return compiled


def _unknown_node(key: str, target: str, node_ids: Iterable[str]) -> str:
    node_ids = list(node_ids)
    message = f"'{key}: {target}' verweist auf einen Knoten, den es nicht gibt."
    close = difflib.get_close_matches(target, node_ids, n=1)
    if not close:
        close = [node for node in node_ids if node.lower() == target.lower()]
    return message + (f" Meinten Sie '{close[0]}'?" if close else f" Vorhanden: {', '.join(node_ids)}.")


# --- steps --------------------------------------------------------------------------------------


def _check_steps(
    flow: Flow, steps_file: StepsFile, source: YamlFile, predicates: Predicates, problems: list[Problem]
) -> list[CompiledStep]:
    _duplicate_ids(steps_file.steps, "steps", source, problems)
    domains = answer_domains(flow)
    compiled = []
    for index, step in enumerate(steps_file.steps):
        path = ("steps", index)
        condition = None
        if step.when is not None:
            try:
                condition = compile_condition(step.when, domains, predicates)
            except ExpressionError as exc:
                problems.append(source.problem(path + ("when",), f"Schritt '{step.id}': {exc}"))
        text = _compile_step_text(step, source, path, problems)
        urgencies = _compile_urgencies(step, variant_domains(domains), predicates, source, path, problems)
        variants = _compile_variants(step, domains, predicates, source, path, problems)
        if text is not None:
            text_line = source.line(path + ("text",))
            compiled.append(CompiledStep(step, condition, text, text_line, source.line(path), urgencies, variants))
    return compiled


def variant_domains(domains: dict[str, AnswerDomain]) -> dict[str, AnswerDomain]:
    """What a variant's or an urgency rule's condition may read: every answer, the uses of the dates
    given and the facts derived from them (lotse.content.facts)."""
    return {**domains, DATES_KEY: AnswerDomain(DATE_USES, multiple=True), **fact_domains()}


def _compile_variants(
    step: Step,
    domains: dict[str, AnswerDomain],
    predicates: Predicates,
    source: YamlFile,
    path: tuple[Any, ...],
    problems: list[Problem],
) -> tuple[CompiledVariant, ...]:
    compiled = []
    for index, variant in enumerate(step.variants):
        where = path + ("variants", index)
        try:
            condition = compile_condition(variant.condition, variant_domains(domains), predicates)
        except ExpressionError as exc:
            problems.append(source.problem(where + ("if",), f"Schritt '{step.id}', variants: {exc}"))
            continue
        try:
            text = compile_text(variant.text, set(PLACEHOLDERS))
        except ExpressionError as exc:
            line = source.line(where + ("text",)) + exc.line
            problems.append(Problem(source.name, line, f"Schritt '{step.id}', variants: {exc}"))
            continue
        compiled.append(CompiledVariant(condition, text, variant.text, source.line(where)))
    return tuple(compiled)


def _compile_urgencies(
    step: Step,
    domains: dict[str, AnswerDomain],
    predicates: Predicates,
    source: YamlFile,
    path: tuple[Any, ...],
    problems: list[Problem],
) -> tuple[CompiledUrgency, ...]:
    base = path + ("urgency",)
    if isinstance(step.urgency, str):
        return (CompiledUrgency(None, step.urgency, source.line(base)),)
    compiled = []
    for index, rule in enumerate(step.urgency):
        condition = None
        if rule.condition is not None:
            try:
                condition = compile_condition(rule.condition, domains, predicates)
            except ExpressionError as exc:
                problems.append(source.problem(base + (index, "if"), f"Schritt '{step.id}': {exc}"))
        elif index < len(step.urgency) - 1:
            problems.append(
                source.problem(
                    base + (index,),
                    f"Schritt '{step.id}': Nur die letzte Regel unter 'urgency' steht ohne 'if'. "
                    "Die Regeln darunter kämen nie zum Zug: Geben Sie dieser Regel ein 'if' oder schieben Sie sie "
                    "ans Ende.",
                )
            )
        compiled.append(CompiledUrgency(condition, rule.then, source.line(base + (index,))))
    if not step.urgency or step.urgency[-1].condition is not None:
        problems.append(
            source.problem(
                base,
                f"Schritt '{step.id}': Die letzte Regel unter 'urgency' braucht kein 'if', damit jeder Schritt "
                "eine Dringlichkeit hat (z. B. '- then: soon').",
            )
        )
    return tuple(compiled)


def _check_glance(
    flow: Flow,
    steps_file: StepsFile,
    source: YamlFile,
    providers_file: ProvidersFile,
    predicates: Predicates,
    problems: list[Problem],
) -> list[CompiledGlanceNumber]:
    """The rules of "Auf einen Blick": each names one contact that exists, or kinds of contact."""
    if steps_file.glance is None:
        return []
    domains = answer_domains(flow)
    known = {provider.id for provider in providers_file.providers}
    compiled = []
    for index, number in enumerate(steps_file.glance.numbers):
        path = ("glance", "numbers", index)
        condition = None
        if number.condition is not None:
            try:
                condition = compile_condition(number.condition, domains, predicates)
            except ExpressionError as exc:
                problems.append(source.problem(path + ("if",), f"Auf einen Blick: {exc}"))
        if (number.contact is None) == (not number.kinds):
            problems.append(
                source.problem(path, "Auf einen Blick: Nennen Sie genau eines, 'contact: <id>' oder 'kinds: [...]'.")
            )
        elif number.contact is not None and number.contact not in known:
            close = difflib.get_close_matches(number.contact, sorted(known), n=1)
            hint = f" Meinten Sie '{close[0]}'?" if close else ""
            problems.append(
                source.problem(
                    path + ("contact",),
                    f"Auf einen Blick: Den Kontakt '{number.contact}' gibt es nicht in providers.yaml.{hint}",
                )
            )
        compiled.append(CompiledGlanceNumber(condition, number.contact, tuple(number.kinds), source.line(path)))
    return compiled


def _compile_step_text(
    step: Step, source: YamlFile, path: tuple[Any, ...], problems: list[Problem]
) -> PlaceholderText | None:
    try:
        return compile_text(step.text, set(PLACEHOLDERS))
    except ExpressionError as exc:
        line = source.line(path + ("text",)) + exc.line
        problems.append(Problem(source.name, line, f"Schritt '{step.id}': {exc}"))
        return None


# --- providers ----------------------------------------------------------------------------------


def _check_providers(providers_file: ProvidersFile, source: YamlFile, today: date, problems: list[Problem]) -> None:
    _duplicate_ids(providers_file.providers, "providers", source, problems)
    for index, provider in enumerate(providers_file.providers):
        path = ("providers", index)
        if provider.nationwide and len(provider.states) > 1:
            problems.append(
                source.problem(path + ("states",), "'DE' (bundesweit) steht allein, nicht zusammen mit Ländern.")
            )
        if len(set(provider.states)) != len(provider.states):
            problems.append(source.problem(path + ("states",), "Ein Land steht doppelt in 'states'."))
        if not (provider.phone or provider.email or provider.url):
            problems.append(
                source.problem(path, f"'{provider.id}' braucht mindestens einen Weg: phone, email oder url.")
            )
        _future(provider.verified, today, f"'{provider.id}'", path + ("verified",), source, problems)


# --- scenarios ----------------------------------------------------------------------------------


def _check_scenarios(scenarios_file: ScenariosFile, source: YamlFile, problems: list[Problem]) -> list[Scenario]:
    _duplicate_ids(scenarios_file.scenarios, "scenarios", source, problems)
    ids = {scenario.id for scenario in scenarios_file.scenarios}
    for index, scenario in enumerate(scenarios_file.scenarios):
        partner = scenario.compare_with
        if partner is not None and (partner not in ids or partner == scenario.id):
            problems.append(
                source.problem(
                    ("scenarios", index, "compare_with"),
                    f"Szenario '{scenario.id}': 'compare_with: {partner}' "
                    "muss ein anderes Szenario dieser Datei nennen.",
                )
            )
    return list(scenarios_file.scenarios)
