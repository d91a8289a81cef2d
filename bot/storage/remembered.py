"""What a repository remembers per person, so as to save database trips: only where this
process is the database's one writer (SQLite), and only for the people using the bot lately."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

from bot.storage.backend import Database

PEOPLE_REMEMBERED = 1_000
"""How many people each memory holds, those asked last kept. An SQLite deployment is one
process, and the people whose next command saves a trip are those active in it within the
last minutes: a few hundred, not tens of thousands. Measured (tracemalloc, through the
repositories), one person costs about 2.2 KB over all the memories, a running day with one
entry 1 KB of it and each further entry some 0.35 KB: about 2.2 MB for 1,000 people, where
10,000 cost 22 (the bench's footprint run has 10,000 people log once each)."""

V = TypeVar("V")


class PerPerson(Generic[V]):
    """user id → what is known of the person; past ``limit`` people, the one asked least
    recently is let go. Off (remembers nothing) on a database that several processes share,
    where another process may change what is known at any time."""

    __slots__ = ("_known", "_limit")

    def __init__(self, db: Database, limit: int = PEOPLE_REMEMBERED) -> None:
        self._known: OrderedDict[int, V] = OrderedDict()
        self._limit = 0 if db.shared else limit

    @property
    def on(self) -> bool:
        return self._limit > 0

    def __contains__(self, user_id: int) -> bool:
        return user_id in self._known

    def __len__(self) -> int:
        return len(self._known)

    def get(self, user_id: int) -> V | None:
        """What is known of the person (None: nothing), who becomes the latest asked."""
        value = self._known.get(user_id)
        if value is not None or user_id in self._known:
            self._known.move_to_end(user_id)
        return value

    def put(self, user_id: int, value: V) -> None:
        """Remember ``value`` as the latest asked, letting the least recent go past the
        limit (nothing at all when off)."""
        self._known[user_id] = value
        self._known.move_to_end(user_id)
        while len(self._known) > self._limit:
            self._known.popitem(last=False)

    def drop(self, user_id: int) -> None:
        self._known.pop(user_id, None)
