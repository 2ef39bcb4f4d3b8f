"""Reads made once per moment: inside `scope()`, `read(key, ...)` asks the database once per
key and hands every later caller the same answer.

A page asks the same questions many times (which steps may this user take, on the case page
and again in each panel; does the case have a draft; which disposition brought it here), each
once per step of the workflow table. A scope is opened where nothing is written until it closes
(a page drawn after its writes, a request that writes nothing), so an answer cannot go stale
inside it. Scopes nest: an inner one shares the outer one's answers.
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")


class ReadOnce:
    """One kind of read kept for the length of a scope (a context variable: per thread and per
    task, never shared between requests)."""

    def __init__(self, name: str) -> None:
        self._memo: ContextVar[dict[Hashable, Any] | None] = ContextVar(name, default=None)

    @contextmanager
    def scope(self) -> Iterator[None]:
        if self._memo.get() is not None:
            yield
            return
        token = self._memo.set({})
        try:
            yield
        finally:
            self._memo.reset(token)

    def read(self, key: Hashable, read: Callable[[], T]) -> T:
        memo = self._memo.get()
        if memo is None:
            return read()
        if key not in memo:
            memo[key] = read()
        result: T = memo[key]
        return result
