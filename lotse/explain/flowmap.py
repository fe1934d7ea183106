"""The flow as a Graphviz DOT graph, for `st.graphviz_chart` (rendered in the browser, no system Graphviz).

Questions are rounded boxes, info screens notes, the result a double box. Each edge is labelled with
its rule's condition in plain words (`wording.rule_label`), or "sonst" for the fallback after conditions. A
trace highlights the path: its nodes are numbered and blue, the rules that fired are thick blue edges,
and the current node (while playing a scenario) is amber.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from lotse.content.loader import Content
from lotse.explain.trace import TraceStep
from lotse.explain.wording import node_kind, node_title, rule_label

WRAP = 28
GREY, INK, BLUE, PALE_BLUE, AMBER, PALE_AMBER = "#94a3b8", "#334155", "#1d4ed8", "#dbeafe", "#b45309", "#fde68a"
SHAPES = {
    "question": 'shape=box, style="rounded,filled"',
    "info": 'shape=note, style="filled"',
    "result": 'shape=box, peripheries=2, style="rounded,filled"',
}


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as DOT's centred `\\n`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "")
    return '"' + escaped.replace("\n", "\\n") + '"'


def flow_dot(content: Content, path: Sequence[TraceStep] = (), current: str | None = None) -> str:
    """DOT source of the whole flow; the nodes and fired rules of `path` are highlighted."""
    numbers = {step.node_id: number for number, step in enumerate(path, start=1)}
    fired = {(step.node_id, step.rule_index) for step in path if step.rule_index is not None}
    lines = [
        "digraph lotse {",
        '  graph [rankdir=TB, bgcolor="transparent", nodesep=0.35, ranksep=0.45, fontname="Helvetica"];',
        f'  node [fontname="Helvetica", fontsize=11, color="{GREY}", fontcolor="{INK}", fillcolor="#ffffff"];',
        f'  edge [fontname="Helvetica", fontsize=9, color="{GREY}", fontcolor="#475569", arrowsize=0.7];',
    ]
    for node_id in content.flow.nodes:
        lines.append(_node_line(content, node_id, numbers.get(node_id), node_id == current))
    for node_id, rules in content.rules.items():
        for index, rule in enumerate(rules):
            label = rule_label(content, node_id, rules, index)
            lines.append(_edge_line(node_id, rule.target, label, (node_id, index) in fired))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_line(content: Content, node_id: str, number: int | None, is_current: bool) -> str:
    kind = node_kind(content, node_id)
    kind_label = content.texts.training.kinds[kind]
    heading = kind_label if number is None else f"{number} · {kind_label}"
    label = heading + "\n" + "\n".join(textwrap.wrap(node_title(content, node_id), WRAP))
    style = SHAPES[kind]
    if is_current:
        style += f', color="{AMBER}", fillcolor="{PALE_AMBER}", fontcolor="#111827", penwidth=3'
    elif number is not None:
        style += f', color="{BLUE}", fillcolor="{PALE_BLUE}", fontcolor="#0f172a", penwidth=2.5'
    return f"  {quote(node_id)} [label={quote(label)}, {style}];"


def _edge_line(source: str, target: str, label: str, on_path: bool) -> str:
    attributes = [f"label={quote(_wrap_label(label))}"] if label else []
    if on_path:
        attributes += [f'color="{BLUE}"', f'fontcolor="{BLUE}"', "penwidth=3", "style=bold"]
    suffix = f" [{', '.join(attributes)}]" if attributes else ""
    return f"  {quote(source)} -> {quote(target)}{suffix};"


def _wrap_label(label: str) -> str:
    return "\n".join(textwrap.wrap(label, WRAP, break_long_words=False)) or label
