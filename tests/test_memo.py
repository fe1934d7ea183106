"""The one bounded memory of the core (lotse.content.memo)."""

from __future__ import annotations

from lotse.content.memo import Memo


def test_a_remembered_value_is_not_made_again_and_none_counts_as_remembered() -> None:
    memo: Memo[str, int | None] = Memo(4)
    made: list[str] = []
    assert memo.recall("a", lambda: made.append("a")) is None
    assert memo.recall("a", lambda: made.append("again")) is None
    assert made == ["a"]


def test_a_full_memory_starts_over_and_never_holds_more_than_its_size() -> None:
    memo: Memo[int, int] = Memo(2)
    memo.remember(1, 10)
    memo.remember(2, 20)
    memo.remember(2, 21)  # a known key replaces its value without starting over
    assert (len(memo), memo.get(1), memo.get(2)) == (2, 10, 21)
    memo.remember(3, 30)
    assert (len(memo), memo.get(1), memo.get(3)) == (1, None, 30)
