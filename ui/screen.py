"""The wizard's screens in the browser: each one opens at the top with keyboard focus on its heading,
and the browser's (or phone's) Back button goes one screen back inside Lotse.

The screen marker is part of the safety bar's component (ui/chrome.py): one component per run instead
of two (each costs Streamlit a widget, a message and a scan of the session state per run). The bar is
placed before the page, so the marker is worked out from the wizard's state before the page renders
(`ui.guide.marker`); the script below then waits for the new screen's heading.

Back: beyond the start screen the page keeps one extra history entry (`lotseGuard`, added with
`history.pushState`; the address gains only a bare "#", so that Streamlit leaves that Back to us: no
answer and no screen name ever goes into the URL). Back leaves that entry and fires `popstate`; the
component tells the server to go one screen back (`go`, with the depth of the screen wanted, a small
number) and puts the entry back. On the start screen, and on every page but the guide, there is no
extra entry, so Back leaves Lotse (or goes to the page before) as usual. The quick exit (ui/chrome.py)
steps off the extra entry before it replaces the page, so Back after the exit never returns to Lotse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Marker:
    """The screen `name` with its heading, `depth` screens from the start; `go(depth)` runs when the
    browser's Back asks for the screen before."""

    name: str
    heading: str
    depth: int
    go: Callable[[int], None]

    def data(self) -> dict[str, Any]:
        return {"screen": self.name, "heading": self.heading, "depth": self.depth}


def follow_back(marker: Marker | None, sent: Mapping[str, Any]) -> None:
    """The browser's Back, as the component reported it (`sent`: its triggers)."""
    target = sent.get("go")
    if marker is not None and isinstance(target, int) and not isinstance(target, bool):
        marker.go(target)


JS = """
const markScreen = (data, setTriggerValue) => {
  window.__lotseDepth = data.depth || 0;
  const state = window.history.state || {};
  if (window.__lotseDepth > 0 && !state.lotseGuard) {
    // Streamlit reruns the page on every popstate, with no widget values, unless the address has a
    // "#": a bare one marks Lotse's own entry. Otherwise its rerun would race the "go" (and the quick
    // exit's) trigger, and the server, stopping a run for the newer one, can drop the trigger.
    if (!window.location.href.includes("#")) {
      window.history.replaceState(state, "", window.location.pathname + window.location.search + "#");
    }
    window.history.pushState({ ...state, lotseGuard: true }, "");
  }
  window.__lotsePath = window.location.pathname;
  if (window.__lotsePop) { window.removeEventListener("popstate", window.__lotsePop, { capture: true }); }
  // Listening before Streamlit (capture) and stopping the event there: Streamlit's own handler would
  // start a second run at the same moment, which can swallow the "go" (and the quick exit's) trigger.
  // Back to another page of Lotse (another address) stays Streamlit's.
  window.__lotsePop = (event) => {
    if (window.location.pathname !== window.__lotsePath || window.__lotseLeaving) { return; }
    const guarded = event.state && event.state.lotseGuard;
    if (guarded || window.__lotseDepth < 1) { return; }
    event.stopImmediatePropagation();
    setTriggerValue("go", window.__lotseDepth - 1);
    if (window.__lotseDepth > 1) {
      window.history.pushState({ ...(event.state || {}), lotseGuard: true }, "");
    }
  };
  window.addEventListener("popstate", window.__lotsePop, { capture: true });

  if (data.screen && window.__lotseScreen !== data.screen) {
    window.__lotseScreen = data.screen;
    // The marker comes before the page (it is part of the bar), so the new screen's heading is still
    // on its way: look for it for up to two seconds.
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
    if (window.__lotsePop) { window.removeEventListener("popstate", window.__lotsePop, { capture: true }); }
  };
};
"""
"""Marks the screen (`data`: the marker's data, or none on a page without screens); returns the cleanup."""
