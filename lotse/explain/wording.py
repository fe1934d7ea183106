"""Conditions from the flow in plain words, for trainers and editors; the words are in texts/de.yaml.

`danger == 'yes'` becomes "Sie „Ja, ich bin jetzt in Gefahr.“ gewählt haben": a subordinate clause
that fits after "weil" or "wenn" (`condition_words`), or, on the arrows of the flow map, just
"„Ja, ich bin jetzt in Gefahr.“" (`condition_label`). Shapes the phrasing does not know fall back to
the condition itself, so a new kind of condition in the YAML never breaks the trainer page.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from jinja2 import nodes

from lotse.content.expressions import make_environment
from lotse.content.loader import CompiledRule, Content
from lotse.content.schema import InfoNode, QuestionNode, ResultNode
from lotse.content.texts import ChoiceWords, WordingTexts, fill

_ENV = make_environment()


class _UnknownShapeError(Exception):
    """A condition shape without a phrasing."""


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
    """`source` (or, with `negate`, its opposite) as a subordinate clause. `asked_here` is the question
    just answered: its text is left out ("Sie „Ja“ gewählt haben", not "Sie bei „…“ „Ja“ …")."""
    words = content.texts.wording
    try:
        phrasing = _Phrasing(content, words, words.clause, asked_here)
        return phrasing.say(_parse(source), negate)
    except (_UnknownShapeError, AttributeError, IndexError):
        return fill(words.condition_fails if negate else words.condition_holds, condition=source)


def condition_label(content: Content, source: str, asked_here: str | None = None) -> str:
    """`source` as a short label for an arrow of the flow map, e.g. "„Ja, ich bin jetzt in Gefahr.“"."""
    words = content.texts.wording
    short = {"incident": content.texts.scenarios.incidents, "police": content.texts.scenarios.police}
    try:
        return _Phrasing(content, words, words.label, asked_here, short).say(_parse(source), negate=False)
    except (_UnknownShapeError, AttributeError, IndexError):
        return source


def rule_label(content: Content, node_id: str, rules: list[CompiledRule], index: int) -> str:
    """The label of one arrow: its condition in words, "sonst" for the fallback, nothing if it is alone."""
    rule = rules[index]
    if rule.condition is not None:
        return condition_label(content, rule.condition.expanded, node_id)
    return content.texts.wording.otherwise if len(rules) > 1 else ""


@lru_cache(maxsize=1024)
def _parse(source: str) -> nodes.Node:
    # The flow's conditions, parsed once each (the trace and the flow map ask for the same ones on every
    # rerun of the trainer page); the tree is only read.
    return _ENV.parse("{{ (" + source + ") }}").body[0].nodes[0]  # type: ignore[attr-defined]


class _Phrasing:
    def __init__(
        self,
        content: Content,
        words: WordingTexts,
        choice: ChoiceWords,
        asked_here: str | None,
        short: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.questions = content.questions()
        self.words, self.choice, self.asked_here = words, choice, asked_here
        self.short = short or {}
        """Short names of some answers (the scenario library's), used instead of the quoted labels."""

    def say(self, node: nodes.Node, negate: bool) -> str:
        return self.negated(node) if negate else self.clause(node)

    def clause(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.And):
            return f"{self.clause(node.left)} {self.words.and_word} {self.clause(node.right)}"
        if isinstance(node, nodes.Or):
            return f"{self.clause(node.left)} {self.words.or_word} {self.clause(node.right)}"
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
            return f"{self.negated(node.left)} {self.words.or_word} {self.negated(node.right)}"
        if isinstance(node, nodes.Or):
            return f"{self.negated(node.left)} {self.words.and_word} {self.negated(node.right)}"
        if isinstance(node, nodes.Test) and node.name == "any_of" and isinstance(node.node, nodes.Name):
            values = [v for arg in node.args for v in _literals(arg)]
            return self.chosen(node.node.name, values, "any", negate=True)
        if isinstance(node, nodes.Compare) and len(node.ops) == 1:
            flipped = {"eq": "ne", "ne": "eq", "in": "notin", "notin": "in"}.get(node.ops[0].op)
            if flipped:
                return self.compare(node.expr, flipped, node.ops[0].expr)
        return fill(self.words.not_applies, clause=self.clause(node))

    def compare(self, left: nodes.Node, op: str, right: nodes.Node) -> str:
        if isinstance(left, nodes.Name) and op in {"eq", "ne"}:
            mode = "only" if isinstance(right, nodes.List) else "one"
            return self.chosen(left.name, _literals(right), mode, negate=op == "ne")
        if isinstance(left, nodes.Name) and op in {"in", "notin"}:
            return self.chosen(left.name, _literals(right), "any", negate=op == "notin")
        if isinstance(right, nodes.Name) and op in {"in", "notin"}:
            return self.chosen(right.name, _literals(left), "any", negate=op == "notin")
        raise _UnknownShapeError

    def chosen(self, key: str, values: list[str], mode: str, negate: bool = False) -> str:
        question = self.questions.get(key)
        if question is None or not values:
            raise _UnknownShapeError
        short = self.short.get(key, {})
        labels = [short.get(value) or fill(self.words.quoted, text=question.label_of(value)) for value in values]
        at = "" if key == self.asked_here else fill(self.choice.at, question=question.text)
        if mode == "only":
            joined = f" {self.words.and_word} ".join(labels)
            return fill(self.choice.not_only if negate else self.choice.only, at=at, answers=joined)
        if len(labels) == 1:
            return fill(self.choice.not_chosen if negate else self.choice.chosen, at=at, answer=labels[0])
        listed = self.words.list_separator.join(labels[:-1])
        return fill(self.choice.none if negate else self.choice.any, at=at, answers=listed, last=labels[-1])


def _literals(node: nodes.Node) -> list[str]:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (nodes.List, nodes.Tuple)):
        items = [item.value for item in node.items if isinstance(item, nodes.Const) and isinstance(item.value, str)]
        if len(items) == len(node.items):
            return items
    raise _UnknownShapeError
