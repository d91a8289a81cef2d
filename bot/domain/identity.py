"""An object as a cache key by its identity, for caches of pure functions of it."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class ByIdentity(Generic[T]):
    """``item`` compared and hashed by identity: hashing what the knowledge base holds (61
    foods' fields, every nutrient table) on each call would cost what the cache saves. What it
    holds is never changed, so the same object means the same content (a food built anew is
    another key); kept in the key, the object stays alive, so its id is never another's."""

    __slots__ = ("item",)

    def __init__(self, item: T) -> None:
        self.item = item

    def __hash__(self) -> int:
        return id(self.item)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByIdentity) and other.item is self.item
