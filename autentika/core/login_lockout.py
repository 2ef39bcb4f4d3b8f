"""The login lockout (django-axes), per client address and per account.

django-axes counts failed logins per username and client address (`AXES_LOCKOUT_PARAMETERS`)
and locks that pair after `AXES_FAILURE_LIMIT` failures within `AXES_COOLOFF_TIME`. A client
that changes its address (a forwarded entry behind one proxy, a botnet) starts a fresh pair
each time, so the account also has a cap across every address: after
`AUTENTIKA_LOGIN_ACCOUNT_LIMIT` failures within the same cool-off it is locked from anywhere
(`LoginLockoutHandler`, axes' own database handler with that one rule added).

An administrator ends a lockout early (`login_unlock`, the admin's user list action "Buka
kunci masuk"): the account's recorded failures are removed, and the unlock, an audit event
naming the account, also ends the second-factor code and signing lockouts, which count from
audit events since the last success or unlock (`core.audit.audit_lockout_remaining`).
"""

import datetime as dt
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType


def _cooloff() -> dt.timedelta:
    return dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))


def account_limit() -> int:
    return int(settings.AUTENTIKA_LOGIN_ACCOUNT_LIMIT)


def _recent_attempts(username: str, now: dt.datetime) -> list[tuple[dt.datetime, int]]:
    """(last attempt time, failures) of each of the account's addresses within the cool-off,
    newest first."""
    rows = AccessAttempt.objects.filter(username=username, attempt_time__gte=now - _cooloff())
    return list(rows.order_by("-attempt_time").values_list("attempt_time", "failures_since_start"))


class LoginLockoutHandler(AxesDatabaseHandler):
    """axes' database handler, with the account's cap across addresses: once the account's
    failures from every address reach AUTENTIKA_LOGIN_ACCOUNT_LIMIT, the failure count axes
    compares with its limit is at least that limit, whichever address asks."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username is None:
            return int(failures)
        recent = AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        )
        account = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
        if account >= account_limit():
            return max(int(failures), get_failure_limit(request, credentials))
        return int(failures)


def login_lockout_remaining(*, username: str, now: dt.datetime | None = None) -> int:
    """Seconds until `username` may log in again from some address, or 0: the lock of one of
    its addresses, or of the account across all addresses."""
    now = now or timezone.now()
    attempts = _recent_attempts(username, now)
    waits = [
        at + _cooloff() - now for at, count in attempts if count >= int(settings.AXES_FAILURE_LIMIT)
    ]
    total = 0
    for at, count in attempts:  # newest first: the lock ends when this one leaves the window
        total += count
        if total >= account_limit():
            waits.append(at + _cooloff() - now)
            break
    longest = max(waits, default=dt.timedelta(0))
    return int(longest.total_seconds()) + 1 if longest > dt.timedelta(0) else 0


@transaction.atomic
def login_unlock(*, actor: Any, user: Any) -> int:
    """An administrator ends `user`'s login lockout (every address) and, by the audit event
    this writes, their second-factor code and signing lockouts. Returns the number of failed
    logins removed."""
    if not (actor.is_active and actor.is_staff and actor.has_perm("auth.change_user")):
        raise PermissionDenied("Hanya administrator yang dapat membuka kunci akun.")
    username = user.get_username()
    attempts = AccessAttempt.objects.filter(username=username)
    failures = sum(attempts.values_list("failures_since_start", flat=True))
    addresses = sorted({str(address) for address in attempts.values_list("ip_address", flat=True)})
    attempts.delete()
    audit_record(
        event_type=AuditEventType.LOGIN_UNLOCKED,
        actor=actor,
        target=user,
        data={"username": username, "failures": failures, "addresses": addresses},
    )
    return failures
