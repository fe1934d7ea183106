"""The wizard's screens in the browser: each one opens at the top with keyboard focus on its heading,
and the browser's (or phone's) Back button goes one screen back inside Lotse.

Back: every screen the wizard moves forward to gets its own history entry (`history.pushState`) that
carries only the screen's depth, a small number (start 0, first question 1, …). The address stays as
it is: no answer and no screen name ever goes into the URL. Back fires `popstate` with the depth of the
entry before; the component tells the server, which goes back as far (`go`).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

KEY = "wizard_screen"

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const state = window.history.state || {};
  const here = typeof state.lotseDepth === "number" ? state.lotseDepth : null;
  if (here === null || data.depth < here) {
    window.history.replaceState({ ...state, lotseDepth: data.depth }, "");
  } else if (data.depth > here) {
    window.history.pushState({ ...state, lotseDepth: data.depth }, "");
  }
  window.__lotseDepth = data.depth;
  if (window.__lotsePop) { window.removeEventListener("popstate", window.__lotsePop); }
  window.__lotsePop = (event) => {
    const target = event.state && typeof event.state.lotseDepth === "number" ? event.state.lotseDepth : null;
    if (target !== null && target < window.__lotseDepth) { setTriggerValue("go", target); }
  };
  window.addEventListener("popstate", window.__lotsePop);

  if (window.__lotseScreen !== data.screen) {
    window.__lotseScreen = data.screen;
    // The new screen's heading may still be on its way: look for it for up to two seconds.
    const started = performance.now();
    const focusHeading = () => {
      const heading = [...document.querySelectorAll("[data-testid=stMain] h1")]
        .find((h) => h.textContent.trim() === data.heading);
      if (!heading) {
        if (performance.now() - started < 2000) { requestAnimationFrame(focusHeading); }
        return;
      }
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
      const main = document.querySelector("[data-testid=stMain]");
      if (main) { main.scrollTo({ top: 0 }); }
      window.scrollTo({ top: 0 });
    };
    focusHeading();
  }
  return () => {
    if (window.__lotsePop) { window.removeEventListener("popstate", window.__lotsePop); }
  };
}
"""

_screen = st.components.v2.component("lotse_screen", js=_JS, isolate_styles=False)


def screen(name: str, heading: str, depth: int, go: Callable[[int], None]) -> None:
    """Mark the screen `name` (heading `heading`, `depth` screens from the start). Call last on a screen.
    `go(depth)` runs when the browser's Back asks for an earlier screen."""

    def on_go() -> None:
        target = st.session_state[KEY].get("go")
        if isinstance(target, int):
            go(target)

    _screen(key=KEY, data={"screen": name, "heading": heading, "depth": depth}, on_go_change=on_go, height=0)
