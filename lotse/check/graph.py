"""The flow as a graph: every node reachable, a result reachable, no cycles (checked without recursion)."""

from __future__ import annotations

from lotse.content.loader import GUIDE_FILE, Content
from lotse.content.problems import Problem
from lotse.content.schema import ResultNode


def graph_problems(content: Content) -> list[Problem]:
    problems = []
    reachable = _reachable(content)
    for node_id in content.flow.nodes:
        if node_id not in reachable:
            problems.append(
                Problem(
                    GUIDE_FILE,
                    content.node_line(node_id),
                    f"Den Knoten '{node_id}' erreicht kein Weg. Verweisen Sie mit 'next' auf ihn oder löschen Sie ihn.",
                )
            )
    if not any(isinstance(content.flow.nodes[node], ResultNode) for node in reachable):
        problems.append(Problem(GUIDE_FILE, 1, "Kein Weg endet in einem Ergebnis (type: result)."))
    cycle = find_cycle(content)
    if cycle:
        problems.append(
            Problem(
                GUIDE_FILE,
                content.node_line(cycle[0]),
                f"Schleife: {' → '.join(cycle)}. Ein Weg darf keinen Knoten zweimal besuchen.",
            )
        )
    return problems


def _reachable(content: Content) -> set[str]:
    seen: set[str] = set()
    pending = [content.flow.start]
    while pending:
        node_id = pending.pop()
        if node_id in seen or node_id not in content.flow.nodes:
            continue
        seen.add(node_id)
        pending.extend(rule.target for rule in content.rules.get(node_id, []))
    return seen


def find_cycle(content: Content) -> list[str] | None:
    """A path that returns to a node, e.g. ['a', 'b', 'a']; None for an acyclic flow."""
    done: set[str] = set()
    for root in content.flow.nodes:
        if root in done:
            continue
        path: list[str] = [root]
        on_path = {root}
        branches = [iter(rule.target for rule in content.rules.get(root, []))]
        while branches:
            following = next(branches[-1], None)
            if following is None:
                branches.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif following in on_path:
                return path[path.index(following) :] + [following]
            elif following not in done:
                path.append(following)
                on_path.add(following)
                branches.append(iter(rule.target for rule in content.rules.get(following, [])))
    return None
