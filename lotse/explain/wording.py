"""Conditions from the flow in plain German, for trainers and editors.

`danger == 'yes'` becomes "Sie „Ja, ich bin jetzt in Gefahr.“ gewählt haben": a subordinate clause
that fits after "weil" or "wenn". Shapes the phrasing does not know fall back to the condition itself,
so a new kind of condition in the YAML never breaks the trainer page.
"""

from __future__ import annotations

from jinja2 import nodes

from lotse.content.expressions import make_environment
from lotse.content.loader import Content
from lotse.content.models import InfoNode, QuestionNode, ResultNode

_ENV = make_environment()


class _UnknownShapeError(Exception):
    """A condition shape without a German phrasing."""


def node_kind(content: Content, node_id: str) -> str:
    """question, info or result."""
    node = content.flow.nodes[node_id]
    return "question" if isinstance(node, QuestionNode) else "info" if isinstance(node, InfoNode) else "result"


def node_title(content: Content, node_id: str) -> str:
    """What a person sees on the node: the question, or the title of an info or result screen."""
    node = content.flow.nodes[node_id]
    if isinstance(node, QuestionNode):
        return node.text
    if isinstance(node, (InfoNode, ResultNode)):
        return node.title
    return node_id


def condition_words(content: Content, source: str, asked_here: str | None = None, negate: bool = False) -> str:
    """`source` (or, with `negate`, its opposite) as a German subordinate clause. `asked_here` is the
    question just answered: its text is left out ("Sie „Ja“ gewählt haben", not "Sie bei „…“ „Ja“ …")."""
    try:
        expression = _ENV.parse("{{ (" + source + ") }}").body[0].nodes[0]  # type: ignore[attr-defined]
        phrasing = _Phrasing(content, asked_here)
        return phrasing.negated(expression) if negate else phrasing.clause(expression)
    except (_UnknownShapeError, AttributeError, IndexError):
        return f"die Bedingung „{source}“ {'nicht ' if negate else ''}zutrifft"


class _Phrasing:
    def __init__(self, content: Content, asked_here: str | None) -> None:
        self.questions = content.questions()
        self.asked_here = asked_here

    def clause(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.And):
            return f"{self.clause(node.left)} und {self.clause(node.right)}"
        if isinstance(node, nodes.Or):
            return f"{self.clause(node.left)} oder {self.clause(node.right)}"
        if isinstance(node, nodes.Not):
            return self.negated(node.node)
        if isinstance(node, nodes.Compare) and len(node.ops) == 1:
            return self.compare(node.expr, node.ops[0].op, node.ops[0].expr)
        if isinstance(node, nodes.Test) and node.name == "any_of" and isinstance(node.node, nodes.Name):
            values = [v for arg in node.args for v in _literals(arg)]
            return self.chosen(node.node.name, values, "any")
        raise _UnknownShapeError

    def negated(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Not):
            return self.clause(node.node)
        if isinstance(node, nodes.And):
            return f"{self.negated(node.left)} oder {self.negated(node.right)}"
        if isinstance(node, nodes.Or):
            return f"{self.negated(node.left)} und {self.negated(node.right)}"
        if isinstance(node, nodes.Test) and node.name == "any_of" and isinstance(node.node, nodes.Name):
            values = [v for arg in node.args for v in _literals(arg)]
            return self.chosen(node.node.name, values, "any", negate=True)
        if isinstance(node, nodes.Compare) and len(node.ops) == 1:
            flipped = {"eq": "ne", "ne": "eq", "in": "notin", "notin": "in"}.get(node.ops[0].op)
            if flipped:
                return self.compare(node.expr, flipped, node.ops[0].expr)
        return f"nicht gilt: {self.clause(node)}"

    def compare(self, left: nodes.Node, op: str, right: nodes.Node) -> str:
        if isinstance(left, nodes.Name) and op in {"eq", "ne"}:
            values = _literals(right)
            mode = "only" if isinstance(right, nodes.List) else "one"
            return self.chosen(left.name, values, mode, negate=op == "ne")
        if isinstance(left, nodes.Name) and op in {"in", "notin"}:
            return self.chosen(left.name, _literals(right), "any", negate=op == "notin")
        if isinstance(right, nodes.Name) and op in {"in", "notin"}:
            return self.chosen(right.name, _literals(left), "any", negate=op == "notin")
        raise _UnknownShapeError

    def chosen(self, key: str, values: list[str], mode: str, negate: bool = False) -> str:
        question = self.questions.get(key)
        if question is None or not values:
            raise _UnknownShapeError
        labels = [f"„{question.label_of(value)}“" for value in values]
        where = "" if key == self.asked_here else f"bei „{question.text}“ "
        if mode == "only":
            return f"Sie {where}{'nicht ' if negate else ''}nur {' und '.join(labels)} gewählt haben"
        if len(labels) == 1:
            return f"Sie {where}{'nicht ' if negate else ''}{labels[0]} gewählt haben"
        if negate:
            return f"Sie {where}weder {', '.join(labels[:-1])} noch {labels[-1]} gewählt haben"
        return f"Sie {where}{', '.join(labels[:-1])} oder {labels[-1]} gewählt haben"


def _literals(node: nodes.Node) -> list[str]:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (nodes.List, nodes.Tuple)):
        items = [item.value for item in node.items if isinstance(item, nodes.Const) and isinstance(item.value, str)]
        if len(items) == len(node.items):
            return items
    raise _UnknownShapeError
