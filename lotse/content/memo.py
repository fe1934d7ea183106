"""The one bounded memory of the core: what a pure function worked out, kept for the process.

At most `size` entries; when it is full, it starts over (the few entries that matter come back at
once). Every read is one dictionary lookup, so another thread emptying the memory meanwhile cannot
fail a lookup; two threads working out the same value both get a correct one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> V | None:
        return self._entries.get(key)

    def remember(self, key: K, value: V) -> V:
        if len(self._entries) >= self.size and key not in self._entries:
            self._entries.clear()
        self._entries[key] = value
        return value

    def recall(self, key: K, make: Callable[[], V]) -> V:
        """The value remembered for `key`, else `make()` (then remembered)."""
        try:
            return self._entries[key]
        except KeyError:
            return self.remember(key, make())
