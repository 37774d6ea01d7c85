"""Union–find over hashable items, with deterministic representatives."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    def __init__(self, items: Iterable[T] = (), order: Callable[[T], Any] = repr) -> None:
        """``order`` picks the root of a merged set: the item it ranks first."""
        self.parent: dict[T, T] = {}
        self.order = order
        # cannot-link constraints: a union that would join the two sides is refused
        self.apart: list[tuple[T, T]] = []
        for x in items:
            self.add(x)

    def add(self, x: T) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: T) -> T:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def keep_apart(self, a: T, b: T) -> None:
        self.apart.append((a, b))

    def union(self, a: T, b: T) -> bool:
        """Join the sets of a and b unless a cannot-link pair forbids it; True if joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        for x, y in self.apart:
            rx, ry = self.find(x), self.find(y)
            if {rx, ry} == {ra, rb}:
                return False
        # The smaller item is the root, so the result does not depend on union order.
        lo, hi = sorted((ra, rb), key=self.order)
        self.parent[hi] = lo
        return True

    def groups(self) -> dict[T, list[T]]:
        out: dict[T, list[T]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out
