"""Mein Fall in Chromium on a phone (390 × 844), one recorded walk: add two incidents (canaries typed
into every field), save the encrypted file, start afresh, open it, make the Strafantrag for both, then
leave with the quick exit. While it runs, requests, websockets, URLs and the server's frames are
recorded and the repository is snapshotted. Then:

1. adding an incident takes at most 8 taps plus typing; the screens pass axe; every target is 44 px;
2. the saved file is age that the core opens, and it came back as the same two incidents;
3. the Strafantrag and the police timeline (made by Typst while the walk's checks watch) hold the words
   of both incidents;
4. no canary (nor the passphrase) is in the server's log, in any URL or request, or in a file on the
   server; after the quick exit the server answered with an empty page and no canary came back.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from lotse.case.file import unseal
from lotse.case.model import Case
from lotse.documents.german import plain_date
from tests.e2e.conftest import Server, snapshot
from tests.e2e.lotse_ui import (
    ACTION_TIMEOUT_MS,
    EXIT_BUTTON,
    NAVIGATION_TIMEOUT_MS,
    PHONE,
    REPO,
    blocking,
    describe_violations,
    neutral_url,
    origin_of,
    run_axe,
    save_axe_report,
    wait_idle,
)
from tests.e2e.test_phone_callers import MIN_TARGET_PX, SMALL_TARGETS
from tests.e2e.test_privacy import NOT_SNAPSHOTTED
from tests.e2e.test_quick_exit import hold_neutral_site, received_screens, release

pytestmark = pytest.mark.e2e
MAX_TAPS = 8
SECRET = "Wolkenkuckucksheim Passwort 42"
FIRST = {
    "Was wurde gesagt oder geschrieben?": "Quappenmoor kriegt dich noch.",
    "Wo ist es passiert?": "Zunderhainer Marktplatz",
    "Internetadresse des Beitrags": "https://social.example/post/Krautfalter9",
    "Wer war es?": "Grimmwaldkauz",
    "Worauf bezog es sich?": "Antwort auf Lurchenbrunn",
}
MORE = {
    "Wer hat es gesehen oder gehört?": "Zeugin Ottilie Brassmoor",
    "Aktenzeichen": "971 Js 40417/26",
    "Was hat es mit Ihnen und Ihrer Familie gemacht?": "Schlafe schlecht seit Knopfwiesel",
    "Was haben Sie zu Ihrem Schutz getan?": "Sperre bei Amsel-Rostbeet beantragt",
    "Beweis 1: Was ist es?": "Screenshot Mauerpfeffer",
    "Wo liegt es?": "Ordner Schnepfental",
}
SECOND = {"Was wurde gesagt oder geschrieben?": "Wir wissen, wo du wohnst, Stelzenkranich."}
CANARIES = [text for fields in (FIRST, MORE, SECOND) for text in fields.values()] + [SECRET]


@dataclass
class Walk:
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    received: list[bytes] = field(default_factory=list)
    repo_before: dict[str, tuple[int, int]] = field(default_factory=dict)
    repo_after: dict[str, tuple[int, int]] = field(default_factory=dict)
    taps: list[int] = field(default_factory=list)
    axe: dict[str, list] = field(default_factory=dict)
    small: dict[str, list] = field(default_factory=dict)
    saved: bytes = b""
    opened_notice: str = ""
    letter: str = ""
    police: bytes = b""
    after_exit: int = 0
    after_exit_texts: list[str] = field(default_factory=list)


def _bytes(payload: bytes | str) -> bytes:
    return payload if isinstance(payload, bytes) else payload.encode("latin-1")


class Tapper:
    def __init__(self, page: Page) -> None:
        self.page, self.count = page, 0

    def tap(self, target: Locator) -> None:
        self.count += 1
        target.click()


def fill(scope: Page | Locator, values: dict[str, str]) -> None:
    for label, text in values.items():
        field_ = scope.get_by_label(label, exact=True).first
        field_.fill(text)
        field_.press("Tab")


def add_incident(page: Page, values: dict[str, str], more: dict[str, str] | None = None) -> int:
    taps = Tapper(page)
    taps.tap(page.get_by_role("button", name="Vorfall aufschreiben", exact=True))
    form = page.get_by_test_id("stForm").first  # the incident's form stands above the file's
    expect(form).to_be_visible()
    fill(form, values)
    if more:
        taps.tap(form.get_by_text("Mehr aufschreiben (freiwillig)", exact=True))
        fill(form, more)
    taps.tap(form.get_by_role("button", name="Vorfall übernehmen", exact=True))
    expect(page.get_by_text("Der Vorfall steht jetzt in Ihrem Fall.", exact=False)).to_be_visible()
    wait_idle(page)
    return taps.count


def check_screen(page: Page, record: Walk, name: str, axe_source: str) -> None:
    wait_idle(page)
    record.axe[name] = run_axe(page, axe_source)
    record.small[name] = page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)


@pytest.fixture(scope="module")
def walk(browser: Browser, server: Server, axe_source: str) -> Iterator[Walk]:
    record = Walk(repo_before=snapshot(REPO, NOT_SNAPSHOTTED))
    context = browser.new_context(viewport=PHONE, locale="de-DE", timezone_id="Europe/Berlin", accept_downloads=True)
    context.set_default_timeout(ACTION_TIMEOUT_MS * 2)  # saving and opening do a second of scrypt each
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("websocket", lambda socket: record.websockets.append(socket.url))
    page.on("websocket", lambda socket: socket.on("framereceived", lambda f: record.received.append(_bytes(f))))
    page.on("framenavigated", lambda frame: record.urls.append(frame.url))
    try:
        held = hold_neutral_site(page)
        page.goto(server.url + "/mein-fall")
        expect(page.get_by_role("heading", level=1, name="Mein Fall")).to_be_visible()
        page.get_by_label("In welchem Bundesland haben Sie Ihr Amt?").click()
        page.get_by_role("option", name="Bayern", exact=True).click()
        wait_idle(page)
        check_screen(page, record, "empty", axe_source)
        record.taps.append(add_incident(page, FIRST, MORE))
        record.taps.append(add_incident(page, SECOND))
        check_screen(page, record, "two-incidents", axe_source)

        secret = page.get_by_label("Passwort für die Datei", exact=True).first
        secret.fill(SECRET)
        secret.press("Tab")  # focus on the field's eye icon: the passphrase must still go with the tap
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Mein Fall sichern", exact=True).click()
        record.saved = Path(info.value.path()).read_bytes()
        assert info.value.suggested_filename == "Mein-Fall.age"

        page.goto(server.url + "/mein-fall")  # start afresh: a new session, nothing on the page
        expect(page.get_by_text("Noch keine Vorfälle.", exact=False)).to_be_visible()
        saved_file = Path(info.value.path())
        page.locator("#lotse-case-file").set_input_files(str(saved_file))
        page.locator("#lotse-case-secret").fill(SECRET)
        page.get_by_role("button", name="Mein Fall öffnen", exact=True).click()
        notice = page.get_by_text("Die Datei ist geöffnet.", exact=False)
        expect(notice).to_be_visible(timeout=60_000)
        record.opened_notice = notice.inner_text()
        wait_idle(page)

        chooser = page.get_by_label("Für welche Vorfälle?")
        for typed in ("Grimmwaldkauz", plain_date(date.today())):  # the second: the one without an author
            chooser.click()
            chooser.press_sequentially(typed)
            chooser.press("Enter")
            wait_idle(page)
        page.keyboard.press("Escape")
        wait_idle(page)
        letter = page.get_by_test_id("stExpander").filter(has_text="Strafantrag für diese Vorfälle")
        letter.get_by_text("Strafantrag für diese Vorfälle", exact=True).click()
        fill(
            letter,
            {
                "Ihr Vor- und Nachname (Pflichtangabe)": "Erika Muster",
                "Ihre Anschrift (Pflichtangabe)": "Rathausplatz 1",
            },
        )
        check_screen(page, record, "letter", axe_source)
        with page.expect_download(timeout=60_000) as info:
            letter.get_by_role("button", name="Brief als PDF speichern").click()
        data = Path(info.value.path()).read_bytes()
        record.letter = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Zeitstrahl für die Polizei (PDF, unverschlüsselt)").click()
        record.police = Path(info.value.path()).read_bytes()
        assert info.value.suggested_filename == "Lotse-Zeitstrahl-fuer-die-Polizei.pdf"

        record.after_exit = len(record.received)
        page.get_by_role("button", name=EXIT_BUTTON, exact=True).click(no_wait_after=True)
        for _ in range(100):
            if "Mein Fall" in received_screens(record.received[record.after_exit :]):
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(500)
        release(page, held)
        record.repo_after = snapshot(REPO, NOT_SNAPSHOTTED)
        yield record
    finally:
        context.close()


def canaries() -> list[str]:
    return sorted(set(CANARIES) | {quote(s) for s in CANARIES} | {quote_plus(s) for s in CANARIES})


def test_an_incident_takes_at_most_eight_taps(walk: Walk) -> None:
    assert walk.taps == [3, 2]
    assert max(walk.taps) <= MAX_TAPS


def test_the_screens_pass_axe_and_keep_targets_large(walk: Walk) -> None:
    save_axe_report("case-phone", walk.axe)
    problems = {screen: blocking(violations) for screen, violations in walk.axe.items()}
    assert not any(problems.values()), describe_violations(problems)
    assert walk.small == {"empty": [], "two-incidents": [], "letter": []}


def test_the_saved_file_is_age_and_opens_again_with_both_incidents(walk: Walk) -> None:
    assert walk.saved.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    case = unseal(walk.saved, SECRET)
    assert isinstance(case, Case) and case.state == "BY"
    assert sorted(i.words for i in case.incidents) == sorted(
        [FIRST["Was wurde gesagt oder geschrieben?"], SECOND["Was wurde gesagt oder geschrieben?"]]
    )
    (first,) = [i for i in case.incidents if i.author]
    assert (first.witnesses, first.reports.aktenzeichen) == (MORE["Wer hat es gesehen oder gehört?"], "971 Js 40417/26")
    assert walk.opened_notice == "Die Datei ist geöffnet. Vorfälle: 2."


def test_the_strafantrag_holds_both_incidents(walk: Walk) -> None:
    assert "Quappenmoor kriegt dich noch." in walk.letter
    assert "Wir wissen, wo du wohnst, Stelzenkranich." in walk.letter
    assert "Grimmwaldkauz" in walk.letter


def test_the_police_timeline_holds_both_incidents_tagged(walk: Walk) -> None:
    reader = PdfReader(io.BytesIO(walk.police))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Quappenmoor kriegt dich noch." in text and "Wir wissen, wo du wohnst, Stelzenkranich." in text
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.trailer["/Root"]["/Lang"] == "de"


def test_every_request_goes_to_the_apps_own_origin(walk: Walk, server: Server) -> None:
    allowed = {server.origin, f"ws://127.0.0.1:{server.port}", None, origin_of(neutral_url())}
    foreign = sorted({url for url in walk.requests + walk.websockets if origin_of(url) not in allowed})
    assert foreign == []


def test_no_canary_in_the_log_any_url_or_a_file(walk: Walk, server: Server) -> None:
    log = server.log.read_text(encoding="utf-8")
    assert "You can now view your Streamlit app" in log, "the server log was not captured"
    assert [s for s in canaries() if s in log] == []
    urls = walk.urls + walk.requests + walk.websockets
    assert len(urls) > 10, "(almost) no URL recorded: the recording is broken"
    assert sorted({f"{s!r} in {url}" for s in canaries() for url in urls if s in url}) == []
    changed = [path for path, stat in walk.repo_after.items() if walk.repo_before.get(path) != stat]
    assert [path for path in changed if not path.endswith(".pyc")] == []
    assert snapshot(server.home) == server.home_before
    assert snapshot(server.tmpdir) == server.tmpdir_before


def test_the_quick_exit_empties_the_page_and_the_session(walk: Walk) -> None:
    after = walk.received[walk.after_exit :]
    assert "Mein Fall" in received_screens(after), "after the exit the server did not answer"
    frames = b"".join(after)
    assert "Noch keine Vorfälle.".encode() in frames
    assert [s for s in canaries() if s.encode("utf-8") in frames] == []
