"""On every page: the emergency line (110/112), the GOV.UK-style "quick exit", the page language and
Streamlit's own labels in the language of texts/de.yaml, and the page-wide style (touch targets, focus,
print).

The same component marks the wizard's screen (focus on its heading, the browser's Back; ui/screen.py).
The exit runs in the page itself (Streamlit components v2, no iframe): the button or pressing Shift
three times blanks the page at once, tells the server to clear this session's state and replaces
the page with a neutral website, so "Back" does not lead back here.

Every word comes from the content (`texts.bar`, escaped into the bar's HTML; `texts.streamlit`, set
with `textContent` and `setAttribute`, never as HTML).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

import streamlit as st

from lotse.content.texts import Texts
from ui import screen
from ui.actions import ACTION_CSS

NEUTRAL_URL = "https://www.dwd.de/"
PAGE_ICON = "/app/static/favicon.png"
"""The page icon as an address of the app's static folder (`server.enableStaticServing`): Streamlit passes
such an address on as it is, where a file path would be opened, checked and put into its media store in
every run. The guard (deploy/guard.py) lets exactly this file through."""
KEY = "safety_bar"

_HTML = """
<div class="lotse-bar" role="region" aria-label="{region}">
  <p class="lotse-emergency">
    <strong>{emergency}</strong>
    <a href="tel:110">{police}</a>
    <a href="tel:112">{rescue}</a>
  </p>
  <button type="button" class="lotse-exit" data-exit title="{exit_hint}">{exit}</button>
</div>
"""
"""The bar with its words (escaped) in place, so it is never, not even for a moment, without names."""

_CSS = """
.lotse-bar { display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: center;
  justify-content: space-between; padding: .25rem .75rem; background: #fef3c7; font-family: inherit;
  position: fixed; left: 0; right: 0; bottom: 0; z-index: 1000100;
  border-top: 2px solid #92400e; box-shadow: 0 -2px 6px rgba(0,0,0,.15); }
.lotse-emergency { margin: 0; color: #1e293b; font-size: 1rem; display: flex; align-items: center;
  gap: .25rem .5rem; flex-wrap: wrap; }
.lotse-emergency a { color: #7c2d12; font-weight: 700; text-decoration: underline; display: inline-flex;
  align-items: center; min-height: 44px; min-width: 44px; padding: 0 .375rem; }
.lotse-exit { background: #b91c1c; color: #ffffff; border: 2px solid #7f1d1d; border-radius: .375rem;
  padding: .4rem .8rem; font-size: 1rem; font-weight: 700; cursor: pointer; min-height: 44px; }
.lotse-exit:focus-visible, .lotse-emergency a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
/* On a phone the bar is one row (110, 112, the exit): "Notfall:" stays for screen readers only. */
@media (max-width: 460px) {
  .lotse-emergency strong { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; }
  .lotse-emergency a { padding: 0 .25rem; }
  .lotse-exit { padding: .4rem .6rem; }
}
/* The bar is pinned to the bottom, so 110 and the exit stay one glance away while scrolling. The page
   scrolls above it (its height, --lotse-bar-height, is set by the bar's script), so nothing on the page
   can sit under the bar. Keyboard focus scrolls clear of Streamlit's header at the top. */
[data-testid="stMain"] { bottom: var(--lotse-bar-height, 7rem); height: auto; }
[data-testid="stMainBlockContainer"] { padding-top: 4rem; padding-bottom: 3rem; }
html, [data-testid="stMain"], [data-testid="stSidebarContent"] { scroll-padding: 4.5rem 0 1rem 0; }
[data-testid="stSidebarContent"] { padding-bottom: var(--lotse-bar-height, 7rem); }
/* Streamlit draws captions at 60 % opacity (about 3.9:1 on white, below WCAG AA). Solid slate-600 is 7.6:1. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #475569 !important; opacity: 1; }
/* Touch targets of at least 44 × 44 px (WCAG 2.5.5), as docs/accessibility.md promises. */
[data-testid="stMain"] button, [data-testid="stSidebar"] button, [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapsedControl"] button, [data-testid="stMain"] [data-testid="stLinkButton"] a,
[data-testid="stDateInput"] button { min-height: 44px; min-width: 44px; }
/* Answers: the whole row is the target, at least 44 px high, drawn as a box, 8 px or more apart. */
[data-testid="stMain"] [data-testid="stRadioGroup"] { gap: .5rem; width: 100%; }
[data-testid="stMain"] [data-testid="stRadio"], [data-testid="stMain"] [data-testid="stRadioGroup"] > div,
[data-testid="stMain"] [data-testid="stCheckbox"],
[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stRadio"], > [data-testid="stCheckbox"]) {
  width: 100%; max-width: none; }
[data-testid="stMain"] [data-testid="stRadioOption"], [data-testid="stMain"] [data-testid="stCheckbox"] > label {
  display: flex; align-items: center; width: 100%; min-height: 44px; box-sizing: border-box; margin: 0;
  padding: .375rem .75rem; border: 1px solid #94a3b8; border-radius: .5rem; background: #ffffff; }
[data-testid="stMain"] [data-testid="stRadioOption"][data-selected],
[data-testid="stMain"] [data-testid="stCheckbox"] > label[data-selected] {
  border: 2px solid #1d4ed8; background: #eff6ff; }
[data-testid="stMain"] [data-testid="stRadioOption"] p, [data-testid="stMain"] [data-testid="stCheckbox"] p {
  margin: 0; font-size: 1rem; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stCheckbox"])
  + [data-testid="stElementContainer"]:has(> [data-testid="stCheckbox"]) { margin-top: -.5rem; }
/* Forward and back (ui/guide.py): one row, forward wider; on a phone forward above back, full width. */
[class*="st-key-nav_row_"] > div:first-child { flex: 1.6 1 0 !important; }
[class*="st-key-nav_row_"] > div:last-child { flex: 1 1 0 !important; }
@media (max-width: 640px) {
  [class*="st-key-nav_row_"] > div:first-child, [class*="st-key-nav_row_"] > div:last-child {
    flex: 1 1 100% !important; }
}
/* The answers on the check page and under the plan (ui/views.py): one row each, the answer as wide as
   the first of two columns 4 : 1 were (Streamlit: 80 % less half the 1rem gap), its change button after
   it; on a phone the button below the answer, as columns stack there. */
[class*="_answer_row_"] > div:first-child { flex: 0 0 calc(80% - .5rem) !important; }
@media (max-width: 640px) {
  [class*="_answer_row_"] { flex-wrap: wrap !important; }
  [class*="_answer_row_"] > div:first-child { flex: 1 1 100% !important; }
}
/* The date field: its parts and the calendar's days 44 px. */
[data-testid="stDateInputField"] { min-height: 44px; }
[role="grid"] [role="gridcell"] [role="button"] { min-width: 44px; min-height: 44px; display: flex;
  align-items: center; justify-content: center; }
[data-testid="stMain"] details summary { min-height: 44px; display: flex; align-items: center; }
/* While a fold grows (content that came after it opened, like a letter's form), Streamlit clips it with
   overflow: hidden, which a scroll into view (a focus, a test's tap) can scroll; the growing box then
   pulls its content back under the finger and the tap is lost. clip cannot be scrolled. */
[data-testid="stExpander"] details[style*="overflow"] { overflow: clip !important; }
[data-testid="stSidebarNav"] a { min-height: 44px; }
[data-testid="stSkipToContent"] { min-height: 44px; display: inline-flex; align-items: center; }
/* Headings fit a phone: the start page's title in three lines, not five. */
@media (max-width: 640px) {
  [data-testid="stMain"] h1 { font-size: 2rem; }
  [data-testid="stMain"] h2 { font-size: 1.5rem; }
}
/* "Auf einen Blick" and the contact cards (ui/cards.py): one block of HTML each. */
.lotse-glance { border: 2px solid #1d4ed8; border-radius: .5rem; padding: .75rem 1rem; background: #f8fafc; }
.lotse-glance h2 { font-size: 1.5rem; padding: 0 0 .5rem 0; margin: 0; }
.lotse-glance ol, .lotse-glance ul { margin: 0 0 .5rem 0; padding-left: 1.5rem; }
.lotse-glance li { margin: 0 0 .75rem 0; }
.lotse-glance li p { margin: 0 0 .25rem 0; font-weight: 600; }
.lotse-glance .lotse-actions { margin-bottom: .5rem; }
.lotse-card { border: 1px solid #cbd5e1; border-radius: .5rem; padding: .75rem 1rem; }
.lotse-card h3.lotse-card-name { font-size: 1.1rem; padding: 0 0 .25rem 0; margin: 0; }
.lotse-card p { margin: 0 0 .5rem 0; }
.lotse-card .lotse-actions { margin-bottom: .5rem; }
.lotse-card-meta, .lotse-card-source { color: #475569; font-size: .875rem; }
.lotse-card-web a, .lotse-glance-numbers a:not(.lotse-action) { display: inline-flex; align-items: center;
  min-height: 44px; }
/* Step titles inside the plan's boxes: headings for screen readers, sized like the text around them. */
[class*="_plan_"] h3, [class*="_own_"] h3 { font-size: 1.2rem; padding-top: 0; }
/* What only the printout shows (the whole result unfolded); the screen shows the interactive version. */
[class*="st-key-print_only"] { display: none; }
@media print {
  .lotse-bar, [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stSkipToContent"],
  [class*="st-key-screen_only"] { display: none !important; }
  [class*="st-key-print_only"] { display: block !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; overflow: visible !important; position: static !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  a { color: #000000; }
}
"""

_JS = """
export default function (component) {
  const { parentElement, setTriggerValue, data } = component;
  const config = DATA;
  document.documentElement.lang = config.lang;

  const leave = () => {
    const cover = document.createElement("div");
    cover.setAttribute("style", "position:fixed;inset:0;background:#fff;z-index:2147483647");
    document.body.appendChild(cover);
    document.title = "";
    window.__lotseLeaving = true;
    setTriggerValue("exit", true);
    // Streamlit sends the trigger from a zero-delay timer. Navigating right away could unload the page
    // before that timer runs, and the server would never clear the answers. A later zero-delay timer
    // runs after it (timers run in order); the page is already blank meanwhile.
    setTimeout(() => {
      if (window.history.state && window.history.state.lotseGuard) {
        // The wizard's extra history entry (ui/screen.py) goes first, so that the neutral page takes
        // the place of Lotse's own entry and "Back" leads to the page before Lotse.
        const away = (event) => {
          event.stopImmediatePropagation();  // Streamlit must not start a run that swallows the exit
          window.location.replace(config.url);
        };
        window.addEventListener("popstate", away, { once: true, capture: true });
        window.history.back();
      } else {
        window.location.replace(config.url);
      }
    }, 0);
  };
  parentElement.querySelector("[data-exit]").onclick = leave;
  // The page scrolls above the bar (see the CSS): tell it the bar's height, also when the bar wraps.
  const bar = parentElement.querySelector(".lotse-bar");
  if (window.__lotseBarSize) { window.__lotseBarSize.disconnect(); }
  window.__lotseBarSize = new ResizeObserver(() => {
    document.documentElement.style.setProperty("--lotse-bar-height", bar.offsetHeight + "px");
  });
  window.__lotseBarSize.observe(bar);
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

  // Streamlit's own English labels, in the page's language: attributes screen readers announce and
  // texts people see (the skip link). Streamlit adds elements at any time, so watch for them.
  const labels = config.labels;
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "aria-valuetext"];
  // A whole label ("Clear date"), its first part before ", " ("day, <the field's label>") or its
  // last part after " – " (a date field's month: "12 – December").
  const translated = (value) => {
    if (Object.hasOwn(labels, value)) { return labels[value]; }
    const cut = value.indexOf(", ");
    const head = cut > 0 ? value.slice(0, cut) : "";
    if (head && Object.hasOwn(labels, head)) { return labels[head] + value.slice(cut); }
    const dash = value.lastIndexOf(" – ");
    const tail = dash > 0 ? value.slice(dash + 3) : "";
    return tail && Object.hasOwn(labels, tail) ? value.slice(0, dash + 3) + labels[tail] : null;
  };
  const translate = (root) => {
    if (!(root instanceof Element)) { return; }
    for (const el of [root, ...root.querySelectorAll("*")]) {
      for (const name of ATTRIBUTES) {
        const value = el.getAttribute(name);
        const german = value && translated(value);
        if (german) { el.setAttribute(name, german); }
      }
      // Material icons beside text are decoration; Streamlit names them in English ("block icon"),
      // also those written into Markdown (":material/block:", a role="img" with the icon's name).
      const label = el.getAttribute("aria-label");
      const named = label && label.endsWith(" icon");
      const inMarkdown = el.getAttribute("role") === "img" && label === el.textContent.trim() + " icon";
      if (named && (el.dataset.testid === "stIconMaterial" || inMarkdown)) {
        el.removeAttribute("aria-label");
        el.removeAttribute("role");
        el.setAttribute("aria-hidden", "true");
      }
      if (el.childElementCount === 0) {
        const text = el.textContent.trim();
        if (text && Object.hasOwn(labels, text)) { el.textContent = labels[text]; }
      }
    }
  };
  translate(document.body);
  if (window.__lotseTranslator) { window.__lotseTranslator.disconnect(); }
  window.__lotseTranslator = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "attributes") { translate(mutation.target); }
      if (mutation.type === "characterData") { translate(mutation.target.parentElement); }
      for (const node of mutation.addedNodes) { translate(node.nodeType === 3 ? node.parentElement : node); }
    }
  });
  window.__lotseTranslator.observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
  return markScreen(data || {}, setTriggerValue);
}
"""

_BAR: dict[str, tuple[Texts, Callable[..., Any]]] = {}
"""The bar's component for the texts it was made from (one, unless an editor changes the words)."""


def _script(texts: Texts) -> str:
    """The bar's script with what it needs (the neutral page, the language, Streamlit's labels) written
    into it: the same for every run, so no run sends or serializes them again."""
    data = {"url": NEUTRAL_URL, "lang": texts.language, "labels": dict(texts.streamlit)}
    literal = json.dumps(data, ensure_ascii=True).replace("<", "\\u003c")
    return f"const DATA = {literal};\n{screen.JS}\n{_JS}"


def _bar(texts: Texts) -> Callable[..., Any]:
    held = _BAR.get("bar")
    if held is None or held[0] is not texts:
        words = texts.bar.model_dump()
        html = _HTML.format(**{name: escape(text) for name, text in words.items()})
        component = st.components.v2.component(
            "lotse_safety_bar", html=html, css=_CSS + ACTION_CSS, js=_script(texts), isolate_styles=False
        )
        held = _BAR["bar"] = (texts, component)
    return held[1]


def _clear_session() -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def safety_bar(texts: Texts, marker: screen.Marker | None = None) -> None:
    """Render the emergency line and quick exit, set the page language and translate Streamlit's own
    labels; mark the wizard's screen (`marker`, see ui/screen.py). Call once per run, before the page
    content."""
    _bar(texts)(
        key=KEY,
        data=None if marker is None else marker.data(),
        on_exit_change=_clear_session,
        on_go_change=lambda: screen.follow_back(marker, st.session_state[KEY]),
    )
