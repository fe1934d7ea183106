"""One driver for the AppTest tests of every page: start the app, click, answer, and read what a person
would see (titles, headings, the plan, the call buttons, the cards) in the order of the page.

The shipped content is loaded once per process, lazily (`shipped`), so a broken file fails the tests
that need it instead of stopping collection.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from lotse.content.loader import Content
from lotse.content.schema import QuestionNode
from lotse.guide.wizard import WizardState, begin, show_result, submit
from tests.documents_helpers import shipped_content
from ui.guide import STATE_KEY

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PLAN_ITEM = re.compile(r"(\d+)\. (.+)")
ROLE = "role"
"""The first question (who uses Lotse), answered by the start page's buttons: "Start" for oneself (what a
walk without it means), `start_<value>` for the others."""


def shipped() -> Content:
    return shipped_content()


def copy_content(target: Path) -> Path:
    """A copy of the shipped content files under `target`, to change one of them in a test."""
    for name in ("flows", "texts"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "providers.yaml", target / "providers.yaml")
    return target


def registered_pages() -> list[str]:
    """Every page script app.py registers, so a new page is smoke-tested without editing a test."""
    return re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def fresh_app() -> AppTest:
    return ok(AppTest.from_file(APP, default_timeout=30).run())


def page(script: str) -> AppTest:
    at = fresh_app()
    at.switch_page(script).run()
    return ok(at)


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    return ok(at)


# --- the wizard -----------------------------------------------------------------------------------


def answer(at: AppTest, node: str, value: str | list[str], day: date | None = None) -> AppTest:
    """Choose on the screen of `node` (all listed options of a multiple-choice question), type `day`
    into the date asked with that answer, and go on."""
    if isinstance(value, list):
        for option in value:
            at.checkbox(key=f"q_{node}_{option}").check()
    else:
        at.radio(key=f"q_{node}").set_value(value)
    if day is not None:  # the date field appears with the answer: let the page show it first
        ok(at.run())
        asked = shipped().questions()[node].date_for(value)
        assert asked is not None, f"'{node}' asks no date with '{value}'"
        ok(at.date_input(key=f"q_{node}_date_{asked.use}").set_value(day).run())
    return click(at, f"next_{node}")


def start_key(role: str | None = None) -> str:
    """The start page's button for `role`: "Start" (key `start`) for oneself, `start_<role>` for the others."""
    return "start" if role in (None, shipped().questions()[ROLE].default) else f"start_{role}"


def started(role: str | None = None) -> AppTest:
    """Started with the button for `role` (for oneself unless given): on 'Was ist passiert?'."""
    return click(fresh_app(), start_key(role))


def walk(answers: dict[str, Any], dates: dict[str, date] | None = None) -> AppTest:
    """Start with the button for the answers' role and answer every screen the answers reach (an info
    screen is passed with its button), in flow order, up to the check page; `dates` holds the day to type
    on a question's screen."""
    at = click(fresh_app(), start_key(answers.get(ROLE)))
    for _ in range(20):
        screen = at.session_state["wizard"].screen
        if screen.startswith("#"):
            return at
        if screen in answers:
            answer(at, screen, answers[screen], (dates or {}).get(screen))
        elif screen in shipped().questions():
            raise AssertionError(f"no answer for '{screen}'")
        else:
            click(at, f"next_{screen}")
    raise AssertionError("the walk did not reach the check page")


def walk_to_result(answers: dict[str, Any], dates: dict[str, date] | None = None) -> AppTest:
    return click(walk(answers, dates), "show_result")


def walked(answers: dict[str, Any], dates: dict[str, date] | None = None) -> WizardState:
    """The wizard's state on the check page after `answers`, made by the core's own steps."""
    content, state = shipped(), begin(shipped(), answers.get(ROLE))
    for _ in range(30):
        if state.screen.startswith("#"):
            return state
        asked = isinstance(content.flow.nodes[state.screen], QuestionNode)
        if asked and state.screen not in answers:
            raise AssertionError(f"no answer for '{state.screen}'")
        value = answers.get(state.screen) if asked else None
        state = submit(content, state, value, (dates or {}).get(state.screen))
    raise AssertionError("the answers did not reach the check page")


def result_page(answers: dict[str, Any], dates: dict[str, date] | None = None) -> AppTest:
    """The result page for `answers` in one run, as if the person had walked there (for tests of the
    result page; `walk_to_result` taps through every screen)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state[STATE_KEY] = show_result(shipped(), walked(answers, dates))
    return ok(at.run())


# --- the advisor page ----------------------------------------------------------------------------


def advise(at: AppTest, answers: dict[str, Any]) -> AppTest:
    """On the advisor page, give the answers there is a field for, all in one run (as quick taps land
    before the page answers), then those of the fields that appeared with them."""
    pending = dict(answers)
    while pending:
        given = [key for key in pending if _advisor_field_set(at, key, pending[key])]
        assert given, f"no field on the page for {sorted(pending)}"
        for key in given:
            del pending[key]
        ok(at.run())
    return at


def _advisor_field_set(at: AppTest, key: str, value: str | list[str]) -> bool:
    if isinstance(value, list):
        boxes = {box.key: box for box in at.checkbox}
        wanted = [boxes.get(f"adv_q_{key}_{option}") for option in value]
        for box in wanted:
            if box is not None:
                box.set_value(True)
        return all(box is not None for box in wanted)
    widgets = [w for w in [*at.radio, *at.selectbox] if w.key == f"adv_q_{key}"]
    if widgets:
        widgets[0].set_value(value)
    return bool(widgets)


def title(at: AppTest) -> str:
    return at.title[0].value


def texts(at: AppTest) -> str:
    """Every text on the page, in no particular order."""
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader] + [e.value for e in at.error] + [c.value for c in at.caption]
    parts += [e.label for e in at.expander] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [visible_text(node.value) for node in in_order(at) if node.type == "html"]
    return "\n".join(parts)


def visible_text(html: str) -> str:
    """The text of an HTML block as a person reads it: tags dropped, entities resolved."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).strip()


# --- the page in order ----------------------------------------------------------------------------


def in_order(at: AppTest | Any) -> Iterator[Any]:
    """Every element of the main area (or of one block, such as an expander), depth first: the order a
    person reads them in."""

    def visit(node: Any) -> Iterator[Any]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from visit(child)

    yield from visit(at.main if isinstance(at, AppTest) else at)


@dataclass(frozen=True)
class Link:
    label: str
    href: str | None
    kind: str


class _LinkRow(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[Link] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = str(dict(attrs).get("class") or "").split()
        if tag == "a" and "lotse-action" in classes:  # a button; a card's website or source is a plain link
            self._open = dict(attrs)
            self.links.append(Link("", self._open.get("href"), classes[-1]))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            last = self.links[-1]
            self.links[-1] = Link(last.label + data, last.href, last.kind)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None


def links_in(html: str) -> list[Link]:
    """The buttons (call, write) in a block of HTML: a row, a card or "Auf einen Blick"."""
    row = _LinkRow()
    row.feed(html)
    return row.links


def is_action_row(node: Any) -> bool:
    """A row of call, write or print buttons: plain HTML links, or the print component."""
    if node.type == "html":
        return 'class="lotse-actions"' in node.value
    return node.type == "bidi_component" and node.proto.component_name == "lotse_actions"


def actions(node: Any) -> list[Link]:
    """The call, write and print buttons of one row (see `is_action_row`)."""
    if node.type == "html":
        return links_in(node.value)
    data = json.loads(node.proto.json or "{}")
    return [Link(a["label"], a["href"], a["kind"]) for a in data.get("actions", [])]


def page_outline(at: AppTest) -> list[tuple[str, str]]:
    """(kind, text) for headings, plan items, folded steps, buttons and call links, in page order."""
    outline: list[tuple[str, str]] = []
    for node in in_order(at):
        kind = node.type
        if kind in {"title", "header"} or (kind == "subheader" and not PLAN_ITEM.fullmatch(node.value)):
            outline.append((kind, node.value))
        elif kind == "subheader" and PLAN_ITEM.fullmatch(node.value):
            outline.append(("plan", node.value))
        elif kind == "expander":
            outline.append(("expander", node.label))
        elif kind == "button":
            outline.append(("button", node.label))
        elif kind == "html" and GLANCE.match(node.value):
            outline.append(("glance", unescape(GLANCE.match(node.value).group(1))))
            outline += [("link", f"{link.label} -> {link.href}") for link in actions(node)]
        elif is_action_row(node):
            outline += [("link", f"{link.label} -> {link.href}") for link in actions(node)]
    return outline


def plan_titles(at: AppTest) -> list[str]:
    """The titles of the plan ("Jetzt tun"), numbered 1, 2, …"""
    items = [PLAN_ITEM.fullmatch(text) for kind, text in page_outline(at) if kind == "plan"]
    return [match.group(2) for match in items if match]


def folded_titles(at: AppTest) -> list[str]:
    """The titles under "Mehr dazu" (folded steps)."""
    return [label[2:-2] for label in (e.label for e in at.expander) if label.startswith("**")]


GLANCE = re.compile(r'<section class="lotse-glance" aria-label="[^"]*"><h2>([^<]+)</h2>')
"""ui/cards.py's "Auf einen Blick": one HTML block at the top of a result."""
CARD_NAME = re.compile(r'<div class="lotse-card"><h3 class="lotse-card-name">([^<]+)</h3>')


def cards(at: AppTest) -> list[str]:
    """The contact cards (ui/cards.py: one HTML block each), in page order, folded ones included."""
    return [node.value for node in in_order(at) if node.type == "html" and CARD_NAME.match(node.value)]


def card_names(at: AppTest) -> list[str]:
    """The contact cards' names (HTML-escaped as on the page: "&amp;" for "&")."""
    return [unescape(match.group(1)) for card in cards(at) if (match := CARD_NAME.match(card))]
