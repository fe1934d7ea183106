"""On every page: the emergency line (110/112) and the GOV.UK-style "quick exit".

The exit runs in the page itself (Streamlit components v2, no iframe): the button or pressing Shift
three times blanks the page at once, tells the server to clear this session's state and replaces
the page with a neutral website, so "Back" does not lead back here.
"""

from __future__ import annotations

import streamlit as st

NEUTRAL_URL = "https://www.dwd.de/"

_HTML = """
<div class="lotse-bar" role="region" aria-label="Notruf und Seite verlassen">
  <p class="lotse-emergency">
    <strong>Notfall:</strong>
    <a href="tel:110">110 Polizei</a>
    <span aria-hidden="true">·</span>
    <a href="tel:112">112 Rettung</a>
  </p>
  <button type="button" class="lotse-exit" data-exit title="Oder 3-mal die Umschalt-Taste drücken">
    Seite verlassen
  </button>
</div>
"""

_CSS = """
.lotse-bar { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center;
  justify-content: space-between; padding: .5rem .75rem; border-radius: .5rem;
  background: #fef3c7; border: 1px solid #92400e; font-family: inherit; }
.lotse-emergency { margin: 0; color: #1e293b; font-size: 1rem; }
.lotse-emergency a { color: #7c2d12; font-weight: 700; text-decoration: underline; margin-left: .25rem; }
.lotse-exit { background: #b91c1c; color: #ffffff; border: 2px solid #7f1d1d; border-radius: .375rem;
  padding: .4rem .8rem; font-size: 1rem; font-weight: 700; cursor: pointer; min-height: 44px; }
.lotse-exit:focus-visible, .lotse-emergency a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
/* Pinned to the bottom of the screen so that 110 and the exit stay one glance away while scrolling. */
.lotse-bar { position: fixed; left: 0; right: 0; bottom: 0; z-index: 1000100; border-radius: 0;
  border-width: 2px 0 0 0; box-shadow: 0 -2px 6px rgba(0,0,0,.15); }
[data-testid="stMainBlockContainer"] { padding-bottom: 7rem; }
/* Streamlit draws captions at 60 % opacity (about 3.9:1 on white, below WCAG AA). Solid slate-600 is 7.6:1. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #475569 !important; opacity: 1; }
"""

_JS = """
export default function (component) {
  const { parentElement, setTriggerValue, data } = component;
  const leave = () => {
    const cover = document.createElement("div");
    cover.setAttribute("style", "position:fixed;inset:0;background:#fff;z-index:2147483647");
    document.body.appendChild(cover);
    document.title = "";
    setTriggerValue("exit", true);
    // Streamlit sends the trigger from a zero-delay timer. Navigating right away could unload the page
    // before that timer runs, and the server would never clear the answers. A later zero-delay timer
    // runs after it (timers run in order); the page is already blank meanwhile.
    setTimeout(() => window.location.replace(data.url), 0);
  };
  parentElement.querySelector("[data-exit]").addEventListener("click", leave);
  if (window.__lotseShiftHandler) {
    window.removeEventListener("keydown", window.__lotseShiftHandler);
  }
  let presses = [];
  window.__lotseShiftHandler = (event) => {
    if (event.key !== "Shift" || event.repeat) { presses = []; return; }
    const now = Date.now();
    presses = presses.filter((t) => now - t < 2000).concat(now);
    if (presses.length >= 3) { leave(); }
  };
  window.addEventListener("keydown", window.__lotseShiftHandler);
}
"""

_bar = st.components.v2.component("lotse_safety_bar", html=_HTML, css=_CSS, js=_JS, isolate_styles=False)


def _clear_session() -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def safety_bar() -> None:
    """Render the emergency line and quick exit. Call once per run, before the page content."""
    _bar(key="safety_bar", data={"url": NEUTRAL_URL}, on_exit_change=_clear_session)
