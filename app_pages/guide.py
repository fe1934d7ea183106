"""Self-guided mode. The screens are rendered by ui.guide (see its docstring for why)."""

from ui.guide import render

render()
