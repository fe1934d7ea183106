"""Sicherheits-Check: a personal safety check that turns open items into a dated plan (ui/safety.py)."""

from ui.safety import render

render()
