"""flows/documents.yaml, loaded and checked: every template compiled once, every reference resolved.

`check_catalog` never raises and returns every problem with file and line (for `lotse check`);
`load_catalog` raises one ContentError (for the app and the CLI).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from lotse.content.expressions import Condition, ExpressionError, PlaceholderText, compile_condition, compile_text
from lotse.content.loader import Content, answer_domains
from lotse.content.messages import validation_problems
from lotse.content.problems import ContentError, Problem
from lotse.content.ranking import Ranking
from lotse.content.schema import Provider
from lotse.content.yamlfile import YamlFile, YamlPath, YamlSyntaxError, read_yaml
from lotse.documents.deadlines import RULES
from lotse.documents.documents_file import DocumentsFile, Letter
from lotse.documents.forms import FormError, clean_form

DOCUMENTS_FILE = "flows/documents.yaml"
DEADLINE_NAMES = frozenset({"last_day", "nominal_end", "start", "state_name", "law"})
HOLIDAY_NAMES = DEADLINE_NAMES | {"holiday", "holiday_date"}
DEADLINE_TEXTS = (
    "title",
    "start_label",
    "open",
    "today",
    "passed",
    "moved",
    "rule",
    "counted",
    "counted_safe",
    "later_somewhere",
    "advice",
    "passed_advice",
)
# Placeholders per text of the handout and the letter words; texts not named here take none.
SECTION_NAMES: dict[tuple[str, str], frozenset[str]] = {
    ("handout", "date_line"): frozenset({"today"}),
    ("handout", "contacts_intro"): frozenset({"state_name"}),
    ("handout", "checked_live"): frozenset({"verified"}),
    ("handout", "checked_archive"): frozenset({"verified"}),
    ("handout", "source_date"): frozenset({"source_date"}),
    ("handout", "footer"): frozenset({"reviewed"}),
    ("handout", "contact_source"): frozenset({"name", "url"}),
    ("handout", "source_numbers"): frozenset({"numbers"}),
    ("letter_words", "routes_intro"): frozenset({"state_name"}),
    ("status_reminder", "summary"): frozenset(),
    ("status_reminder", "description"): frozenset({"reported_on"}),
}
# The check's idea of "today" for example data: examples must stay valid, whatever the date.
EXAMPLE_TODAY = date(2100, 1, 1)


@dataclass
class DocumentCatalog:
    """The checked documents file with its compiled templates."""

    file: DocumentsFile
    providers: dict[str, Provider]
    templates: dict[str, PlaceholderText] = field(default_factory=dict)
    """Compiled template per source text (a text used twice is compiled once)."""
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    """The placeholders each template uses."""
    fits: dict[str, Condition] = field(default_factory=dict)
    state_names: dict[str, str] = field(default_factory=dict)
    """The states' names, as the options of `state` in flows/guide.yaml say them."""
    lines: dict[YamlPath, int] = field(default_factory=dict)
    """The line of each deadline, letter and offence in the file (for the check's messages)."""
    ranking: Ranking | None = None
    """The order of the contacts (flows/ranking.yaml), where the content could be read."""

    def state_name(self, code: str) -> str:
        return self.state_names.get(code, code)

    def render(self, text: str, context: Mapping[str, str]) -> str:
        """Plain-text values; the caller escapes for HTML, so placeholders are never markup."""
        return self.templates[text].render(context).strip()

    def letter(self, letter_id: str) -> Letter:
        for letter in self.file.letters:
            if letter.id == letter_id:
                return letter
        raise KeyError(letter_id)

    def letter_ids(self) -> list[str]:
        return [letter.id for letter in self.file.letters]


def load_catalog(root: Path, content: Content) -> DocumentCatalog:
    catalog, problems = check_catalog(root, content)
    if catalog is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return catalog


def check_catalog(root: Path, content: Content | None) -> tuple[DocumentCatalog | None, list[Problem]]:
    problems: list[Problem] = []
    try:
        source = read_yaml(root / DOCUMENTS_FILE, DOCUMENTS_FILE)
    except YamlSyntaxError as exc:
        return None, [exc.problem]
    try:
        model = DocumentsFile.model_validate(source.data if isinstance(source.data, dict) else {})
    except ValidationError as exc:
        return None, validation_problems(exc, source, DocumentsFile)
    raw_lines = (root / DOCUMENTS_FILE).read_text(encoding="utf-8").splitlines()
    catalog = DocumentCatalog(model, {p.id: p for p in content.providers} if content else {})
    if content is not None:
        catalog.ranking = content.ranking
        state = content.questions()["state"]
        catalog.state_names = {value: state.label_of(value) for value in state.option_values()}
    sections = [("deadlines", key) for key in model.deadlines]
    sections += [("letters", i) for i in range(len(model.letters))] + [
        ("offences", i) for i in range(len(model.offences))
    ]
    catalog.lines = {path: source.line(path) for path in sections}
    for path, text, allowed in _templates(model):
        _compile(catalog, source, raw_lines, path, text, allowed, problems)
    _check_references(model, source, content, problems)
    _check_letters(catalog, source, content, problems)
    return catalog, problems


def _compile(
    catalog: DocumentCatalog,
    source: YamlFile,
    raw_lines: list[str],
    path: YamlPath,
    text: str,
    allowed: frozenset[str],
    problems: list[Problem],
) -> None:
    try:
        template = compile_text(text, allowed)
    except ExpressionError as exc:
        line = _text_line(source, raw_lines, path) + exc.line - 1
        where = ".".join(str(p) for p in path)
        problems.append(Problem(source.name, line, f"{where}: {exc}"))
        return
    known = catalog.templates.get(text)
    if known is None:
        catalog.templates[text] = template
        catalog.names[text] = template.names


def _text_line(source: YamlFile, raw_lines: list[str], path: YamlPath) -> int:
    """The line where a text starts: the key's line, or the next one for a block scalar (| or >)."""
    line = source.line(path)
    value = raw_lines[line - 1].split(":", 1)[-1].strip() if line <= len(raw_lines) else ""
    return line + 1 if value[:1] in {"|", ">"} else line


def _templates(model: DocumentsFile) -> Iterator[tuple[YamlPath, str, frozenset[str]]]:
    """Every template text with its YAML path and the placeholders it may use."""
    for deadline_id, texts in model.deadlines.items():
        base: YamlPath = ("deadlines", deadline_id)
        for key in DEADLINE_TEXTS:
            yield base + (key,), getattr(texts, key), DEADLINE_NAMES
        yield base + ("holiday",), texts.holiday, HOLIDAY_NAMES
        for key in ("summary", "description", "alarm"):
            yield base + ("calendar", key), getattr(texts.calendar, key), DEADLINE_NAMES
    for state, local in model.holidays.local.items():
        yield ("holidays", "local", state, "text"), local.text, frozenset()
    for section in ("handout", "letter_words", "status_reminder"):
        values = getattr(model, section).model_dump()
        for key, text in values.items():
            if isinstance(text, str):
                yield (section, key), text, SECTION_NAMES.get((section, key), frozenset())
    for index, letter in enumerate(model.letters):
        yield from _letter_templates(("letters", index), letter)


def _letter_templates(base: YamlPath, letter: Letter) -> Iterator[tuple[YamlPath, str, frozenset[str]]]:
    names = frozenset(letter.field_names())
    for key in ("sender", "recipient", "subject", "send_to"):
        text = getattr(letter, key)
        if text is not None:
            yield base + (key,), text, names
    for index, item in enumerate(letter.checklist):
        yield base + ("checklist", index), item, names
    for index, block in enumerate(letter.body):
        for key in ("text", "heading"):
            text = getattr(block, key)
            if text is not None:
                yield base + ("body", index, key), text, names


def _check_references(model: DocumentsFile, source: YamlFile, content: Content | None, problems: list[Problem]) -> None:
    _unique([o.value for o in model.offences], ("offences",), "value", source, problems)
    _unique([letter.id for letter in model.letters], ("letters",), "id", source, problems)
    if content is None:
        return
    known = {p.id for p in content.providers}
    for index, provider_id in enumerate(model.advice):
        if provider_id not in known:
            problems.append(source.problem(("advice", index), _unknown_provider(provider_id)))
    for key, question in content.questions().items():
        for asked in question.dates:
            if asked.use in RULES and asked.use not in model.deadlines:
                problems.append(
                    source.problem(
                        ("deadlines",),
                        f"flows/guide.yaml fragt bei '{key}' nach einem Datum für die Frist '{asked.use}'. "
                        f"Ergänzen Sie hier ihre Texte unter 'deadlines: {asked.use}:'.",
                    )
                )


def _unique(values: list[str], section: YamlPath, key: str, source: YamlFile, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            problems.append(
                source.problem(section + (index, key), f"'{value}' gibt es schon. IDs müssen eindeutig sein.")
            )
        seen.add(value)


def _unknown_provider(provider_id: str) -> str:
    return f"Die Stelle '{provider_id}' gibt es in providers.yaml nicht. Bitte die ID dort nachsehen."


def _check_letters(
    catalog: DocumentCatalog, source: YamlFile, content: Content | None, problems: list[Problem]
) -> None:
    model = catalog.file
    allowed_answers = answer_domains(content.flow) if content else None
    predicates = content.ranking.predicates if content else None
    for index, letter in enumerate(model.letters):
        base: YamlPath = ("letters", index)
        _check_fields(letter, model, source, base, problems)
        if letter.form == "letter" and (letter.sender is None or letter.recipient is None):
            problems.append(
                source.problem(
                    base,
                    f"Brief '{letter.id}': Ein Brief braucht 'sender' und 'recipient' (den Briefkopf). "
                    "Ein Text zum Veröffentlichen ohne Briefkopf bekommt 'form: statement'.",
                )
            )
        if allowed_answers is not None:
            try:
                catalog.fits[letter.id] = compile_condition(letter.fits, allowed_answers, predicates)
            except ExpressionError as exc:
                problems.append(source.problem(base + ("fits",), f"Brief '{letter.id}': {exc}"))
            for route_index, provider_id in enumerate(letter.routes):
                if provider_id not in catalog.providers:
                    problems.append(source.problem(base + ("routes", route_index), _unknown_provider(provider_id)))
        try:
            clean_form(letter, model.fields, model.offences, letter.example, EXAMPLE_TODAY)
        except FormError as exc:
            for _, refusal in exc.problems:
                message = content.texts.say(refusal) if content else str(refusal)
                problems.append(source.problem(base + ("example",), f"Brief '{letter.id}', Beispiel: {message}"))


def _check_fields(
    letter: Letter, model: DocumentsFile, source: YamlFile, base: YamlPath, problems: list[Problem]
) -> None:
    names = letter.field_names()
    for index, use in enumerate(letter.fields):
        if use.field not in model.fields:
            problems.append(
                source.problem(
                    base + ("fields", index),
                    f"Brief '{letter.id}': Das Feld '{use.field}' ist unter 'fields:' nicht beschrieben. "
                    f"Bekannt: {', '.join(model.fields)}.",
                )
            )
    for block_index, block in enumerate(letter.body):
        path = base + ("body", block_index)
        kinds = sum(1 for present in (block.text is not None, block.heading is not None, block.offence_list) if present)
        if kinds != 1:
            problems.append(
                source.problem(
                    path, f"Brief '{letter.id}': Ein Absatz hat genau eines von text, heading oder offence_list."
                )
            )
        for key in ("needs", "unless"):
            for name in getattr(block, key):
                if name not in names:
                    problems.append(
                        source.problem(
                            path + (key,),
                            f"Brief '{letter.id}': '{key}: {name}' nennt kein Feld dieses Briefs. "
                            f"Felder: {', '.join(names)}.",
                        )
                    )
        if block.offence_list and "offences" not in names:
            problems.append(source.problem(path, f"Brief '{letter.id}': offence_list braucht das Feld 'offences'."))
