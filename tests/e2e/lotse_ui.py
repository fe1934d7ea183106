"""Helpers for the browser tests: page discovery, waiting for Streamlit, screenshots, axe-core and a
driver for the self-guided wizard that speaks in the content's own terms (question ids, option values).

Every wait here is bounded: Playwright's default timeouts are set per browser context in conftest.py,
and the explicit waits below pass their own limits.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.source_util import page_icon_and_name

from lotse.content.loader import Content
from lotse.content.schema import InfoNode, QuestionNode
from lotse.guide.wizard import CHECK, RESULT

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP: dict[str, int] = {"width": 1280, "height": 800}
PHONE: dict[str, int] = {"width": 390, "height": 844}
VIEWPORTS: dict[str, dict[str, int]] = {"desktop": DESKTOP, "phone": PHONE}

ACTION_TIMEOUT_MS = 15_000
NAVIGATION_TIMEOUT_MS = 30_000
SCREENSHOT_MAX_HEIGHT = 12_000

START_TITLE = "Lotse: Ihr Wegweiser bei Hass, Bedrohung und Angriffen"
CHECK_TITLE = "Ihre Angaben prüfen"
RESULT_TITLE = "Ihr Plan"
STEPS_HEADING = "Jetzt tun"
ROLE = "role"
"""The first question: who uses Lotse (`self` for oneself, `municipality` for the municipality or council)."""
CONTACTS_HEADING = "Passende Ansprechstellen"
EMERGENCY_BOX_TEXT = "Sie sind in Gefahr: Rufen Sie jetzt die Polizei unter 110."
CALL_110 = "110 anrufen"
GLANCE_HEADING = "Auf einen Blick"
ALL_CONTACTS = "Alle Kontakte zeigen"
SAFE = "Ich bin in Sicherheit – weiter"
EXIT_BUTTON = "Seite verlassen"


# --- what the page asks of the server -------------------------------------------------------------


@dataclass(frozen=True)
class Rerun:
    """A rerun the page asked the server for (a Streamlit BackMsg the page sent)."""

    history_navigation: bool
    """Streamlit's own rerun after a change of the browser's history, sent without any widget value."""
    triggers: tuple[str, ...]
    """The components' trigger values (JSON), e.g. '[{"event":"exit","value":true}]'."""


def record_reruns(page: Page) -> list[Rerun]:
    """Collect, in order, every rerun the page sends on any of its websockets."""
    reruns: list[Rerun] = []

    def on_frame(payload: bytes | str) -> None:
        message = BackMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode("latin-1"))
        if message.WhichOneof("type") == "rerun_script":
            rerun = message.rerun_script
            triggers = tuple(
                w.json_trigger_value for w in rerun.widget_states.widgets if w.HasField("json_trigger_value")
            )
            reruns.append(Rerun(rerun.is_history_navigation, triggers))

    def on_socket(socket: WebSocket) -> None:
        socket.on("framesent", on_frame)

    page.on("websocket", on_socket)
    return reruns


# --- pages registered in app.py ------------------------------------------------------------------


@dataclass(frozen=True)
class RegisteredPage:
    script: str
    title: str
    url_path: str
    """"" for the default page, which Streamlit serves at the root URL."""

    @property
    def slug(self) -> str:
        return self.url_path or "start"


def discover_pages(app_py: Path = REPO / "app.py") -> list[RegisteredPage]:
    """Every `st.Page("<script>", ...)` in app.py with the URL path Streamlit gives it.

    Parsed rather than imported (importing app.py would run Streamlit). A page whose script is not a
    string literal cannot be discovered and is an error, so no page silently escapes the tests.
    """
    tree = ast.parse(app_py.read_text(encoding="utf-8"), filename=str(app_py))
    pages: list[RegisteredPage] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page"):
            continue
        if not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            raise ValueError(f"app.py:{node.lineno}: st.Page without a literal script path cannot be tested")
        script = node.args[0].value
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        literal = {name: ast.literal_eval(value) for name, value in keywords.items() if isinstance(value, ast.Constant)}
        inferred = page_icon_and_name(Path(script))[1]
        if literal.get("default"):
            url_path = ""
        elif literal.get("url_path") is not None:
            url_path = str(literal["url_path"]).strip().strip("/")
        else:
            url_path = inferred
        title = str(literal.get("title") or _title_from_texts(keywords.get("title")) or inferred.replace("_", " "))
        pages.append(RegisteredPage(script=script, title=title, url_path=url_path))
    pages.sort(key=lambda p: (p.url_path != "", p.url_path))
    return pages


def _title_from_texts(node: ast.expr | None) -> str | None:
    """A page title written as `titles["advisor"]` in app.py: its words in texts/de.yaml (`app.pages`)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        pages = yaml.safe_load((REPO / "texts" / "de.yaml").read_text(encoding="utf-8"))["app"]["pages"]
        return str(pages[node.slice.value])
    return None


def neutral_url(chrome_py: Path = REPO / "ui" / "chrome.py") -> str:
    """NEUTRAL_URL from ui/chrome.py, read without importing it (the import would register a component)."""
    for node in ast.parse(chrome_py.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "NEUTRAL_URL" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise LookupError("NEUTRAL_URL not found in ui/chrome.py")


# --- waiting and screenshots -----------------------------------------------------------------------

_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning'
    && app.dataset.testConnectionState === 'CONNECTED'
    && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]');
}"""


def wait_idle(page: Page, timeout_ms: int = ACTION_TIMEOUT_MS) -> None:
    """Wait until the script run has finished and every element is rendered (no stale or skeleton).

    Call it after the new screen's heading is visible: right after a click, the old screen is still
    "idle" for a moment.
    """
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)


def show_all_contacts(page: Page) -> None:
    """Unfold "Alle Kontakte zeigen" (the contacts below the three that fit best), if the page has it."""
    folded = page.locator("details", has=page.locator("summary", has_text=ALL_CONTACTS))
    if folded.count() and folded.first.get_attribute("open") is None:
        folded.first.locator("summary").click()
        expect(folded.first).to_have_attribute("open", "")


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def sanitize(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


@dataclass
class Shots:
    """Numbered full-length screenshots of each screen: test-artifacts/screenshots/<test>/<nn>-<screen>.png."""

    page: Page
    folder: Path
    count: int = 0
    paths: list[Path] = field(default_factory=list)

    def take(self, screen: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{sanitize(screen)}.png"
        full_screenshot(self.page, path)
        self.paths.append(path)
        return path


def full_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls inside <main>, so a "full page" shot would stop at the viewport: make the
    viewport as tall as the content for the shot, then restore it."""
    size = page.viewport_size or DESKTOP
    height = page.evaluate(
        """() => { const main = document.querySelector('[data-testid="stMain"]');
                   return Math.ceil(main ? main.scrollHeight : document.documentElement.scrollHeight); }"""
    )
    tall = min(max(int(height), size["height"]), SCREENSHOT_MAX_HEIGHT)
    path.parent.mkdir(parents=True, exist_ok=True)
    if tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": tall})
        try:
            page.screenshot(path=str(path))
        finally:
            page.set_viewport_size(size)
    else:
        page.screenshot(path=str(path))


# --- axe-core --------------------------------------------------------------------------------------

BLOCKING_IMPACTS = ("serious", "critical")

EXCLUDED_AXE_RULES: dict[str, str] = {}
"""Rules switched off, each with the reason (mirrored in docs/accessibility.md). Empty: none excluded."""


def run_axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core on the whole document; return its violations as id, impact, help and node targets."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated over the DevTools protocol: an inline <script> tag would be refused by the page's
        # Content-Security-Policy (serve.py), which allows no inline scripts.
        page.evaluate(axe_source + "\n;undefined")
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in EXCLUDED_AXE_RULES}}
    return page.evaluate(
        """async (options) => {
             const results = await window.axe.run(document, options);
             return results.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '))
             }));
           }""",
        options,
    )


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(per_screen: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for screen, violations in per_screen.items():
        for v in violations:
            lines.append(f"{screen}: {v['id']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {target}" for target in v["nodes"][:10])
    return "\n".join(lines)


def save_axe_report(name: str, per_screen: dict[str, list[dict[str, Any]]]) -> Path:
    path = ARTIFACTS / "axe" / f"{sanitize(name)}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(per_screen, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- origins ---------------------------------------------------------------------------------------


def origin_of(url: str) -> str | None:
    """scheme://host:port of a URL; blob: URLs carry their creator's origin; data: URLs have none."""
    if url.startswith("blob:"):
        url = url.removeprefix("blob:")
    parts = urlsplit(url)
    if parts.scheme == "data":
        return None
    port = parts.port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(parts.scheme)
    return f"{parts.scheme}://{parts.hostname}:{port}"


# --- the wizard ------------------------------------------------------------------------------------


def option_name(question: QuestionNode, value: str) -> str:
    """The visible label of an option, which must also be its accessible name."""
    option = next(o for o in question.options if o.value == value)
    return f"{option.label} ({option.hint})" if option.hint else option.label


@dataclass
class Wizard:
    """Drives app_pages/guide.py with the mouse. Screens are named as in lotse.guide.wizard: start, a node id,
    "check" or "result"."""

    page: Page
    content: Content
    shots: Shots | None = None
    urls: list[str] = field(default_factory=list)
    """page.url after every screen, for the privacy checks."""

    # navigation
    def open(self, base_url: str) -> None:
        self.page.goto(base_url + "/")
        self.expect_start()

    def h1(self, text: str) -> Locator:
        return self.page.get_by_role("heading", level=1, name=text, exact=True)

    def arrived(self, title: str, screen: str) -> None:
        expect(self.h1(title)).to_be_visible()
        wait_idle(self.page)
        self.urls.append(self.page.url)
        if self.shots:
            self.shots.take(screen)

    def expect_start(self) -> None:
        self.arrived(START_TITLE, "start")

    def expect_screen(self, node_id: str) -> None:
        node = self.content.flow.nodes[node_id]
        if isinstance(node, QuestionNode):
            self.arrived(node.text, f"question-{node_id}")
        elif isinstance(node, InfoNode):
            self.arrived(node.title, f"info-{node_id}")
        else:
            raise AssertionError(f"{node_id} is not a question or info screen")

    def expect_check(self) -> None:
        self.arrived(CHECK_TITLE, CHECK)

    def expect_result(self) -> None:
        self.arrived(RESULT_TITLE, RESULT)

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def start(self, role: str = "self") -> None:
        """Start with the start page's button for `role` (who uses Lotse): "Start" for oneself, the
        option's label for the others; the first screen is "Was ist passiert?"."""
        question = self.content.questions()[ROLE]
        self.button("Start" if role == question.default else question.label_of(role)).click()
        self.expect_screen("incident")

    def next(self) -> None:
        """The forward button of the screen: "Weiter", on the emergency screen "Ich bin in Sicherheit – weiter"."""
        self.page.locator("[class*='st-key-next_'] button").click()

    def back(self) -> None:
        self.button("Zurück").click()

    # answers
    def option(self, node_id: str, value: str) -> Locator:
        question = self.content.questions()[node_id]
        role = "checkbox" if question.multiple else "radio"
        return self.page.get_by_role(role, name=option_name(question, value), exact=True)

    def choose(self, node_id: str, value: str | list[str]) -> None:
        """Tick exactly these options (click on the visible label, as a person does)."""
        question = self.content.questions()[node_id]
        wanted = value if isinstance(value, list) else [value]
        if question.multiple:
            for option in question.options:
                box = self.option(node_id, option.value)
                if box.is_checked() != (option.value in wanted):
                    self.page.locator("label", has=box).click()
                    expect(box).to_be_checked(checked=option.value in wanted)
        else:
            radio = self.option(node_id, wanted[0])
            self.page.locator("label", has=radio).click()
            expect(radio).to_be_checked()

    def type_date(self, label: str, day: date) -> None:
        """Type `day` into the date field called `label` (day, month, year), as a person does on a phone;
        Escape closes the calendar that opens with the field on a desktop."""
        self.page.get_by_role("group", name=label, exact=True).get_by_role("spinbutton").first.click()
        self.page.keyboard.type(f"{day:%d%m%Y}")
        self.page.keyboard.press("Escape")
        wait_idle(self.page)

    def expect_chosen(self, node_id: str, value: str | list[str]) -> None:
        for v in value if isinstance(value, list) else [value]:
            expect(self.option(node_id, v)).to_be_checked()

    def answer(self, node_id: str, value: str | list[str]) -> None:
        """On the screen of `node_id`: choose and go on (the next screen is checked by the caller)."""
        self.choose(node_id, value)
        self.next()

    def change(self, node_id: str) -> None:
        """ "Ändern" next to one answer on the check page."""
        self.page.locator(f".st-key-check_change_{node_id}").get_by_role("button").click()
        self.expect_screen(node_id)

    def show_result(self) -> None:
        self.button("Ergebnis anzeigen").click()
        self.expect_result()

    # assertions on screens
    def assert_check_lists(self, answers: dict[str, str | list[str]]) -> None:
        """The check page shows every question on the path with the labels of the chosen options."""
        questions = self.content.questions()
        answers = {ROLE: "self", **answers}  # the first question, answered for oneself unless given
        for key, value in answers.items():
            row = self.page.locator(f".st-key-check_change_{key}").locator(
                "xpath=ancestor::*[@data-testid='stHorizontalBlock'][1]"
            )
            expect(row).to_contain_text(questions[key].text)
            for v in value if isinstance(value, list) else [value]:
                expect(row).to_contain_text(questions[key].label_of(v))
        rows = self.page.locator("[class*='st-key-check_change_']")
        expect(rows).to_have_count(len(answers))


def ordered(haystack: str, needles: list[str]) -> list[str]:
    """The needles missing from haystack, searching each after the previous one (so order matters)."""
    missing, position = [], 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(needle)
        else:
            position = found + len(needle)
    return missing
