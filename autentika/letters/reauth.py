"""Re-authentication at signing: the signer's password and their key's passphrase, throttled
and locked out like the login (the same limit and cool-off: AXES_FAILURE_LIMIT,
AXES_COOLOFF_TIME), with one message for any wrong secret so the page is no oracle for which
of the two is wrong.

A failed signing rolls back its whole transaction, so a counter written inside it would
vanish. The failures are counted instead from the audit log: `letter_sign` records every
refusal as a `letters.sign_failed` event after the rollback (hash-chained, append-only). A
wrong secret is the event whose error is exactly `WRONG_SECRET`; a successful signing starts
the count again, as a successful login does in django-axes. A login locked out by axes for the
same username (from any address) locks signing too.
"""

import datetime as dt
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.utils import timezone

from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.signing import SigningError, signer_load

WRONG_SECRET = "Kata sandi atau frasa sandi salah; surat belum ditandatangani."


def _limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def _cooloff() -> dt.timedelta:
    return dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))


def locked_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return (
        "Terlalu banyak percobaan kata sandi atau frasa sandi yang salah. Penandatanganan "
        f"dikunci; coba lagi dalam {minutes} menit. Surat belum ditandatangani."
    )


def _recent_failures(actor: Any, now: dt.datetime) -> list[dt.datetime]:
    since = now - _cooloff()
    last_success = (
        AuditEvent.objects.filter(actor=actor, event_type=AuditEventType.LETTER_SIGNED)
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )
    if last_success is not None and last_success > since:
        since = last_success
    return list(
        AuditEvent.objects.filter(
            actor=actor,
            event_type=AuditEventType.LETTER_SIGN_FAILED,
            occurred_at__gt=since,
            data__error=WRONG_SECRET,
        )
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
    )


def _login_locked(actor: Any, now: dt.datetime) -> int:
    from axes.models import AccessAttempt

    attempt = (
        AccessAttempt.objects.filter(
            username=actor.get_username(),
            failures_since_start__gte=_limit(),
            attempt_time__gt=now - _cooloff(),
        )
        .order_by("-attempt_time")
        .first()
    )
    if attempt is None:
        return 0
    return int((attempt.attempt_time + _cooloff() - now).total_seconds()) + 1


def lockout_remaining(*, actor: Any, now: dt.datetime | None = None) -> int:
    """Seconds until `actor` may try their secrets again at signing, or 0."""
    now = now or timezone.now()
    failures = _recent_failures(actor, now)
    signing = 0
    if len(failures) >= _limit():
        # the lock ends when the limit-th most recent failure leaves the cool-off window
        signing = int((failures[_limit() - 1] + _cooloff() - now).total_seconds()) + 1
    return max(signing, _login_locked(actor, now))


def password_refusal(*, actor: Any, password: str, now: dt.datetime | None = None) -> str | None:
    """None when the signer may go on; otherwise the Indonesian refusal to raise.

    A locked-out signer is refused before the password is even checked."""
    if wait := lockout_remaining(actor=actor, now=now):
        return locked_message(wait)
    if not password or not actor.check_password(password):
        return WRONG_SECRET
    return None


def signer_open(*, key_path: Path, passphrase: str, at: dt.datetime) -> Any:
    """The pyHanko signer from the signer's PKCS#12; a wrong passphrase raises SigningError
    with the same message as a wrong password. Other faults (an expired certificate, a key
    that does not match) keep their own message: they are no secret."""
    data = key_path.read_bytes()
    try:
        pkcs12.load_key_and_certificates(data, passphrase.encode() if passphrase else None)
    except (ValueError, TypeError) as error:
        raise SigningError(WRONG_SECRET) from error
    return signer_load(pkcs12_bytes=data, passphrase=passphrase, at=at)
