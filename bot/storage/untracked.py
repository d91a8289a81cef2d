"""Remembered log entries and meal items, kept out of the garbage collector's passes.

CPython's garbage collector looks for reference cycles. Each of its full passes walks every
object it tracks, and it starts one whenever a quarter more objects have lived long. The
storage layer keeps many small, long-lived values: each remembered person's running day and
saved meals. Tracked, they were a fifth to a third of a 30-item meal's CPU in the bench
(full passes of 30–80 ms; bench/README.md, session 4).

An entry or a meal item (an ``Intake``) holds only strings, numbers, None and datetimes, so
it can never be part of a cycle. CPython stops tracking a tuple or a dict of such values by
itself; ``untrack`` does the same for intakes, through the C API's ``PyObject_GC_UnTrack``.
Refcounting still frees each one the moment nothing holds it. Where that C API is not
reachable (an interpreter other than CPython), it does nothing.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterable

from bot.domain.intake import Intake


def _untrack_function() -> Callable[[object], None] | None:
    api = getattr(ctypes, "pythonapi", None)
    function = getattr(api, "PyObject_GC_UnTrack", None)
    if function is None:
        return None
    function.argtypes = [ctypes.py_object]
    function.restype = None
    return function  # type: ignore[no-any-return]


_UNTRACK = _untrack_function()


def untrack(intakes: Iterable[Intake]) -> None:
    """Stop the collector tracking each of ``intakes`` (only intakes: see the module)."""
    if _UNTRACK is None:
        return
    for intake in intakes:
        _UNTRACK(intake)
