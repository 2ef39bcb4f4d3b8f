"""The read replica (#30): a PostgreSQL streaming replica (`DATABASE_REPLICA_URL`, the database
alias `replica`) answers the public verification pages, so verification keeps answering while
the primary is down.

- `ReplicaRouter`: reads go to the alias this request chose (`replica` on the views named in
  `AUTENTIKA_REPLICA_VIEWS`, else `default`); writes always to `default`; migrations only on
  `default`. Outside a request (commands, the worker) everything is on `default`.
- `ReplicaMiddleware`: chooses the alias per request. A request that wrote sets the cookie
  `autentika_primer` for `DATABASE_REPLICA_PIN_SECONDS`: that browser's next public pages read
  from the primary (a signer who just revoked a letter sees it revoked), unless the primary
  does not answer, when the replica serves them anyway.
- `SessionMiddleware`: Django's, except that on a replica-served page a session that cannot be
  saved (the primary down) is left unsaved instead of failing the page.
Without `DATABASE_REPLICA_URL` there is no `replica` alias and all of this stays out of the way.
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "autentika_primer"
_reads_from: ContextVar[str] = ContextVar("autentika_reads_from", default=DEFAULT_DB_ALIAS)
_writes: ContextVar[list[str] | None] = ContextVar("autentika_writes", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reads_from_replica() -> bool:
    return _reads_from.get() == REPLICA


def database_answers(alias: str) -> bool:
    """Whether a new connection to `alias` opens (a probe beside the request's own)."""
    probe = connections.create_connection(alias)
    try:
        probe.ensure_connection()
        return True
    except DatabaseError:
        return False
    finally:
        probe.close()


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return REPLICA if reads_from_replica() else None

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # the shared cache's own writes (core/shared_cache.py) are not the visitor's: a kept page
        # does not pin its visitor to the primary
        if (writes := _writes.get()) is not None and model._meta.app_label != "django_cache":
            writes.append(model._meta.label)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def _served_by_replica(request: HttpRequest) -> bool:
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return False
    return view_name in settings.AUTENTIKA_REPLICA_VIEWS


class ReplicaMiddleware:
    """Before the session: it chooses where this request's reads go, sessions included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        replica = _served_by_replica(request) and not (
            request.COOKIES.get(PIN_COOKIE) and database_answers(DEFAULT_DB_ALIAS)
        )
        reads = _reads_from.set(REPLICA if replica else DEFAULT_DB_ALIAS)
        writes = _writes.set([])
        try:
            response = self.get_response(request)
            if _writes.get():
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        finally:
            _reads_from.reset(reads)
            _writes.reset(writes)
        return response


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except (OperationalError, InterfaceError):
            if not reads_from_replica():
                raise
            logger.warning("session not saved: the primary database does not answer")
            return response
