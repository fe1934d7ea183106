"""Buttons that are links: call (`tel:`), write (`mailto:`), and print. Streamlit's own link button
opens a new tab, which a phone's dialer does not need; these are plain links in the page.

Call and write rows are plain HTML (`st.html`, sanitised by Streamlit, no script): label and address
are escaped, and only `tel:` and `mailto:` addresses are accepted. They are not a component because
every Streamlit component costs the server about a millisecond each time a session's state is scanned,
and a result page has a row per contact. Print needs a script, so it is one small component (Streamlit
components v2, no iframe) that sets `textContent` and `href`, never HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Literal

import streamlit as st

Kind = Literal["emergency", "primary", "secondary"]


@dataclass(frozen=True)
class Action:
    label: str
    href: str | None = None
    """A `tel:` or `mailto:` address; None for the print button."""
    kind: Kind = "secondary"

    def __post_init__(self) -> None:
        if self.href is not None and not self.href.startswith(("tel:", "mailto:")):
            raise ValueError(f"not a call or mail address: {self.href!r}")


ACTION_CSS = """
.lotse-actions { display: flex; flex-wrap: wrap; gap: .5rem; }
.lotse-action { display: inline-flex; align-items: center; justify-content: center; box-sizing: border-box;
  min-height: 44px; min-width: 44px; padding: .5rem 1rem; border-radius: .5rem; border: 2px solid #1d4ed8;
  background: #ffffff; color: #1d4ed8; font: inherit; font-size: 1rem; font-weight: 600; line-height: 1.3;
  text-decoration: none; cursor: pointer; }
.lotse-action:hover { background: #eff6ff; }
.lotse-action.primary { background: #1d4ed8; color: #ffffff; }
.lotse-action.emergency { background: #b91c1c; border-color: #7f1d1d; color: #ffffff; width: 100%;
  min-height: 3.5rem; font-size: 1.375rem; font-weight: 700; }
.lotse-action:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
@media print { .lotse-actions { display: none; } }
"""

_JS = """
export default function (component) {
  const { parentElement, data } = component;
  let box = parentElement.querySelector(".lotse-actions");
  if (!box) {
    box = document.createElement("div");
    box.className = "lotse-actions";
    parentElement.appendChild(box);
  }
  box.replaceChildren();
  for (const action of data.actions) {
    const el = document.createElement(action.href ? "a" : "button");
    if (action.href) {
      el.href = action.href;
    } else {
      el.type = "button";
      el.onclick = () => window.print();
    }
    el.className = "lotse-action " + action.kind;
    el.textContent = action.label;
    box.appendChild(el);
  }
}
"""

_actions = st.components.v2.component("lotse_actions", css=ACTION_CSS, js=_JS, isolate_styles=False)


def action_links(actions: list[Action], key: str) -> None:
    """Draw `actions` as a row of buttons (links); `key` must be unique on the page. The styles come
    with the safety bar, which is on every page (ui/chrome.py)."""
    if all(action.href for action in actions):
        st.html(links_html(actions))
        return
    data = {"actions": [{"label": a.label, "href": a.href, "kind": a.kind} for a in actions]}
    _actions(key=key, data=data)


def links_html(actions: list[Action]) -> str:
    links = "".join(
        f'<a class="lotse-action {action.kind}" href="{escape(action.href or "")}">{escape(action.label)}</a>'
        for action in actions
    )
    return f'<div class="lotse-actions">{links}</div>'
