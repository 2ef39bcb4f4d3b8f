"""The live server of the browser tests answers one request at a time when its threads share
the test's database connection (SQLite in memory: pytest-django hands every server thread the
test's one connection). Two requests at once on one connection interleave their savepoints
("no such savepoint"), and a page now loads its preview images beside its own request. On
PostgreSQL each thread has its own connection and nothing is serialised. Connections are still
kept alive per thread; only the application's work on a request, its response included, holds
the lock.

The server also counts the connections it holds, from their acceptance to their close: a
browser test closes its browser context, then waits until the server holds none
(`live_server_quiet_wait`), so the test's database is emptied only after the server has answered
everything the page asked for."""

import select
import threading
import time
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


_SERVERS: list["OneRequestAtATimeServer"] = []


class OneRequestAtATimeServer(ThreadedWSGIServer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections_open = 0
        self._connections_changed = threading.Condition()
        _SERVERS.append(self)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_changed:
            self._connections_open += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        try:
            super().shutdown_request(request)
        finally:
            with self._connections_changed:
                self._connections_open -= 1
                self._connections_changed.notify_all()

    def quiet(self) -> bool:
        """No connection held and none waiting to be accepted."""
        if self._connections_open:
            return False
        waiting, _, _ = select.select([self.socket], [], [], 0)
        return not waiting

    def quiet_wait(self, deadline: float) -> None:
        with self._connections_changed:
            while not self.quiet():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the live server still holds a connection")
                self._connections_changed.wait(min(left, 0.05))

    def server_close(self) -> None:
        super().server_close()
        if self in _SERVERS:
            _SERVERS.remove(self)

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


def live_server_quiet_wait(timeout: float = 30) -> None:
    """Wait until every live server of this process holds no connection (call it after
    closing the browser's context: nothing can then ask for more)."""
    deadline = time.monotonic() + timeout
    for server in list(_SERVERS):
        server.quiet_wait(deadline)
