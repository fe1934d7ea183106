"""Mein Fall: the person's private case file (ui/case.py; the core in lotse/case/)."""

from ui.case import render

render()
