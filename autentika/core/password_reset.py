"""Password reset by e-mail, throttled (issue #27): at most
`AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT` e-mails per account and
`AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT` requests per client address within
`AUTENTIKA_PASSWORD_RESET_WINDOW_MINUTES`.

Each request is an `auth.password_reset_requested` audit event (the client address, the account
as its target, whether an e-mail went out); the limits are counted from those events. An account
over its limit gets no further e-mail while the page says what it says for any address, so the
page tells nobody whether an address has an account. An address over its limit is answered
HTTP 429 before the form is looked at: that says nothing about any account."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.client import client_address
from autentika.core.models import AuditEvent, AuditEventType


@dataclass(frozen=True)
class ResetDecision:
    address_wait: int  # seconds until the address may ask again; 0: it may
    users: tuple[Any, ...]  # the accounts an e-mail goes to


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=int(settings.AUTENTIKA_PASSWORD_RESET_WINDOW_MINUTES))


def _requests(now: dt.datetime) -> Any:
    return AuditEvent.objects.filter(
        event_type=AuditEventType.PASSWORD_RESET_REQUESTED, occurred_at__gt=now - _window()
    )


def address_wait(*, address: str, now: dt.datetime) -> int:
    """Seconds until `address` may request again, or 0."""
    limit = int(settings.AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT)
    times = list(
        _requests(now)
        .filter(data__address=address)
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)[:limit]
    )
    if len(times) < limit:
        return 0
    return int((times[-1] + _window() - now).total_seconds()) + 1


def account_may_receive(*, user: Any, now: dt.datetime) -> bool:
    sent = _requests(now).filter(
        target_type=user._meta.label_lower, target_id=str(user.pk), data__sent=True
    )
    return sent.count() < int(settings.AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT)


def password_reset_request(*, users: list[Any], address: str) -> ResetDecision:
    """Decide who gets a reset e-mail for one request and record it: nobody when the address
    is over its limit (nothing recorded then), otherwise each matching account under its own
    limit; one event per account (or one without a target when none matched)."""
    now = timezone.now()
    if wait := address_wait(address=address, now=now):
        return ResetDecision(wait, ())
    allowed = []
    with transaction.atomic():
        for user in users:
            sent = account_may_receive(user=user, now=now)
            audit_record(
                event_type=AuditEventType.PASSWORD_RESET_REQUESTED,
                target=user,
                data={"address": address, "sent": sent},
            )
            if sent:
                allowed.append(user)
        if not users:
            audit_record(
                event_type=AuditEventType.PASSWORD_RESET_REQUESTED,
                data={"address": address, "sent": False},
            )
    return ResetDecision(0, tuple(allowed))


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's form, sending only to the accounts the throttle allowed."""

    allowed: tuple[Any, ...] = ()

    def get_users(self, email: str) -> Any:
        allowed = {user.pk for user in self.allowed}
        return (user for user in super().get_users(email) if user.pk in allowed)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        request: HttpRequest = self.request
        decision = password_reset_request(
            users=list(PasswordResetForm.get_users(form, form.cleaned_data["email"])),
            address=client_address(request),
        )
        if decision.address_wait:
            minutes = max(1, (decision.address_wait + 59) // 60)
            return render(
                request, "account/password_reset_throttled.html", {"minutes": minutes}, status=429
            )
        form.allowed = decision.users
        return super().form_valid(form)
