"""On SQLite a write transaction locks the whole database: a letter signed inside one (render,
signature, TSA and OCSP round trips: seconds, more through BSrE) made every other write of the
office wait. There, signings are serialized by a lock of their own instead (a file lock beside
the database file, so every process of the installation shares it; a process lock for an
in-memory database, which only one process sees) and the database transaction covers only the
number and the letter's rows. PostgreSQL locks rows, not the database: it keeps the one
transaction with the counter's row lock (letters/services.py)."""

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_in_memory_lock = threading.Lock()


def signs_outside_the_write_lock() -> bool:
    """SQLite, and not already inside a transaction (a caller's transaction, e.g. a test's,
    would hold the write lock anyway)."""
    return connection.vendor == "sqlite" and not connection.in_atomic_block


def _database_file() -> str | None:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        return None
    return name


@contextmanager
def signings_serialized() -> Iterator[None]:
    """One signing at a time on this database, across every process that opens it."""
    path = _database_file()
    if path is None:
        with _in_memory_lock:
            yield
        return
    with open(f"{path}.signing-lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
