"""The words of the app (texts/de.yaml): every heading, button, caption and message users read.

Editors own them like the flow and the steps. The model lists every key the pages need, so a missing
key is an error with file and line, and an unknown one too. A text may contain Markdown and, where
the model allows it, placeholders such as `{{ number }}`: they go through the same sandbox as step
texts (`expressions.compile_text`), so a text can only print the values the code hands it.

Labels for fixed codes (kinds of contact, urgencies, …) are maps whose keys must be exactly the codes
of `vocabulary`: a new code there is a missing label here, reported by `lotse check`.
"""

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from lotse.content import validators
from lotse.content.expressions import ExpressionError, PlaceholderText, compile_text
from lotse.content.problems import RefusalError
from lotse.content.vocabulary import (
    CASE_FIELDS,
    CASE_FILE_PROBLEMS,
    INCIDENTS,
    POLICE,
    POLICE_RELATION_VALUES,
    PROVIDER_KIND_VALUES,
    STATES,
    URGENCIES,
)


@dataclass(frozen=True)
class Placeholders:
    """Marks a text field that may use these `{{ name }}` placeholders (and no others)."""

    names: tuple[str, ...]


def _placeholders_allowed(names: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            compile_text(value, set(names))
        except ExpressionError as exc:
            raise ValueError(str(exc)) from None
        return value

    return check


def template(*names: str) -> Any:
    """The type of a text with the placeholders `names` (none: a plain text)."""
    return Annotated[
        str,
        Field(min_length=1),
        AfterValidator(validators.plain_text),
        AfterValidator(_placeholders_allowed(names)),
        Placeholders(names),
    ]


Words = template()


def _complete(codes: Iterable[str]) -> Callable[[dict[str, str]], dict[str, str]]:
    wanted = tuple(codes)

    def check(labels: dict[str, str]) -> dict[str, str]:
        missing = [code for code in wanted if code not in labels]
        if missing:
            raise ValueError(f"Hier fehlen Texte für: {', '.join(missing)}. Ergänzen Sie je eine Zeile 'code: Text'.")
        unknown = [code for code in labels if code not in wanted]
        if unknown:
            raise ValueError(f"Unbekannte Codes: {', '.join(unknown)}. Erlaubt: {', '.join(wanted)}.")
        return labels

    return check


def _known(codes: Iterable[str]) -> Callable[[dict[str, str]], dict[str, str]]:
    allowed = tuple(codes)

    def check(labels: dict[str, str]) -> dict[str, str]:
        unknown = [code for code in labels if code not in allowed]
        if unknown:
            raise ValueError(f"Unbekannte Codes: {', '.join(unknown)}. Erlaubt: {', '.join(allowed)}.")
        return labels

    return check


def labels_for(codes: Iterable[str]) -> Any:
    """A map from each of `codes` to a plain text; every code needs exactly one entry."""
    return Annotated[dict[str, Words], AfterValidator(_complete(codes))]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the sections -----------------------------------------------------------------------------


class AppTexts(Section):
    page_title: Words
    noscript: Words
    """The one line a browser without JavaScript shows (deploy/first_bytes.py)."""
    pages: labels_for(("guide", "advisor", "contacts", "about", "training", "case", "safety"))
    lost_title: Words
    """The calm page for a browser whose server process died (ui/reconnect.py)."""
    lost_text: Words
    lost_restart: Words


class BarTexts(Section):
    region: Words
    emergency: Words
    police: Words
    rescue: Words
    exit: Words
    exit_hint: Words


class StartTexts(Section):
    title: Words
    text: Words
    start: Words
    start_hint: Words
    others: Words
    others_hint: Words


class WizardTexts(Section):
    progress: template("number", "total")
    next: Words
    back: Words
    restart: Words
    restart_question: Words
    restart_yes: Words
    restart_no: Words
    choose_one: Words
    choose_many: Words
    choose_again: Words
    check_title: Words
    check_text: Words
    change: Words
    change_help: template("question")
    show_result: Words


class EmergencyTexts(Section):
    screen: Words
    """The info screen (node id in flows/guide.yaml) that leads with the call button for 110."""
    call: Words
    safe: Words
    box: Words
    rescue: Words


class NotesTemplate(Section):
    """A file to write down what happened, offered as the "save" button of one plan step."""

    step: Words
    """The step (id in flows/steps.yaml) whose plan item offers the file."""
    button: Words
    file_name: Words
    text: Words


class ResultTexts(Section):
    title: Words
    intro: Words
    glance: Words
    """The heading of "Auf einen Blick" at the top of every result."""
    in_doubt: Words
    """Under "Auf einen Blick" when the person is not sure whether they are in danger."""
    glance_numbers: Words
    """Above the numbers of "Auf einen Blick"."""
    plan: Words
    plan_empty: Words
    own_questions: dict[str, Words]
    """Questions whose answer steps are lifted near the top, with the heading of that box."""
    more: Words
    more_intro: Words
    read_more: Words
    source: Words
    call: template("number")
    write: template("address")
    contacts: Words
    contacts_intro: Words
    all_contacts: Words
    """The folded list of every other contact, below the three that fit best."""
    deferred: Words
    deferred_intro: Words
    answers: Words
    print: Words
    save: Words
    save_name: Words
    notes: NotesTemplate
    disclaimer: template("date")


class DocumentTexts(Section):
    """The deadlines, the calendar file, the handout and the letters on the result and advisor pages.
    The documents' own words are in flows/documents.yaml; the labels of the form fields too."""

    title: Words
    """The heading of the documents on the advisor page."""
    deadline_how: Words
    reminders_title: Words
    reminders: template("dates")
    reminder_day: template("date")
    calendar: Words
    handout: Words
    handout_full: Words
    """The long handout: every step and every contact."""
    letters: Words
    letters_intro: Words
    required: template("label")
    more_fields: Words
    pdf: Words
    word: Words
    statement_pdf: Words
    """The buttons of a text to publish (`form: statement` in flows/documents.yaml), not a letter."""
    statement_word: Words
    problems: Words
    budget: Words
    """Shown instead of a document when a session asked for more than a few within a minute."""


class CaseField(Section):
    label: Words
    help: Words


class CaseTexts(Section):
    """The page "Mein Fall" (lotse/case, ui/case.py): every field's label and help in the form's order,
    the standing warning, the file, the exports and the police timeline's headings."""

    title: Words
    intro: Words
    warning: Words
    state: Words
    state_help: Words
    fields: Annotated[dict[str, CaseField], AfterValidator(_complete(CASE_FIELDS))]
    labels: dict[str, Words]
    known: labels_for(("yes", "no", "unknown"))
    add: Words
    edit: Words
    delete: Words
    to_guide: Words
    save_incident: Words
    cancel: Words
    more: Words
    add_evidence: Words
    add_status_request: Words
    incident_saved: Words
    problems: Words
    empty: Words
    count: template("count")
    unnamed: Words
    deadline_open: template("date")
    deadline_passed: template("date")
    no_state: Words
    file_title: Words
    file_intro: Words
    passphrase: Words
    passphrase_help: Words
    save: Words
    saving: Words
    open_title: Words
    choose_file: Words
    open: Words
    opened: template("count")
    replace_warning: Words
    file_problems: labels_for(CASE_FILE_PROBLEMS)
    exports_title: Words
    exports_intro: Words
    police_pdf: Words
    csv: Words
    calendar: Words
    letters_title: Words
    choose_incidents: Words
    strafantrag: Words
    sachstand: Words
    choose_report: Words
    no_aktenzeichen: Words
    pdf_parts: template("count", "size", "parts")
    pdf_choose_part: Words
    pdf_part_option: template("part", "first", "last")
    pdf_title: Words
    pdf_date: template("date")
    pdf_part: template("part", "parts", "first", "last")
    pdf_note: Words
    pdf_timeline: Words
    pdf_incident: template("number", "date")
    pdf_evidence: Words
    pdf_no_evidence: Words
    pdf_deadlines: Words
    pdf_deadline: template("number", "date", "last_day")
    pdf_deadline_passed: template("number", "date", "last_day")
    letter_span: template("first", "last", "count")
    letter_where_many: Words
    letter_profile: template("url")
    safety_title: Words
    """The open items of the Sicherheits-Check carried into the case (lotse/case/model.py, SafetyTask)."""
    safety_intro: Words
    safety_due: template("date", "who")
    safety_done: Words


class CardTexts(Section):
    audience: template("audience")
    nationwide: Words
    website: Words
    hours: Words
    anonymous: labels_for(("yes", "no", "on_request"))
    free: Words
    not_free: Words
    source: template("source")
    source_date: template("date")
    source_undated: Words
    """Said instead of source_date when the source itself gives no date (`source_date: undated`)."""
    checked_live: template("date")
    """`verified_how: live`: someone opened the live page on that day."""
    checked_archive: template("date")
    """`verified_how: archive`: a stored copy was compared on that day, not the live page."""


class StateTexts(Section):
    in_state: template("state")
    """How "in <state>" reads, e.g. "in Bayern"."""
    exceptions: Annotated[dict[str, Words], AfterValidator(_known(STATES))]
    """States that need an article: `SL: im Saarland`."""


class LabelTexts(Section):
    kinds: labels_for(PROVIDER_KIND_VALUES)
    police_relations: labels_for(POLICE_RELATION_VALUES)
    urgencies: labels_for(URGENCIES)
    months: list[Words] = Field(min_length=12, max_length=12)


class AdvisorTexts(Section):
    title: Words
    intro: Words
    note: Words
    new: Words
    clear_question: Words
    clear_yes: Words
    clear_no: Words
    questions: Words
    questions_intro: Words
    not_relevant: Words
    choose: Words
    notes: Words
    notes_label: Words
    notes_placeholder: Words
    notes_private: Words
    notes_include: Words
    result: Words
    missing: Words
    summary: Words
    summary_pending: Words
    summary_intro: Words
    as_text: Words
    as_markdown: Words
    download: template("extension")
    file_name: Words


class ContactsPageTexts(Section):
    title: Words
    intro: Words
    state: Words
    all_states: Words
    kind: Words
    all_kinds: Words
    incident: Words
    all_incidents: Words
    nationwide: Words
    count: template("count")
    coverage: Words
    coverage_intro: Words
    coverage_state: Words
    short_names: template("names")


class AboutTexts(Section):
    title: Words
    text: Words
    reviewed: template("date")
    accessibility: Words


class TrainingTexts(Section):
    title: Words
    intro: Words
    presentation: Words
    presentation_help: Words
    unknown_link: Words
    pick: Words
    pick_placeholder: Words
    views: labels_for(("play", "map", "compare"))
    library: Words
    learning_goals: Words
    play: Words
    next: Words
    back: Words
    again: Words
    where: Words
    screen: template("number", "total", "kind")
    kinds: labels_for(("question", "info", "result"))
    chosen: Words
    assumed: template("answer")
    why: Words
    result: Words
    expected: Words
    missing: Words
    absent: Words
    first_contact: Words
    step: template("number")
    contact: template("number")
    map_intro: template("title")
    map_legend: Words
    map_current: Words
    compare_intro: Words
    case_a: Words
    case_b: Words
    choose_case: Words
    choose_two: Words
    answers_differ: Words
    question: Words
    same_answers: Words
    steps: Words
    contacts: Words
    no_difference: Words
    only_in: template("side", "count")
    in_both: template("count")
    deferred_in: template("sides")
    and_word: Words


class ChoiceWords(Section):
    """One way of saying what was chosen: as a clause after "weil"/"wenn", or short, for the flow map."""

    at: template("question")
    chosen: template("at", "answer")
    not_chosen: template("at", "answer")
    only: template("at", "answers")
    not_only: template("at", "answers")
    any: template("at", "answers", "last")
    none: template("at", "answers", "last")


class WordingTexts(Section):
    clause: ChoiceWords
    label: ChoiceWords
    quoted: template("text")
    list_separator: Words
    and_word: Words
    or_word: Words
    not_applies: template("clause")
    condition_holds: template("condition")
    condition_fails: template("condition")
    otherwise: Words


class TraceTexts(Section):
    """Why the flow went where it went (the trainer page, lotse.explain.trace) and the comparison."""

    at_result: Words
    missing: Words
    goes_to: template("node")
    because: template("goes_to", "condition")
    always_after_question: template("goes_to")
    always_after_info: template("goes_to")
    otherwise: template("goes_to", "conditions")
    not_asked: Words


class SummaryTexts(Section):
    result_title: Words
    call_title: Words
    call_date: template("date")
    emergency: Words
    notes: Words
    dates: Words
    """The heading of the exact deadlines and reminder days in the call summary."""
    answers: Words
    plan: Words
    more: Words
    steps: Words
    contacts: Words
    source: Words
    phone: Words
    reviewed: template("date")


class AnswerTexts(Section):
    """Why an answer set is refused (lotse.guide.answers): the advisor page and the commands show it."""

    not_a_mapping: Words
    too_many: template("count", "questions")
    unknown: template("key", "known")
    missing: template("key", "allowed")
    missing_on_path: template("key")
    not_a_pair: template("pair")
    twice: template("key")


class ScenarioTexts(Section):
    incidents: labels_for(INCIDENTS)
    police: labels_for(POLICE)
    danger: Words
    danger_unsure: Words


class CliNamesTexts(Section):
    """The placeholders of the help (`--help`): what to write in place of a file, a state, a day."""

    command: Words
    action: Words
    file: Words
    state: Words
    kind: Words
    day: Words
    case_file: Words
    case_data: Words


class CliFilesTexts(Section):
    """The files a command reads and writes (lotse/cli/base.py)."""

    name_the_target: template("option", "suffixes")
    wrong_suffix: template("suffixes", "path")
    missing: template("path")
    folder: template("path")
    unreadable: template("path", "reason")
    too_large: template("path", "size")
    unwritable: template("path", "reason")
    written: template("path", "size")


class CliJsonInputTexts(Section):
    """Why JSON a user hands the command line is refused (lotse/content/jsoninput.py, its codes)."""

    too_deep: template("limit")
    digits: template("limit")
    constant: template("text")
    twice: template("key")
    invalid: template("line", "column")
    surrogate: Words
    not_utf8: Words


class CliCheckTexts(Section):
    """`check`: its help and the closing count."""

    help: Words
    strict: Words
    summary_one: template("errors")
    summary: template("errors", "warnings")


class CliCoverageTexts(Section):
    """`coverage`: its help."""

    help: Words
    scenarios: Words


class CliAnswerTexts(Section):
    """`answer`: its help, the batch's refusals and the result as text."""

    help: Words
    pairs: Words
    as_json: Words
    batch: Words
    pairs_or_batch: Words
    batch_folder: template("path")
    batch_too_large: template("size")
    not_utf8: Words
    line_too_long: template("limit")
    line: template("number", "message")
    emergency: Words
    steps: Words
    contacts: Words


class CliLinksTexts(Section):
    """`links`: its help and what it says about the run."""

    help: Words
    description: Words
    out: Words
    compare: Words
    timeout: Words
    workers: template("limit")
    not_a_run: Words
    compare_unreadable: template("path", "reason")
    saved: template("path")
    progress: Words


class CliDeadlineTexts(Section):
    """`deadline`: its help and refusals."""

    help: Words
    kind: Words
    day: Words
    state: Words
    as_json: Words
    ics: Words
    unknown: template("kind", "known")
    not_a_day: template("text")


class CliLetterTexts(Section):
    """`letter`: its help and refusals."""

    help: Words
    id: Words
    list: Words
    example: Words
    data: Words
    state: Words
    out: Words
    unknown: template("letter", "known")
    missing: template("known")
    example_or_data: Words
    in_file: template("path", "message")
    not_an_object: Words


class CliHandoutTexts(Section):
    """`handout`: its help."""

    help: Words
    pairs: Words
    out: Words
    learned: Words
    notice: Words
    full: Words


class CliCaseTexts(Section):
    """`case pdf|deadlines|new`: help, refusals, the passphrase prompts."""

    help: Words
    pdf: Words
    pdf_out: Words
    part: Words
    deadlines: Words
    ics: Words
    new: Words
    new_out: Words
    passphrase_file: Words
    no_part: template("part", "have")
    parts: template("parts")
    one_part: Words
    part_written: template("part", "parts")
    no_state: Words
    not_json: Words
    not_a_case: template("code")
    does_not_fit: template("detail")
    future: template("number")
    passphrase: Words
    passphrase_again: Words
    passphrases_differ: Words
    no_passphrase: Words


_FORMAT = re.compile(r"%(?:\([a-z_]+\))?[sr%]|%")
"""A %-directive of Python's `%` formatting (argparse's messages use `%s`, `%r`, `%(name)s`); a lone `%`
is one too, so that it is refused."""


def _same_directives(table: dict[str, str]) -> dict[str, str]:
    for english, german in table.items():
        wanted = sorted(d for d in _FORMAT.findall(english) if d != "%%")
        found = sorted(d for d in _FORMAT.findall(german) if d != "%%")
        if found != wanted:
            raise ValueError(
                f"Die Übersetzung von '{english}' muss genau diese Platzhalter behalten: "
                f"{' '.join(wanted) or 'keine'} (gefunden: {' '.join(found) or 'keine'}). "
                "Ein Prozentzeichen schreiben Sie hier als %%."
            )
    return table


def _argparse_words() -> Any:
    """argparse's own English messages (keys, exactly as argparse writes them) and their German."""
    return Annotated[dict[str, Words], AfterValidator(_same_directives)]


class CliTexts(Section):
    """The command line (lotse/cli/): what advisors and editors read there. Lotse's own words, read
    before and apart from any content a command checks (loader.app_texts)."""

    description: Words
    error: template("message")
    usage: template("message", "program")
    bad_argument: Words
    content_errors: Words
    not_a_folder: template("path")
    root: Words
    either: template("first", "second")
    argparse: _argparse_words()
    """argparse's own words (usage, the option list, its errors): what lotse/cli/ hands its gettext."""
    names: CliNamesTexts
    files: CliFilesTexts
    json_input: CliJsonInputTexts
    check: CliCheckTexts
    coverage: CliCoverageTexts
    answer: CliAnswerTexts
    links: CliLinksTexts
    deadline: CliDeadlineTexts
    letter: CliLetterTexts
    handout: CliHandoutTexts
    case: CliCaseTexts


class RefusalTexts(Section):
    """Why a value is refused, one text per code the core raises (lotse.content.problems.RefusalError): an
    answer a question does not take, a field of a letter's form, a date that gives no deadline, a value
    "Mein Fall" cannot hold. The page and the command line say them; each prints only its values."""

    answer_not_allowed: template("key", "shown", "allowed")
    answer_twice: template("key")
    answer_exclusive: template("option", "question")
    """An option that stands alone ("Noch nichts …") chosen with others."""
    answer_list: template("key", "example")
    answer_single: template("key", "example")
    field_unknown: template("field", "fields")
    field_required: template("label")
    field_text: template("label")
    field_one_line: template("label")
    field_control: template("label", "char")
    """An invisible control character; `char` is its number, e.g. 202E."""
    field_too_long: template("label", "length", "limit")
    field_not_a_date: template("label", "shown")
    field_date_expected: template("label")
    field_future: template("label", "date")
    field_state: template("label", "shown", "states")
    field_offences: template("label")
    field_offence_unknown: template("label", "shown", "offences")
    deadline_unknown: template("rule", "rules")
    date_too_early: template("date")
    date_future: template("date")
    state_unknown: template("state", "states")
    case_one_line: Words
    case_control: template("char")
    case_too_long: template("length", "limit")
    case_date: template("date")
    case_learned_before_act: Words
    case_too_many: template("limit")
    case_too_many_tasks: template("limit")
    case_missing: Words
    case_value: Words


class Texts(Section):
    """Every word of the pages. `language` is the page's `lang` (e.g. `de`)."""

    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    streamlit: dict[str, Words]
    """Streamlit's own English labels (skip link, copy button, …) and their translation."""
    app: AppTexts
    bar: BarTexts
    start: StartTexts
    wizard: WizardTexts
    emergency: EmergencyTexts
    result: ResultTexts
    documents: DocumentTexts
    cards: CardTexts
    states: StateTexts
    labels: LabelTexts
    advisor: AdvisorTexts
    contacts: ContactsPageTexts
    about: AboutTexts
    training: TrainingTexts
    wording: WordingTexts
    trace: TraceTexts
    summary: SummaryTexts
    answers: AnswerTexts
    scenarios: ScenarioTexts
    case: CaseTexts
    cli: CliTexts
    refusals: RefusalTexts

    def say(self, problem: Exception) -> str:
        """A refusal in words (`refusals.<code>` with its values); any other error as it says itself."""
        if isinstance(problem, RefusalError):
            return fill(getattr(self.refusals, problem.code), **problem.values)
        return str(problem)

    def in_state(self, code: str, name: str) -> str:
        """ "in Bayern", "im Saarland": the state `code` (called `name`) after "in"."""
        return self.states.exceptions.get(code) or fill(self.states.in_state, state=name)

    def provenance(self, source_date: str | None, verified: date, verified_how: str) -> str:
        """How fresh a contact's facts are, as they are: "Stand der Quelle: 2019 · abgeglichen am
        30.11.2026 mit einer gespeicherten Kopie" ("live geprüft" only for `verified_how: live`)."""
        words = self.cards
        parts = []
        if source_date == validators.UNDATED:
            parts.append(words.source_undated)
        elif source_date:
            parts.append(fill(words.source_date, date=self.month_date(source_date)))
        checked = words.checked_live if verified_how == "live" else words.checked_archive
        parts.append(fill(checked, date=f"{verified:%d.%m.%Y}"))
        return " · ".join(parts)

    def month_date(self, iso: str) -> str:
        """A source date as precise as given: "2023", "März 2023" or "14. März 2023"."""
        parts = iso.split("-")
        if len(parts) == 1:
            return parts[0]
        month = self.labels.months[int(parts[1]) - 1]
        return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])}. {month} {parts[0]}"


@functools.lru_cache(maxsize=2048)
def _compiled(text: str, names: frozenset[str]) -> PlaceholderText:
    return compile_text(text, set(names))


def fill(text: str, /, **values: object) -> str:
    """`text` with its `{{ name }}` placeholders filled in (the check made sure it uses only these)."""
    return _compiled(text, frozenset(values)).render({name: str(value) for name, value in values.items()})


def text_fields(model: BaseModel, path: tuple[str | int, ...] = ()) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """(path, text) for every text in the model, in file order: for the Markdown and readability checks."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield from _texts_in(value, (*path, name))


def _texts_in(value: object, path: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from text_fields(value, path)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_in(item, (*path, index))
