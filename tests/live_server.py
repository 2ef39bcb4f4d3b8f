"""The live server of the browser tests answers one request at a time when its threads share
the test's database connection (SQLite in memory: pytest-django hands every server thread the
test's one connection). Two requests at once on one connection interleave their savepoints
("no such savepoint"), and a page now loads its preview images beside its own request. On
PostgreSQL each thread has its own connection and nothing is serialised. Connections are still
kept alive per thread; only the application's work on a request, its response included, holds
the lock."""

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

# A request never holds the lock longer than this (a test's own timeouts are shorter).
LOCK_TIMEOUT_SECONDS = 120


class _Released:
    """The response's body; the lock is released when the server closes it."""

    def __init__(self, body: Iterable[bytes], lock: threading.Lock) -> None:
        self.body, self.lock = body, lock

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.lock.release()


class OneRequestAtATimeServer(ThreadedWSGIServer):
    def set_app(self, application: Any) -> None:
        if not self.connections_override or application is None:
            super().set_app(application)
            return
        lock = threading.Lock()

        def serialised(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            if not lock.acquire(timeout=LOCK_TIMEOUT_SECONDS):
                raise RuntimeError("the live server's previous request never finished")
            try:
                body = application(environ, start_response)
            except BaseException:
                lock.release()
                raise
            return _Released(body, lock)

        super().set_app(serialised)


def live_server_serialise() -> None:
    LiveServerThread.server_class = OneRequestAtATimeServer
