"""The page "Mein Fall": the person's incidents, newest first and grouped by author, each with its
Strafantrag deadline; adding one; the encrypted file; the exports and the letters.

The case lives only in this session's state (`case_file`): never logged, cached, written or put in a
URL; the quick exit clears the whole session state. A file to open comes through a small component in
the session's own websocket (Streamlit's upload route stays closed); its bytes and the passphrase are
read in the callback and dropped there. Every value goes through the core's model, whose limits hold
whatever a browser sends (docs/case-file.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from datetime import date
from html import escape
from typing import Any

import streamlit as st
from pydantic import ValidationError

from lotse.case.deadlines import case_calendar, incident_deadline
from lotse.case.exports import (
    Labels,
    counsellor_csv,
    police_parts,
    police_pdf,
    sachstand_defaults,
    strafantrag_defaults,
    with_aktenzeichen,
)
from lotse.case.file import FILENAME, MAX_FILE_BYTES, MAX_PASSPHRASE, MIME, CaseFileError, seal, unseal
from lotse.case.guide import guide_state
from lotse.case.model import MAX_EVIDENCE, MAX_STATUS_REQUESTS, Case, CaseValueError, Evidence, Incident, Reports
from lotse.content.loader import Content
from lotse.content.problems import RefusalError
from lotse.content.texts import CaseTexts, Texts, fill
from lotse.content.vocabulary import INCIDENTS, STATES
from lotse.documents import Document
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.deadlines import EARLIEST
from lotse.documents.german import long_date, plain_date
from ui.content import get_catalog, get_content
from ui.deadlines import today
from ui.documents import LetterForm
from ui.download import _prepare as prepare
from ui.download import download_button
from ui.guide import go
from ui.guide import restart as restart_guide

CASE = "case_file"
EDITING = "case_editing"
NEW = "new"
GENERATION = "case_form"
PROBLEMS = "case_problems"
NOTICE = "case_notice"
SECRET = "case_secret"
OPENER = "case_opener"
TO_GUIDE = "case_to_guide"
GUIDE_PAGE = "app_pages/guide.py"
EVIDENCE_ROWS = 2
MAX_BASE64 = (MAX_FILE_BYTES + 2) // 3 * 4
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")

_OPEN_HTML = """
<div class="lotse-case-open" data-case-open>
  <label for="lotse-case-file">{choose}</label>
  <input id="lotse-case-file" type="file" accept=".age,.txt,application/octet-stream">
  <label for="lotse-case-secret">{passphrase}</label>
  <input id="lotse-case-secret" type="password" autocomplete="off" maxlength="{max_secret}">
  <button type="button">{open}</button>
  <p data-note role="status"></p>
</div>
"""
_OPEN_CSS = """
.lotse-case-open { display: flex; flex-direction: column; gap: .375rem; margin: .5rem 0 1rem; }
.lotse-case-open label { font-size: .875rem; color: #1e293b; }
.lotse-case-open input { min-height: 44px; font: inherit; font-size: 1rem; padding: .25rem .5rem;
  border: 1px solid #64748b; border-radius: .375rem; background: #fff; color: #1e293b; }
.lotse-case-open button { min-height: 44px; font: inherit; font-size: 1rem; border-radius: .5rem;
  border: 1px solid #1d4ed8; background: #fff; color: #1d4ed8; cursor: pointer; }
.lotse-case-open input:focus-visible, .lotse-case-open button:focus-visible { outline: 3px solid #1d4ed8;
  outline-offset: 2px; }
.lotse-case-open [data-note] { margin: 0; color: #991b1b; }
"""
_OPEN_JS = """
export default function (component) {
  const { parentElement, setTriggerValue, data } = component;
  const root = parentElement.querySelector("[data-case-open]");
  const file = root.querySelector("input[type=file]");
  const secret = root.querySelector("input[type=password]");
  const note = root.querySelector("[data-note]");
  root.querySelector("button").onclick = () => {
    const chosen = file.files && file.files[0];
    if (!chosen) { note.textContent = data.noFile; return; }
    note.textContent = "";
    if (chosen.size > data.max) { setTriggerValue("file", { tooLarge: true }); return; }
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result);
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      const passphrase = secret.value;
      secret.value = "";
      file.value = "";
      setTriggerValue("file", { data: btoa(binary), passphrase });
    };
    reader.readAsArrayBuffer(chosen);
  };
}
"""
_OPENERS: dict[tuple[str, ...], Any] = {}


def render() -> None:
    content = get_content()
    catalog = get_catalog()
    words = content.texts.case
    if st.session_state.pop(TO_GUIDE, False):
        st.switch_page(GUIDE_PAGE)
    st.title(words.title, anchor=False)
    st.markdown(words.intro)
    st.warning(words.warning, icon=":material/visibility:")
    case = current()
    _notice(words)
    _state(content, case)
    case = current()
    if st.session_state.get(EDITING):
        _incident_form(content, catalog, case)
    else:
        st.button(words.add, key="case_add", on_click=_edit, args=(NEW,), type="primary", use_container_width=True)
    _incidents(content, catalog, case)
    _safety(content, case)
    _file(content, case)
    if case.incidents:
        _exports(content, catalog, case)
        _letters(content, catalog, case)


def current() -> Case:
    found = st.session_state.get(CASE)
    return found if isinstance(found, Case) else Case()


def shown(text: str) -> str:
    """Typed text for st.markdown: every Markdown sign escaped, line breaks kept."""
    return _MARKDOWN.sub(r"\\\1", text).replace("\n", "  \n")


def _notice(words: CaseTexts) -> None:
    notice = st.session_state.pop(NOTICE, None)
    if not notice:
        return
    kind, text = notice
    if kind == "ok":
        st.success(text, icon=":material/check_circle:")
    else:
        st.error(text, icon=":material/error:")


def _state(content: Content, case: Case) -> None:
    words = content.texts.case
    label = content.questions()["state"].label_of
    key = "case_state"
    if key not in st.session_state and case.state is not None:
        st.session_state[key] = case.state
    st.selectbox(words.state, STATES, index=None, format_func=label, key=key, on_change=_set_state, help=None)
    st.caption(words.state_help)


def _set_state() -> None:
    value = st.session_state.get("case_state")
    st.session_state[CASE] = current().model_copy(update={"state": value if value in STATES else None})


# --- the list ------------------------------------------------------------------------------------


def _incidents(content: Content, catalog: DocumentCatalog | None, case: Case) -> None:
    words = content.texts.case
    if not case.incidents:
        st.info(words.empty, icon=":material/info:")
        return
    st.markdown(fill(words.count, count=len(case.incidents)))
    if case.state is None:
        st.caption(words.no_state)
    labels = Labels(content, catalog)
    for author, incidents in case.by_author():
        st.subheader(shown(author) if author else words.unnamed, anchor=False)
        for incident in incidents:
            _incident_card(labels, case, incident)


def _incident_card(labels: Labels, case: Case, incident: Incident) -> None:
    words = labels.words
    with st.container(border=True, key=f"case_card_{incident.id}"):
        when = plain_date(incident.happened_on) + (f", {incident.happened_time}" if incident.happened_time else "")
        channel = f" · {labels.channel(incident.channel)}" if incident.channel else ""
        st.markdown(f"**{shown(when)}**{shown(channel)}")
        if case.state is not None:
            deadline = incident_deadline(incident, case.state)
            passed = deadline.days_left(today()) < 0
            text = fill(words.deadline_passed if passed else words.deadline_open, date=long_date(deadline.last_day))
            st.markdown(f":material/event: {text}")
        if incident.words:
            excerpt = incident.words if len(incident.words) <= 240 else incident.words[:240] + "…"
            st.markdown(f"„{shown(excerpt)}“")
        edit, delete = st.columns(2)
        with edit:
            st.button(
                words.edit,
                key=f"case_edit_{incident.id}",
                on_click=_edit,
                args=(incident.id,),
                use_container_width=True,
            )
        with delete:
            st.button(
                words.delete,
                key=f"case_del_{incident.id}",
                on_click=_delete,
                args=(incident.id,),
                use_container_width=True,
            )
        st.button(
            words.to_guide,
            key=f"case_guide_{incident.id}",
            on_click=_to_guide,
            args=(incident.id,),
            icon=":material/explore:",
            use_container_width=True,
        )


def _to_guide(incident_id: str) -> None:
    """The guide's wizard with this incident's answers (only the session's state carries them)."""
    case = current()
    incident = next((i for i in case.incidents if i.id == incident_id), None)
    if incident is None:
        return
    restart_guide()
    go(guide_state(get_content(), case, incident, today()))
    st.session_state[TO_GUIDE] = True


def _delete(incident_id: str) -> None:
    st.session_state[CASE] = current().without(incident_id)


def _edit(incident_id: str) -> None:
    st.session_state[EDITING] = incident_id
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state.pop(PROBLEMS, None)


# --- one incident's form -------------------------------------------------------------------------


def _key(name: str) -> str:
    return f"case_f{st.session_state.get(GENERATION, 0)}_{name}"


def _incident_form(content: Content, catalog: DocumentCatalog | None, case: Case) -> None:
    words = content.texts.case
    editing = st.session_state.get(EDITING)
    known = next((i for i in case.incidents if i.id == editing), None)
    fields, labels = words.fields, words.labels
    day = today()
    with st.form(key=f"case_form_{st.session_state.get(GENERATION, 0)}", border=True):
        _date(
            fields["happened_on"].label, "happened_on", known.happened_on if known else day, fields["happened_on"].help
        )
        st.text_input(
            labels["happened_time"], value=known.happened_time if known else "", max_chars=40, key=_key("happened_time")
        )
        _date(fields["learned_on"].label, "learned_on", known.learned_on if known else day, fields["learned_on"].help)
        channels = content.questions()["channel"]
        chosen = known.channel if known else None
        st.selectbox(
            fields["channel"].label,
            channels.option_values(),
            index=None if chosen is None else channels.option_values().index(chosen),
            format_func=channels.label_of,
            key=_key("channel"),
            placeholder=labels["channel_none"],
        )
        st.caption(fields["channel"].help)
        _line(fields["place"].label, "place", known, 300, fields["place"].help)
        _line(labels["post_url"], "post_url", known, 2000)
        _line(labels["profile_url"], "profile_url", known, 2000)
        _line(fields["author"].label, "author", known, 200, fields["author"].help)
        st.radio(
            labels["author_known"],
            ["yes", "no", "unknown"],
            index=["yes", "no", "unknown"].index(known.author_known if known else "unknown"),
            format_func=words.known.get,
            key=_key("author_known"),
            horizontal=True,
        )
        _text(fields["words"].label, "words", known, 6000, fields["words"].help)
        _text(labels["context"], "context", known, 2000)
        kinds = [i for i in INCIDENTS if i != "none"]
        st.multiselect(
            fields["kinds"].label,
            kinds,
            default=list(known.kinds) if known else [],
            format_func=content.questions()["incident"].label_of,
            key=_key("kinds"),
        )
        st.caption(fields["kinds"].help)
        with st.expander(words.more):
            _more(words, catalog, known)
        save, cancel = st.columns(2)
        with save:
            st.form_submit_button(words.save_incident, type="primary", on_click=_save, use_container_width=True)
        with cancel:
            st.form_submit_button(words.cancel, on_click=_close, use_container_width=True)
    problems = st.session_state.get(PROBLEMS)
    if problems:
        st.error(words.problems + "\n\n" + "\n".join(f"- {p}" for p in problems), icon=":material/error:")


def _more(words: CaseTexts, catalog: DocumentCatalog | None, known: Incident | None) -> None:
    fields, labels = words.fields, words.labels
    if catalog is not None:
        names = {o.value: f"{o.name} ({o.law})" for o in catalog.file.offences}
        st.multiselect(
            labels["offences"],
            list(names),
            default=[o for o in known.offences if o in names] if known else [],
            format_func=names.get,
            key=_key("offences"),
        )
    st.markdown(f"**{fields['evidence'].label}**")
    st.caption(fields["evidence"].help)
    items = list(known.evidence) if known else []
    evidence_rows = _rows("ev_rows", max(EVIDENCE_ROWS, len(items) + 1), MAX_EVIDENCE)
    for row in range(evidence_rows):
        item = items[row] if row < len(items) else Evidence()
        st.text_input(
            f"{labels['evidence_item']} {row + 1}: {labels['evidence_kind']}",
            value=item.kind,
            max_chars=120,
            key=_key(f"ev{row}_kind"),
        )
        st.date_input(
            labels["evidence_captured"],
            value=item.captured_on,
            min_value=EARLIEST,
            max_value=today(),
            format="DD.MM.YYYY",
            key=_key(f"ev{row}_captured"),
        )
        st.text_input(labels["evidence_kept"], value=item.kept_where, max_chars=300, key=_key(f"ev{row}_kept"))
    st.form_submit_button(
        words.add_evidence, on_click=_more_rows, args=("ev_rows", evidence_rows), icon=":material/add:"
    )
    _text(fields["witnesses"].label, "witnesses", known, 2000, fields["witnesses"].help)
    st.markdown(f"**{fields['reports'].label}**")
    st.caption(fields["reports"].help)
    reports = known.reports if known else Reports()
    for name, limit in (("platform", 200), ("platform_ticket", 200), ("police_station", 300), ("aktenzeichen", 80)):
        st.text_input(labels[name], value=getattr(reports, name), max_chars=limit, key=_key(f"r_{name}"))
    for name in ("reported_on", "strafantrag_on"):
        st.date_input(
            labels[name],
            value=getattr(reports, name),
            min_value=EARLIEST,
            max_value=today(),
            format="DD.MM.YYYY",
            key=_key(f"r_{name}"),
        )
    asked = reports.status_requests
    request_rows = _rows("sr_rows", len(asked) + 1, MAX_STATUS_REQUESTS)
    for row in range(request_rows):
        st.date_input(
            f"{labels['status_requests']} ({row + 1})",
            value=asked[row] if row < len(asked) else None,
            min_value=EARLIEST,
            max_value=today(),
            format="DD.MM.YYYY",
            key=_key(f"r_sr{row}"),
        )
    st.form_submit_button(
        words.add_status_request, on_click=_more_rows, args=("sr_rows", request_rows), icon=":material/add:"
    )
    _text(fields["effects"].label, "effects", known, 3000, fields["effects"].help)
    _text(fields["safety"].label, "safety", known, 3000, fields["safety"].help)


def _rows(name: str, shown: int, limit: int) -> int:
    """How many rows of a repeated field the form shows: the known ones and one empty, or more after
    "add" (never more than the model takes)."""
    return min(limit, max(shown, int(st.session_state.get(_key(name), 0))))


def _more_rows(name: str, shown: int) -> None:
    """'Add a row' in the open form: the values typed so far stay (the form keeps its keys)."""
    st.session_state[_key(name)] = shown + 1


def _date(label: str, name: str, value: date, help_text: str) -> None:
    st.date_input(label, value=value, min_value=EARLIEST, max_value=today(), format="DD.MM.YYYY", key=_key(name))
    st.caption(help_text)


def _line(label: str, name: str, known: Incident | None, limit: int, help_text: str | None = None) -> None:
    st.text_input(label, value=getattr(known, name) if known else "", max_chars=limit, key=_key(name))
    if help_text:
        st.caption(help_text)


def _text(label: str, name: str, known: Incident | None, limit: int, help_text: str | None = None) -> None:
    st.text_area(label, value=getattr(known, name) if known else "", max_chars=limit, height=100, key=_key(name))
    if help_text:
        st.caption(help_text)


def _value(name: str, default: Any = "") -> Any:
    value = st.session_state.get(_key(name), default)
    return default if value is None else value


def _form_data() -> dict[str, Any]:
    names = (
        "happened_time",
        "place",
        "post_url",
        "profile_url",
        "author",
        "words",
        "context",
        "witnesses",
        "effects",
        "safety",
    )
    data: dict[str, Any] = {name: _value(name) for name in names}
    data |= {
        "happened_on": _value("happened_on", None),
        "learned_on": _value("learned_on", None),
        "channel": _value("channel", None),
        "author_known": _value("author_known", "unknown"),
        "kinds": list(_value("kinds", [])),
        "offences": list(_value("offences", [])),
    }
    evidence = []
    for row in range(MAX_EVIDENCE + 1):
        if _key(f"ev{row}_kind") not in st.session_state:
            break
        item = {
            "kind": _value(f"ev{row}_kind"),
            "captured_on": _value(f"ev{row}_captured", None),
            "kept_where": _value(f"ev{row}_kept"),
        }
        if item["kind"] or item["captured_on"] or item["kept_where"]:
            evidence.append(item)
    data["evidence"] = evidence
    reports = {name: _value(f"r_{name}") for name in ("platform", "platform_ticket", "police_station", "aktenzeichen")}
    reports |= {name: _value(f"r_{name}", None) for name in ("reported_on", "strafantrag_on")}
    editing = st.session_state.get(EDITING)
    known = next((i for i in current().incidents if i.id == editing), None)
    asked = {_value(f"r_sr{row}", None) for row in range(MAX_STATUS_REQUESTS + 1)}
    data["reports"] = reports | {"status_requests": sorted(day for day in asked if isinstance(day, date))}
    if known is not None:
        data["id"] = known.id
    return data


def _save() -> None:
    texts = get_content().texts
    words = texts.case
    try:
        incident = Incident.model_validate(_form_data())
        if incident.future_dates(today()):
            st.session_state[PROBLEMS] = [words.labels["future"]]
            return
        case = current().with_incident(incident)
    except ValidationError as exc:
        st.session_state[PROBLEMS] = [_problem(texts, error) for error in exc.errors()[:10]]
        return
    except CaseValueError as exc:
        st.session_state[PROBLEMS] = [texts.say(exc)]
        return
    st.session_state[CASE] = case
    st.session_state[NOTICE] = ("ok", words.incident_saved)
    _close()


def _problem(texts: Texts, error: Any) -> str:
    words = texts.case
    location = [str(part) for part in error["loc"]]
    name = location[0] if location else ""
    label = words.fields[name].label if name in words.fields else words.labels.get(name, name)
    own = error.get("ctx", {}).get("error") if error["type"] == "value_error" else None
    message = texts.say(own) if isinstance(own, RefusalError) else words.labels["invalid"]
    return f"„{label}“: {message}"


def _close() -> None:
    st.session_state.pop(EDITING, None)
    st.session_state.pop(PROBLEMS, None)
    generation = st.session_state.get(GENERATION, 0)
    for name in [k for k in st.session_state if str(k).startswith(f"case_f{generation}_")]:
        del st.session_state[name]


# --- the safety plan -----------------------------------------------------------------------------


def _safety(content: Content, case: Case) -> None:
    """The open items carried from the Sicherheits-Check, soonest first; "erledigt" takes one out."""
    if not case.safety:
        return
    words = content.texts.case
    st.header(words.safety_title, anchor=False)
    st.markdown(words.safety_intro)
    for task in case.safety:
        with st.container(border=True, key=f"case_safety_{task.item}"):
            st.markdown(f"**{shown(task.text)}**")
            st.markdown(fill(words.safety_due, date=plain_date(task.due), who=shown(task.who)))
            st.button(
                words.safety_done,
                key=f"case_safety_done_{task.item}",
                on_click=_safety_done,
                args=(task.item,),
                use_container_width=True,
            )


def _safety_done(item: str) -> None:
    st.session_state[CASE] = current().without_safety(item)


# --- the file --------------------------------------------------------------------------------------


def _file(content: Content, case: Case) -> None:
    words = content.texts.case
    st.header(words.file_title, anchor=False)
    st.markdown(words.file_intro)
    if case.incidents or case.safety:
        # A form: the passphrase goes with the tap on "sichern", whatever had the focus before (a tap on the
        # field's eye icon, say, would otherwise leave the typed value behind).
        with st.form("case_save_form", border=False):
            st.text_input(
                words.passphrase, type="password", max_chars=MAX_PASSPHRASE, key=SECRET, autocomplete="new-password"
            )
            st.caption(words.passphrase_help)
            st.form_submit_button(
                words.save,
                key="case_save",
                on_click=prepare,
                args=(_sealed, "case_save"),
                icon=":material/lock:",
                use_container_width=True,
            )
    st.subheader(words.open_title, anchor=False)
    st.caption(words.replace_warning)
    opener = _opener(words)
    opener(
        key=OPENER, data={"max": MAX_FILE_BYTES, "noFile": words.labels["no_file"]}, on_file_change=_opened, height=None
    )


def _sealed() -> Document | None:
    words = get_content().texts.case
    secret = str(st.session_state.get(SECRET) or "")
    st.session_state[SECRET] = ""  # the passphrase is used once and not kept
    try:
        data = seal(current(), secret)
    except CaseFileError as exc:
        st.session_state[NOTICE] = ("error", words.file_problems[exc.code])
        return None
    return Document(FILENAME, MIME, data)


def _opener(words: CaseTexts) -> Any:
    texts = {"choose": words.choose_file, "passphrase": words.passphrase, "open": words.open}
    key = tuple(texts.values())
    if key not in _OPENERS:
        html = _OPEN_HTML.format(max_secret=MAX_PASSPHRASE, **{name: escape(text) for name, text in texts.items()})
        _OPENERS.clear()
        _OPENERS[key] = st.components.v2.component(
            "lotse_case_open", html=html, css=_OPEN_CSS, js=_OPEN_JS, isolate_styles=False
        )
    return _OPENERS[key]


def _opened() -> None:
    """The chosen file arrived: read it once, drop the bytes and the passphrase, keep only the case."""
    words = get_content().texts.case
    sent = (st.session_state.get(OPENER) or {}).get("file")
    if not isinstance(sent, dict):
        return
    try:
        case = _read(sent)
    except CaseFileError as exc:
        st.session_state[NOTICE] = ("error", words.file_problems[exc.code])
        return
    finally:
        sent.clear()
    st.session_state[CASE] = case.with_safety(current().safety)  # items just carried from the check stay
    st.session_state.pop("case_state", None)
    st.session_state[NOTICE] = ("ok", fill(words.opened, count=len(case.incidents)))


def _read(sent: dict[str, Any]) -> Case:
    data, secret = sent.get("data"), sent.get("passphrase")
    if sent.get("tooLarge") or not isinstance(data, str) or len(data) > MAX_BASE64:
        raise CaseFileError("too_large")
    if not isinstance(secret, str):
        raise CaseFileError("wrong_passphrase")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise CaseFileError("damaged") from None
    return unseal(raw, secret)


# --- exports and letters ---------------------------------------------------------------------------


def _exports(content: Content, catalog: DocumentCatalog | None, case: Case) -> None:
    words = content.texts.case
    st.header(words.exports_title, anchor=False)
    st.markdown(words.exports_intro)
    _police_pdf(content, catalog, case)
    download_button(
        words.csv,
        key="case_csv",
        make=lambda: counsellor_csv(content, catalog, current()),
        icon=":material/table:",
        use_container_width=True,
    )
    if catalog is not None and case.state is not None:
        download_button(
            words.calendar,
            key="case_ics",
            make=lambda: case_calendar(catalog, current()),
            icon=":material/event:",
            use_container_width=True,
        )


def _police_pdf(content: Content, catalog: DocumentCatalog | None, case: Case) -> None:
    """One button for the timeline; a case of very much text in parts, each one bounded render (lotse/case/exports)."""
    words = content.texts.case
    parts = police_parts(case)
    part = 1
    if len(parts) > 1:
        st.markdown(fill(words.pdf_parts, count=len(case.incidents), parts=len(parts)))
        chosen = st.selectbox(
            words.pdf_choose_part,
            list(range(1, len(parts) + 1)),
            format_func=lambda p: fill(words.pdf_part_option, part=p, first=parts[p - 1][0], last=parts[p - 1][1]),
            key="case_pdf_part",
        )
        part = chosen if isinstance(chosen, int) and 1 <= chosen <= len(parts) else 1
    download_button(
        words.police_pdf,
        key="case_pdf",
        make=lambda: police_pdf(content, catalog, current(), today(), min(part, len(police_parts(current())))),
        icon=":material/picture_as_pdf:",
        use_container_width=True,
    )


def _letters(content: Content, catalog: DocumentCatalog | None, case: Case) -> None:
    if catalog is None:
        return
    words = content.texts.case
    st.header(words.letters_title, anchor=False)
    by_id = {i.id: i for i in case.incidents}

    def name(incident_id: str) -> str:
        incident = by_id[incident_id]
        return " – ".join(p for p in (plain_date(incident.happened_on), incident.author) if p)

    chosen = st.multiselect(
        words.choose_incidents, [i.id for i in case.newest_first()], format_func=name, key="case_chosen"
    )
    chosen = [i for i in chosen if i in by_id]
    state = case.state or ""
    if chosen:
        incidents = case.chosen(chosen)
        digest = hashlib.sha256("".join(chosen).encode()).hexdigest()[:8]
        with st.expander(words.strafantrag, icon=":material/mail:"):
            form = LetterForm(catalog, catalog.letter("strafantrag"), f"case_letter_{digest}_strafantrag", state)
            form.render(content, {"date": today(), **strafantrag_defaults(content, catalog, incidents)})
    reported = with_aktenzeichen(case)
    with st.expander(words.sachstand, icon=":material/mail:"):
        if not reported:
            st.markdown(words.no_aktenzeichen)
            return
        ids = [i.id for i in reported]
        picked = st.selectbox(
            words.choose_report,
            ids,
            format_func=lambda i: f"{by_id[i].reports.aktenzeichen} ({name(i)})",
            key="case_report",
        )
        incident = by_id.get(str(picked), reported[0])
        form = LetterForm(catalog, catalog.letter("sachstand"), f"case_letter_{incident.id[:8]}_sachstand", state)
        form.render(content, {"date": today(), **sachstand_defaults(incident)})
