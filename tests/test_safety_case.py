"""The open items of the Sicherheits-Check carried into "Mein Fall": the case holds them (what, who, by
when, bounded like every field), the file keeps them (format version 2, written only when there are any,
so a file without them stays version 1 and older files still open), the case page lists them soonest
first and "erledigt" takes one out. (That opening a file keeps the items just carried, ui/case.py `_opened`, has no test here: the
opener is a browser component.)"""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

import pytest

import ui.case
import ui.download
import ui.safety
from lotse.case import age
from lotse.case.age import encrypt
from lotse.case.file import CaseFileError, armor, from_payload, to_payload, unseal
from lotse.case.model import MAX_SAFETY_TASKS, Case, CaseValueError, Incident, SafetyTask, safety_tasks
from lotse.documents.safety import safety_plan
from tests.apptest import ok, page
from tests.documents_helpers import said, shipped

TODAY = date(2026, 12, 7)
SECRET = "korrekt pferd batterie"
STRANGER = "Sie prüfen ab und zu Bremsen, Lenkung und Radmuttern Ihres Autos."
STARKE = "Die Nummer der starken Stelle ist in Ihrem Handy gespeichert. Sie berät auch ohne Polizei."


def task(item: str = "car-check", due: date = date(2027, 1, 6), **more: Any) -> SafetyTask:
    return SafetyTask(item=item, text=more.pop("text", STRANGER), who=more.pop("who", "Sie"), due=due, **more)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any] | None]:
    deliveries: list[dict[str, Any] | None] = []
    monkeypatch.setattr(ui.download, "_send", lambda key, document: deliveries.append(document))
    monkeypatch.setattr(ui.safety, "today", lambda: TODAY)
    monkeypatch.setattr(ui.case, "today", lambda: TODAY)
    monkeypatch.setattr(age.encrypt, "__defaults__", (10,))  # speed only: a small scrypt work factor
    return deliveries


# --- the model and the file ----------------------------------------------------------------------------


def test_the_plan_becomes_tasks_with_text_who_and_date() -> None:
    plan = safety_plan(shipped()[0], {"car-check": "open", "register-block": "open", "passwords": "done"}, TODAY)
    assert [(t.item, t.who, t.due) for t in safety_tasks(plan)] == [
        ("register-block", "Sie, beim Bürgeramt", date(2026, 12, 21)),
        ("car-check", "Sie", date(2027, 1, 6)),
    ]
    assert safety_tasks(plan)[1].text == STRANGER


def test_carrying_again_replaces_an_item_and_keeps_the_soonest_first() -> None:
    case = Case().with_safety([task(), task("passwords", date(2026, 12, 14), text="Passwörter")])
    again = case.with_safety([task(due=date(2026, 12, 10))])
    assert [(t.item, t.due) for t in again.safety] == [
        ("car-check", date(2026, 12, 10)),
        ("passwords", date(2026, 12, 14)),
    ]
    assert again.without_safety("car-check").safety == [task("passwords", date(2026, 12, 14), text="Passwörter")]


def test_a_case_without_tasks_is_still_written_as_version_1_and_with_tasks_as_version_2() -> None:
    incident = Incident(happened_on=date(2026, 3, 3), learned_on=date(2026, 3, 4), words="Drohung")
    plain = Case(incidents=[incident])
    assert json.loads(to_payload(plain)) == {
        "format": "lotse-fall",
        "version": 1,
        "case": {"incidents": [{"id": incident.id, "happened_on": "2026-03-03", "learned_on": "2026-03-04",
                                "words": "Drohung"}]},
    }  # fmt: skip
    with_plan = plain.with_safety([task()])
    inside = json.loads(to_payload(with_plan))
    assert inside["version"] == 2
    assert inside["case"]["safety"] == [{"item": "car-check", "text": STRANGER, "who": "Sie", "due": "2027-01-06"}]
    assert from_payload(to_payload(with_plan)) == with_plan


def test_a_file_of_the_previous_version_opens() -> None:
    """Written as Lotse wrote every file before the safety plan: version 1, no `safety`."""
    payload = {"format": "lotse-fall", "version": 1, "case": {"state": "BY", "incidents": [
        {"id": "7491daf01834ded83e0171ab176872e6", "happened_on": "2026-03-03", "learned_on": "2026-03-04",
         "author": "Wahrheit123", "words": "Wir wissen, wo du wohnst."}]}}  # fmt: skip
    data = armor(encrypt(json.dumps(payload).encode(), SECRET, work_factor=10))
    case = unseal(data, SECRET)
    assert case.state == "BY" and case.safety == []
    assert [(i.author, i.words) for i in case.incidents] == [("Wahrheit123", "Wir wissen, wo du wohnst.")]


@pytest.mark.parametrize(
    ("bad", "detail"),
    [
        ({"text": "x" * 401}, "safety.0.text: Der Text ist zu lang: 401 Zeichen, möglich sind 400."),
        ({"who": "Sie\u202e"}, "safety.0.who: Der Text enthält ein unsichtbares Steuerzeichen (U+202E)."),
        ({"item": "../etc"}, "safety.0.item: Dieser Wert ist hier nicht möglich."),
        ({"due": "1999-12-31"}, "safety.0.due: Das Datum 31.12.1999 ist nicht möglich (ab 2000)."),
    ],
)
def test_a_file_with_a_task_over_the_limits_is_refused(bad: dict[str, str], detail: str) -> None:
    entry = {"item": "car-check", "text": STRANGER, "due": "2027-01-06"} | bad
    with pytest.raises(CaseFileError) as caught:
        from_payload(json.dumps({"format": "lotse-fall", "version": 2, "case": {"safety": [entry]}}).encode())
    problem = caught.value.problem
    assert problem is not None
    assert (caught.value.code, f"{caught.value.detail}: {said(problem)}") == ("invalid", detail)


def test_no_more_tasks_than_a_file_holds() -> None:
    many = [task(f"item-{n}") for n in range(MAX_SAFETY_TASKS)]
    case = Case().with_safety(many)
    with pytest.raises(CaseValueError) as caught:
        case.with_safety([task("one-more")])
    assert said(caught.value) == "Eine Falldatei hat höchstens 100 Punkte im Sicherheitsplan."


# --- the pages -------------------------------------------------------------------------------------


def test_the_check_carries_its_open_items_into_the_case(sent: list) -> None:
    at = page("app_pages/safety.py")
    ok(at.radio(key="safety_car-check").set_value("open").run())
    ok(at.radio(key="safety_starke-stelle-saved").set_value("open").run())
    ok(at.radio(key="safety_passwords").set_value("done").run())
    ok(at.button(key="safety_to_case").click().run())
    case = at.session_state["case_file"]
    assert [(t.item, t.due) for t in case.safety] == [
        ("starke-stelle-saved", date(2026, 12, 8)),
        ("car-check", date(2027, 1, 6)),
    ]
    assert at.success[0].value.startswith("Die offenen Punkte stehen jetzt in „Mein Fall“.")
    ok(at.button(key="safety_case_page").click().run())
    assert at.title[0].value == "Mein Fall"


def test_the_case_page_lists_the_plan_takes_a_done_item_out_and_saves_it(sent: list) -> None:
    at = page("app_pages/case.py")
    at.session_state["case_file"] = Case().with_safety(
        [task(), task("starke-stelle-saved", date(2026, 12, 8), text=STARKE)]
    )
    ok(at.run())
    assert "Mein Sicherheitsplan" in [h.value for h in at.header]
    lines = [m.value for m in at.markdown if m.value.startswith(("**Die Nummer", "**Sie prüfen", "Bis: "))]
    assert lines == [
        f"**{STARKE.replace('.', chr(92) + '.')}**",
        "Bis: **8. Dezember 2026** · Wer: Sie",
        f"**{STRANGER.replace('.', chr(92) + '.')}**",
        "Bis: **6. Januar 2027** · Wer: Sie",
    ]
    ok(at.button(key="case_safety_done_starke-stelle-saved").click().run())
    assert [t.item for t in at.session_state["case_file"].safety] == ["car-check"]
    at.text_input(key="case_secret").input(SECRET)  # the file can be saved with a plan and no incident
    ok(at.button(key="case_save").click().run())
    document = sent[-1]
    assert document is not None and unseal(base64.b64decode(document["base64"]), SECRET).safety == [task()]
