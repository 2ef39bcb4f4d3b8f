"""Hooks through which later parts contribute to earlier ones (navigation, home counters,
panels, books), so imports keep pointing one way; and the one seam for "after an event": audit
listeners, each declaring whether it runs in the event's transaction or after the commit
(`register_audit_listener`, run by `core.audit.audit_record`)."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from autentika.core.permissions import Action


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    action: Action
    order: int = 100


@dataclass(frozen=True)
class Counter:
    label: str
    value: int
    url: str = ""
    tone: str = "primary"


CounterProvider = Callable[[Any, Any], list[Counter]]

_nav_items: list[NavItem] = []
_counter_providers: list[CounterProvider] = []


def register_nav_item(item: NavItem) -> None:
    if item not in _nav_items:
        _nav_items.append(item)


def nav_items() -> list[NavItem]:
    return sorted(_nav_items, key=lambda item: item.order)


def register_counter_provider(provider: CounterProvider) -> None:
    """`provider(user, office)` returns the counters of what waits for that user."""
    if provider not in _counter_providers:
        _counter_providers.append(provider)


def counter_providers() -> list[CounterProvider]:
    return list(_counter_providers)


DemoSeeder = Callable[[Callable[[str], None]], None]
_demo_seeders: list[tuple[int, DemoSeeder]] = []


def register_demo_seeder(seeder: DemoSeeder, *, order: int) -> None:
    """`seeder(write)` loads one part's demo data idempotently, reporting through `write`."""
    if all(existing is not seeder for _, existing in _demo_seeders):
        _demo_seeders.append((order, seeder))


def demo_seeders() -> list[DemoSeeder]:
    return [seeder for _, seeder in sorted(_demo_seeders, key=lambda pair: pair[0])]


BookExporter = Callable[..., bytes]
_books: dict[str, dict[str, BookExporter]] = {}


def register_book(name: str, *, pdf: BookExporter, xlsx: BookExporter) -> None:
    """A printable register (buku). Exporters take `office=` and `period=` and return bytes."""
    _books[name] = {"pdf": pdf, "xlsx": xlsx}


def books() -> dict[str, dict[str, BookExporter]]:
    return dict(_books)


@dataclass(frozen=True)
class Panel:
    template_name: str
    context: dict[str, Any]
    order: int = 100


CasePanelProvider = Callable[[Any, Any], Panel | None]
_case_panels: list[CasePanelProvider] = []


def register_case_panel(provider: CasePanelProvider) -> None:
    """`provider(request, case)` returns a panel the case page shows, or None."""
    if provider not in _case_panels:
        _case_panels.append(provider)


def case_panels(request: Any, case: Any) -> list[Panel]:
    panels = [panel for provider in _case_panels if (panel := provider(request, case))]
    return sorted(panels, key=lambda panel: panel.order)


LandingProvider = Callable[[Any], str | None]
_landings: list[LandingProvider] = []


def register_landing(provider: LandingProvider) -> None:
    """`provider(user)` returns the address a user without a staff position starts at."""
    if provider not in _landings:
        _landings.append(provider)


def landing_for(user: Any) -> str | None:
    return next((url for provider in _landings if (url := provider(user))), None)


OverdueProvider = Callable[[Any, Any], set[int]]
_overdue_providers: list[OverdueProvider] = []


def register_overdue_provider(provider: OverdueProvider) -> None:
    """`provider(office, cases)` returns the ids of those cases that are late by its rule."""
    if provider not in _overdue_providers:
        _overdue_providers.append(provider)


def overdue_ids(office: Any, cases: Any) -> set[int]:
    return set().union(*(provider(office, cases) for provider in _overdue_providers))


class ListenerWhen(StrEnum):
    """When an audit listener runs (the one seam for "after an event")."""

    # Inside the event's transaction: a read model that must agree with the log (an error
    # rolls the step back with its event, so the log and the model never disagree).
    TRANSACTION = "transaction"
    # After the step commits, in a transaction of its own (`on_commit`, robust): notices,
    # e-mail, caches, anything that reports. A rolled-back step tells nobody; an error is
    # logged and never undoes or breaks the step.
    COMMIT = "commit"


@dataclass(frozen=True)
class AuditListener:
    name: str
    listen: Callable[[Any], None]
    when: str


_audit_listeners: dict[str, AuditListener] = {}


def register_audit_listener(name: str, listen: Callable[[Any], None], *, when: str) -> None:
    """`listen(event)` runs for each audit event written (`core.audit.audit_record`), `when`
    one of `ListenerWhen` (the start-up check `autentika.E014` refuses any other)."""
    _audit_listeners[name] = AuditListener(name, listen, when)


def unregister_audit_listener(name: str) -> None:
    _audit_listeners.pop(name, None)


def audit_listeners() -> list[AuditListener]:
    return list(_audit_listeners.values())


# The books and audit listeners this installation relies on, by name (with when each listener
# runs): each later part registers its own from its AppConfig.ready, and the start-up checks
# (organization/checks.py) report one missing (E011, E012), one registered to run at another
# moment than this table says or at none of the two (E014), and a listener registered but not
# named here (E015), instead of an unknown book on a live export, a read model silently left
# behind, or a report that can roll a signing back.
BOOKS_NAMED = ("register", "outgoing", "receipts", "report")
AUDIT_LISTENERS_NAMED: dict[str, ListenerWhen] = {
    "reports.timeline": ListenerWhen.TRANSACTION,
    "notifications.desk": ListenerWhen.COMMIT,
    "portal.notices": ListenerWhen.COMMIT,
    # the QR pages kept in the shared cache, deleted after a revocation or replacement
    "verification.kept_pages": ListenerWhen.COMMIT,
    "operations.metrics": ListenerWhen.COMMIT,
}


PromiseProvider = Callable[[Any], list[tuple[str, str]]]
_promise_providers: list[PromiseProvider] = []


def register_service_promises(provider: PromiseProvider) -> None:
    """`provider(office)` returns the (step, target) the office promises (its settings)."""
    if provider not in _promise_providers:
        _promise_providers.append(provider)


def service_promises(office: Any) -> list[tuple[str, str]]:
    return [row for provider in _promise_providers for row in provider(office)]


TsaAnchorsProvider = Callable[[], list[Any]]
_tsa_anchors: list[TsaAnchorsProvider] = []


def register_tsa_anchors(provider: TsaAnchorsProvider) -> None:
    """`provider()` gives the TSA certificates (asn1crypto) a timestamp is trusted by, for the
    audit checkpoints (core/audit_checkpoint.py); the letters part knows them."""
    if provider not in _tsa_anchors:
        _tsa_anchors.append(provider)


def tsa_anchors() -> list[Any]:
    return [cert for provider in _tsa_anchors for cert in provider()]


# `keeper(request, user)` is asked, for a POST that arrives after the idle timeout ended its
# session (CSRF checked), whether it keeps what was posted for that user; it returns the page
# to open after logging in again, or None (#28).
ExpiredPostKeeper = Callable[[Any, Any], str | None]
_expired_post_keepers: list[ExpiredPostKeeper] = []


def register_expired_post_keeper(keeper: ExpiredPostKeeper) -> None:
    if keeper not in _expired_post_keepers:
        _expired_post_keepers.append(keeper)


def expired_post_keepers() -> list[ExpiredPostKeeper]:
    return list(_expired_post_keepers)


# `queuer(request=, draft=, password=, passphrase=)` starts a single signing from the web and
# returns the page to go to; it raises ValidationError or PermissionDenied for a refusal. The
# signing-runs part (bulk/) provides it: the letters part's signing page calls it.
SigningQueuer = Callable[..., Any]
_signing_queuers: list[SigningQueuer] = []


def register_signing_queuer(queuer: SigningQueuer) -> None:
    _signing_queuers[:] = [queuer]


def signing_queuer() -> SigningQueuer:
    if not _signing_queuers:
        raise LookupError("No signing queuer is registered (the bulk app is not installed).")
    return _signing_queuers[0]
