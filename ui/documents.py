"""What a person takes away from the result and advisor pages: the handout (PDF) and the letters that
fit the answers, each with its short form and a PDF and a Word download.

Everything typed into a letter form stays in this session's widget state, under keys that start with
`<page>_letter`, while the letter is open; closing the letter, "Neu beginnen", "Neues Gespräch" and the
quick exit forget it. A document is made
only on the click (ui/download.py) and is never written anywhere. A form with mistakes sends nothing:
each German message from the core stands under its field, and all of them above the buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import streamlit as st

from lotse.content.loader import Content
from lotse.content.texts import fill
from lotse.documents import Document
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.deadlines import EARLIEST, Deadline
from lotse.documents.documents_file import Letter
from lotse.documents.forms import FormError, FormField, FormValue
from lotse.documents.handout import handout_pdf
from lotse.documents.letters import (
    form_defaults,
    letter_deadline,
    letter_docx,
    letter_form,
    letter_pdf,
    letters_for,
)
from lotse.documents.parts import deadline_text
from lotse.guide.advisor import Consultation
from lotse.guide.result import Result
from ui.content import get_catalog, get_content
from ui.deadlines import exact_deadlines, today
from ui.download import download_button, fragment_courier

Render = Callable[..., Document]
ADVISOR = "adv"
"""The advisor page's key: its forms are `adv_letter…`, emptied by "Neues Gespräch"."""


def handout_button(
    content: Content, catalog: DocumentCatalog | None, result: Result, deadlines: list[Deadline], key: str
) -> None:
    """ "Als PDF speichern": the short handout (at most three pages); "Ausführlich": every step and
    every contact. Each is made on its click."""
    if catalog is None:
        return
    words = content.texts.documents
    for label, suffix, full in ((words.handout, "handout", False), (words.handout_full, "handout_full", True)):
        download_button(
            label,
            key=f"{key}_{suffix}",
            make=lambda full=full: handout_pdf(catalog, content, result, today(), deadlines, full=full),
            icon=":material/picture_as_pdf:",
            use_container_width=True,
        )


def letters_section(content: Content, catalog: DocumentCatalog | None, result: Result, key: str) -> None:
    """ "Briefe": each letter that fits folded under its title; its form opens with one tap."""
    letters = letters_for(catalog, result.answers.effective) if catalog is not None else []
    if catalog is None or not letters:
        return
    _letters(content, catalog, result, key, letters)


@st.fragment
def _letters(
    content: Content,
    catalog: DocumentCatalog,
    result: Result,
    key: str,
    letters: list[Letter],
) -> None:
    """The letters as a fragment: opening a letter, typing into its form and its downloads rerun only
    this part, not the whole plan (a rerun of the plan costs some 25 ms of server CPU)."""
    words = content.texts.documents
    st.header(words.letters, anchor=False)
    st.markdown(words.letters_intro)
    answers = result.answers
    state = str(answers.effective["state"])
    for letter in letters:
        form = LetterForm(catalog, letter, _prefix(key, letter.id), state, answers.effective)
        # A form is built only while its letter is open: three forms on every rerun of the result page
        # cost about 100 ms of server CPU, and most people never open one.
        icon = ":material/campaign:" if letter.form == "statement" else ":material/mail:"
        folded = st.expander(letter.title, icon=icon, key=_open_key(key, letter.id), on_change="rerun")
        with folded:
            if folded.open:
                form.render(content, form_defaults(catalog, letter.id, answers.effective, today(), answers.dates))
    fragment_courier(f"{key}_letters_courier")


def advisor_documents(content: Content, consultation: Consultation) -> None:
    """On the advisor page, below the call summary: the handout and the letters for the caller."""
    result = consultation.result
    if result is None:
        return
    catalog = get_catalog()
    state, dates = str(result.answers.effective["state"]), result.answers.dates
    st.header(content.texts.documents.title, anchor=False)
    handout_button(content, catalog, result, exact_deadlines(catalog, state, dates), ADVISOR)
    letters_section(content, catalog, result, ADVISOR)


def forget_letters(key: str) -> None:
    """Forget every letter form of the page `key`. The next forms get new widget keys instead of emptied
    values: Streamlit would warn about a value set for a widget that has its own default."""
    generation = st.session_state.get(_generation_key(key), 0)
    for name in [k for k in st.session_state if str(k).startswith((f"{key}_letter", _open_key(key, "")))]:
        del st.session_state[name]
    st.session_state[_generation_key(key)] = generation + 1


def _open_key(key: str, letter_id: str) -> str:
    return f"{key}_open_{letter_id}"


def _generation_key(key: str) -> str:
    return f"{key}_forms"


def _prefix(key: str, letter_id: str) -> str:
    return f"{key}_letter{st.session_state.get(_generation_key(key), 0)}_{letter_id}"


class LetterForm:
    """One letter's form: its widgets, its mistakes and its two downloads."""

    def __init__(
        self,
        catalog: DocumentCatalog,
        letter: Letter,
        prefix: str,
        state: str,
        answers: Mapping[str, Any] | None = None,
    ) -> None:
        self.catalog, self.letter, self.prefix, self.state = catalog, letter, prefix, state
        self.answers = answers  # the letter's routes are chosen like the result's contacts
        self.fields = letter_form(catalog, letter.id)

    def widget_key(self, name: str) -> str:
        return f"{self.prefix}_{name}"

    @property
    def problems_key(self) -> str:
        return f"{self.prefix}_problems"

    @property
    def more_key(self) -> str:
        return f"{self.prefix}_more"

    def render(self, content: Content, defaults: Mapping[str, FormValue]) -> None:
        words = content.texts.documents
        problems = dict(st.session_state.get(self.problems_key) or ())
        st.markdown(self.letter.summary)
        required = [field for field in self.fields if field.in_view]
        optional = [field for field in self.fields if not field.in_view]
        for field in required:
            self.field_input(content, field, defaults.get(field.name), problems.get(field.name))
        if optional and st.toggle(words.more_fields, key=self.more_key):
            for field in optional:
                self.field_input(content, field, defaults.get(field.name), problems.get(field.name))
        self.deadline_note(defaults)
        if problems:
            listed = "\n".join(f"- {message}" for message in problems.values())
            st.error(f"{words.problems}\n\n{listed}", icon=":material/error:")
        statement = self.letter.form == "statement"
        pdf, word = st.columns(2)
        with pdf:
            label = words.statement_pdf if statement else words.pdf
            self.download(label, "pdf", letter_pdf, defaults, ":material/picture_as_pdf:")
        with word:
            label = words.statement_word if statement else words.word
            self.download(label, "docx", letter_docx, defaults, ":material/description:")

    def field_input(self, content: Content, field: FormField, default: FormValue | None, problem: str | None) -> None:
        label = fill(content.texts.documents.required, label=field.label) if field.required else field.label
        options: dict[str, Any] = {"key": self.widget_key(field.name), "on_change": self.forget_problem}
        options["args"] = (field.name,)
        if field.kind == "line":
            st.text_input(label, value=str(default or ""), max_chars=field.max_length, **options)
        elif field.kind == "text":
            st.text_area(label, value=str(default or ""), max_chars=field.max_length, height=120, **options)
        elif field.kind == "date":
            latest = today() if self.catalog.file.fields[field.name].past_only else None
            initial = default if isinstance(default, date) else None
            st.date_input(label, value=initial, min_value=EARLIEST, max_value=latest, format="DD.MM.YYYY", **options)
        elif field.kind == "state":
            names = dict(field.options)
            index = list(names).index(default) if default in names else None
            st.selectbox(
                label, list(names), index=index, format_func=names.get, placeholder=field.placeholder, **options
            )
        else:
            names = dict(field.options)
            st.multiselect(label, list(names), default=list(default or ()), format_func=names.get, **options)
        if field.help:
            st.caption(field.help)
        if problem:
            st.error(problem, icon=":material/error:")

    def deadline_note(self, defaults: Mapping[str, FormValue]) -> None:
        """The letter's last day on its form as soon as its date is given (the core counts it)."""
        if self.letter.deadline is None:
            return
        values = {
            field.name: st.session_state.get(self.widget_key(field.name), defaults.get(field.name))
            for field in self.fields
            if field.kind in {"date", "state"}
        }
        deadline = letter_deadline(self.catalog, self.letter, values, self.state, today())
        if deadline is not None:
            st.info(deadline_text(self.catalog, deadline, today()).sentence, icon=":material/event:")

    def forget_problem(self, name: str) -> None:
        problems = st.session_state.get(self.problems_key) or []
        st.session_state[self.problems_key] = [(field, message) for field, message in problems if field != name]

    def download(self, label: str, suffix: str, render: Render, defaults: Mapping[str, FormValue], icon: str) -> None:
        download_button(
            label,
            key=f"{self.prefix}_{suffix}",
            make=lambda: self.make(render, defaults),
            icon=icon,
            use_container_width=True,
        )

    def make(self, render: Render, defaults: Mapping[str, FormValue]) -> Document | None:
        """The letter from what the form holds now (a hidden field counts with its default), or None
        with the problems kept for the form to show."""
        data = {
            field.name: st.session_state.get(self.widget_key(field.name), defaults.get(field.name))
            for field in self.fields
        }
        try:
            document = render(self.catalog, self.letter.id, data, state=self.state, today=today(), answers=self.answers)
        except FormError as exc:
            texts = get_content().texts
            st.session_state[self.problems_key] = [(name, texts.say(refusal)) for name, refusal in exc.problems]
            hidden = {field.name for field in self.fields if not field.in_view}
            if any(name in hidden for name, _ in exc.problems):
                st.session_state[self.more_key] = True  # open the fields the messages are about
            return None
        st.session_state.pop(self.problems_key, None)
        return document
